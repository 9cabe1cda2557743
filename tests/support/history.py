"""Reading a history database from a test."""

from __future__ import annotations

from pathlib import Path

from tests.support.clock import FakeClock
from tui.domain.history import History


def answers_in(db: Path) -> int:
    """How many answers the history at `db` holds (0 when there is none yet)."""
    if not db.exists():
        return 0
    with History.open(db, FakeClock())[0] as history:
        return len(history.answers())
