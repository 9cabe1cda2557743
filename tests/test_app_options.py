"""The app's settings as one frozen `AppOptions`, and the messages between the app and its screens."""

from __future__ import annotations

import sys
from dataclasses import FrozenInstanceError, fields
from pathlib import Path

import pytest

from tests.conftest import build_app, shown, wait_until, write_deck
from tui.domain.loader import load_presentation
from tui.domain.opening import open_deck
from tui.domain.paths import bundled_deck
from tui.domain.presentation import Presentation
from tui.ui.app import DEFAULT_THEME, AppOptions, PodiumApp, make_app
from tui.ui.messages import FirstPaint, PresentationReplaced
from tui.ui.screens.presenter import PresenterScreen

DECK = {
    "deck.yaml": "title: Options\n",
    "slides/01-one.md": "# Alpha\n\nalpha text\n\n---\n\n# Beta\n\nbeta text\n",
    "slides/02-two.md": "# Gamma\n\ngamma text\n",
}


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
        options.seed = 8  # type: ignore[misc]

    opening = ran_by_the_cli(monkeypatch, [str(deck), "--no-history"]).options
    assert opening.complete is not None and opening.loaded is not None  # the rest loads after the paint
    assert (opening.seed, opening.theme, opening.start, opening.watch, opening.channel) == (None,) * 5

    study = ran_by_the_cli(monkeypatch, ["quiz", str(deck), "--section", "2", "--seed", "3", "--no-history"])
    assert (study.options.study, study.options.seed, study.seed) == ([1], 3, 3)


def test_make_app_takes_the_options_or_their_fields_as_keywords(tmp_path: Path) -> None:
    presentation = load_presentation(write_deck(tmp_path, DECK))
    options = AppOptions(seed=5, start=2)
    assert make_app(presentation, options).options is options
    keywords = make_app(presentation, seed=5, start=2)
    assert keywords.options == options
    assert keywords.initial_theme == DEFAULT_THEME and keywords.seed == 5  # the deck names no theme
    assert isinstance(make_app(presentation).seed, int)  # a fresh seed when none is given
    with pytest.raises(TypeError):
        make_app(presentation, options, seed=6)
    with pytest.raises(TypeError):
        make_app(presentation, sead=5)  # a misspelt setting is no setting
    assert {field.name for field in fields(AppOptions)} == {
        "seed", "theme", "start", "clock", "channel", "watch", "learner", "study", "review", "complete",
        "loaded"}


async def test_a_reload_is_a_message_to_the_presenter_under_another_screen(tmp_path: Path, monkeypatch) -> None:
    told: list[tuple[PresentationReplaced, bool]] = []
    handle = PresenterScreen.on_presentation_replaced

    def recorded(screen: PresenterScreen, message: PresentationReplaced) -> None:
        told.append((message, screen.app.screen is screen))
        handle(screen, message)

    monkeypatch.setattr(PresenterScreen, "on_presentation_replaced", recorded)
    deck = write_deck(tmp_path, DECK)
    app = build_app(load_presentation(deck), start=2)  # on "Beta"
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
        assert presenter.position.page == 1


async def test_the_whole_deck_comes_as_a_message_after_the_first_paint_message(monkeypatch) -> None:
    order: list[str] = []
    first_paint, replaced = PodiumApp.on_first_paint, PresenterScreen.on_presentation_replaced

    def on_first_paint(app: PodiumApp, message: FirstPaint) -> None:
        order.append("first paint")
        first_paint(app, message)

    def on_replaced(screen: PresenterScreen, message: PresentationReplaced) -> None:
        order.append(f"replaced, whole={message.whole}")
        replaced(screen, message)

    monkeypatch.setattr(PodiumApp, "on_first_paint", on_first_paint)
    monkeypatch.setattr(PresenterScreen, "on_presentation_replaced", on_replaced)
    app = build_app(Presentation(open_deck(bundled_deck())), complete=lambda: load_presentation(bundled_deck()))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: len(order) == 2)
        assert order == ["first paint", "replaced, whole=True"] and not app.loading
        await pilot.pause()
        assert len(app.screen.walk) == 46
