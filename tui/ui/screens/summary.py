"""Every section's quiz score and the deck's total."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.domain.quizrun import DeckScore, QuizResult
from tui.ui.screens.dismiss_once import DismissOnce
from tui.ui.screens.quiz import points_text


def summary_table(rows: tuple[tuple[str, QuizResult | None], ...], left: str | None = None) -> Table:
    """The rows' scores and the total; `left` names the quiz left half way (to resume)."""
    table = Table(expand=True, show_edge=False)
    table.add_column("Section", ratio=1)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("", justify="right", no_wrap=True)
    table.add_column("Result", no_wrap=True)
    for title, result in rows:
        if result is None:
            table.add_row(Text(title), "—", "", Text("left: resume later" if title == left else "not taken"))
        else:
            table.add_row(Text(title), points_text(result.points, result.possible),
                          f"{result.fraction:.0%}", Text("passed" if result.passed else "not passed"))
    score = DeckScore(rows)
    table.add_section()
    table.add_row(Text("Total", style="bold"), points_text(score.points, score.possible),
                  f"{score.fraction:.0%}", "")
    return table


class SummaryScreen(DismissOnce, ModalScreen[None]):
    """The deck's quiz summary; shown after the last section and on `r`."""

    CSS_PATH = "../styles/screens.tcss"

    BINDINGS = [
        Binding("enter,escape,r,space", "close", "Close", priority=True),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, rows: tuple[tuple[str, QuizResult | None], ...], left: str | None = None) -> None:
        super().__init__()
        self.rows = rows
        self.left = left
        """The title of the quiz left half way, if the session ended by leaving one."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="summary"):
            yield Static("Quiz summary", id="summary-title", markup=False)
            yield Static(summary_table(self.rows, self.left), id="summary-table")
            yield Static("Enter: close · q: quit", id="summary-help", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
