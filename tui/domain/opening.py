"""A deck's opening: enough of a deck folder to show its first page, read without the rest.

The presenter paints the first page from this and loads the whole deck (every section and bank,
checked) right after, so nothing proportional to the deck's size happens before the first paint.
The opening is only a head start: the full load still reports every problem, and decides.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from tui.domain.deck import Deck, DeckInfo, Section
from tui.domain.errors import PodiumError, ProblemLog
from tui.domain.source import MAX_FILE_BYTES, display_path


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
    deck_yaml = path / "deck.yaml"
    if deck_yaml.is_file() and not deck_yaml.is_symlink():
        info = _deck_yaml_info(deck_yaml)
        if info is None:
            return None
        if info.title:
            return Deck(info=info, sections=(), root=path)
    return _opening_with_first_section(path)


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
        info = _front_matter_info(lines[1:start], shown)
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


def _opening_with_first_section(path: Path) -> Deck | None:
    """The opening of a deck whose deck.yaml gives no title (or is a link): its first section."""
    from tui.domain.deckinfo import load_deck_info
    from tui.domain.deckload import MARKDOWN_SUFFIXES, inside, load_section, title_from_name

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


def _deck_yaml_info(path: Path) -> DeckInfo | None:
    """`deck.yaml` read as the full load reads it (`load_deck_info`); None on any problem."""
    from tui.domain.deckinfo import load_deck_info

    log = ProblemLog()
    try:
        info = load_deck_info(path, display_path(path), log)
    except PodiumError:
        return None
    return None if log.errors else info


def _front_matter_info(lines: list[str], shown: str) -> DeckInfo | None:
    """The deck information of a single file's front matter (`lines`, from the file's second
    line), when it is plain `key: text` lines; None otherwise (the whole load reads the rest)."""
    from tui.domain.deckinfo import front_matter_info
    from tui.domain.yamlsource import read_flat_mapping

    front = read_flat_mapping("\n".join(lines), line_offset=1)
    if front is None:
        return None
    log = ProblemLog()
    info = front_matter_info(front, shown, log)
    return None if log.errors else info
