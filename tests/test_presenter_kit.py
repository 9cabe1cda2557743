"""Pilot tests for the presenter's kit: overview, search, section jumps, notes, timer, themes."""

from __future__ import annotations

from textual.widgets import OptionList, Static

from tests.conftest import build_app, shown
from tests.support.clock import FakeClock
from tests.support.pages import palette_offers
from tui.ui.screens.overview import OverviewScreen
from tui.ui.screens.presenter import PresenterScreen
from tui.ui.screens.quiz import QuizScreen
from tui.ui.widgets.status_bar import StatusBar


async def test_overview_lists_every_page_and_jumps(guide) -> None:
    app = build_app(guide, start=12)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("o")
        overview = app.screen
        assert isinstance(overview, OverviewScreen)
        options = overview.query_one(OptionList)
        pages = [options.get_option_at_index(i) for i in range(options.option_count)]
        page_ids = [o.id for o in pages if str(o.id).startswith("page-")]
        assert len(page_ids) == len(app.screen_stack[1].walk)
        headings = [str(o.prompt) for o in pages if o.disabled]
        assert headings[1:] == [section.title for section in guide.deck.sections]
        # The current slide is highlighted.
        assert options.get_option_at_index(options.highlighted).id == "page-11"
        await pilot.press("down", "down", "enter")
        presenter = app.screen
        assert isinstance(presenter, PresenterScreen)
        assert presenter.position.page == 13


async def test_overview_shows_last_quiz_score_and_tab_closes(guide) -> None:
    app = build_app(guide)
    async with app.run_test(size=(120, 40)) as pilot:
        presenter = app.screen
        presenter.start_quiz_of(0)
        await pilot.pause()
        count = len(guide.banks[0].questions)
        for _ in range(count):
            await pilot.press("f3", "enter")  # skip every question, then see the results
        await pilot.pause()
        await pilot.press("enter")  # close the results
        await pilot.pause()
        await pilot.press("tab")
        options = app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any(f"Quiz · last score 0/{count} points" in label for label in labels), labels
        await pilot.press("tab")
        assert isinstance(app.screen, PresenterScreen)


async def test_section_jumps_with_brackets(guide) -> None:
    app = build_app(guide)
    async with app.run_test(size=(120, 40)) as pilot:
        presenter = app.screen
        await pilot.press("right_square_bracket")
        assert presenter.page.section == 0 and presenter.page.kind == "slide"
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert presenter.page.section == 2 and presenter.page.slide == 0
        await pilot.press("right", "left_square_bracket")
        assert presenter.page.section == 2 and presenter.page.slide == 0  # back to this section's start
        await pilot.press("left_square_bracket")
        assert presenter.page.section == 1 and presenter.page.slide == 0


async def test_palette_finds_slides_by_title_and_text_and_sections(guide) -> None:
    app = build_app(guide)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        await pilot.press(*"Qwen (Alibaba)")
        await palette_offers(pilot, "Qwen (Alibaba)")
        await pilot.press("enter")
        await pilot.pause()
        presenter = app.screen
        assert isinstance(presenter, PresenterScreen)
        assert presenter.page.kind == "slide"
        assert guide.deck.sections[presenter.page.section].slides[presenter.page.slide].title == "Qwen (Alibaba)"
        await pilot.press("ctrl+p")
        await pilot.press(*"Section: The constraint")
        await palette_offers(pilot, "Section: The constraint")
        await pilot.press("enter")
        await pilot.pause()
        assert guide.deck.sections[presenter.page.section].title == "The constraint: chips"
        assert presenter.page.slide == 0


async def test_palette_starts_a_quiz_and_toggles_notes(guide) -> None:
    app = build_app(guide)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"Toggle speaker notes")
        await palette_offers(pilot, "Toggle speaker notes")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.show_notes
        await pilot.press("slash", *"Quiz: The moment")
        await palette_offers(pilot, "Quiz: The moment")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        assert app.screen.run.section == guide.banks[2].title or "narrative" in app.screen.run.section.lower()


async def test_notes_panel_follows_the_slide(guide) -> None:
    app = build_app(guide, start=2)
    async with app.run_test(size=(120, 40)) as pilot:
        presenter = app.screen
        assert not presenter.query("#notes-panel")  # mounted when first asked for
        await pilot.press("s")
        await pilot.pause()
        panel = presenter.query_one("#notes-panel")
        assert panel.display is True
        slide = guide.deck.sections[presenter.page.section].slides[presenter.page.slide]
        text = " ".join(shown(presenter.query_one("#notes-body", Static), 60).split())
        assert " ".join(slide.notes.split())[:40] in text
        assert "Next:" in text
        await pilot.press("right")
        await pilot.pause()
        following = guide.deck.sections[presenter.page.section].slides[presenter.page.slide]
        text = " ".join(shown(presenter.query_one("#notes-body", Static), 60).split())
        assert " ".join(following.notes.split())[:40] in text
        await pilot.press("s")
        assert panel.display is False


async def test_timer_counts_from_the_first_key_and_hides_with_t(guide) -> None:
    clock = FakeClock()
    app = build_app(guide, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        status = app.screen.query_one(StatusBar)
        clock.advance(300)  # waiting before the talk starts does not count
        status._tick()  # what the once-a-minute timer does
        assert "0 min · 09:35" in shown(status, 120)
        await pilot.press("right")
        clock.advance(125)
        status._tick()
        await pilot.pause()
        assert "2 min · 09:37" in shown(status, 120)
        await pilot.press("t")
        assert "min ·" not in shown(status, 120)
        await pilot.press("t")
        assert "2 min · 09:37" in shown(status, 120)


async def test_podium_themes_and_every_builtin_theme_render(guide) -> None:
    app = build_app(guide, theme="podium-light", start=19)
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.theme == "podium-light"
        assert {"podium-dark", "podium-light", "textual-dark", "nord"} <= set(app.available_themes)
        for name in sorted(app.available_themes):
            app.theme = name
            await pilot.pause()
            app.screen.position = app.screen.position  # redraw the slide with the theme's colours
            await pilot.pause()
            assert "At a glance" in shown(app.screen.query_one("#slide-view"))


async def test_switching_theme_redraws_the_slide_in_its_colours(guide) -> None:
    app = build_app(guide, theme="podium-dark", start=19)
    async with app.run_test(size=(120, 40)) as pilot:
        from tui.ui.widgets.slide_view import solid_colors

        body = app.screen.query_one("#slide-view")
        dark = solid_colors(app.theme_variables)["primary"]
        assert str(body.content.theme.styles["markdown.h1"]) == f"bold {dark.lower()}"
        app.theme = "podium-light"  # as the palette's theme switcher does
        await pilot.pause(0.2)
        light = solid_colors(app.theme_variables)["primary"]
        assert light != dark
        assert str(body.content.theme.styles["markdown.h1"]) == f"bold {light.lower()}"


async def test_switching_theme_repaints_the_status_line_and_key_bar_in_its_colours(guide) -> None:
    """Both bars keep their own line and styles between moves; a theme change must reach them."""
    from tui.ui.widgets.key_bar import KeyBar

    app = build_app(guide, theme="podium-dark", start=19)
    async with app.run_test(size=(120, 40)) as pilot:
        status, keys = app.screen.query_one(StatusBar), app.screen.query_one(KeyBar)

        def painted(widget, component: str):  # type: ignore[no-untyped-def]
            line = widget.render_line(0)
            assert "".join(segment.text for segment in line) == widget.render().plain.ljust(120)[:120]
            styles = {segment.style for segment in line if segment.text.strip()}
            return styles, widget.get_component_rich_style(component)

        for name in ("podium-dark", "podium-light", "nord"):
            app.theme = name
            await pilot.pause(0.1)
            styles, count = painted(status, "status-bar--count")
            assert count in styles  # the slide count is drawn in this theme's count style
            styles, key = painted(keys, "key-bar--key")
            assert key in styles
        assert " 19/47 " in "".join(segment.text for segment in status.render_line(0))
        await pilot.press("right")
        await pilot.pause()
        assert " 20/47 " in "".join(segment.text for segment in status.render_line(0))


async def test_palette_finds_a_slide_by_its_text(guide) -> None:
    app = build_app(guide)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"forcing function")
        await palette_offers(pilot, "The paradox")  # the one slide whose text says it
        await pilot.press("enter")
        await pilot.pause()
        presenter = app.screen
        slide = guide.deck.sections[presenter.page.section].slides[presenter.page.slide]
        assert "forcing function" in slide.markdown
        assert "forcing function" not in (slide.title or "")
