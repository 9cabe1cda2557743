"""The history store: answers survive a restart, quizzes resume, files that go wrong do not stop the app."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import platformdirs
import pytest

from tests.support.answers import right, wrong
from tests.support.clock import FakeClock
from tui.domain.datadir import data_dir, history_path
from tui.domain.history import (
    MIGRATIONS,
    SCHEMA_VERSION,
    AnswerRecord,
    History,
    HistoryReadOnly,
    HistoryUnavailable,
    HistoryWriteFailed,
    decode_response,
    encode_response,
    resume_run,
)
from tui.domain.identity import bank_hashes, deck_key, question_hash
from tui.domain.loader import Presentation, load_presentation
from tui.domain.quizrun import AnsweredQuestion, QuizRun
from tui.domain.scoring import Grade

REPO = Path(__file__).resolve().parent.parent
EVERY_TYPE = Path(__file__).parent / "fixtures" / "every-type"
START = datetime(2026, 11, 29, 10, 15, tzinfo=UTC)


@pytest.fixture(scope="module")
def deck() -> Presentation:
    return load_presentation(EVERY_TYPE)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "history.db"


def take(history: History, clock: FakeClock, run: QuizRun, attempt: int, count: int) -> None:
    """Answer `count` questions: right, wrong, skipped, right with a hint, then right again."""
    for _ in range(count):
        question = run.current.question
        kind = run.index % 4
        response = None if kind == 2 else wrong(question) if kind == 1 else right(question)
        clock.tick(7)
        answered = run.answer(response, hint_used=kind == 3)
        history.record_answer(attempt, answered, seconds=7.0 + run.index)


def start(history: History, deck: Presentation, run: QuizRun, section: int = 0) -> int:
    return history.start_attempt(deck_key(deck.deck), deck.deck.title, section, run.section, run.seed, run.asked)


# -- identities --------------------------------------------------------------------------------


def test_deck_key_ignores_where_the_deck_lives(deck: Presentation, tmp_path: Path) -> None:
    copy = shutil.copytree(EVERY_TYPE, tmp_path / "elsewhere" / "deck")
    assert deck_key(load_presentation(copy).deck) == deck_key(deck.deck)
    retitled = deck.deck._replace(info=deck.deck.info._replace(title="Another title"))
    assert deck_key(retitled) != deck_key(deck.deck)
    assert len(deck_key(deck.deck)) == 16


def test_question_hash_follows_content_not_wording_around_it(deck: Presentation) -> None:
    question = deck.banks[0].questions[0]
    digest = question_hash(question)
    assert len(digest) == 16 and int(digest, 16) >= 0
    assert question_hash(replace(question, explanation="Reworded.", hint="Other hint", line=99)) == digest
    assert question_hash(replace(question, prompt=question.prompt + "?")) != digest
    assert question_hash(replace(question, points=2.0)) != digest
    assert question_hash(replace(question, choices=question.choices[:-1] + ("new",))) != digest


@pytest.mark.parametrize(("kind", "response", "text"), [
    ("single", "100 °C", '"100 °C"'),
    ("short", "Earth", '"Earth"'),
    ("numeric", "3", '"3"'),
    ("true_false", False, "false"),
    ("multiple", frozenset({"Venus", "Mercury"}), '["Mercury", "Venus"]'),
    ("order", ("Venus", "Earth", "Mercury"), '["Venus", "Earth", "Mercury"]'),
    ("multiple", None, "null"),
])
def test_responses_round_trip_through_json(kind: str, response, text: str) -> None:
    assert encode_response(response) == text
    decoded = decode_response(kind, text)
    assert decoded == response and type(decoded) is type(response)


# -- data directory ----------------------------------------------------------------------------


def test_data_dir_precedence(tmp_path: Path) -> None:
    env = {"PODIUM_DATA_DIR": str(tmp_path / "from-env")}
    assert data_dir(tmp_path / "flag", env) == tmp_path / "flag"
    assert data_dir(str(tmp_path / "flag"), env) == tmp_path / "flag"
    assert data_dir(None, env) == tmp_path / "from-env"
    assert data_dir(None, {}) == platformdirs.user_data_path("podium", appauthor=False)
    assert data_dir("", {"PODIUM_DATA_DIR": ""}) == platformdirs.user_data_path("podium", appauthor=False)
    assert history_path(tmp_path) == tmp_path / "history.db"


# -- writing and reading back ------------------------------------------------------------------


def test_answers_survive_a_restart(deck: Presentation, db_path: Path, clock: FakeClock) -> None:
    history, notice = History.open(db_path, clock)
    assert notice is None and db_path.is_file()
    run = QuizRun(deck.banks[0], "Basics", 0.7, seed=7)
    attempt = start(history, deck, run)
    take(history, clock, run, attempt, 6)
    clock.tick(1)
    history.finish_attempt(attempt)
    history.close()

    history, notice = History.open(db_path, clock)  # a new process, as far as the file knows
    assert notice is None
    records = history.answers(deck_key(deck.deck))
    assert [r.question_id for r in records] == [a.question.id for a in run.answers]
    assert [r.verdict for r in records] == [a.grade.verdict for a in run.answers]
    assert [r.points for r in records] == [a.grade.points for a in run.answers]
    assert [r.response for r in records] == [encode_response(a.response) for a in run.answers]
    assert [r.hint_used for r in records] == [False, False, False, True, False, False]
    assert [r.seconds for r in records] == [8.0, 9.0, 10.0, 11.0, 12.0, 13.0]
    first = records[0]
    assert first == AnswerRecord(
        deck_key=deck_key(deck.deck), deck_title="Every question type", section=0, section_title="Basics",
        attempt_id=attempt, question_id=run.answers[0].question.id,
        question_hash=question_hash(run.answers[0].question), response=first.response, points=1.0,
        possible=1.0, verdict="right", hint_used=False, seconds=8.0,
        answered_at="2026-11-29T10:15:07.000000+00:00")
    assert history.answers("another deck") == []
    assert len(history.answers()) == 6

    [record] = history.attempts(deck_key(deck.deck))
    result = run.result()
    assert (record.id, record.section, record.seed) == (attempt, 0, 7)
    assert record.points == result.points and record.total == result.possible == record.possible
    assert record.started_at == "2026-11-29T10:15:00.000000+00:00"
    assert record.finished_at == "2026-11-29T10:15:43.000000+00:00" == record.when
    assert (record.answered, record.question_count) == (6, 6)
    assert history.open_attempt(deck_key(deck.deck), 0) is None  # finished: nothing to resume
    history.close()


def test_history_uses_wal_and_the_current_schema(db_path: Path, clock: FakeClock) -> None:
    history, _ = History.open(db_path, clock)
    other = sqlite3.connect(db_path)
    assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert other.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4
    tables = {row[0] for row in other.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"attempts", "answers", "cards"} <= tables
    other.close()
    history.close()


def test_an_answer_to_an_unknown_attempt_is_refused(deck: Presentation, db_path: Path, clock: FakeClock) -> None:
    history, _ = History.open(db_path, clock)
    run = QuizRun(deck.banks[0], "Basics", 0.7, seed=7)
    with pytest.raises(ValueError, match="no attempt 42"):
        history.record_answer(42, run.answer("x"), 1.0)
    assert history.answers() == []
    history.close()


# -- resuming ----------------------------------------------------------------------------------


def test_a_quiz_left_half_way_resumes_where_it_stopped(deck: Presentation, db_path: Path, clock: FakeClock) -> None:
    bank = deck.banks[0]
    history, _ = History.open(db_path, clock)
    run = QuizRun(bank, "Basics", 0.7, seed=7)
    attempt = start(history, deck, run)
    take(history, clock, run, attempt, 4)  # right, wrong, skipped, right with a hint... then the terminal closes
    history.close()

    history, _ = History.open(db_path, clock)
    key = deck_key(deck.deck)
    left = history.open_attempt(key, 0, bank_hashes(bank))
    assert left is not None
    assert (left.attempt_id, left.seed, left.section_title) == (attempt, 7, "Basics")
    assert [q.question_id for q in left.asked] == [a.question.id for a in run.asked]
    assert [q.choices for q in left.asked] == [a.choices for a in run.asked]
    assert [a.response for a in left.answers] == [a.response for a in run.answers]
    assert [type(a.response) for a in left.answers] == [type(a.response) for a in run.answers]
    assert [a.hint_used for a in left.answers] == [False, False, False, True]
    assert history.open_attempt(key, 1) is None  # another section has nothing open

    resumed = resume_run(left, bank, "Basics", 0.7)
    assert resumed is not None
    assert resumed.index == run.index == 4 and not resumed.finished
    assert resumed.asked == run.asked
    assert resumed.answers == run.answers  # same responses, same grades (the hint penalty too)
    assert resumed.answers[3].grade.points == 0.5
    assert resumed.current == run.current

    # Going on records into the same attempt; once finished it is no longer offered.
    take(history, clock, resumed, left.attempt_id, 2)
    history.finish_attempt(left.attempt_id)
    assert history.open_attempt(key, 0) is None
    [record] = history.attempts(key)
    assert record.answered == 6 and record.points == resumed.result().points
    history.close()


def test_only_the_newest_open_attempt_is_offered(deck: Presentation, db_path: Path, clock: FakeClock) -> None:
    bank = deck.banks[0]
    key = deck_key(deck.deck)
    history, _ = History.open(db_path, clock)
    first = QuizRun(bank, "Basics", 0.7, seed=1)
    first_id = start(history, deck, first)
    take(history, clock, first, first_id, 2)
    clock.tick()
    second = QuizRun(bank, "Basics", 0.7, seed=2)
    second_id = start(history, deck, second)  # abandons the first
    assert history.open_attempt(key, 0) is None  # the new one has no answer yet
    take(history, clock, second, second_id, 1)
    assert history.open_attempt(key, 0).attempt_id == second_id
    history.abandon_attempt(second_id)  # the learner said no to resuming
    assert history.open_attempt(key, 0) is None
    # Both stay in the statistics: each has answers.
    assert [a.id for a in history.attempts(key)] == [first_id, second_id]
    assert [a.abandoned_at is not None for a in history.attempts(key)] == [True, True]
    history.close()


def test_an_edited_question_cannot_be_resumed_and_its_card_starts_over(
        deck: Presentation, db_path: Path, clock: FakeClock) -> None:
    bank = deck.banks[0]
    key = deck_key(deck.deck)
    history, _ = History.open(db_path, clock)
    run = QuizRun(bank, "Basics", 0.7, seed=7)
    attempt = start(history, deck, run)
    take(history, clock, run, attempt, 3)
    edited_id = run.asked[0].question.id
    before = history.card(key, 0, edited_id)
    assert before.reviews == 1 and before.question_hash == question_hash(run.asked[0].question)
    # A second pass over the same question makes the card two reviews old.
    clock.tick(3600)
    history.review(key, 0, edited_id, before.question_hash, "right", 3.0, clock())
    assert history.card(key, 0, edited_id).reviews == 2

    edited_questions = tuple(replace(q, prompt=q.prompt + " (revised)") if q.id == edited_id else q
                             for q in bank.questions)
    edited = replace(bank, questions=edited_questions)
    left = history.open_attempt(key, 0)
    assert left is not None and resume_run(left, edited, "Basics", 0.7) is None
    assert history.open_attempt(key, 0, bank_hashes(edited)) is None
    removed = replace(bank, questions=tuple(q for q in bank.questions if q.id != edited_id))
    assert resume_run(left, removed, "Basics", 0.7) is None
    assert resume_run(left, bank, "Basics", 0.7) is not None  # the unedited bank still resumes

    # Answering the edited question starts its card over, under the new hash.
    fresh = QuizRun(edited, "Basics", 0.7, seed=7)
    new_attempt = start(history, deck, fresh)
    clock.tick()
    history.record_answer(new_attempt, fresh.answer(right(fresh.current.question)), 3.0)
    after = history.card(key, 0, edited_id)
    assert after.reviews == 1
    assert after.question_hash == question_hash(fresh.asked[0].question) != before.question_hash
    history.close()


# -- two processes at once ---------------------------------------------------------------------

WRITER = """
import sys
from datetime import datetime, timezone
from pathlib import Path
from tui.domain.history import History
from tui.domain.quizbank import Question, QuizBank
from tui.domain.quizrun import AnsweredQuestion, QuizRun
from tui.domain.scoring import Grade

questions = tuple(Question(id=f"q{i}", type="true_false", prompt=f"Is {i} even?", truth=i % 2 == 0)
                  for i in range(200))
bank = QuizBank(questions, "shared.yaml", shuffle=False)
print("ready", flush=True)
sys.stdin.readline()  # both processes start writing together
history, _ = History.open(Path(sys.argv[1]), lambda: datetime.now(timezone.utc))
run = QuizRun(bank, "Shared", 0.7, 1)
attempt = history.start_attempt("shared-deck", "Shared deck", 0, "Shared", 1, run.asked)
while not run.finished:
    history.record_answer(attempt, run.answer(True), 3.0)
history.finish_attempt(attempt)
history.close()
"""


def test_two_processes_writing_at_once_lose_nothing(db_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(db_path)], cwd=REPO, env=env, text=True,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
               for _ in range(2)]
    for writer in writers:
        assert writer.stdout.readline().strip() == "ready"
    for writer in writers:
        writer.stdin.write("go\n")
        writer.stdin.flush()
    for writer in writers:
        _, errors = writer.communicate(timeout=60)
        assert writer.returncode == 0, errors

    history, _ = History.open(db_path, FakeClock(START))
    assert len(history.answers("shared-deck")) == 400
    attempts = history.attempts("shared-deck")
    assert len(attempts) == 2 and all(a.answered == 200 and a.finished_at for a in attempts)
    # Each card was reviewed once by each process: no read-modify-write was lost.
    cards = [history.card("shared-deck", 0, f"q{i}") for i in range(200)]
    assert all(card is not None and card.reviews == 2 for card in cards)
    history.close()


# -- files that go wrong -----------------------------------------------------------------------


def test_a_file_that_is_not_a_database_is_moved_aside(deck: Presentation, db_path: Path, clock: FakeClock) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_text("these are my notes, not a database\n" * 200)
    history, notice = History.open(db_path, clock)
    aside = db_path.with_name("history.db.corrupt-20261129T101500")
    assert notice is not None
    assert notice.startswith("history.db could not be read (")
    assert f"moved to {aside}; a new history was started" in notice
    assert aside.read_text().startswith("these are my notes")
    # The new history works.
    run = QuizRun(deck.banks[0], "Basics", 0.7, seed=7)
    take(history, clock, run, start(history, deck, run), 1)
    history.close()
    history, notice = History.open(db_path, clock)
    assert notice is None and len(history.answers()) == 1
    history.close()


def test_a_damaged_database_is_moved_aside(deck: Presentation, db_path: Path, clock: FakeClock) -> None:
    history, _ = History.open(db_path, clock)
    run = QuizRun(deck.banks[0], "Basics", 0.7, seed=7)
    take(history, clock, run, start(history, deck, run), 6)
    history.close()  # the last connection out folds the WAL back into the file
    data = bytearray(db_path.read_bytes())
    noise = random.Random(0)
    page = 4096
    for offset in range(page, len(data)):  # every page but the first (the header) is scrambled
        data[offset] = noise.randrange(256)
    db_path.write_bytes(bytes(data))
    original = bytes(data)

    history, notice = History.open(db_path, clock)
    aside = db_path.with_name("history.db.corrupt-20261129T101542")  # named by the clock, 6 answers later
    assert notice is not None and str(aside) in notice
    assert aside.read_bytes() == original
    assert history.answers() == []
    history.close()


def test_moving_aside_twice_in_one_second_keeps_both(db_path: Path, clock: FakeClock) -> None:
    db_path.parent.mkdir(parents=True)
    for text in ("first", "second"):
        db_path.write_text(text * 1000)
        history, notice = History.open(db_path, clock)
        history.close()
    assert db_path.with_name("history.db.corrupt-20261129T101500").read_text().startswith("first")
    second = db_path.with_name("history.db.corrupt-20261129T101500-2")
    assert second.read_text().startswith("second") and str(second) in notice


def test_a_version_1_history_migrates_and_keeps_its_rows(db_path: Path, clock: FakeClock) -> None:
    db_path.parent.mkdir(parents=True)
    old = sqlite3.connect(db_path)
    old.executescript(MIGRATIONS[0])
    old.execute("PRAGMA user_version = 1")
    old.execute("INSERT INTO attempts (deck_key, deck_title, section, section_title, seed, asked, "
                "question_count, total, started_at) VALUES ('d', 'Deck', 0, 'One', 5, '[]', 1, 1.0, "
                "'2026-01-01T00:00:00.000000+00:00')")
    old.execute("INSERT INTO answers (attempt_id, position, question_id, question_hash, response, points, "
                "possible, verdict, hint_used, seconds, answered_at) VALUES (1, 0, 'q', 'h', 'true', 1, 1, "
                "'right', 0, 2.5, '2026-01-01T00:00:05.000000+00:00')")
    old.commit()
    old.close()

    history, notice = History.open(db_path, clock)
    assert notice is None
    [record] = history.answers()
    assert (record.deck_key, record.question_id, record.response, record.seconds) == ("d", "q", "true", 2.5)
    assert history.due("d", clock()) == []  # the cards table exists now
    history.close()
    check = sqlite3.connect(db_path)
    assert check.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    check.close()


def test_a_history_from_a_newer_podium_is_left_alone(db_path: Path, clock: FakeClock) -> None:
    db_path.parent.mkdir(parents=True)
    newer = sqlite3.connect(db_path)
    newer.execute("CREATE TABLE future (x)")
    newer.execute("PRAGMA user_version = 7")
    newer.commit()
    newer.close()
    with pytest.raises(HistoryUnavailable, match="made by a newer podium") as caught:
        History.open(db_path, clock)
    assert str(db_path) in str(caught.value)
    assert db_path.is_file()  # not moved aside: it is fine, just not ours to read
    assert list(db_path.parent.glob("*.corrupt-*")) == []


def test_a_path_under_a_regular_file_turns_history_off(tmp_path: Path, clock: FakeClock) -> None:
    (tmp_path / "file").write_text("not a folder")
    target = tmp_path / "file" / "sub" / "history.db"
    with pytest.raises(HistoryUnavailable) as caught:
        History.open(target, clock)
    message = str(caught.value)
    assert message.startswith("history is off: cannot create the folder ")
    assert str(tmp_path / "file" / "sub") in message


def test_a_read_only_data_directory_turns_history_off(tmp_path: Path, clock: FakeClock) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            # Running as root: permissions do not stop root, so make the folder impossible instead.
            target, expected = tmp_path / "file" / "sub" / "history.db", "cannot create the folder"
            (tmp_path / "file").write_text("in the way")
        else:
            target, expected = folder / "history.db", f"the folder {folder} is read-only"
        with pytest.raises(HistoryUnavailable, match="history is off: ") as caught:
            History.open(target, clock)
        assert expected in str(caught.value)
        assert not target.exists()
    finally:
        folder.chmod(0o700)


def test_a_read_only_history_file_turns_history_off(db_path: Path, clock: FakeClock, monkeypatch) -> None:
    History.open(db_path, clock)[0].close()
    # Root may write any file, so the file's permission is answered by a stand-in for os.access.
    real_access = os.access
    monkeypatch.setattr("tui.domain.history.os.access",
                        lambda path, mode: False if Path(path) == db_path and mode & os.W_OK
                        else real_access(path, mode))
    with pytest.raises(HistoryReadOnly, match=f"history is off: the file {db_path} is read-only"):
        History.open(db_path, clock)


def test_a_full_disk_fails_the_write_and_the_app_keeps_going(deck: Presentation, db_path: Path,
                                                            clock: FakeClock) -> None:
    history, _ = History.open(db_path, clock)
    key = deck_key(deck.deck)
    run = QuizRun(deck.banks[0], "Basics", 0.7, seed=7)
    attempt = start(history, deck, run)
    take(history, clock, run, attempt, 1)
    card_before = history.card(key, 0, run.answers[0].question.id)
    # The real thing, not a mock: SQLite may not grow the file past its current size.
    pages = history._db.execute("PRAGMA page_count").fetchone()[0]
    history._db.execute(f"PRAGMA max_page_count = {pages}")
    # A response far bigger than the free space left in the file's pages.
    answered = AnsweredQuestion(run.current, "x" * 200_000, Grade(0.0, 1.0, "wrong"))
    with pytest.raises(HistoryWriteFailed, match="the disk is full") as caught:
        history.record_answer(attempt, answered, 5.0)
    assert str(caught.value).startswith("could not save to history (")
    # Nothing of the failed write was kept, and the history is still usable.
    assert len(history.answers()) == 1
    assert history.card(key, 0, run.answers[0].question.id) == card_before
    history._db.execute("PRAGMA max_page_count = 1073741823")
    history.record_answer(attempt, answered, 5.0)
    assert len(history.answers()) == 2
    history.close()
