"""Grading, table by table: every question type and every partial-credit edge."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from tui.domain.quizbank import Question
from tui.domain.scoring import Grade, grade, normalise, parse_number

SINGLE = Question(id="s", type="single", prompt="P", choices=("Paris", "London", "Rome"), correct=("Paris",))
TRUE = Question(id="t", type="true_false", prompt="P", truth=True)
FALSE = Question(id="f", type="true_false", prompt="P", truth=False)
# multiple: 3 right out of 4, worth 2 points (the docs' commit-metadata example)
MULTI = Question(id="m", type="multiple", prompt="P", choices=("Author", "Date", "Message", "Password"),
                 correct=("Author", "Date", "Message"), points=2.0)
MULTI_AON = Question(id="ma", type="multiple", prompt="P", choices=("A", "B", "C", "D"),
                     correct=("A", "B"), all_or_nothing=True)
MULTI_ONE = Question(id="m1", type="multiple", prompt="P", choices=("A", "B", "C"), correct=("B",))
ORDER = Question(id="o", type="order", prompt="P", choices=("A", "B", "C", "D"))
ORDER_AON = Question(id="oa", type="order", prompt="P", choices=("A", "B", "C", "D"), all_or_nothing=True)
ORDER_TWO = Question(id="o2", type="order", prompt="P", choices=("X", "Y"), points=3.0)
SHORT = Question(id="sh", type="short", prompt="P", correct=("Café au lait", "git log"))
SHORT_PATTERN = Question(id="sp", type="short", prompt="P", pattern="[0-9a-f]{7}")
SHORT_BOTH = Question(id="sb", type="short", prompt="P", correct=("colour",), pattern="colou?r")
SHORT_ACCENT_PATTERN = Question(id="sa", type="short", prompt="P", pattern="creme brulee")
EXACT = Question(id="n", type="numeric", prompt="P", low=40.0, high=40.0)
PI = Question(id="pi", type="numeric", prompt="P", low=3.14 - 0.005, high=3.14 + 0.005)
RANGE = Question(id="r", type="numeric", prompt="P", low=2004.0, high=2006.0)
BIG = Question(id="b", type="numeric", prompt="P", low=1000.0, high=1000.0)
NEGATIVE = Question(id="neg", type="numeric", prompt="P", low=-2.5, high=-2.5)
SUM = Question(id="sum", type="numeric", prompt="P", low=0.3, high=0.3)


def case(question: Question, response: Any, points: float, verdict: str, label: str) -> Any:
    return pytest.param(question, response, points, verdict, id=f"{question.id}-{label}")


CASES = [
    # single
    case(SINGLE, "Paris", 1, "right", "right"),
    case(SINGLE, "London", 0, "wrong", "wrong"),
    case(SINGLE, "paris", 0, "wrong", "case-matters-for-choices"),
    # true_false
    case(TRUE, True, 1, "right", "true-right"),
    case(TRUE, False, 0, "wrong", "true-wrong"),
    case(FALSE, False, 1, "right", "false-right"),
    case(FALSE, True, 0, "wrong", "false-wrong"),
    case(TRUE, "True", 0, "wrong", "text-is-not-a-bool"),
    # multiple, partial: (right picked - wrong picked) / k, never below zero
    case(MULTI, {"Author", "Date", "Message"}, 2, "right", "all-right"),
    case(MULTI, {"Author", "Date"}, 1.333333, "partial", "two-of-three"),
    case(MULTI, {"Author"}, 0.666667, "partial", "one-of-three"),
    case(MULTI, {"Author", "Date", "Password"}, 0.666667, "partial", "two-right-one-wrong"),
    case(MULTI, {"Author", "Password"}, 0, "wrong", "one-right-one-wrong"),
    case(MULTI, {"Password"}, 0, "wrong", "all-wrong"),
    case(MULTI, set(), 0, "wrong", "none-picked"),
    case(MULTI, {"Author", "Date", "Message", "Password"}, 1.333333, "partial", "every-choice"),
    case(MULTI, ["Date", "Message", "Author"], 2, "right", "list-in-any-order"),
    case(MULTI_ONE, {"B"}, 1, "right", "single-right"),
    case(MULTI_ONE, {"A", "B", "C"}, 0, "wrong", "every-choice-one-right"),
    case(MULTI_ONE, {"A", "B"}, 0, "wrong", "one-right-one-wrong-k1"),
    # multiple, all_or_nothing
    case(MULTI_AON, {"A", "B"}, 1, "right", "exact"),
    case(MULTI_AON, {"A"}, 0, "wrong", "subset"),
    case(MULTI_AON, {"A", "B", "C"}, 0, "wrong", "superset"),
    case(MULTI_AON, set(), 0, "wrong", "none"),
    case(MULTI_AON, {"A", "B", "C", "D"}, 0, "wrong", "every-choice"),
    # order, partial: a pair counts when the second item directly follows the first in the right order
    case(ORDER, ["A", "B", "C", "D"], 1, "right", "right"),
    case(ORDER, ("A", "B", "C", "D"), 1, "right", "tuple"),
    case(ORDER, ["D", "C", "B", "A"], 0, "wrong", "reversed"),
    case(ORDER, ["B", "A", "C", "D"], 0.333333, "partial", "first-pair-swapped"),
    case(ORDER, ["A", "B", "D", "C"], 0.333333, "partial", "last-pair-swapped"),
    case(ORDER, ["A", "C", "B", "D"], 0, "wrong", "middle-pair-swapped"),
    case(ORDER, ["B", "C", "D", "A"], 0.666667, "partial", "rotated-left"),
    case(ORDER, ["D", "A", "B", "C"], 0.666667, "partial", "rotated-right"),
    case(ORDER, ["C", "D", "A", "B"], 0.666667, "partial", "halves-swapped"),
    case(ORDER, ["B", "D", "A", "C"], 0, "wrong", "no-pairs"),
    case(ORDER, ["A", "B", "C"], 0.666667, "partial", "short-answer-counts-pairs"),
    case(ORDER, ["A"], 0, "wrong", "one-item"),
    case(ORDER, [], 0, "wrong", "empty"),
    case(ORDER, ["A", "X", "B"], 0, "wrong", "unknown-item-breaks-pairs"),
    case(ORDER_AON, ["A", "B", "C", "D"], 1, "right", "right"),
    case(ORDER_AON, ["B", "C", "D", "A"], 0, "wrong", "rotated"),
    case(ORDER_AON, ["A", "B", "D", "C"], 0, "wrong", "one-swap"),
    case(ORDER_TWO, ["X", "Y"], 3, "right", "two-right"),
    case(ORDER_TWO, ["Y", "X"], 0, "wrong", "two-swapped"),
    # short: case, accents, whitespace
    case(SHORT, "Café au lait", 1, "right", "exact"),
    case(SHORT, "cafe au lait", 1, "right", "no-accent-lower"),
    case(SHORT, "CAFÉ AU LAIT", 1, "right", "upper"),
    case(SHORT, "  café   au\tlait \n", 1, "right", "whitespace"),
    case(SHORT, "Git Log", 1, "right", "second-answer"),
    # A missing space is one typo: forgiven where typos are, not where a question turns them off.
    case(SHORT, "gitlog", 1, "right", "a-missing-space-is-a-typo"),
    case(replace(SHORT, typos=False), "gitlog", 0, "wrong", "spaces-matter-between-words-without-typos"),
    case(SHORT, "café au lai", 1, "right", "one-typo-in-ten-letters"),
    case(SHORT, "café au l", 0, "wrong", "near-miss"),
    case(SHORT, "", 0, "wrong", "empty"),
    case(Question(id="sc", type="short", prompt="P", correct=("cafe",)), "CAFÉ", 1, "right", "accent-typed"),
    case(Question(id="sk", type="short", prompt="P", correct=("ﬁle",)), "file", 1, "right", "ligature-nfkd"),
    case(Question(id="ss", type="short", prompt="P", correct=("straße",)), "STRASSE", 1, "right", "casefold"),
    # short: pattern, whole answer, ignoring case
    case(SHORT_PATTERN, "abc1234", 1, "right", "pattern"),
    case(SHORT_PATTERN, "ABC1234", 1, "right", "pattern-ignores-case"),
    case(SHORT_PATTERN, "  abc1234  ", 1, "right", "pattern-trimmed"),
    case(SHORT_PATTERN, "abc12345", 0, "wrong", "pattern-whole-answer"),
    case(SHORT_PATTERN, "xabc1234", 0, "wrong", "pattern-no-prefix"),
    case(SHORT_PATTERN, "abc 1234", 0, "wrong", "pattern-inner-space"),
    case(SHORT_BOTH, "Color", 1, "right", "pattern-or-answer"),
    case(SHORT_BOTH, "COLOUR", 1, "right", "answer"),
    case(SHORT_BOTH, "colr", 0, "wrong", "neither"),
    case(SHORT_ACCENT_PATTERN, "Crème  Brûlée", 1, "right", "pattern-without-accents"),
    # numeric: exact, tolerance edges, ranges, spellings
    case(EXACT, "40", 1, "right", "exact"),
    case(EXACT, " 40.0 ", 1, "right", "decimal-and-spaces"),
    case(EXACT, "4e1", 1, "right", "exponent"),
    case(EXACT, 40, 1, "right", "int"),
    case(EXACT, 40.0000001, 0, "wrong", "just-over"),
    case(EXACT, "41", 0, "wrong", "off-by-one"),
    case(EXACT, "forty", 0, "wrong", "not-a-number"),
    case(EXACT, "", 0, "wrong", "empty"),
    case(EXACT, "nan", 0, "wrong", "nan"),
    case(EXACT, "inf", 0, "wrong", "inf"),
    case(PI, "3.14", 1, "right", "centre"),
    case(PI, "3.135", 1, "right", "low-edge"),
    case(PI, "3.145", 1, "right", "high-edge"),
    case(PI, "3.1349", 0, "wrong", "below"),
    case(PI, "3.1451", 0, "wrong", "above"),
    case(RANGE, "2004", 1, "right", "range-low"),
    case(RANGE, "2005.5", 1, "right", "range-inside"),
    case(RANGE, "2006", 1, "right", "range-high"),
    case(RANGE, "2003.999", 0, "wrong", "range-below"),
    case(RANGE, "2006.001", 0, "wrong", "range-above"),
    case(BIG, "1,000", 1, "right", "thousands-comma"),
    case(BIG, "1 000", 1, "right", "thousands-space"),
    case(BIG, "1\u00a0000", 1, "right", "thousands-nbsp"),
    case(BIG, "1_000", 1, "right", "thousands-underscore"),
    case(BIG, "1,000.0", 1, "right", "thousands-and-decimal"),
    case(BIG, "1e3", 1, "right", "exponent"),
    case(BIG, "1,00", 0, "wrong", "bad-grouping"),
    case(BIG, "10,00", 0, "wrong", "bad-grouping-2"),
    case(NEGATIVE, "-2.5", 1, "right", "negative"),
    case(NEGATIVE, "2.5", 0, "wrong", "sign-matters"),
    case(NEGATIVE, "-2,5", 0, "wrong", "decimal-comma-not-understood"),
    case(SUM, 0.1 + 0.2, 1, "right", "float-noise"),
]


@pytest.mark.parametrize(("question", "response", "points", "verdict"), CASES)
def test_grade(question: Question, response: Any, points: float, verdict: str) -> None:
    result = grade(question, response)
    assert result.points == pytest.approx(points, abs=1e-6)
    assert result.possible == question.points
    assert result.verdict == verdict


@pytest.mark.parametrize("question", [SINGLE, TRUE, MULTI, ORDER, SHORT, EXACT], ids=lambda q: q.id)
def test_skipped(question: Question) -> None:
    assert grade(question, None) == Grade(0.0, question.points, "skipped")
    assert grade(question, None, hint_used=True, hint_penalty=0.5) == Grade(0.0, question.points, "skipped")


@pytest.mark.parametrize(
    ("question", "response", "hint_used", "penalty", "points", "verdict"),
    [
        pytest.param(MULTI, {"Author", "Date", "Message"}, True, 0.5, 1.0, "right", id="right-half-penalty"),
        pytest.param(MULTI, {"Author", "Date", "Message"}, False, 0.5, 2.0, "right", id="no-hint-no-penalty"),
        pytest.param(MULTI, {"Author", "Date", "Message"}, True, 0.0, 2.0, "right", id="hint-free"),
        pytest.param(MULTI, {"Author", "Date"}, True, 0.25, 1.0, "partial", id="partial-quarter-penalty"),
        pytest.param(MULTI, {"Password"}, True, 0.5, 0.0, "wrong", id="wrong-stays-zero"),
        pytest.param(SINGLE, "Paris", True, 1.0, 0.0, "right", id="full-penalty-still-right"),
        pytest.param(ORDER_TWO, ["X", "Y"], True, 0.3, 2.1, "right", id="three-points-thirty-percent"),
    ],
)
def test_hint_penalty(question: Question, response: Any, hint_used: bool, penalty: float,
                      points: float, verdict: str) -> None:
    result = grade(question, response, hint_used=hint_used, hint_penalty=penalty)
    assert result.points == pytest.approx(points, abs=1e-6)
    assert result.verdict == verdict


def test_points_are_rounded_to_six_places() -> None:
    assert grade(MULTI, {"Author", "Date"}).points == 1.333333
    assert grade(ORDER, ["B", "A", "C", "D"]).points == 0.333333


@pytest.mark.parametrize(
    ("text", "value"),
    [("3", 3.0), ("-2.5", -2.5), ("+7", 7.0), ("1,000", 1000.0), ("12,345,678.25", 12345678.25),
     ("-1,000", -1000.0), ("1 000", 1000.0), ("1_000", 1000.0), ("1e3", 1000.0), (" 42 ", 42.0),
     (".5", 0.5), ("1,00", None), ("1,0000", None), ("2,5", None), ("abc", None), ("", None),
     ("nan", None), ("-inf", None), ("1e999", None), ("0x10", None), ("1.2.3", None)],
)
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "plain"),
    [("Café", "cafe"), ("  A \t B\n C ", "a b c"), ("STRASSE", "strasse"), ("Straße", "strasse"),
     ("naïve résumé", "naive resume"), ("ﬁ", "fi"), ("", "")],
)
def test_normalise(text: str, plain: str) -> None:
    assert normalise(text) == plain


def test_full_points_are_never_rounded_down() -> None:
    third = Question(id="third", type="true_false", prompt="P", truth=True, points=1 / 3)
    assert grade(third, True).points == 1 / 3
    assert grade(third, True, hint_used=True, hint_penalty=0.5).points == 0.166667


# -- patterns: RE2, linear in the answer ------------------------------------------------------

@pytest.mark.parametrize(("pattern", "typed", "right"), [
    ("(?i)colou?r", "COLOR", True),
    ("(?s)a.b", "a b", True),
    ("(?m)^x$", "x", True),
    ("(?P<year>\\d{4})-\\d{2}", "2024-05", True),
    ("(?<year>\\d{4})", "1999", True),
    ("Ice.*|Green.*land", "GREENLAND", True),
    ("caf\\x{e9}", "CAFÉ", True),
    ("[[:alpha:]]+", "abc", True),
    ("\\p{Greek}+", "αβγ", True),
    ("\\bgit\\b log", "git log", True),
    ("[0-9]+", "12a", False),
])
def test_pattern_syntax_and_flags_kept(pattern: str, typed: str, right: bool) -> None:
    question = Question(id="p", type="short", prompt="P", pattern=pattern)
    assert grade(question, typed).verdict == ("right" if right else "wrong")


def test_a_catastrophic_pattern_grades_at_once() -> None:
    # `(a+)+$` backtracks through every split of the a's under Python's `re`: on 35 a's and a b
    # it runs for hours. Graded in a child process, so that a regression fails instead of hanging.
    code = ("from tui.domain.quizbank import Question\n"
            "from tui.domain.scoring import grade\n"
            "q = Question(id='r', type='short', prompt='P', pattern='(a+)+$')\n"
            "print(grade(q, 'a' * 35 + 'b').verdict, grade(q, 'a' * 35).verdict)\n")
    try:
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                              cwd=Path(__file__).resolve().parent.parent)
    except subprocess.TimeoutExpired:
        pytest.fail("grading '(a+)+$' against 35 a's and a b did not finish within 60 s")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["wrong", "right"]


def test_an_answer_with_a_lone_surrogate_is_graded() -> None:
    question = Question(id="p", type="short", prompt="P", pattern="a.*")
    assert grade(question, "a\udc80").verdict == "right"
