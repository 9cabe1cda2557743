"""The command palette (Ctrl+P, /, and the theme picker): Textual's, made safe for keys that
arrive together (`tui.ui.burst_safe.BurstSafeApp` opens it)."""

from __future__ import annotations

from textual.command import CommandList

from tui.ui.screens.dismiss_once import DismissOnce
from tui.ui.textual_door import GuardedPalette
from tui.ui.widgets.paged_list import page_when_laid_out

PAGING = ("page_up", "page_down")


class Palette(DismissOnce, GuardedPalette):
    """Textual's command palette, for keys that reach it together with the key that opened it:

    - dismissed once however many Enters or Escapes arrive (`DismissOnce`);
    - paging its list only once the list has been laid out (`tui.ui.widgets.paged_list`);
    - closed before it was mounted (Ctrl+P then Escape in one read), or gathering commands for a
      list that is gone, it leaves Textual's set-up undone (`textual_door.GuardedPalette`).
    """

    def command_list_action(self, action: str) -> None:
        if action in PAGING:
            found = self.query(CommandList)
            if found:
                commands = found.first()
                page_when_laid_out(commands, lambda: super(Palette, self).command_list_action(action))
            return
        super().command_list_action(action)
