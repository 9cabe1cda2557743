"""Telling a deck file caught half saved from one emptied on purpose, for live reload."""

from __future__ import annotations

from tui.domain.deck import Deck


def emptied_sections(last_good: Deck, reloaded: Deck) -> list[str]:
    """The files (as shown to the user) of the sections that had slides in `last_good` and have
    none in `reloaded`.

    An editor that empties a file before writing it again leaves, for a moment, a deck whose
    section has no slides; reloaded as it is, the presenter would lose its place. When the
    reload leaves no slide at all (a one-file deck emptied), every file that had slides is named.
    """
    had = [section.path for section in last_good.sections if section.slides]
    if not had:
        return []
    if not any(section.slides for section in reloaded.sections):
        return had
    kept = set(had)
    return [section.path for section in reloaded.sections if section.path in kept and not section.slides]
