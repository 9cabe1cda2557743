"""Study mode (`podium quiz`) and review mode (`podium review`): quizzes without the slides."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from tui.domain.learner import ReviewRecorder
from tui.domain.loader import Presentation
from tui.domain.quizbank import Question, QuizBank
from tui.domain.quizrun import QuizResult, QuizRun
from tui.domain.walk import quiz_title
from tui.ui.quiz_flow import start_section_quiz
from tui.ui.typed_app import podium_app
from tui.ui.widgets.key_bar import KeyBar


class StudyScreen(Screen[None]):
    """Takes the chosen sections' quizzes one after the other, then shows the summary."""

    CSS_PATH = "../styles/screens.tcss"

    BINDINGS = [Binding("q", "app.quit", "Quit")]

    def __init__(self, presentation: Presentation, sections: Sequence[int], seed: int) -> None:
        super().__init__()
        self.presentation = presentation
        self.sections = sections
        self.seed = seed
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

        start_section_quiz(self.app, self.presentation, podium_app(self).learner,
                           section, self.seed, done)

    def finish(self) -> None:
        from tui.ui.screens.summary import SummaryScreen

        banks = self.presentation.banks
        rows = tuple((quiz_title(self.presentation.deck.sections[s], banks[s]), self.results.get(s))
                     for s in self.sections)
        self.query_one("#study-status", Static).update("Study done. q quits.")
        self.app.push_screen(SummaryScreen(rows), lambda _: self.app.exit())


def review_bank(due: Sequence[tuple[int, Question]]) -> QuizBank:
    """The due questions as one bank, in the order given (most overdue first)."""
    return QuizBank(questions=tuple(question for _, question in due), path="review", title="Review",
                    shuffle=False)


class ReviewScreen(Screen[None]):
    """Asks the questions due for review, most overdue first, and reschedules each one."""

    CSS_PATH = "../styles/screens.tcss"

    BINDINGS = [Binding("q", "app.quit", "Quit")]

    def __init__(self, presentation: Presentation, due: Sequence[tuple[int, Question]], seed: int) -> None:
        super().__init__()
        self.presentation = presentation
        self.due = due
        self.seed = seed

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
        run = QuizRun(review_bank(self.due), "Review", deck.info.pass_mark, seed=self.seed)
        sections = [section for section, _ in self.due]
        recorder = ReviewRecorder(podium_app(self).learner, sections, run)

        def reader(index: int) -> SectionReader:
            return SectionReader(deck, sections[index])

        def finished(result: QuizResult | None) -> None:
            if result is None:
                self.app.exit()
                return
            self.app.push_screen(ResultsScreen(result, self.seed), lambda _: self.app.exit())

        self.app.push_screen(QuizScreen(run, recorder=recorder, reader=reader), finished)
