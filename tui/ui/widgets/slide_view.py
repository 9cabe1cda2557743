"""The slide area: renders one page (title, slide, takeaways, quiz card) and nothing else.

Slide Markdown is drawn by Rich's Markdown renderer, styled from the Textual theme, into lines that
a line-API widget puts on screen: turning a slide costs one render (or none, when it was drawn
ahead), never a widget tree.
"""

from __future__ import annotations

import time
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Generic, NamedTuple, Protocol, TypeVar, cast

from rich.box import DOUBLE, ROUNDED
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.panel import Panel
from rich.style import Style
from rich.text import Text
from rich.theme import Theme
from textual.color import Color, ColorParseError
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

from tui.domain.deck import Deck
from tui.domain.walk import Page

if TYPE_CHECKING:
    from rich.markdown import Markdown

    from tui.domain.quizbank import QuizBank
    from tui.ui.slide_pieces import Piece


class ThemedMarkdown:
    """Rich Markdown drawn with styles taken from the current Textual theme."""

    def __init__(self, markdown: Markdown, theme: Theme) -> None:
        self.markdown = markdown
        self.theme = theme

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        with console.use_theme(self.theme):
            lines = list(console.render(self.markdown, options))
        yield from lines


class WholeSlide:
    """A big slide's renderable, made when it is first rendered (the view draws it in pieces; a
    test or an export may still render it whole)."""

    def __init__(self, make: Callable[[], RenderableType]) -> None:
        self.make = make

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.make()


def solid_colors(variables: dict[str, str]) -> dict[str, str]:
    """Theme variables as plain hex colours Rich can parse (alpha blended over the background)."""
    background = Color.parse(variables.get("background", "#000000"))
    colors: dict[str, str] = {}
    for name in ("primary", "secondary", "accent", "surface", "warning", "foreground", "background"):
        try:
            colors[name] = background.blend(Color.parse(variables[name]), 1.0).hex6
        except (KeyError, ColorParseError):
            continue
    foreground = Color.parse(colors.get("foreground", "#e0e0e0"))
    colors["muted"] = background.blend(foreground, 0.65).hex6
    return colors


def markdown_theme(colors: dict[str, str]) -> Theme:
    """Rich styles for Markdown elements, from the theme's solid colours."""
    primary = colors.get("primary", "blue")
    accent = colors.get("accent", primary)
    secondary = colors.get("secondary", accent)
    surface = colors.get("surface", "default")
    warning = colors.get("warning", "yellow")
    muted = colors["muted"]
    return Theme(
        {
            "markdown.h1": f"bold {primary}",
            "markdown.h1.border": primary,
            "markdown.h2": f"bold {primary}",
            "markdown.h3": f"bold {secondary}",
            "markdown.h4": f"bold italic {secondary}",
            "markdown.code": f"bold {warning} on {surface}",
            "markdown.code_block": f"on {surface}",
            "markdown.block_quote": f"italic {muted}",
            "markdown.item.bullet": f"bold {accent}",
            "markdown.item.number": f"bold {accent}",
            "markdown.link": f"underline {accent}",
            "markdown.link_url": f"underline {accent}",
            "markdown.hr": muted,
            "markdown.table.border": muted,
            "markdown.table.header": f"bold {primary}",
        },
        inherit=True,
    )


BODY_WIDTH = 100
"""The widest a slide is drawn: longer lines read badly on a wide terminal."""
QUIZ_WIDTH = 64
CACHE_SIZE = 12
"""Pages kept drawn: the current one, its neighbours and the recent past."""


KEPT_PIECES = 16
"""Pieces of a big slide whose lines are kept drawn (the screen's and those around it)."""
FILL_SECONDS = 0.01
"""Main-thread time each batch of drawing the rest of a big slide may take, between keys."""
FILL_EVERY = 0.01
"""Seconds between those batches."""


GUTTER = 2
"""Blank columns kept at each side of the slide area. They are drawn into the page's lines, not
left to CSS padding, which Textual sends as runs of their own on every row written
(docs/performance.md)."""


NO_INK = (1 << 30, 0)
"""The span of a blank line: empty."""


def inked_span(line: Strip, base: Style) -> tuple[int, int]:
    """The cells of `line` from the first to the last one that is not a blank in `base`'s colours."""
    start, end, x = NO_INK[0], 0, 0
    for segment in line:
        width = segment.cell_length
        style = segment.style
        blank = not segment.text.strip() and (style is None or (
            style.bgcolor == base.bgcolor and not (style.underline or style.strike or style.reverse)))
        if not blank:
            start = min(start, x)
            end = x + width
        x += width
    return start, end


_Item = TypeVar("_Item", covariant=True)


class Indexed(Protocol[_Item]):
    """What a page's lines and spans are: a list, or a big slide's `PieceLines`."""

    def __len__(self) -> int: ...

    def __getitem__(self, index: int, /) -> _Item: ...


class PageImage(NamedTuple):
    """A page drawn into lines of a given width, ready to be put on screen."""

    lines: Indexed[Strip]
    margin: int
    """Blank lines kept above the page when it is centred (the title card sits a little low)."""
    blank: Strip
    """A blank line of the same width, in the view's colours."""
    base: Style
    """The view's colours."""
    spans: Indexed[tuple[int, int]]
    """For each line, the cells from the first to the last that are not plain background: a move
    repaints only those (of the old and the new line), so less is written to the terminal."""
    rest: Pieces | None = None
    """A big slide's pieces, drawn as they are needed; `lines` and `spans` are then views of them,
    as long as the pieces drawn so far."""


class Pieces:
    """A big slide's pieces, drawn one at a time: the first screenful at once, the next ones as
    they are scrolled to or between keys. Only the height of every piece drawn is kept, and the
    lines of the last `KEPT_PIECES` drawn (a piece scrolled back to is drawn again): keeping every
    line of a slide of 20,000 rows would give the garbage collector half a million objects to walk
    over and over, hundreds of milliseconds each time."""

    def __init__(self, pieces: list[Piece], draw: Callable[[RenderableType], list[Strip]],
                 theme: Theme, code_theme: str, base: Style) -> None:
        self.pieces = pieces
        self.draw = draw
        self.theme = theme
        self.code_theme = code_theme
        self.base = base
        self.starts: list[int] = [0]
        """The first line of each piece measured, and the line after the last one."""
        self._kept: OrderedDict[int, tuple[list[Strip], list[tuple[int, int]]]] = OrderedDict()
        self.lines: PieceLines[Strip] = PieceLines(self, 0)
        self.spans: PieceLines[tuple[int, int]] = PieceLines(self, 1)

    @property
    def measured(self) -> int:
        """How many pieces have been drawn at least once (their heights are known)."""
        return len(self.starts) - 1

    @property
    def done(self) -> bool:
        return self.measured == len(self.pieces)

    @property
    def height(self) -> int:
        """The lines of the pieces measured so far."""
        return self.starts[-1]

    def measure_next(self) -> None:
        """Draw the next piece not measured yet."""
        lines = self.piece(self.measured)[0]
        self.starts.append(self.starts[-1] + len(lines))

    def piece(self, index: int) -> tuple[list[Strip], list[tuple[int, int]]]:
        """The lines of piece `index` and their inked spans, drawn now unless kept."""
        kept = self._kept.get(index)
        if kept is not None:
            self._kept.move_to_end(index)
            return kept
        from tui.ui.slide_pieces import piece_markdown, trim_run

        piece = self.pieces[index]
        lines = self.draw(Text("")) if piece.gap else []
        lines += trim_run(piece, self.draw(ThemedMarkdown(piece_markdown(piece, self.code_theme), self.theme)))
        kept = (lines, [inked_span(line, self.base) for line in lines])
        self._kept[index] = kept
        while len(self._kept) > KEPT_PIECES:
            self._kept.popitem(last=False)
        return kept


class PieceLines(Generic[_Item]):
    """The lines (`which` 0) or inked spans (1) of a big slide's measured pieces, as a sequence."""

    def __init__(self, pieces: Pieces, which: int) -> None:
        self.pieces = pieces
        self.which = which

    def __len__(self) -> int:
        return self.pieces.height

    def __getitem__(self, index: int) -> _Item:
        starts = self.pieces.starts
        if not 0 <= index < starts[-1]:
            raise IndexError(index)
        number = bisect_right(starts, index) - 1
        # `which` picks the lines (Strip) or the spans, as the annotation where this is made says.
        return cast(_Item, self.pieces.piece(number)[self.which][index - starts[number]])


class SlideView(ScrollView, can_focus=True):
    """The slide area: shows one page of the deck, centred, scrolling when it is too tall.

    Pages are drawn into lines once (and the next one ahead, while the presenter talks), so a move
    puts ready lines on screen: no widget is built and, while pages fit, no layout runs.
    """

    def __init__(self, deck: Deck, banks: Mapping[int, QuizBank], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.deck = deck
        self.banks = banks
        self.due = 0
        """Questions due for review, said on the title slide."""
        self.content: RenderableType = ""
        """The renderable of the page on screen (what tests and exports read)."""
        self._image = PageImage([], 0, Strip.blank(0), Style(), [])
        self._shown: tuple[Page, int, str] | None = None
        self._painted = False
        self._cache: OrderedDict[tuple[object, ...], tuple[RenderableType, PageImage]] = OrderedDict()
        self._filler: Timer | None = None

    class FirstPaint(Message):
        """Posted once, after the view first painted a page: what waits for the first frame
        (loading the rest of the deck, drawing the next pages) can start."""

    def set_deck(self, deck: Deck, banks: Mapping[int, QuizBank]) -> None:
        """A reloaded deck: forget every page drawn from the old one."""
        self.deck, self.banks = deck, banks
        self._cache.clear()

    def show(self, page: Page, step: int, code_theme: str) -> None:
        """Draw `page` revealed up to `step`, repainting only the rows that change."""
        self._shown = (page, step, code_theme)
        if not self.scrollable_content_region.width:
            return  # not laid out yet: drawn on the first resize
        before = self._visible()
        self.content, self._image = self._drawn(page, step, code_theme)
        self._place()
        self._keep_drawing()
        if self.scroll_offset.y:
            self.scroll_to(0, 0, animate=False, immediate=True)
            self.refresh()
            return
        after = self._visible()
        if len(before) != len(after):
            self.refresh()
            return
        for y, ((old, old_span), (new, new_span)) in enumerate(zip(before, after)):
            if old is not new and old != new:
                start = min(old_span[0], new_span[0])
                end = max(old_span[1], new_span[1])
                if end <= start:  # differ only in background: repaint the row
                    start, end = 0, new.cell_length
                self.refresh(Region(start, y, end - start, 1))

    def _keep_drawing(self) -> None:
        """Draw the rest of a big slide on screen in short batches between keys, until done."""
        rest = self._image.rest
        if rest is not None and not rest.done and self._filler is None:
            self._filler = self.set_interval(FILL_EVERY, self._fill)

    def _fill(self) -> None:
        image = self._image
        rest = image.rest
        if rest is not None and not rest.done:
            deadline = time.perf_counter() + FILL_SECONDS
            while not rest.done and time.perf_counter() < deadline:
                rest.measure_next()
            self._place()
            if rest.done:
                self.refresh()  # drawn whole: placed as any page (centred, if it turned out short)
        if (rest is None or rest.done) and self._filler is not None:
            self._filler.stop()
            self._filler = None

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        rest = self._image.rest
        if rest is not None and not rest.done:
            # Scrolled near the end of what is drawn of a big slide: draw a screenful further, so
            # the next scroll finds room (the batches between keys draw the rest in order).
            wanted = int(new_value) + 2 * self.scrollable_content_region.height
            grew = False
            while rest.height < wanted and not rest.done:
                rest.measure_next()
                grew = True
            if grew:
                self._place()

    def prepare(self, page: Page, step: int, code_theme: str) -> None:
        """Draw a page ahead of time, so that showing it later costs no rendering."""
        if self.scrollable_content_region.width:
            self._drawn(page, step, code_theme)

    def on_resize(self) -> None:
        if self._shown is not None:
            self.show(*self._shown)

    def _key(self, page: Page, step: int, code_theme: str) -> tuple[object, ...]:
        return (page, step, code_theme, self.app.theme, self.due, self.scrollable_content_region.width)

    def _drawn(self, page: Page, step: int, code_theme: str) -> tuple[RenderableType, PageImage]:
        key = self._key(page, step, code_theme)
        found = self._cache.get(key)
        if found is not None:
            self._cache.move_to_end(key)
            return found
        pieces = None
        if page.kind == "slide":
            from tui.ui.slide_pieces import cut_slide

            pieces = cut_slide(self.deck.sections[page.section].slides[page.slide].steps[step])
        if pieces is None:
            renderable = self._render_page(page, step, code_theme)
        else:  # the whole slide's Markdown is parsed only if something asks for it
            renderable = WholeSlide(lambda: self._render_page(page, step, code_theme))
        drawn = (renderable, self._draw(page, renderable, pieces, code_theme))
        self._cache[key] = drawn
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        return drawn

    def _draw(self, page: Page, renderable: RenderableType, pieces: list[Piece] | None = None,
              code_theme: str = "") -> PageImage:
        """Lay the page out into full-width lines: centred, boxed for the title and quiz cards; a big
        slide's `pieces` as they are needed (the first screenful now)."""
        width = self.scrollable_content_region.width
        room = max(width - 2 * GUTTER, 1)
        variables = solid_colors(self.app.theme_variables)
        margin = 0
        if page.kind == "title":
            block = min(room, BODY_WIDTH)
            renderable = Panel(renderable, box=DOUBLE, border_style=variables.get("primary", ""),
                               padding=(2, 2), width=block)
            margin = 4
        elif page.kind == "quiz":
            block = min(room, QUIZ_WIDTH)
            renderable = Panel(renderable, box=ROUNDED, border_style=variables.get("accent", ""),
                               padding=(1, 2), width=block)
            margin = 2
        else:
            block = min(room, BODY_WIDTH)
            renderable = Padding(renderable, (0, 1))
        console = self.app.console
        options = console.options.update(width=max(block, 1), height=None, highlight=False)
        base = self.rich_style
        # Blank cells need only the background: the shortest style to send, and every blank cell
        # around the page (gutters included) one run with it.
        blank = Style(bgcolor=base.bgcolor)
        pad_left = Strip.blank(GUTTER + (room - block) // 2, blank)

        def draw(renderable: RenderableType) -> list[Strip]:
            lines = []
            for line in console.render_lines(renderable, options, style=base, pad=True):
                strip = Strip(line).apply_style(base)
                # Runs of one style become one segment: fewer styles to apply and to send per move.
                lines.append(Strip.join([pad_left, strip]).extend_cell_length(width, blank).simplify())
            return lines

        if pieces is not None:
            theme = markdown_theme(variables)
            rest = Pieces(pieces, lambda part: draw(Padding(part, (0, 1))), theme, code_theme, base)
            while rest.height <= self.scrollable_content_region.height and not rest.done:
                rest.measure_next()  # a screenful and more: room to scroll from the start
            return PageImage(rest.lines, margin, Strip.blank(width, blank), base, rest.spans, rest)
        lines = draw(renderable)
        return PageImage(lines, margin, Strip.blank(width, blank), base,
                         [inked_span(line, base) for line in lines])

    def _place(self) -> None:
        """Set the scrollable height: the page's, or the view's when it fits (no layout then)."""
        viewport = self.scrollable_content_region.height
        needed = len(self._image.lines) + self._image.margin
        height = max(needed, viewport)
        size = Size(self.scrollable_content_region.width, height)
        if size == self.virtual_size:
            return
        if height == viewport and self.virtual_size.height <= viewport and not self.scroll_offset.y:
            # Nothing scrolls before or after (the first page, mostly): the same picture, so no
            # layout and no second full frame right behind the first one.
            self.set_reactive(SlideView.virtual_size, size)
            return
        self.virtual_size = size

    def _row(self, y: int, viewport: int) -> tuple[Strip, tuple[int, int]]:
        """The line at scrollable row `y` (the page centred in a view `viewport` rows high),
        with its inked span."""
        image = self._image
        lines = image.lines
        rest = image.rest
        if rest is not None and not rest.done:
            while len(lines) <= y - image.margin and not rest.done:
                rest.measure_next()  # scrolled into what is not drawn yet: draw it now
            if not rest.done:
                top = image.margin  # still growing: from the top, not centred
                index = y - top
                if 0 <= index < len(lines):
                    return lines[index], image.spans[index]
                return image.blank, NO_INK
        outer = len(lines) + image.margin
        top = (viewport - outer) // 2 + image.margin if outer < viewport else image.margin
        index = y - top
        if 0 <= index < len(lines):
            return lines[index], image.spans[index]
        return image.blank, NO_INK

    def _visible(self) -> list[tuple[Strip, tuple[int, int]]]:
        scroll_y = self.scroll_offset.y
        viewport = self.scrollable_content_region.height
        return [self._row(y + scroll_y, viewport) for y in range(viewport)]

    def render_line(self, y: int) -> Strip:
        region = self.scrollable_content_region
        width = region.width
        if self._shown is not None and self._image.blank.cell_length != width:
            # Asked to paint before the page was drawn at this width (the very first frame, or a
            # resize not yet handled): draw it now, so the first frame already shows the page.
            self.content, self._image = self._drawn(*self._shown)
            self._keep_drawing()
        if not self._painted and self._shown is not None:
            self._painted = True
            self.post_message(self.FirstPaint())  # handled after this frame is written
        strip, _span = self._row(y + self.scroll_offset.y, region.height)
        return strip if strip.cell_length == width else strip.crop_extend(0, width, self._image.base)

    def _render_page(self, page: Page, step: int, code_theme: str) -> RenderableType:
        variables = solid_colors(self.app.theme_variables)
        if page.kind == "title":
            return title_card(self.deck, variables, self.due)
        section = self.deck.sections[page.section]
        if page.kind == "slide":
            text = section.slides[page.slide].steps[step]
            # Imported here: the Markdown stack (markdown-it, Pygments) is not needed to draw the
            # title slide, so the first frame does not wait for it (see docs/performance.md).
            from rich.markdown import Markdown

            markdown = Markdown(text, code_theme=code_theme, hyperlinks=False)
            return ThemedMarkdown(markdown, markdown_theme(variables))
        if page.kind == "takeaways":
            return takeaways_card(section.title, section.takeaways, variables)
        return quiz_card(section.title, self.banks.get(page.section), self.deck.info.pass_mark, variables)


def title_card(deck: Deck, variables: dict[str, str], due: int = 0) -> RenderableType:
    info = deck.info
    lines: list[RenderableType] = [Text(info.title, style=f"bold {variables.get('primary', '')}", justify="center")]
    if info.subtitle:
        lines += [Text(""), Text(info.subtitle, style="italic", justify="center")]
    byline = " · ".join(part for part in (info.author, info.date) if part)
    if byline:
        lines += [Text(""), Text(byline, style=variables.get("muted", ""), justify="center")]
    if due:
        noun = "question is" if due == 1 else "questions are"
        lines += [Text(""), Text(f"{due} {noun} due for review: podium review",
                                 style=f"bold {variables.get('accent', '')}", justify="center")]
    return Group(*lines)


def takeaways_card(title: str, takeaways: tuple[str, ...], variables: dict[str, str]) -> RenderableType:
    accent = variables.get("accent", "")
    heading = Text.assemble(("Key takeaways", f"bold {variables.get('primary', '')}"))
    rows: list[RenderableType] = [heading, Text(title, style=variables.get("muted", "")), Text("")]
    for number, takeaway in enumerate(takeaways, 1):
        line = Text.assemble((f" {number}. ", f"bold {accent}"), (takeaway, ""))
        rows += [Padding(line, (0, 0, 1, 0))]
    return Group(*rows)


def quiz_card(title: str, bank: QuizBank | None, deck_pass_mark: float,
              variables: dict[str, str]) -> RenderableType:
    primary = variables.get("primary", "")
    rows: list[RenderableType] = [Text("Quiz", style=f"bold {primary}"), Text(title, style="bold"), Text("")]
    if bank is None:
        rows.append(Text("This section's question bank could not be loaded."))
        return Group(*rows)
    count = len(bank.questions)
    pass_mark = bank.pass_mark if bank.pass_mark is not None else deck_pass_mark
    rows += [
        Text(f"{count} question{'s' if count != 1 else ''} · pass mark {pass_mark:.0%}"),
        Text(""),
        Text.assemble(("Enter", f"bold {variables.get('accent', '')}"), "  start the quiz"),
        Text.assemble(("→", f"bold {variables.get('accent', '')}"), "      skip it and go on"),
    ]
    return Group(*rows)
