"""The question-bank JSON Schema: valid, in step with the loader, and right about real banks.

The schema (tui/schemas/quizbank.schema.json) is what editors use to flag mistakes while an
author types; `podium check` is the authority. These tests keep the two from drifting apart:
the schema's key names and types come from the same lists the loader uses, every real bank
passes both, and broken banks fail both.
"""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

import tui
from tui.domain.errors import ProblemLog
from tui.domain.paths import bundled_deck
from tui.domain.quizbank import (
    BANK_KEYS,
    QUESTION_KEYS,
    QUESTION_TYPES,
    SCORING_MODES,
    parse_bank,
)
from tui.domain.yamlsource import load_yaml

SCHEMA_PATH = Path(tui.__file__).parent / "schemas" / "quizbank.schema.json"
REPO = Path(__file__).resolve().parent.parent
AUTHORING = REPO / "docs" / "authoring.md"
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)\s*$")


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator(schema: dict[str, Any]) -> Draft202012Validator:
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def schema_errors(validator: Draft202012Validator, bank: Any) -> list[str]:
    return [f"{'/'.join(map(str, error.absolute_path)) or '(top)'}: {error.message}"
            for error in validator.iter_errors(bank)]


def read_bank(text: str) -> Any:
    """A bank's YAML read as podium reads it (YAML 1.2 booleans: `yes` and `no` stay text).

    Editors' YAML servers also read YAML 1.2, so this is the data the schema sees in an editor.
    """
    log = ProblemLog()
    data = load_yaml(text, "bank.yaml", log)
    assert not log.errors, [str(problem) for problem in log.errors]
    return data


def loader_errors(text: str) -> list[str]:
    log = ProblemLog()
    parse_bank(text, "bank.yaml", log)
    return [str(problem) for problem in log.errors]


def bank_files() -> list[Path]:
    """Every bank that ships or that the tests use as a good example."""
    files = sorted((bundled_deck() / "quizzes").glob("*.yaml"))
    files += sorted((REPO / "tests" / "fixtures").glob("*/quizzes/*.yaml"))
    return files


# -- the schema itself ---------------------------------------------------------------------


def test_schema_ships_inside_the_package() -> None:
    assert SCHEMA_PATH.is_file()
    assert (SCHEMA_PATH.parent / "__init__.py").is_file()


def test_schema_is_a_valid_draft_2020_12_schema(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_schema_types_match_the_loader(schema: dict[str, Any]) -> None:
    question = schema["$defs"]["question"]
    assert tuple(question["properties"]["type"]["enum"]) == QUESTION_TYPES
    # One if/then rule per type, no more, no fewer.
    ruled = [rule["if"]["properties"]["type"]["const"] for rule in question["allOf"]]
    assert sorted(ruled) == sorted(QUESTION_TYPES)


def test_schema_keys_match_the_loader(schema: dict[str, Any]) -> None:
    question = schema["$defs"]["question"]
    assert set(question["properties"]) == set(QUESTION_KEYS)
    assert set(schema["properties"]) == set(BANK_KEYS)
    assert tuple(question["properties"]["scoring"]["enum"]) == SCORING_MODES


def test_schema_is_closed_and_described(schema: dict[str, Any]) -> None:
    """No unknown keys anywhere, and every property has a description for editors to show."""
    question = schema["$defs"]["question"]
    assert schema["additionalProperties"] is False
    assert question["additionalProperties"] is False
    assert schema["required"] == ["questions"]
    # A prompt is required by each type's rule, except for cloze and match (they have a default).
    assert set(question["required"]) == {"id", "type"}
    for rule in question["allOf"]:
        needs_prompt = rule["if"]["properties"]["type"]["const"] not in ("cloze", "match")
        assert ("prompt" in rule["then"].get("required", [])) == needs_prompt
    for where in (schema, question):
        for name, prop in where["properties"].items():
            assert prop.get("description"), f"property '{name}' has no description"


# -- real banks pass -----------------------------------------------------------------------


@pytest.mark.parametrize("path", bank_files(), ids=lambda path: f"{path.parent.parent.name}/{path.name}")
def test_real_banks_validate(path: Path, validator: Draft202012Validator) -> None:
    text = path.read_text(encoding="utf-8")
    assert loader_errors(text) == []
    assert schema_errors(validator, read_bank(text)) == []
    # Plain PyYAML (YAML 1.1) reads these banks the same way, so other tools agree too.
    assert schema_errors(validator, yaml.safe_load(text)) == []


def test_bundled_banks_point_at_the_schema() -> None:
    """A bank's modeline, when it has one, leads to the schema from the bank's own folder."""
    for path in sorted((bundled_deck() / "quizzes").glob("*.yaml")):
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        match = MODELINE.match(first)
        if match is None:
            continue
        target = (path.parent / match.group(1)).resolve()
        if (REPO / "tui").is_dir() and path.is_relative_to(REPO):
            assert target == SCHEMA_PATH.resolve(), f"{path.name}: {match.group(1)}"


# -- broken banks fail, in the schema and in the loader ------------------------------------


def _q(**keys: Any) -> dict[str, Any]:
    question: dict[str, Any] = {"id": "q", "prompt": "Which?"}
    question.update(keys)
    return question


BROKEN: dict[str, Any] = {
    "unknown bank key": {"questions": [_q(type="true_false", answer=True)], "shufle": True},
    "unknown question key": {"questions": [_q(type="true_false", answer=True, answers=True)]},
    "no questions key": {"title": "Empty"},
    "empty questions": {"questions": []},
    "questions not a list": {"questions": {"id": "q"}},
    "question without id": {"questions": [{"type": "true_false", "prompt": "P", "answer": True}]},
    "question without prompt": {"questions": [{"id": "q", "type": "true_false", "answer": True}]},
    "question without type": {"questions": [_q(answer=True)]},
    "bad type": {"questions": [_q(type="singel", choices=["a", "b"], answer="a")]},
    "single without answer": {"questions": [_q(type="single", choices=["a", "b"])]},
    "single without choices": {"questions": [_q(type="single", answer="a")]},
    "single with one choice": {"questions": [_q(type="single", choices=["a"], answer="a")]},
    "single with two answers": {"questions": [_q(type="single", choices=["a", "b"], answer=["a", "b"])]},
    "repeated choice": {"questions": [_q(type="multiple", choices=["a", "a", "b"], answer=["a"])]},
    "multiple with empty answer": {"questions": [_q(type="multiple", choices=["a", "b"], answer=[])]},
    "true_false with choices": {"questions": [_q(type="true_false", choices=["True", "False"], answer=True)]},
    "true_false answered in text": {"questions": [_q(type="true_false", answer="true")]},
    "short without answer or pattern": {"questions": [_q(type="short")]},
    "short with choices": {"questions": [_q(type="short", choices=["a", "b"], answer="a")]},
    "numeric answered in text": {"questions": [_q(type="numeric", answer="ten")]},
    "numeric with three-item range": {"questions": [_q(type="numeric", answer=[1, 2, 3])]},
    "numeric range with tolerance": {"questions": [_q(type="numeric", answer=[1, 5], tolerance=1)]},
    "negative tolerance": {"questions": [_q(type="numeric", answer=5, tolerance=-1)]},
    "tolerance on single": {"questions": [_q(type="single", choices=["a", "b"], answer="a", tolerance=1)]},
    "pattern on numeric": {"questions": [_q(type="numeric", answer=5, pattern="5")]},
    "order with answer": {"questions": [_q(type="order", choices=["a", "b"], answer=["a", "b"])]},
    "zero points": {"questions": [_q(type="true_false", answer=True, points=0)]},
    "points in text": {"questions": [_q(type="true_false", answer=True, points="two")]},
    "scoring on single": {"questions": [_q(type="single", choices=["a", "b"], answer="a",
                                           scoring="all_or_nothing")]},
    "unknown scoring": {"questions": [_q(type="multiple", choices=["a", "b"], answer=["a"],
                                         scoring="partly")]},
    "shuffle in text": {"questions": [_q(type="true_false", answer=True)], "shuffle": "yes please"},
    "pass mark in words": {"questions": [_q(type="true_false", answer=True)], "pass_mark": "most"},
    "pass mark over 100": {"questions": [_q(type="true_false", answer=True)], "pass_mark": 170},
    "true_false answered yes": {"questions": [_q(type="true_false", answer="yes")]},
}


@pytest.mark.parametrize("bank", BROKEN.values(), ids=BROKEN.keys())
def test_broken_banks_fail_both(bank: dict[str, Any], validator: Draft202012Validator) -> None:
    assert schema_errors(validator, bank), "the schema accepted a broken bank"
    assert loader_errors(yaml.safe_dump(bank, sort_keys=False)), "the loader accepted a broken bank"


GOOD_EDGES: dict[str, Any] = {
    "single answer as a one-item list": _q(type="single", choices=["a", "b"], answer=["a"]),
    "multiple answer as one text": _q(type="multiple", choices=["a", "b"], answer="a"),
    "short answer as one text": _q(type="short", answer="Paris"),
    "short with pattern only": _q(type="short", pattern="^pa?ris$"),
    "numeric range": _q(type="numeric", answer=[1, 5]),
    "numeric with tolerance": _q(type="numeric", answer=2.5, tolerance=0.5),
    "numbers as choices": _q(type="single", choices=[1, 2, 3], answer=2),
    "order all or nothing": _q(type="order", choices=["a", "b", "c"], scoring="all_or_nothing"),
    "fractional points": _q(type="true_false", answer=False, points=0.5),
    "yes and no as choices": _q(type="single", choices=["Yes", "No"], answer="No"),
}


@pytest.mark.parametrize("question", GOOD_EDGES.values(), ids=GOOD_EDGES.keys())
def test_edge_cases_pass_both(question: dict[str, Any], validator: Draft202012Validator) -> None:
    for settings in ({}, {"pass_mark": "62.5%", "hint_penalty": 0.25, "shuffle": False,
                          "shuffle_choices": False, "title": "Edges"}):
        bank = {**settings, "questions": [question]}
        assert schema_errors(validator, bank) == []
        assert loader_errors(yaml.safe_dump(bank, sort_keys=False)) == []


def test_unquoted_yes_and_no_are_text_in_both(validator: Draft202012Validator) -> None:
    """podium and editors read YAML 1.2 booleans, so `Yes` and `No` are choices, not true/false."""
    text = textwrap.dedent("""\
        questions:
          - id: q
            type: single
            prompt: Is it?
            choices: [Yes, No]
            answer: No
          - id: t
            type: true_false
            prompt: Is it?
            answer: true
        """)
    assert loader_errors(text) == []
    assert schema_errors(validator, read_bank(text)) == []


# -- the author's guide's examples are real ------------------------------------------------


BAD_EXAMPLE = "<!-- an invalid example on purpose"


def doc_yaml_blocks(bad: bool = False) -> list[tuple[int, str]]:
    """(line, text) of the ```yaml blocks in docs/authoring.md: the good ones, or the bad ones.

    A block is marked bad by an HTML comment starting with BAD_EXAMPLE on the line before it.
    """
    if not AUTHORING.is_file():
        return []
    text = AUTHORING.read_text(encoding="utf-8")
    blocks = []
    for match in re.finditer(r"^```yaml\n(.*?)^```$", text, re.MULTILINE | re.DOTALL):
        previous = text[: match.start()].rstrip("\n").rsplit("\n", 1)[-1]
        if previous.startswith(BAD_EXAMPLE) == bad:
            blocks.append((text.count("\n", 0, match.start()) + 1, match.group(1)))
    return blocks


def _as_bank(body: str) -> str | None:
    """A doc example as the text of a whole bank, or None when it is not about banks."""
    data = yaml.safe_load(body)
    if isinstance(data, dict) and "questions" in data:
        return body
    if isinstance(data, list) and data and all(isinstance(item, dict) and "type" in item for item in data):
        return "questions:\n" + textwrap.indent(body, "  ")
    return None


def test_the_guide_has_bank_examples() -> None:
    if not AUTHORING.is_file():
        pytest.skip("docs/authoring.md is not here (installed package)")
    assert sum(1 for _, body in doc_yaml_blocks() if _as_bank(body)) >= 10


@pytest.mark.parametrize(("line", "body"), doc_yaml_blocks(),
                         ids=[f"line-{line}" for line, _ in doc_yaml_blocks()])
def test_guide_examples_validate(line: int, body: str, validator: Draft202012Validator) -> None:
    bank = _as_bank(body)
    if bank is None:
        return
    assert loader_errors(bank) == [], f"docs/authoring.md line {line}"
    assert schema_errors(validator, read_bank(bank)) == [], f"docs/authoring.md line {line}"


@pytest.mark.parametrize(("line", "body"), doc_yaml_blocks(bad=True),
                         ids=[f"line-{line}" for line, _ in doc_yaml_blocks(bad=True)])
def test_guide_bad_examples_are_bad(line: int, body: str, validator: Draft202012Validator) -> None:
    bank = _as_bank(body)
    assert bank is not None, f"docs/authoring.md line {line}: not a bank"
    assert loader_errors(bank), f"docs/authoring.md line {line}"
    assert schema_errors(validator, read_bank(bank)), f"docs/authoring.md line {line}"
