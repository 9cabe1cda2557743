"""Pilot tests: walking decks with the keys and checking what the presenter shows."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from tests.conftest import build_app, shown, wait_until, write_deck
from tests.support.notices import messages
from tui.domain.loader import load_presentation
from tui.ui.screens.help import HelpScreen
from tui.ui.screens.presenter import PresenterScreen


def body(app) -> str:
    return shown(app.screen.query_one("#slide-view"))


def status(app) -> str:
    return shown(app.screen.query_one("#status-bar"), 120)


async def test_right_walks_every_part_of_the_guide(guide) -> None:
    """Pressing Right from the first page reaches every slide, takeaway and quiz page in order."""
    app = build_app(guide)
    deck = guide.deck
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, PresenterScreen)
        assert deck.info.title in body(app)
        seen_titles: list[str] = []
        seen_takeaways: list[str] = []
        quiz_pages = 0
        for _ in range(500):
            page = screen.page
            text = body(app)
            if page.kind == "slide":
                slide = deck.sections[page.section].slides[page.slide]
                if screen.position.step == len(slide.steps) - 1:
                    assert slide.title and slide.title in text
                    seen_titles.append(slide.title)
            elif page.kind == "takeaways":
                for takeaway in deck.sections[page.section].takeaways:
                    assert takeaway[:40] in " ".join(text.split())
                seen_takeaways.append(deck.sections[page.section].title)
            elif page.kind == "quiz":
                assert "Quiz" in text and "start the quiz" in text
                quiz_pages += 1
            assert f"{screen.position.page + 1}/{len(screen.walk)}" in status(app)
            if screen.walk.is_last(screen.position):
                break
            await pilot.press("right")
        all_titles = [slide.title for section in deck.sections for slide in section.slides]
        assert seen_titles == all_titles
        assert seen_takeaways == [section.title for section in deck.sections]
        assert quiz_pages == 9
        # The guide's parts are all there, in the guide's order.
        section_titles = [section.title.lower() for section in deck.sections]
        for part in ("opening", "in brief", "narrative", "models and labs", "open weights",
                     "chips", "matters", "faq", "bottom line"):
            assert any(part in title for title in section_titles), part


@pytest.mark.parametrize("key", ["right", "space", "l", "n", "pagedown", "enter"])
async def test_every_next_key_moves_on(guide, key: str) -> None:
    app = build_app(guide)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(key)
        assert app.screen.position.page == 1


@pytest.mark.parametrize("key", ["left", "h", "p", "pageup", "backspace"])
async def test_every_previous_key_moves_back(guide, key: str) -> None:
    app = build_app(guide, start=5)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(key)
        assert app.screen.position.page == 3


async def test_pauses_reveal_step_by_step_and_back(tmp_path: Path) -> None:
    deck = write_deck(tmp_path, {"slides/01-a.md": "# One\n\nfirst\n\n<!-- pause -->\n\nsecond\n\n---\n\n# Two\n"})
    app = build_app(load_presentation(deck))
    async with app.run_test(size=(80, 24)) as pilot:
        assert "first" in body(app) and "second" not in body(app)
        await pilot.press("right")
        assert "second" in body(app)
        await pilot.press("right")
        assert "Two" in body(app)
        await pilot.press("left")
        # Going back shows the previous slide fully revealed.
        assert "first" in body(app) and "second" in body(app)
        await pilot.press("left")
        assert "second" not in body(app)


async def test_home_end_and_number_jumps(guide) -> None:
    app = build_app(guide)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await pilot.press("end")
        assert screen.walk.is_last(screen.position)
        await pilot.press("home")
        assert screen.position.page == 0
        await pilot.press("1", "2", "enter")
        assert screen.position.page == 11
        assert "12/" in status(app)
        await pilot.press("3", "g")
        assert screen.position.page == 2
        await pilot.press("9", "9", "9", "enter")
        assert screen.position.page == 2  # no such slide: stays, says so
        assert any("No slide 999" in m for m in messages(app))


async def test_typed_number_shows_in_status_and_escape_clears_it(guide) -> None:
    app = build_app(guide)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        assert "go to 4_" in status(app)
        await pilot.press("escape")
        assert "go to" not in status(app)
        await pilot.press("enter")
        assert app.screen.position.page == 1  # Enter is plain "next" again


async def test_first_and_last_pages_disable_back_and_next(guide) -> None:
    app = build_app(guide)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert screen.check_action("previous", ()) is None
        await pilot.press("left")
        assert screen.position.page == 0
        await pilot.press("end")
        assert screen.walk.is_last(screen.position)
        assert screen.check_action("next", ()) is None  # shown, greyed: nothing comes after
        await pilot.press("right")
        assert screen.walk.is_last(screen.position)


async def test_quiz_page_offers_start_and_skip(guide) -> None:
    app = build_app(guide)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        while screen.page.kind != "quiz":
            await pilot.press("right")
        assert screen.check_action("start_quiz", ()) is True
        assert screen.check_action("skip_quiz", ()) is True
        assert screen.check_action("next", ()) is False
        quiz_page = screen.position.page
        await pilot.press("right")  # skips the quiz
        assert screen.position.page == quiz_page + 1
        assert screen.page.kind == "slide"


async def test_help_lists_every_binding(guide) -> None:
    app = build_app(guide)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(shown(static, 110) for static in app.screen.query(Static))
        for words in ("Next", "Back", "Start quiz", "Skip quiz", "Go to slide number", "Hint",
                      "Skip", "Leave quiz", "PgDn", "PgUp", "Quit"):
            assert words in text, words
        await pilot.press("escape")
        assert isinstance(app.screen, PresenterScreen)


async def test_q_quits(guide) -> None:
    app = build_app(guide)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert not app.is_running


@pytest.mark.parametrize("size", [(60, 20), (250, 70), (20, 5)])
async def test_every_size_presents_or_says_too_small(guide, size: tuple[int, int]) -> None:
    app = build_app(guide)
    async with app.run_test(size=size) as pilot:
        await pilot.press("right", "right")
        small = app.screen.has_class("-too-small")
        assert small == (size == (20, 5))
        notices = app.screen.query("#too-small")
        if small:
            message = notices.only_one(Static)
            assert message.display is True and "too small" in shown(message)
            assert not app.screen.query_one("#stage").display
        else:  # mounted only once the terminal is too small
            assert all(not notice.display for notice in notices)
            assert app.screen.query_one("#stage").display


async def test_resizing_never_crashes_and_keeps_the_slide(guide) -> None:
    app = build_app(guide, start=4)
    async with app.run_test(size=(120, 40)) as pilot:
        for width, height in [(250, 70), (20, 5), (60, 20), (29, 40), (120, 7), (120, 40)]:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
        assert app.screen.position.page == 3
        assert not app.screen.has_class("-too-small")
        # Hidden while too small, the slide view has the focus back, and the keys read as before.
        assert app.screen.focused is app.screen.query_one("#slide-view")
        from tui.ui.widgets.key_bar import KeyBar

        assert [hint.key for hint in app.screen.query_one(KeyBar).hints][:3] == ["left", "right", "tab"]


async def test_tall_slide_scrolls(tmp_path: Path) -> None:
    long_slide = "# Tall\n\n" + "\n".join(f"- item {n}" for n in range(60))
    deck = write_deck(tmp_path, {"slides/01.md": long_slide})
    app = build_app(load_presentation(deck))
    async with app.run_test(size=(60, 20)) as pilot:
        view = app.screen.query_one("#slide-view")
        assert view.max_scroll_y > 0
        view.focus()
        await pilot.press("down", "down", "down")
        assert view.scroll_y > 0


async def test_a_page_that_fits_is_placed_without_a_second_layout(guide, monkeypatch) -> None:
    """The first page fits the view: setting its scrollable size must not ask for a layout (a
    second full frame right behind the first); a tall page still does, and then scrolls."""
    from tui.ui.widgets.slide_view import SlideView

    layouts = []
    refresh = SlideView.refresh

    def spy(self, *regions, **options):  # type: ignore[no-untyped-def]
        if options.get("layout"):
            layouts.append(self.virtual_size)
        return refresh(self, *regions, **options)

    monkeypatch.setattr(SlideView, "refresh", spy)
    app = build_app(guide)
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.screen.query_one(SlideView)
        await wait_until(pilot, lambda: view.size.width > 0)
        assert view.virtual_size == view.scrollable_content_region.size
        assert view.max_scroll_y == 0
        assert layouts == []
        await pilot.resize_terminal(130, 44)
        await wait_until(pilot, lambda: view.size.width == 130)
        # The side gutters are drawn inside.
        assert view.virtual_size == view.scrollable_content_region.size == (130, 41)


async def test_a_blank_row_of_the_slide_area_is_sent_as_one_run_of_its_background(guide) -> None:
    """The slide area's side gutters are drawn into the page's lines, not left to CSS padding:
    a blank row goes to the terminal as one styled run of spaces (background only), not three,
    so the first frame is ~20 % smaller and its title comes in the terminal's first read."""
    import re

    app = build_app(guide)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: guide.deck.info.title in body(app))
        frame = app.screen._compositor.render_update(full=True).render_segments(app.console)
        rows = frame.split("\n")
        blank = rows[2]  # in the slide area, above the title card
        styles = re.findall(r"\x1b\[[0-9;]*m", blank)
        assert len(styles) == 2 and styles[1] == "\x1b[0m"  # one style, one reset
        assert re.fullmatch(r"\x1b\[(4[0-7]|10[0-7]|48;[0-9;]+)m", styles[0])  # the background alone
        assert blank.endswith(" " * 120 + "\x1b[0m")
        title = next(row for row in rows if guide.deck.info.title in row)
        assert title.startswith("\x1b[") and frame.index(guide.deck.info.title) < 4095


async def test_content_is_never_markup(tmp_path: Path) -> None:
    """Rich markup and escape codes in a deck are shown as text, never interpreted."""
    deck = write_deck(tmp_path, {
        "deck.yaml": 'title: "[bold red]Not bold[/] \\e]0;pwned\\a"\n',
        "slides/01-x.md": "---\ntitle: '[link=http://x]click[/link]'\ntakeaways: ['[b]kept[/b]']\n---\n\n"
                          "# Title [red]x[/red]\n\nBody \x1b[31mred\x1b[0m [/] [unbalanced\n",
    })
    app = build_app(load_presentation(deck))
    async with app.run_test(size=(100, 30)) as pilot:
        assert "[bold red]Not bold[/]" in body(app)
        assert "\x1b" not in body(app) and "\a" not in body(app)
        await pilot.press("right")
        text = body(app)
        assert "[red]x[/red]" in text and "[/] [unbalanced" in text
        assert "\x1b" not in text and "red" in text
        await pilot.press("right")
        assert "[b]kept[/b]" in body(app)
        assert "[link=http://x]click[/link]" in status(app)


async def test_keys_typed_fast_are_read_in_order(guide) -> None:
    """A terminal delivers "6" and Enter in one read; the jump must still go to slide 6."""
    from textual import events

    app = build_app(guide)
    async with app.run_test(size=(120, 40)) as pilot:
        app.post_message(events.Key("6", "6"))
        app.post_message(events.Key("enter", "\r"))
        await wait_until(pilot, lambda: app.screen.position.page == 5)
        assert app.screen.typed == ""


def test_the_presenter_is_the_first_screen_and_keys_typed_while_it_mounts_do_nothing(guide) -> None:
    """The presenter is the base of the screen stack, mounted as the app starts; a key that
    arrives before it has its widgets (typed ahead while podium starts) must not crash it."""
    from textual import events

    seen: dict[str, object] = {}

    async def at_start(pilot) -> None:
        app = pilot.app
        seen["stack"] = list(app.screen_stack)
        seen["mounted"] = app.screen.is_mounted
        app.post_message(events.Key("right", None))
        await wait_until(pilot, lambda: app.screen.is_mounted)
        seen["position"] = app.screen.position
        await pilot.press("right")
        seen["moved"] = app.screen.position
        app.exit()

    app = build_app(guide, start=3)
    app.run(headless=True, auto_pilot=at_start, size=(120, 40))
    assert app.return_code == 0
    assert len(seen["stack"]) == 1 and isinstance(seen["stack"][0], PresenterScreen)
    assert seen["mounted"] is False  # the key above did come before the mount
    assert seen["position"].page == 2  # the early key did nothing: still the start page
    assert seen["moved"].page == 3  # and keys work once it is mounted


def test_the_first_frame_shows_the_presenters_keys(guide, monkeypatch) -> None:
    """The key bar is drawn right in the presenter's first frame: it takes the keys at once
    before it is on screen, and only once it is does it catch up after frames."""
    from tui.ui.widgets.key_bar import KeyBar

    app = build_app(guide, start=3)
    frames: list[list[str]] = []
    display = type(app)._display

    def logged_display(self, screen, renderable):  # type: ignore[no-untyped-def]
        if renderable is not None and isinstance(screen, PresenterScreen):
            frames.append([hint.key for hint in screen.query_one(KeyBar).hints])
        return display(self, screen, renderable)

    monkeypatch.setattr(type(app), "_display", logged_display)

    async def at_start(pilot) -> None:
        await wait_until(pilot, lambda: bool(frames))
        await pilot.pause()
        pilot.app.exit()

    app.run(headless=True, auto_pilot=at_start, size=(120, 40))
    assert frames, "no frame was drawn"
    assert {"left", "right", "tab", "s", "q"} <= set(frames[0])
    assert frames[0] == frames[-1]


async def test_a_resize_to_the_size_it_has_lays_nothing_out_and_a_real_one_does(guide, monkeypatch) -> None:
    """Textual lays a screen out again for every Resize, and a start-up brings several of the
    same size right after the first frame; the presenter drops those, and still follows a real
    change of size."""
    from textual import events
    from textual.geometry import Size
    from textual.screen import Screen

    from tui.ui.widgets.status_bar import StatusBar

    layouts: list[object] = []
    refresh_layout = Screen._refresh_layout

    def counted(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        layouts.append(args)
        return refresh_layout(self, *args, **kwargs)

    monkeypatch.setattr(Screen, "_refresh_layout", counted)
    app = build_app(guide, start=3)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.2)  # the resizes of the start-up come and go (nothing to wait for)
        layouts.clear()
        app.screen.post_message(events.Resize(Size(120, 40), Size(120, 40)))
        await pilot.pause(0.1)  # time for the Resize to be handled: that it changes nothing is the subject
        assert layouts == []
        await pilot.resize_terminal(90, 30)
        await wait_until(pilot, lambda: app.screen.query_one(StatusBar).size.width == 90)
        assert layouts
        assert app.screen.query_one(StatusBar).size.width == 90
        assert app.screen.outer_size == Size(90, 30)


async def test_the_next_and_previous_pages_are_drawn_ahead_so_a_move_renders_nothing(guide) -> None:
    """After each frame the presenter draws the pages a key away (a moment later, once the frame
    is written): the next move only shows lines already drawn."""
    from tui.ui.widgets.slide_view import SlideView

    app = build_app(guide, start=18)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.2)  # the first frame and the pages drawn after it: no sign to wait on
        view = app.screen.query_one(SlideView)
        during_show: list[object] = []
        ahead: list[object] = []
        showing = [False]
        render_page, show = view._render_page, view.show

        def counting_render(*args):  # type: ignore[no-untyped-def]
            (during_show if showing[0] else ahead).append(args[:2])
            return render_page(*args)

        def counting_show(*args):  # type: ignore[no-untyped-def]
            showing[0] = True
            try:
                return show(*args)
            finally:
                showing[0] = False

        view._render_page = counting_render  # type: ignore[method-assign]
        view.show = counting_show  # type: ignore[method-assign]
        for key in ("right", "right", "right", "left", "left", "right", "right", "right"):
            await pilot.press(key)
            await pilot.pause(0.1)  # the presenter pausing between moves, however briefly
        assert app.screen.position.page > 18
        assert not during_show  # every page shown was drawn ahead
        assert ahead  # by the work after each frame
