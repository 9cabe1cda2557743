"""Keys that reach podium together, as a terminal delivers a fast typist's keys in one read.

Each test posts a burst of keys before the app handles the first (tests/support/keyfuzz.py,
`send_burst`), the way the crashes the key fuzzer found arrive.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.command import CommandPalette
from textual.widgets import Static

from tests.conftest import FIXTURES, build_app, needs_door
from tests.support.keyfuzz import send_burst, settle
from tui.domain.loader import load_presentation
from tui.ui.screens.help import HelpScreen
from tui.ui.screens.presenter import PresenterScreen
from tui.ui.screens.summary import SummaryScreen
from tui.ui.widgets.answer_inputs import ChoicePicker, ManyPicker, OrderPicker

EVERY_TYPE = load_presentation(FIXTURES / "every-type")


async def test_tab_then_two_enters_in_one_read_close_the_overview_once() -> None:
    app = build_app(EVERY_TYPE)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await send_burst(pilot, ["right", "right"])
        await send_burst(pilot, ["tab", "enter", "enter"])
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, PresenterScreen)
        assert len(app.screen_stack) == 1
        # The first Enter chose the highlighted page (the current one); the second found the
        # overview gone and did nothing.
        assert app.screen.position.page == 2


async def test_a_second_dismiss_never_closes_the_screen_below() -> None:
    app = build_app(EVERY_TYPE)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        summary = SummaryScreen(())
        await app.push_screen(summary)
        summary.dismiss(None)
        await app.push_screen(HelpScreen())
        summary.dismiss(None)  # no longer on the stack: nothing happens
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert len(app.screen_stack) == 2


async def palette_then(keys: list[str]) -> None:
    app = build_app(EVERY_TYPE)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await send_burst(pilot, keys)
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, CommandPalette)


async def test_ctrl_p_then_page_up_in_one_read() -> None:
    await palette_then(["ctrl+p", "pageup"])


async def test_slash_then_page_up_in_one_read() -> None:
    await palette_then(["slash", "pageup"])


async def test_slash_then_page_down_in_one_read() -> None:
    await palette_then(["slash", "pagedown"])


async def test_typing_in_the_palette_then_page_down_in_one_read() -> None:
    # Found by the key fuzzer: the list holds matches but has not been laid out yet.
    await palette_then(["ctrl+p", "1", "3", "pagedown"])


async def test_two_enters_in_the_palette_close_it_once() -> None:
    app = build_app(EVERY_TYPE)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await send_burst(pilot, ["ctrl+p", "escape", "escape"])
        await send_burst(pilot, ["ctrl+p", "enter", "enter"])
        await pilot.pause()
        assert app.is_running and _exception(app) is None


def _exception(app: App) -> BaseException | None:
    return getattr(app, "_exception", None)


class OnePicker(App[None]):
    """An app that shows nothing but a header, so a picker can be mounted into it."""

    def compose(self) -> ComposeResult:
        yield Static("answers")


CHOICES = tuple(f"Choice {n}" for n in range(40))


async def test_answer_pickers_page_once_laid_out() -> None:
    for picker_class in (ChoicePicker, ManyPicker, OrderPicker):
        app = OnePicker()
        async with app.run_test(size=(60, 12)) as pilot:
            picker = picker_class(CHOICES)
            await app.screen.mount(picker)
            # Mounted, not laid out yet: no height to page by. The keys wait for the layout.
            picker.action_page_down()
            picker.action_page_down()
            await pilot.pause()
            assert picker.highlighted is not None and picker.highlighted > 5, picker_class
            before = picker.highlighted
            picker.action_page_up()
            await pilot.pause()
            assert picker.highlighted < before


@needs_door
async def test_a_palette_closed_before_it_was_mounted_does_nothing_on_mount() -> None:
    # Ctrl+P then Escape in one read (found in tmux): the palette is dismissed before its Mount
    # is handled; Textual's set-up on mount then looked for the screen below it (IndexError) or
    # gathered commands into a list already removed (NoMatches).
    from tui.ui.palette import Palette

    app = build_app(EVERY_TYPE)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        palette = Palette(id="--command-palette")
        app.push_screen(palette)
        palette.dismiss()
        await pilot.pause()
        assert app.is_running and _exception(app) is None
        assert isinstance(app.screen, PresenterScreen)


async def test_the_theme_picker_pages_once_laid_out() -> None:
    # Found by the key fuzzer: the "Change theme" command opens a palette of its own (Textual's
    # `App.search_themes`), which had the same Page Down crash as Ctrl+P.
    app = build_app(EVERY_TYPE)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.search_themes()
        await send_burst(pilot, ["pagedown", "pageup"])
        await pilot.pause()
        assert app.is_running and _exception(app) is None
        assert isinstance(app.screen, CommandPalette)


async def test_the_speaker_views_palette_pages_once_laid_out(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # Found by the key fuzzer on `podium notes`: its app opened Textual's own palette.
    from tests.support.clock import FakeClock
    from tui.ui.notes_app import make_notes_app

    app = make_notes_app(EVERY_TYPE, tmp_path / "presenting.json", theme="textual-dark",
                         clock=FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await send_burst(pilot, ["ctrl+p", "1", "3", "pagedown"])
        await pilot.pause()
        assert app.is_running and _exception(app) is None
        assert isinstance(app.screen, CommandPalette)


async def test_the_fuzzers_palette_sequence() -> None:
    # Found by the key fuzzer (palette, seed 0): in the palette, "p" then Enter picks "Change
    # theme", whose own palette (Textual's) was then dismissed twice by the Enters that followed,
    # closing the presenter under it (ScreenStackError).
    app = build_app(EVERY_TYPE)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await send_burst(pilot, ["ctrl+p"])
        await send_burst(pilot, ["question_mark", "enter", "p", "s", "ctrl+end", "s", "ctrl+p", "y"])
        await send_burst(pilot, ["alt+backspace", "p", "ctrl+shift+right", "enter", "d", "enter"])
        await pilot.pause()
        assert app.is_running and _exception(app) is None


@needs_door
async def test_gathering_commands_for_a_palette_whose_list_is_gone_does_nothing() -> None:
    # Found in tmux (a flood of keys on the results screen of `podium quiz`): the palette's
    # command-gathering worker ran after the palette's widgets were removed (NoMatches). The
    # state is made here directly: the list removed, then a gathering started.
    from textual.command import CommandList

    app = build_app(EVERY_TYPE)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await send_burst(pilot, ["ctrl+p"])
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        await palette.query_one(CommandList).remove()
        palette._gather_commands("theme")
        await pilot.pause()
        assert app.is_running and _exception(app) is None


async def test_keys_read_with_the_quit_key_do_nothing() -> None:
    # Found by the key fuzzer (presenter, seed 1): Ctrl+Q then Tab in one read opened the
    # overview while the app was exiting, and the exit removed it half mounted (NoMatches).
    for burst in (["ctrl+q", "delete", "home", "super+c", "tab"], ["ctrl+q", "ctrl+p"],
                  ["q", "question_mark"], ["ctrl+c", "i"]):
        app = build_app(EVERY_TYPE)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await send_burst(pilot, burst)
            await pilot.pause()
        assert _exception(app) is None, burst
        assert app.return_code == 0


@needs_door
async def test_a_palette_closed_while_it_gathers_commands_does_nothing(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # Seen under load by the key fuzzer (presenter; the speaker view's palette): the palette's
    # list was removed while its worker was still gathering commands, and the worker's next look
    # at the list raised NoMatches. Here a provider holds the gathering until the list is gone.
    import asyncio

    from textual.command import CommandList, Hit, Hits, Provider

    from tui.ui.app import PodiumApp

    searching, release = asyncio.Event(), asyncio.Event()

    class Slow(Provider):
        async def search(self, query: str) -> Hits:
            searching.set()
            await release.wait()
            yield Hit(1.0, query, lambda: None)

    monkeypatch.setattr(PodiumApp, "COMMANDS", {Slow})
    app = build_app(EVERY_TYPE)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await send_burst(pilot, ["ctrl+p", "x"])
        await asyncio.wait_for(searching.wait(), timeout=30)
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        await palette.query_one(CommandList).remove()
        release.set()
        for _ in range(5):
            await pilot.pause()
        assert app.is_running and _exception(app) is None
