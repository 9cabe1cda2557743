"""Spaced review: ratings from answers, FSRS scheduling, and what is due when."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import fsrs
import pytest

from tui.domain.history import History, present_questions
from tui.domain.quizbank import Question, QuizBank
from tui.domain.quizrun import QuizRun
from tui.domain.review import EASY_SECONDS, rating_for, schedule

NOW = datetime(2026, 11, 29, 10, 15, tzinfo=UTC)
DECK = "deck-key"


@pytest.mark.parametrize(("verdict", "seconds", "rating"), [
    ("wrong", 1.0, fsrs.Rating.Again),
    ("wrong", 60.0, fsrs.Rating.Again),
    ("skipped", 0.0, fsrs.Rating.Again),
    ("partial", 2.0, fsrs.Rating.Hard),
    ("partial", 90.0, fsrs.Rating.Hard),
    ("right", 0.5, fsrs.Rating.Easy),
    ("right", EASY_SECONDS, fsrs.Rating.Easy),
    ("right", EASY_SECONDS + 0.1, fsrs.Rating.Good),
    ("right", 300.0, fsrs.Rating.Good),
])
def test_rating_for(verdict: str, seconds: float, rating: fsrs.Rating) -> None:
    assert rating_for(verdict, seconds) == rating


def test_rating_for_an_unknown_verdict() -> None:
    with pytest.raises(ValueError, match="unknown verdict"):
        rating_for("maybe", 1.0)


def test_schedule_a_new_card_is_deterministic_and_utc() -> None:
    first = schedule(None, fsrs.Rating.Good, NOW, 4.0)
    assert first == schedule(None, fsrs.Rating.Good, NOW, 4.0)
    card_json, due = first
    assert due.tzinfo == UTC and due > NOW
    card = fsrs.Card.from_json(card_json)
    assert card.due == due and card.last_review == NOW
    # No learning steps: a new card comes back after whole days, never within minutes.
    assert schedule(None, fsrs.Rating.Again, NOW, 4.0)[1] == NOW + timedelta(days=1)
    assert schedule(None, fsrs.Rating.Hard, NOW, 4.0)[1] == NOW + timedelta(days=1)
    assert due == NOW + timedelta(days=2)
    assert schedule(None, fsrs.Rating.Easy, NOW, 4.0)[1] == NOW + timedelta(days=8)


def test_schedule_goes_on_from_the_stored_card() -> None:
    card_json, due = schedule(None, fsrs.Rating.Good, NOW, 4.0)
    later_json, later_due = schedule(card_json, fsrs.Rating.Good, due, 4.0)
    assert later_due > due + timedelta(days=2)  # a second Good waits longer than the first
    assert json.loads(later_json)["card_id"] == json.loads(card_json)["card_id"]


def test_schedule_never_goes_back_in_time() -> None:
    card_json, _ = schedule(None, fsrs.Rating.Good, NOW, 4.0)
    earlier = NOW - timedelta(hours=3)  # another machine's clock, say
    _, due = schedule(card_json, fsrs.Rating.Again, earlier, 4.0)
    assert due >= NOW


def test_a_naive_time_is_taken_as_utc() -> None:
    assert schedule(None, fsrs.Rating.Good, NOW.replace(tzinfo=None), 1.0) == schedule(None, fsrs.Rating.Good, NOW, 1.0)


# -- through the history -----------------------------------------------------------------------


def bank_of(count: int) -> QuizBank:
    questions = tuple(Question(id=f"q{i}", type="true_false", prompt=f"Statement {i}.", truth=True)
                      for i in range(count))
    return QuizBank(questions, "bank.yaml", shuffle=False)


@pytest.fixture
def history(tmp_path: Path):
    opened, _ = History.open(tmp_path / "history.db", lambda: NOW)
    yield opened
    opened.close()


def answer_all(history: History, bank: QuizBank, responses: list, seconds: list[float], section: int = 0) -> None:
    run = QuizRun(bank, "Section", 0.7, seed=1)
    attempt = history.start_attempt(DECK, "Deck", section, "Section", 1, run.asked)
    for response, taken in zip(responses, seconds):
        history.record_answer(attempt, run.answer(response), taken)


def test_a_question_answered_wrong_is_due_sooner_than_one_answered_right(history: History) -> None:
    answer_all(history, bank_of(2), [False, True], [20.0, 20.0])
    missed, known = history.card(DECK, 0, "q0"), history.card(DECK, 0, "q1")
    assert missed.due < known.due
    assert missed.due == NOW + timedelta(days=1) and known.due == NOW + timedelta(days=2)
    assert [card.question_id for card in history.due(DECK, NOW + timedelta(days=1, hours=12))] == ["q0"]


def test_due_lists_the_most_overdue_first_and_honours_the_limit(history: History) -> None:
    # q0 wrong (1 day), q1 right slowly (2 days), q2 right fast (8 days), q3 skipped (1 day).
    answer_all(history, bank_of(4), [False, True, True, None], [3.0, 30.0, 2.0, 1.0])
    assert history.count_due(DECK, NOW) == 0
    assert history.due(DECK, NOW) == []
    assert [card.question_id for card in history.due(DECK, NOW + timedelta(days=1))] == ["q0", "q3"]
    soon = NOW + timedelta(days=2, minutes=30)
    assert [card.question_id for card in history.due(DECK, soon)] == ["q0", "q3", "q1"]
    assert [card.question_id for card in history.due(DECK, soon, limit=2)] == ["q0", "q3"]
    assert history.count_due(DECK, soon) == 3
    far = NOW + timedelta(days=365)
    assert [card.question_id for card in history.due(DECK, far)] == ["q0", "q3", "q1", "q2"]
    assert history.due(DECK, far)[0].due.tzinfo is not None
    assert history.due("another deck", far) == []


def test_due_across_sections_leaves_out_questions_no_longer_in_the_deck(history: History) -> None:
    answer_all(history, bank_of(2), [False, False], [1.0, 1.0], section=0)
    answer_all(history, bank_of(1), [False], [1.0], section=3)
    later = NOW + timedelta(days=1, hours=1)
    assert history.due(DECK, NOW + timedelta(hours=23)) == []
    assert [(c.section, c.question_id) for c in history.due(DECK, later)] == [(0, "q0"), (0, "q1"), (3, "q0")]
    known = present_questions({0: bank_of(1), 3: bank_of(1)})  # q1 was removed from section 0
    assert [(c.section, c.question_id) for c in history.due(DECK, later, known=known)] == [(0, "q0"), (3, "q0")]
    assert history.count_due(DECK, later, known=known) == 2


def test_review_reschedules_a_due_card(history: History) -> None:
    answer_all(history, bank_of(1), [False], [1.0])
    card = history.card(DECK, 0, "q0")
    assert card.due == NOW + timedelta(days=1)
    assert history.count_due(DECK, NOW + timedelta(hours=23)) == 0
    review_time = NOW + timedelta(days=1, hours=2)
    assert history.count_due(DECK, review_time) == 1
    due = history.review(DECK, 0, "q0", card.question_hash, "right", 3.0, review_time)
    # Right and fast (Easy) on a card already reviewed once: FSRS 6 stability gives 3 days.
    assert due == review_time + timedelta(days=3)
    after = history.card(DECK, 0, "q0")
    assert after.due == due and after.reviews == 2
    assert history.count_due(DECK, review_time) == 0
    # Review mode does not add answers: those belong to quiz attempts.
    assert len(history.answers(DECK)) == 1


def test_review_of_a_question_never_answered_creates_its_card(history: History) -> None:
    due = history.review(DECK, 2, "new", "0123456789abcdef", "wrong", 5.0, NOW)
    card = history.card(DECK, 2, "new")
    assert card.due == due == NOW + timedelta(days=1) and card.reviews == 1


def test_wrong_and_partial_come_back_the_next_day_and_right_the_day_after(history: History) -> None:
    questions = tuple(Question(id=f"m{i}", type="multiple", prompt=f"Pick {i}.", choices=("A", "B", "C"),
                               correct=("A", "B")) for i in range(3))
    bank = QuizBank(questions, "bank.yaml", shuffle=False)
    # All at day 0 (the history's clock is fixed at NOW); the right answer is slow, so Good, not Easy.
    answer_all(history, bank, [{"C"}, {"A"}, {"A", "B"}], [5.0, 5.0, EASY_SECONDS + 20.0])
    assert [(a.question_id, a.verdict) for a in history.answers(DECK)] == [
        ("m0", "wrong"), ("m1", "partial"), ("m2", "right")]
    assert history.due(DECK, NOW + timedelta(hours=23, minutes=59)) == []
    next_day = NOW + timedelta(days=1, minutes=1)
    assert [card.question_id for card in history.due(DECK, next_day)] == ["m0", "m1"]
    day_after = NOW + timedelta(days=2, minutes=1)
    assert [card.question_id for card in history.due(DECK, day_after)] == ["m0", "m1", "m2"]
