"""Safe YAML loading that remembers where every key, value and item stood.

Only PyYAML's safe constructors are used: tags that would build Python objects are refused.
Mappings load as `YamlMap` and sequences as `YamlSeq`, which keep 1-based (line, col) positions
so validation can point at the exact place of a mistake. Duplicate keys are reported, not
silently overwritten.
"""

from __future__ import annotations

import datetime
import re
import sys
from typing import Any

import yaml

from tui.domain.errors import Problem, ProblemLog
from tui.domain.source import clean_text

try:  # libyaml's parser is several times faster; positions work the same.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

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


_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")


def _position(node: yaml.Node, line_offset: int) -> Position:
    return (node.start_mark.line + 1 + line_offset, node.start_mark.column + 1)


def _make_loader(base: type, path: str, log: ProblemLog, line_offset: int) -> type:
    class Loader(base):  # type: ignore[misc, valid-type]
        def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
            # PyYAML's constructors raise plain exceptions for values that match a type but do
            # not hold one (`2026-02-30`, `!!float nope`): report them where they stand.
            deep_before = self.deep_construct
            try:
                return super().construct_object(node, deep=deep)
            except (ValueError, TypeError, AttributeError, LookupError, ArithmeticError) as error:
                self.recursive_objects.pop(node, None)
                self.constructed_objects[node] = None  # aliases to it are not reported again
                self.deep_construct = deep_before
                log.error(path, *_position(node, line_offset), _unreadable(node, error))
                return None

        def construct_podium_map(self, node: yaml.MappingNode):  # type: ignore[no-untyped-def]
            if not isinstance(node, yaml.MappingNode):
                raise yaml.constructor.ConstructorError(
                    None, None, f"expected a mapping, but found {node.id}", node.start_mark)
            data = YamlMap()
            data.start = _position(node, line_offset)
            yield data
            self.flatten_mapping(node)
            for key_node, value_node in node.value:
                key = self.construct_object(key_node, deep=True)
                where = _position(key_node, line_offset)
                try:
                    hash(key)
                except TypeError:
                    log.error(path, *where, "a key must be a plain value, not a list or mapping")
                    continue
                if key in data:
                    first = data.key_pos[key][0]
                    log.error(path, *where, f"duplicate key '{key}' (first given on line {first})")
                    continue
                data[key] = self.construct_object(value_node, deep=True)
                data.key_pos[key] = where
                data.value_pos[key] = _position(value_node, line_offset)

        def construct_podium_seq(self, node: yaml.SequenceNode):  # type: ignore[no-untyped-def]
            if not isinstance(node, yaml.SequenceNode):
                raise yaml.constructor.ConstructorError(
                    None, None, f"expected a list, but found {node.id}", node.start_mark)
            data = YamlSeq()
            data.start = _position(node, line_offset)
            yield data
            for child in node.value:
                data.append(self.construct_object(child, deep=True))
                data.item_pos.append(_position(child, line_offset))

        def construct_podium_str(self, node: yaml.ScalarNode) -> str:
            # Double-quoted YAML can spell control codes ("\e", "\a"): strip them here too.
            return clean_text(self.construct_scalar(node))

        def construct_podium_int(self, node: yaml.ScalarNode) -> int:
            # Python refuses to read ints of over 4300 digits, and one past float range cannot
            # be compared as a number later: both are mistakes to report, not to crash on.
            try:
                value = self.construct_yaml_int(node)
            except ValueError as error:
                if "limit" in str(error):  # Python's cap on the digits of an int
                    raise ValueError("too large") from None
                raise
            if abs(value) > sys.float_info.max:
                raise ValueError("too large")
            return value

    # YAML 1.2 booleans: only true and false. `yes`, `no`, `on` and `off` stay text, so a choice
    # written `No` (or the country code NO) is not turned into false behind the author's back.
    Loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    }
    for first in "tTfF":
        Loader.yaml_implicit_resolvers.setdefault(first, []).insert(0, ("tag:yaml.org,2002:bool", _BOOL))
    Loader.add_constructor("tag:yaml.org,2002:str", Loader.construct_podium_str)
    Loader.add_constructor("tag:yaml.org,2002:int", Loader.construct_podium_int)
    Loader.add_constructor("tag:yaml.org,2002:map", Loader.construct_podium_map)
    Loader.add_constructor("tag:yaml.org,2002:seq", Loader.construct_podium_seq)
    return Loader


_KINDS = {"tag:yaml.org,2002:timestamp": "a date", "tag:yaml.org,2002:int": "a number",
          "tag:yaml.org,2002:float": "a number", "tag:yaml.org,2002:bool": "true/false"}


def _unreadable(node: yaml.Node, error: Exception) -> str:
    """The message for a value PyYAML could not build."""
    kind = _KINDS.get(node.tag, "'" + node.tag.replace("tag:yaml.org,2002:", "!!") + "'")
    if isinstance(node, yaml.ScalarNode):
        value = clean_text(node.value)  # a double-quoted "\e[2J" holds the control code itself
        shown = value if len(value) <= 40 else value[:37] + "..."
        detail = f" ({error})" if isinstance(error, ValueError) else ""
        return f"'{shown}' cannot be read as {kind}{detail}; put it in quotes if it is meant as text"
    return f"this {node.id} cannot be read as {kind}"


def _alias_problem(text: str) -> str | None:
    """Why the aliases in `text` are refused (too many, or expanding too far), or None."""
    count = 0
    sizes: dict[str, int] = {}  # anchor -> how many values it stands for, aliases expanded
    open_nodes: list[list] = []  # [anchor, size so far] of each collection being read
    expanded = 0  # values reached through aliases
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            open_nodes.append([event.anchor, 1])
            continue
        if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            anchor, size = open_nodes.pop()
            if anchor:
                sizes[anchor] = size
        elif isinstance(event, yaml.AliasEvent):
            count += 1
            if count > MAX_ALIASES:
                return f"more than {MAX_ALIASES} YAML aliases: refused as a possible alias bomb"
            size = sizes.get(event.anchor, 1)
            expanded += size
        elif isinstance(event, yaml.ScalarEvent):
            size = 1
            if event.anchor:
                sizes[event.anchor] = 1
        else:
            continue
        if open_nodes:
            open_nodes[-1][1] += size
        if expanded > MAX_EXPANDED:
            return (f"YAML aliases stand for more than {MAX_EXPANDED:,} values: "
                    "refused as a possible alias bomb")
    return None


def load_yaml(text: str, path: str, log: ProblemLog, line_offset: int = 0) -> Any:
    """Load one YAML document safely; problems go to `log` and the result is then None.

    `line_offset` is added to every line number, for YAML embedded in a larger file.
    """
    try:
        refused = _alias_problem(text) if "*" in text and "&" in text else None
        if refused:
            log.error(path, 1 + line_offset, 1, refused)
            return None
        loader = _make_loader(_BaseLoader, path, log, line_offset)
        return yaml.load(text, Loader=loader)  # noqa: S506 - the loader is a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        log.error(path, *_describe_yaml_error(error, text, line_offset))
    except yaml.YAMLError as error:
        log.error(path, 1 + line_offset, 1, f"invalid YAML: {error}")
    except RecursionError:
        log.error(path, 1 + line_offset, 1, "YAML nested too deeply")
    return None


def _describe_yaml_error(
    error: yaml.MarkedYAMLError, text: str, line_offset: int
) -> tuple[int, int, str]:
    """Position and message for a PyYAML error, in the user's terms."""

    def at(mark: Any) -> Position:
        return (mark.line + 1 + line_offset, mark.column + 1)

    problem = error.problem or "invalid YAML"
    if "could not determine a constructor" in problem and error.problem_mark:
        tag = problem.split("'")[1] if "'" in problem else problem
        tag = tag.replace("tag:yaml.org,2002:", "!!")
        line, col = at(error.problem_mark)
        return line, col, f"YAML tag '{tag}' is not allowed: only plain data is loaded"
    if "found a tab character" in problem and error.problem_mark:  # libyaml's words for it
        line, col = at(error.problem_mark)
        return line, col, "invalid YAML: a tab cannot indent YAML; use spaces"
    if "cannot start any token" in problem and error.problem_mark:
        mark = error.problem_mark
        lines = text.split("\n")
        if mark.line < len(lines) and lines[mark.line][mark.column:mark.column + 1] == "\t":
            line, col = at(mark)
            return line, col, "invalid YAML: a tab cannot indent YAML; use spaces"
    opened = {
        "while scanning a quoted scalar": "a quoted string",
        "while parsing a flow sequence": "a '[' list",
        "while parsing a flow mapping": "a '{' mapping",
    }
    if error.context in opened and error.context_mark \
            and ("end of stream" in problem or "did not find expected" in problem):
        # An unclosed quote or bracket: point where it was opened.
        line, col = at(error.context_mark)
        return line, col, f"invalid YAML: {opened[error.context]} is opened here and never closed"
    mark = error.problem_mark or error.context_mark
    line, col = at(mark) if mark else (1 + line_offset, 1)
    return line, col, f"invalid YAML: {problem}"


def problem_at(path: str, where: Position, message: str) -> Problem:
    """A `Problem` at a YAML position."""
    return Problem(path, where[0], where[1], message)


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
