"""A state machine over the history: podium windows that answer, are killed, resume the same quiz
from two processes at once, meet rows damaged by hand and a disk that fills up, and finish.

Whatever the order, one attempt holds one answer per question, every score is within 0-100 %,
a quiz taken to its results is never offered to resume, and nothing raises: every failure is a
message. PODIUM_FUZZ_EXAMPLES sets how many runs hypothesis tries (default 40).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from tests.support.answers import right, wrong
from tests.support.clock import FakeClock
from tests.support.history import FailingDb
from tui.domain.history import History
from tui.domain.learner import AttemptRecorder, Learner
from tui.domain.loader import load_presentation
from tui.domain.quizrun import QuizRun
from tui.domain.stats import export_answers

START = datetime(2026, 11, 29, 10, 15, tzinfo=UTC)

EVERY_TYPE = Path(__file__).parent / "fixtures" / "every-type"
DECK = load_presentation(EVERY_TYPE)
SECTIONS = sorted(DECK.banks)
EXAMPLES = int(os.environ.get("PODIUM_FUZZ_EXAMPLES", "40"))

DAMAGE = {
    # table: (column, bad value) pairs, each valid SQLite for that column
    "answers": [("response", "{not json"), ("points", "many"), ("points", 1e9), ("hint_used", "yes"),
                ("verdict", "brilliant"), ("answered_at", "yesterday"), ("seconds", -3), ("response", "[1, 2]")],
    "attempts": [("asked", "["), ("asked", '[{"id": null}]'), ("asked", "{}"), ("seed", "x"), ("total", 0.01),
                 ("started_at", "soon"), ("section_title", 7), ("finished_at", "not a date")],
    "cards": [("due", "next tuesday"), ("card", "[]"), ("card", '{"nope": null}'), ("reviews", "some"),
              ("section", "x")],
}


@dataclass
class Window:
    """One podium process: its own connection to the history, and the quiz it has on screen."""

    learner: Learner
    disk: FailingDb
    run: QuizRun | None = None
    recorder: AttemptRecorder | None = None
    section: int = 0


class HistoryMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="podium-machine-"))
        self.path = self.folder / "history.db"
        self.clock = FakeClock(START)
        self.windows: dict[int, Window] = {}
        self.completed: set[int] = set()
        """Attempts taken to their results by a window that still saved them: never resumable."""
        self.key = Learner(None, DECK.deck).key

    @initialize()
    def create(self) -> None:
        Learner.open(self.path, DECK.deck, self.clock).close()

    def teardown(self) -> None:
        for window in self.windows.values():
            window.learner.history.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # -- windows -----------------------------------------------------------------------------

    def window(self, number: int) -> Window:
        if number not in self.windows:
            learner = Learner.open(self.path, DECK.deck, self.clock)
            assert learner.history is not None, learner.notices
            disk = FailingDb(learner.history._db)
            learner.history._db = disk  # type: ignore[assignment]
            self.windows[number] = Window(learner, disk)
        return self.windows[number]

    @rule(number=st.integers(0, 1), section=st.sampled_from(SECTIONS), resume=st.booleans())
    def start(self, number: int, section: int, resume: bool) -> None:
        """Start a section's quiz as start_section_quiz does: resume it, or start over."""
        window = self.window(number)
        if window.run is not None and not window.run.finished:
            return  # this window is busy with a quiz
        learner, bank = window.learner, DECK.banks[section]
        left = learner.leftover(section, bank)
        if left is not None:
            assert left.attempt_id not in self.completed, "a quiz taken to its results is offered to resume"
            assert len(left.answers) <= len(left.asked)
        run = learner.resume(left, bank, "Quiz", 0.7) if left is not None and resume else None
        if run is not None and run.finished:
            assert isinstance(learner.finish(left) or "", str)  # straight to its results
            window.run = window.recorder = None
            return
        attempt_id = left.attempt_id if run is not None else None
        if left is not None and run is None:
            assert isinstance(learner.abandon(left) or "", str)
        run = run or QuizRun(bank, "Quiz", 0.7, seed=self.clock.now.microsecond + section)
        window.run, window.section = run, section
        window.recorder = learner.recorder(section, "Quiz", run, attempt_id)

    @precondition(lambda self: any(w.run is not None and not w.run.finished for w in self.windows.values()))
    @rule(number=st.integers(0, 1), how=st.sampled_from(["right", "wrong", "skip"]), hint=st.booleans())
    def answer(self, number: int, how: str, hint: bool) -> None:
        window = self.windows.get(number)
        if window is None or window.run is None or window.run.finished:
            return
        question = window.run.current.question
        response = None if how == "skip" else right(question) if how == "right" else wrong(question)
        self.clock.tick(3)
        message = window.recorder.answered(window.run.answer(response, hint), 3.0)
        assert message is None or isinstance(message, str)

    @precondition(lambda self: any(w.run is not None and w.run.finished for w in self.windows.values()))
    @rule(number=st.integers(0, 1))
    def finish(self, number: int) -> None:
        """Enter on "see your results"."""
        window = self.windows.get(number)
        if window is None or window.run is None or not window.run.finished:
            return
        recorder = window.recorder
        message = recorder.finished()
        assert message is None or isinstance(message, str)
        if recorder.attempt_id is not None and not recorder.elsewhere and not recorder.unsaved:
            self.completed.add(recorder.attempt_id)
        window.run = window.recorder = None

    @precondition(lambda self: bool(self.windows))
    @rule(number=st.integers(0, 1), gently=st.booleans())
    def kill(self, number: int, gently: bool) -> None:
        """The process ends: killed (its objects dropped, nothing finished), or quit (closed)."""
        window = self.windows.pop(number, None)
        if window is None:
            return
        if gently:
            window.learner.close()  # saves what it still can
        else:
            window.learner.history.close()

    @precondition(lambda self: bool(self.windows))
    @rule(number=st.integers(0, 1), full=st.booleans())
    def disk(self, number: int, full: bool) -> None:
        """The disk fills up (new rows cannot be written) or has room again, for one window."""
        window = self.windows.get(number)
        if window is not None:
            window.disk.failing = {"INSERT"} if full else set()

    @rule(data=st.data(), table=st.sampled_from(sorted(DAMAGE)))
    def corrupt(self, data: st.DataObject, table: str) -> None:
        """Damage one row by hand: valid SQLite, bad data."""
        raw = sqlite3.connect(self.path, timeout=10)
        try:
            ids = [row[0] for row in raw.execute(f"SELECT rowid FROM {table}")]
            if not ids:
                return
            row_id = data.draw(st.sampled_from(ids))
            column, value = data.draw(st.sampled_from(DAMAGE[table]))
            try:
                raw.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = ?", (value, row_id))
                raw.commit()
            except sqlite3.IntegrityError:
                pass  # a CHECK or a unique index refused it: the database guards that one itself
        finally:
            raw.close()

    @rule()
    def read(self) -> None:
        """Everything that reads the history: statistics, the export, what is due."""
        learner = Learner.open(self.path, DECK.deck, self.clock)
        try:
            stats, problem = learner.statistics()
            assert problem is None, problem
            for section in stats:
                for score in (section.best, section.last, section.average):
                    assert score is None or 0 <= score <= 1, section
            records = learner.history.answers()
            assert len(json.loads(export_answers(records, "json"))) == len(records)
            assert export_answers(records, "csv").count("\n") >= len(records) + 1
            learner.due_questions(DECK.banks, None)
            learner.due_count(DECK.banks)
            assert all(isinstance(notice, str) for notice in learner.take_notices())
        finally:
            learner.history.close()
        self.clock.tick(timedelta(days=1).total_seconds())

    # -- invariants ----------------------------------------------------------------------------

    @invariant()
    def one_answer_per_question(self) -> None:
        raw = sqlite3.connect(self.path, timeout=10)
        try:
            for column in ("question_id", "position"):
                twice = raw.execute(f"SELECT attempt_id, {column} FROM answers GROUP BY attempt_id, {column} "
                                    "HAVING COUNT(*) > 1").fetchall()
                assert twice == [], twice
        finally:
            raw.close()

    @invariant()
    def scores_within_bounds(self) -> None:
        with History.open(self.path, self.clock, read_only=True)[0] as history:
            for attempt in history.attempts(self.key):
                assert 0 <= attempt.fraction <= 1, attempt
                assert attempt.answered <= attempt.question_count, attempt


HistoryMachine.TestCase.settings = settings(
    max_examples=EXAMPLES, stateful_step_count=30, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
test_history_machine = HistoryMachine.TestCase
