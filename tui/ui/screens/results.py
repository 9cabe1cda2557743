"""A section quiz's results: score, pass or fail, and a review of every question."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from tui.domain.quizrun import QuizResult, response_text
from tui.ui.screens.dismiss_once import DismissOnce
from tui.ui.screens.quiz import QUIZ_STYLES, VERDICT_TEXT, points_text
from tui.ui.widgets.key_bar import KeyBar


def score_line(result: QuizResult) -> Text:
    verdict = "PASSED" if result.passed else "NOT PASSED"
    return Text.assemble(
        (points_text(result.points, result.possible), "bold"),
        f" · {result.fraction:.0%} · ",
        (verdict, "bold"),
        f" (pass mark {result.pass_mark:.0%})",
    )


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
        result = self.result
        with VerticalScroll(id="results"):
            yield Static(Text.assemble(("Results · ", "bold"), result.section), id="results-title")
            yield Static(score_line(result), id="results-score",
                         classes="-passed" if result.passed else "-failed")
            yield Static(f"Seed {self.seed}: replay this order with --seed {self.seed}",
                         id="results-seed", markup=False)
            for number, answered in enumerate(result.answers, 1):
                question = answered.question
                verdict, css_class = VERDICT_TEXT[answered.grade.verdict]
                body = Text.assemble(
                    (f"{number}. {verdict}", "bold"),
                    f" · {points_text(answered.grade.points, answered.grade.possible)}\n",
                    (question.prompt, "bold"), "\n",
                    "Your answer: ", response_text(question, answered.response), "\n",
                    "Right answer: ", question.right_answer(),
                )
                if answered.hint_used:
                    body.append("\n(hint used)", style="italic")
                if question.explanation:
                    body.append("\n")
                    body.append(question.explanation, style="italic")
                yield Static(body, classes=f"review {css_class}")
        yield KeyBar()

    def action_scroll(self, direction: int) -> None:
        self.query_one("#results", VerticalScroll).scroll_relative(y=direction * 3, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
