"""Loading a deck from disk: a folder (`slides/`, `quizzes/`, `deck.yaml`) or one Markdown file.

Every problem in every file is collected, then raised together as one `PodiumError`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tui.domain.deck import Deck, DeckInfo, Section
from tui.domain.deckinfo import DECK_KEYS, front_matter_info, load_deck_info, text_value, unknown_key
from tui.domain.errors import PodiumError, Problem, ProblemLog
from tui.domain.slides import parse_markdown
from tui.domain.source import display_path, read_source, safe_name
from tui.domain.yamlsource import YamlMap, YamlSeq
from tui.domain.yamlsource import kind_of as _kind

SECTION_KEYS = ("title", "takeaways", "quiz")
MARKDOWN_SUFFIXES = (".md", ".markdown")


def inside(root: Path, candidate: Path) -> bool:
    """True when `candidate`, links resolved, lies inside `root`."""
    try:
        candidate.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def _quiz_path(front: YamlMap, file: Path, root: Path, shown: str, log: ProblemLog,
               default_dir: Path | None) -> Path | None:
    if "quiz" not in front:
        if default_dir is None:
            return None
        default = default_dir / f"{file.stem}.yaml"
        if not default.is_file():
            return None
        if not inside(root, default):
            log.error(display_path(default), 1, 1, "links outside the deck folder; refused")
            return None
        return default
    value = front["quiz"]
    if value is False or value is None:
        return None
    where = front.vpos("quiz")
    if not isinstance(value, str) or not value.strip():
        log.error(shown, *where, "'quiz' must be the path of a question bank, or false for no quiz")
        return None
    target = Path(value)
    try:
        outside = target.is_absolute() or not inside(root, root / target)
        exists = not outside and (root / target).is_file()
    except (OSError, RuntimeError):  # a name too long for the system, a loop of links
        log.error(shown, *where, f"quiz bank '{value}' cannot be opened")
        return None
    if outside:
        log.error(shown, *where, f"quiz path '{value}' leaves the deck folder; keep banks inside it")
        return None
    if not exists:
        log.error(shown, *where, f"quiz bank '{value}' does not exist")
        return None
    return root / target


def _takeaways(front: YamlMap, shown: str, log: ProblemLog) -> tuple[str, ...]:
    value = front.get("takeaways")
    if value is None:
        return ()
    if isinstance(value, str):
        value_list: list[Any] = [value]
        positions = [front.vpos("takeaways")]
    elif isinstance(value, YamlSeq):
        value_list, positions = list(value), [value.pos(i) for i in range(len(value))]
    else:
        log.error(shown, *front.vpos("takeaways"), "'takeaways' must be a list of short texts")
        return ()
    items = []
    for item, where in zip(value_list, positions):
        if isinstance(item, (str, int, float)) and not isinstance(item, bool) and str(item).strip():
            items.append(str(item).strip())
        else:
            log.error(shown, *where, f"a takeaway must be a line of text, not {_kind(item)}")
    return tuple(items)


def load_section(file: Path, root: Path, log: ProblemLog, default_quiz_dir: Path | None,
                 known: tuple[str, ...] = SECTION_KEYS, text: str | None = None) -> tuple[Section, YamlMap]:
    """One Markdown file -> a Section (problems go to `log`); `known` are the keys it uses;
    `text`, when given, is read instead of the file (the start of it, for a deck's opening)."""
    shown = display_path(file)
    if text is None:
        text = read_source(file, shown)
    parsed = parse_markdown(text, shown, log)
    front = parsed.front_matter
    for key in front:
        if key not in known:
            unknown_key(log, shown, front, key, known, "front matter", fatal=False)
    title = text_value(log, shown, front, "title") if "title" in front else ""
    if not title:
        title = next((slide.title for slide in parsed.slides if slide.title), "") or title_from_name(file.stem)
    if not parsed.slides and not front.get("takeaways"):
        log.warning(shown, 1, 1, "this section has no slides")
    section = Section(
        title=title,
        slides=parsed.slides,
        takeaways=_takeaways(front, shown, log),
        quiz_path=_quiz_path(front, file, root, shown, log, default_quiz_dir),
        quiz_disabled=front.get("quiz") is False,
        path=shown,
        extra={key: front[key] for key in front if key not in SECTION_KEYS},
    )
    return section, front


def title_from_name(stem: str) -> str:
    """A title made from a file or folder name: its number prefix dropped, dashes and
    underscores as spaces, the first letter upper case."""
    stem = safe_name(stem, "")  # a title made from a file or folder name holds no control code
    words = re.sub(r"^\d+[-_ .]*", "", stem).replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else stem


def load_deck(path: Path) -> Deck:
    """Load the deck at `path` (a folder or a Markdown file); raise `PodiumError` on errors."""
    log = ProblemLog()
    if path.is_file() or path.suffix.lower() in MARKDOWN_SUFFIXES:
        return load_single_file(path, log)
    if not path.is_dir():
        raise PodiumError([Problem(str(path), 1, 1, "no such deck: give a deck folder or a Markdown file")])
    root = path
    slides_dir = root / "slides"
    if not slides_dir.is_dir():
        raise PodiumError([Problem(str(path), 1, 1,
                                   "not a deck: a deck folder holds a 'slides/' folder of Markdown files")])
    info = DeckInfo()
    deck_yaml = root / "deck.yaml"
    if deck_yaml.is_file() and not inside(root, deck_yaml):
        log.error(display_path(deck_yaml), 1, 1, "links outside the deck folder; refused")
    elif deck_yaml.is_file():
        try:
            info = load_deck_info(deck_yaml, display_path(deck_yaml), log)
        except PodiumError as error:  # unreadable: reported together with the sections' problems
            log.problems.extend(error.problems)
    files = sorted(p for p in slides_dir.iterdir()
                   if p.suffix.lower() in MARKDOWN_SUFFIXES and p.is_file())
    if not files:
        raise PodiumError([Problem(display_path(slides_dir), 1, 1, "no Markdown files (*.md) in this folder")])
    sections = []
    for file in files:
        if not inside(root, file):
            log.error(display_path(file), 1, 1, "links outside the deck folder; refused")
            continue
        try:
            section, _ = load_section(file, root, log, root / "quizzes")
        except PodiumError as error:
            log.problems.extend(error.problems)
            continue
        sections.append(section)
    log.raise_if_errors()
    if not info.title:
        info = info._replace(title=title_from_name(root.resolve().name), title_slide=False)
    return Deck(info=info, sections=tuple(sections), root=root, warnings=tuple(log.warnings))


def load_single_file(path: Path, log: ProblemLog, text: str | None = None) -> Deck:
    """A deck held in one Markdown file (its front matter holds the deck's settings)."""
    root = path.parent
    known = SECTION_KEYS + tuple(key for key in DECK_KEYS if key not in SECTION_KEYS) + ("sub_title",)
    section, front = load_section(path, root, log, default_quiz_dir=None, known=known, text=text)
    # The section has already reported a bad 'title': report each mistake once.
    info_log = ProblemLog()
    info = front_matter_info(front, section.path, info_log)
    log.problems.extend(problem for problem in info_log.problems if problem not in log.problems)
    log.raise_if_errors()
    # A single file's own front matter title names the deck, so no separate title slide is
    # needed unless the front matter gives one.
    if not info.title:
        info = info._replace(title=section.title, title_slide=False)
    return Deck(info=info, sections=(section,), root=root, warnings=tuple(log.warnings))
