"""Waiting on a condition instead of sleeping a fixed time: a loaded machine only makes the wait
longer, never the test wrong."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def wait_until(condition: Callable[[], T], timeout: float = 30.0, *, every: float = 0.05,
               message: str = "") -> T:
    """Poll `condition` until it gives a true value, and return that value; fail the test with
    `message` if it has not within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(message or f"still not true after {timeout:g}s: {condition!r}")
        time.sleep(every)


async def settle_until(pilot, condition: Callable[[], T], timeout: float = 5.0, *,  # type: ignore[no-untyped-def]
                       message: str = "the screen never changed") -> T:
    """In a Pilot test: let the app run until `condition` gives a true value, and return that
    value; fail the test with `message` if it has not within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        assert time.monotonic() < deadline, message
        await pilot.pause(0.05)
