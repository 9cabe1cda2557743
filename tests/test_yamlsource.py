"""Safe YAML with positions: where things stand, and every way a YAML file can go wrong."""

from __future__ import annotations

import datetime
import time
from typing import Any

import pytest

from tui.domain.errors import ProblemLog
from tui.domain.yamlsource import (
    MAX_ALIASES,
    YamlMap,
    YamlSeq,
    kind_of,
    load_yaml,
)

PATH = "data.yaml"


def load(text: str, line_offset: int = 0) -> tuple[Any, list[str]]:
    log = ProblemLog()
    data = load_yaml(text, PATH, log, line_offset)
    return data, [str(problem) for problem in log.problems]


# -- positions --------------------------------------------------------------------------------


def test_positions_of_keys_values_and_items() -> None:
    text = "title: Basics\nquestions:\n  - first\n  -   second\nnested: {a: 1, bb: [x, y]}\n"
    data, problems = load(text)
    assert problems == []
    assert isinstance(data, YamlMap)
    assert data == {"title": "Basics", "questions": ["first", "second"], "nested": {"a": 1, "bb": ["x", "y"]}}
    assert data.start == (1, 1)
    assert data.key_pos == {"title": (1, 1), "questions": (2, 1), "nested": (5, 1)}
    assert data.value_pos == {"title": (1, 8), "questions": (3, 3), "nested": (5, 9)}
    items = data["questions"]
    assert isinstance(items, YamlSeq)
    assert items.start == (3, 3)
    assert items.item_pos == [(3, 5), (4, 7)]
    nested = data["nested"]
    assert isinstance(nested, YamlMap)
    assert nested.start == (5, 9)
    assert nested.key_pos == {"a": (5, 10), "bb": (5, 16)}
    assert nested.value_pos == {"a": (5, 13), "bb": (5, 20)}
    assert nested["bb"].item_pos == [(5, 21), (5, 24)]


def test_mapping_inside_a_list_has_its_own_start() -> None:
    data, _ = load("questions:\n  - id: a\n    type: single\n  - id: b\n")
    first, second = data["questions"]
    assert first.start == (2, 5)
    assert first.key_pos == {"id": (2, 5), "type": (3, 5)}
    assert first.vpos("type") == (3, 11)
    assert second.start == (4, 5)


def test_pos_and_vpos_fall_back_for_absent_keys() -> None:
    data, _ = load("outer:\n  inner: 1\n")
    inner = data["outer"]
    assert inner.pos("missing") == (2, 3)
    assert inner.vpos("missing") == (2, 3)
    assert inner.vpos("inner") == (2, 10)
    seq_data, _ = load("- a\n- b\n")
    assert seq_data.pos(1) == (2, 3)
    assert seq_data.pos(5) == (1, 1)


def test_key_without_value_has_value_position_of_the_empty_node() -> None:
    data, _ = load("a:\nb: 2\n")
    assert data == {"a": None, "b": 2}
    assert data.pos("a") == (1, 1)
    assert data.vpos("b") == (2, 4)


def test_line_offset_shifts_every_line_but_no_column() -> None:
    data, _ = load("a: 1\nb:\n  - x\n", line_offset=7)
    assert data.key_pos == {"a": (8, 1), "b": (9, 1)}
    assert data["b"].item_pos == [(10, 5)]
    _, problems = load("a: 1\na: 2\n", line_offset=7)
    assert problems == [f"{PATH}:9:1: duplicate key 'a' (first given on line 8)"]


# -- duplicate and odd keys -------------------------------------------------------------------


def test_duplicate_key_reported_with_both_lines_and_first_value_kept() -> None:
    data, problems = load("title: A\nauthor: B\ntitle: C\n")
    assert problems == [f"{PATH}:3:1: duplicate key 'title' (first given on line 1)"]
    assert data == {"title": "A", "author": "B"}


def test_duplicate_key_in_nested_mapping() -> None:
    _, problems = load("questions:\n  - id: a\n    prompt: x\n    id: b\n")
    assert problems == [f"{PATH}:4:5: duplicate key 'id' (first given on line 2)"]


def test_duplicate_key_in_flow_mapping() -> None:
    _, problems = load("{a: 1, b: 2, a: 3}\n")
    assert problems == [f"{PATH}:1:14: duplicate key 'a' (first given on line 1)"]


def test_every_duplicate_is_reported() -> None:
    _, problems = load("a: 1\nb: 1\na: 2\nb: 2\na: 3\n")
    assert problems == [
        f"{PATH}:3:1: duplicate key 'a' (first given on line 1)",
        f"{PATH}:4:1: duplicate key 'b' (first given on line 2)",
        f"{PATH}:5:1: duplicate key 'a' (first given on line 1)",
    ]


def test_list_as_a_key_is_an_error() -> None:
    data, problems = load("? [a, b]\n: 1\nc: 2\n")
    assert problems == [f"{PATH}:1:3: a key must be a plain value, not a list or mapping"]
    assert data == {"c": 2}


# -- tags -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x: !!python/object/apply:os.system ['echo hi']\n",
         "1:4: YAML tag '!!python/object/apply:os.system' is not allowed: only plain data is loaded"),
        ("a: 1\nx: !!python/name:os.system\n",
         "2:4: YAML tag '!!python/name:os.system' is not allowed: only plain data is loaded"),
        ("list:\n  - ok\n  - !!python/object:collections.OrderedDict {}\n",
         "3:5: YAML tag '!!python/object:collections.OrderedDict' is not allowed: only plain data is loaded"),
        ("x: !!python/tuple [1, 2]\n",
         "1:4: YAML tag '!!python/tuple' is not allowed: only plain data is loaded"),
        ("x: !custom 3\n", "1:4: YAML tag '!custom' is not allowed: only plain data is loaded"),
    ],
)
def test_object_tags_are_refused_with_a_position(text: str, expected: str) -> None:
    data, problems = load(text)
    assert data is None
    assert problems == [f"{PATH}:{expected}"]


def test_standard_tags_still_work() -> None:
    data, problems = load('x: !!str 3\ny: !!int "4"\nz: !!float 1\n')
    assert problems == []
    assert data == {"x": "3", "y": 4, "z": 1.0}


# -- YAML 1.2 booleans and control codes ------------------------------------------------------


def test_only_true_and_false_are_booleans() -> None:
    data, _ = load("a: yes\nb: No\nc: on\nd: OFF\ne: True\nf: false\ng: TRUE\nh: n\n")
    assert data == {"a": "yes", "b": "No", "c": "on", "d": "OFF", "e": True, "f": False, "g": True, "h": "n"}


def test_escaped_control_codes_in_double_quotes_are_stripped() -> None:
    data, _ = load('a: "\\e[31mred\\a"\nb: "tab\\there"\n')
    assert data == {"a": "[31mred", "b": "tab\there"}


def test_unquoted_date_is_a_date() -> None:
    data, _ = load("date: 2026-03-14\n")
    assert data == {"date": datetime.date(2026, 3, 14)}


# -- bombs and nesting ------------------------------------------------------------------------

BILLION_LAUGHS = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{chr(ord('b') + i)}: &{chr(ord('b') + i)} [" + ",".join([f"*{chr(ord('a') + i)}"] * 9) + "]"
       for i in range(8)]
) + "\n"


def test_billion_laughs_is_refused_quickly() -> None:
    assert BILLION_LAUGHS.count("*") == 72  # under the alias count limit: the size limit stops it
    started = time.perf_counter()
    data, problems = load(BILLION_LAUGHS)
    assert time.perf_counter() - started < 2.0
    assert data is None
    assert problems == [
        f"{PATH}:1:1: YAML aliases stand for more than 100,000 values: refused as a possible alias bomb"
    ]


def test_billion_laughs_in_a_bank_is_refused_before_validation_walks_it() -> None:
    from tui.domain.quizbank import parse_bank

    text = BILLION_LAUGHS + "questions:\n  - id: q\n    type: single\n    prompt: P\n    choices: *i\n    answer: x\n"
    log = ProblemLog()
    started = time.perf_counter()
    assert parse_bank(text, PATH, log) is None
    assert time.perf_counter() - started < 2.0
    assert [p.message for p in log.problems] == [
        "YAML aliases stand for more than 100,000 values: refused as a possible alias bomb"
    ]


def test_too_many_aliases_are_refused_with_line_offset() -> None:
    text = "a: &a x\nlist: [" + ", ".join(["*a"] * (MAX_ALIASES + 1)) + "]\n"
    data, problems = load(text, line_offset=3)
    assert data is None
    assert problems == [f"{PATH}:4:1: more than 100 YAML aliases: refused as a possible alias bomb"]


def test_a_hundred_aliases_and_merge_keys_are_fine() -> None:
    text = "a: &a x\nlist: [" + ", ".join(["*a"] * MAX_ALIASES) + "]\n"
    data, problems = load(text)
    assert problems == []
    assert data["list"] == ["x"] * MAX_ALIASES
    merged, problems = load("base: &base {points: 2, hint: h}\nq:\n  <<: *base\n  id: q1\n")
    assert problems == []
    assert merged["q"] == {"points": 2, "hint": "h", "id": "q1"}


def test_recursive_alias_is_an_error() -> None:
    data, problems = load("a: &x [*x]\n")
    assert data is None
    assert problems == [f"{PATH}:1:4: invalid YAML: found unconstructable recursive node"]


def test_undefined_alias_is_an_error() -> None:
    data, problems = load("a: 1\nb: *nope\n")
    assert data is None
    assert problems == [f"{PATH}:2:4: invalid YAML: found undefined alias"]


@pytest.mark.parametrize(
    "text",
    [
        "[" * 600 + "]" * 600,
        "[" * 20000 + "]" * 20000,
        "{a: " * 800 + "1" + "}" * 800,
        "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 1500)),
        "- " * 3000 + "x\n",
    ],
    ids=["flow-600", "flow-20000", "flow-map-800", "block-1500", "dash-3000"],
)
def test_deep_nesting_is_a_problem_not_a_crash(text: str) -> None:
    started = time.perf_counter()
    data, problems = load(text)
    assert time.perf_counter() - started < 5.0
    assert data is None
    assert len(problems) == 1
    assert ("YAML nested too deeply" in problems[0]
            or "invalid YAML: exceeded maximum nesting depth" in problems[0])
    line, col = map(int, problems[0].split(":")[1:3])
    assert line >= 1 and col >= 1


def test_moderate_nesting_loads() -> None:
    data, problems = load("[" * 50 + "1" + "]" * 50)
    assert problems == []
    for _ in range(49):
        assert isinstance(data, YamlSeq) and len(data) == 1
        data = data[0]
    assert data == [1]


# -- syntax errors ----------------------------------------------------------------------------


def test_tab_indentation_message() -> None:
    data, problems = load("questions:\n\t- id: a\n")
    assert data is None
    assert problems == [f"{PATH}:2:1: invalid YAML: a tab cannot indent YAML; use spaces"]


def test_tab_after_spaces_is_reported_on_its_line() -> None:
    _, problems = load("a:\n  b: 1\n\tc: 2\n")
    assert len(problems) == 1
    assert problems[0].startswith(f"{PATH}:3:")
    assert "tab" in problems[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('title: T\nprompt: "never closed\nnext: 1\n',
         "2:9: invalid YAML: a quoted string is opened here and never closed"),
        ("title: T\nprompt: 'never closed\n",
         "2:9: invalid YAML: a quoted string is opened here and never closed"),
        ('a:\n  - ok\n  - "open\n  - more\n',
         "3:5: invalid YAML: a quoted string is opened here and never closed"),
        ("choices: [a, b\nanswer: a\n",
         "1:10: invalid YAML: a '[' list is opened here and never closed"),
        ("a: {b: 1\n", "1:4: invalid YAML: a '{' mapping is opened here and never closed"),
    ],
)
def test_unclosed_quotes_and_brackets_point_where_they_open(text: str, expected: str) -> None:
    data, problems = load(text)
    assert data is None
    assert problems == [f"{PATH}:{expected}"]


def test_unclosed_quote_with_line_offset() -> None:
    _, problems = load('a: "x\n', line_offset=1)
    assert problems == [f"{PATH}:2:4: invalid YAML: a quoted string is opened here and never closed"]


def test_other_syntax_errors_keep_pyyaml_problem_text_and_position() -> None:
    _, problems = load("a: b: c\n")
    assert problems == [f"{PATH}:1:5: invalid YAML: mapping values are not allowed in this context"]
    _, problems = load("a: 1\n---\nb: 2\n")
    assert problems == [f"{PATH}:2:1: invalid YAML: but found another document"]


def test_empty_text_loads_as_none_without_problems() -> None:
    assert load("") == (None, [])
    assert load("# just a comment\n") == (None, [])


# -- kind_of ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ({}, "a mapping"), (YamlMap(), "a mapping"), ([], "a list"), (YamlSeq(), "a list"),
        (True, "true/false"), (False, "true/false"), (None, "nothing"), (3, "a number"),
        (2.5, "a number"), ("x", "text"), (datetime.date(2026, 1, 2), "a date"),
        (datetime.datetime(2026, 1, 2, 3, 4), "a date"), (b"x", "binary data"), ({1}, "a set"),
    ],
)
def test_kind_of(value: Any, kind: str) -> None:
    assert kind_of(value) == kind


# -- values that match a type but do not hold one ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("date: 2026-02-30\n",
         "1:7: '2026-02-30' cannot be read as a date (day is out of range for month); "
         "put it in quotes if it is meant as text"),
        ("a: 1\nwhen: 2026-13-01 10:00:00\n",
         "2:7: '2026-13-01 10:00:00' cannot be read as a date (month must be in 1..12); "
         "put it in quotes if it is meant as text"),
        ("a: !!float nope\n",
         "1:4: 'nope' cannot be read as a number (could not convert string to float: 'nope'); "
         "put it in quotes if it is meant as text"),
        ("a: !!bool maybe\n", "1:4: 'maybe' cannot be read as true/false; put it in quotes if it is meant as text"),
        ("a: !!timestamp soon\n", "1:4: 'soon' cannot be read as a date; put it in quotes if it is meant as text"),
        ('a: !!int ""\n', "1:4: '' cannot be read as a number; put it in quotes if it is meant as text"),
        ("a: 0000-01-01\n",
         "1:4: '0000-01-01' cannot be read as a date (year 0 is out of range); "
         "put it in quotes if it is meant as text"),
        ("n: " + "9" * 400 + "\n",
         "1:4: '9999999999999999999999999999999999999...' cannot be read as a number (too large); "
         "put it in quotes if it is meant as text"),
        ("n: " + "9" * 5000 + "\n",
         "1:4: '9999999999999999999999999999999999999...' cannot be read as a number (too large); "
         "put it in quotes if it is meant as text"),
    ],
)
def test_unreadable_values_are_problems_at_their_position(text: str, expected: str) -> None:
    data, problems = load(text)
    assert problems == [f"{PATH}:{expected}"]
    assert isinstance(data, YamlMap)  # loading goes on: the rest of the file is still checked


def test_every_unreadable_value_is_reported_once() -> None:
    data, problems = load("a: [2026-02-30, 2026-02-31, ok]\nb: &x 2026-04-31\nc: *x\n")
    assert [p.split(": ", 1)[0] for p in problems] == [f"{PATH}:1:5", f"{PATH}:1:17", f"{PATH}:2:4"]
    assert data == {"a": [None, None, "ok"], "b": None, "c": None}


@pytest.mark.parametrize(
    ("text", "expected"),
    [("!!map [1]\n", "1:1: invalid YAML: expected a mapping, but found sequence"),
     ("a: !!seq {b: 1}\n", "1:4: invalid YAML: expected a list, but found mapping")],
)
def test_explicit_collection_tags_on_the_wrong_collection(text: str, expected: str) -> None:
    assert load(text) == (None, [f"{PATH}:{expected}"])


def test_big_but_float_sized_numbers_load() -> None:
    data, problems = load("a: " + "9" * 300 + "\nb: 1.0e+400\nc: 0x1F\nd: 1_000\ne: 1e400\n")
    assert problems == []
    assert data["a"] == int("9" * 300)
    assert data["b"] == float("inf")
    assert (data["c"], data["d"], data["e"]) == (31, 1000, "1e400")
