"""The learner's history in SQLite: every answer as it is given, quizzes to resume, review cards.

One file (history.db) that several podium processes may share at once: WAL journal, a 10 s busy
timeout, and every write in its own `BEGIN IMMEDIATE` transaction, so no answer is lost to a
race. The schema version lives in `PRAGMA user_version` and only migrates forward (MIGRATIONS).
A file SQLite cannot read is moved aside and a new history started, so a damaged file never
stops the app; a folder that cannot hold the file raises `HistoryUnavailable` (history is off);
a write that fails (a full disk) raises `HistoryWriteFailed` and the app carries on.

Attempts are keyed by `deck_key` and section index. A quiz left half way stays open (neither
finished nor abandoned) and `open_attempt` offers it to be resumed; starting a new attempt of
the same section abandons any older open one.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from tui.domain.errors import HistoryError, HistoryUnavailable, HistoryWriteFailed  # noqa: F401
from tui.domain.identity import present_questions, question_hash  # noqa: F401
from tui.domain.quizbank import QuizBank
from tui.domain.quizrun import (
    TRUE_FALSE_CHOICES,
    AnsweredQuestion,
    AskedQuestion,
    QuizRun,
)
from tui.domain.review import rating_for, schedule, utc

BUSY_TIMEOUT_SECONDS = 10.0
"""How long a write waits for another podium process to finish its own before giving up."""

MIGRATIONS: list[str] = [
    # 0 -> 1: attempts and the answers given in them.
    """
    CREATE TABLE attempts (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        deck_key       TEXT    NOT NULL,
        deck_title     TEXT    NOT NULL,
        section        INTEGER NOT NULL,
        section_title  TEXT    NOT NULL,
        seed           INTEGER NOT NULL,
        asked          TEXT    NOT NULL,  -- JSON: [{id, hash, type, choices}] in asked order
        question_count INTEGER NOT NULL,
        total          REAL    NOT NULL,  -- the points possible over every asked question
        started_at     TEXT    NOT NULL,  -- ISO 8601, UTC
        finished_at    TEXT,
        abandoned_at   TEXT
    );
    CREATE INDEX attempts_by_section ON attempts (deck_key, section, started_at);
    CREATE TABLE answers (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        attempt_id    INTEGER NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
        position      INTEGER NOT NULL,  -- index in the attempt's asked order
        question_id   TEXT    NOT NULL,
        question_hash TEXT    NOT NULL,
        response      TEXT    NOT NULL,  -- JSON; null when skipped
        points        REAL    NOT NULL,
        possible      REAL    NOT NULL,
        verdict       TEXT    NOT NULL CHECK (verdict IN ('right', 'partial', 'wrong', 'skipped')),
        hint_used     INTEGER NOT NULL,
        seconds       REAL    NOT NULL,
        answered_at   TEXT    NOT NULL
    );
    CREATE INDEX answers_by_attempt ON answers (attempt_id, position);
    """,
    # 1 -> 2: one FSRS card per question, for spaced review.
    """
    CREATE TABLE cards (
        deck_key      TEXT    NOT NULL,
        section       INTEGER NOT NULL,
        question_id   TEXT    NOT NULL,
        question_hash TEXT    NOT NULL,  -- the card starts over when the question is edited
        card          TEXT    NOT NULL,  -- fsrs.Card.to_json()
        due           TEXT    NOT NULL,  -- ISO 8601 UTC with microseconds, so text order is time order
        reviews       INTEGER NOT NULL,  -- reviews since the card (re)started
        reviewed_at   TEXT    NOT NULL,
        PRIMARY KEY (deck_key, section, question_id)
    );
    CREATE INDEX cards_by_due ON cards (deck_key, due);
    """,
]
"""SQL scripts; MIGRATIONS[i] upgrades a history from schema version i to i + 1."""

SCHEMA_VERSION = len(MIGRATIONS)


# -- responses as JSON -----------------------------------------------------------------------


def encode_response(response: Any) -> str:
    """A domain response as JSON: a set becomes a sorted list, a tuple a list; None is a skip."""
    if isinstance(response, (set, frozenset)):
        response = sorted(response)
    elif isinstance(response, tuple):
        response = list(response)
    return json.dumps(response, ensure_ascii=False)


def decode_response(question_type: str, text: str) -> Any:
    """JSON back to the response type the domain grades for `question_type`."""
    value = json.loads(text)
    if value is None:
        return None
    if question_type == "true_false":
        return bool(value)
    if question_type == "multiple":
        return frozenset(str(item) for item in value)
    if question_type == "order":
        return tuple(str(item) for item in value)
    return str(value)


# -- records ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoredQuestion:
    """One question of an attempt as it was asked."""

    question_id: str
    question_hash: str
    question_type: str
    choices: tuple[str, ...]


@dataclass(frozen=True)
class StoredAnswer:
    """One answer of an open attempt, its response decoded back into the domain's types."""

    question_id: str
    response: Any
    hint_used: bool
    seconds: float


@dataclass(frozen=True)
class OpenAttempt:
    """A quiz left half way, as far as it went."""

    attempt_id: int
    deck_key: str
    section: int
    section_title: str
    seed: int
    started_at: str
    asked: tuple[StoredQuestion, ...]
    answers: tuple[StoredAnswer, ...]


@dataclass(frozen=True)
class AnswerRecord:
    """One recorded answer, flat, as exported. `response` is JSON text; times are ISO 8601 UTC."""

    deck_key: str
    deck_title: str
    section: int
    section_title: str
    attempt_id: int
    question_id: str
    question_hash: str
    response: str
    points: float
    possible: float
    verdict: str
    hint_used: bool
    seconds: float
    answered_at: str


@dataclass(frozen=True)
class AttemptRecord:
    """One attempt with at least one answer. `points`/`possible` are summed over its answers;
    `total` is the points possible over every question asked, answered or not."""

    id: int
    section: int
    section_title: str
    seed: int
    started_at: str
    finished_at: str | None
    points: float
    possible: float
    total: float = 0.0
    answered: int = 0
    question_count: int = 0
    last_answer_at: str = ""
    abandoned_at: str | None = None

    @property
    def when(self) -> str:
        """When the attempt ended: finished, else its last answer."""
        return self.finished_at or self.last_answer_at

    @property
    def fraction(self) -> float:
        """The score as the app gives it: questions never reached count as skipped (zero)."""
        return self.points / self.total if self.total else 0.0


@dataclass(frozen=True)
class DueCard:
    """A question's review card. `due` is timezone-aware UTC."""

    deck_key: str
    section: int
    question_id: str
    question_hash: str
    due: datetime
    reviews: int = 0


# -- opening ---------------------------------------------------------------------------------


class _Corrupt(Exception):
    """The file is there but SQLite cannot read it as a database."""


def _plain_reason(error: sqlite3.Error) -> str:
    """An SQLite error as a learner can read it."""
    name = getattr(error, "sqlite_errorname", "") or ""
    if name.startswith("SQLITE_FULL"):
        return "the disk is full"
    if name.startswith("SQLITE_READONLY"):
        return "the file or its folder is read-only"
    if name.startswith("SQLITE_CANTOPEN"):
        return "the file cannot be opened or created there (is the folder read-only?)"
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return f"another program kept it locked for more than {BUSY_TIMEOUT_SECONDS:g} seconds"
    if name.startswith(("SQLITE_PERM", "SQLITE_AUTH")):
        return "permission denied"
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return "the file is damaged or is not a podium history"
    if name.startswith("SQLITE_IOERR"):
        return f"the disk reported an error ({error})"
    return str(error)


def _is_corrupt(error: sqlite3.Error) -> bool:
    name = getattr(error, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))


def _off(path: Path, reason: str) -> HistoryUnavailable:
    return HistoryUnavailable(f"history is off: cannot keep it in {path}: {reason}")


def _statements(script: str) -> Iterator[str]:
    """The statements of an SQL script, split where SQLite itself says one is complete.

    `executescript` would commit first, and migrations must run inside our own transaction.
    """
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer.strip()
            buffer = ""
    if buffer.strip():
        yield buffer.strip()


def _connect(path: Path) -> sqlite3.Connection:
    """A connection with podium's settings, or `_Corrupt` / `HistoryUnavailable`."""
    try:
        # isolation_level=None: no implicit transactions; every write says BEGIN IMMEDIATE itself.
        # check_same_thread=False: the UI may write from a worker thread; History holds a lock.
        db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as error:
        raise _off(path, _plain_reason(error)) from error
    try:
        db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        # The first read: a file that is not a database fails here, a damaged one fails the check.
        rows = db.execute("PRAGMA quick_check").fetchall()
        if rows != [("ok",)]:
            raise _Corrupt("; ".join(str(row[0]) for row in rows[:3]))
        _use_wal(db)
        db.execute("PRAGMA foreign_keys = ON")
    except _Corrupt:
        db.close()
        raise
    except sqlite3.Error as error:
        db.close()
        if _is_corrupt(error):
            raise _Corrupt(str(error)) from error
        raise _off(path, _plain_reason(error)) from error
    return db


def _use_wal(db: sqlite3.Connection) -> None:
    """Put the file in WAL mode, which lets readers and one writer work at once across processes.

    A file system that cannot do WAL keeps the old journal: slower, just as safe.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    while True:
        try:
            # WAL is remembered in the file, so usually there is nothing to change.
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.execute("PRAGMA journal_mode = WAL").fetchone()
            return
        except sqlite3.OperationalError as error:
            # Switching needs the file to itself, and SQLite answers "busy" at once rather than
            # wait when another process has just opened the new file: retry until the timeout.
            busy = (getattr(error, "sqlite_errorname", "") or "").startswith(("SQLITE_BUSY", "SQLITE_LOCKED"))
            if not busy or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _move_aside(path: Path, stamp: str) -> Path:
    """Rename a damaged history (and its -wal/-shm files) out of the way; return the new name."""
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    number = 1
    while aside.exists():
        number += 1
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{number}")
    path.rename(aside)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            # Same pairing SQLite uses, so the set can still be opened together for rescue.
            side.rename(aside.with_name(aside.name + suffix))
    return aside


def _migrate(db: sqlite3.Connection, path: Path) -> None:
    """Bring the schema up to SCHEMA_VERSION, in one transaction; refuse a newer schema."""

    def newer(version: int) -> HistoryUnavailable:
        return HistoryUnavailable(
            f"history is off: {path} was made by a newer podium (schema version {version}; "
            f"this podium knows up to {SCHEMA_VERSION}); upgrade podium to use it")

    try:
        # Under the write lock even with nothing to migrate: another process may be migrating
        # right now, and this waits for it rather than reading a half-made schema.
        db.execute("BEGIN IMMEDIATE")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise newer(version)
        for step in range(version, SCHEMA_VERSION):
            for statement in _statements(MIGRATIONS[step]):
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {step + 1}")
        db.execute("COMMIT")
    except BaseException as error:
        _rollback(db)
        if isinstance(error, sqlite3.Error):
            raise _off(path, _plain_reason(error)) from error
        raise


def _rollback(db: sqlite3.Connection) -> None:
    """Roll back whatever is open; SQLite may already have done so itself (after SQLITE_FULL)."""
    if db.in_transaction:
        try:
            db.execute("ROLLBACK")
        except sqlite3.Error:
            pass


# -- the store -------------------------------------------------------------------------------


class History:
    """An open history file. Make one with `History.open`; close it when done."""

    def __init__(self, db: sqlite3.Connection, path: Path, clock: Callable[[], datetime]) -> None:
        self._db = db
        self.path = path
        self._clock = clock
        self._lock = threading.RLock()

    @classmethod
    def open(cls, path: Path, clock: Callable[[], datetime]) -> tuple[History, str | None]:
        """Open (or create) the history at `path`; return it and a notice for the user, or None.

        A file SQLite cannot read is moved aside and a new history started; the notice says
        where the old file went. Raises `HistoryUnavailable` when no history can be kept.
        """
        path = Path(path)
        folder = path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            reason = (error.strerror or str(error)).lower()
            raise HistoryUnavailable(f"history is off: cannot create the folder {folder} ({reason})") from error
        if not os.access(folder, os.W_OK | os.X_OK):
            # SQLite's own error here is vague ("unable to open database file"); say it plainly.
            raise HistoryUnavailable(f"history is off: the folder {folder} is read-only")
        if path.exists() and not os.access(path, os.R_OK | os.W_OK):
            # SQLite would open it read-only without a word and fail at the first answer.
            raise HistoryUnavailable(f"history is off: the file {path} is read-only")
        notice = None
        try:
            db = _connect(path)
        except _Corrupt as damage:
            stamp = utc(clock()).strftime("%Y%m%dT%H%M%S")
            try:
                aside = _move_aside(path, stamp)
            except OSError as error:
                raise HistoryUnavailable(
                    f"history is off: {path} could not be read ({damage}) and could not be moved "
                    f"aside ({(error.strerror or str(error)).lower()})") from error
            notice = f"{path.name} could not be read ({damage}); moved to {aside}; a new history was started"
            try:
                db = _connect(path)
            except _Corrupt as again:
                raise _off(path, f"a new history file could not be read ({again})") from again
        try:
            _migrate(db, path)
        except BaseException:
            db.close()
            raise
        return cls(db, path, clock), notice

    def close(self) -> None:
        """Close the file; the History cannot be used afterwards."""
        with self._lock:
            self._db.close()

    def __enter__(self) -> History:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- plumbing ----------------------------------------------------------------------------

    def _now(self) -> str:
        return _iso(self._clock())

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; any SQLite failure rolls it back and becomes HistoryWriteFailed."""
        with self._lock:
            try:
                # IMMEDIATE takes the write lock up front, so two processes queue (busy_timeout)
                # instead of failing half way with a lock upgrade conflict.
                self._db.execute("BEGIN IMMEDIATE")
                yield self._db
                self._db.execute("COMMIT")
            except BaseException as error:
                _rollback(self._db)
                if isinstance(error, sqlite3.Error):
                    raise HistoryWriteFailed(
                        f"could not save to history ({self.path}): {_plain_reason(error)}") from error
                raise

    def _read(self, sql: str, parameters: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            try:
                cursor = self._db.execute(sql, parameters)
                cursor.row_factory = sqlite3.Row
                return cursor.fetchall()
            except sqlite3.Error as error:
                raise HistoryUnavailable(
                    f"history could not be read ({self.path}): {_plain_reason(error)}") from error

    # -- writing -----------------------------------------------------------------------------

    def start_attempt(self, deck_key: str, deck_title: str, section: int, section_title: str,
                      seed: int, asked: Sequence[AskedQuestion]) -> int:
        """Record a quiz starting, with its asked order; return the attempt id.

        Any older attempt of this section still open is abandoned: only the newest is resumable.
        """
        order = [{"id": item.question.id, "hash": question_hash(item.question), "type": item.question.type,
                  "choices": list(item.choices)} for item in asked]
        total = sum(item.question.points for item in asked)
        now = self._now()
        with self._writing() as db:
            db.execute("UPDATE attempts SET abandoned_at = ? WHERE deck_key = ? AND section = ? "
                       "AND finished_at IS NULL AND abandoned_at IS NULL", (now, deck_key, section))
            cursor = db.execute(
                "INSERT INTO attempts (deck_key, deck_title, section, section_title, seed, asked, "
                "question_count, total, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (deck_key, deck_title, section, section_title, seed, json.dumps(order, ensure_ascii=False),
                 len(order), total, now))
            attempt_id = cursor.lastrowid
        assert attempt_id is not None
        return attempt_id

    def record_answer(self, attempt_id: int, answered: AnsweredQuestion, seconds: float) -> None:
        """Record one answer the moment it is given, and reschedule its review card, together."""
        question = answered.question
        digest = question_hash(question)
        now = self._clock()
        with self._writing() as db:
            row = db.execute("SELECT deck_key, section, asked FROM attempts WHERE id = ?", (attempt_id,)).fetchone()
            if row is None:
                raise ValueError(f"no attempt {attempt_id} in the history")
            deck, section, asked = row
            ids = [item["id"] for item in json.loads(asked)]
            if question.id not in ids:
                raise ValueError(f"question {question.id!r} was not asked in attempt {attempt_id}")
            db.execute(
                "INSERT INTO answers (attempt_id, position, question_id, question_hash, response, points, "
                "possible, verdict, hint_used, seconds, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (attempt_id, ids.index(question.id), question.id, digest, encode_response(answered.response),
                 answered.grade.points, answered.grade.possible, answered.grade.verdict,
                 int(answered.hint_used), float(seconds), _iso(now)))
            self._reschedule(db, deck, section, question.id, digest, answered.grade.verdict, seconds, now)

    def finish_attempt(self, attempt_id: int) -> None:
        """Mark an attempt finished: it counts as done and is no longer offered to resume."""
        with self._writing() as db:
            db.execute("UPDATE attempts SET finished_at = ?, abandoned_at = NULL WHERE id = ?",
                       (self._now(), attempt_id))

    def abandon_attempt(self, attempt_id: int) -> None:
        """Mark an open attempt abandoned (the learner chose not to resume); its answers stay."""
        with self._writing() as db:
            db.execute("UPDATE attempts SET abandoned_at = ? WHERE id = ? AND finished_at IS NULL",
                       (self._now(), attempt_id))

    # -- resuming ----------------------------------------------------------------------------

    def open_attempt(self, deck_key: str, section: int,
                     asked_hashes: Mapping[str, str] | None = None) -> OpenAttempt | None:
        """The newest attempt of this section left half way (at least one answer), or None.

        `asked_hashes` (question id -> hash, see `bank_hashes`) is the section's bank as it is
        now; when given, an attempt whose questions were since edited, added or removed is not
        offered (the next `start_attempt` abandons it).
        """
        rows = self._read(
            "SELECT a.id, a.section_title, a.seed, a.started_at, a.asked FROM attempts a "
            "WHERE a.deck_key = ? AND a.section = ? AND a.finished_at IS NULL AND a.abandoned_at IS NULL "
            "AND EXISTS (SELECT 1 FROM answers n WHERE n.attempt_id = a.id) "
            "ORDER BY a.started_at DESC, a.id DESC LIMIT 1", (deck_key, section))
        if not rows:
            return None
        attempt = rows[0]
        asked = tuple(StoredQuestion(item["id"], item["hash"], item["type"], tuple(item["choices"]))
                      for item in json.loads(attempt["asked"]))
        if asked_hashes is not None and {q.question_id: q.question_hash for q in asked} != dict(asked_hashes):
            return None
        recorded = self._read(
            "SELECT position, question_id, response, hint_used, seconds FROM answers "
            "WHERE attempt_id = ? ORDER BY position, id", (attempt["id"],))
        answers: list[StoredAnswer] = []
        for row in recorded:
            # Answers run from position 0 without gaps; a second answer to one position (two
            # processes resuming the same quiz) keeps the first.
            if row["position"] != len(answers) or row["position"] >= len(asked):
                continue
            stored = asked[row["position"]]
            answers.append(StoredAnswer(row["question_id"], decode_response(stored.question_type, row["response"]),
                                        bool(row["hint_used"]), float(row["seconds"])))
        return OpenAttempt(attempt["id"], deck_key, section, attempt["section_title"], attempt["seed"],
                           attempt["started_at"], asked, tuple(answers))

    # -- reading -----------------------------------------------------------------------------

    def answers(self, deck_key: str | None = None) -> list[AnswerRecord]:
        """Every recorded answer (of one deck, or of all), oldest first."""
        where = "WHERE a.deck_key = ?" if deck_key is not None else ""
        rows = self._read(
            "SELECT a.deck_key, a.deck_title, a.section, a.section_title, n.attempt_id, n.question_id, "
            "n.question_hash, n.response, n.points, n.possible, n.verdict, n.hint_used, n.seconds, n.answered_at "
            f"FROM answers n JOIN attempts a ON a.id = n.attempt_id {where} ORDER BY n.answered_at, n.id",
            (deck_key,) if deck_key is not None else ())
        return [AnswerRecord(row["deck_key"], row["deck_title"], row["section"], row["section_title"],
                             row["attempt_id"], row["question_id"], row["question_hash"], row["response"],
                             row["points"], row["possible"], row["verdict"], bool(row["hint_used"]),
                             row["seconds"], row["answered_at"]) for row in rows]

    def attempts(self, deck_key: str, section: int | None = None) -> list[AttemptRecord]:
        """A deck's attempts that have at least one answer (of one section, or all), oldest first."""
        where, parameters = "a.deck_key = ?", [deck_key]
        if section is not None:
            where += " AND a.section = ?"
            parameters.append(section)
        rows = self._read(
            "SELECT a.id, a.section, a.section_title, a.seed, a.started_at, a.finished_at, a.abandoned_at, "
            "a.total, a.question_count, SUM(n.points) AS points, SUM(n.possible) AS possible, "
            "COUNT(n.id) AS answered, MAX(n.answered_at) AS last_answer_at "
            f"FROM attempts a JOIN answers n ON n.attempt_id = a.id WHERE {where} "
            "GROUP BY a.id ORDER BY a.started_at, a.id", parameters)
        return [AttemptRecord(row["id"], row["section"], row["section_title"], row["seed"], row["started_at"],
                              row["finished_at"], round(row["points"], 6), round(row["possible"], 6),
                              row["total"], row["answered"], row["question_count"], row["last_answer_at"],
                              row["abandoned_at"]) for row in rows]

    # -- review ------------------------------------------------------------------------------

    def due(self, deck_key: str, now: datetime, limit: int | None = None,
            known: Collection[tuple[int, str]] | None = None) -> list[DueCard]:
        """A deck's cards due at `now`, most overdue first.

        `known` ((section, question id) pairs of the deck as loaded) leaves out cards of
        questions that no longer exist; without it every card counts.
        """
        rows = self._read(
            "SELECT deck_key, section, question_id, question_hash, due, reviews FROM cards "
            "WHERE deck_key = ? AND due <= ? ORDER BY due, section, question_id", (deck_key, _iso(now)))
        cards = [DueCard(row["deck_key"], row["section"], row["question_id"], row["question_hash"],
                         datetime.fromisoformat(row["due"]), row["reviews"]) for row in rows
                 if known is None or (row["section"], row["question_id"]) in known]
        return cards if limit is None else cards[:max(0, limit)]

    def count_due(self, deck_key: str, now: datetime, known: Collection[tuple[int, str]] | None = None) -> int:
        """How many of a deck's cards are due at `now` (see `due`)."""
        return len(self.due(deck_key, now, known=known))

    def card(self, deck_key: str, section: int, question_id: str) -> DueCard | None:
        """One question's card, due or not; None before it is first answered."""
        rows = self._read(
            "SELECT deck_key, section, question_id, question_hash, due, reviews FROM cards "
            "WHERE deck_key = ? AND section = ? AND question_id = ?", (deck_key, section, question_id))
        if not rows:
            return None
        row = rows[0]
        return DueCard(row["deck_key"], row["section"], row["question_id"], row["question_hash"],
                       datetime.fromisoformat(row["due"]), row["reviews"])

    def review(self, deck_key: str, section: int, question_id: str, question_hash: str,
               verdict: str, seconds: float, now: datetime) -> datetime:
        """Reschedule a question after a review-mode answer; return when it is due next."""
        with self._writing() as db:
            return self._reschedule(db, deck_key, section, question_id, question_hash, verdict, seconds, now)

    def _reschedule(self, db: sqlite3.Connection, deck_key: str, section: int, question_id: str,
                    digest: str, verdict: str, seconds: float, now: datetime) -> datetime:
        """Review a question's card inside the caller's transaction; a new hash starts it over."""
        row = db.execute("SELECT question_hash, card, reviews FROM cards WHERE deck_key = ? AND section = ? "
                         "AND question_id = ?", (deck_key, section, question_id)).fetchone()
        same = row is not None and row[0] == digest
        card_json, due = schedule(row[1] if same else None, rating_for(verdict, seconds), now, seconds)
        db.execute(
            "INSERT INTO cards (deck_key, section, question_id, question_hash, card, due, reviews, reviewed_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (deck_key, section, question_id) DO UPDATE SET "
            "question_hash = excluded.question_hash, card = excluded.card, due = excluded.due, "
            "reviews = excluded.reviews, reviewed_at = excluded.reviewed_at",
            (deck_key, section, question_id, digest, card_json, _iso(due),
             (row[2] if same else 0) + 1, _iso(now)))
        return due


def _iso(moment: datetime) -> str:
    # One fixed shape (UTC, microseconds) so that comparing the text compares the times.
    return utc(moment).isoformat(timespec="microseconds")


# -- resuming a run --------------------------------------------------------------------------


def resume_run(open_attempt: OpenAttempt, bank: QuizBank, section_title: str, pass_mark: float) -> QuizRun | None:
    """The QuizRun of an open attempt, in its asked order, answered as far as it went.

    None when the bank changed since (a question edited, added or removed): the stored order
    and grades would no longer mean the same, so the quiz starts fresh instead.
    """
    by_id = {question.id: question for question in bank.questions}
    if set(by_id) != {stored.question_id for stored in open_attempt.asked}:
        return None
    asked: list[AskedQuestion] = []
    for stored in open_attempt.asked:
        question = by_id[stored.question_id]
        if question_hash(question) != stored.question_hash:
            return None
        expected = TRUE_FALSE_CHOICES if question.type == "true_false" else question.choices
        if sorted(stored.choices) != sorted(expected):
            return None
        asked.append(AskedQuestion(question, stored.choices))
    run = QuizRun(bank, section_title, pass_mark, open_attempt.seed, asked=tuple(asked))
    for answer in open_attempt.answers:
        if run.finished or run.current.question.id != answer.question_id:
            return None
        # Graded again rather than trusted from the file: the same question gives the same grade.
        run.answer(answer.response, answer.hint_used)
    return run

