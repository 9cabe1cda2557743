"""The command palette (Ctrl+P, /): Textual's, made safe for keys that arrive together."""

from __future__ import annotations

from textual.command import CommandList, CommandPalette

from tui.ui.screens.dismiss_once import DismissOnce
from tui.ui.widgets.paged_list import page_when_laid_out

PAGING = ("page_up", "page_down")


class Palette(DismissOnce, CommandPalette):
    """Textual's command palette, dismissed once however many Enters or Escapes arrive, and
    paging its list only once the list has been laid out (see `tui.ui.widgets.paged_list`)."""

    def _action_command_list(self, action: str) -> None:
        # The palette passes its paging keys on to its list through this action (Textual 8.2).
        if action in PAGING:
            found = self.query(CommandList)
            if found:
                commands = found.first()
                page_when_laid_out(commands, lambda: super(Palette, self)._action_command_list(action))
            return
        super()._action_command_list(action)
