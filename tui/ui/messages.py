"""Messages between podium's app and its screens, in place of one calling the other's methods."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from tui.domain.presentation import Presentation


class PresentationReplaced(Message, bubble=False):
    """The app has a new presentation for the screens that show one: the whole deck after its
    opening (`whole`: say how many questions are due now), or the deck live reload loaded again.
    Posted to each screen of the stack; it stays with the screen it is posted to."""

    def __init__(self, presentation: Presentation, *, whole: bool = False) -> None:
        super().__init__()
        self.presentation = presentation
        self.whole = whole
        """True when it replaces the deck's opening (the first load of the whole deck)."""


class FirstPaint(Message):
    """The presenter's first page is on the terminal: the app may load the rest of the deck and
    turn the garbage collector back on. Posted by the presenter; it bubbles up to the app."""
