"""Candidate: the status line's progress as text in a Static, not a ProgressBar widget.

Textual's ProgressBar is three widgets (Bar, percentage, ETA) with reactive updates; the status
line only needs a 16-cell bar. In podium: StatusBar composes a Static#status-progress and `show`
updates it with `rich.progress_bar.ProgressBar(total, completed, width=16)`.
"""

from __future__ import annotations

from rich.progress_bar import ProgressBar as RichBar
from textual.widgets import Static

from tui.ui.widgets import status_bar

StatusBar = status_bar.StatusBar
StatusBar.DEFAULT_CSS = StatusBar.DEFAULT_CSS.replace("StatusBar ProgressBar { width: 18; height: 1; }",
                                                      "StatusBar #status-progress { width: 18; height: 1; padding: 0 1; }")


def compose(self):  # type: ignore[no-untyped-def]
    yield Static("", id="status-title", markup=False)
    yield Static("", id="status-section", markup=False)
    yield Static("", id="status-clock", markup=False)
    yield Static("", id="status-progress", markup=False)
    yield Static("", id="status-count", markup=False)


def show(self, deck_title: str, section: str, number: int, total: int) -> None:  # type: ignore[no-untyped-def]
    self.query_one("#status-title", Static).update(f" {deck_title} ")
    self.query_one("#status-section", Static).update(f" {section}" if section else "")
    self.query_one("#status-progress", Static).update(RichBar(total=max(total, 1), completed=number, width=16))
    self.number, self.total = number, total
    self.query_one("#status-count", Static).update(f" {number}/{total} ")


StatusBar.compose = compose
StatusBar.show = show
