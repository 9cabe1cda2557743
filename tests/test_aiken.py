"""Aiken import, and telling Aiken from GIFT.

Every bank an import produces is checked through the real loader (`parse_bank` on the YAML
`dump_bank` writes), so a converted file always opens in podium.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.domain.aiken import import_aiken
from tui.domain.bankwrite import detect_format, dump_bank
from tui.domain.errors import Problem, ProblemLog
from tui.domain.quizbank import QuizBank, parse_bank

AIKEN = Path(__file__).parent / "fixtures" / "aiken"
GIFT = Path(__file__).parent / "fixtures" / "gift"


def read(name: str) -> tuple[dict, list[Problem]]:
    return import_aiken((AIKEN / name).read_text(encoding="utf-8"), name)


def loads(data: dict) -> QuizBank:
    log = ProblemLog()
    bank = parse_bank(dump_bank(data), "x.yaml", log)
    assert not log.errors, log.errors
    assert bank is not None
    return bank


def test_good_file_converts_exactly() -> None:
    data, problems = read("good.txt")
    assert problems == []
    assert data == {"questions": [
        {"id": "q1", "type": "single", "prompt": "What is the capital of Norway?",
         "choices": ["Bergen", "Oslo", "Trondheim"], "answer": "Oslo"},
        {"id": "q2", "type": "single", "prompt": "What is 9 + 6?",
         "choices": ["14", "15", "16", "17"], "answer": "15"},
        {"id": "q3", "type": "single", "prompt": "Which river flows through Cairo?",
         "choices": ["Nile", "Congo"], "answer": "Nile"},
        {"id": "q4", "type": "single", "prompt": "Look at these numbers: 3, 6, 9, 12.\nWhat comes next?",
         "choices": ["13", "15", "18"], "answer": "15"},
    ]}
    bank = loads(data)
    assert [question.correct for question in bank.questions] == [("Oslo",), ("15",), ("Nile",), ("15",)]


BROKEN = [
    (6, "no 'ANSWER: <letter>' line after its options"),
    (10, "no 'ANSWER: <letter>' line after its options"),
    (13, "ANSWER C is not among the options (A, B)"),
    (18, "ANSWER 'A, B' names several options; an Aiken question has one right answer"),
    (24, "1 option; a question needs at least 2"),
    (28, "option letter A is used twice (line 30)"),
    (33, "option 'Volga' is given twice (lines 34 and 35)"),
    (38, "options with no question text before them"),
    (42, "'ANSWER:' line with no question before it"),
    (44, "ANSWER must be one option letter, not 'maybe'"),
    (49, "no 'ANSWER: <letter>' line after its options"),
]


def test_malformed_questions_are_left_out_and_each_reported() -> None:
    data, problems = read("broken.txt")
    assert [(p.line, p.col, p.severity) for p in problems] == [(line, 1, "error") for line, _ in BROKEN], \
        [p.describe() for p in problems]
    for problem, (_, fragment) in zip(problems, BROKEN):
        assert fragment in problem.message, problem.describe()
    assert data == {"questions": [{"id": "q1", "type": "single", "prompt": "Which country is largest?",
                                   "choices": ["Russia", "Canada"], "answer": "Russia"}]}
    loads(data)


def test_moodles_error_fixture_keeps_its_three_good_questions() -> None:
    """Moodle's own qformat_aiken error fixture (aiken_errors.txt): its three good questions come
    through, including the one written `A)Incorrect (No space)`, and the four broken ones are
    reported where they start."""
    data, problems = read("moodle-errors.txt")
    assert [(q["prompt"], q["choices"], q["answer"]) for q in data["questions"]] == [
        ("A good question", ["Correct", "Incorrect"], "Correct"),
        ("A second good question", ["Incorrect (No space)", "Correct (No space)"], "Correct (No space)"),
        ("A third good question with HTML chars such as > < &", ["Correct (< > &)", "Incorrect (< > &)"],
         "Correct (< > &)"),
    ]
    assert [p.line for p in problems] == [1, 5, 7, 14]
    loads(data)


@pytest.mark.parametrize("text", ["Pick the vowel.\nA)E\nB.F\nANSWER: A\n",
                                  "Pick the vowel.\nA) E\nB.F\nANSWER: A\n",
                                  "Pick the vowel.\nA.E\nB)F\nanswer: a\n"])
def test_options_with_no_space_after_the_letter_import_like_any_other(text: str) -> None:
    data, problems = import_aiken(text, "f.txt")
    assert problems == []
    assert data["questions"] == [{"id": "q1", "type": "single", "prompt": "Pick the vowel.",
                                  "choices": ["E", "F"], "answer": "E"}]


def test_a_question_text_that_starts_like_an_option_stays_text() -> None:
    data, problems = import_aiken("A.I. tools: which one writes code?\nA) Qwen Coder\nB) A kettle\n"
                                  "ANSWER: A\n", "f.txt")
    assert problems == []
    assert data["questions"][0]["prompt"] == "A.I. tools: which one writes code?"
    assert data["questions"][0]["choices"] == ["Qwen Coder", "A kettle"]


def test_nothing_converted_is_an_error_and_an_empty_bank() -> None:
    data, problems = import_aiken("Just a line of text\n", "f.txt")
    assert data == {"questions": []}
    assert [(p.line, p.message) for p in problems] == [
        (1, "no question could be imported: there is no bank to write"),
        (1, "question left out: no 'ANSWER: <letter>' line after its options"),
    ]


def test_windows_line_endings_and_indentation() -> None:
    data, problems = import_aiken("  Capital of Peru?\r\n  A) Lima\r\n  B) Cusco\r\n  ANSWER: A\r\n", "f.txt")
    assert problems == []
    assert data["questions"][0]["choices"] == ["Lima", "Cusco"]
    _, problems = import_aiken("   Capital of Chile?\nA. Santiago\n", "f.txt")
    assert [(p.line, p.col) for p in problems if "ANSWER" in p.message] == [(1, 4)]


# -- detect_format -----------------------------------------------------------------------------


@pytest.mark.parametrize("path, expected", [
    (AIKEN / "good.txt", "aiken"),
    (AIKEN / "broken.txt", "aiken"),
    (GIFT / "every-type.gift", "gift"),
    (GIFT / "lossy.gift", "gift"),
    (GIFT / "unsupported.gift", "gift"),
])
def test_detect_format_of_the_fixtures(path: Path, expected: str) -> None:
    assert detect_format(path.read_text(encoding="utf-8"), path.name) == expected


def test_detect_format_by_extension_and_content() -> None:
    aiken = (AIKEN / "good.txt").read_text(encoding="utf-8")
    gift = (GIFT / "every-type.gift").read_text(encoding="utf-8")
    assert detect_format(aiken, "questions.gift") == "gift"
    assert detect_format(gift, "questions.aiken") == "aiken"
    assert detect_format(gift, "export.txt") == "gift"
    assert detect_format(aiken, "export.TXT") == "aiken"
    assert detect_format(aiken, "no-extension") == "aiken"
    assert detect_format("", "empty.txt") == "gift"
    assert detect_format("Q?\nA. x\nB. y\n", "x.txt") == "gift"  # no ANSWER line: not Aiken
    assert detect_format("::q:: What is A. {=x ~y}\nANSWER: A\n", "x.txt") == "gift"
    assert detect_format("Pick one.\nA)E\nB)F\nANSWER: A\n", "x.txt") == "aiken"  # no spaces, as Moodle allows
    assert detect_format((AIKEN / "moodle-errors.txt").read_text(encoding="utf-8"), "errors.txt") == "aiken"


# -- never raises, and whatever it returns loads -----------------------------------------------

FRAGMENTS = ["A. ", "B) ", "C. ", "Z) ", "ANSWER: ", "answer: b", "ANSWER:", "A", "B", "C", "\n", "\n\n", " ",
             "x", "Oslo", "1", ": ", "#", "- ", "yes", "'", "\t", "\r\n", "é", "\u2028", "null"]
AIKENISH = st.one_of(st.text(max_size=300), st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(AIKENISH)
def test_import_aiken_never_raises_and_what_it_returns_loads(text: str) -> None:
    data, problems = import_aiken(text, "f.txt")
    assert isinstance(data, dict) and isinstance(problems, list)
    assert all(isinstance(problem, Problem) and problem.line >= 1 for problem in problems)
    if data["questions"]:
        assert len(loads(data).questions) == len(data["questions"])
    else:
        assert any(problem.severity == "error" for problem in problems)
