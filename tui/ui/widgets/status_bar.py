"""The presenter's status line: deck title, section, timer and clock, progress, slide n of N."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from rich.cells import cell_len
from rich.text import Text
from textual.timer import Timer

from tui.ui.typed_app import podium_app
from tui.ui.widgets.one_line import OneLine


def elapsed_text(seconds: float) -> str:
    """`mm:ss`, or `h:mm:ss` past an hour."""
    whole = int(max(seconds, 0))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def elapsed_minutes(seconds: float) -> str:
    """Whole minutes of a talk: `12 min`, or `1 h 05` past an hour."""
    minutes = int(max(seconds, 0)) // 60
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d}" if hours else f"{minutes} min"


def fit(text: str, width: int) -> str:
    """`text` cut to `width` cells, with an ellipsis when it was cut."""
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    cut = text
    while cell_len(cut) > width - 1:
        cut = cut[:-1]
    return cut + "…"


class StatusLine(NamedTuple):
    """Everything the status line shows."""

    deck_title: str
    section: str
    number: int
    total: int
    typed: str
    clock: str


class StatusBar(OneLine):
    """Shows where the presenter is and how time goes. Data comes down; it posts nothing.

    One widget drawing one line (a `OneLine`): a move changes its text and repaints that line, no
    layout.
    """

    COMPONENT_CLASSES = {
        "status-bar--title", "status-bar--section", "status-bar--clock", "status-bar--count",
        "status-bar--done", "status-bar--todo",
    }
    DEFAULT_CSS = """
    StatusBar {
        height: 1;
        width: 1fr;
        background: $panel;
        color: $text;
        .status-bar--title { color: $text; background: $primary 40%; text-style: bold; }
        .status-bar--section { color: $text-muted; }
        .status-bar--clock { color: $text; }
        .status-bar--count { color: $text; text-style: bold; }
        .status-bar--done { color: $primary; }
        .status-bar--todo { color: $foreground 15%; }
    }
    """

    NARROW = 90
    """Below this width the section name and the progress bar give way to slide n of N."""
    TINY = 50
    BAR = 16
    """Cells of the progress bar."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.started: datetime | None = None
        self.deck_title = ""
        self.section = ""
        self.number = 0
        self.total = 0
        self.typed = ""
        self.clock_shown = True
        self.clock = ""
        self._ticker: Timer | None = None

    def on_mount(self) -> None:
        self._tick()

    @property
    def now(self) -> datetime:
        return podium_app(self).options.clock()

    def show(self, deck_title: str, section: str, number: int, total: int) -> None:
        """Update every part of the status line."""
        self.deck_title, self.section, self.number, self.total = deck_title, section, number, total
        self.refresh()

    def show_typed(self, typed: str) -> None:
        """Show the slide number being typed for a jump, or the position again."""
        self.typed = typed
        self.refresh()

    def start_clock(self) -> None:
        """Start timing the talk (on the first move); later calls change nothing."""
        if self.started is None:
            self.started = self.now
            self._tick()

    def show_clock(self, shown: bool) -> None:
        self.clock_shown = shown
        self._tick()

    def _tick(self) -> None:
        # The line shows whole minutes, so it is redrawn once a minute at most (exactly when the
        # minute turns): an idle slide stays idle. The speaker view (`podium notes`) has seconds.
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None
        if self.clock_shown:
            now = self.now
            self._ticker = self.set_timer(60.5 - now.second - now.microsecond / 1e6, self._tick)
        self._draw_clock()

    def _draw_clock(self) -> None:
        now = self.now
        elapsed = (now - self.started).total_seconds() if self.started else 0
        clock = f" ⏱ {elapsed_minutes(elapsed)} · {now:%H:%M} " if self.clock_shown else ""
        if clock != self.clock:
            self.clock = clock
            self.refresh()

    def prepare(self, deck_title: str, section: str, number: int, total: int) -> None:
        """Draw ahead the line `show` with these arguments will need (no number typed then)."""
        line = StatusLine(deck_title, section, number, total, "", self.clock)
        self.keep_ahead(line, self.text_of(line))

    def line_key(self) -> StatusLine:
        return StatusLine(self.deck_title, self.section, self.number, self.total, self.typed, self.clock)

    def render(self) -> Text:
        """The line as Rich text (what `render_line` draws)."""
        return self.text_of(self.line_key())

    def text_of(self, line: StatusLine) -> Text:
        """The Rich text of `line`, at the widget's width."""
        width = self.size.width
        style = self.component_style
        total = line.total or "…"  # 0: the deck is still loading
        count = f" go to {line.typed}_ of {total} " if line.typed else f" {line.number}/{total} "
        right = Text.assemble((count, style("status-bar--count")))
        if width >= self.NARROW and line.total:
            done = round(self.BAR * line.number / line.total)
            right = Text.assemble(
                " ", ("━" * done, style("status-bar--done")), ("━" * (self.BAR - done), style("status-bar--todo")),
                " ", right)
        if width >= self.TINY and line.clock:
            right = Text.assemble((line.clock, style("status-bar--clock")), right)
        room = max(width - right.cell_len, 0)
        title = fit(f" {line.deck_title} ", min(room, max(width * 2 // 5, 1)))
        left = Text.assemble((title, style("status-bar--title")))
        if width >= self.NARROW and line.section:
            left.append(fit(f" {line.section}", room - cell_len(title)), style("status-bar--section"))
        left.append(" " * max(room - left.cell_len, 0))
        return Text.assemble(left, right, no_wrap=True, overflow="crop", end="", style=style("base"))
