"""The overview: every section with its slides, takeaways and quiz; Enter jumps to one."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.domain.deck import Deck
from tui.domain.quizrun import QuizResult
from tui.domain.walk import Position, Walk, page_name
from tui.ui.screens.dismiss_once import DismissOnce
from tui.ui.screens.quiz import points_text
from tui.ui.widgets.paged_list import PagedOptionList


def overview_options(deck: Deck, walk: Walk, results: dict[int, QuizResult]) -> list[Option]:
    """One option per page, grouped under disabled section headings; ids are page indexes."""
    options: list[Option] = []
    section = -2
    for index, page in enumerate(walk.pages):
        if page.section != section:
            section = page.section
            title = deck.title if section < 0 else deck.sections[section].title
            options.append(Option(Text(title, style="bold"), id=f"heading-{section}", disabled=True))
        number = Text(f"{index + 1:>4}  ", style="dim")
        label = Text(page_name(deck, walk, index), style="italic" if page.kind in ("takeaways", "quiz") else "")
        result = results.get(page.section) if page.kind == "quiz" else None
        if result is not None:
            label.append(f" · last score {points_text(result.points, result.possible)}")
        options.append(Option(number + label, id=f"page-{index}"))
    return options


class OverviewScreen(DismissOnce, ModalScreen[Position | None]):
    """Lists every page; dismisses with the chosen position, or None."""

    CSS_PATH = "../styles/screens.tcss"

    BINDINGS = [
        Binding("escape,o,tab", "close", "Close", priority=True),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def __init__(self, deck: Deck, walk: Walk, current: Position, results: dict[int, QuizResult]) -> None:
        super().__init__()
        self.deck = deck
        self.walk = walk
        self.current = current
        self.results = results

    def compose(self) -> ComposeResult:
        with Vertical(id="overview"):
            yield Static("Overview · ↑ ↓ choose · Enter go · Esc close", id="overview-title", markup=False)
            yield PagedOptionList(*overview_options(self.deck, self.walk, self.results), id="overview-list")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = options.get_option_index(f"page-{self.current.page}")
        options.scroll_to_highlight(top=False)
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        page = int(str(event.option.id).removeprefix("page-"))
        self.dismiss(Position(page, self.walk.pages[page].steps - 1))

    def action_close(self) -> None:
        self.dismiss(None)
