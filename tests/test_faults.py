"""Terminal and history faults: resize storms, hang-ups, unwritable or full history."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import pytest
from textual.widgets import Static

from tests.conftest import FIXTURES, build_app, shown
from tests.support.cli import terminal_env
from tests.support.history import answers_in
from tests.support.notices import messages
from tests.support.pty_driver import PtySession
from tests.support.waiting import wait_until
from tui.domain.history import History, HistoryWriteFailed
from tui.domain.learner import Learner
from tui.domain.loader import load_presentation
from tui.ui.screens.quiz import QuizScreen

EVERY_TYPE = FIXTURES / "every-type"
STORM = [(250, 70), (200, 60), (120, 40), (80, 24), (60, 20), (40, 12), (30, 8), (25, 6), (20, 5),
         (29, 8), (60, 20), (250, 70), (20, 5), (120, 40)]


async def storm(pilot) -> None:
    for width, height in STORM:
        await pilot.resize_terminal(width, height)
        await pilot.pause(0.02)  # resizes a moment apart: the storm is the subject


@pytest.mark.parametrize("keys", [
    [],                                   # title slide
    ["5"] + ["enter"],                    # a takeaways page
    ["o"],                                # overview
    ["question_mark"],                    # help
    ["s", "2", "enter"],                  # notes panel
    ["6", "enter", "enter"],              # a quiz question
    ["6", "enter", "enter", "f3"],        # feedback
    ["6", "enter", "enter", "escape"],    # results
    ["6", "enter", "enter", "escape", "enter", "r"],  # summary
    ["i"],                                # statistics
    ["slash"],                            # command palette
])
async def test_resize_storm_on_every_screen(guide, keys: list[str]) -> None:
    app = build_app(guide)
    async with app.run_test(size=(120, 40)) as pilot:
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        screen = type(app.screen)
        await storm(pilot)
        assert type(app.screen) is screen  # nothing crashed, nothing was dismissed
        assert app.is_running


async def test_too_small_quiz_says_so_and_comes_back(guide) -> None:
    app = build_app(guide, start=6)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.resize_terminal(20, 5)
        await pilot.pause()
        assert app.screen.has_class("-too-small")
        assert "too small" in shown(app.screen.query_one("#too-small", Static))
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert not app.screen.has_class("-too-small")


def test_hangup_during_a_quiz_keeps_the_answers_given(tmp_path: Path) -> None:
    session = PtySession([sys.executable, "-m", "tui", "quiz", str(EVERY_TYPE), "--section", "1",
                          "--seed", "5", "--data-dir", str(tmp_path)], terminal_env(tmp_path), size=(120, 40))
    db = tmp_path / "history.db"
    try:
        session.expect(b"question 1 of 6")
        session.write(b"\x1bOR")  # F3: skip, which is saved as an answer
        wait_until(lambda: answers_in(db) >= 1, timeout=20, message="the answer was never saved")
        session.signal(signal.SIGHUP)  # the terminal is closed
        session.wait(20)
    finally:
        session.close()
    assert answers_in(db) == 1
    presentation = load_presentation(EVERY_TYPE)
    learner = Learner.open(db, presentation.deck)
    left = learner.leftover(0, presentation.banks[0])
    assert left is not None and len(left.answers) == 1  # offered to resume


async def test_history_off_when_the_data_directory_cannot_be_made(tmp_path: Path, guide) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    learner = Learner.open(blocker / "data" / "history.db", guide.deck)
    assert learner.history is None
    app = build_app(guide, learner=learner)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        told = messages(app)
        assert any(m.startswith("history is off") for m in told), told
        app.screen.start_quiz_of(0)
        await pilot.pause()
        await pilot.press("1")  # the quiz works without history
        if app.screen.run.current.question.type not in ("single", "true_false"):
            await pilot.press("enter")  # "1" typed or ticked something; Enter sends it
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen) and app.screen.run.index == 1


async def test_a_full_disk_is_said_once_and_the_quiz_goes_on(tmp_path: Path, monkeypatch) -> None:
    presentation = load_presentation(EVERY_TYPE)
    learner = Learner.open(tmp_path / "history.db", presentation.deck)

    def full(*_args, **_kwargs):
        raise HistoryWriteFailed(f"could not save to history ({tmp_path / 'history.db'}): the disk is full")

    monkeypatch.setattr(History, "record_answer", full)
    app = build_app(presentation, learner=learner, study=[1])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        quiz = app.screen
        for _ in range(2):
            await pilot.press("f3")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
        warnings = [m for m in messages(app) if "disk is full" in m]
        assert len(warnings) == 1 and "the quiz goes on, and its answers are kept to save" in warnings[0]
        assert quiz.run.finished
