"""A screen that is dismissed at most once, however many keys ask for it.

Keys typed fast reach the app together: several Enters, or an Enter and an Escape, can all be
queued for a screen before the first of them has closed it. Textual's `Screen.dismiss` pops the
app's *current* screen whichever screen it is called on, so a second dismiss of a screen already
gone would close the screen below it (or fail with `ScreenStackError` when that one is the last).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.await_complete import AwaitComplete

if TYPE_CHECKING:
    from textual.screen import Screen

    # The type checker sees the screen this is mixed into; at run time it is a plain class.
    _ScreenBase = Screen[Any]
else:
    _ScreenBase = object


class DismissOnce(_ScreenBase):
    """Mixed in before a screen class: `dismiss` does nothing unless the screen is on top.

    A plain class, not a `Screen`: Textual inherits CSS and component classes along the first
    base that is a DOM node only, so a DOM node here would hide those of the screen class after
    it (a `ModalScreen`'s, a `CommandPalette`'s)."""

    def dismiss(self, result: Any = None) -> AwaitComplete:
        if not self.is_attached or self.app.screen is not self:
            return AwaitComplete.nothing()
        return super().dismiss(result)
