"""The speaker view follows a presenter running in another process, over the channel file."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from textual.widgets import Static

from tests.conftest import build_app, shown
from tests.support.clock import FakeClock
from tests.support.waiting import settle_until, wait_until
from tui.domain.channel import (
    PresenterState,
    channel_path,
    pace,
    parse_duration,
    publish,
    read_state,
)
from tui.domain.identity import deck_key
from tui.ui.notes_app import make_notes_app

ROOT = Path(__file__).resolve().parent.parent

PRESENTER = textwrap.dedent("""
    import asyncio, sys
    from pathlib import Path
    from tui.domain.loader import load_presentation
    from tui.domain.paths import bundled_deck
    from tui.ui.app import AppOptions, make_app

    async def main(channel, go):
        app = make_app(load_presentation(bundled_deck()), AppOptions(seed=1, channel=Path(channel)))
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("right", "right", "right")      # to page 3 (a pause on page 2)
            Path(go + ".ready").write_text("1")
            while not Path(go).exists():
                await asyncio.sleep(0.05)
            await pilot.press("right", "right")                # to page 5
            Path(go + ".done").write_text("1")
            while not Path(go + ".quit").exists():
                await asyncio.sleep(0.05)

    asyncio.run(main(sys.argv[1], sys.argv[2]))
""")


def wait_for(path: Path, seconds: float = 20) -> None:
    wait_until(path.exists, seconds, message=f"{path} never appeared")


async def test_notes_view_follows_a_presenter_in_another_process(guide, tmp_path: Path) -> None:
    channel = channel_path(tmp_path, deck_key(guide.deck))
    go = tmp_path / "go"
    app = make_notes_app(guide, channel, duration=20 * 60, clock=FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        where = app.screen.query_one("#speaker-where", Static)
        assert "waiting for the presenter" in shown(where)   # the view may start first
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        presenter = subprocess.Popen([sys.executable, "-c", PRESENTER, str(channel), str(go)], env=env)
        try:
            wait_for(Path(str(go) + ".ready"))
            await settle_until(pilot, lambda: "Slide 3 of 47" in shown(where), 10.0)
            slide = guide.deck.sections[0].slides[1]
            notes = " ".join(shown(app.screen.query_one("#speaker-notes-body", Static), 90).split())
            assert " ".join(slide.notes.split())[:50] in notes
            following = shown(app.screen.query_one("#speaker-next", Static))
            assert f"Next: {guide.deck.sections[0].slides[2].title}" in following
            go.write_text("1")
            wait_for(Path(str(go) + ".done"))
            await settle_until(pilot, lambda: "Slide 5 of 47" in shown(where) and "Key takeaways" in shown(where), 10.0)
            assert "of slides" in shown(app.screen.query_one("#speaker-pace", Static))
        finally:
            Path(str(go) + ".quit").write_text("1")
            presenter.wait(timeout=20)
        assert presenter.returncode == 0
        assert not channel.exists()  # the presenter withdrew its state on quitting
        await settle_until(pilot, lambda: "waiting for the presenter" in shown(where), 10.0)


def test_decks_do_not_cross(guide, every_type_presentation, tmp_path: Path) -> None:
    first = channel_path(tmp_path, deck_key(guide.deck))
    second = channel_path(tmp_path, deck_key(every_type_presentation.deck))
    assert first != second
    publish(first, PresenterState(page=4, step=0, total=46, started=None, pid=1))
    assert read_state(second) is None
    assert read_state(first) == PresenterState(page=4, step=0, total=46, started=None, pid=1)


def test_durations_and_pace() -> None:
    assert parse_duration("20m") == 1200
    assert parse_duration("1h15m") == 4500
    assert parse_duration("90s") == 90
    assert parse_duration("45") == 2700
    assert parse_duration("soon") is None and parse_duration("0") is None
    assert pace(600, 1200, 9, 20).verdict == "on pace"
    assert pace(300, 1200, 9, 20).verdict == "ahead by 5 min"
    assert pace(900, 1200, 9, 20).verdict == "behind by 5 min"
    assert pace(1500, 1200, 19, 20).verdict == "over time by 5 min"


async def test_without_a_channel_the_presenter_publishes_nothing(guide, tmp_path: Path) -> None:
    """With no speaker view to tell (or not yet: the CLI opens the channel once the whole deck
    is loaded), a move builds no state to publish; with one, every move is told."""
    for channel in (None, tmp_path / "channel.json"):
        app = build_app(guide, channel=channel)
        told = []
        app.publish = told.append  # type: ignore[method-assign]
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause(0.1)
            await pilot.press("right", "right")
            await pilot.pause(0.1)
        if channel is None:
            assert told == []
        else:
            assert [state.page for state in told][-1] == 2
