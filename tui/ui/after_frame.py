"""Work that can wait until a frame is on its way to the terminal."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.message_pump import MessagePump

AFTER_FRAME = 0.003
"""Seconds between a frame handed to the driver and the work that can wait for it to be written."""


def after_frame(node: MessagePump, callback: Callable[[], object]) -> None:
    """Run `callback` a moment after the next frame is handed to the driver. The frame is written
    by Textual's writer thread, which needs the interpreter for a moment: work run at once after
    the frame delayed the write by ~1 ms (docs/performance.md)."""
    node.call_after_refresh(node.set_timer, AFTER_FRAME, callback)


HAND_OVER = 0.0003
"""Seconds the main thread sleeps to let the writer thread take the interpreter."""


def hand_to_writer() -> None:
    """Let Textual's writer thread start on the frame just handed to it, when the main thread still
    has work queued behind that frame. The writer needs the interpreter to begin, and a busy main
    thread keeps it until it next waits: a quiz frame drawn from Enter's own handler waited
    ~2.4 ms for the write to begin, ~0.6 ms with this (docs/performance.md, "First question")."""
    time.sleep(HAND_OVER)
