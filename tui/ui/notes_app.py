"""`podium notes`: the speaker view as its own small app, for a second terminal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from textual.app import App

from tui.domain.presentation import Presentation
from tui.ui.burst_safe import BurstSafeApp
from tui.ui.screens.speaker import SpeakerScreen
from tui.ui.themes import PODIUM_THEMES


class NotesApp(BurstSafeApp, App[None]):
    """Follows the presenting instance of the same deck."""

    CSS_PATH = ["styles/presenter.tcss", "styles/speaker.tcss"]
    TITLE = "podium notes"

    def __init__(self, presentation: Presentation, channel: Path, *, duration: int | None,
                 theme: str, clock: Callable[[], datetime] = datetime.now) -> None:
        super().__init__()
        for podium_theme in PODIUM_THEMES:
            self.register_theme(podium_theme)
        self.presentation = presentation
        self.channel = channel
        self.duration = duration
        self.initial_theme = theme
        self.clock = clock

    def on_mount(self) -> None:
        self.theme = self.initial_theme
        self.push_screen(SpeakerScreen(self.presentation, self.channel, self.duration))


def make_notes_app(presentation: Presentation, channel: Path, *, duration: int | None = None,
                   theme: str | None = None, clock: Callable[[], datetime] = datetime.now) -> NotesApp:
    """Build the speaker view for a deck and the channel its presenter writes to."""
    chosen = theme or presentation.deck.info.theme or "podium-dark"
    return NotesApp(presentation, channel, duration=duration, theme=chosen, clock=clock)
