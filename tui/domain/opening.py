"""A deck's opening: enough of a deck folder to show its first page, read without the rest.

The presenter paints the first page from this and loads the whole deck (every section and bank,
checked) right after, so nothing proportional to the deck's size happens before the first paint.
The opening is only a head start: the full load still reports every problem, and decides.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tui.domain.deck import Deck, DeckInfo
from tui.domain.deckload import (
    MARKDOWN_SUFFIXES,
    _pretty,
    display_path,
    inside,
    load_deck_info,
    load_section,
)
from tui.domain.errors import PodiumError, ProblemLog


def open_deck(path: Path) -> Deck | None:
    """The deck at `path` cut to its first page: its `deck.yaml` (title page), or else its first
    section's slides (without takeaways or quiz, which the full load brings).

    None when there is no cheap opening: a single Markdown file (one file is the whole deck),
    anything that is not a deck folder, or a problem in what was read (the full load reports it).
    """
    if not path.is_dir():
        return None
    slides_dir = path / "slides"
    if not slides_dir.is_dir():
        return None
    log = ProblemLog()
    info = DeckInfo()
    deck_yaml = path / "deck.yaml"
    try:
        if deck_yaml.is_file():
            if not inside(path, deck_yaml):
                return None
            info = load_deck_info(deck_yaml, display_path(deck_yaml), log)
        if info.title:
            sections = ()
        else:
            files = sorted(file for file in slides_dir.iterdir()
                           if file.suffix.lower() in MARKDOWN_SUFFIXES and file.is_file())
            if not files or not inside(path, files[0]):
                return None
            section, _ = load_section(files[0], path, log, path / "quizzes")
            sections = (replace(section, takeaways=(), quiz_path=None),)
            info = replace(info, title=_pretty(path.resolve().name), title_slide=False)
    except PodiumError:
        return None
    if log.errors:
        return None
    return Deck(info=info, sections=sections, root=path)
