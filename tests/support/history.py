"""Reading a history database from a test."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.support.clock import FakeClock
from tui.domain.history import History


def answers_in(db: Path) -> int:
    """How many answers the history at `db` holds (0 when there is none yet)."""
    if not db.exists():
        return 0
    with History.open(db, FakeClock())[0] as history:
        return len(history.answers())


class FailingDb:
    """A connection that fails the writes a test chooses as a full disk does, and passes the rest on."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.failing: set[str] = set()
        """Statements starting with one of these fail."""

    def execute(self, sql: str, *parameters):  # type: ignore[no-untyped-def]
        if any(sql.lstrip().startswith(prefix) for prefix in self.failing):
            raise sqlite3.OperationalError("database or disk is full")
        return self.db.execute(sql, *parameters)

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self.db, name)
