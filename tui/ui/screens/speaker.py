"""The speaker view: follows a presenting podium through the local channel file.

Shows the current slide's notes, what comes next, slide n of N, elapsed time, the wall clock and,
with a planned duration, a pacing bar.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from rich.markdown import Markdown
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import ProgressBar, Static

from tui.domain.channel import PresenterState, pace, read_state
from tui.domain.loader import Presentation
from tui.domain.walk import Walk, page_name
from tui.ui.typed_app import notes_app
from tui.ui.widgets.key_bar import KeyBar
from tui.ui.widgets.status_bar import elapsed_text
from tui.ui.widgets.too_small import too_small, too_small_notice

POLL_SECONDS = 0.2


def _plain(line: str) -> str:
    """A Markdown line with its emphasis marks taken off, for a one-line preview."""
    return re.sub(r"(\*\*|__|\*|`)", "", line.strip())


class SpeakerScreen(Screen[None]):
    """Everything a speaker glances at while the audience looks at the slides."""

    BINDINGS = [Binding("q", "app.quit", "Quit")]

    state: reactive[PresenterState | None] = reactive(None, always_update=True)

    def __init__(self, presentation: Presentation, channel: Path, duration: int | None) -> None:
        super().__init__()
        self.presentation = presentation
        self.deck = presentation.deck
        self.walk = Walk(self.deck)
        self.channel = channel
        self.duration = duration
        self._seen: int | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="speaker-where", markup=False)
        with VerticalScroll(id="speaker-notes"):
            yield Static("", id="speaker-notes-body")
        yield Static("", id="speaker-next", markup=False)
        with Horizontal(id="speaker-time"):
            yield Static("", id="speaker-clock", markup=False)
            yield ProgressBar(total=100, show_eta=False, show_percentage=False, id="speaker-pace-bar")
            yield Static("", id="speaker-pace", markup=False)
        yield too_small_notice()
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#speaker-pace-bar").display = self.duration is not None
        self.poll()
        self.set_interval(POLL_SECONDS, self.poll)
        self.set_interval(1, self.draw_time)
        self.set_class(too_small(self.size.width, self.size.height), "-too-small")

    def on_resize(self, event) -> None:
        self.set_class(too_small(event.size.width, event.size.height), "-too-small")

    def poll(self) -> None:
        """Read the channel when it changed (a stat a poll; the file is read only on change)."""
        try:
            stamp = self.channel.stat().st_mtime_ns
        except OSError:
            stamp = None
        if stamp != self._seen:
            self._seen = stamp
            self.state = read_state(self.channel) if stamp is not None else None

    def watch_state(self, state: PresenterState | None) -> None:
        where = self.query_one("#speaker-where", Static)
        body = self.query_one("#speaker-notes-body", Static)
        following = self.query_one("#speaker-next", Static)
        if state is None or not 0 <= state.page < len(self.walk):
            where.update(f"{self.deck.title} · waiting for the presenter")
            body.update(Text("Start presenting this deck in another terminal (podium DECK); "
                             "this view follows it."))
            following.update("")
            self.draw_time()
            return
        page = self.walk.pages[state.page]
        section = self.deck.sections[page.section].title if page.section >= 0 else self.deck.title
        name = page_name(self.deck, self.walk, state.page)
        where.update(f"Slide {state.page + 1} of {len(self.walk)} · {section} · {name}")
        notes = ""
        if page.kind == "slide":
            notes = self.deck.sections[page.section].slides[page.slide].notes
        body.update(Markdown(notes) if notes.strip() else Text("No notes for this slide.", style="italic"))
        following.update(self._next_text(state.page))
        self.draw_time()

    def _next_text(self, index: int) -> str:
        if index + 1 >= len(self.walk):
            return "Next: (end of the deck)"
        page = self.walk.pages[index + 1]
        text = f"Next: {page_name(self.deck, self.walk, index + 1)}"
        if page.kind == "slide":
            slide = self.deck.sections[page.section].slides[page.slide]
            lines = [_plain(line) for line in slide.markdown.splitlines()
                     if line.strip() and not line.lstrip().startswith(("#", "```", "~~~"))][:3]
            if lines:
                text += "\n" + "\n".join(f"  {line}" for line in lines)
        return text

    def draw_time(self) -> None:
        now: datetime = notes_app(self).clock()
        state = self.state
        elapsed = 0.0
        if state is not None and state.started:
            elapsed = max((now - datetime.fromisoformat(state.started)).total_seconds(), 0.0)
        self.query_one("#speaker-clock", Static).update(f" ⏱ {elapsed_text(elapsed)} · {now:%H:%M} ")
        if self.duration is not None:
            page, total = (state.page, state.total) if state else (0, max(len(self.walk), 1))
            progress = pace(elapsed, self.duration, page, total)
            self.query_one("#speaker-pace-bar", ProgressBar).update(progress=progress.time_share * 100)
            self.query_one("#speaker-pace", Static).update(
                f" {progress.slide_share:.0%} of slides · {progress.verdict} ")
