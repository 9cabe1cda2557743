"""The podium App and `make_app`, the one factory used by the command line and every test."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Callable

from textual.app import App
from textual.binding import Binding

from tui.domain.channel import PresenterState, publish, withdraw
from tui.domain.loader import Presentation
from tui.domain.quizrun import new_seed
from tui.ui.commands import DeckCommands
from tui.ui.screens.help import HelpScreen
from tui.ui.themes import PODIUM_THEMES
from tui.ui.screens.presenter import PresenterScreen

DEFAULT_THEME = "podium-dark"


class PodiumApp(App[None]):
    """Presents one deck. Everything it shows comes from the `Presentation` it is given."""

    CSS_PATH = ["styles/presenter.tcss", "styles/quiz.tcss"]
    TITLE = "podium"
    COMMANDS = App.COMMANDS | {DeckCommands}
    COMMAND_PALETTE_BINDING = "ctrl+p"
    BINDINGS = [Binding("ctrl+c", "quit", "Quit", show=False, priority=True)]

    def __init__(self, presentation: Presentation, *, seed: int, theme: str, start: int | None,
                 clock: Callable[[], datetime] = datetime.now, channel: Path | None = None) -> None:
        super().__init__()
        self.channel = channel
        """Where the speaker view (`podium notes`) reads the position; None: not published."""
        for podium_theme in PODIUM_THEMES:
            self.register_theme(podium_theme)
        self.clock = clock
        """The wall clock, injected so tests and snapshots are repeatable."""
        self.presentation = presentation
        self.seed = seed
        self.start_page = start
        self.initial_theme = theme

    def on_mount(self) -> None:
        self.theme = self.initial_theme
        self.title = self.presentation.deck.title
        self.push_screen(PresenterScreen(self.presentation, self.seed, self.start_page))

    def publish(self, state: PresenterState) -> None:
        """Tell a speaker view where the presenter is (when a channel is set)."""
        if self.channel is not None:
            try:
                publish(self.channel, state)
            except OSError as error:
                self.notify(f"Speaker view channel off: {error.strerror}", severity="warning")
                self.channel = None

    def on_unmount(self) -> None:
        if self.channel is not None:
            withdraw(self.channel)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())


def make_app(presentation: Presentation, *, seed: int | None = None, theme: str | None = None,
             start: int | None = None, clock: Callable[[], datetime] = datetime.now,
             channel: Path | None = None) -> PodiumApp:
    """Build the app. `seed` fixes quiz shuffling (a fresh one otherwise); `start` is a page number."""
    chosen = theme or presentation.deck.info.theme or DEFAULT_THEME
    return PodiumApp(presentation, seed=new_seed() if seed is None else seed, theme=chosen, start=start,
                     clock=clock, channel=channel)
