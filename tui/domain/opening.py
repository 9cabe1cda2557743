"""A deck's opening: enough of a deck folder to show its first page, read without the rest.

The presenter paints the first page from this and loads the whole deck (every section and bank,
checked) right after, so nothing proportional to the deck's size happens before the first paint.
The opening is only a head start: the full load still reports every problem, and decides.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from tui.domain.deck import Deck, DeckInfo, Section
from tui.domain.errors import PodiumError, ProblemLog
from tui.domain.source import MAX_FILE_BYTES, display_path, read_source

DECK_TEXT_KEYS = ("title", "subtitle", "author", "date", "theme")
_LINE = re.compile(r"^([a-z_]+):[ \t]+(.*?)[ \t]*$")
_PLAIN = re.compile(r"^[^-?:,\[\]{}#&*!|>'\"%@`\s](?:(?!: | #)[^\t])*(?<!:)$")  # `a:` ends a key in YAML
_NOT_TEXT = re.compile(r"^(?:[-+]?[0-9][0-9_.:eE+-]*|0[xob][0-9a-fA-F_]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
                       r"|true|True|TRUE|false|False|FALSE|null|Null|NULL|~|yes|no|on|off|y|n)$")
_PERCENT = re.compile(r"^(\d{1,3}(?:\.\d+)?)%$")


def open_deck(path: Path) -> Deck | None:
    """The deck at `path` cut to its first page: its `deck.yaml` (title page), or else its first
    section's slides (without takeaways or quiz, which the full load brings).

    A single Markdown file opens from its start: its front matter's title page, or else its first
    slide (`open_single_file`).

    None when there is no cheap opening: anything that is not a deck, or a problem in what was
    read (the full load reports it).
    """
    if path.is_file():
        return open_single_file(path)
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


HEAD_BYTES = 64 * 1024
"""How much of a single-file deck is read for its opening, at first: enough for the front matter
and a first slide of any usual size. A first slide not over by then is read from the whole file."""
MOST_SKIPPED = 64
"""Slides that show nothing, or have no title, looked past for the opening before giving up."""


def open_single_file(path: Path) -> Deck | None:
    """The deck of one Markdown file cut to its first page, read from the start of the file: the
    title page when the front matter names the deck, else the slides up to the first with a title
    (which then names the deck, as in the whole load), without takeaways or quiz.

    None when the file cannot be cut this way (`<!-- end_slide -->` anywhere decides how the whole
    file splits) or what was read has a problem: the whole load, right after, reports every
    problem of the file, wherever it is."""
    from tui.domain.slidecut import front_matter_end
    from tui.domain.source import decode

    shown = display_path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    if b"end_slide" in data:
        return None
    cut = data.rfind(b"\n", 0, HEAD_BYTES) if len(data) > HEAD_BYTES else len(data)
    if cut < 0:
        cut = len(data)
    try:
        head = decode(data[:cut], shown)
    except PodiumError:
        return None
    lines = head.split("\n")
    start = front_matter_end(lines)
    if start is None:
        return None
    if start:
        info = _simple_info(lines[1:start], shown, 2)
        if info is not None and info.title:
            return Deck(info=info, sections=(), root=path.parent)
        start += 1
    opening = _first_page(path, lines, start, to_the_end=cut == len(data))
    if opening is None and cut < len(data):  # the first titled slide runs past the head
        try:
            lines = decode(data, shown).split("\n")
        except PodiumError:
            return None
        opening = _first_page(path, lines, start, to_the_end=True)
    return opening


def _first_page(path: Path, lines: list[str], start: int, to_the_end: bool) -> Deck | None:
    """The opening cut from `lines` (the file's first lines, all of them when `to_the_end`), its
    body starting at line index `start`; None when they hold no first page or have a problem."""
    from tui.domain.slidecut import separators

    ends = _take(separators(lines, start), MOST_SKIPPED)
    if to_the_end:
        ends.append(len(lines))  # the last slide runs to the end of the file
    for end in ends:
        deck = _single_file_prefix(path, "\n".join(lines[:end]))
        if deck is None:
            return None
        if deck.info.title_slide:
            return Deck(info=deck.info, sections=(), root=deck.root)
        section = deck.sections[0]
        if any(slide.title for slide in section.slides):
            return Deck(info=deck.info, sections=(section._replace(takeaways=(), quiz_path=None),),
                        root=deck.root)
    return None


def _take(items: Iterable[int], count: int) -> list[int]:
    taken: list[int] = []
    for item in items:
        if len(taken) == count:
            break
        taken.append(item)
    return taken


def _single_file_prefix(path: Path, text: str) -> Deck | None:
    """The single-file deck that `text`, the start of the file at `path`, makes; None on a problem."""
    from tui.domain.deckload import load_single_file

    log = ProblemLog()
    try:
        deck = load_single_file(path, log, text=text)
    except PodiumError:
        return None
    return None if log.errors else deck


def _opening_with_yaml(path: Path) -> Deck | None:
    """The opening read with podium's YAML loader (for what the simple reader declines)."""
    from tui.domain.deckload import (
        MARKDOWN_SUFFIXES,
        inside,
        load_deck_info,
        load_section,
        title_from_name,
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
        sections: tuple[Section, ...]
        if info.title:
            sections = ()
        else:
            files = sorted(file for file in slides_dir.iterdir()
                           if file.suffix.lower() in MARKDOWN_SUFFIXES and file.is_file())
            if not files or not inside(path, files[0]):
                return None
            section, _ = load_section(files[0], path, log, path / "quizzes")
            sections = (section._replace(takeaways=(), quiz_path=None),)
            info = info._replace(title=title_from_name(path.resolve().name), title_slide=False)
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
    return _simple_info(text.splitlines(), shown, 1)


def _simple_info(lines: list[str], shown: str, first_line: int) -> DeckInfo | None:
    """`simple_deck_info` of `lines`, the first of which is line `first_line` of the file."""
    values: dict[str, str] = {}
    where: dict[str, tuple[int, int]] = {}
    pass_mark = 0.7
    for number, line in enumerate(lines, first_line):
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
    return DeckInfo(title=values.get("title", ""), subtitle=values.get("subtitle", ""),
                    author=values.get("author", ""), date=values.get("date", ""), theme=values.get("theme", ""),
                    pass_mark=pass_mark, source=shown, where=where)


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
