"""What a Textual app hands its driver, frame by frame, for tests of what is drawn when; and a
one-widget app to draw."""

from __future__ import annotations

import re

from textual.app import App, ComposeResult
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


class FrameLog:
    """Every frame handed to the driver, and every `ScreenSuspend` handled, in order."""

    def __init__(self, monkeypatch) -> None:  # type: ignore[no-untyped-def]
        self.entries: list[tuple[str, Screen[object], object]] = []
        display = App._display
        suspend = Screen._on_screen_suspend

        def logged_display(app, screen, renderable):  # type: ignore[no-untyped-def]
            if renderable is not None:
                self.entries.append(("frame", screen, renderable))
            return display(app, screen, renderable)

        def logged_suspend(screen):  # type: ignore[no-untyped-def]
            self.entries.append(("suspend", screen, None))
            return suspend(screen)

        monkeypatch.setattr(App, "_display", logged_display)
        monkeypatch.setattr(Screen, "_on_screen_suspend", logged_suspend)

    def frames(self, screen: Screen[object]) -> list[object]:
        return [renderable for kind, shown_on, renderable in self.entries
                if kind == "frame" and shown_on is screen]


def written(frame) -> str:  # type: ignore[no-untyped-def]
    return ANSI.sub("", frame.render_segments(App().console))


class Word(Widget):
    """One line of text: a new word repaints it; a new width needs a layout."""

    DEFAULT_CSS = "Word { height: 1; width: auto; }"
    word: reactive[str] = reactive("first")
    wide: reactive[int] = reactive(10, layout=True)

    def render(self) -> str:
        return self.word.ljust(self.wide)


class Words(App[None]):
    def compose(self) -> ComposeResult:
        yield Word()
