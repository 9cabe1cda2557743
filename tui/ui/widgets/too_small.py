"""The message shown instead of a screen when the terminal is too small to use."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Static

MIN_WIDTH = 30
MIN_HEIGHT = 8


def too_small(width: int, height: int) -> bool:
    """True when a terminal of this size cannot show a slide usefully."""
    return width < MIN_WIDTH or height < MIN_HEIGHT


def too_small_notice() -> Static:
    """A short notice that takes the place of a screen's content in a tiny terminal (`#too-small`;
    a plain `Static`: a widget class of its own costs its definition before the first paint)."""
    return Static(f"Terminal too small.\nPodium needs {MIN_WIDTH}x{MIN_HEIGHT} or more.",
                  id="too-small", markup=False)


def fit_screen(screen: Screen[Any], width: int, height: int, *, after: str | None = None) -> bool:
    """Put the too-small notice in place of `screen`'s content while the terminal is below the
    minimum (the notice is mounted, `after` that widget, the first time it is needed).

    True when the screen has just become usable again: its content was hidden meanwhile, so the
    widget that had the focus lost it, and the screen should give it back.
    """
    small = too_small(width, height)
    if small and not screen.query("#too-small"):
        screen.mount(too_small_notice(), after=after)
    was_small = screen.has_class("-too-small")
    screen.set_class(small, "-too-small")
    return was_small and not small
