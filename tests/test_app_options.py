"""The app's settings as one frozen `AppOptions`, and the messages between the app and its screens."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import FrozenInstanceError, fields
from datetime import datetime
from pathlib import Path

import pytest

from tests.conftest import FakeClock, build_app, shown, wait_until, write_deck
from tui.domain.loader import load_presentation
from tui.domain.opening import open_deck
from tui.domain.paths import bundled_deck
from tui.domain.presentation import Presentation
from tui.ui.app import DEFAULT_THEME, AppOptions, PodiumApp, make_app
from tui.ui.messages import FirstPaint, PresentationReplaced
from tui.ui.screens.presenter import PresenterScreen
from tui.ui.typed_app import podium_app
from tui.ui.widgets.status_bar import StatusBar

DECK = {
    "deck.yaml": "title: Options\n",
    "slides/01-one.md": "# Alpha\n\nalpha text\n\n---\n\n# Beta\n\nbeta text\n",
    "slides/02-two.md": "# Gamma\n\ngamma text\n",
}
REPO = Path(__file__).resolve().parent.parent
LONG_WAIT = 60.0
"""Seconds a test waits for the whole guide to load in a thread (a shared machine can be slow)."""


def ran_by_the_cli(monkeypatch, argv: list[str]) -> PodiumApp:
    """The app `podium ARGV` builds, caught where it would run."""
    from tui.cli import common, main

    ran: list[PodiumApp] = []
    monkeypatch.setattr(PodiumApp, "run", lambda app, *args, **kwargs: ran.append(app))
    monkeypatch.setattr(common, "without_terminal", lambda: False)  # pytest's streams are no terminal
    monkeypatch.setattr(sys, "argv", ["podium", *argv])
    assert main() == 0
    (app,) = ran
    return app


def test_the_cli_hands_every_setting_to_the_app_in_one_frozen_options(tmp_path: Path, monkeypatch) -> None:
    deck = write_deck(tmp_path / "deck", DECK)
    data = str(tmp_path / "data")
    whole = ran_by_the_cli(monkeypatch, [str(deck), "--seed", "7", "--theme", "podium-light", "--slide", "2",
                                         "--watch", "--data-dir", data])
    options = whole.options
    assert (options.seed, options.theme, options.start, options.watch) == (7, "podium-light", 2, deck)
    assert options.channel is not None and options.learner is not None  # the whole deck: both at once
    assert options.complete is None and options.loaded is None
    assert (whole.seed, whole.initial_theme, whole.channel) == (7, "podium-light", options.channel)
    with pytest.raises(FrozenInstanceError):
        options.seed = 8  # type: ignore[misc]  # what the test checks: assigning is refused

    opening = ran_by_the_cli(monkeypatch, [str(deck), "--no-history"]).options
    assert opening.complete is not None and opening.loaded is not None  # the rest loads after the paint
    assert (opening.seed, opening.theme, opening.start, opening.watch, opening.channel) == (None,) * 5

    study = ran_by_the_cli(monkeypatch, ["quiz", str(bundled_deck()), "--section", "2", "--seed", "3",
                                         "--no-history"])
    assert (study.options.study, study.options.seed, study.seed) == ((1,), 3, 3)
    with pytest.raises(FrozenInstanceError):
        study.options.study = (0,)  # type: ignore[misc]  # what the test checks: assigning is refused


def test_make_app_runs_the_app_with_the_options_it_is_given(tmp_path: Path) -> None:
    presentation = load_presentation(write_deck(tmp_path, DECK))
    options = AppOptions(seed=5, start=2)
    app = make_app(presentation, options)
    assert app.options is options
    assert app.initial_theme == DEFAULT_THEME and app.seed == 5  # the deck names no theme
    defaults = make_app(presentation)
    assert defaults.options == AppOptions() and isinstance(defaults.seed, int)  # a fresh seed
    with pytest.raises(TypeError):
        AppOptions(sead=5)  # type: ignore[call-arg]  # what the test checks: a misspelt setting
    assert {field.name for field in fields(AppOptions)} == {
        "seed", "theme", "start", "clock", "channel", "watch", "learner", "study", "review", "complete",
        "loaded", "relearn", "missed"}


async def test_the_screens_see_the_options_the_app_was_built_with(tmp_path: Path) -> None:
    clock = FakeClock(datetime(2026, 3, 4, 17, 45))
    presentation = load_presentation(write_deck(tmp_path, DECK))
    options = AppOptions(seed=9, start=4, clock=clock, theme="podium-light")  # page 4: "Gamma"
    app = make_app(presentation, options)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        presenter = app.screen
        assert isinstance(presenter, PresenterScreen)
        assert podium_app(presenter).options is options
        assert (presenter.position.page, presenter.seed, app.theme) == (3, 9, "podium-light")
        assert "gamma text" in shown(presenter.query_one("#slide-view"))
        status = presenter.query_one(StatusBar)
        assert status.now == datetime(2026, 3, 4, 17, 45)  # the options' clock, not the wall clock
        clock.advance(60)
        assert status.now == datetime(2026, 3, 4, 17, 46)


async def test_a_reload_is_a_message_to_the_presenter_under_another_screen(tmp_path: Path, monkeypatch) -> None:
    told: list[tuple[PresentationReplaced, bool]] = []
    handle = PresenterScreen.on_presentation_replaced

    def recorded(screen: PresenterScreen, message: PresentationReplaced) -> None:
        told.append((message, screen.app.screen is screen))
        handle(screen, message)

    monkeypatch.setattr(PresenterScreen, "on_presentation_replaced", recorded)
    deck = write_deck(tmp_path, DECK)
    app = build_app(load_presentation(deck), start=3)  # on "Beta" (page 1 is the title)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        presenter = app.screen
        assert isinstance(presenter, PresenterScreen)
        await pilot.press("o")  # the overview on top
        await wait_until(pilot, lambda: app.screen is not presenter)
        (deck / "slides/01-one.md").write_text(DECK["slides/01-one.md"].replace("beta text", "beta, again"),
                                               encoding="utf-8")
        await app.reload(deck)
        await wait_until(pilot, lambda: bool(told))
        ((message, on_top),) = told
        assert message.presentation is app.presentation and not message.whole and not on_top
        assert presenter.presentation is app.presentation
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is presenter)
        await wait_until(pilot, lambda: "beta, again" in shown(presenter.query_one("#slide-view")))
        assert presenter.position.page == 2


async def test_the_whole_deck_comes_as_a_message_after_the_first_paint_message(monkeypatch) -> None:
    order: list[str] = []
    first_paint, replaced = PodiumApp.on_first_paint, PresenterScreen.on_presentation_replaced

    def on_first_paint(app: PodiumApp, message: FirstPaint) -> None:
        order.append(f"first paint, loading={app.loading}, started={app.complete is None}")
        first_paint(app, message)
        order.append(f"handled, started={app.complete is None}")

    def on_replaced(screen: PresenterScreen, message: PresentationReplaced) -> None:
        order.append(f"replaced, whole={message.whole}")
        replaced(screen, message)

    monkeypatch.setattr(PodiumApp, "on_first_paint", on_first_paint)
    monkeypatch.setattr(PresenterScreen, "on_presentation_replaced", on_replaced)
    app = build_app(Presentation(open_deck(bundled_deck())), complete=lambda: load_presentation(bundled_deck()))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: len(order) == 3, LONG_WAIT)
        assert order == ["first paint, loading=True, started=False", "handled, started=True",
                         "replaced, whole=True"]
        await wait_until(pilot, lambda: not app.loading)
        assert len(app.screen.walk) == 47 and "1/47" in shown(app.screen.query_one(StatusBar), 120)
        await pilot.press("right", "right", "left")  # more frames: the first paint is told once
        await pilot.pause()
        assert order.count("first paint, loading=True, started=False") == 1


async def test_without_the_first_paint_message_the_rest_of_the_deck_never_loads(monkeypatch) -> None:
    """The presenter tells the app of its first paint by `FirstPaint` alone: a presenter that
    stops posting it leaves the app on the deck's opening."""
    posted: list[object] = []
    monkeypatch.setattr(PodiumApp, "on_first_paint", lambda app, message: posted.append(message))
    app = build_app(Presentation(open_deck(bundled_deck())), complete=lambda: load_presentation(bundled_deck()))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: bool(posted), LONG_WAIT)
        await pilot.pause(0.3)
        assert [type(message) for message in posted] == [FirstPaint]
        assert app.loading and app.complete is not None  # nobody asked for the rest


def test_the_start_up_does_not_import_the_messages() -> None:
    """The messages are posted after the first paint: importing what paints it leaves them out."""
    probe = ("import sys, tui.cli.presenting, tui.ui.app, tui.ui.screens.presenter, tui.ui.typed_app; "
             "print('tui.ui.messages' in sys.modules)")
    completed = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True,
                               timeout=60, check=False)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "False"
