"""Re-reading one section's slides from inside a quiz, then going back to it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.domain.deck import Deck
from tui.domain.walk import Page
from tui.ui.screens.dismiss_once import DismissOnce
from tui.ui.widgets.key_bar import KeyBar
from tui.ui.widgets.slide_view import SlideView


class SectionReader(DismissOnce, ModalScreen[None]):
    """The slides of one section with their takeaways; Esc returns to the quiz."""

    CSS_PATH = "../styles/screens.tcss"

    BINDINGS = [
        Binding("right,space,pagedown,l,n", "move(1)", "Next", priority=True),
        Binding("left,pageup,backspace,h,p", "move(-1)", "Back", priority=True),
        Binding("escape,q,v", "close", "Back to the quiz", priority=True),
    ]

    index: reactive[int] = reactive(0, init=False, always_update=True)

    def __init__(self, deck: Deck, section: int) -> None:
        super().__init__()
        self.deck = deck
        found = deck.sections[section]
        self.pages = [Page("slide", section, i, len(slide.steps)) for i, slide in enumerate(found.slides)]
        if found.takeaways:
            self.pages.append(Page("takeaways", section))

    def compose(self) -> ComposeResult:
        yield Static("", id="reader-title", markup=False)
        yield SlideView(self.deck, {}, id="reader-view")
        yield KeyBar()

    def on_mount(self) -> None:
        self.index = 0

    def watch_index(self, index: int) -> None:
        if not self.pages:
            return
        page = self.pages[index]
        code_theme = "monokai" if self.app.current_theme.dark else "friendly"
        self.query_one(SlideView).show(page, page.steps - 1, code_theme)
        title = self.deck.sections[page.section].title
        self.query_one("#reader-title", Static).update(
            f" Re-reading: {title} · {index + 1}/{len(self.pages)} · Esc back to the quiz")

    def action_move(self, offset: int) -> None:
        self.index = max(0, min(len(self.pages) - 1, self.index + offset))

    def action_close(self) -> None:
        self.dismiss(None)
