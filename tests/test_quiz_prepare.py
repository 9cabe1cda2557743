"""A section's quiz built while its quiz page is on screen, so that Enter only shows it.

Also the test for the private Textual API `textual_door.start_hidden` relies on: if a newer Textual
changes it, `test_start_hidden_mounts_lays_out_and_draws_off_screen` fails.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static

from tests.conftest import FIXTURES, build_app, wait_until
from tests.quiz_driver import answer
from tests.support.answers import right_answer
from tests.support.clock import FakeClock
from tests.support.frames import FrameLog
from tests.support.pages import ahead, quiz_page, screen_text, settled
from tui.domain.history import History
from tui.domain.learner import Learner
from tui.domain.loader import load_presentation
from tui.domain.quizrun import QuizRun
from tui.domain.seeds import section_seed
from tui.ui import quiz_flow, textual_door
from tui.ui.screens import quiz as quiz_module
from tui.ui.screens.presenter import PresenterScreen
from tui.ui.screens.quiz import QuizScreen
from tui.ui.screens.resume import ResumeScreen
from tui.ui.screens.styled_at_mount import StyledAtMount

EVERY_TYPE = FIXTURES / "every-type"
DAY0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def on_quiz_page_with_history(tmp_path: Path):  # type: ignore[no-untyped-def]
    """The every-type deck opened on its first quiz page, with a history in `tmp_path`."""
    presentation = load_presentation(EVERY_TYPE)
    db = tmp_path / "history.db"
    learner = Learner.open(db, presentation.deck, FakeClock(DAY0))
    return presentation, db, learner, build_app(presentation, learner=learner, start=quiz_page(presentation))


def steady_cursors(screen: Screen[object]) -> None:
    """Turn the blink of the screen's text cursors off: frames compared a moment apart must not
    differ by a blink."""
    for field in screen.query(Input):
        field.cursor_blink = False


# -- Textual's private API, as start_hidden uses it ---------------------------------------------

class Probe(Screen[None]):
    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("probe text", id="probe-text")
            yield OptionList("one", "two", id="probe-list")


async def test_start_hidden_mounts_lays_out_and_draws_off_screen() -> None:
    app = App()
    async with app.run_test(size=(80, 24)) as pilot:
        base = app.screen
        screen = Probe()
        quiz_flow.start_hidden(app, screen)
        await pilot.pause(0.3)
        assert app.screen is base and not screen.is_current
        assert screen.is_running and screen.query_one("#probe-text").is_mounted
        # Laid out at the terminal's size, nothing left to lay out or draw.
        assert screen.size == app.size and screen.query_one("#probe-list").size.width > 0
        assert not screen._layout_required and not screen._dirty_widgets and not screen._repaint_required
        layouts: list[Screen[object]] = []
        original = Screen._refresh_layout

        def counting(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            layouts.append(self)
            return original(self, *args, **kwargs)

        Screen._refresh_layout = counting  # type: ignore[method-assign]
        try:
            app.push_screen(screen)
            await pilot.pause()
        finally:
            Screen._refresh_layout = original  # type: ignore[method-assign]
        # Pushed as it is: no second mount, no layout to show it.
        assert app.screen is screen and screen not in layouts
        assert "probe&#160;text" in app.export_screenshot()


class DrawnProbe(StyledAtMount[None]):
    """A screen as the quiz's, opaque unless told otherwise."""

    DEFAULT_CSS = """
    DrawnProbe { background: $surface; }
    DrawnProbe.see-through { background: $surface 50%; }
    """

    def compose(self) -> ComposeResult:
        yield Static("drawn probe", id="probe-text")


@pytest.mark.parametrize("see_through", [False, True])
async def test_draw_pushed_draws_an_opaque_screen_at_once_and_once(monkeypatch, see_through: bool) -> None:
    """`draw_pushed` hands the whole frame of a screen prepared off screen to the driver before
    Textual's messages about the push are handled, and that is the screen's only frame. A screen
    the one below shows through is left to Textual."""
    log = FrameLog(monkeypatch)
    app = App()
    async with app.run_test(size=(80, 24)) as pilot:
        base = app.screen
        screen = DrawnProbe(classes="see-through" if see_through else "")
        quiz_flow.start_hidden(app, screen)
        await pilot.pause(0.3)
        log.entries.clear()
        app.push_screen(screen)
        quiz_flow.draw_pushed(app, screen)
        drawn_at_once = [kind for kind, *_ in log.entries]
        await pilot.pause(0.2)
        assert app.screen is screen and screen.shown
        assert screen.drawn_on_push is not see_through
        frames = log.frames(screen)
        assert len(frames) == 1
        if see_through:
            assert drawn_at_once == []
        else:
            assert drawn_at_once == ["frame"]
            assert [kind for kind, *_ in log.entries] == ["frame", "suspend"]
            assert ("suspend", base, None) in log.entries
        # A later change repaints as usual.
        screen.query_one("#probe-text", Static).update("changed")
        await pilot.pause(0.1)
        assert len(log.frames(screen)) == 2
        assert "changed" in app.export_screenshot()


ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@pytest.mark.parametrize("changed", [False, True])
async def test_a_hidden_screen_is_sent_as_rendered_ahead_unless_it_changed(monkeypatch, changed: bool) -> None:
    """Once a hidden screen settles, its frame is rendered to text; pushed, that text is sent as
    it is, unless the screen changed since (here a repaint with no layout): then it is drawn anew."""
    log = FrameLog(monkeypatch)
    app = App()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = DrawnProbe()
        quiz_flow.start_hidden(app, screen)
        await pilot.pause(0.3)
        ahead = textual_door.frame_ahead(screen)
        assert "drawn probe" in ANSI.sub("", ahead.text)
        if changed:
            screen.query_one("#probe-text", Static).styles.color = "red"
            await pilot.pause(0.05)
        app.push_screen(screen)
        quiz_flow.draw_pushed(app, screen)
        written = screen._compositor.render_update(full=True).render_segments(app.console)
        await pilot.pause(0.1)
        (frame,) = log.frames(screen)
        assert screen.drawn_on_push and textual_door.frame_ahead(screen) is None
        assert frame.render_segments(app.console) == written
        assert (frame is ahead) is not changed
        assert (written == ahead.text) is not changed


# -- the presenter's quiz --------------------------------------------------------------------------

async def test_enter_shows_the_quiz_built_ahead() -> None:
    presentation = load_presentation(EVERY_TYPE)
    app = build_app(presentation, start=quiz_page(presentation))
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        prepared = ahead(app)
        assert prepared.section == 0 and not prepared.screen.is_current
        assert "question 1 of 6" in screen_text(prepared.screen)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is prepared.screen and quiz_flow.prepared_quiz(app) is None
        assert "question 1 of 6" in screen_text(app.screen)
        assert app.screen.focused is app.screen.answer_widget
        # Escape leaves, the results close, and the next quiz page prepares its own quiz.
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        presenter = app.screen
        assert isinstance(presenter, PresenterScreen)
        presenter.go_to_page(quiz_page(presentation, 1) - 1)
        await settled(pilot)
        assert ahead(app).section == 1
        assert not prepared.screen.is_attached  # the quiz taken was removed, as usual


@asynccontextmanager
async def on_a_prepared_quiz_page(monkeypatch) -> AsyncIterator[tuple]:  # type: ignore[no-untyped-def, type-arg]
    """The every-type deck opened on its first quiz page with every frame logged, once its quiz
    is prepared: (pilot, frame log, presenter, prepared quiz screen)."""
    log = FrameLog(monkeypatch)
    presentation = load_presentation(EVERY_TYPE)
    app = build_app(presentation, start=quiz_page(presentation))
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        yield pilot, log, app.screen, ahead(app).screen


async def test_enter_writes_the_quiz_built_ahead_in_one_frame_from_its_own_handler(monkeypatch) -> None:
    """Enter hands the prepared quiz's whole frame to the driver before the presenter is told it
    is covered, as the frame Textual itself draws of the screen as it stands, and no second frame
    follows; back on the presenter, it is drawn whole again (docs/performance.md)."""
    from textual._compositor import LayoutUpdate

    async with on_a_prepared_quiz_page(monkeypatch) as (pilot, log, presenter, prepared):
        app = pilot.app
        steady_cursors(prepared)
        await settled(pilot)
        log.entries.clear()
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert app.screen is prepared and prepared.drawn_on_push
        assert [kind for kind, *_ in log.entries] == ["frame", "suspend"]
        (frame,) = log.frames(prepared)
        assert isinstance(frame, LayoutUpdate)
        written = frame.render_segments(app.console)
        again = prepared._compositor.render_update(full=True)
        assert written == again.render_segments(app.console)
        assert "question 1 of 6" in ANSI.sub("", written)
        log.entries.clear()
        await pilot.press("escape")  # leave: the results
        await pilot.pause()
        await pilot.press("enter")  # close them: back on the presenter
        await pilot.pause(0.2)
        assert app.screen is presenter
        assert any(isinstance(frame, LayoutUpdate) for frame in log.frames(presenter))


async def test_a_quiz_prepared_before_a_change_of_theme_is_shown_in_the_new_theme(monkeypatch) -> None:
    """The quiz built ahead was styled with the theme of its mount: shown after a switch of theme,
    it is restyled (not drawn from Enter's handler, nor from its frame rendered ahead)."""
    async with on_a_prepared_quiz_page(monkeypatch) as (pilot, log, presenter, prepared):
        app = pilot.app
        dark = prepared.styles.background
        app.theme = "podium-light"
        await settled(pilot)
        assert presenter.styles.background != dark
        steady_cursors(prepared)
        await pilot.pause(0.05)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert app.screen is prepared and not prepared.drawn_on_push
        assert prepared.styles.background == presenter.styles.background
        question_bg = prepared.query_one("#quiz-question").rich_style.bgcolor.get_truecolor()
        assert tuple(question_bg) == presenter.styles.background.rgb
        written = log.frames(prepared)[0].render_segments(app.console)
        assert written == prepared._compositor.render_update(full=True).render_segments(app.console)


async def test_the_quiz_styles_are_parsed_with_the_first_quiz_screen_and_style_it_ahead() -> None:
    """quiz.tcss is the quiz and results screens' default CSS: not parsed before the first paint,
    parsed when the first quiz is built ahead, and styling that screen before it is shown."""
    presentation = load_presentation(EVERY_TYPE)
    app = build_app(presentation)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)

        def quiz_sources() -> list[str]:
            return [where for _path, where in app.stylesheet.source if where.startswith("QuizScreen")]

        assert quiz_sources() == []
        presenter = app.screen
        presenter.go_to_page(quiz_page(presentation) - 1)
        await settled(pilot)
        prepared = ahead(app).screen
        assert quiz_sources() == ["QuizScreen.DEFAULT_CSS"]
        assert not prepared.is_current
        assert tuple(prepared.query_one("#quiz").styles.padding) == (1, 2, 1, 2)
        assert prepared.answer_widget.styles.margin.top == 1


async def test_key_bars_are_right_in_the_first_frame_of_a_prepared_quiz_and_back() -> None:
    """The quiz built ahead keeps its key bar current while hidden (its first frame must not show
    keys of a moment before its answer widget took focus); the presenter's bar, skipped while
    covered, is rebuilt when the presenter is resumed."""
    from tui.ui.widgets.key_bar import KeyBar

    presentation = load_presentation(EVERY_TYPE)
    app = build_app(presentation, start=quiz_page(presentation))
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        prepared = ahead(app).screen
        presenter_bar = app.screen.query_one(KeyBar)
        on_quiz_page = [hint.key for hint in presenter_bar.hints]
        assert "enter" in on_quiz_page
        hidden_bar = prepared.query_one(KeyBar)
        # While hidden, the bar follows the screen's bindings (its answer takes focus meanwhile).
        await wait_until(pilot, lambda: hidden_bar.hints == hidden_bar.hints_of(prepared)[0]
                    and prepared.focused is prepared.answer_widget)
        hidden = [hint.key for hint in hidden_bar.hints]
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is prepared
        assert [hint.key for hint in prepared.query_one(KeyBar).hints] == hidden
        assert "escape" in hidden and "enter" not in hidden  # the focused answer takes Enter
        while not prepared.run.finished:
            await pilot.press("f3", "enter")  # skip each question: then the results
        await pilot.pause()
        await pilot.press("enter")  # close them: back on the presenter, moved past the quiz
        await pilot.pause()
        assert isinstance(app.screen, PresenterScreen)
        assert presenter_bar.hints == presenter_bar.hints_of(app.screen)[0]
        assert [hint.key for hint in presenter_bar.hints] != on_quiz_page


async def test_the_key_bar_of_the_shown_screen_follows_the_frame(monkeypatch) -> None:
    """A key's frame is written before the bar looks at the keys: moving onto the quiz page
    draws the page first, and the bar gains Enter right after (docs/performance.md)."""
    from tui.ui.widgets.key_bar import KeyBar

    presentation = load_presentation(EVERY_TYPE)
    app = build_app(presentation, start=quiz_page(presentation) - 1)
    events: list[str] = []
    display = type(app)._display

    def logged_display(self, screen, renderable):  # type: ignore[no-untyped-def]
        if renderable is not None:
            events.append("frame")
        return display(self, screen, renderable)

    take = KeyBar.take_bindings

    def logged_take(self, screen):  # type: ignore[no-untyped-def]
        if screen is app.screen:
            events.append("keys")
        return take(self, screen)

    monkeypatch.setattr(type(app), "_display", logged_display)
    monkeypatch.setattr(KeyBar, "take_bindings", logged_take)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        bar = app.screen.query_one(KeyBar)
        assert "enter" not in [hint.key for hint in bar.hints]
        events.clear()
        await pilot.press("right")
        await wait_until(pilot, lambda: "enter" in [hint.key for hint in bar.hints])
        assert app.screen.page.kind == "quiz"
        assert "keys" in events and events[0] == "frame"


async def test_the_first_question_is_timed_from_when_it_is_seen(monkeypatch) -> None:
    clock = FakeClock()
    monkeypatch.setattr(quiz_module, "time", clock)  # the quiz screen's clock only
    presentation = load_presentation(EVERY_TYPE)
    app = build_app(presentation, start=quiz_page(presentation))
    seconds: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        screen = ahead(app).screen
        monkeypatch.setattr(screen.recorder, "answered", lambda answered, taken: seconds.append(taken))
        clock.advance(600)  # the presenter talks for ten minutes on the quiz page
        await pilot.press("enter")
        await pilot.pause()
        clock.advance(5)
        await answer(pilot, screen.run.current, right_answer(screen.run.current.question))
    assert seconds == [5]


async def test_a_prepared_quiz_is_not_reused_for_another_seed_or_deck() -> None:
    presentation = load_presentation(EVERY_TYPE)
    app = build_app(presentation, start=quiz_page(presentation))
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        stale = ahead(app).screen
        presenter = app.screen
        presenter.seed += 1
        await pilot.press("enter")
        await pilot.pause()
        quiz = app.screen
        assert isinstance(quiz, QuizScreen) and quiz is not stale
        assert quiz.run.seed == section_seed(presenter.seed, 0)
        assert not stale.is_attached
        await pilot.press("escape", "enter")
        await pilot.pause()
        # A reloaded deck is a new presentation: its quiz is built from it.
        reloaded = load_presentation(EVERY_TYPE)
        presenter.go_to_page(quiz_page(presentation) - 1)
        await settled(pilot)
        old = ahead(app).screen
        presenter.replace_presentation(reloaded)
        presenter.start_quiz_of(0)
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen) and app.screen is not old
        assert app.screen.run.bank is reloaded.banks[0]


async def test_nothing_is_written_before_the_first_answer(tmp_path: Path) -> None:
    _presentation, db, learner, app = on_quiz_page_with_history(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        assert quiz_flow.prepared_quiz(app) is not None
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        with History.open(db, FakeClock(DAY0))[0] as history:
            assert history.answers() == [] and history.attempts(learner.key) == []
        await answer(pilot, app.screen.run.current, right_answer(app.screen.run.current.question))
        with History.open(db, FakeClock(DAY0))[0] as history:
            assert len(history.answers()) == 1 and len(history.attempts(learner.key)) == 1


async def test_a_quiz_left_half_way_after_preparing_is_offered_for_resuming(tmp_path: Path) -> None:
    presentation, _db, learner, app = on_quiz_page_with_history(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        prepared = ahead(app).screen
        # Meanwhile (another podium, say) half of this section's quiz is taken.
        run = QuizRun(presentation.banks[0], "Basics quiz", 0.7, seed=3)
        recorder = learner.recorder(0, "Basics", run)
        for _ in range(2):
            recorder.answered(run.answer(right_answer(run.current.question)), 2.0)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        assert not prepared.is_attached
        await pilot.press("r")
        await pilot.pause()
        quiz = app.screen
        assert isinstance(quiz, QuizScreen) and quiz.run.index == 2 and quiz is not prepared


async def test_a_quiz_left_half_way_is_not_prepared(tmp_path: Path) -> None:
    presentation = load_presentation(EVERY_TYPE)
    db = tmp_path / "history.db"
    learner = Learner.open(db, presentation.deck, FakeClock(DAY0))
    run = QuizRun(presentation.banks[0], "Basics quiz", 0.7, seed=3)
    learner.recorder(0, "Basics", run).answered(run.answer(None), 1.0)
    app = build_app(presentation, learner=learner, start=quiz_page(presentation))
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        assert quiz_flow.prepared_quiz(app) is None
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)


@pytest.mark.parametrize("turns", [0, 1, 2, 5])
async def test_a_quiz_replaced_while_it_is_still_being_built(turns: int) -> None:
    """A live reload can replace the prepared quiz at any moment while it is being mounted."""
    presentation = load_presentation(EVERY_TYPE)
    app = build_app(presentation)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        quiz_flow.prepare_section_quiz(app, presentation, app.learner, 0, app.seed)
        first = ahead(app).screen
        for _ in range(turns):
            await asyncio.sleep(0)
        quiz_flow.prepare_section_quiz(app, presentation, app.learner, 1, app.seed)
        await settled(pilot)
        await wait_until(pilot, lambda: not first.is_attached)
        assert app.is_running and app.return_code is None
        assert ahead(app).section == 1
        prepared = ahead(app).screen
        app.screen.start_quiz_of(1)
        await pilot.pause()
        assert app.screen is prepared and "question 1 of 2" in screen_text(prepared)


async def test_without_textuals_private_api_the_quiz_is_built_at_enter(monkeypatch) -> None:
    """If a newer Textual drops what start_hidden uses, the door closes and quizzes still start."""
    # Textual itself calls each name the door uses, so a missing one is one the door asks for.
    monkeypatch.setattr(textual_door, "APP_METHODS", (*textual_door.APP_METHODS, "_register_in_8_2"))
    presentation = load_presentation(EVERY_TYPE)
    app = build_app(presentation, start=quiz_page(presentation))
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        assert not textual_door.is_open(app) and textual_door.why_closed() == "App._register_in_8_2"
        assert quiz_flow.prepared_quiz(app) is None
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen) and "question 1 of 6" in screen_text(app.screen)


@pytest.mark.parametrize("turns", [0, 1, 2, 3, 5, 8])
async def test_a_quiz_removed_while_it_is_mounting_does_not_crash(turns: int) -> None:
    """What a live reload can do to a quiz being built ahead: its widgets may be taken away before
    its own on_mount runs. The app goes on; the screen is gone."""
    presentation = load_presentation(EVERY_TYPE)
    app = build_app(presentation)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        quiz_flow.prepare_section_quiz(app, presentation, app.learner, 0, app.seed)
        # Taken from under the app, as a reload that replaces the presentation does (no public
        # way to drop it without also scheduling its removal, which the test wants to do itself).
        screen = quiz_flow._prepared.pop(app).screen
        for _ in range(turns):
            await asyncio.sleep(0)
        await screen.query("*").remove()
        await screen.remove()
        await settled(pilot)
        assert app.is_running and app.return_code is None
        assert not screen.is_attached
        app.screen.start_quiz_of(0)  # the quiz is then built at Enter, as usual
        await pilot.pause()
        assert "question 1 of 6" in screen_text(app.screen)
