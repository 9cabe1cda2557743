"""The learner's history in SQLite: every answer as it is given, quizzes to resume, review cards.

One file (history.db) that several podium processes may share at once: WAL journal, a 10 s busy
timeout, and every write in its own `BEGIN IMMEDIATE` transaction, so no answer is lost to a
race. The schema version lives in `PRAGMA user_version` and only migrates forward (MIGRATIONS).
A file SQLite cannot read is moved aside and a new history started, so a damaged file never
stops the app; a folder that cannot hold the file raises `HistoryUnavailable` (history is off);
a write that fails (a full disk) raises `HistoryWriteFailed` and the app carries on.

Attempts are keyed by `deck_key` and section index. A quiz left half way stays open (neither
finished nor abandoned) and `open_attempt` offers it to be resumed; starting a new attempt of
the same section abandons any older open one. An attempt holds one answer per question, which a
unique index enforces across processes: the second of two windows resuming one quiz is refused
(`AttemptTakenElsewhere`). An attempt whose answers could not all be saved is marked incomplete:
kept, but neither scored nor resumed.

A row that is valid SQLite but not valid history (a response that is not JSON, a date that is
not one, a number that is text...) is left out of every read and named once in `take_notices`.
A history this process may read but not write (a read-only file or folder) can be opened with
`read_only=True`, for statistics and the export.
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

from tui.domain.errors import (  # noqa: F401
    AttemptClosed,
    AttemptDamaged,
    AttemptTakenElsewhere,
    HistoryError,
    HistoryReadOnly,
    HistoryUnavailable,
    HistoryWriteFailed,
)
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
    # 2 -> 3: one answer per question of an attempt, whatever the number of podium processes
    # (two that resumed the same quiz both recorded it); the first answer given is kept. And
    # attempts whose answers could not all be saved, kept but never scored.
    """
    DELETE FROM answers WHERE id NOT IN (SELECT MIN(id) FROM answers GROUP BY attempt_id, question_id);
    DELETE FROM answers WHERE id NOT IN (SELECT MIN(id) FROM answers GROUP BY attempt_id, position);
    CREATE UNIQUE INDEX answers_one_per_question ON answers (attempt_id, question_id);
    CREATE UNIQUE INDEX answers_one_per_position ON answers (attempt_id, position);
    ALTER TABLE attempts ADD COLUMN incomplete_at TEXT;  -- set when some answers were never saved
    """,
    # 3 -> 4: answers the learner counted as right after they were marked wrong ("I was right").
    # Every answer recorded before was podium's own verdict: 0.
    """
    ALTER TABLE answers ADD COLUMN overridden INTEGER NOT NULL DEFAULT 0;
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
    """JSON back to the response type the domain grades for `question_type`.

    Raises ValueError when `text` is not JSON or not a response of that type.
    """
    if not isinstance(text, str):
        raise ValueError("the response is not JSON text")
    value = json.loads(text)
    if value is None:
        return None
    if question_type == "true_false":
        if not isinstance(value, bool):
            raise ValueError("a true/false response is not true or false")
        return value
    if question_type in ("multiple", "order", "cloze", "match"):
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ValueError("the response is not a list of choices" if question_type != "cloze"
                             else "the response is not a list of typed blanks")
        return frozenset(value) if question_type == "multiple" else tuple(value)
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError("the response is not text")
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
    overridden: bool = False
    """The learner counted it as right after it was marked wrong."""


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
    overridden: bool = False
    """The learner counted it as right after podium marked it wrong ("I was right")."""


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
    incomplete_at: str | None = None
    """Set when some of its answers could never be saved: kept, but not scored."""

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


def _is_read_only(error: sqlite3.Error) -> bool:
    return (getattr(error, "sqlite_errorname", "") or "").startswith("SQLITE_READONLY")


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
        if _is_read_only(error):
            raise HistoryReadOnly(f"history is off: the file {path} or its folder is read-only") from error
        raise _off(path, _plain_reason(error)) from error
    return db


def _read_only_copy(path: Path) -> sqlite3.Connection:
    """The history at `path` copied into memory without writing a byte there, at the schema of
    this podium: for statistics and the export when the file or its folder is read-only.

    `mode=ro` first; a WAL file in a folder SQLite cannot write its shared-memory file beside
    fails that, and `immutable=1` (no locks: nobody can be writing it there either) reads it.
    """
    target = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    last: sqlite3.Error | None = None
    for options in ("mode=ro", "immutable=1"):
        uri = f"{path.resolve().as_uri()}?{options}"
        try:
            source = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
        except sqlite3.Error as error:
            last = error
            continue
        try:
            rows = source.execute("PRAGMA quick_check").fetchall()
            if rows != [("ok",)]:
                raise _off(path, "the file is damaged or is not a podium history")
            source.backup(target)
            return target
        except sqlite3.Error as error:
            if _is_corrupt(error):
                target.close()
                raise _off(path, _plain_reason(error)) from error
            last = error
        finally:
            source.close()
    target.close()
    assert last is not None
    raise _off(path, _plain_reason(last)) from last

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


def _migrate(db: sqlite3.Connection, path: Path) -> int:
    """Bring the schema up to SCHEMA_VERSION, in one transaction; refuse a newer schema.

    Returns how many rows the migrations deleted (answers recorded twice).
    """

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
        removed = 0
        for step in range(version, SCHEMA_VERSION):
            for statement in _statements(MIGRATIONS[step]):
                cursor = db.execute(statement)
                if statement.lstrip().upper().startswith("DELETE"):
                    removed += max(0, cursor.rowcount)
            db.execute(f"PRAGMA user_version = {step + 1}")
        db.execute("COMMIT")
    except BaseException as error:
        _rollback(db)
        if isinstance(error, sqlite3.Error):
            if _is_read_only(error):
                raise HistoryReadOnly(f"history is off: the file {path} or its folder is read-only") from error
            raise _off(path, _plain_reason(error)) from error
        raise
    return removed


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

    def __init__(self, db: sqlite3.Connection, path: Path, clock: Callable[[], datetime],
                 read_only: bool = False) -> None:
        self._db = db
        self.path = path
        self._clock = clock
        self._lock = threading.RLock()
        self.read_only = read_only
        """A copy in memory of a history this process may not write (see `open`)."""
        self._bad_rows: set[tuple[str, object]] = set()
        self._notices: list[str] = []

    @classmethod
    def open(cls, path: Path, clock: Callable[[], datetime], *,
             read_only: bool = False) -> tuple[History, str | None]:
        """Open (or create) the history at `path`; return it and a notice for the user, or None.

        A file SQLite cannot read is moved aside and a new history started; the notice says
        where the old file went. Raises `HistoryUnavailable` when no history can be kept, and
        its subclass `HistoryReadOnly` when the file or its folder cannot be written.

        `read_only=True` reads the file as it is, creating, moving and migrating nothing on
        disk, and refuses every write: for statistics and the export of a read-only history.
        """
        path = Path(path)
        folder = path.parent
        if read_only:
            return cls._open_read_only(path, clock)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            reason = (error.strerror or str(error)).lower()
            raise HistoryUnavailable(f"history is off: cannot create the folder {folder} ({reason})") from error
        # SQLite's own errors here are vague ("unable to open database file"); say them plainly.
        if not os.access(folder, os.R_OK | os.X_OK):
            raise HistoryUnavailable(f"history is off: the folder {folder} cannot be read (permission denied)")
        if path.exists() and not os.access(path, os.R_OK):
            raise HistoryUnavailable(f"history is off: the file {path} cannot be read (permission denied)")
        if not os.access(folder, os.W_OK):
            raise HistoryReadOnly(f"history is off: the folder {folder} is read-only")
        if path.exists() and not os.access(path, os.W_OK):
            # SQLite would open it read-only without a word and fail at the first answer.
            raise HistoryReadOnly(f"history is off: the file {path} is read-only")
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
            removed = _migrate(db, path)
        except BaseException:
            db.close()
            raise
        if removed:
            twice = (f"{removed} answer{'s' if removed != 1 else ''} given twice to the same question of a quiz "
                     "(two podium windows on one quiz) removed; the first answer of each was kept")
            notice = f"{notice}; {twice}" if notice else twice
        return cls(db, path, clock), notice

    @classmethod
    def _open_read_only(cls, path: Path, clock: Callable[[], datetime]) -> tuple[History, str | None]:
        if not path.exists():
            raise HistoryUnavailable(f"no history yet at {path}")
        if not os.access(path, os.R_OK):
            raise HistoryUnavailable(f"history is off: the file {path} cannot be read (permission denied)")
        db = _read_only_copy(path)
        try:
            _migrate(db, path)  # the copy in memory, to this podium's schema
        except BaseException:
            db.close()
            raise
        return cls(db, path, clock, read_only=True), None

    # -- rows that are valid SQLite but not valid history --------------------------------------

    def _bad(self, table: str, row_id: object, why: str) -> None:
        """Note a row skipped as bad data; each row is named once, however often it is read."""
        if (table, row_id) in self._bad_rows:
            return
        self._bad_rows.add((table, row_id))
        self._notices.append(f"skipped a damaged row of the history ({self.path.name}, table {table}, "
                             f"row {row_id}): {why}")

    def take_notices(self) -> list[str]:
        """What the history has to tell since last asked (rows skipped as bad data), once each."""
        with self._lock:
            notices, self._notices = self._notices, []
            return notices

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
        if self.read_only:
            raise HistoryWriteFailed(f"could not save to history ({self.path}): it is open read-only")
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

    def record_answer(self, attempt_id: int, answered: AnsweredQuestion, seconds: float,
                      at: datetime | None = None) -> None:
        """Record one answer the moment it is given (or, retried, as given `at`), and reschedule
        its review card, together.

        Raises `AttemptTakenElsewhere` when another process finished the attempt or answered
        this question of it first: nothing is written then, so no answer counts twice; and
        `AttemptDamaged` when the attempt's row holds bad data (named in `take_notices`).
        """
        question = answered.question
        digest = question_hash(question)
        now = at if at is not None else self._clock()
        with self._writing() as db:
            cursor = db.execute("SELECT * FROM attempts WHERE id = ?", (attempt_id,))
            cursor.row_factory = sqlite3.Row
            row = cursor.fetchone()
            if row is None:
                raise ValueError(f"no attempt {attempt_id} in the history")
            try:
                _attempt_fields(row)
                ids = [stored.question_id for stored in _asked_of(row["asked"])]
                if question.id not in ids:
                    raise ValueError(f"its list of questions lacks the question {question.id!r}")
            except ValueError as error:
                self._bad("attempts", attempt_id, str(error))
                raise AttemptDamaged(f"this quiz's record in the history is damaged (table attempts, row "
                                     f"{attempt_id})") from None
            deck, section, finished_at = row["deck_key"], row["section"], row["finished_at"]
            if finished_at is not None:
                raise AttemptTakenElsewhere("this quiz was finished in another podium window")
            try:
                db.execute(
                    "INSERT INTO answers (attempt_id, position, question_id, question_hash, response, points, "
                    "possible, verdict, hint_used, seconds, answered_at, overridden) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (attempt_id, ids.index(question.id), question.id, digest, encode_response(answered.response),
                     answered.grade.points, answered.grade.possible, answered.grade.verdict,
                     int(answered.hint_used), float(seconds), _iso(now), int(answered.overridden)))
            except sqlite3.IntegrityError as error:
                if "UNIQUE" not in str(error).upper():
                    raise
                raise AttemptTakenElsewhere(
                    f"question {ids.index(question.id) + 1} of this quiz was already answered in another "
                    "podium window") from error
            self._reschedule(db, deck, section, question.id, digest, answered.grade.verdict, seconds, now)

    def override_answer(self, attempt_id: int, answered: AnsweredQuestion, at: datetime | None = None) -> None:
        """Record that the learner counted a saved answer as right ("I was right"): its points and
        verdict become those of `answered` (overridden), and its review card is rated again as
        right, now. Nothing changes when the answer is not in the history (or is already one
        the learner overrode)."""
        if not answered.overridden:
            raise ValueError("only an answer the learner counted as right is recorded as overridden")
        question = answered.question
        now = at if at is not None else self._clock()
        with self._writing() as db:
            cursor = db.execute(
                "UPDATE answers SET points = ?, verdict = ?, overridden = 1 WHERE attempt_id = ? "
                "AND question_id = ? AND overridden = 0",
                (answered.grade.points, answered.grade.verdict, attempt_id, question.id))
            if cursor.rowcount != 1:
                return
            row = db.execute("SELECT deck_key, section FROM attempts WHERE id = ?", (attempt_id,)).fetchone()
            if row is not None:
                self._reschedule(db, row[0], row[1], question.id, question_hash(question),
                                 answered.grade.verdict, 0.0, now)

    def finish_attempt(self, attempt_id: int) -> None:
        """Mark an attempt finished: it counts as done and is no longer offered to resume."""
        with self._writing() as db:
            db.execute("UPDATE attempts SET finished_at = ?, abandoned_at = NULL, incomplete_at = NULL "
                       "WHERE id = ?", (self._now(), attempt_id))

    def mark_incomplete(self, attempt_id: int) -> None:
        """Mark an attempt whose answers could not all be saved: its answers stay (and export),
        but it is neither scored in the statistics nor offered to resume."""
        with self._writing() as db:
            db.execute("UPDATE attempts SET incomplete_at = ? WHERE id = ? AND finished_at IS NULL",
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
        offered (the next `start_attempt` abandons it). Nor is one with a damaged row (named in
        `take_notices`): what it stored cannot be trusted to grade again.
        """
        rows = self._read(
            "SELECT a.id, a.section_title, a.seed, a.started_at, a.asked FROM attempts a "
            "WHERE a.deck_key = ? AND a.section = ? AND a.finished_at IS NULL AND a.abandoned_at IS NULL "
            "AND a.incomplete_at IS NULL AND EXISTS (SELECT 1 FROM answers n WHERE n.attempt_id = a.id) "
            "ORDER BY a.started_at DESC, a.id DESC LIMIT 1", (deck_key, section))
        if not rows:
            return None
        attempt = rows[0]
        try:
            asked = _asked_of(attempt["asked"])
            section_title, seed = _text(attempt["section_title"]), _integer(attempt["seed"])
            started_at = _when(attempt["started_at"])
        except ValueError as error:
            self._bad("attempts", attempt["id"], str(error))
            return None
        if asked_hashes is not None and {q.question_id: q.question_hash for q in asked} != dict(asked_hashes):
            return None
        recorded = self._read(
            "SELECT * FROM answers WHERE attempt_id = ? ORDER BY position, id", (attempt["id"],))
        answers: list[StoredAnswer] = []
        for row in recorded:
            try:
                _answer_fields(row)
                position = row["position"]
                if position >= len(asked) or asked[position].question_id != row["question_id"]:
                    raise ValueError("its question is not the one asked at its position")
                stored = asked[position]
                response = decode_response(stored.question_type, row["response"])
                _check_fits(stored, response)
            except ValueError as error:
                self._bad("answers", row["id"], str(error))
                return None
            # Answers run from position 0 without gaps; one answer per position (a unique index).
            if position != len(answers):
                continue
            answers.append(StoredAnswer(row["question_id"], response, bool(row["hint_used"]), float(row["seconds"]),
                                        bool(row["overridden"])))
        if not answers:
            return None
        return OpenAttempt(attempt["id"], deck_key, section, section_title, seed, started_at, asked, tuple(answers))

    # -- reading -----------------------------------------------------------------------------

    def _attempt_rows(self, deck_key: str | None, section: int | None = None) -> dict[int, sqlite3.Row]:
        """The attempts (of a deck, of a section) whose own fields are sound, by id."""
        where: list[str] = []
        parameters: list[str | int] = []
        if deck_key is not None:
            where.append("deck_key = ?")
            parameters.append(deck_key)
        if section is not None:
            where.append("section = ?")
            parameters.append(section)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        found: dict[int, sqlite3.Row] = {}
        for row in self._read(f"SELECT * FROM attempts {clause} ORDER BY started_at, id", parameters):
            try:
                _attempt_fields(row)
            except ValueError as error:
                self._bad("attempts", row["id"], str(error))
                continue
            found[row["id"]] = row
        return found

    def _answer_rows(self, attempts: Mapping[int, sqlite3.Row], deck_key: str | None) -> list[sqlite3.Row]:
        """The sound answers of `attempts`, oldest first; a damaged one is named and left out."""
        where = "WHERE a.deck_key = ?" if deck_key is not None else ""
        rows = self._read(
            f"SELECT n.* FROM answers n JOIN attempts a ON a.id = n.attempt_id {where} ORDER BY n.answered_at, n.id",
            (deck_key,) if deck_key is not None else ())
        found = []
        for row in rows:
            if row["attempt_id"] not in attempts:
                continue  # its attempt is damaged, and named already
            try:
                _answer_fields(row)
            except ValueError as error:
                self._bad("answers", row["id"], str(error))
                continue
            found.append(row)
        return found

    def answers(self, deck_key: str | None = None) -> list[AnswerRecord]:
        """Every recorded answer (of one deck, or of all), oldest first; damaged rows left out."""
        attempts = self._attempt_rows(deck_key)
        records = []
        for row in self._answer_rows(attempts, deck_key):
            attempt = attempts[row["attempt_id"]]
            records.append(AnswerRecord(
                attempt["deck_key"], attempt["deck_title"], attempt["section"], attempt["section_title"],
                row["attempt_id"], row["question_id"], row["question_hash"], row["response"],
                float(row["points"]), float(row["possible"]), row["verdict"], bool(row["hint_used"]),
                float(row["seconds"]), row["answered_at"], bool(row["overridden"])))
        return records

    def attempts(self, deck_key: str, section: int | None = None) -> list[AttemptRecord]:
        """A deck's attempts that have at least one answer (of one section, or all), oldest first.

        Damaged rows are left out; so is an attempt whose answers score more than its total.
        """
        attempts = self._attempt_rows(deck_key, section)
        summed: dict[int, list[Any]] = {}
        for row in self._answer_rows(attempts, deck_key):
            points, possible, answered, last = summed.get(row["attempt_id"], (0.0, 0.0, 0, ""))
            summed[row["attempt_id"]] = [points + float(row["points"]), possible + float(row["possible"]),
                                         answered + 1, max(last, row["answered_at"])]
        records = []
        for attempt_id, attempt in attempts.items():
            if attempt_id not in summed:
                continue
            points, possible, answered, last = summed[attempt_id]
            if points > float(attempt["total"]) + 1e-6 or answered > attempt["question_count"]:
                self._bad("attempts", attempt_id, "its answers score more than it asked")
                continue
            records.append(AttemptRecord(
                attempt_id, attempt["section"], attempt["section_title"], attempt["seed"], attempt["started_at"],
                attempt["finished_at"], round(points, 6), round(possible, 6), float(attempt["total"]), answered,
                attempt["question_count"], last, attempt["abandoned_at"], attempt["incomplete_at"]))
        return records

    # -- review ------------------------------------------------------------------------------

    def _cards(self, deck_key: str, question: tuple[int, str] | None = None) -> list[DueCard]:
        """A deck's sound cards (or one question's); a damaged one is named and left out."""
        sql = "SELECT rowid AS row_id, * FROM cards WHERE deck_key = ?"
        parameters: list[Any] = [deck_key]
        if question is not None:
            sql += " AND section = ? AND question_id = ?"
            parameters += list(question)
        cards = []
        for row in self._read(sql, parameters):
            try:
                cards.append(DueCard(_text(row["deck_key"]), _integer(row["section"]), _text(row["question_id"]),
                                     _text(row["question_hash"]), _moment(row["due"]), _integer(row["reviews"])))
            except ValueError as error:
                self._bad("cards", row["row_id"], str(error))
        return cards

    def due(self, deck_key: str, now: datetime, limit: int | None = None,
            known: Collection[tuple[int, str]] | None = None) -> list[DueCard]:
        """A deck's cards due at `now`, most overdue first.

        `known` ((section, question id) pairs of the deck as loaded) leaves out cards of
        questions that no longer exist; without it every card counts.
        """
        now = utc(now)
        cards = sorted((card for card in self._cards(deck_key) if card.due <= now
                        and (known is None or (card.section, card.question_id) in known)),
                       key=lambda card: (card.due, card.section, card.question_id))
        return cards if limit is None else cards[:max(0, limit)]

    def count_due(self, deck_key: str, now: datetime, known: Collection[tuple[int, str]] | None = None) -> int:
        """How many of a deck's cards are due at `now` (see `due`)."""
        return len(self.due(deck_key, now, known=known))

    def card(self, deck_key: str, section: int, question_id: str) -> DueCard | None:
        """One question's card, due or not; None before it is first answered (or when damaged)."""
        cards = self._cards(deck_key, (section, question_id))
        return cards[0] if cards else None

    def review(self, deck_key: str, section: int, question_id: str, question_hash: str,
               verdict: str, seconds: float, now: datetime) -> datetime:
        """Reschedule a question after a review-mode answer; return when it is due next."""
        with self._writing() as db:
            return self._reschedule(db, deck_key, section, question_id, question_hash, verdict, seconds, now)

    def _reschedule(self, db: sqlite3.Connection, deck_key: str, section: int, question_id: str,
                    digest: str, verdict: str, seconds: float, now: datetime) -> datetime:
        """Review a question's card inside the caller's transaction; a new hash starts it over,
        and so does a damaged card (named in `take_notices`)."""
        row = db.execute("SELECT rowid, question_hash, card, reviews FROM cards WHERE deck_key = ? AND section = ? "
                         "AND question_id = ?", (deck_key, section, question_id)).fetchone()
        same = row is not None and row[1] == digest
        rating = rating_for(verdict, seconds)
        reviews = row[3] if same and isinstance(row[3], int) and not isinstance(row[3], bool) else 0
        try:
            card_json, due = schedule(row[2] if same else None, rating, now, seconds)
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as error:
            self._bad("cards", row[0], f"its review card cannot be read ({type(error).__name__}); it starts over")
            card_json, due = schedule(None, rating, now, seconds)
            reviews = 0
        db.execute(
            "INSERT INTO cards (deck_key, section, question_id, question_hash, card, due, reviews, reviewed_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (deck_key, section, question_id) DO UPDATE SET "
            "question_hash = excluded.question_hash, card = excluded.card, due = excluded.due, "
            "reviews = excluded.reviews, reviewed_at = excluded.reviewed_at",
            (deck_key, section, question_id, digest, card_json, _iso(due), reviews + 1, _iso(now)))
        return due


# -- checking what a row holds -----------------------------------------------------------------

QUESTION_TYPES = frozenset({"single", "multiple", "true_false", "short", "numeric", "order", "cloze", "match"})
VERDICTS = frozenset({"right", "partial", "wrong", "skipped"})


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{_shown(value)} where text was expected")
    return value


def _integer(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{_shown(value)} where a whole number was expected")
    return value


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value \
            or value in (float("inf"), float("-inf")):
        raise ValueError(f"{_shown(value)} where a number was expected")
    return float(value)


def _moment(value: object) -> datetime:
    """An ISO 8601 time as UTC; a ValueError naming the value when it is not one."""
    try:
        return utc(datetime.fromisoformat(_text(value)))
    except ValueError:
        raise ValueError(f"{_shown(value)} where a date and time was expected") from None


def _when(value: object) -> str:
    _moment(value)
    return _text(value)


def _shown(value: object) -> str:
    if value is None:
        return "NULL"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _asked_of(text: object) -> tuple[StoredQuestion, ...]:
    """An attempt's asked questions from their JSON; a ValueError saying what is wrong."""
    try:
        items = json.loads(_text(text))
    except ValueError:
        raise ValueError("its list of questions is not JSON") from None
    if not isinstance(items, list) or not items:
        raise ValueError("its list of questions is not a list of questions")
    asked = []
    for item in items:
        if not isinstance(item, dict):
            raise ValueError("its list of questions holds something else")
        kind = item.get("type")
        choices = item.get("choices")
        if (not isinstance(item.get("id"), str) or not isinstance(item.get("hash"), str)
                or kind not in QUESTION_TYPES or not isinstance(choices, list)
                or not all(isinstance(choice, str) for choice in choices)):
            raise ValueError("a question of its list lacks its id, hash, type or choices")
        asked.append(StoredQuestion(item["id"], item["hash"], kind, tuple(choices)))
    if len({question.question_id for question in asked}) != len(asked):
        raise ValueError("its list of questions names a question twice")
    return tuple(asked)


def _attempt_fields(row: sqlite3.Row) -> None:
    """Check an attempts row's own fields; a ValueError saying what is wrong."""
    _text(row["deck_key"])
    _text(row["deck_title"])
    _text(row["section_title"])
    if _integer(row["section"]) < 0:
        raise ValueError("a negative section")
    _integer(row["seed"])
    if _integer(row["question_count"]) < 0 or _number(row["total"]) < 0:
        raise ValueError("a negative number of questions or points")
    _when(row["started_at"])
    for column in ("finished_at", "abandoned_at", "incomplete_at"):
        if row[column] is not None:
            _when(row[column])


def _answer_fields(row: sqlite3.Row) -> None:
    """Check an answers row's own fields; a ValueError saying what is wrong."""
    if _integer(row["position"]) < 0:
        raise ValueError("a negative position")
    _text(row["question_id"])
    _text(row["question_hash"])
    try:
        json.loads(_text(row["response"]))
    except ValueError:
        raise ValueError(f"the response {_shown(row['response'])} is not JSON") from None
    points, possible = _number(row["points"]), _number(row["possible"])
    if not 0 <= points <= possible + 1e-9:
        raise ValueError(f"{points:g} points out of {possible:g}")
    if row["verdict"] not in VERDICTS:
        raise ValueError(f"the verdict {_shown(row['verdict'])} is not one podium gives")
    for flag in ("hint_used", "overridden"):
        if row[flag] not in (0, 1) or isinstance(row[flag], float):
            raise ValueError(f"{_shown(row[flag])} where 0 or 1 was expected")
    if _number(row["seconds"]) < 0:
        raise ValueError("a negative time")
    _when(row["answered_at"])


def _check_fits(stored: StoredQuestion, response: Any) -> None:
    """A response that the question as asked could have been given; a ValueError when not."""
    if response is None or stored.question_type in ("short", "numeric", "true_false", "cloze"):
        return
    choices = set(stored.choices)
    if stored.question_type == "single" and response not in choices:
        raise ValueError("its response is not one of the question's choices")
    if stored.question_type == "multiple" and not set(response) <= choices:
        raise ValueError("its response is not among the question's choices")
    if stored.question_type == "order" and sorted(response) != sorted(stored.choices):
        raise ValueError("its response does not order the question's items")
    if stored.question_type == "match" and not set(response) <= choices | {""}:
        raise ValueError("its response picks what the question did not offer")


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
        answered = run.answer(answer.response, answer.hint_used)
        if answer.overridden and answered.can_override:
            run.override()
    return run

