"""The one door to Textual's internals (`tui/ui/textual_door.py`): closed by hand or by a missing
name, podium still presents, quizzes and shows toasts with Textual's public API only; a fast path
whose write fails leaves Textual to draw."""

from __future__ import annotations

import pytest
from textual.app import App

from tests.conftest import build_app, wait_until
from tests.support.frames import FrameLog, Words, written
from tests.support.pages import among_slides, quiz_page, screen_text, settled
from tui.ui import textual_door
from tui.ui.screens.quiz import QuizScreen


def test_the_door_is_closed_by_hand(monkeypatch) -> None:
    monkeypatch.setenv(textual_door.PLAIN, "1")
    assert not textual_door.probe()
    assert textual_door.why_closed() == "PODIUM_PLAIN_TEXTUAL=1"


def test_the_door_is_open_with_every_name_it_needs(monkeypatch) -> None:
    monkeypatch.delenv(textual_door.PLAIN, raising=False)
    assert textual_door.probe() and textual_door.why_closed() == ""


@pytest.mark.parametrize("name", textual_door.APP_METHODS)
def test_the_door_closes_when_a_name_it_needs_is_gone(monkeypatch, name: str) -> None:
    monkeypatch.delenv(textual_door.PLAIN, raising=False)
    monkeypatch.delattr(App, name)
    assert not textual_door.probe()
    assert textual_door.why_closed() == f"App.{name}"


async def test_the_door_closes_when_the_app_lacks_its_state(monkeypatch) -> None:
    """A name Textual sets on each app (not on the class) is probed on the first app that asks."""
    monkeypatch.delenv(textual_door.PLAIN, raising=False)
    monkeypatch.setattr(textual_door, "APP_STATE", (*textual_door.APP_STATE, "_gone_in_a_newer_textual"))
    app = Words()
    async with app.run_test(size=(40, 5)) as pilot:
        await pilot.pause()
        assert not textual_door.is_open(app)
        assert textual_door.why_closed() == "App._gone_in_a_newer_textual"


async def test_closed_the_presenter_moves_and_every_frame_shows_the_new_slide(guide, monkeypatch) -> None:
    """With PODIUM_PLAIN_TEXTUAL=1 a move is drawn by Textual on its own refresh, not from the key's
    handler, and the frames it sends show the page moved to."""
    monkeypatch.setenv(textual_door.PLAIN, "1")
    log = FrameLog(monkeypatch)
    start = among_slides(guide)
    app = build_app(guide, start=start)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        presenter = app.screen
        total = len(presenter.walk.pages)  # type: ignore[attr-defined]
        assert not textual_door.is_open(app)
        for number in (start + 1, start + 2):
            log.entries.clear()
            await pilot.press("right")
            await wait_until(pilot, lambda number=number: any(f"{number}/{total}" in written(frame)
                                                              for frame in log.frames(presenter)))
            assert f"{number}/{total}" in app.export_screenshot()


async def test_closed_a_quiz_opens_at_enter(every_type_presentation, monkeypatch) -> None:
    """No quiz is built ahead with the door closed: Enter on a quiz page builds and shows it."""
    from tui.ui import quiz_flow

    monkeypatch.setenv(textual_door.PLAIN, "1")
    app = build_app(every_type_presentation, start=quiz_page(every_type_presentation))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)  # time to build a quiz ahead, which a closed door must not
        assert quiz_flow.prepared_quiz(app) is None
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, QuizScreen))
        await pilot.pause()
        assert "question 1 of 6" in screen_text(app.screen)
        assert not app.screen.drawn_on_push  # type: ignore[attr-defined]


async def test_closed_reload_toasts_appear(guide, monkeypatch) -> None:
    """Without the door, a reload's toast is a plain `notify`: it is shown (others may stack)."""
    monkeypatch.setenv(textual_door.PLAIN, "1")
    app = build_app(guide)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause(0.2)
        app.reload_notice("Reloaded once", timeout=5)
        app.reload_notice("Reloaded twice", timeout=5)
        await wait_until(pilot, lambda: "Reloaded&#160;twice" in app.export_screenshot())
        assert "Reloaded&#160;once" in app.export_screenshot()  # stacked, as Textual stacks toasts


async def test_open_reload_toasts_replace_each_other(guide, monkeypatch) -> None:
    monkeypatch.delenv(textual_door.PLAIN, raising=False)
    app = build_app(guide)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause(0.2)
        app.reload_notice("Reloaded once", timeout=5)
        app.reload_notice("Reloaded twice", timeout=5)
        await wait_until(pilot, lambda: "Reloaded&#160;twice" in app.export_screenshot())
        assert "Reloaded&#160;once" not in app.export_screenshot()


class FailingWrite:
    """`App._display` failing for the next `times` frames, as after an upgrade that changed it."""

    def __init__(self, monkeypatch, times: int = 1) -> None:  # type: ignore[no-untyped-def]
        self.left = times
        display = App._display

        def failing(app, screen, renderable):  # type: ignore[no-untyped-def]
            if self.left and renderable is not None:
                self.left -= 1
                raise TypeError("_display() takes 2 positional arguments but 3 were given")
            return display(app, screen, renderable)

        monkeypatch.setattr(App, "_display", failing)


async def test_a_move_whose_fast_write_fails_is_drawn_by_textual(guide, monkeypatch) -> None:
    """The key's own write of the next slide fails: Textual's repaint flags were left as they
    were, so Textual draws the new slide on its own refresh (not a stale one)."""
    monkeypatch.delenv(textual_door.PLAIN, raising=False)
    start = among_slides(guide)
    app = build_app(guide, start=start)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        total = len(app.screen.walk.pages)  # type: ignore[attr-defined]
        assert textual_door.is_open(app)
        log = FrameLog(monkeypatch)
        failing = FailingWrite(monkeypatch)
        await pilot.press("right")
        assert failing.left == 0  # the fast path tried, and its write failed
        # What reaches the terminal (not just what the screen holds) shows the new page.
        await wait_until(pilot, lambda: any(f"{start + 1}/{total}" in written(frame)
                                            for frame in log.frames(app.screen)))


async def test_a_pushed_quiz_whose_fast_write_fails_is_drawn_by_textual(every_type_presentation,
                                                                        monkeypatch) -> None:
    """The same for the quiz prepared off screen and written as Enter pushes it."""

    monkeypatch.delenv(textual_door.PLAIN, raising=False)
    app = build_app(every_type_presentation, start=quiz_page(every_type_presentation))
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        log = FrameLog(monkeypatch)
        failing = FailingWrite(monkeypatch)
        await pilot.press("enter")
        assert failing.left == 0
        await wait_until(pilot, lambda: isinstance(app.screen, QuizScreen) and any(
            "question 1 of 6" in written(frame) for frame in log.frames(app.screen)))
        assert not app.screen.drawn_on_push  # type: ignore[attr-defined]


def _private_names(files) -> set[str]:  # type: ignore[no-untyped-def]
    """The private names (one leading underscore) that `files` define, or assign on `self` or as
    a variable."""
    import ast

    names: set[str] = set()
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif (isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store)
                  and isinstance(node.value, ast.Name) and node.value.id == "self"):
                names.add(node.attr)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
    return {name for name in names if name.startswith("_") and not name.startswith("__")}


def private_uses(root) -> list[str]:  # type: ignore[no-untyped-def]
    """Where a module under `root`, other than the door, uses a private name of Textual (one
    Textual defines and podium does not) or imports a private module of Textual."""
    import ast
    from pathlib import Path

    import textual

    ours = sorted(Path(root).rglob("*.py"))
    outside = [path for path in ours if path.name != "textual_door.py"]
    private = _private_names(Path(textual.__file__).parent.rglob("*.py")) - _private_names(outside)
    found = []
    for path in outside:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in private:
                found.append(f"{path.name}:{node.lineno}: .{node.attr}")
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("textual._"):
                found.append(f"{path.name}:{node.lineno}: from {node.module}")
    return found


def test_no_module_but_the_door_uses_textuals_private_names() -> None:
    from pathlib import Path

    tui = Path(__file__).resolve().parent.parent / "tui"
    assert (tui / "ui" / "textual_door.py").exists()
    assert private_uses(tui) == []
