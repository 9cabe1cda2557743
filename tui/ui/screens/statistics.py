"""The statistics screen: per section attempts, best, last and average, the questions most often
missed, and a chart of scores over time."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.domain.stats import SectionStats
from tui.ui.screens.dismiss_once import DismissOnce


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def stats_table(stats: list[SectionStats]) -> Table:
    """The statistics as a Rich table (shared by the screen and `podium stats`)."""
    table = Table(expand=True, show_edge=False)
    table.add_column("Section", ratio=1)
    for name in ("Attempts", "Best", "Last", "Average", "Trend"):
        table.add_column(name, justify="right", no_wrap=True)
    for row in stats:
        table.add_row(Text(row.title), str(row.attempts), percent(row.best), percent(row.last),
                      percent(row.average), trend_arrow(row))
    return table


def trend_arrow(row: SectionStats) -> str:
    """↑ when the last score beats the first, ↓ when it is lower, → when level."""
    if len(row.trend) < 2:
        return "—"
    first, last = row.trend[0].fraction, row.trend[-1].fraction
    return "↑" if last > first + 1e-9 else "↓" if last < first - 1e-9 else "→"


def overrides_text(count: int) -> str:
    """How many wrong answers the learner counted as right, in every section."""
    answers = "1 answer" if count == 1 else f"{count} answers"
    return f"{answers} marked wrong and counted right by you (\"I was right\")"


CHART_WIDTH = 40
CHART_ROWS = 12
LABEL_WIDTH = 20
"""Cells for the section's title in front of each bar; a longer title ends in an ellipsis."""


def section_label(title: str, width: int = LABEL_WIDTH) -> str:
    """A section title cut or padded to `width` cells, so that the bars after it line up."""
    title = " ".join(title.split())
    if cell_len(title) > width:
        title = set_cell_size(title, width - 1) + "…"
    return set_cell_size(title, width)


def score_chart(points: list[tuple[str, float, str]]) -> Text:
    """One bar per attempt, oldest first, labelled with its time and section and scaled 0 to
    100 % (the latest CHART_ROWS shown). A point is (when, percent, section title)."""
    if not points:
        return Text("No attempts yet.")
    chart = Text()
    for when, value, section in points[-CHART_ROWS:]:
        cells = round(value / 100 * CHART_WIDTH)
        chart.append(f"{when[:16].replace('T', ' ')}  ")
        chart.append(section_label(section))
        chart.append("  ")
        chart.append("█" * cells, style="bold")
        chart.append("·" * (CHART_WIDTH - cells), style="dim")
        chart.append(f" {value:.0f}%\n")
    return chart


def attempts_phrase(count: int) -> str:
    """`1 attempt`, `2 attempts`: the count with its noun agreeing."""
    return f"{count} attempt" if count == 1 else f"{count} attempts"


def missed_text(stats: list[SectionStats], prompts: dict[tuple[int, str], str]) -> Text:
    lines = Text()
    for row in stats:
        for missed in row.most_missed:
            prompt = prompts.get((row.section, missed.question_id), missed.question_id)
            lines.append(f"{missed.missed}/{missed.asked} missed · ", style="bold")
            lines.append(f"{row.title}: {prompt}\n")
    return lines if lines.plain else Text("Nothing missed yet.")


class StatisticsScreen(DismissOnce, ModalScreen[None]):
    """Shown with `i` while presenting; `podium stats` prints the same table."""

    CSS_PATH = "../styles/screens.tcss"

    BINDINGS = [Binding("escape,i,q,enter", "close", "Close", priority=True)]

    def __init__(self, stats: list[SectionStats], prompts: dict[tuple[int, str], str], note: str = "") -> None:
        super().__init__()
        self.stats = stats
        self.prompts = prompts
        self.note = note

    def compose(self) -> ComposeResult:
        order = sorted((point.when, point.fraction * 100, row.title) for row in self.stats for point in row.trend)
        with VerticalScroll(id="statistics"):
            yield Static("Statistics", id="statistics-title", markup=False)
            if self.note:
                yield Static(self.note, id="statistics-note", markup=False)
            yield Static(stats_table(self.stats))
            overrides = sum(row.overrides for row in self.stats)
            if overrides:
                yield Static(overrides_text(overrides), id="statistics-overrides", markup=False)
            yield Static(f"Scores over time ({attempts_phrase(len(order))}, oldest first)",
                         classes="statistics-heading",
                         markup=False)
            yield Static(score_chart(order), id="statistics-chart")
            yield Static("Most often missed", classes="statistics-heading", markup=False)
            yield Static(missed_text(self.stats, self.prompts))
            yield Static("Esc closes", id="statistics-help", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
