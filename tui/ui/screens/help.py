"""The help screen: every key binding, read from the screens' own BINDINGS."""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.ui.screens.dismiss_once import DismissOnce

KEY_NAMES = {
    "right": "→", "left": "←", "up": "↑", "down": "↓", "space": "Space", "enter": "Enter",
    "pagedown": "PgDn", "pageup": "PgUp", "backspace": "Backspace", "home": "Home", "end": "End",
    "escape": "Esc", "question_mark": "?", "shift+up": "Shift+↑", "shift+down": "Shift+↓",
    "slash": "/", "tab": "Tab", "left_square_bracket": "[", "right_square_bracket": "]",
}


def key_label(keys: str) -> str:
    return " ".join(KEY_NAMES.get(key.strip(), key.strip().upper() if key.startswith("f") and
                                  key[1:].isdigit() else key.strip()) for key in keys.split(","))


def bindings_table(title: str, bindings: Iterable[BindingType], extra: Iterable[tuple[str, str]] = ()) -> Table:
    table = Table(title=title, title_justify="left", show_header=False, box=None, expand=True)
    table.add_column("Keys", style="bold", no_wrap=False, ratio=1)
    table.add_column("Action", ratio=2)
    seen: dict[str, list[str]] = {}
    for binding in bindings:
        if not isinstance(binding, Binding):
            continue  # podium's screens declare every key as a Binding
        if not binding.description or not binding.show:
            continue
        seen.setdefault(binding.description, []).append(binding.key)
    for description, keys in seen.items():
        table.add_row(Text(key_label(",".join(keys))), Text(description))
    for shown_keys, description in extra:
        table.add_row(Text(shown_keys), Text(description))
    return table


class HelpScreen(DismissOnce, ModalScreen[None]):
    """Lists every binding of the presenter and the quiz."""

    CSS_PATH = "../styles/screens.tcss"

    BINDINGS = [Binding("escape,question_mark,q,enter", "close", "Close", priority=True)]

    def compose(self) -> ComposeResult:
        from tui.ui.screens.presenter import PresenterScreen
        from tui.ui.screens.quiz import QuizScreen

        presenter = bindings_table("Presenting", PresenterScreen.BINDINGS,
                                   [("0-9 then Enter or g", "Go to slide number"),
                                    ("Esc", "Clear a typed slide number"),
                                    ("Home End", "First and last slide"),
                                    ("[ ]", "Previous and next section"),
                                    ("↑ ↓", "Scroll a tall slide"),
                                    ("t", "Timer and clock on or off"),
                                    ("r", "Quiz scores so far"),
                                    ("i", "Statistics from your history"),
                                    ("Ctrl+P", "Command palette (themes too)")])
        quiz = bindings_table("Quiz", QuizScreen.BINDINGS,
                              [("1-9", "Pick (or toggle) a choice"), ("t f", "True or False"),
                               ("Space", "Toggle a choice (several answers)"),
                               ("h s", "Hint and skip, when not typing an answer"),
                               ("m", "On the results: retake the questions missed")])
        with VerticalScroll(id="help"):
            yield Static("podium · keys", id="help-title", markup=False)
            yield Static(presenter)
            yield Static(quiz)
            yield Static("Esc or ? closes this help", id="help-footer", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
