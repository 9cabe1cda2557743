"""Every page of a deck as an SVG, drawn by the real app headless, plus an index page linking them.

One app run serves every page: the presenter is moved from page to page (as a jump would move it)
and the screen is captured once it stops changing. Starting an app per page draws the same
pictures (the progress bar's last half cell aside: Textual rounds it down once the bar has a size,
which it has not yet at start-up, so these match what a presenter sees after moving) but takes
about three times as long: measured on the 46-page guide, ~9 s against ~34 s.
"""

from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path

from textual.pilot import Pilot

from tui.domain.presentation import Presentation
from tui.domain.walk import Walk
from tui.ui.app import AppOptions, PodiumApp, make_app
from tui.ui.screens.presenter import PresenterScreen
from tui.ui.widgets.too_small import MIN_HEIGHT, MIN_WIDTH

EXPORT_SEED = 0
EXPORT_TIME = datetime(2026, 1, 1, 9, 0)
"""The wall clock shown in the status bar of every exported page, so exports repeat exactly."""


def fixed_clock() -> datetime:
    return EXPORT_TIME


def svg_name(number: int) -> str:
    """The file name of page `number` (from 1)."""
    return f"slide-{number:03d}.svg"


def export_app(presentation: Presentation, *, theme: str | None = "podium-dark", start: int | None = None) -> PodiumApp:
    """The app as the export runs it: fixed seed and clock; `theme` checked before anything runs."""
    app = make_app(presentation, AppOptions(seed=EXPORT_SEED, theme=theme, start=start, clock=fixed_clock))
    if app.initial_theme not in app.available_themes:
        names = ", ".join(sorted(app.available_themes))
        raise ValueError(f"unknown theme '{app.initial_theme}'; themes are: {names}")
    return app


async def settle(pilot: Pilot) -> None:
    """Wait until what the screen shows is complete (as Textual's own screenshots wait)."""
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


async def steady_screenshot(pilot: Pilot, rounds: int = 3, limit: int = 20) -> str:
    """The screen as an SVG once it has stopped changing.

    Each round lets every pending message be handled and the screen be laid out and painted
    again (`pause(0)`, no idle wait); the picture counts as final when `rounds` rounds in a row
    leave it unchanged. This draws what a full `settle` draws in about a third of the time.
    """
    app = pilot.app
    previous = app.export_screenshot()
    unchanged = 0
    for _ in range(limit):
        await pilot.pause(0)
        current = app.export_screenshot()
        unchanged = unchanged + 1 if current == previous else 0
        if unchanged >= rounds:
            return current
        previous = current
    await settle(pilot)
    return app.export_screenshot()


async def export_svg(presentation: Presentation, out_dir: Path, *, size: tuple[int, int] = (120, 40),
                     theme: str | None = "podium-dark") -> list[Path]:
    """Write `out_dir/slide-001.svg`... (one per page, fully revealed) and `out_dir/index.html`.

    `size` is the terminal's (columns, rows); `theme` a Textual theme name (None: the deck's own,
    else podium's default). Returns the paths written, the SVGs in page order, then the index.
    Raises ValueError for an unknown theme or a size too small to show a slide.
    """
    width, height = size
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        raise ValueError(f"size {width}x{height} is too small to show a slide: "
                         f"at least {MIN_WIDTH}x{MIN_HEIGHT} is needed")
    walk = Walk(presentation.deck)
    app = export_app(presentation, theme=theme, start=1)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    titles: list[str] = []
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PresenterScreen)
        for index in range(len(walk)):
            target = screen.walk.goto(index + 1)
            if target is not None and target != screen.position:
                screen.position = target
            path = out_dir / svg_name(index + 1)
            path.write_text(await steady_screenshot(pilot), encoding="utf-8")
            written.append(path)
            titles.append(screen.page_title(index))
    index_path = out_dir / "index.html"
    index_path.write_text(index_page(presentation.deck.title, titles), encoding="utf-8")
    return [*written, index_path]


def index_page(deck_title: str, titles: list[str]) -> str:
    """An HTML page showing every exported SVG in order, each linked, under its page title."""
    e = html.escape
    title = deck_title or "Slides"
    items = "\n".join(
        f'<li><a href="{svg_name(number)}"><span class="title">{number}. {e(page_title)}</span>'
        f'<img src="{svg_name(number)}" alt="Page {number}: {e(page_title)}" loading="lazy"></a></li>'
        for number, page_title in enumerate(titles, 1)
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="podium">
<title>{e(title)}</title>
<style>
body {{ margin: 0 auto; max-width: 64rem; padding: 1.5rem; color: #1f2328; background: #fff;
       font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }}
ol {{ list-style: none; padding: 0; }}
li {{ margin: 0 0 2rem; }}
a {{ color: #0550ae; text-decoration: none; }}
.title {{ display: block; font-weight: 600; margin-bottom: 0.4rem; }}
img {{ display: block; width: 100%; height: auto; border: 1px solid #d0d7de; border-radius: 6px; }}
@media print {{ li {{ break-inside: avoid; }} }}
</style>
</head>
<body>
<h1>{e(title)}</h1>
<p>{len(titles)} page{'' if len(titles) == 1 else 's'}, as the terminal shows them.</p>
<ol>
{items}
</ol>
</body>
</html>
"""
