"""The deck model: a deck holds sections, a section holds slides. Frozen plain data."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.domain.errors import Problem


@dataclass(frozen=True)
class Slide:
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


@dataclass(frozen=True)
class Section:
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
    extra: dict[str, Any] = field(default_factory=dict, compare=False)
    """Front matter keys podium does not use, kept for other tools."""


@dataclass(frozen=True)
class DeckInfo:
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
    where: dict[str, tuple[int, int]] = field(default_factory=dict, compare=False)
    """Line and column of each key given, for messages about its value."""


@dataclass(frozen=True)
class Deck:
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
