"""The presenter's status line: deck title, section, timer and clock, progress, slide n of N."""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widgets import ProgressBar, Static


def elapsed_text(seconds: float) -> str:
    """`mm:ss`, or `h:mm:ss` past an hour."""
    whole = int(max(seconds, 0))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


class StatusBar(Horizontal):
    """Shows where the presenter is and how time goes. Data comes down; it posts nothing."""

    DEFAULT_CSS = """
    StatusBar { height: 1; }
    StatusBar > Static { width: auto; height: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    StatusBar #status-title { max-width: 40%; }
    StatusBar #status-section { width: 1fr; }
    StatusBar ProgressBar { width: 18; height: 1; }
    StatusBar ProgressBar Bar { width: 16; }
    StatusBar.-narrow #status-section, StatusBar.-narrow ProgressBar { display: none; }
    StatusBar.-tiny #status-clock { display: none; }
    """

    NARROW = 90
    """Below this width the section name and the progress bar give way to slide n of N."""
    TINY = 50

    number = 0
    total = 0

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.started: datetime | None = None
        self._ticker: Timer | None = None
        self._clock_shown = True

    def compose(self) -> ComposeResult:
        yield Static("", id="status-title", markup=False)
        yield Static("", id="status-section", markup=False)
        yield Static("", id="status-clock", markup=False)
        yield ProgressBar(total=1, show_eta=False, show_percentage=False, id="status-progress")
        yield Static("", id="status-count", markup=False)

    def on_mount(self) -> None:
        self._tick()

    def on_resize(self) -> None:
        self.set_class(self.size.width < self.NARROW, "-narrow")
        self.set_class(self.size.width < self.TINY, "-tiny")

    @property
    def now(self) -> datetime:
        return self.app.clock()  # type: ignore[attr-defined, no-any-return]

    def show(self, deck_title: str, section: str, number: int, total: int) -> None:
        """Update every part of the status line."""
        self.query_one("#status-title", Static).update(f" {deck_title} ")
        self.query_one("#status-section", Static).update(f" {section}" if section else "")
        self.query_one("#status-progress", ProgressBar).update(total=max(total, 1), progress=number)
        self.number, self.total = number, total
        self.query_one("#status-count", Static).update(f" {number}/{total} ")

    def show_typed(self, typed: str) -> None:
        """Show the slide number being typed for a jump, or the position again."""
        text = f" go to {typed}_ of {self.total} " if typed else f" {self.number}/{self.total} "
        self.query_one("#status-count", Static).update(text)

    def start_clock(self) -> None:
        """Start timing the talk (on the first move); later calls change nothing."""
        if self.started is None:
            self.started = self.now
            self._tick()

    def show_clock(self, shown: bool) -> None:
        self._clock_shown = shown
        self.query_one("#status-clock", Static).display = shown
        self._tick()

    def _tick(self) -> None:
        # Repaint once a second only while a started timer is on screen; before the talk starts
        # the wall clock needs a repaint a minute at most, so an idle slide stays idle.
        period = (1.0 if self.started is not None else 60.0) if self._clock_shown else None
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None
        if period is not None:
            self._ticker = self.set_interval(period, self._draw_clock)
        self._draw_clock()

    def _draw_clock(self) -> None:
        now = self.now
        elapsed = (now - self.started).total_seconds() if self.started else 0
        self.query_one("#status-clock", Static).update(f" ⏱ {elapsed_text(elapsed)} · {now:%H:%M} ")
