"""Option lists whose Page Up and Page Down wait until the list has been laid out.

Textual's `OptionList` moves a page by the height of its visible area and finds the lines of its
options from a table it fills only once it has a size. A Page Up that arrives with the key that
opened the list (Ctrl+P then PageUp in one read, or a key flood on a fresh quiz question) reached
an empty table and raised `KeyError`. Here such a key is kept until the list has been drawn once;
if the list still has no size then (hidden), it is dropped, as there is no page to move by.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.widgets import OptionList


def laid_out(options: OptionList) -> bool:
    """Whether the list has an area of its own to page through (it has been laid out)."""
    return bool(options.scrollable_content_region)


def page_when_laid_out(options: OptionList, move: Callable[[], None]) -> None:
    """Run `move` (a page move of `options`) now if the list is laid out, else after its next
    refresh if it is laid out by then."""
    if laid_out(options):
        move()
        return

    def later() -> None:
        if options.is_attached and laid_out(options):
            move()

    options.call_after_refresh(later)


if TYPE_CHECKING:
    # The type checker sees the list this is mixed into; at run time it is a plain class.
    _ListBase = OptionList
else:
    _ListBase = object


class PagedWhenLaidOut(_ListBase):
    """Mixed in before an `OptionList` class: its paging keys wait for the layout.

    A plain class, not an `OptionList`: Textual inherits CSS and component classes along the
    first base that is a DOM node only, so a DOM node here would hide those of the list class
    after it (a `SelectionList`'s)."""

    def action_page_up(self) -> None:
        page_when_laid_out(self, super().action_page_up)

    def action_page_down(self) -> None:
        page_when_laid_out(self, super().action_page_down)


class PagedOptionList(PagedWhenLaidOut, OptionList):
    """An `OptionList` whose paging keys wait for the layout."""
