"""The baseline: the smallest Textual app that shows text and changes it on a key.

Every podium figure is divided by this app's figure from the same benchmark run: its first frame
("Baseline ready"), its text change on Right ("Baseline text N"), its quit time and its memory.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Static


class BaselineApp(App[None]):
    BINDINGS = [
        Binding("right", "next", "Next"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def compose(self) -> ComposeResult:
        yield Static("Baseline ready", id="text")

    def action_next(self) -> None:
        self.count += 1
        self.query_one("#text", Static).update(f"Baseline text {self.count}")


if __name__ == "__main__":
    BaselineApp().run()
