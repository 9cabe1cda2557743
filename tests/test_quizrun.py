"""Taking a quiz: reproducible shuffles, answering, skipping, results, pass marks, deck totals."""

from __future__ import annotations

import pytest

from tui.domain.quizbank import Question, QuizBank
from tui.domain.quizrun import (
    TRUE_FALSE_CHOICES,
    AnsweredQuestion,
    AskedQuestion,
    DeckScore,
    QuizResult,
    QuizRun,
    new_seed,
    prepare,
    response_text,
)
from tui.domain.scoring import Grade

LETTERS = tuple("ABCDEFGH")


def questions(count: int = 8) -> tuple[Question, ...]:
    made = []
    for index in range(count):
        kind = index % 4
        if kind == 0:
            made.append(Question(id=f"s{index}", type="single", prompt=f"P{index}", choices=LETTERS[:5],
                                 correct=("C",)))
        elif kind == 1:
            made.append(Question(id=f"m{index}", type="multiple", prompt=f"P{index}", choices=LETTERS[:6],
                                 correct=("A", "B")))
        elif kind == 2:
            made.append(Question(id=f"t{index}", type="true_false", prompt=f"P{index}", truth=True))
        else:
            made.append(Question(id=f"o{index}", type="order", prompt=f"P{index}", choices=LETTERS[:4]))
    return tuple(made)


def bank(qs: tuple[Question, ...] | None = None, **options) -> QuizBank:
    return QuizBank(questions=qs if qs is not None else questions(), path="bank.yaml", **options)


def order_of(asked: tuple[AskedQuestion, ...]) -> list[tuple[str, tuple[str, ...]]]:
    return [(a.question.id, a.choices) for a in asked]


# -- shuffling --------------------------------------------------------------------------------


def test_same_seed_same_order() -> None:
    b = bank()
    assert order_of(prepare(b, 1234)) == order_of(prepare(b, 1234))
    assert order_of(QuizRun(b, "S", 0.7, seed=99).asked) == order_of(prepare(b, 99))


def test_different_seeds_eventually_differ() -> None:
    b = bank()
    first = order_of(prepare(b, 1))
    assert any(order_of(prepare(b, seed)) != first for seed in range(2, 12))
    # The question order alone differs too, not only the choices.
    ids = [a.question.id for a in prepare(b, 1)]
    assert any([a.question.id for a in prepare(b, seed)] != ids for seed in range(2, 12))


def test_shuffle_keeps_every_question_and_choice() -> None:
    b = bank()
    for seed in range(20):
        asked = prepare(b, seed)
        assert sorted(a.question.id for a in asked) == sorted(q.id for q in b.questions)
        for a in asked:
            expected = TRUE_FALSE_CHOICES if a.question.type == "true_false" else a.question.choices
            assert sorted(a.choices) == sorted(expected)


def test_true_false_choices_are_never_shuffled() -> None:
    b = bank()
    for seed in range(50):
        for a in prepare(b, seed):
            if a.question.type == "true_false":
                assert a.choices == ("True", "False")


def test_shuffle_false_keeps_question_order() -> None:
    b = bank(shuffle=False)
    for seed in range(20):
        assert [a.question.id for a in prepare(b, seed)] == [q.id for q in b.questions]


def test_shuffle_choices_false_keeps_single_and_multiple_choices_but_still_scrambles_order() -> None:
    b = bank(shuffle_choices=False)
    for seed in range(20):
        for a in prepare(b, seed):
            if a.question.type in ("single", "multiple"):
                assert a.choices == a.question.choices
            if a.question.type == "order":
                assert a.choices != a.question.choices
                assert sorted(a.choices) == sorted(a.question.choices)


def test_choices_are_shuffled_when_allowed() -> None:
    b = bank(shuffle=False)
    seen = {prepare(b, seed)[0].choices for seed in range(30)}
    assert len(seen) > 1


@pytest.mark.parametrize("items", [LETTERS[:2], LETTERS[:3], LETTERS[:5]])
def test_order_questions_never_start_in_the_right_order(items: tuple[str, ...]) -> None:
    q = Question(id="o", type="order", prompt="P", choices=items)
    b = bank((q,))
    orders = {prepare(b, seed)[0].choices for seed in range(200)}
    assert items not in orders
    assert all(sorted(order) == sorted(items) for order in orders)
    if len(items) == 2:
        assert orders == {(items[1], items[0])}


def test_new_seed_is_short_and_positive() -> None:
    seeds = {new_seed() for _ in range(50)}
    assert all(1 <= seed < 1_000_000 for seed in seeds)
    assert len(seeds) > 1


# -- answering --------------------------------------------------------------------------------


def plain_bank(points: tuple[float, ...] = (1, 1, 1, 1), **options) -> QuizBank:
    qs = tuple(Question(id=f"q{i}", type="true_false", prompt=f"P{i}", truth=True, points=p)
               for i, p in enumerate(points))
    options.setdefault("shuffle", False)
    return bank(qs, **options)


def test_quiz_run_answering_and_skipping() -> None:
    run = QuizRun(plain_bank(), "Basics", pass_mark=0.7, seed=5)
    assert (run.index, run.finished, run.current.question.id) == (0, False, "q0")
    first = run.answer(True)
    assert first == AnsweredQuestion(run.asked[0], True, Grade(1.0, 1.0, "right"), False)
    assert first.question.id == "q0"
    second = run.answer(None)
    assert second.grade == Grade(0.0, 1.0, "skipped")
    run.answer(False)
    assert (run.index, run.current.question.id) == (3, "q3")
    run.answer(True, hint_used=True)
    assert run.finished
    result = run.result()
    assert [a.grade.verdict for a in result.answers] == ["right", "skipped", "wrong", "right"]
    # The hint on the last question cost half its point, as hints do unless a bank says otherwise.
    assert (result.points, result.possible, result.fraction) == (1.5, 4.0, 0.375)
    assert (result.section, result.seed, result.pass_mark) == ("Basics", 5, 0.7)
    assert result.passed is False
    assert result.answers[3].hint_used is True


def test_unreached_questions_count_as_skipped() -> None:
    run = QuizRun(plain_bank(), "S", 0.5, seed=1)
    run.answer(True)
    run.answer(True)
    result = run.result()
    assert [a.response for a in result.answers] == [True, True, None, None]
    assert [a.grade.verdict for a in result.answers] == ["right", "right", "skipped", "skipped"]
    assert (result.points, result.possible) == (2.0, 4.0)
    assert result.passed is True
    assert len(run.answers) == 2  # asking for a result does not answer anything


def test_hint_penalty_comes_from_the_bank() -> None:
    run = QuizRun(plain_bank(points=(2,), hint_penalty=0.5), "S", 0.7, seed=1)
    answered = run.answer(True, hint_used=True)
    assert answered.grade == Grade(1.0, 2.0, "right")
    assert run.result().fraction == 0.5


@pytest.mark.parametrize(
    ("right", "pass_mark", "passed"),
    [
        (7, 0.7, True),   # exactly at the pass mark passes
        (6, 0.7, False),
        (10, 1.0, True),
        (9, 1.0, False),
        (0, 0.0, True),
        (5, 0.5, True),
        (4, 0.5, False),
    ],
)
def test_pass_mark_edge(right: int, pass_mark: float, passed: bool) -> None:
    run = QuizRun(plain_bank(points=(1,) * 10), "S", pass_mark, seed=3)
    for index in range(10):
        run.answer(index < right)
    result = run.result()
    assert result.fraction == pytest.approx(right / 10)
    assert result.passed is passed


def test_all_right_passes_a_full_pass_mark_even_with_points_of_many_decimals() -> None:
    # Each grade used to be rounded to six places (1/3 -> 0.333333), so three right answers
    # earned 0.999999 of 1.0 and a 100% pass mark was missed.
    run = QuizRun(plain_bank(points=(1 / 3,) * 3), "S", 1.0, seed=1)
    for _ in range(3):
        run.answer(True)
    assert run.result().passed is True


def test_bank_pass_mark_overrides_the_decks() -> None:
    run = QuizRun(plain_bank(pass_mark=0.9), "S", pass_mark=0.5, seed=1)
    assert run.pass_mark == 0.9
    for answer in (True, True, True, False):
        run.answer(answer)
    assert run.result().pass_mark == 0.9
    assert run.result().passed is False
    deck_mark = QuizRun(plain_bank(), "S", pass_mark=0.5, seed=1)
    assert deck_mark.pass_mark == 0.5
    zero = QuizRun(plain_bank(pass_mark=0.0), "S", pass_mark=0.8, seed=1)
    assert zero.pass_mark == 0.0


def test_empty_result_fraction_is_zero() -> None:
    result = QuizResult("S", (), possible=0.0, pass_mark=0.7, seed=1)
    assert (result.points, result.fraction, result.passed) == (0.0, 0.0, False)


def test_given_asked_order_is_kept() -> None:
    b = plain_bank()
    asked = tuple(reversed(prepare(b, 1)))
    run = QuizRun(b, "S", 0.7, seed=1, asked=asked)
    assert [a.question.id for a in run.asked] == ["q3", "q2", "q1", "q0"]


# -- deck totals ------------------------------------------------------------------------------


def finished(points: tuple[float, ...], right: int) -> QuizResult:
    run = QuizRun(plain_bank(points=points), "S", 0.7, seed=1)
    for index in range(len(points)):
        run.answer(index < right)
    return run.result()


def test_deck_score_sums_sections_and_skips_untaken_ones() -> None:
    first = finished((1, 1, 1, 1), 3)      # 3 of 4
    second = finished((2, 2, 0.5), 1)      # 2 of 4.5
    score = DeckScore((("One", first), ("Two", None), ("Three", second)))
    assert score.points == 5.0
    assert score.possible == 8.5
    assert score.fraction == pytest.approx(5 / 8.5)


def test_empty_deck_score() -> None:
    score = DeckScore((("One", None),))
    assert (score.points, score.possible, score.fraction) == (0.0, 0.0, 0.0)


def test_deck_score_rounds_float_noise() -> None:
    thirds = finished((1 / 3, 1 / 3, 1 / 3), 3)
    score = DeckScore((("A", thirds), ("B", thirds), ("C", thirds)))
    assert score.points == 3.0


# -- response text ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "response", "text"),
    [
        (Question(id="t", type="true_false", prompt="P", truth=True), True, "True"),
        (Question(id="t", type="true_false", prompt="P", truth=True), False, "False"),
        (Question(id="m", type="multiple", prompt="P", choices=("A", "B", "C"), correct=("A",)), {"C", "A"}, "A; C"),
        (Question(id="m", type="multiple", prompt="P", choices=("A", "B", "C"), correct=("A",)), set(),
         "(nothing picked)"),
        (Question(id="o", type="order", prompt="P", choices=("A", "B")), ["B", "A"], "B → A"),
        (Question(id="s", type="short", prompt="P", correct=("x",)), "typed", "typed"),
        (Question(id="s", type="short", prompt="P", correct=("x",)), None, "(skipped)"),
    ],
)
def test_response_text(question: Question, response: object, text: str) -> None:
    assert response_text(question, response) == text
