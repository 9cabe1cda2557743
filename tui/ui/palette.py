"""The command palette (Ctrl+P, /, and the theme picker): Textual's, made safe for keys that
arrive together (`tui.ui.burst_safe.BurstSafeApp` opens it)."""

from __future__ import annotations

from textual import events, work
from textual.command import CommandList, CommandPalette

from tui.ui.screens.dismiss_once import DismissOnce
from tui.ui.widgets.paged_list import page_when_laid_out

PAGING = ("page_up", "page_down")
TEXTUAL_GATHER = CommandPalette._gather_commands.__wrapped__  # type: ignore[attr-defined]
"""Textual's command-gathering coroutine, without the `work` decorator that runs it as a worker."""


class Palette(DismissOnce, CommandPalette):
    """Textual's command palette, for keys that reach it together with the key that opened it:

    - dismissed once however many Enters or Escapes arrive (`DismissOnce`);
    - paging its list only once the list has been laid out (`tui.ui.widgets.paged_list`);
    - closed before it was mounted (Ctrl+P then Escape in one read), it skips Textual's set-up on
      mount, which looks for the screen below it and starts gathering commands into a list that
      is gone by then; a gathering that was started while it was still there does nothing once
      it is gone.
    """

    def _on_mount(self, event: events.Mount) -> None:
        if self not in self.app.screen_stack:
            event.prevent_default()  # no CommandPalette._on_mount

    @work(exclusive=True, group=CommandPalette._GATHER_COMMANDS_GROUP)
    async def _gather_commands(self, search_value: str) -> None:
        # Textual's worker starts by looking up the palette's list. A palette removed while the
        # worker waited to start (the app exiting, or the palette dismissed, in the same read
        # as a typed key) has no list any more: then there is nothing to gather for.
        if not self.is_attached or not self.query(CommandList):
            return
        await TEXTUAL_GATHER(self, search_value)

    def _action_command_list(self, action: str) -> None:
        # The palette passes its paging keys on to its list through this action (Textual 8.2).
        if action in PAGING:
            found = self.query(CommandList)
            if found:
                commands = found.first()
                page_when_laid_out(commands, lambda: super(Palette, self)._action_command_list(action))
            return
        super()._action_command_list(action)
