"""What an app of podium's does so that keys arriving together never crash it.

A terminal hands the app whatever was typed since its last read, and the app queues one key
event for each before it handles the first: a key can find the screen that an earlier key of the
same read opened not yet laid out, or closed, or the app quitting. The screens' part is in
`tui.ui.screens.dismiss_once`, the lists' in `tui.ui.widgets.paged_list`, the palette's in
`tui.ui.palette`; this is the app's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, AwaitMount
from textual.command import CommandListItem, CommandPalette, SimpleProvider
from textual.theme import ThemeProvider

from tui.ui.palette import Palette

if TYPE_CHECKING:
    # The type checker sees the `App` this is mixed into; at run time it is a plain mixin.
    _AppBase = App[None]
else:
    _AppBase = object


class BurstSafeApp(_AppBase):
    """Mixed in before `App`:

    - once the app is quitting (`q`, Ctrl+C, the end of a study run), the keys read with the
      quit key do nothing: they opened screens that the exit then removed while they were
      still being mounted (Ctrl+Q then Tab: the overview found its list gone);
    - every command palette the app opens is a `Palette`: the one of Ctrl+P, and those Textual
      opens for its own commands (the theme picker, lists of commands).
    """

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and self.return_code is not None:
            return  # exiting (the return code is set by `App.exit`)
        await super().on_event(event)

    def action_command_palette(self) -> None:
        if not self.use_command_palette:
            return
        if not CommandPalette.is_open(self):  # type: ignore[arg-type]  # Textual wants App[object], not App[None]
            self.push_screen(Palette(id="--command-palette"))

    def search_themes(self) -> None:
        self.push_screen(Palette(providers=[ThemeProvider], placeholder="Search for themes…"))

    def search_commands(self, commands: Sequence[CommandListItem],
                        placeholder: str = "Search for commands…") -> AwaitMount:
        # Textual's `ProviderSource` names provider classes, yet its own `search_commands` passes
        # a `SimpleProvider` instance as this does.
        providers = [SimpleProvider(self.screen, list(commands))]
        palette = Palette(providers=providers, placeholder=placeholder)  # type: ignore[arg-type]  # an instance, as Textual's own
        return self.push_screen(palette)
