"""Question banks: every validation rule at its exact line and column, and valid banks loading."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tui.domain.deckload import load_deck
from tui.domain.errors import PodiumError, ProblemLog
from tui.domain.paths import bundled_deck
from tui.domain.quizbank import QUESTION_TYPES, Question, QuizBank, load_bank, parse_bank

PATH = "quizzes/bank.yaml"


def check(text: str) -> tuple[QuizBank | None, list[str]]:
    log = ProblemLog()
    bank = parse_bank(textwrap.dedent(text), PATH, log)
    return bank, [str(problem) for problem in log.problems]


def problems(text: str) -> list[str]:
    return check(text)[1]


def valid(text: str) -> QuizBank:
    bank, found = check(text)
    assert found == []
    assert bank is not None
    return bank


def at(line: int, col: int, message: str) -> str:
    return f"{PATH}:{line}:{col}: {message}"


# -- one rule at a time, exact positions ------------------------------------------------------

RULES = [
    pytest.param(
        """\
        questions:
          - id: capital
            type: single
            prompt: Capital of France?
            choices: [Paris, London, Rome]
            answer: Pari
        """,
        [at(6, 13, "answer 'Pari' is not among the choices (closest: 'Paris')")],
        id="answer-not-a-choice",
    ),
    pytest.param(
        """\
        questions:
          - id: pick
            type: multiple
            prompt: Pick
            choices:
              - Red
              - Green
              - Blue
            answer:
              - Red
              - Gren
        """,
        [at(11, 9, "answer 'Gren' is not among the choices (closest: 'Green')")],
        id="multiple-answer-not-a-choice",
    ),
    pytest.param(
        """\
        questions:
          - id: same
            type: true_false
            prompt: A
            answer: true
          - id: other
            type: true_false
            prompt: B
            answer: true
          - id: same
            type: true_false
            prompt: C
            answer: false
        """,
        [at(10, 9, "duplicate id 'same' (first used on line 2)")],
        id="duplicate-id",
    ),
    pytest.param(
        """\
        questions:
          - id: 7
            type: true_false
            prompt: A
            answer: true
          - id: "7"
            type: true_false
            prompt: B
            answer: true
        """,
        [at(6, 9, "duplicate id '7' (first used on line 2)")],
        id="duplicate-numeric-id",
    ),
    pytest.param(
        """\
        title: T
        shufle: false
        questions:
          - id: a
            type: true_false
            prompt: A
            answer: true
        """,
        [at(2, 1, "unknown key 'shufle' in the bank (did you mean 'shuffle'?)")],
        id="unknown-bank-key-suggested",
    ),
    pytest.param(
        """\
        questions:
          - id: a
            type: true_false
            prompt: A
            answer: true
        colour: red
        """,
        [at(6, 1, "unknown key 'colour' in the bank; known keys: title, pass_mark, shuffle, "
                  "shuffle_choices, hint_penalty, typos, questions")],
        id="unknown-bank-key-listed",
    ),
    pytest.param(
        """\
        questions:
          - id: a
            type: true_false
            prompt: A
            answer: true
            explaination: because
        """,
        [at(6, 5, "unknown key 'explaination' in question 1 (did you mean 'explanation'?)")],
        id="unknown-question-key-suggested",
    ),
    pytest.param(
        """\
        questions:
          - id: a
            type: true_false
            prompt: A
            answer: true
            zzz: 1
        """,
        [at(6, 5, "unknown key 'zzz' in question 1; known keys: id, type, prompt, choices, answer, "
                  "explanation, hint, points, scoring, tolerance, pattern, typos, unit, tags, text, pairs, "
                  "distractors")],
        id="unknown-question-key-listed",
    ),
    pytest.param(
        """\
        questions:
          - id: a
            type: true_false
            prompt: [not, text]
            answer: true
        """,
        [at(4, 13, "'prompt' must be text, not a list")],
        id="prompt-wrong-type",
    ),
    pytest.param(
        """\
        title: {a: 1}
        questions:
          - id: a
            type: true_false
            prompt: A
            answer: true
            explanation: [x]
            hint: true
        """,
        [at(7, 18, "'explanation' must be text, not a list"),
         at(8, 11, "'hint' must be text, not true/false"),
         at(1, 8, "'title' must be text, not a mapping")],
        id="text-keys-wrong-type",
    ),
    pytest.param(
        """\
        shuffle: sometimes
        shuffle_choices: 1
        questions:
          - id: a
            type: true_false
            prompt: A
            answer: true
        """,
        [at(1, 10, "'shuffle' must be true or false, not text"),
         at(2, 18, "'shuffle_choices' must be true or false, not a number")],
        id="flags-wrong-type",
    ),
    pytest.param(
        """\
        pass_mark: lots
        hint_penalty: 150%
        questions:
          - id: a
            type: true_false
            prompt: A
            answer: true
        """,
        [at(1, 12, "'pass_mark' must be a percentage like 70% or a fraction like 0.7"),
         at(2, 15, "'hint_penalty' must be a percentage like 50% or a fraction like 0.5")],
        id="shares-wrong",
    ),
    pytest.param(
        """\
        questions:
          - id: a
            type: true_false
            prompt: A
            answer: true
            points: 0
          - id: b
            type: true_false
            prompt: B
            answer: true
            points: "2"
          - id: c
            type: true_false
            prompt: C
            answer: true
            points: true
          - id: d
            type: true_false
            prompt: D
            answer: true
            points: .inf
        """,
        [at(6, 13, "'points' must be a positive number"),
         at(11, 13, "'points' must be a positive number"),
         at(16, 13, "'points' must be a positive number"),
         at(21, 13, "'points' must be a positive number")],
        id="points-wrong",
    ),
    pytest.param(
        """\
        questions:
          - id: one
            type: single
            prompt: Pick one
            choices: [A, B, C]
            answer: [A, B]
        """,
        [at(6, 13, "a single-choice question has one right answer; use type: multiple for several")],
        id="single-two-answers",
    ),
    pytest.param(
        """\
        questions:
          - id: few
            type: single
            prompt: Pick
            choices: [Only]
            answer: Only
        """,
        [at(5, 14, "too few choices: 1 given, at least 2 needed")],
        id="too-few-choices",
    ),
    pytest.param(
        """\
        questions:
          - id: few
            type: order
            prompt: Sort
            choices: []
        """,
        [at(5, 14, "too few choices: 0 given, at least 2 needed")],
        id="order-no-choices",
    ),
    pytest.param(
        """\
        questions:
          - id: twice
            type: single
            prompt: Pick
            choices:
              - A
              - B
              - A
              - ""
              - [x]
            answer: A
        """,
        [at(8, 9, "choice 'A' is listed twice"),
         at(9, 9, "a choice must be a line of text, not empty text"),
         at(10, 9, "a choice must be a line of text, not a list")],
        id="bad-choices",
    ),
    pytest.param(
        """\
        questions:
          - id: when
            type: single
            prompt: When?
            choices: [2026-03-14, "2026-03-15"]
            answer: "2026-03-15"
        """,
        [at(5, 15, "a choice must be a line of text, not a date")],
        id="date-choice",
    ),
    pytest.param(
        """\
        questions:
          - id: c
            type: single
            prompt: Pick
            choices: A, B
            answer: A
        """,
        [at(5, 14, "'choices' must be a list, not text")],
        id="choices-not-a-list",
    ),
    pytest.param(
        """\
        questions:
          - id: empty
            type: true_false
            prompt: ""
            answer: true
          - id: blank
            type: true_false
            prompt: "   "
            answer: true
        """,
        [at(4, 13, "'prompt' is empty"), at(8, 13, "'prompt' is empty")],
        id="empty-prompt",
    ),
    pytest.param(
        """\
        questions:
          - id: noprompt
            type: true_false
            answer: true
          - type: true_false
            prompt: No id
            answer: true
          - id:
            type: true_false
            prompt: Empty id
            answer: false
        """,
        [at(2, 5, "missing 'prompt'"), at(5, 5, "missing 'id'"), at(8, 5, "missing 'id'")],
        id="missing-prompt-and-id",
    ),
    pytest.param(
        """\
        questions:
          - id:
            type: true_false
            prompt: A
            answer: true
          - id:
            type: true_false
            prompt: B
            answer: true
        """,
        [at(2, 5, "missing 'id'"), at(6, 5, "missing 'id'")],
        id="two-empty-ids-are-missing-not-duplicate",
    ),
    pytest.param(
        """\
        questions:
          - id: notype
            prompt: What type am I?
            answer: true
        """,
        [at(2, 5, "question 1 has no 'type' (one of single, multiple, true_false, short, numeric, order, "
                  "cloze, match)")],
        id="missing-type",
    ),
    pytest.param(
        """\
        questions:
          - id: typo
            type: multi
            prompt: P
          - id: far
            type: essay
            prompt: P
        """,
        [at(3, 11, "unknown type 'multi' (did you mean 'multiple'?); types are single, multiple, "
                   "true_false, short, numeric, order, cloze, match"),
         at(6, 11, "unknown type 'essay'; types are single, multiple, true_false, short, numeric, order, "
                   "cloze, match")],
        id="unknown-type",
    ),
    pytest.param(
        """\
        questions:
          - id: re
            type: short
            prompt: Type it
            pattern: "[abc"
        """,
        [at(5, 14, "'pattern' is not a valid RE2 regular expression: missing ]: [abc")],
        id="bad-pattern",
    ),
    pytest.param(
        """\
        questions:
          - id: back
            type: short
            prompt: Say it twice
            pattern: "(a+)\\\\1"
          - id: ahead
            type: short
            prompt: Type it
            pattern: "(?=x)x"
          - id: behind
            type: short
            prompt: Type it
            pattern: "(?<!y)x"
          - id: named
            type: short
            prompt: Say it twice
            pattern: "(?P<w>a)(?P=w)"
          - id: verbose
            type: short
            prompt: Type it
            pattern: "(?x) a b"
        """,
        [at(5, 14, "'pattern' uses a backreference '\\1', which podium's pattern engine (RE2) does not support"),
         at(9, 14, "'pattern' uses a lookahead '(?=...)', which podium's pattern engine (RE2) does not support"),
         at(13, 14, "'pattern' uses a negative lookbehind '(?<!...)', which podium's pattern engine (RE2) "
                    "does not support"),
         at(17, 14, "'pattern' uses a backreference '(?P=name)', which podium's pattern engine (RE2) does not "
                    "support"),
         at(21, 14, "'pattern' uses the verbose flag '(?x)', which podium's pattern engine (RE2) does not support")],
        id="pattern-beyond-re2",
    ),
    pytest.param(
        """\
        questions:
          - id: re
            type: short
            prompt: Type it
            pattern: 5
        """,
        [at(5, 14, "'pattern' must be a regular expression")],
        id="pattern-not-text",
    ),
    pytest.param(
        """\
        questions:
          - id: range
            type: numeric
            prompt: Between?
            answer: [10, 2.5]
        """,
        [at(5, 13, "range [10, 2.5] is backwards: low must come first")],
        id="range-backwards",
    ),
    pytest.param(
        """\
        questions:
          - id: range
            type: numeric
            prompt: Between?
            answer: [1, 5]
            tolerance: 1
        """,
        [at(6, 5, "give either a range or a 'tolerance', not both")],
        id="range-and-tolerance",
    ),
    pytest.param(
        """\
        questions:
          - id: n
            type: numeric
            prompt: How many?
            answer: 4
            tolerance: -1
          - id: m
            type: numeric
            prompt: How many?
            answer: four
          - id: o
            type: numeric
            prompt: How many?
            answer: [1, 2, 3]
          - id: p
            type: numeric
            prompt: How many?
        """,
        [at(6, 16, "'tolerance' must be a number of zero or more"),
         at(10, 13, "a numeric answer must be a number, or a range [low, high]"),
         at(14, 13, "a numeric answer must be a number, or a range [low, high]"),
         at(15, 5, "a numeric answer must be a number, or a range [low, high]")],
        id="numeric-answers-wrong",
    ),
    pytest.param(
        """\
        questions:
          - id: tol
            type: single
            prompt: Pick
            choices: [A, B]
            answer: A
            tolerance: 0.5
          - id: pat
            type: numeric
            prompt: N
            answer: 1
            pattern: "\\\\d+"
        """,
        [at(7, 5, "'tolerance' applies only to numeric questions"),
         at(12, 5, "'pattern' applies only to short questions")],
        id="tolerance-and-pattern-on-wrong-type",
    ),
    pytest.param(
        """\
        questions:
          - id: s
            type: single
            prompt: Pick
            choices: [A, B]
            answer: A
            scoring: all_or_nothing
          - id: m
            type: multiple
            prompt: Pick
            choices: [A, B]
            answer: [A]
            scoring: most
        """,
        [at(7, 5, "'scoring' applies only to multiple and order questions"),
         at(13, 14, "'scoring' must be one of partial, all_or_nothing")],
        id="scoring-wrong",
    ),
    pytest.param(
        """\
        questions:
          - id: tf
            type: true_false
            prompt: Is it?
            choices: [True, False]
            answer: true
        """,
        [at(5, 5, "a true_false question has no 'choices': they are always True and False")],
        id="true-false-with-choices",
    ),
    pytest.param(
        """\
        questions:
          - id: tf
            type: true_false
            prompt: Is it?
            answer: yes
          - id: tf2
            type: true_false
            prompt: Is it?
        """,
        [at(5, 13, "a true_false answer must be true or false"),
         at(6, 5, "a true_false answer must be true or false")],
        id="true-false-answer-wrong",
    ),
    pytest.param(
        """\
        questions:
          - id: ord
            type: order
            prompt: Sort
            choices: [A, B, C]
            answer: [A, B, C]
        """,
        [at(6, 5, "an order question has no 'answer': list 'choices' in the right order")],
        id="order-with-answer",
    ),
    pytest.param(
        """\
        questions:
          - id: s
            type: single
            prompt: Pick
            choices: [A, B]
          - id: m
            type: multiple
            prompt: Pick
            choices: [A, B]
          - id: t
            type: short
            prompt: Type
          - id: e
            type: multiple
            prompt: Pick
            choices: [A, B]
            answer: []
          - id: d
            type: multiple
            prompt: Pick
            choices: [A, B]
            answer: [A, A]
        """,
        [at(2, 5, "missing 'answer': the text of the right choice"),
         at(6, 5, "missing 'answer': the list of right choices"),
         at(10, 5, "missing 'answer': a list of accepted answers (or a 'pattern')"),
         at(17, 13, "'answer' is empty: list at least one right choice"),
         at(22, 17, "answer 'A' is listed twice")],
        id="answers-missing-or-empty",
    ),
    pytest.param(
        """\
        questions:
          - id: sh
            type: short
            prompt: Type
            choices: [a, b]
            answer: []
          - id: sh2
            type: short
            prompt: Type
            answer: [ok, "", true]
          - id: n
            type: numeric
            prompt: N
            choices: [1, 2]
            answer: 1
        """,
        [at(5, 5, "a short question has no 'choices': the learner types the answer"),
         at(6, 13, "'answer' is empty: list at least one accepted answer"),
         at(10, 18, "an accepted answer must be a line of text"),
         at(10, 22, "an accepted answer must be a line of text"),
         at(14, 5, "a numeric question has no 'choices': the learner types a number")],
        id="short-and-numeric-shape",
    ),
    pytest.param(
        """\
        questions:
          - just a string
          - [a, list]
        """,
        [at(2, 5, "question 1 must be a mapping of keys, not text"),
         at(3, 5, "question 2 must be a mapping of keys, not a list")],
        id="question-not-a-mapping",
    ),
    pytest.param("", [at(1, 1, "the bank is empty: it needs a 'questions' list")], id="empty-bank"),
    pytest.param("# nothing but a comment\n\n",
                 [at(1, 1, "the bank is empty: it needs a 'questions' list")], id="comment-only-bank"),
    pytest.param("- id: a\n- id: b\n",
                 [at(1, 1, "a bank must be a mapping with a 'questions' list")], id="bank-a-list"),
    pytest.param("just text\n",
                 [at(1, 1, "a bank must be a mapping with a 'questions' list")], id="bank-a-string"),
    pytest.param("title: T\n", [at(1, 1, "missing 'questions': a bank needs a list of questions")],
                 id="no-questions"),
    pytest.param("title: T\nquestions:\n",
                 [at(2, 1, "missing 'questions': a bank needs a list of questions")], id="questions-null"),
    pytest.param("questions: []\n",
                 [at(1, 12, "'questions' is empty: a bank needs at least one question")], id="questions-empty"),
    pytest.param("questions:\n  a: 1\n", [at(2, 3, "'questions' must be a list, not a mapping")],
                 id="questions-a-mapping"),
    pytest.param("questions: [a, b\n", [at(1, 12, "invalid YAML: a '[' list is opened here and never closed")],
                 id="yaml-error"),
]


@pytest.mark.parametrize(("text", "expected"), RULES)
def test_rule(text: str, expected: list[str]) -> None:
    assert sorted(problems(text)) == sorted(expected)


def test_problems_are_errors() -> None:
    log = ProblemLog()
    parse_bank("questions: []\n", PATH, log)
    assert [problem.severity for problem in log.problems] == ["error"]


def test_closest_suggestion_picks_the_nearest_choice() -> None:
    found = problems("""\
        questions:
          - id: x
            type: single
            prompt: P
            choices: [Mercury, Venus, Mars]
            answer: Marz
        """)
    assert found == [at(6, 13, "answer 'Marz' is not among the choices (closest: 'Mars')")]


def test_invalid_question_is_left_out_valid_ones_kept() -> None:
    bank, found = check("""\
        questions:
          - id: good
            type: true_false
            prompt: A
            answer: true
          - id: bad
            type: true_false
            prompt: B
            answer: maybe
        """)
    assert found == [at(9, 13, "a true_false answer must be true or false")]
    assert bank is not None
    assert [q.id for q in bank.questions] == ["good"]


# -- everything at once -----------------------------------------------------------------------


def test_every_problem_in_a_bank_is_reported_at_once(tmp_path: Path) -> None:
    text = textwrap.dedent("""\
        title: The basics
        pass_mark: 80
        shufle: false
        questions:
          - id: what-is-commit
            type: single
            prompt: What does a commit record?
            choices: [A snapshot, Only the changed lines]
            answer: A snapshop
          - id: staging-optional
            type: true_false
            prompt: Is every edited file committed automatically?
            choices: [Yes, No]
            answer: false
          - id: hash-length
            type: numberic
            prompt: How many hex digits long is a full commit id?
            answer: 40
          - id: hash-length
            type: order
            prompt: Put the steps in order.
            choices: [Edit, Stage, Commit]
            answer: [Edit, Stage, Commit]
        """)
    bank_file = tmp_path / "bank.yaml"
    bank_file.write_text(text, encoding="utf-8")
    with pytest.raises(PodiumError) as caught:
        load_bank(bank_file, shown="quizzes/01-basics.yaml")
    assert str(caught.value).splitlines() == [
        "quizzes/01-basics.yaml:3:1: unknown key 'shufle' in the bank (did you mean 'shuffle'?)",
        "quizzes/01-basics.yaml:9:13: answer 'A snapshop' is not among the choices (closest: 'A snapshot')",
        "quizzes/01-basics.yaml:13:5: a true_false question has no 'choices': they are always True and False",
        "quizzes/01-basics.yaml:16:11: unknown type 'numberic' (did you mean 'numeric'?); types are single, "
        "multiple, true_false, short, numeric, order, cloze, match",
        "quizzes/01-basics.yaml:19:9: duplicate id 'hash-length' (first used on line 15)",
        "quizzes/01-basics.yaml:23:5: an order question has no 'answer': list 'choices' in the right order",
    ]
    assert len(caught.value.problems) == 6


def test_load_bank_file_errors(tmp_path: Path) -> None:
    with pytest.raises(PodiumError) as caught:
        load_bank(tmp_path / "missing.yaml", shown="quizzes/missing.yaml")
    assert str(caught.value) == "quizzes/missing.yaml:1:1: no such file"
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes("questions:\n  - id: caf\xe9\n".encode("latin-1"))
    with pytest.raises(PodiumError) as caught:
        load_bank(bad, shown="quizzes/latin1.yaml")
    assert str(caught.value) == "quizzes/latin1.yaml:2:12: not UTF-8 text: byte 0xe9 cannot be decoded"


# -- valid banks of every type ----------------------------------------------------------------


def test_every_type_loads_to_the_right_fields(tmp_path: Path) -> None:
    bank_file = tmp_path / "all.yaml"
    bank_file.write_text(textwrap.dedent("""\
        title: Everything
        pass_mark: 80%
        shuffle: false
        shuffle_choices: false
        hint_penalty: 50
        questions:
          - id: s
            type: single
            prompt: "  Pick one  "
            choices: [A, B, C]
            answer: [B]
            explanation: Because B.
            hint: Not A.
            points: 2
          - id: m
            type: multiple
            prompt: Pick some
            choices: [A, B, C, D]
            answer: [A, C]
            scoring: all_or_nothing
          - id: m1
            type: multiple
            prompt: Pick some
            choices: [A, B]
            answer: B
          - id: tf
            type: true_false
            prompt: True?
            answer: False
          - id: sh
            type: short
            prompt: Type
            answer: Paris
            pattern: "par(is)?"
          - id: sh2
            type: short
            prompt: Type
            answer: [1.5, one and a half]
          - id: sh3
            type: short
            prompt: Type
            pattern: "[0-9a-f]{7}"
          - id: n
            type: numeric
            prompt: Pi?
            answer: 3.14
            tolerance: 0.01
          - id: n2
            type: numeric
            prompt: Year?
            answer: [2004, 2006]
          - id: n3
            type: numeric
            prompt: How many?
            answer: 40
          - id: o
            type: order
            prompt: Sort
            choices: [First, Second, Third]
            scoring: partial
        """), encoding="utf-8")
    bank = load_bank(bank_file, shown="all.yaml")
    assert bank.path == "all.yaml"
    assert bank.title == "Everything"
    assert bank.pass_mark == pytest.approx(0.8)
    assert (bank.shuffle, bank.shuffle_choices) == (False, False)
    assert bank.hint_penalty == pytest.approx(0.5)
    assert bank.possible == 12.0
    q = {question.id: question for question in bank.questions}
    assert list(q) == ["s", "m", "m1", "tf", "sh", "sh2", "sh3", "n", "n2", "n3", "o"]
    assert q["s"] == Question(id="s", type="single", prompt="Pick one", choices=("A", "B", "C"),
                              correct=("B",), explanation="Because B.", hint="Not A.", points=2.0,
                              line=7)
    assert q["m"] == Question(id="m", type="multiple", prompt="Pick some", choices=("A", "B", "C", "D"),
                              correct=("A", "C"), all_or_nothing=True, line=15)
    assert q["m1"].correct == ("B",) and q["m1"].all_or_nothing is False
    assert q["tf"] == Question(id="tf", type="true_false", prompt="True?", truth=False, line=26)
    assert (q["sh"].correct, q["sh"].pattern) == (("Paris",), "par(is)?")
    assert (q["sh2"].correct, q["sh2"].pattern) == (("1.5", "one and a half"), None)
    assert (q["sh3"].correct, q["sh3"].pattern) == ((), "[0-9a-f]{7}")
    assert (q["n"].low, q["n"].high) == (pytest.approx(3.13), pytest.approx(3.15))
    assert (q["n2"].low, q["n2"].high) == (2004.0, 2006.0)
    assert (q["n3"].low, q["n3"].high) == (40.0, 40.0)
    assert q["o"] == Question(id="o", type="order", prompt="Sort", choices=("First", "Second", "Third"), line=56)
    assert [question.right_answer() for question in bank.questions] == [
        "B", "A; C", "B", "False", "Paris", "1.5; one and a half", "text matching [0-9a-f]{7}",
        "3.13 to 3.15", "2004 to 2006", "40", "First → Second → Third",
    ]


def test_defaults_of_a_minimal_bank() -> None:
    bank = valid("""\
        questions:
          - id: only
            type: true_false
            prompt: Yes?
            answer: true
        """)
    assert bank.title == ""
    assert bank.pass_mark is None
    assert (bank.shuffle, bank.shuffle_choices, bank.hint_penalty, bank.typos) == (True, True, 0.5, True)
    (question,) = bank.questions
    assert question == Question(id="only", type="true_false", prompt="Yes?", truth=True, line=2)
    assert (question.points, question.explanation, question.hint) == (1.0, "", "")


@pytest.mark.parametrize(("written", "share"), [("70%", 0.7), ("0.7", 0.7), ("70", 0.7), ("1", 1.0),
                                                ("100%", 1.0), ("0", 0.0), ('"55 %"', 0.55)])
def test_bank_pass_mark_spellings(written: str, share: float) -> None:
    bank = valid(f"pass_mark: {written}\n"
                 "questions:\n  - id: a\n    type: true_false\n    prompt: P\n    answer: true\n")
    assert bank.pass_mark == pytest.approx(share)


def test_numbers_used_as_text_become_text() -> None:
    bank = valid("""\
        questions:
          - id: 42
            type: single
            prompt: 1999
            choices: [1, 2.5, three]
            answer: 2.5
        """)
    (question,) = bank.questions
    assert (question.id, question.prompt, question.choices, question.correct) == (
        "42", "1999", ("1", "2.5", "three"), ("2.5",))


# -- the bundled banks ------------------------------------------------------------------------

BUNDLED = bundled_deck()
BANK_FILES = sorted((BUNDLED / "quizzes").glob("*.yaml"))


def test_bundled_deck_has_banks() -> None:
    assert len(BANK_FILES) == 9


@pytest.mark.parametrize("bank_file", BANK_FILES, ids=[path.stem for path in BANK_FILES])
def test_bundled_bank_loads_and_is_complete(bank_file: Path) -> None:
    bank = load_bank(bank_file)
    assert len(bank.questions) >= 6
    ids = [question.id for question in bank.questions]
    assert len(set(ids)) == len(ids)
    for question in bank.questions:
        assert question.explanation.strip(), f"{bank_file.name}: {question.id} has no explanation"
        assert question.prompt.strip()


def test_bundled_deck_questions_cover_every_type() -> None:
    deck = load_deck(BUNDLED)
    used = {section.quiz_path.resolve() for section in deck.sections if section.quiz_path}
    assert used == {path.resolve() for path in BANK_FILES}
    questions = [question for path in BANK_FILES for question in load_bank(path).questions]
    assert len(questions) >= 40
    assert set(QUESTION_TYPES) == {question.type for question in questions}


def test_every_question_type_has_its_answer_reader() -> None:
    from tui.domain.quizbank import QUESTION_TYPES, _Checker

    assert tuple(_Checker.ANSWER_READERS) == QUESTION_TYPES
