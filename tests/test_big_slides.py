"""Big slides are drawn piece by piece, as they come into view, and look as Rich draws them whole.

A slide of thousands of lines (a table of 20,000 rows) used to be drawn whole before it showed:
seconds with the presenter frozen. `tui/ui/slide_pieces.py` cuts such a slide at block boundaries
(and its tables into runs of rows); these tests hold the pieces to Rich's own drawing of the whole
slide, and the slide view to drawing only what is on screen. Timing is in benchmarks/bigdata.py.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.markdown import Markdown

from tests.conftest import build_app, write_deck
from tests.support.waiting import settle_until
from tui.domain.loader import load_presentation
from tui.ui.screens.presenter import PresenterScreen
from tui.ui.slide_pieces import LAZY_LINES, TABLE_ROWS, cut_slide, piece_markdown, trim_run
from tui.ui.widgets.slide_view import SlideView


def table(rows: int, columns: int = 3, wide: bool = False) -> str:
    filler = " and some more words" * 4 if wide else ""
    head = "| " + " | ".join(f"h{c}" for c in range(columns)) + " |"
    rule = "|" + "---|" * columns
    body = [("| " + " | ".join(f"r{n}c{c}{filler if c == 1 else ''}" for c in range(columns)) + " |")
            for n in range(rows)]
    return "\n".join([head, rule, *body]) + "\n"


def drawn_whole(markdown: str, width: int) -> list[str]:
    console = Console(width=width, file=io.StringIO(), color_system=None)
    return ["".join(s.text for s in line)
            for line in console.render_lines(Markdown(markdown, hyperlinks=False), pad=True)]


def drawn_in_pieces(markdown: str, width: int) -> list[str]:
    console = Console(width=width, file=io.StringIO(), color_system=None)
    pieces = cut_slide(markdown)
    assert pieces is not None, "not cut"
    out: list[str] = []
    for piece in pieces:
        if piece.gap:
            out.append(" " * width)
        lines = console.render_lines(piece_markdown(piece, "monokai"), pad=True)
        out += ["".join(s.text for s in line) for line in trim_run(piece, lines)]
    return out


BLOCKS = [
    "# A heading", "## Second level", "A paragraph of *plain* text with `code` and **bold**.",
    "- a bullet\n- another\n  continued", "1. one\n2. two\n3. three", "> a quote\n> more",
    "---", "```python\nx = 1\n\ny = 2\n```", "    indented code", "Setext\n======",
    "A [link](https://example.org) here", "| a | b |\n|---|---|\n| 1 | 2 |", "~~gone~~ text",
    "- item\n\n  a second paragraph of the item", "Text right\nunder text",
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          phases=[Phase.explicit, Phase.reuse, Phase.generate])  # shrinking these takes minutes
@given(st.lists(st.sampled_from(BLOCKS), min_size=1, max_size=12), st.sampled_from([40, 98]),
       st.integers(min_value=0, max_value=3))
def test_a_big_slide_in_pieces_looks_as_drawn_whole(blocks: list[str], width: int, where: int) -> None:
    """Blocks of every kind, repeated past the size that makes a slide big, with a big table among
    them: the pieces put together are line for line what Rich draws of the whole slide."""
    body = "\n\n".join(blocks * (LAZY_LINES // len(blocks) + 1))
    parts = ["# Big", body]
    parts.insert(min(where, len(parts)), table(TABLE_ROWS * 3 + 5))
    markdown = "\n\n".join(parts)
    assert drawn_in_pieces(markdown, width) == drawn_whole(markdown, width)


def test_a_wide_table_in_runs_is_narrowed_as_rich_narrows_it_whole() -> None:
    markdown = "# Wide\n\n" + table(400, columns=4, wide=True)
    assert drawn_in_pieces(markdown, 60) == drawn_whole(markdown, 60)


def test_usual_slides_and_what_cannot_be_cut_safely_are_drawn_whole() -> None:
    assert cut_slide("# Short\n\n" + table(100)) is None  # not big: drawn as always
    big = "\n\n".join(f"para {n}" for n in range(LAZY_LINES))
    assert cut_slide(big) is not None
    assert cut_slide("<div>\n\n" + big) is None  # HTML may reach across blocks
    assert cut_slide(big + "\n\n[ref]: https://example.org") is None  # so may reference links
    tricky = "# T\n\n" + table(400).replace("| r200c0 |", "| r200c0 \\| x |")  # an escaped pipe
    pieces = cut_slide(tricky)
    assert pieces is None or all(piece.table is None for piece in pieces)


def big_table_deck(root: Path, rows: int) -> Path:
    body = ("# Before\n\nA short slide.\n\n---\n\n# The big table\n\n" + table(rows)
            + "\n---\n\n# After\n\nThe end.\n")
    return write_deck(root, {"slides/01-tables.md": body})


@pytest.mark.slow
async def test_moving_to_a_slide_of_20000_rows_draws_only_the_first_screenful(tmp_path: Path,
                                                                              monkeypatch) -> None:
    """The view draws the pieces that fill the screen, not the 20,000 rows (counted: the rows of
    the pieces drawn); the rest is drawn later, in batches between keys."""
    import tui.ui.widgets.slide_view as slide_view

    monkeypatch.setattr(slide_view, "FILL_EVERY", 3600.0)  # hold the batches: see the move alone
    presentation = load_presentation(big_table_deck(tmp_path, 20_000))
    app = build_app(presentation)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("right")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PresenterScreen) and screen.position.page == 1
        view = screen.query_one(SlideView)
        rest = view._image.rest
        assert rest is not None
        rows_drawn = sum(rest.pieces[n].stop - rest.pieces[n].start for n in range(rest.measured)
                         if rest.pieces[n].table is not None)
        assert 0 < rows_drawn <= 2 * TABLE_ROWS
        shown = [view.render_line(y).text for y in range(view.scrollable_content_region.height)]
        assert any("The big table" in row for row in shown)
        assert any("r0c0" in row for row in shown)
        # Scrolling down draws what comes into view, a screenful ahead.
        view.focus()
        for _ in range(200):
            await pilot.press("down")
        await pilot.pause()
        assert view.scroll_offset.y == 200
        shown = " ".join(view.render_line(y).text for y in range(view.scrollable_content_region.height))
        assert "r200c0" in shown
        assert rest.measured < len(rest.pieces) // 50


@pytest.mark.slow
async def test_the_rest_of_a_big_slide_is_drawn_between_keys_to_its_last_row(tmp_path: Path) -> None:
    presentation = load_presentation(big_table_deck(tmp_path, 1_000))
    app = build_app(presentation, start=2)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(SlideView)
        rest = view._image.rest
        assert rest is not None
        await settle_until(pilot, lambda: rest.done, 60, message="the rest of the slide was never drawn")
        await pilot.pause()
        assert view.virtual_size.height == len(view._image.lines) > 1_000
        view.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        shown = " ".join(view.render_line(y).text for y in range(view.scrollable_content_region.height))
        assert "r999c0" in shown
        await pilot.press("right")
        await pilot.pause()
        assert app.screen.position.page == 2
