"""What a deck says about itself (title, subtitle, author, date, theme, pass mark), read from
`deck.yaml` or from a single Markdown file's front matter.

The full load and the opening (`tui.domain.opening`, the first page shown before the rest is
loaded) both read it here, through `load_yaml`, so they agree on every value and every problem.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tui.domain.deck import DeckInfo
from tui.domain.errors import ProblemLog
from tui.domain.source import read_source
from tui.domain.suggest import closest
from tui.domain.yamlsource import YamlMap, kind_of, load_yaml

DECK_KEYS = ("title", "subtitle", "author", "date", "theme", "pass_mark")
FRONT_MATTER_INFO_KEYS = (("title", "title"), ("subtitle", "subtitle"), ("subtitle", "sub_title"),
                          ("author", "author"), ("date", "date"), ("theme", "theme"), ("pass_mark", "pass_mark"))
"""(deck key, front matter key) pairs: a single file's front matter may spell the subtitle
`sub_title`, as presenterm does."""


def parse_pass_mark(value: Any) -> float | None:
    """`70%`, `0.7` or `70` -> 0.7; None when the value is not a pass mark."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*%\s*", value)
        if not match:
            return None
        percent = float(match.group(1))
        return percent / 100 if percent <= 100 else None
    if isinstance(value, (int, float)):
        number = float(value)
        if 1 < number <= 100:  # a bare percentage such as 70
            number /= 100
        if 0 <= number <= 1:
            return number
    return None


def unknown_key(log: ProblemLog, path: str, data: YamlMap, key: Any, known: tuple[str, ...],
                where: str, fatal: bool) -> None:
    """Report `key`, which is not one of `known`, with the closest known key as a suggestion; an
    error when `fatal`, else a warning (only when a suggestion exists)."""
    guess = closest(str(key), known, cutoff=0.75)
    hint = f" (did you mean '{guess}'?)" if guess else f"; known keys: {', '.join(known)}"
    message = f"unknown key '{key}' in {where}{hint}"
    line, col = data.pos(key)
    if fatal:
        log.error(path, line, col, message)
    elif guess:
        log.warning(path, line, col, message + "; it is ignored")


def text_value(log: ProblemLog, path: str, data: YamlMap, key: str) -> str:
    """The value of `key` as text ("" when absent); numbers and dates as written, anything
    else an error."""
    value = data.get(key, "")
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if hasattr(value, "isoformat"):  # an unquoted date
        return value.isoformat()
    if not isinstance(value, str):
        log.error(path, *data.vpos(key), f"'{key}' must be text, not {kind_of(value)}")
        return ""
    return value.strip()


def load_deck_info(path: Path, shown: str, log: ProblemLog) -> DeckInfo:
    """Read `deck.yaml`; unknown keys are errors here, since the file is podium's own."""
    text = read_source(path, shown)
    data = load_yaml(text, shown, log)
    if data is None:
        return DeckInfo()
    if not isinstance(data, YamlMap):
        log.error(shown, 1, 1, "deck.yaml must be a mapping of keys to values")
        return DeckInfo()
    for key in data:
        if key not in DECK_KEYS:
            unknown_key(log, shown, data, key, DECK_KEYS, "deck.yaml", fatal=True)
    return deck_info(data, shown, log)


def front_matter_info(front: YamlMap, shown: str, log: ProblemLog) -> DeckInfo:
    """The deck information a single file's front matter gives (its other keys are the section's)."""
    data = YamlMap()
    for key, source in FRONT_MATTER_INFO_KEYS:
        if source in front and key not in data:
            data[key] = front[source]
            data.key_pos[key] = front.pos(source)
            data.value_pos[key] = front.vpos(source)
    return deck_info(data, shown, log)


def deck_info(data: YamlMap, shown: str, log: ProblemLog) -> DeckInfo:
    """The deck information in `data`, a mapping read from `shown`; bad values go to `log`."""
    pass_mark = 0.7
    if "pass_mark" in data:
        parsed = parse_pass_mark(data["pass_mark"])
        if parsed is None:
            log.error(shown, *data.vpos("pass_mark"),
                      "'pass_mark' must be a percentage like 70% or a fraction like 0.7")
        else:
            pass_mark = parsed
    return DeckInfo(
        title=text_value(log, shown, data, "title"),
        subtitle=text_value(log, shown, data, "subtitle"),
        author=text_value(log, shown, data, "author"),
        date=text_value(log, shown, data, "date"),
        theme=text_value(log, shown, data, "theme"),
        pass_mark=pass_mark,
        source=shown,
        where={str(key): data.vpos(key) for key in data},
    )
