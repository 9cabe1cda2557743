"""The one fake clock of the tests: a wall clock that stands still until a test moves it.

It is what `make_app(clock=...)` and `History.open`/`Learner.open` take (called, it gives the
time now), and it stands in for the `time` module where code reads `time.monotonic()`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

START = datetime(2026, 11, 29, 9, 30)
"""Where a clock starts when a test names no time."""

DAY0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
"""A learner's first day, in UTC, for tests of the history (what the history stores is UTC)."""


class FakeClock:
    """A clock the test moves by hand; with `step`, each reading also moves it that many seconds,
    so every event read from it has its own time."""

    def __init__(self, start: datetime = START, *, step: float = 0) -> None:
        self.now = start
        self.start = start
        self.step = step

    def __call__(self) -> datetime:
        if self.step:
            self.now += timedelta(seconds=self.step)
        return self.now

    def advance(self, seconds: float = 5) -> None:
        self.now += timedelta(seconds=seconds)

    tick = advance

    def monotonic(self) -> float:
        """Seconds since the clock started, plus a base, as `time.monotonic()` would read."""
        return 1000.0 + (self.now - self.start).total_seconds()
