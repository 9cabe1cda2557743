"""Asks before a quiz is left half way, and says what becomes of the answers given so far."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tui.ui.screens.dismiss_once import DismissOnce


class LeaveQuizScreen(DismissOnce, ModalScreen[bool]):
    """Dismisses with True (leave the quiz) or False (go on answering).

    Enter and y leave, as the question asks; Esc and n go back to the question, so a second Esc
    typed by mistake never leaves."""

    CSS_PATH = "../styles/screens.tcss"

    BINDINGS = [
        Binding("y,enter", "answer(True)", "Leave", priority=True),
        Binding("n,escape", "answer(False)", "Keep going", priority=True),
    ]

    def __init__(self, question: str, detail: str) -> None:
        super().__init__()
        self.question = question
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(id="leave"):
            yield Static(self.question, id="leave-title", markup=False)
            yield Static(self.detail, id="leave-detail", markup=False)
            with Horizontal(id="leave-buttons"):
                yield Button("Leave (y)", id="leave-yes", variant="primary")
                yield Button("Keep going (n)", id="leave-no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "leave-yes")

    def action_answer(self, leave: bool) -> None:
        self.dismiss(leave)
