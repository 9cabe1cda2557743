"""Any YAML document loaded with PyYAML's safe loader, every position kept.

`tui.domain.yamlsource.load_yaml` hands here what its flat reader declines. Only PyYAML's safe
constructors are used: tags that would build Python objects are refused. Plain documents (every
deck and bank) are built by podium's own walk over the node tree (`construct_fast`), checked
against PyYAML's construction by tests/test_yaml_fast.py; anything unusual goes to PyYAML's.
Duplicate keys are reported, not silently overwritten; alias bombs are refused.
"""

from __future__ import annotations

import gc
import re
import sys
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from tui.domain.errors import ProblemLog
from tui.domain.source import clean_text
from tui.domain.yamlsource import MAX_ALIASES, MAX_EXPANDED, Position, YamlMap, YamlSeq

try:  # libyaml's parser is several times faster; positions work the same.
    from yaml import CSafeLoader as BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as BaseLoader  # type: ignore[assignment]  # the pure-Python twin of CSafeLoader


_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")


def _position(node: yaml.Node, line_offset: int) -> Position:
    return (node.start_mark.line + 1 + line_offset, node.start_mark.column + 1)


class _Unusual(Exception):
    """Raised by the fast construction on anything it leaves to PyYAML's own."""


_TAG = "tag:yaml.org,2002:"
_STR, _NULL, _BOOL_TAG, _INT, _MAP, _SEQ = (_TAG + "str", _TAG + "null", _TAG + "bool", _TAG + "int",
                                            _TAG + "map", _TAG + "seq")
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_DELEGATED = frozenset(_TAG + name for name in ("null", "bool", "int", "float", "binary", "timestamp"))
"""Scalar tags whose values the fast construction leaves to the loader's own constructors."""
_KEY_TAGS = frozenset((_STR, _NULL, _BOOL_TAG, _INT, _TAG + "float", _TAG + "timestamp"))
"""Tags a mapping key may have in the fast construction (merge `<<` and value `=` keys may not)."""
_FAST_DEPTH = 64
"""Deeper nesting is left to PyYAML's construction, which decides where recursion runs out."""


def make_loader(base: type, path: str, log: ProblemLog, line_offset: int,
                aliases_possible: bool = True, fast: bool = True) -> type:
    """A SafeLoader class for one document of `path` (problems to `log`), keeping positions."""
    first_line = 1 + line_offset

    class Loader(base):
        def get_single_data(self) -> Any:
            # As PyYAML's, but the document is first built by `construct_fast`; when that meets
            # anything it does not handle, what it built and logged is dropped and PyYAML's
            # construction (with the constructors below) builds the document instead.
            node = self.get_single_node()
            if node is None:
                return None
            if not fast:
                return self.construct_document(node)
            logged = len(log.problems)
            try:
                return self.construct_fast(node)
            except _Unusual:
                del log.problems[logged:]
                self.constructed_objects: dict[yaml.Node, Any] = {}
                self.recursive_objects: dict[yaml.Node, None] = {}
                self.state_generators: list[Any] = []
                self.deep_construct = False
            return self.construct_document(node)

        def construct_fast(self, root: yaml.Node) -> Any:
            """The document at `root`, built as `construct_document` would build it, for the
            plain documents every deck and bank is: no aliases, merge keys, explicit collection
            tags, duplicate or non-scalar keys, nor nesting deeper than `_FAST_DEPTH`. Values
            PyYAML may refuse (dates, floats, ints other than plain decimals) go through
            `construct_object`, which reports them, in the same order as PyYAML's walk."""
            seen: set[int] | None = set() if self.aliases_possible else None
            no_aliases = seen is None
            construct_object = self.construct_object

            def build(node: yaml.Node, depth: int) -> Any:
                if seen is not None:  # an alias: the same node met twice
                    if id(node) in seen:
                        raise _Unusual
                    seen.add(id(node))
                kind = node.__class__
                tag = node.tag
                if kind is ScalarNode:
                    value = node.value
                    if tag == _STR:
                        return value if value.isprintable() else clean_text(value)
                    if tag == _BOOL_TAG and value in _BOOLS:
                        return _BOOLS[value]
                    if tag == _INT and value.isdigit() and value.isascii() and len(value) < 300 \
                            and (value[0] != "0" or len(value) == 1):
                        return int(value)
                    if tag == _NULL:
                        return None
                    if tag in _DELEGATED:
                        return construct_object(node, deep=True)
                    raise _Unusual
                if depth > _FAST_DEPTH:
                    raise _Unusual
                start = node.start_mark
                if kind is MappingNode and tag == _MAP:
                    data = YamlMap()
                    data.start = (start.line + first_line, start.column + 1)
                    key_pos = data.key_pos
                    value_pos = data.value_pos
                    for key_node, value_node in node.value:
                        if key_node.__class__ is not ScalarNode or key_node.tag not in _KEY_TAGS:
                            raise _Unusual
                        if no_aliases and key_node.tag == _STR:  # (text, the usual, built here)
                            key = key_node.value
                            if not key.isprintable():
                                key = clean_text(key)
                        else:
                            key = build(key_node, depth + 1)
                        if key in data:
                            raise _Unusual
                        if no_aliases and value_node.__class__ is ScalarNode and value_node.tag == _STR:
                            value = value_node.value
                            data[key] = value if value.isprintable() else clean_text(value)
                        else:
                            data[key] = build(value_node, depth + 1)
                        mark = key_node.start_mark
                        key_pos[key] = (mark.line + first_line, mark.column + 1)
                        mark = value_node.start_mark
                        value_pos[key] = (mark.line + first_line, mark.column + 1)
                    return data
                if kind is SequenceNode and tag == _SEQ:
                    items = YamlSeq()
                    items.start = (start.line + first_line, start.column + 1)
                    item_pos = items.item_pos
                    for child in node.value:
                        if no_aliases and child.__class__ is ScalarNode and child.tag == _STR:
                            value = child.value
                            items.append(value if value.isprintable() else clean_text(value))
                        else:
                            items.append(build(child, depth + 1))
                        mark = child.start_mark
                        item_pos.append((mark.line + first_line, mark.column + 1))
                    return items
                raise _Unusual

            data = build(root, 0)
            self.constructed_objects = {}
            return data

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

        def construct_podium_map(self, node: yaml.MappingNode):
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

        def construct_podium_seq(self, node: yaml.SequenceNode):
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
        for first, resolvers in BaseLoader.yaml_implicit_resolvers.items()
    }
    for first in "tTfF":
        Loader.yaml_implicit_resolvers.setdefault(first, []).insert(0, ("tag:yaml.org,2002:bool", _BOOL))
    Loader.add_constructor("tag:yaml.org,2002:str", Loader.construct_podium_str)
    Loader.add_constructor("tag:yaml.org,2002:int", Loader.construct_podium_int)
    Loader.add_constructor("tag:yaml.org,2002:map", Loader.construct_podium_map)
    Loader.add_constructor("tag:yaml.org,2002:seq", Loader.construct_podium_seq)
    Loader.aliases_possible = aliases_possible
    if not Loader.yaml_path_resolvers:
        _fast_resolver(Loader)
    return Loader


def _fast_resolver(loader: Any) -> None:
    """Give `loader` the tag resolution of PyYAML's `BaseResolver.resolve`, for a loader without
    path resolvers, with less work per node: libyaml's composer calls it for every node.
    (`loader` is a class made at run time on top of CSafeLoader or SafeLoader, hence `Any`.)"""
    implicit_resolvers = loader.yaml_implicit_resolvers
    wildcard = list(implicit_resolvers.get(None, []))
    by_first = {first: list(resolvers) + wildcard for first, resolvers in implicit_resolvers.items()
                if first is not None}
    defaults = {ScalarNode: loader.DEFAULT_SCALAR_TAG, SequenceNode: loader.DEFAULT_SEQUENCE_TAG,
                MappingNode: loader.DEFAULT_MAPPING_TAG}

    def resolve(self: Any, kind: type, value: Any, implicit: tuple[bool, bool]) -> str | None:
        if kind is ScalarNode and implicit[0]:
            for tag, regexp in by_first.get(value[:1], wildcard):
                if regexp.match(value):
                    return tag
        return defaults.get(kind)

    def descend_resolver(self: Any, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self: Any) -> None:
        return None

    loader.resolve = resolve
    loader.descend_resolver = descend_resolver
    loader.ascend_resolver = ascend_resolver


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
    return f"this {'sequence' if isinstance(node, yaml.SequenceNode) else 'mapping'} cannot be read as {kind}"


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
            size = sizes.get(event.anchor or "", 1)  # an alias always names its anchor
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


def load_with_pyyaml(text: str, path: str, log: ProblemLog, line_offset: int = 0, fast: bool = True) -> Any:
    """Load one YAML document safely with PyYAML; problems go to `log` and the result is then None.

    `line_offset` is added to every line number, for YAML embedded in a larger file. `fast` builds
    plain documents with podium's own construction, False with PyYAML's alone.
    """
    try:
        refused = _alias_problem(text) if "*" in text and "&" in text else None
        if refused:
            log.error(path, 1 + line_offset, 1, refused)
            return None
        loader = make_loader(BaseLoader, path, log, line_offset, aliases_possible="*" in text, fast=fast)
        # Every object made here lives on: a collection while they are made only walks them
        # (a 10,000-question bank: 0.45 s with the collector paused, 1.2 s without).
        collecting = gc.isenabled()
        gc.disable()
        try:
            return yaml.load(text, Loader=loader)  # noqa: S506 - the loader is a SafeLoader subclass
        finally:
            if collecting:
                gc.enable()
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
    last = error.problem_mark or error.context_mark
    line, col = at(last) if last else (1 + line_offset, 1)
    return line, col, f"invalid YAML: {problem}"
