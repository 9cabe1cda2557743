"""Measuring slides as the presenter draws them, for the checker's 'too tall' warning."""

from __future__ import annotations

import io

from rich.console import Console
from rich.markdown import Markdown

from tui.domain.deck import Deck
from tui.domain.errors import Problem

# The presenter's slide area at 120x40: a status line and a footer below it, a line of padding
# above, and content at most 100 columns wide less two of padding.
SLIDE_WIDTH = 98
SLIDE_HEIGHT = 37


def slide_height(markdown: str, width: int = SLIDE_WIDTH) -> int:
    """How many lines a slide's Markdown takes when drawn `width` columns wide."""
    console = Console(width=width, file=io.StringIO(), color_system=None, legacy_windows=False)
    return len(console.render_lines(Markdown(markdown, hyperlinks=False), pad=False))


def tall_slides(deck: Deck) -> list[Problem]:
    """A warning for every slide taller than the presenter shows at 120x40 (it would scroll)."""
    problems = []
    for section in deck.sections:
        for slide in section.slides:
            height = slide_height(slide.markdown)
            if height > SLIDE_HEIGHT:
                problems.append(Problem(section.path, slide.line, 1,
                                        f"this slide is {height} lines tall; at 120x40 only {SLIDE_HEIGHT} "
                                        "show without scrolling", "warning"))
    return problems
