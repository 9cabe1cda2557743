"""Work that can wait until a frame is on its way to the terminal."""

from __future__ import annotations

from typing import Callable

from textual.message_pump import MessagePump

AFTER_FRAME = 0.003
"""Seconds between a frame handed to the driver and the work that can wait for it to be written."""


def after_frame(node: MessagePump, callback: Callable[[], object]) -> None:
    """Run `callback` a moment after the next frame is handed to the driver. The frame is written
    by Textual's writer thread, which needs the interpreter for a moment: work run at once after
    the frame delayed the write by ~1 ms (docs/performance.md)."""
    node.call_after_refresh(node.set_timer, AFTER_FRAME, callback)
