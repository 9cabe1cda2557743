"""A key's changes written from the key's own handler (`textual_door.draw_changes`), and the status line
drawn ahead of a move.

Also the test for the private Textual API `draw_changes` relies on: if a newer Textual changes it,
`test_draw_changes_writes_a_repaint_at_once_and_once` fails.
"""

from __future__ import annotations

from textual.screen import Screen

from tests.conftest import build_app, wait_until
from tests.support.frames import FrameLog, Word, Words, written
from tests.support.pages import among_slides
from tests.support.waiting import settle_until
from tui.ui.screens.presenter import PresenterScreen
from tui.ui.textual_door import draw_changes
from tui.ui.widgets.status_bar import StatusBar


async def test_draw_changes_writes_a_repaint_at_once_and_once(monkeypatch) -> None:
    """The repaint a widget asked for is handed to the driver before `draw_changes` returns, and
    Textual's own round of messages then draws nothing more."""
    log = FrameLog(monkeypatch)
    app = Words()
    async with app.run_test(size=(40, 5)) as pilot:
        await pilot.pause(0.1)  # the start-up frames and layouts done (no public sign to wait on)
        word = app.query_one(Word)
        log.entries.clear()
        word.word = "second"
        assert draw_changes(app.screen, word)
        assert [written(frame) for frame in log.frames(app.screen)] == ["second    "]
        await pilot.pause(0.1)  # Textual's round of messages, which must draw nothing more
        assert len(log.frames(app.screen)) == 1
        assert "second" in app.export_screenshot()
        # And the next change too.
        word.word = "third"
        assert draw_changes(app.screen, word)
        await pilot.pause(0.1)  # again, nothing more may come
        assert [written(frame).strip() for frame in log.frames(app.screen)] == ["second", "third"]


async def test_draw_changes_leaves_what_it_cannot_draw_as_it_stands_to_textual(monkeypatch) -> None:
    """A change that needs a layout, or a screen that is not the one shown, is drawn by Textual
    as usual: nothing at once, the change on screen a moment later."""
    log = FrameLog(monkeypatch)
    app = Words()
    async with app.run_test(size=(40, 5)) as pilot:
        await pilot.pause(0.1)  # the start-up frames and layouts done (no public sign to wait on)
        word = app.query_one(Word)
        screen = app.screen
        log.entries.clear()
        word.wide = 20
        word.word = "wider"
        assert not draw_changes(screen, word)
        assert log.frames(screen) == []
        await settle_until(pilot, lambda: log.frames(screen) and word.size.width == 20)

        covering: Screen[None] = Screen()
        app.push_screen(covering)
        await settle_until(pilot, lambda: bool(log.frames(covering)))
        drawn = len(log.frames(screen))
        word.word = "covered"
        assert not draw_changes(screen, word)
        await pilot.pause(0.1)  # time for a frame of the covered screen, which must not come
        assert len(log.frames(screen)) == drawn  # the covered screen draws nothing


async def test_a_move_is_written_from_the_key_handler_in_one_frame(guide, monkeypatch) -> None:
    """Right hands the next slide's frame to the driver while the presenter handles the key (in
    `watch_position`), with the status line; nothing of the move is drawn again after it."""
    log = FrameLog(monkeypatch)
    watched = PresenterScreen.watch_position
    during: list[int] = []

    def counting(screen, position):  # type: ignore[no-untyped-def]
        before = len(log.frames(screen))
        watched(screen, position)
        during.append(len(log.frames(screen)) - before)

    monkeypatch.setattr(PresenterScreen, "watch_position", counting)
    app = build_app(guide, start=among_slides(guide))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)  # the first frame and the work after it (no sign to wait on)
        presenter = app.screen
        for _ in range(3):  # on to slides: the key bar's keys stay the same
            log.entries.clear()
            during.clear()
            await pilot.press("right")
            await pilot.pause(0.1)  # time for a second frame of the move, which must not come
            assert during == [1]
            (frame,) = log.frames(presenter)
            text = written(frame)
            page = presenter.position.page + 1
            assert f" {page}/{len(presenter.walk)} " in text
            title = presenter.page_title(presenter.position.page)
            assert title.split(":")[0] in text


async def test_the_status_line_of_a_move_is_drawn_ahead(guide, monkeypatch) -> None:
    """After each frame the status lines a key away are drawn: the move's frame shows one of them
    (no status line is drawn between the key and its frame), and it is the line `render` gives."""
    log = FrameLog(monkeypatch)
    text_of = StatusBar.text_of
    drawn: list[tuple[int, int]] = []  # (the line's slide number, frames written before it)

    def recording(status, line):  # type: ignore[no-untyped-def]
        drawn.append((line.number, len(log.entries)))
        return text_of(status, line)

    monkeypatch.setattr(StatusBar, "text_of", recording)
    app = build_app(guide, start=among_slides(guide))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)  # the first frame, then the lines a key away drawn (no sign to wait on)
        presenter = app.screen
        status = presenter.query_one(StatusBar)
        for key in ("right", "right", "left"):
            log.entries.clear()
            drawn.clear()
            await pilot.press(key)
            await wait_until(pilot, lambda: bool(log.frames(presenter)))
            number = presenter.position.page + 1
            # Drawn before the key came, not while its frame was made.
            assert [n for n, frames in drawn if n == number and frames == 0] == []
            (frame, *_) = log.frames(presenter)
            assert text_of(status, status.line_key()).plain.rstrip() in written(frame)
