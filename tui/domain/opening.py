"""A deck's opening: enough of a deck folder to show its first page, read without the rest.

The presenter paints the first page from this and loads the whole deck (every section and bank,
checked) right after, so nothing proportional to the deck's size happens before the first paint.
The opening is only a head start: the full load still reports every problem, and decides.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from tui.domain.deck import Deck, DeckInfo
from tui.domain.errors import PodiumError, ProblemLog
from tui.domain.source import MAX_FILE_BYTES, display_path, read_source

DECK_TEXT_KEYS = ("title", "subtitle", "author", "date", "theme")
_LINE = re.compile(r"^([a-z_]+):[ \t]+(.*?)[ \t]*$")
_PLAIN = re.compile(r"^[^-?:,\[\]{}#&*!|>'\"%@`\s](?:(?!: | #)[^\t])*$")
_NOT_TEXT = re.compile(r"^(?:[-+]?[0-9][0-9_.:eE+-]*|0[xob][0-9a-fA-F_]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
                       r"|true|True|TRUE|false|False|FALSE|null|Null|NULL|~|yes|no|on|off|y|n)$")
_PERCENT = re.compile(r"^(\d{1,3}(?:\.\d+)?)%$")


def open_deck(path: Path) -> Deck | None:
    """The deck at `path` cut to its first page: its `deck.yaml` (title page), or else its first
    section's slides (without takeaways or quiz, which the full load brings).

    None when there is no cheap opening: a single Markdown file (one file is the whole deck),
    anything that is not a deck folder, or a problem in what was read (the full load reports it).
    """
    if not path.is_dir() or not (path / "slides").is_dir():
        return None
    if _has_oversize_file(path):
        return None  # the full load refuses it, and must do so before anything is painted
    info = DeckInfo()
    deck_yaml = path / "deck.yaml"
    if deck_yaml.is_file():
        simple = None if deck_yaml.is_symlink() else simple_deck_info(deck_yaml)
        if simple is None:
            return _opening_with_yaml(path)
        info = simple
    if info.title:
        return Deck(info=info, sections=(), root=path)
    return _opening_with_yaml(path)


def _has_oversize_file(path: Path) -> bool:
    """Whether deck.yaml, a slide file or a bank in quizzes/ is over the size limit for a deck file
    (only their sizes are read, never their text)."""
    for folder, suffixes in ((path / "slides", (".md", ".markdown")), (path / "quizzes", (".yaml", ".yml"))):
        try:
            with os.scandir(folder) as entries:
                sizes = [entry.stat().st_size for entry in entries if entry.name.lower().endswith(suffixes)]
        except OSError:  # no such folder, or an entry that cannot be read: the full load says so
            continue
        if any(size > MAX_FILE_BYTES for size in sizes):
            return True
    try:
        return (path / "deck.yaml").stat().st_size > MAX_FILE_BYTES
    except OSError:
        return False


def _opening_with_yaml(path: Path) -> Deck | None:
    """The opening read with podium's YAML loader (for what the simple reader declines)."""
    from tui.domain.deckload import (
        MARKDOWN_SUFFIXES,
        _pretty,
        inside,
        load_deck_info,
        load_section,
    )

    log = ProblemLog()
    info = DeckInfo()
    deck_yaml = path / "deck.yaml"
    slides_dir = path / "slides"
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
            sections = (section._replace(takeaways=(), quiz_path=None),)
            info = info._replace(title=_pretty(path.resolve().name), title_slide=False)
    except PodiumError:
        return None
    if log.errors:
        return None
    return Deck(info=info, sections=sections, root=path)


def simple_deck_info(path: Path) -> DeckInfo | None:
    """`deck.yaml` read without a YAML parser, when it is the plain `key: text` lines podium
    writes (a third of a first paint is importing PyYAML). None for anything else (quotes with
    escapes, block or flow values, numbers where text belongs, unknown keys...): the caller then
    uses the YAML loader, and the whole load always checks the file properly."""
    shown = display_path(path)
    try:
        text = read_source(path, shown)
    except PodiumError:
        return None
    values: dict[str, str] = {}
    where: dict[str, tuple[int, int]] = {}
    pass_mark = 0.7
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        match = _LINE.match(line)
        if match is None:
            return None
        key, raw = match.groups()
        if key in values or key in where:
            return None
        if key == "pass_mark":
            percent = _PERCENT.match(raw)
            if percent is None or not 0 <= float(percent.group(1)) <= 100:
                return None
            pass_mark = float(percent.group(1)) / 100
        elif key in DECK_TEXT_KEYS:
            value = _scalar_text(raw)
            if value is None:
                return None
            values[key] = value.strip()
        else:
            return None
        where[key] = (number, match.start(2) + 1)
    if not where:
        return None  # empty: nothing to read (the YAML loader says what an empty file means)
    return DeckInfo(**values, pass_mark=pass_mark, source=shown, where=where)


def _scalar_text(raw: str) -> str | None:
    """A YAML scalar that is text: plain, or quoted without escapes; None for anything else."""
    if len(raw) >= 2 and raw[0] == raw[-1] == '"' and "\\" not in raw and '"' not in raw[1:-1]:
        return raw[1:-1]
    if len(raw) >= 2 and raw[0] == raw[-1] == "'":
        inner = raw[1:-1]
        if "'" in inner.replace("''", ""):
            return None
        return inner.replace("''", "'")
    if _PLAIN.match(raw) and not _NOT_TEXT.match(raw):
        return raw
    return None
