"""Statistics over a crafted history, and the export of every answer as CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.support.clock import FakeClock
from tui.domain.history import History
from tui.domain.quizbank import Question, QuizBank
from tui.domain.quizrun import QuizRun
from tui.domain.stats import ANSWER_FIELDS, MissedQuestion, TrendPoint, export_answers, section_stats, stats_json

START = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)
DECK = "deck-key"
TITLES = ["Basics", "No quiz yet", "Many"]


def at(minutes: int) -> str:
    return (START + timedelta(minutes=minutes)).isoformat(timespec="microseconds")


BASICS = QuizBank((
    Question(id="q0", type="true_false", prompt="Zero.", truth=True),
    Question(id="q1", type="true_false", prompt="One.", truth=True),
    Question(id="q2", type="true_false", prompt="Two.", truth=True, points=2.0),
), "basics.yaml", shuffle=False)
MANY = QuizBank(tuple(Question(id=f"m{i}", type="true_false", prompt=f"M{i}.", truth=True) for i in range(7)),
                "many.yaml", shuffle=False)


def attempt(history: History, section: int, bank: QuizBank, responses: list, finish: bool) -> int:
    run = QuizRun(bank, TITLES[section], 0.7, seed=3)
    attempt_id = history.start_attempt(DECK, "Deck", section, TITLES[section], 3, run.asked)
    for response in responses:
        history.record_answer(attempt_id, run.answer(response), 4.0)
    if finish:
        history.finish_attempt(attempt_id)
    return attempt_id


@pytest.fixture
def history(tmp_path: Path):
    # The clock moves a minute each time it is read, so every event has its own time.
    opened, _ = History.open(tmp_path / "history.db", FakeClock(START, step=60))
    # Basics: A (minutes 1-5) 0 of 4; B (6-10) 3 of 4; C (11-12) left open after one wrong answer.
    attempt(opened, 0, BASICS, [False, False, None], finish=True)
    attempt(opened, 0, BASICS, [True, False, True], finish=True)
    attempt(opened, 0, BASICS, [False], finish=False)
    # "No quiz yet": started and left before any answer, which is not an attempt.
    attempt(opened, 1, BASICS, [], finish=False)
    # Many: every question missed once, to show the list stops at five.
    attempt(opened, 2, MANY, [False] * 7, finish=True)
    yield opened
    opened.close()


def test_section_stats(history: History) -> None:
    basics, empty, many = section_stats(history, DECK, TITLES)
    assert (basics.section, basics.title, basics.attempts) == (0, "Basics", 3)
    assert basics.trend == (TrendPoint(at(5), 0.0), TrendPoint(at(10), 0.75), TrendPoint(at(12), 0.0))
    assert (basics.best, basics.last, basics.average) == (0.75, 0.0, 0.25)
    assert basics.most_missed == (MissedQuestion("q0", 2, 3), MissedQuestion("q1", 2, 2), MissedQuestion("q2", 1, 2))

    assert (empty.section, empty.title, empty.attempts) == (1, "No quiz yet", 0)
    assert (empty.best, empty.last, empty.average, empty.trend, empty.most_missed) == (None, None, None, (), ())

    assert many.attempts == 1 and many.best == many.last == many.average == 0.0
    assert [miss.question_id for miss in many.most_missed] == ["m0", "m1", "m2", "m3", "m4"]
    assert section_stats(history, "another deck", TITLES)[0].attempts == 0


def test_stats_json_is_plain_data(history: History) -> None:
    data = stats_json(section_stats(history, DECK, TITLES))
    assert json.loads(json.dumps(data)) == data
    basics = data["sections"][0]
    assert basics == {
        "section": 0, "title": "Basics", "attempts": 3, "best": 0.75, "last": 0.0, "average": 0.25,
        "trend": [{"when": at(5), "fraction": 0.0}, {"when": at(10), "fraction": 0.75},
                  {"when": at(12), "fraction": 0.0}],
        "most_missed": [{"question_id": "q0", "missed": 2, "asked": 3}, {"question_id": "q1", "missed": 2, "asked": 2},
                        {"question_id": "q2", "missed": 1, "asked": 2}],
        "overrides": 0,
    }
    assert data["sections"][1]["best"] is None


def test_export_csv(history: History) -> None:
    records = history.answers(DECK)
    text = export_answers(records, "csv")
    lines = text.splitlines()
    assert lines[0] == ("deck_key,deck_title,section,section_title,attempt_id,question_id,question_hash,"
                        "response,points,possible,verdict,hint_used,seconds,answered_at,overridden")
    assert len(lines) == 1 + len(records) == 1 + 14
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == ANSWER_FIELDS
    first = rows[0]
    assert first == {
        "deck_key": DECK, "deck_title": "Deck", "section": "0", "section_title": "Basics", "attempt_id": "1",
        "question_id": "q0", "question_hash": records[0].question_hash, "response": "false", "points": "0.0",
        "possible": "1.0", "verdict": "wrong", "hint_used": "false", "seconds": "4.0", "answered_at": at(2),
        "overridden": "false",
    }
    assert rows[2]["response"] == "null" and rows[2]["verdict"] == "skipped"


def test_export_json_round_trips(history: History) -> None:
    records = history.answers(DECK)
    items = json.loads(export_answers(records, "json"))
    assert len(items) == len(records)
    for item, record in zip(items, records):
        assert list(item) == list(ANSWER_FIELDS)
        assert item["response"] == json.loads(record.response)  # a value, not JSON inside JSON
        assert {**item, "response": json.dumps(item["response"])} == asdict(record)
    assert items[2]["response"] is None and items[0]["response"] is False


def test_export_of_nothing_and_unknown_formats() -> None:
    assert export_answers([], "csv").splitlines() == [",".join(ANSWER_FIELDS)]
    assert json.loads(export_answers([], "json")) == []
    with pytest.raises(ValueError, match="unknown export format"):
        export_answers([], "xml")  # type: ignore[arg-type]
