"""What an app of podium's does so that keys arriving together never crash it.

A terminal hands the app whatever was typed since its last read, and the app queues one key
event for each before it handles the first: a key can find the screen that an earlier key of the
same read opened not yet laid out, or closed, or the app quitting. The screens' part is in
`tui.ui.screens.dismiss_once`, the lists' in `tui.ui.widgets.paged_list`, the palette's in
`tui.ui.palette`; this is the app's.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import events
from textual.await_complete import AwaitComplete
from textual.command import CommandListItem, CommandPalette, SimpleProvider
from textual.screen import Screen
from textual.theme import ThemeProvider

from tui.ui.palette import Palette


class BurstSafeApp:
    """Mixed in before `App`:

    - once the app is quitting (`q`, Ctrl+C, the end of a study run), the keys read with the
      quit key do nothing: they opened screens that the exit then removed while they were
      still being mounted (Ctrl+Q then Tab: the overview found its list gone);
    - every command palette the app opens is a `Palette`: the one of Ctrl+P, and those Textual
      opens for its own commands (the theme picker, lists of commands).
    """

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and self.return_code is not None:  # type: ignore[attr-defined]
            return  # exiting (the return code is set by `App.exit`)
        await super().on_event(event)  # type: ignore[misc]

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[attr-defined,arg-type]
            self.push_screen(Palette(id="--command-palette"))  # type: ignore[attr-defined]

    def search_themes(self) -> None:
        self.push_screen(Palette(providers=[ThemeProvider], placeholder="Search for themes…"))  # type: ignore[attr-defined]

    def search_commands(self, commands: Sequence[CommandListItem],
                        placeholder: str = "Search for commands…") -> AwaitComplete:
        screen: Screen = self.screen  # type: ignore[attr-defined]
        return self.push_screen(  # type: ignore[attr-defined,no-any-return]
            Palette(providers=[SimpleProvider(screen, commands)], placeholder=placeholder))
