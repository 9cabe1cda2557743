"""The deck model: a deck holds sections, a section holds slides. Frozen plain data.

Named tuples rather than frozen dataclasses: as immutable, and far cheaper to define, which counts
because this module is imported before the first slide is painted (docs/performance.md). A
mapping field's default is one shared, read-only empty view, so it cannot be changed by accident.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from tui.domain.errors import Problem

NOTHING: Mapping[Any, Any] = MappingProxyType({})
"""The empty, read-only default of every mapping field."""


class Slide(NamedTuple):
    """One slide: its Markdown revealed in steps (one per pause), and its speaker notes."""

    steps: tuple[str, ...]
    """Cumulative Markdown: step k shows everything up to the k-th pause."""
    notes: str = ""
    title: str | None = None
    line: int = 1
    """The line of the section file where the slide starts."""

    @property
    def markdown(self) -> str:
        """The whole slide, every pause revealed."""
        return self.steps[-1]


class Section(NamedTuple):
    """One Markdown file of a deck: its slides, takeaways and quiz bank."""

    title: str
    slides: tuple[Slide, ...]
    takeaways: tuple[str, ...] = ()
    quiz_path: Path | None = None
    """The question bank, already resolved inside the deck folder; None when there is no quiz."""
    path: str = ""
    """The file as shown to the user in messages."""
    quiz_disabled: bool = False
    """True when the front matter says `quiz: false`: no quiz, on purpose."""
    extra: Mapping[str, Any] = NOTHING
    """Front matter keys podium does not use, kept for other tools."""


class DeckInfo(NamedTuple):
    """What `deck.yaml` (or a single file's front matter) says about the whole deck."""

    title: str = ""
    subtitle: str = ""
    author: str = ""
    date: str = ""
    theme: str = ""
    pass_mark: float = 0.7
    title_slide: bool = True
    """Whether the deck opens on a generated title slide (it does when a title is given)."""
    source: str = ""
    """The file the information came from (deck.yaml or a single file), as shown in messages."""
    where: Mapping[str, tuple[int, int]] = NOTHING
    """Line and column of each key given, for messages about its value."""


class Deck(NamedTuple):
    """A loaded deck. `warnings` are problems that do not stop it being presented."""

    info: DeckInfo
    sections: tuple[Section, ...]
    root: Path
    warnings: tuple[Problem, ...] = ()

    @property
    def title(self) -> str:
        return self.info.title

    @property
    def slide_count(self) -> int:
        return sum(len(section.slides) for section in self.sections)
