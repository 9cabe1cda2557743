"""Study mode (`podium quiz`) and review mode (`podium review`): quizzes without the slides."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from tui.domain.learner import ReviewRecorder
from tui.domain.loader import Presentation
from tui.domain.quizbank import Question
from tui.domain.quizrun import QuizResult
from tui.domain.relearn import RelearnRule, ReviewRun
from tui.domain.walk import quiz_title
from tui.ui.quiz_flow import start_retake, start_section_quiz
from tui.ui.typed_app import podium_app
from tui.ui.widgets.key_bar import KeyBar


class StudyScreen(Screen[None]):
    """Takes the chosen sections' quizzes one after the other, then shows the summary."""

    CSS_PATH = "../styles/screens.tcss"

    BINDINGS = [Binding("q", "app.quit", "Quit")]

    def __init__(self, presentation: Presentation, sections: Sequence[int], seed: int,
                 missed: Mapping[int, tuple[str, ...]] | None = None) -> None:
        super().__init__()
        self.presentation = presentation
        self.sections = sections
        self.seed = seed
        self.missed = missed
        """With `podium quiz --missed`: per section, the questions to retake (only those are asked)."""
        self.results: dict[int, QuizResult] = {}
        self.next_index = 0

    def compose(self) -> ComposeResult:
        yield Static("", id="study-status", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        podium_app(self).show_history_notices()
        self.call_after_refresh(self.next_quiz)

    def next_quiz(self) -> None:
        if self.next_index >= len(self.sections):
            self.finish()
            return
        section = self.sections[self.next_index]
        self.next_index += 1
        title = self.presentation.deck.sections[section].title
        self.query_one("#study-status", Static).update(f"Study · {title}")

        def done(result: QuizResult | None) -> None:
            if result is not None:
                self.results[section] = result
            self.next_quiz()

        learner = podium_app(self).learner
        if self.missed is not None:
            start_retake(self.app, self.presentation, learner, section, self.missed.get(section, ()),
                         self.seed, done, on_leave=self.finish)  # a retake is not resumed
            return
        # Leaving a quiz half way ends the study session: its summary shows what was taken.
        start_section_quiz(self.app, self.presentation, learner, section, self.seed, done, on_leave=self.left_quiz)

    def left_quiz(self) -> None:
        """The learner left the current quiz half way: the session ends, with its summary."""
        section = self.sections[self.next_index - 1]
        self.finish(quiz_title(self.presentation.deck.sections[section], self.presentation.banks[section]))

    def finish(self, left: str | None = None) -> None:
        from tui.ui.screens.summary import SummaryScreen

        banks = self.presentation.banks
        rows = tuple((quiz_title(self.presentation.deck.sections[s], banks[s]), self.results.get(s))
                     for s in self.sections)
        self.query_one("#study-status", Static).update("Study done. q quits.")
        self.app.push_screen(SummaryScreen(rows, left), lambda _: self.app.exit())


class ReviewScreen(Screen[None]):
    """Asks the questions due for review, most overdue first, and reschedules each one."""

    CSS_PATH = "../styles/screens.tcss"

    BINDINGS = [Binding("q", "app.quit", "Quit")]

    def __init__(self, presentation: Presentation, due: Sequence[tuple[int, Question]], seed: int,
                 rule: RelearnRule | None = None) -> None:
        super().__init__()
        self.presentation = presentation
        self.due = due
        self.seed = seed
        self.rule = rule or RelearnRule()
        self.run: ReviewRun | None = None

    def compose(self) -> ComposeResult:
        yield Static(f"Review · {len(self.due)} due", id="study-status", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        podium_app(self).show_history_notices()
        self.call_after_refresh(self.start)

    def start(self) -> None:
        from tui.ui.screens.quiz import QuizScreen
        from tui.ui.screens.reader import SectionReader
        from tui.ui.screens.results import ResultsScreen

        deck = self.presentation.deck
        run = ReviewRun.of(self.due, deck.info.pass_mark, self.seed, self.rule)
        self.run = run
        recorder = ReviewRecorder(podium_app(self).learner, run.sections, run)

        def reader(index: int) -> SectionReader:
            return SectionReader(deck, run.sections[index])

        def finished(result: QuizResult | None) -> None:
            if result is None:
                self.app.exit()
                return
            # No seed is shown: a review's order is the questions' due dates and the answers
            # given, which no seed replays.
            self.app.push_screen(ResultsScreen(result, None), lambda _: self.app.exit())

        self.app.push_screen(QuizScreen(run, recorder=recorder, reader=reader), finished)
