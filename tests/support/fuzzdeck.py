"""What the key fuzzers (in process and in a pty) share: the keys they draw from, the deck
with one question of every type, and a history to start a learner's targets from."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual.command import CommandInput, CommandPalette
from textual.containers import VerticalScroll
from textual.widgets import Button

from tests.support.clock import DAY0
from tests.support.keyfuzz import alphabet
from tui.domain.learner import Learner
from tui.domain.loader import load_presentation
from tui.domain.quizrun import QuizRun
from tui.ui.app import PodiumApp
from tui.ui.notes_app import NotesApp
from tui.ui.screens.help import HelpScreen
from tui.ui.screens.overview import OverviewScreen
from tui.ui.screens.presenter import PresenterScreen
from tui.ui.screens.quiz import QuizScreen
from tui.ui.screens.reader import SectionReader
from tui.ui.screens.results import ResultsScreen
from tui.ui.screens.resume import ResumeScreen
from tui.ui.screens.speaker import SpeakerScreen
from tui.ui.screens.statistics import StatisticsScreen
from tui.ui.screens.study import ReviewScreen, StudyScreen
from tui.ui.screens.summary import SummaryScreen
from tui.ui.widgets.answer_inputs import (
    BlankInput,
    ChoicePicker,
    ManyPicker,
    MatchPicker,
    OrderPicker,
    TextAnswer,
)
from tui.ui.widgets.notes_panel import NotesPanel
from tui.ui.widgets.slide_view import SlideView

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

KEY_ALPHABET = alphabet([
    PodiumApp, NotesApp, PresenterScreen, OverviewScreen, HelpScreen, QuizScreen, ResultsScreen,
    SummaryScreen, ResumeScreen, StatisticsScreen, SectionReader, StudyScreen, ReviewScreen,
    SpeakerScreen, CommandPalette, CommandInput, ChoicePicker, ManyPicker, OrderPicker, TextAnswer,
    MatchPicker, BlankInput, SlideView, NotesPanel, VerticalScroll, Button,
])

EVERY_TYPE = load_presentation(FIXTURES / "every-type")
CLOZE_MATCH = load_presentation(FIXTURES / "cloze-match")


def learner_with_history(db: Path, *, finish: bool, when: datetime = DAY0) -> None:
    """Write one attempt at section 0 to the history at `db`: every question answered wrong and
    the attempt finished, or two questions answered and the attempt left open."""
    learner = Learner.open(db, EVERY_TYPE.deck, lambda: when)
    bank = EVERY_TYPE.banks[0]
    run = QuizRun(bank, "Basics quiz", 0.7, seed=3)
    recorder = learner.recorder(0, "Basics", run, None)
    for _ in range(len(run.asked) if finish else 2):
        recorder.answered(run.answer(None), 5.0)
    if finish:
        recorder.finished()
    learner.close()
