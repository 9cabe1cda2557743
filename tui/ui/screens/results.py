"""A section quiz's results: score, pass or fail, and a review of every question."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen

from tui.domain.missed import missed_in_result
from tui.domain.quizrun import QuizResult
from tui.ui.screens.dismiss_once import DismissOnce
from tui.ui.screens.quiz import QUIZ_STYLES
from tui.ui.widgets.key_bar import KeyBar
from tui.ui.widgets.review_list import ReviewList, score_line

__all__ = ["ResultsScreen", "score_line"]


RETAKE = "retake"
"""What the results screen dismisses with when the learner asks to retake the missed questions."""


class ResultsScreen(DismissOnce, Screen[str | None]):
    """Shown after a section's quiz; any continue key goes on to the next section, m (when
    `retakes`) dismisses with `RETAKE` to ask the missed questions again."""

    DEFAULT_CSS = QUIZ_STYLES

    BINDINGS = [
        Binding("enter,right,space,pagedown,escape", "close", "Continue", priority=True),
        Binding("up,k", "scroll(-1)", "Scroll", show=False),
        Binding("down,j", "scroll(1)", show=False),
        Binding("m", "retake", "Retake missed"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, result: QuizResult, seed: int | None, *, retakes: bool = False,
                 replay: str | None = None) -> None:
        super().__init__()
        self.replay = replay
        self.result = result
        self.seed = seed
        self.retakes = retakes
        """Whether m offers to retake the missed questions (not in review mode)."""

    def compose(self) -> ComposeResult:
        yield ReviewList(self.result, self.seed, id="results", replay=self.replay)
        yield KeyBar()

    def action_scroll(self, direction: int) -> None:
        self.query_one(ReviewList).scroll_relative(y=direction * 3, animate=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "retake":
            return self.retakes
        return True

    def action_close(self) -> None:
        self.dismiss(None)

    def action_retake(self) -> None:
        if not missed_in_result(self.result):
            self.notify("Nothing to retake: every question was answered right.", markup=False)
            return
        self.dismiss(RETAKE)
