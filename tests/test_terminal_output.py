"""What reaches a real terminal: a slide reached by moving must look exactly like the same slide
drawn from scratch. Moves repaint only the rows that change (tui/ui/widgets/slide_view.py), so a
row left out would keep a piece of the previous slide on screen; a terminal emulator (pyte)
reading podium's output in a pseudo-terminal is what can see that (a headless Pilot run redraws
the whole screen for its screenshots, and cannot). Within a row, Textual repaints more than the
span asked for, so a too-narrow span is not something this test can catch."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from benchmarks.pty_session import Session

REPO = Path(__file__).resolve().parent.parent
SLIDE_ROWS = 38
"""The rows above the status line and the key bar (the status line holds the clock)."""


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "TERM": "xterm-256color", "PYTHONPATH": str(REPO),
            "PODIUM_RUNTIME_DIR": str(tmp_path / "run"), "PODIUM_DATA_DIR": str(tmp_path / "data")}


def _count(page: int):  # type: ignore[no-untyped-def]
    return lambda rows: any(f" {page}/47 " in row for row in rows[-2:])


def _fresh(page: int, env: dict[str, str]) -> list[str]:
    """The screen of a podium started on `page` (fully revealed)."""
    with Session([sys.executable, "-m", "tui", "--no-history", "--slide", str(page)], env, cwd=str(REPO)) as session:
        session.wait_for(_count(page), timeout=60)
        session.settle(0.3)
        return session.rows()[:SLIDE_ROWS]


def test_slides_reached_by_moving_equal_slides_drawn_afresh(tmp_path: Path) -> None:
    env = _env(tmp_path)
    # Pages 1-13 of the guide: the title card, slides of different lengths, a code slide and
    # the first section's takeaways and quiz card, each reached from the one before.
    moved = {}
    with Session([sys.executable, "-m", "tui", "--no-history"], env, cwd=str(REPO)) as session:
        session.wait_for(_count(1), timeout=60)
        page, shown = 1, session.rows()[:SLIDE_ROWS]
        while page < 14:
            session.send("\x1b[C")  # Right: the next page, or the next step of this one
            session.settle(0.3)
            if _count(page + 1)(session.rows()):
                moved[page] = shown  # the page as it was left: fully revealed
                page += 1
            shown = session.rows()[:SLIDE_ROWS]
    for page in (2, 3, 7, 9, 12, 13):
        assert moved[page] == _fresh(page, env), f"page {page} differs when reached by moving"
