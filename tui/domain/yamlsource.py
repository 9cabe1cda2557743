"""Safe YAML loading that remembers where every key, value and item stood: podium's one way in.

`load_yaml` reads every YAML document podium meets (deck.yaml, front matter, quiz banks). A
document of plain `key: text` lines, as deck.yaml and most front matter are, is read here without
a YAML parser (importing PyYAML is a large part of a first paint); anything else goes to PyYAML
(`tui.domain.yaml_pyyaml`). Both give the same `YamlMap`, positions included (tests compare them).
Mappings load as `YamlMap` and sequences as `YamlSeq`, which keep 1-based (line, col) positions
so validation can point at the exact place of a mistake.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from tui.domain.errors import ProblemLog

Position = tuple[int, int]

MAX_ALIASES = 100
"""More aliases than this in one document is refused, which stops 'billion laughs' bombs."""

MAX_EXPANDED = 100_000
"""Aliases standing for more values than this, once expanded, are refused too: a few nested
aliases (the classic bomb has only 72) can stand for billions of values, which any code that
walks or prints the loaded data would then visit."""


class YamlMap(dict):
    """A mapping loaded from YAML, with the position of each key and each value."""

    def __init__(self) -> None:
        super().__init__()
        self.start: Position = (1, 1)
        self.key_pos: dict[Any, Position] = {}
        self.value_pos: dict[Any, Position] = {}

    def pos(self, key: Any) -> Position:
        """Where `key` stands, or where the mapping starts when it is absent."""
        return self.key_pos.get(key, self.start)

    def vpos(self, key: Any) -> Position:
        """Where the value of `key` stands."""
        return self.value_pos.get(key, self.pos(key))


class YamlSeq(list):
    """A sequence loaded from YAML, with the position of each item."""

    def __init__(self) -> None:
        super().__init__()
        self.start: Position = (1, 1)
        self.item_pos: list[Position] = []

    def pos(self, index: int) -> Position:
        return self.item_pos[index] if index < len(self.item_pos) else self.start


FAST_CONSTRUCTION = True
"""False reads every document with PyYAML's construction alone (the tests compare the two)."""

_FLAT_LINE = re.compile(r"^([a-z_]+):[ ]+(.*?)[ ]*$")
_FLAT_PLAIN = re.compile(r"^[^-?:,\[\]{}#&*!|>'\"%@`\s](?:(?!: | #).)*(?<!:)$")  # `a:` ends a key in YAML
_RESOLVED_FIRST = frozenset("-+.0123456789~<=")
_PERCENT = re.compile(r"^[0-9]{1,3}(?:\.[0-9]+)?%$")
"""A percentage (a pass mark): text to YAML, though it starts with a digit."""
"""First characters of plain values YAML may read as numbers, dates, null, merge or value keys."""
_RESOLVED_WORDS = frozenset(("true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL",
                            "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
                            "y", "Y", "n", "N"))
"""Plain words YAML may read as true/false or null (podium reads `yes`/`no` as text, but the flat
reader leaves every such word to the full loader)."""


def _flat_scalar(raw: str) -> str | None:
    """A YAML scalar that is surely text: plain, or quoted without escapes; None for anything else."""
    if len(raw) >= 2 and raw[0] == raw[-1] == '"' and "\\" not in raw and '"' not in raw[1:-1]:
        return raw[1:-1]
    if len(raw) >= 2 and raw[0] == raw[-1] == "'":
        inner = raw[1:-1]
        if "'" in inner.replace("''", ""):
            return None
        return inner.replace("''", "'")
    if _PERCENT.match(raw):
        return raw
    if raw[:1] in _RESOLVED_FIRST or raw in _RESOLVED_WORDS or not _FLAT_PLAIN.match(raw):
        return None
    return raw


def read_flat_mapping(text: str, line_offset: int = 0) -> YamlMap | None:
    """`text` as a mapping of `key: text` lines (comments and blank lines allowed), or None when
    it is anything else: the caller then reads it with the full loader, which decides. Whatever
    this returns, PyYAML would return too, positions included."""
    data = YamlMap()
    key_pos = data.key_pos
    value_pos = data.value_pos
    for number, line in enumerate(text.split("\n"), 1 + line_offset):
        if line.endswith("\r"):
            line = line[:-1]
        if not line.isprintable():
            return None  # tabs, other line breaks, control codes: the full loader's business
        if not line or line.lstrip(" ").startswith("#") or not line.strip(" "):
            continue
        match = _FLAT_LINE.match(line)
        if match is None:
            return None
        key, raw = match.groups()
        if key in data or key in _RESOLVED_WORDS:
            return None
        value = _flat_scalar(raw)
        if value is None:
            return None
        if not data:
            data.start = (number, 1)
        data[key] = value
        key_pos[key] = (number, 1)
        value_pos[key] = (number, match.start(2) + 1)
    return data if data else None


def load_yaml(text: str, path: str, log: ProblemLog, line_offset: int = 0) -> Any:
    """Load one YAML document safely; problems go to `log` and the result is then None.

    `line_offset` is added to every line number, for YAML embedded in a larger file.
    """
    if FAST_CONSTRUCTION:
        flat = read_flat_mapping(text, line_offset)
        if flat is not None:
            return flat
    from tui.domain.yaml_pyyaml import load_with_pyyaml

    return load_with_pyyaml(text, path, log, line_offset, fast=FAST_CONSTRUCTION)


def kind_of(value: Any) -> str:
    """What a YAML value is, in words for a message."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "nothing"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return "a date"  # an unquoted 2026-03-14
    if isinstance(value, (bytes, bytearray)):
        return "binary data"  # !!binary
    if isinstance(value, (set, frozenset)):
        return "a set"  # !!set
    return f"a {type(value).__name__}"
