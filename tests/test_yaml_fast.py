"""The fast ways of reading YAML build exactly what PyYAML's construction builds.

`load_yaml` reads a document of plain `key: text` lines itself (`read_flat_mapping`); otherwise it
first builds a document with its own walk over libyaml's node tree and hands anything
unusual (aliases, merge keys, odd tags, duplicate keys, deep nesting) to PyYAML's construction.
Here every document is loaded both ways (`FAST_CONSTRUCTION` on and off) and the results, every
position and every problem reported must be the same. The loader's tag resolution, rewritten
for speed, is compared with PyYAML's `BaseResolver.resolve`.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from tui.domain import yaml_pyyaml, yamlsource
from tui.domain.errors import ProblemLog
from tui.domain.yamlsource import YamlMap, YamlSeq, load_yaml, read_flat_mapping

ROOT = Path(__file__).resolve().parent.parent


def same(a: Any, b: Any) -> bool:
    """Equal values of the same types, with the same positions all the way down."""
    if type(a) is not type(b):
        return False
    if isinstance(a, YamlMap):
        return (a.start == b.start and list(a) == list(b) and a.key_pos == b.key_pos
                and a.value_pos == b.value_pos and all(same(a[k], b[k]) for k in a))
    if isinstance(a, YamlSeq):
        return (a.start == b.start and a.item_pos == b.item_pos and len(a) == len(b)
                and all(same(x, y) for x, y in zip(a, b)))
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def sharing(value: Any) -> list[int]:
    """Which containers are one and the same object (an alias), as first-seen indices."""
    order: dict[int, int] = {}
    pattern: list[int] = []

    def walk(item: Any) -> None:
        if isinstance(item, (dict, list)):
            pattern.append(order.setdefault(id(item), len(order)))
            for child in (item.values() if isinstance(item, dict) else item):
                walk(child)

    walk(value)
    return pattern


def both_ways(text: str, line_offset: int = 0) -> None:
    results = []
    for fast in (True, False):
        old = yamlsource.FAST_CONSTRUCTION
        yamlsource.FAST_CONSTRUCTION = fast
        try:
            log = ProblemLog()
            data = load_yaml(text, "x.yaml", log, line_offset)
        finally:
            yamlsource.FAST_CONSTRUCTION = old
        results.append((data, [(p.line, p.col, p.severity, p.message) for p in log.problems]))
    (fast_data, fast_problems), (slow_data, slow_problems) = results
    assert fast_problems == slow_problems
    assert same(fast_data, slow_data), (fast_data, slow_data)
    assert sharing(fast_data) == sharing(slow_data)


def yaml_texts() -> list[tuple[str, str]]:
    """Every YAML document in the repository's decks, fixtures and hostile cases."""
    texts = []
    for path in sorted([*ROOT.glob("tests/**/*.y*ml"), *ROOT.glob("tui/**/*.y*ml"),
                        *ROOT.glob("tests/**/*.md"), *ROOT.glob("tui/**/*.md")]):
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        if path.suffix == ".md":
            match = re.match(r"---\n(.*?)\n---\n", text, re.DOTALL)
            if not match:
                continue
            text = match.group(1)
        texts.append((str(path.relative_to(ROOT)), text))
    return texts


@pytest.mark.parametrize(("name", "text"), yaml_texts(), ids=lambda value: value if "/" in value else "")
def test_repository_documents_load_the_same_both_ways(name: str, text: str) -> None:
    both_ways(text)
    both_ways(text, line_offset=3)


CASES = [
    "a: 1\nb: [x, y]\nc: {d: e}\n",
    "- 1\n- -2\n- +3\n- 0\n- 007\n- 0x1F\n- 0o17\n- 1_000\n- 190:20:30\n- 0b101\n- '12'\n",
    "- " + "9" * 299 + "\n- " + "9" * 300 + "\n- " + "9" * 400 + "\n- " + "9" * 5000 + "\n",
    "- 1.5\n- .inf\n- -.inf\n- .nan\n- 1e3\n- 6.8523015e+5\n- !!float nope\n- !!int nope\n",
    "- true\n- True\n- TRUE\n- false\n- yes\n- No\n- on\n- OFF\n- !!bool yes\n- !!bool maybe\n",
    "- ~\n- null\n- Null\n-\n- ''\n- !!null ''\n- !!null x\n",
    "- 2026-01-01\n- 2026-02-30\n- 2026-01-01 10:00:00\n- !!timestamp nope\n",
    "- !!binary aGVsbG8=\n- !!binary '*not base64*'\n",
    "- !!str 12\n- !!str\n- ! 12\n- !local x\n- !!python/object:os.system x\n",
    "a: 1\na: 2\n",
    "true: 1\n1: 2\n",
    "1: a\n1.0: b\n",
    ".nan: a\n.nan: b\n",
    "? [a, b]\n: c\n",
    "? {a: b}\n: c\n",
    "base: &b {x: 1}\nmore:\n  <<: *b\n  y: 2\n",
    "= : 1\n",
    "'<<': 1\n'=': 2\n",
    "a: &x [1, 2]\nb: *x\n",
    "a: &x\n  b: *x\n",
    "a: *nothing\n",
    "a: '*not an alias'\nb: 'R&D **bold**'\n",
    "!!set {a, b}\n",
    "!!omap [a: 1, b: 2]\n",
    "!!pairs [a: 1, a: 2]\n",
    "!!map [a]\n",
    "!!seq {a: 1}\n",
    "!!map {a: 1}\n",
    "!!seq [a]\n",
    "- !!str [a]\n- !!map x\n",
    "key: \"\\e[2J\\a\\x9b\\r\\nx\\u202e\"\n\"\\e\": 1\n",
    "a: |\n  line one\n  line two\n\nb: >\n  folded\n  text\n",
    "a: 2026-02-30\nb: !!float x\nc: ok\nc: again\n",
    "a: 2026-02-30\nb: ok\n",
    "[" * 70 + "]" * 70,
    "[" * 64 + "]" * 64,
    "[" * 66 + "]" * 66,
    "a:\n" + "".join("  " * i + "- \n" for i in range(1, 80)),
    "just text",
    "12",
    "2026-02-30",
    "",
    "---\n",
    "a: 1\n---\nb: 2\n",
    "a: [1, 2\n",
    "a:\n\t- b\n",
    ("questions:\n  - id: q1\n    type: single\n    choices: [a, b]\n    answer: a\n"
     "  - id: q2\n    points: 1.5\n    tolerance: 0.1\n    answer: [1, 2]\n"),
]


@pytest.mark.parametrize("text", CASES)
def test_unusual_documents_load_the_same_both_ways(text: str) -> None:
    both_ways(text)
    both_ways(text, line_offset=1)


SCALARS = ["a", "text with spaces", "yes", "No", "on", "~", "null", "", "''", '""', "0", "007", "12",
           "-5", "+3", "1_000", "0x1F", "0o17", "0b11", "1:30", "1.5", ".inf", ".NaN", "1e3", "true",
           "FALSE", "2026-01-01", "2026-02-30", "<<", "=", "!!float nope", "!!int 12", "!!bool yes",
           "!!binary aGk=", "!!str 7", "!!null", "&a x", "*a", "'quoted'", '"\\e[2J"', '"a\\r\\nb"',
           "[1, 2]", "{a: 1}", "[]", "{}", "!!set {a, b}", "9" * 320, "é", "日本", "R&D", "**b**",
           "'*a'", "- x", ": x", "# c", "|\n  block", "x\ty"]


@st.composite
def documents(draw: st.DrawFn) -> str:
    """Block YAML of random shape whose keys and scalars come from a list of tricky ones."""

    def node(indent: int, depth: int) -> list[str]:
        kind = draw(st.sampled_from(["scalar", "map", "seq"] if depth < 4 else ["scalar"]))
        if kind == "scalar":
            return [" " + draw(st.sampled_from(SCALARS))]
        lines = [""]
        for _ in range(draw(st.integers(1, 4))):
            head = "- " if kind == "seq" else draw(st.sampled_from(SCALARS[:40])) + ":"
            child = node(indent + 2, depth + 1)
            lines.append(" " * indent + head + child[0])
            lines.extend(child[1:])
        return lines

    return "\n".join(node(0, 0)[1:] or [draw(st.sampled_from(SCALARS))]) + "\n"


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_random_documents_load_the_same_both_ways(text: str) -> None:
    both_ways(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab01-+.:_~!&*<=eExXoO\t\r\n '\"[]{},#|>?%@`")), max_size=30))
def test_random_text_loads_the_same_both_ways(text: str) -> None:
    both_ways(text)
    both_ways("a: " + text)


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.sampled_from(SCALARS), st.text(max_size=12),
                 st.text(alphabet=st.sampled_from(list("0123456789+-._:eExXoObB~nNtTfFyY<=!&* ")), max_size=12)),
       st.booleans(), st.booleans())
def test_tag_resolution_is_pyyaml_s(value: str, plain: bool, quoted: bool) -> None:
    loader_class = yaml_pyyaml.make_loader(yaml_pyyaml.BaseLoader, "x.yaml", ProblemLog(), 0)
    loader = loader_class("")
    try:
        for kind in (ScalarNode, SequenceNode, MappingNode):
            expected = yaml.resolver.BaseResolver.resolve(loader, kind, value, (plain, quoted))
            assert loader.resolve(kind, value, (plain, quoted)) == expected
    finally:
        loader.dispose()


# -- the flat reader: `key: text` lines read without PyYAML --------------------------------------

FLAT_VALUES = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30),
    st.sampled_from([*SCALARS, "70%", "150%", "0.7", "2026 in review", "2026-01-01 10:00:00", ".5", "-x",
                     "a: b", "a #b", "a#b", "A:", "x:y", "'it''s'", "'bad ' quote'", '"a \\" b"',
                     "R&D", "C++", "?x", "  padded  ", "Yes", "OFF", "n", "y"]),
)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["title", "subtitle", "date", "pass_mark", "y", "on", "null", "a_b"]),
                          FLAT_VALUES, st.sampled_from(["", '"', "'"]), st.sampled_from([" ", "  ", "\t"])),
                max_size=5),
       st.sampled_from(["", "# a deck\n", "\n", "---\n"]), st.sampled_from(["\n", "\r\n"]))
def test_the_flat_reader_agrees_with_pyyaml_or_declines(entries, head, newline) -> None:
    text = head + newline.join(f"{key}:{gap}{quote}{value}{quote}" for key, value, quote, gap in entries) + newline
    both_ways(text)
    both_ways(text, line_offset=3)


def test_the_flat_reader_reads_deck_yaml_as_podium_writes_it() -> None:
    """The bundled deck.yaml and plain front matter are read without PyYAML."""
    data = read_flat_mapping((ROOT / "deck.yaml").read_text(encoding="utf-8"))
    assert data is not None
    assert data["date"] == "2026" and data["pass_mark"] == "70%"
    assert data.vpos("subtitle") == (2, 11)
    quoted = read_flat_mapping("# talk\ntitle: It's a talk   \nsubtitle: 'Quoted: ''yes'''\n", 4)
    assert quoted == {"title": "It's a talk", "subtitle": "Quoted: 'yes'"}
    assert quoted is not None and quoted.start == (6, 1) and quoted.vpos("subtitle") == (7, 11)


@pytest.mark.parametrize("text", ['title: "with \\"escapes\\""\n', "title: [a, b]\n", "title: >\n  folded\n",
                                  "title: 2026\n", "title: x\ntitle: y\n", "title: A:\n", "title: &a x\n",
                                  "---\ntitle: x\n", "title: x\n  continued\n", "yes: x\n", "title: no\n",
                                  "title:\tx\n", "title: x # note\n", "title:\n", "", "# only a comment\n",
                                  "title: .5\n", "date: 2026-01-01 10:00:00\n", "title: a\x85b\n"])
def test_the_flat_reader_declines_what_only_yaml_reads(text: str) -> None:
    assert read_flat_mapping(text) is None
    both_ways(text)
