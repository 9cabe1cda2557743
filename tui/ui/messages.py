"""Messages between podium's app and its screens, in place of one calling the other's methods.

Imported when first posted, after the first paint: the start-up does not load this module."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from tui.domain.presentation import Presentation


class PresentationReplaced(Message, bubble=False):
    """The app holds a new presentation: the whole deck after its opening (`whole`), or the deck
    that live reload loaded again. The app posts it to every screen of its stack; a screen that
    shows the deck handles it (`on_presentation_replaced`), the others ignore it."""

    def __init__(self, presentation: Presentation, *, whole: bool = False) -> None:
        super().__init__()
        self.presentation = presentation
        """The deck the app now holds (also `app.presentation`)."""
        self.whole = whole
        """True when it replaces the deck's opening: the history is open now, so what is due
        can be said."""


class FirstPaint(Message, bubble=False):
    """The presenter's first page is on the terminal. The presenter posts it to the app, which
    handles it (`on_first_paint`): the collector on again, the rest of the deck loaded."""
