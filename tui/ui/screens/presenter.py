"""The presenter: walks the deck page by page and hands each section's quiz to the quiz screen."""

from __future__ import annotations

import os
from functools import partial
from importlib import import_module
from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import reactive

from tui.domain.presentation import Presentation
from tui.domain.walk import Position, Walk, nearest, page_title, quiz_title
from tui.ui.after_frame import after_frame
from tui.ui.screens.styled_at_mount import StyledAtMount
from tui.ui.textual_door import draw_changes
from tui.ui.typed_app import podium_app
from tui.ui.widgets.key_bar import KeyBar
from tui.ui.widgets.slide_view import SlideView
from tui.ui.widgets.status_bar import StatusBar
from tui.ui.widgets.too_small import fit_screen

if TYPE_CHECKING:
    from datetime import datetime

    from tui.domain.quizrun import QuizResult
    from tui.ui.messages import PresentationReplaced
    from tui.ui.widgets.notes_panel import NotesPanel

AFTER_FIRST_PAINT = 0.02
"""Seconds between painting the first page and preparing the rest of the deck."""
NEXT_KEYS = "right,space,l,n,pagedown"
PREVIOUS_KEYS = "left,h,p,pageup,backspace"


class PresenterScreen(StyledAtMount[None]):
    """Shows one page at a time; the position is the only state, and it is reactive."""

    BINDINGS = [
        # Enter means, in order of preference: go to the typed slide number, start the quiz
        # on a quiz page, or next. `check_action` decides which one is live.
        # Every key is a priority binding: the scrolling slide area (which keeps Up and Down for
        # tall slides) never takes Page Up / Page Down from a presenter's remote, and keys typed
        # fast are read in the order they came (priority keys are handled before queued ones).
        Binding("enter,g", "goto", "Go to slide", show=False, priority=True),
        Binding("enter", "start_quiz", "Start quiz", priority=True),
        Binding(NEXT_KEYS + ",enter", "next", "Next", priority=True),
        Binding(NEXT_KEYS, "skip_quiz", "Skip quiz", priority=True),
        Binding(PREVIOUS_KEYS, "previous", "Back", priority=True),
        Binding("home", "first", "First", show=False, priority=True),
        Binding("end", "last", "Last", show=False, priority=True),
        # Digits are priority too, so "12 Enter" typed fast is read in order (a priority Enter
        # would otherwise run before the digits queued for the screen).
        *[Binding(str(digit), f"digit({digit})", show=False, priority=True) for digit in range(10)],
        Binding("escape", "clear_number", show=False, priority=True),
        Binding("left_square_bracket", "section(-1)", "Previous section", show=False, priority=True),
        Binding("right_square_bracket", "section(1)", "Next section", show=False, priority=True),
        Binding("o,tab", "overview", "Overview", priority=True),
        Binding("slash", "app.command_palette", "Search", priority=True),
        Binding("s", "toggle_notes", "Notes", priority=True),
        Binding("t", "toggle_timer", "Timer", show=False, priority=True),
        Binding("r", "summary", show=False, priority=True),
        Binding("i", "statistics", "Statistics", show=False, priority=True),
        Binding("question_mark", "app.help", "Help", priority=True),
        Binding("q", "app.quit", "Quit", priority=True),
    ]

    # The screen draws nothing itself: its widgets repaint what changes (repaint=False).
    position: reactive[Position] = reactive(Position(0), init=False, always_update=True, repaint=False)
    show_notes: reactive[bool] = reactive(False, repaint=False)
    show_timer: reactive[bool] = reactive(True, repaint=False)
    typed: reactive[str] = reactive("", init=False, repaint=False)
    """Digits typed so far for a jump."""

    def __init__(self, presentation: Presentation, seed: int, start: int | None = None) -> None:
        super().__init__()
        self.presentation = presentation
        self.deck = presentation.deck
        self.walk = Walk(self.deck)
        self.seed = seed
        self.start = start
        self.results: dict[int, QuizResult] = {}
        self._keys_state: tuple[bool, ...] = ()
        self._warm = False
        """Set once the first frame is out: from then on, the next pages are drawn ahead."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="stage"):
            yield SlideView(self.deck, self.presentation.banks, id="slide-view")
            # The notes panel is mounted when first asked for (`s`), and the too-small notice
            # when the terminal first is too small: neither before the first paint.
        yield StatusBar(id="status-bar")
        yield KeyBar()

    def on_mount(self) -> None:
        if not podium_app(self).loading:
            self.show_due()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.redraw())
        start = self.walk.goto(self.start) if self.start else None
        self.position = start or self.walk.first()
        self._fit(self.size.width, self.size.height)

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width, event.size.height)

    def _fit(self, width: int, height: int) -> None:
        if fit_screen(self, width, height, after="#stage"):
            # Its keys, and the order the key bar lists them in, depend on the focus.
            self.call_after_refresh(self.query_one(SlideView).focus)

    # -- drawing ---------------------------------------------------------------------------

    @property
    def code_theme(self) -> str:
        """Pygments style for code blocks, light or dark with the theme."""
        return "monokai" if self.app.current_theme.dark else "friendly"

    @property
    def page(self):
        return self.walk.pages[self.position.page]

    def watch_position(self, position: Position) -> None:
        if not self.walk.pages:
            return
        page = self.walk.pages[position.page]
        view = self.query_one(SlideView)
        view.show(page, position.step, self.code_theme)
        status = self.query_one(StatusBar)
        status.show(*self._status_of(position))
        if self.show_notes:
            self._show_notes()
        if position != self.walk.first():
            status.start_clock()
        self._refresh_keys()
        # Telling the speaker view (a file it polls) and drawing the next pages wait until the
        # slide is on its way to the terminal.
        after_frame(self, partial(self._after_frame, position, status.started))
        # The new page goes to the terminal now, not after a round of Textual's messages.
        draw_changes(self, view, status)

    def _status_of(self, position: Position) -> tuple[str, str, int, int]:
        """What the status line says at `position`: deck, section, page number, page count."""
        page = self.walk.pages[position.page]
        section = self.deck.sections[page.section].title if page.section >= 0 else ""
        total = 0 if podium_app(self).loading else len(self.walk)
        return self.deck.title, section, position.page + 1, total

    def _after_frame(self, position: Position, started: datetime | None) -> None:
        self._publish(position, started)
        if self._warm:
            self._prepare_neighbours(position)

    def _publish(self, position: Position, started: datetime | None) -> None:
        if podium_app(self).channel is None:
            return  # no speaker view (or not yet: the CLI opens it once the whole deck is loaded)
        from tui.domain.channel import PresenterState

        podium_app(self).publish(PresenterState(
            page=position.page, step=position.step, total=len(self.walk),
            started=started.isoformat() if started else None, pid=os.getpid()))

    def on_slide_view_first_paint(self) -> None:
        # The frame is handed to the driver's writer thread; give it time to reach the terminal
        # before keeping the interpreter busy.
        self.set_timer(AFTER_FIRST_PAINT, self._after_first_paint)

    def _after_first_paint(self) -> None:
        """The first page is on screen: tell the app (`FirstPaint`: it turns the collector on and
        loads the rest of the deck), then load the Markdown renderer and draw the next pages, so
        that the first key press finds them ready (docs/performance.md)."""
        from tui.ui.messages import FirstPaint

        self.app.post_message(FirstPaint())  # to the app itself: no screen handles it
        import_module("rich.markdown")
        self._warm = True
        self._prepare_neighbours(self.position)

    def show_due(self) -> None:
        """Say on the title page how many questions are due for review (reads the history)."""
        view = self.query_one(SlideView)
        view.due = podium_app(self).learner.due_count(self.presentation.banks)
        podium_app(self).show_history_notices()
        if view.due and self.page.kind == "title":
            self.redraw()

    def _prepare_neighbours(self, position: Position) -> None:
        """Draw the pages a key away while the presenter talks, so the next move only shows them."""
        if position != self.position or not self.walk.pages:
            return
        view = self.query_one(SlideView)
        status = self.query_one(StatusBar)
        for neighbour in (self.walk.next(position), self.walk.previous(position)):
            view.prepare(self.walk.pages[neighbour.page], neighbour.step, self.code_theme)
            status.prepare(*self._status_of(neighbour))
        page = self.page
        if page.kind == "quiz" and page.section in self.presentation.banks:
            from tui.ui.quiz_flow import prepare_section_quiz

            prepare_section_quiz(self.app, self.presentation, podium_app(self).learner,
                                 page.section, self.seed)

    def _refresh_keys(self) -> None:
        """Redraw the footer's keys only when what they offer changes (first, last, quiz page,
        a typed number): most moves change nothing there, and the footer costs a full redraw."""
        on_quiz = self.page.kind == "quiz" and self.page.section in self.presentation.banks
        state = (self.walk.is_first(self.position), self.walk.is_last(self.position), on_quiz,
                 bool(self.typed), bool(self.results))
        if state != self._keys_state:
            self._keys_state = state
            self.refresh_bindings()

    def _show_notes(self) -> None:
        page = self.page
        notes = ""
        if page.kind == "slide":
            notes = self.deck.sections[page.section].slides[page.slide].notes
        following = self.walk.next(Position(self.position.page, self.walk.pages[self.position.page].steps - 1))
        self.notes_panel().show(notes, self.page_title(following.page)
                                if following.page != self.position.page else None)

    def notes_panel(self) -> NotesPanel:
        """The speaker notes panel, mounted beside the slide the first time it is needed."""
        from tui.ui.widgets.notes_panel import NotesPanel

        found = self.query(NotesPanel)
        if found:
            return found.first()
        panel = NotesPanel(id="notes-panel")
        self.query_one("#stage").mount(panel)
        return panel

    def page_title(self, index: int) -> str:
        """A page's title as the notes panel and the SVG index name it."""
        return page_title(self.deck, self.walk, index, self.presentation.banks)

    def watch_show_notes(self, show: bool) -> None:
        self.set_class(show, "-notes")
        if show and self.walk.pages:
            self._show_notes()

    def watch_show_timer(self, show: bool) -> None:
        self.query_one(StatusBar).show_clock(show)

    def watch_typed(self, typed: str) -> None:
        self.query_one(StatusBar).show_typed(typed)
        self._refresh_keys()

    def redraw(self) -> None:
        """Draw the current page again (its colours come from the theme)."""
        self.position = self.position

    # -- which keys are live ---------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted:
            # Keys typed while podium starts reach the screen before it has its widgets (it is
            # the app's first screen, mounted as the app starts): they do nothing.
            return False
        if not self.walk.pages:
            return action not in ("next", "previous", "first", "last", "goto", "start_quiz", "skip_quiz")
        on_quiz = self.page.kind == "quiz" and self.page.section in self.presentation.banks
        if action == "goto":
            return bool(self.typed)
        if action == "start_quiz":
            return on_quiz and not self.typed
        if action == "skip_quiz":
            return on_quiz
        if action == "next":
            return None if self.walk.is_last(self.position) else not on_quiz
        if action == "previous":
            return None if self.walk.is_first(self.position) else True
        if action == "summary":
            return bool(self.results)
        return True

    # -- moving ----------------------------------------------------------------------------

    def action_next(self) -> None:
        self.typed = ""
        self.position = self.walk.next(self.position)

    def action_skip_quiz(self) -> None:
        self.action_next()

    def action_previous(self) -> None:
        self.typed = ""
        self.position = self.walk.previous(self.position)

    def action_first(self) -> None:
        self.position = self.walk.first()

    def action_last(self) -> None:
        self.position = self.walk.last()

    def action_digit(self, digit: int) -> None:
        self.typed = (self.typed + str(digit))[-6:]

    def action_clear_number(self) -> None:
        self.typed = ""

    def action_goto(self) -> None:
        target = self.walk.goto(int(self.typed)) if self.typed else None
        if target is None:
            self.notify(f"No slide {self.typed}: this deck has 1 to {len(self.walk)}.", severity="warning")
        else:
            self.position = target
        self.typed = ""

    def on_presentation_replaced(self, message: PresentationReplaced) -> None:
        """The app loaded the deck again, or the whole deck after its opening (then say what is due)."""
        self.replace_presentation(message.presentation)
        if message.whole:
            self.show_due()

    def replace_presentation(self, presentation: Presentation) -> None:
        """Show a reloaded deck, keeping the presenter on the same slide or the nearest one."""
        old_page, old_step = self.page, self.position.step
        self.presentation = presentation
        self.deck = presentation.deck
        self.walk = Walk(self.deck)
        self.query_one(SlideView).set_deck(self.deck, presentation.banks)
        if not self.walk.pages:
            return
        self.position = nearest(self.walk, old_page, old_step)

    def go_to_section(self, section: int) -> None:
        """Jump to the first page of a section."""
        target = self.walk.section_start(section)
        if target is not None:
            self.position = target

    def go_to_page(self, index: int) -> None:
        """Jump to a page (0-based), fully revealed."""
        target = self.walk.goto(index + 1)
        if target is not None:
            self.position = target

    def action_section(self, offset: int) -> None:
        """Jump to the start of the previous or next section ([ and ])."""
        current = self.page.section
        target = current + offset
        if offset < 0 and self.position.page != (self.walk.section_start(current) or self.position).page:
            target = current  # first back to the start of this section
        if 0 <= target < len(self.deck.sections):
            self.go_to_section(target)
        elif target < 0:
            self.position = self.walk.first()

    def action_toggle_notes(self) -> None:
        self.show_notes = not self.show_notes

    def action_toggle_timer(self) -> None:
        self.show_timer = not self.show_timer

    def action_overview(self) -> None:
        from tui.ui.screens.overview import OverviewScreen

        def chosen(position: Position | None) -> None:
            if position is not None:
                self.position = position

        self.app.push_screen(OverviewScreen(self.deck, self.walk, self.position, self.results), chosen)

    # -- quizzes ---------------------------------------------------------------------------

    def action_start_quiz(self) -> None:
        self.start_quiz_of(self.page.section)

    def start_quiz_of(self, section_index: int) -> None:
        """Start a section's quiz (from its quiz page or the command palette)."""
        if section_index not in self.presentation.banks:
            return

        def done(result: QuizResult | None) -> None:
            if result is None:
                return
            self.results[section_index] = result
            following = self.walk.after_section(section_index)
            if following is None:
                self.action_summary()
            else:
                self.position = following

        from tui.ui.quiz_flow import start_section_quiz

        start_section_quiz(self.app, self.presentation, podium_app(self).learner,
                           section_index, self.seed, done)

    def action_statistics(self) -> None:
        from tui.domain.stats import question_prompts
        from tui.ui.screens.statistics import StatisticsScreen

        stats, note = podium_app(self).learner.statistics()
        self.app.push_screen(StatisticsScreen(stats, question_prompts(self.presentation.banks), note or ""))

    def action_summary(self) -> None:
        from tui.ui.screens.summary import SummaryScreen

        banks = self.presentation.banks
        rows = [(quiz_title(section, banks[index]), self.results.get(index))
                for index, section in enumerate(self.deck.sections) if index in banks]
        self.app.push_screen(SummaryScreen(tuple(rows)))
