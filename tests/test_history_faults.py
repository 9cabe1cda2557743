"""The history when things go wrong: a quiz answered to the end but never finished, two windows on
one quiz, rows that are valid SQLite but not valid history, writes that fail, files podium may
read but not write."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import build_app
from tests.support.answers import right, take_quiz, wrong
from tests.support.clock import FakeClock
from tests.support.history import FailingDb
from tests.support.notices import messages
from tui.domain.history import (
    MIGRATIONS,
    AttemptTakenElsewhere,
    History,
    HistoryReadOnly,
    HistoryUnavailable,
    resume_run,
)
from tui.domain.identity import bank_hashes
from tui.domain.learner import Learner
from tui.domain.loader import Presentation, load_presentation
from tui.domain.quizrun import QuizRun
from tui.domain.stats import export_answers
from tui.ui.screens.quiz import QuizScreen
from tui.ui.screens.results import ResultsScreen
from tui.ui.screens.resume import ResumeScreen
from tui.ui.widgets.review_list import ReviewList

ROOT = Path(__file__).resolve().parent.parent
EVERY_TYPE = Path(__file__).parent / "fixtures" / "every-type"
START = datetime(2026, 11, 29, 10, 15, tzinfo=UTC)


@pytest.fixture(scope="module")
def deck() -> Presentation:
    return load_presentation(EVERY_TYPE)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "history.db"


def podium(*args: str, user: list[str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HOME": tempfile.gettempdir()}
    return subprocess.run([*(user or []), sys.executable, "-m", "tui", *args], capture_output=True, text=True,
                          env=env, timeout=120, cwd=tempfile.gettempdir())


def answer_some(learner: Learner, run: QuizRun, count: int, section: int = 0, attempt_id: int | None = None):
    """Answer `count` questions through a recorder (right, then wrong every third); return it."""
    recorder = learner.recorder(section, run.section, run, attempt_id)
    for _ in range(count):
        question = run.current.question
        response = wrong(question) if run.index % 3 == 2 else right(question)
        learner.clock.tick(5)  # type: ignore[attr-defined]
        assert recorder.answered(run.answer(response), 4.0) is None
    return recorder


# -- item 3: every question answered, the results never reached ---------------------------------


async def test_a_quiz_answered_to_the_end_but_never_finished_resumes_to_its_results(deck: Presentation,
                                                                                    db: Path) -> None:
    learner = Learner.open(db, deck.deck, FakeClock(START))
    run = QuizRun(deck.banks[0], "Basics", 0.7, seed=700)
    answer_some(learner, run, len(run.asked))  # ... and the terminal closes on "Enter: see your results"
    learner.close()
    expected = run.result()

    learner = Learner.open(db, deck.deck, FakeClock(START))
    app = build_app(deck, learner=learner, study=[0], seed=8)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        if isinstance(app.screen, ResumeScreen):
            # "6 of 6 questions answered. Resume?": podium used to ask, then fail on question 7.
            await pilot.press("r")
            await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        text = app.screen.query_one(ReviewList).whole_text()
        assert f"{expected.points:g}/6 points" in text
        assert "replay this order with --seed 7\n" in text  # the seed it was taken with (700 = 7 * 100 + 0)
        assert any("answered last time" in message for message in messages(app))
    with History.open(db, FakeClock(START))[0] as history:
        [attempt] = history.attempts(learner.key)
        assert attempt.finished_at is not None and attempt.answered == 6
        assert attempt.fraction == pytest.approx(expected.fraction)
        assert history.open_attempt(learner.key, 0) is None  # never offered again


# -- item 4: two windows resuming one quiz -------------------------------------------------------


def resumed_twice(deck: Presentation, db: Path) -> tuple[Learner, QuizRun, Learner, QuizRun, int]:
    """A quiz left after 3 answers, then resumed by two podium processes at once."""
    learner = Learner.open(db, deck.deck, FakeClock(START))
    bank = deck.banks[0]
    answer_some(learner, QuizRun(bank, "Basics", 0.7, seed=700), 3)
    learner.close()
    first, second = Learner.open(db, deck.deck, FakeClock(START)), Learner.open(db, deck.deck, FakeClock(START))
    runs = []
    for learner in (first, second):
        left = learner.leftover(0, bank)
        assert left is not None and len(left.answers) == 3
        runs.append(learner.resume(left, bank, "Basics", 0.7))
    return first, runs[0], second, runs[1], left.attempt_id


def test_two_windows_resuming_one_quiz_record_each_answer_once(deck: Presentation, db: Path) -> None:
    first, first_run, second, second_run, attempt = resumed_twice(deck, db)
    one = first.recorder(0, "Basics", first_run, attempt)
    two = second.recorder(0, "Basics", second_run, attempt)
    assert one.answered(first_run.answer(right(first_run.current.question)), 3.0) is None
    told = two.answered(second_run.answer(right(second_run.current.question)), 3.0)
    assert told is not None and "question 4 of this quiz was already answered in another podium window" in told
    # The second window goes on without saving, and says nothing more.
    while not second_run.finished:
        assert two.answered(second_run.answer(right(second_run.current.question)), 3.0) is None
    assert two.finished() is None
    while not first_run.finished:
        assert one.answered(first_run.answer(right(first_run.current.question)), 3.0) is None
    assert one.finished() is None
    with History.open(db, FakeClock(START))[0] as history:
        records = history.answers()
        assert len(records) == 6 and len({r.question_id for r in records}) == 6
        [record] = history.attempts(first.key)
        assert record.answered == 6 and 0 <= record.fraction <= 1
        assert len(json.loads(export_answers(records, "json"))) == 6


def test_answering_a_quiz_finished_in_another_window_is_refused(deck: Presentation, db: Path) -> None:
    first, first_run, second, second_run, attempt = resumed_twice(deck, db)
    one = first.recorder(0, "Basics", first_run, attempt)
    while not first_run.finished:
        one.answered(first_run.answer(right(first_run.current.question)), 3.0)
    assert one.finished() is None
    with pytest.raises(AttemptTakenElsewhere, match="finished in another podium window"):
        second.history.record_answer(attempt, second_run.answer(None), 3.0)
    with History.open(db, FakeClock(START))[0] as history:
        assert len(history.answers()) == 6


def test_the_database_itself_refuses_a_second_answer_to_a_question(deck: Presentation, db: Path) -> None:
    learner = Learner.open(db, deck.deck, FakeClock(START))
    answer_some(learner, QuizRun(deck.banks[0], "Basics", 0.7, seed=700), 2)
    learner.close()
    raw = sqlite3.connect(db)
    columns = "attempt_id, position, question_id, question_hash, response, points, possible, verdict, " \
              "hint_used, seconds, answered_at"
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        raw.execute(f"INSERT INTO answers ({columns}) SELECT {columns} FROM answers WHERE id = 1")
    raw.close()


def version_2_history(path: Path) -> None:
    """A history as podium wrote it before answers were unique: question 0 answered twice by
    two windows (the second time wrong), question 1 three times."""
    old = sqlite3.connect(path)
    for script in MIGRATIONS[:2]:
        old.executescript(script)
    old.execute("PRAGMA user_version = 2")
    asked = json.dumps([{"id": f"q{i}", "hash": "h", "type": "true_false", "choices": ["True", "False"]}
                        for i in range(3)])
    old.execute("INSERT INTO attempts (deck_key, deck_title, section, section_title, seed, asked, question_count, "
                "total, started_at, finished_at) VALUES ('d', 'Deck', 0, 'One', 5, ?, 3, 3.0, "
                "'2026-01-01T00:00:00.000000+00:00', '2026-01-01T00:09:00.000000+00:00')", (asked,))
    given = [(0, "true", 1.0, "right"), (0, "false", 0.0, "wrong"), (1, "true", 1.0, "right"),
             (1, "true", 1.0, "right"), (1, "false", 0.0, "wrong"), (2, "false", 0.0, "wrong")]
    for minute, (position, response, points, verdict) in enumerate(given):
        old.execute("INSERT INTO answers (attempt_id, position, question_id, question_hash, response, points, "
                    "possible, verdict, hint_used, seconds, answered_at) VALUES (1, ?, ?, 'h', ?, ?, 1, ?, 0, 2, ?)",
                    (position, f"q{position}", response, points, verdict,
                     f"2026-01-01T00:0{minute + 1}:00.000000+00:00"))
    old.commit()
    old.close()


def test_a_history_with_answers_given_twice_migrates_keeping_the_first(db: Path) -> None:
    version_2_history(db)
    history, notice = History.open(db, FakeClock(START))
    assert notice is not None and "3 answers given twice to the same question of a quiz" in notice
    records = history.answers()
    assert [(r.question_id, r.verdict) for r in records] == [("q0", "right"), ("q1", "right"), ("q2", "wrong")]
    [attempt] = history.attempts("d")
    assert (attempt.points, attempt.answered, round(attempt.fraction, 4)) == (2.0, 3, 0.6667)
    history.close()
    history, notice = History.open(db, FakeClock(START))
    assert notice is None  # migrated once
    history.close()
    raw = sqlite3.connect(db)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == 4  # 2 -> 3 -> 4 (overrides)
    with pytest.raises(sqlite3.IntegrityError):
        raw.execute("INSERT INTO answers (attempt_id, position, question_id, question_hash, response, points, "
                    "possible, verdict, hint_used, seconds, answered_at) VALUES (1, 0, 'q0', 'h', 'true', 1, 1, "
                    "'right', 0, 2, '2026-01-01T00:20:00.000000+00:00')")
    raw.close()


def test_a_version_2_history_read_only_is_migrated_in_memory_only(tmp_path: Path) -> None:
    version_2_history(tmp_path / "history.db")
    before = (tmp_path / "history.db").read_bytes()
    history, _ = History.open(tmp_path / "history.db", FakeClock(START), read_only=True)
    assert [r.verdict for r in history.answers()] == ["right", "right", "wrong"]
    history.close()
    assert (tmp_path / "history.db").read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["history.db"]


async def test_the_second_window_is_told_on_screen_and_nothing_counts_twice(deck: Presentation, db: Path) -> None:
    first, first_run, _, _, attempt = resumed_twice(deck, db)
    learner = Learner.open(db, deck.deck, FakeClock(START))
    app = build_app(deck, learner=learner, study=[0], seed=7)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen) and app.screen.run.index == 3
        # Meanwhile the other window answers question 4 (and finishes the quiz).
        other = first.recorder(0, "Basics", first_run, attempt)
        while not first_run.finished:
            other.answered(first_run.answer(right(first_run.current.question)), 3.0)
        other.finished()
        await take_quiz(pilot, app, set())
        assert isinstance(app.screen, ResultsScreen)
        told = [m for m in messages(app) if "another podium window" in m]
        assert len(told) == 1 and "finished in another podium window" in told[0]
    with History.open(db, FakeClock(START))[0] as history:
        assert len(history.answers()) == 6
        [record] = history.attempts(learner.key)
        assert record.fraction <= 1


# -- item 5: rows that are valid SQLite but bad data ---------------------------------------------


def damaged_history(deck: Presentation, db: Path) -> dict[str, int]:
    """A history with a finished quiz, a quiz left half way and cards, then damaged row by row
    with raw SQL; the ids of the damaged rows."""
    learner = Learner.open(db, deck.deck, FakeClock(START))
    finished = QuizRun(deck.banks[0], "Basics", 0.7, seed=700)
    answer_some(learner, finished, 6).finished()
    learner.clock.tick(3600)  # type: ignore[attr-defined]
    left = QuizRun(deck.banks[1], "More", 0.7, seed=701)
    answer_some(learner, left, 1, section=1)
    learner.close()
    raw = sqlite3.connect(db)
    ids = {
        "response": raw.execute("SELECT MIN(id) FROM answers WHERE attempt_id = 1").fetchone()[0],
        "points": raw.execute("SELECT MAX(id) FROM answers WHERE attempt_id = 1").fetchone()[0],
        "open": raw.execute("SELECT id FROM answers WHERE attempt_id = 2").fetchone()[0],
        "card": raw.execute("SELECT rowid FROM cards WHERE section = 0 ORDER BY rowid LIMIT 1").fetchone()[0],
        "card_json": raw.execute("SELECT rowid FROM cards WHERE section = 0 ORDER BY rowid LIMIT 1 OFFSET 1")
        .fetchone()[0],
    }
    raw.execute("UPDATE answers SET response = 'not json {' WHERE id = ?", (ids["response"],))
    raw.execute("UPDATE answers SET points = 'many', hint_used = 'yes' WHERE id = ?", (ids["points"],))
    raw.execute("UPDATE answers SET response = '[1, 2]' WHERE id = ?", (ids["open"],))  # a list for true/false...
    raw.execute("UPDATE cards SET due = 'next tuesday' WHERE rowid = ?", (ids["card"],))
    raw.execute("UPDATE cards SET card = '{\"nope\": null}', due = '2000-01-01T00:00:00.000000+00:00' "
                "WHERE rowid = ?", (ids["card_json"],))
    raw.commit()
    raw.close()
    return ids


def test_damaged_rows_are_skipped_and_each_named_once(deck: Presentation, db: Path) -> None:
    ids = damaged_history(deck, db)
    history, _ = History.open(db, FakeClock(START + timedelta(days=30)))
    key = Learner(None, deck.deck).key
    for _ in range(2):  # read twice: still one notice a row
        assert len(history.answers()) == 5  # 7 answers, 2 damaged
        [attempt] = [a for a in history.attempts(key) if a.section == 0]
        assert attempt.answered == 4 and 0 <= attempt.fraction <= 1
        assert history.open_attempt(key, 1, bank_hashes(deck.banks[1])) is None  # not trusted to resume
        due = history.due(key, START + timedelta(days=30))
        assert len(due) == len({q.id for q in deck.banks[0].questions}) + 1 - 1  # every sound card is due
        assert history.card(key, 0, "boil") is None or history.card(key, 0, "boil").due
    notices = history.take_notices()
    assert history.take_notices() == []
    named = sorted(notice.split("(history.db, ", 1)[1].split(")", 1)[0] for notice in notices)
    assert named == sorted([f"table answers, row {ids['response']}", f"table answers, row {ids['points']}",
                            f"table answers, row {ids['open']}", f"table cards, row {ids['card']}"])
    assert any("'next tuesday' where a date and time was expected" in notice for notice in notices)
    # A damaged card is started over when its question is answered again, and named once.
    raw = sqlite3.connect(db)
    question_id, digest = raw.execute("SELECT question_id, question_hash FROM cards WHERE rowid = ?",
                                      (ids["card_json"],)).fetchone()
    raw.close()
    history.review(key, 0, question_id, digest, "right", 3.0, START + timedelta(days=30))
    [notice] = history.take_notices()
    assert f"table cards, row {ids['card_json']}" in notice and "starts over" in notice
    history.close()


def test_the_commands_skip_damaged_rows_with_one_notice_each(deck: Presentation, tmp_path: Path) -> None:
    ids = damaged_history(deck, tmp_path / "history.db")
    for command in (["stats", str(EVERY_TYPE)], ["stats", str(EVERY_TYPE), "--json"],
                    ["history", "export", "--format", "csv"], ["history", "export", "--format", "json"]):
        result = podium(*command, "--data-dir", str(tmp_path))
        assert result.returncode == 0, (command, result.stderr)
        assert "Traceback" not in result.stderr
        lines = [line for line in result.stderr.splitlines() if "skipped a damaged row" in line]
        assert len(lines) == len(set(lines)) >= 2, (command, result.stderr)
        assert any(f"table answers, row {ids['response']}" in line for line in lines)
    export = json.loads(podium("history", "export", "--format", "json", "--data-dir", str(tmp_path)).stdout)
    assert len(export) == 5
    stats = json.loads(podium("stats", str(EVERY_TYPE), "--json", "--data-dir", str(tmp_path)).stdout)
    assert all(0 <= (s["best"] or 0) <= 1 for s in stats["sections"])


async def test_study_mode_and_review_go_on_past_damaged_rows(deck: Presentation, tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    ids = damaged_history(deck, db)
    later = FakeClock(START + timedelta(days=30))
    learner = Learner.open(db, deck.deck, later)
    app = build_app(deck, learner=learner, study=[1, 0], seed=7)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)  # the damaged half-way quiz is not offered
        await take_quiz(pilot, app, set())
        await pilot.press("enter")
        await pilot.pause()
        await take_quiz(pilot, app, set())
        assert isinstance(app.screen, ResultsScreen)
        named = [m for m in messages(app) if "skipped a damaged row" in m]
        assert len(named) == len(set(named)) and any(f"row {ids['open']}" in m for m in named)
        assert any(f"table cards, row {ids['card_json']}" in m for m in named)
    learner = Learner.open(db, deck.deck, FakeClock(START + timedelta(days=90)))
    due = learner.due_questions(deck.banks, None)
    assert due
    app = build_app(deck, learner=learner, review=due)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await take_quiz(pilot, app, set())
        assert isinstance(app.screen, ResultsScreen)


async def test_the_presenters_quiz_goes_on_past_a_damaged_attempt(deck: Presentation, db: Path) -> None:
    learner = Learner.open(db, deck.deck, FakeClock(START))
    answer_some(learner, QuizRun(deck.banks[0], "Basics", 0.7, seed=700), 2)
    learner.close()
    raw = sqlite3.connect(db)
    raw.execute("UPDATE attempts SET asked = '[{\"id\": null}]', seed = 'x'")
    raw.commit()
    raw.close()
    learner = Learner.open(db, deck.deck, FakeClock(START))
    app = build_app(deck, learner=learner)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.start_quiz_of(0)
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen) and app.screen.run.index == 0
        assert [m for m in messages(app) if "table attempts, row 1" in m]


# -- item 11: writes that fail -------------------------------------------------------------------


def failing(learner: Learner) -> FailingDb:
    assert learner.history is not None
    fake = FailingDb(learner.history._db)
    learner.history._db = fake  # type: ignore[assignment]
    return fake


def test_a_failed_write_is_retried_with_the_next_answer(deck: Presentation, db: Path) -> None:
    learner = Learner.open(db, deck.deck, FakeClock(START))
    disk = failing(learner)
    run = QuizRun(deck.banks[0], "Basics", 0.7, seed=700)
    recorder = learner.recorder(0, "Basics", run)
    told = []
    for number, asked in enumerate(run.asked):
        disk.failing = {"INSERT INTO answers"} if number in (2, 3) else set()
        told.append(recorder.answered(run.answer(right(asked.question)), 3.0))
    assert told[:2] == [None, None] and told[3] is None and told[5] is None
    assert "disk is full" in told[2] and "kept to save" in told[2]
    assert told[4] == "History saved again: every answer so far is recorded"
    assert recorder.finished() is None
    learner.close()
    with History.open(db, FakeClock(START))[0] as history:
        assert [r.question_id for r in history.answers()] == [a.question.id for a in run.asked]
        [attempt] = history.attempts(learner.key)
        assert attempt.finished_at is not None and attempt.fraction == 1.0


def test_answers_never_saved_leave_the_attempt_incomplete_and_not_scored(deck: Presentation, db: Path) -> None:
    learner = Learner.open(db, deck.deck, FakeClock(START))
    disk = failing(learner)
    run = QuizRun(deck.banks[0], "Basics", 0.7, seed=700)
    recorder = learner.recorder(0, "Basics", run)
    for number, asked in enumerate(run.asked):
        disk.failing = {"INSERT INTO answers"} if number >= 2 else set()
        recorder.answered(run.answer(right(asked.question)), 3.0)
    assert run.result().fraction == 1.0  # what the results screen shows
    told = recorder.finished()
    assert told == "4 answers of this quiz could not be saved: it is kept in the history as incomplete, and not scored"
    learner.close()
    learner = Learner.open(db, deck.deck, FakeClock(START))
    stats, problem = learner.statistics()
    assert problem is None and stats[0].attempts == 0 and stats[0].best is None  # not 33 %
    assert learner.leftover(0, deck.banks[0]) is None  # not offered to resume
    assert len(learner.history.answers()) == 2  # what was saved stays, and exports
    learner.close()


def test_a_quiz_whose_answers_are_saved_only_at_exit_is_finished_then(deck: Presentation, db: Path) -> None:
    learner = Learner.open(db, deck.deck, FakeClock(START))
    disk = failing(learner)
    run = QuizRun(deck.banks[0], "Basics", 0.7, seed=700)
    recorder = learner.recorder(0, "Basics", run)
    for number, asked in enumerate(run.asked):
        if number == 1:
            disk.failing = {"INSERT", "UPDATE"}  # nothing can be written any more, not even the mark
        recorder.answered(run.answer(right(asked.question)), 3.0)
    assert "5 answers of this quiz could not be saved, nor the quiz marked incomplete" in recorder.finished()
    disk.failing = set()
    learner.close()  # room again by the time the learner quits
    with History.open(db, FakeClock(START))[0] as history:
        [attempt] = history.attempts(learner.key)
        assert attempt.finished_at is not None and attempt.answered == 6 and attempt.fraction == 1.0


def test_unsaved_answers_of_a_quiz_left_half_way_are_saved_when_the_app_closes(deck: Presentation,
                                                                               db: Path) -> None:
    learner = Learner.open(db, deck.deck, FakeClock(START))
    disk = failing(learner)
    run = QuizRun(deck.banks[0], "Basics", 0.7, seed=700)
    recorder = learner.recorder(0, "Basics", run)
    disk.failing = {"INSERT INTO attempts"}  # not even the attempt can start
    for asked in run.asked[:3]:
        recorder.answered(run.answer(right(asked.question)), 3.0)
    disk.failing = set()
    learner.close()  # the learner quits half way; the disk has room again
    learner = Learner.open(db, deck.deck, FakeClock(START))
    left = learner.leftover(0, deck.banks[0])
    assert left is not None and len(left.answers) == 3
    resumed = resume_run(left, deck.banks[0], "Basics", 0.7)
    assert resumed is not None and resumed.answers == run.answers
    learner.close()


async def test_a_full_disk_during_a_quiz_never_leaves_a_wrong_score(deck: Presentation, db: Path) -> None:
    learner = Learner.open(db, deck.deck, FakeClock(START))
    app = build_app(deck, learner=learner, study=[0], seed=7)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        disk = failing(learner)
        disk.failing = {"INSERT INTO answers"}
        await take_quiz(pilot, app, set())
        assert isinstance(app.screen, ResultsScreen)
        assert "6/6 points" in app.screen.query_one(ReviewList).whole_text()
        said = messages(app)
        assert len([m for m in said if "disk is full" in m]) == 1
        assert any("kept in the history as incomplete, and not scored" in m for m in said)
    learner = Learner.open(db, deck.deck, FakeClock(START))
    assert learner.statistics()[0][0].attempts == 0
    assert learner.leftover(0, deck.banks[0]) is None
    learner.close()


# -- item 12: a history podium may read but not write ----------------------------------------------


@pytest.fixture
def locked_dir() -> Iterator[Path]:
    """A folder in /tmp that another user can reach (pytest's own tmp folders are private)."""
    folder = Path(tempfile.mkdtemp(prefix="podium-ro-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for path in [folder, *folder.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        shutil.rmtree(folder)


def as_someone_else() -> list[str]:
    """Run without root's power over file permissions when the tests run as root.

    The process keeps its user (so it can still read a virtual environment in a private folder, as
    CI's is) but loses every capability, CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH among them, so
    the kernel checks the history's permission bits as it would for anyone else.
    """
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    assert setpriv is not None, "running as root needs setpriv to drop root's capabilities"
    return [setpriv, "--bounding-set=-all", "--inh-caps=-all"]


def recorded_history(deck: Presentation, folder: Path) -> None:
    learner = Learner.open(folder / "history.db", deck.deck, FakeClock(START))
    answer_some(learner, QuizRun(deck.banks[0], "Basics", 0.7, seed=700), 6).finished()
    learner.close()


def test_stats_and_export_read_a_history_in_a_read_only_folder(deck: Presentation, locked_dir: Path) -> None:
    recorded_history(deck, locked_dir)
    (locked_dir / "history.db").chmod(0o444)
    locked_dir.chmod(0o555)
    user = as_someone_else()
    stats = podium("stats", str(EVERY_TYPE), "--json", "--data-dir", str(locked_dir), user=user)
    assert stats.returncode == 0, stats.stderr
    basics = json.loads(stats.stdout)["sections"][0]
    assert basics["attempts"] == 1 and basics["best"] == pytest.approx(4 / 6, abs=1e-6)
    export = podium("history", "export", "--format", "csv", "--data-dir", str(locked_dir), user=user)
    assert export.returncode == 0, export.stderr
    assert len(export.stdout.strip().splitlines()) == 7
    # Nothing was written there, and a quiz still says plainly why history is off.
    assert sorted(path.name for path in locked_dir.iterdir()) == ["history.db"]
    learner_says = podium("review", str(EVERY_TYPE), "--data-dir", str(locked_dir), user=user)
    assert "read-only" in learner_says.stderr and "Traceback" not in learner_says.stderr


def test_a_history_file_nobody_may_read_is_reported_as_such(deck: Presentation, locked_dir: Path) -> None:
    recorded_history(deck, locked_dir)
    (locked_dir / "history.db").chmod(0o000)
    result = podium("stats", str(EVERY_TYPE), "--data-dir", str(locked_dir), user=as_someone_else())
    assert result.returncode == 2
    assert f"the file {locked_dir / 'history.db'} cannot be read (permission denied)" in result.stderr
    assert "read-only" not in result.stderr


def test_permissions_as_history_open_sees_them(db: Path, monkeypatch) -> None:
    History.open(db, FakeClock(START))[0].close()
    real_access = os.access
    denied = {"read": os.R_OK | os.W_OK, "write": os.W_OK}
    for what, bits in denied.items():
        monkeypatch.setattr("tui.domain.history.os.access",
                            lambda path, mode, bits=bits: False if Path(path) == db and mode & bits
                            else real_access(path, mode))
        with pytest.raises(HistoryUnavailable) as caught:
            History.open(db, FakeClock(START))
        if what == "read":
            assert "cannot be read (permission denied)" in str(caught.value)
            assert not isinstance(caught.value, HistoryReadOnly)
        else:
            assert isinstance(caught.value, HistoryReadOnly) and "is read-only" in str(caught.value)
            history, _ = History.open(db, FakeClock(START), read_only=True)
            assert history.answers() == []
            history.close()
