"""The presenter's status line: deck title, section, progress bar and slide n of N."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import ProgressBar, Static


class StatusBar(Horizontal):
    """Shows where the presenter is. Data comes down through `show`; it posts nothing."""

    DEFAULT_CSS = """
    StatusBar { height: 1; }
    StatusBar > Static { width: auto; height: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    StatusBar #status-title { max-width: 40%; }
    StatusBar #status-section { width: 1fr; }
    StatusBar ProgressBar { width: 18; height: 1; }
    StatusBar ProgressBar Bar { width: 16; }
    """

    number = 0
    total = 0

    def compose(self) -> ComposeResult:
        yield Static("", id="status-title", markup=False)
        yield Static("", id="status-section", markup=False)
        yield ProgressBar(total=1, show_eta=False, show_percentage=False, id="status-progress")
        yield Static("", id="status-count", markup=False)

    def show(self, deck_title: str, section: str, number: int, total: int) -> None:
        """Update every part of the status line."""
        self.query_one("#status-title", Static).update(f" {deck_title} ")
        self.query_one("#status-section", Static).update(f" {section}" if section else "")
        self.query_one("#status-progress", ProgressBar).update(total=max(total, 1), progress=number)
        self.number, self.total = number, total
        self.query_one("#status-count", Static).update(f" {number}/{total} ")

    def show_typed(self, typed: str) -> None:
        """Show the slide number being typed for a jump, or the position again."""
        text = f" go to {typed}_ of {self.total} " if typed else f" {self.number}/{self.total} "
        self.query_one("#status-count", Static).update(text)
