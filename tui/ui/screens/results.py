"""A section quiz's results: score, pass or fail, and a review of every question."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen

from tui.domain.quizrun import QuizResult
from tui.ui.screens.dismiss_once import DismissOnce
from tui.ui.screens.quiz import QUIZ_STYLES
from tui.ui.widgets.key_bar import KeyBar
from tui.ui.widgets.review_list import ReviewList, score_line

__all__ = ["ResultsScreen", "score_line"]


class ResultsScreen(DismissOnce, Screen[None]):
    """Shown after a section's quiz; any continue key goes on to the next section."""

    DEFAULT_CSS = QUIZ_STYLES

    BINDINGS = [
        Binding("enter,right,space,pagedown,escape", "close", "Continue", priority=True),
        Binding("up,k", "scroll(-1)", "Scroll", show=False),
        Binding("down,j", "scroll(1)", show=False),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, result: QuizResult, seed: int) -> None:
        super().__init__()
        self.result = result
        self.seed = seed

    def compose(self) -> ComposeResult:
        yield ReviewList(self.result, self.seed, id="results")
        yield KeyBar()

    def action_scroll(self, direction: int) -> None:
        self.query_one(ReviewList).scroll_relative(y=direction * 3, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
