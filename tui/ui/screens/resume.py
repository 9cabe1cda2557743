"""Asks whether to resume a quiz left half way."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tui.ui.screens.dismiss_once import DismissOnce


class ResumeScreen(DismissOnce, ModalScreen[bool | None]):
    """Dismisses with True (resume), False (start over) or None (not now)."""

    CSS_PATH = "../styles/screens.tcss"

    BINDINGS = [
        Binding("r,enter", "answer(True)", "Resume", priority=True),
        Binding("n", "answer(False)", "Start over"),
        Binding("escape", "answer(None)", "Not now"),
    ]

    def __init__(self, title: str, answered: int, total: int) -> None:
        super().__init__()
        self.quiz_title = title
        self.answered = answered
        self.total = total

    def compose(self) -> ComposeResult:
        with Vertical(id="resume"):
            yield Static(f"You stopped this quiz half way: {self.quiz_title}", id="resume-title", markup=False)
            yield Static(f"{self.answered} of {self.total} questions answered. Resume where you stopped?",
                         markup=False)
            with Horizontal(id="resume-buttons"):
                yield Button("Resume (r)", id="resume-yes", variant="primary")
                yield Button("Start over (n)", id="resume-no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "resume-yes")

    def action_answer(self, value: bool | None) -> None:
        self.dismiss(value)
