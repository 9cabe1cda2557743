"""The message shown instead of a screen when the terminal is too small to use."""

from __future__ import annotations

from textual.widgets import Static

MIN_WIDTH = 30
MIN_HEIGHT = 8


def too_small(width: int, height: int) -> bool:
    """True when a terminal of this size cannot show a slide usefully."""
    return width < MIN_WIDTH or height < MIN_HEIGHT


class TooSmall(Static):
    """A short notice that takes the place of a screen's content in a tiny terminal."""

    def __init__(self) -> None:
        super().__init__(
            f"Terminal too small.\nPodium needs {MIN_WIDTH}x{MIN_HEIGHT} or more.",
            id="too-small",
            markup=False,
        )
