"""Starting a section's quiz the same way everywhere: offer to resume, record, show results.

The presenter and study mode both call `start_section_quiz`; it pushes the screens and calls
`done` with the result once the learner has read it (None when the quiz was not taken).

The presenter also calls `prepare_section_quiz` once a quiz page is on screen: the quiz screen is
then built, mounted, laid out and rendered to text off screen while the presenter talks, so that
Enter only has to write its frame, which it does from its own handler (docs/performance.md,
items 16 and 22).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable
from weakref import WeakKeyDictionary

from rich.console import Console
from textual._compositor import LayoutUpdate
from textual.app import App
from textual.geometry import Size
from textual.screen import Screen

from tui.domain.quizrun import QuizResult, QuizRun
from tui.domain.seeds import section_seed, shown_seed
from tui.domain.walk import quiz_title
from tui.ui.after_frame import hand_to_writer
from tui.ui.screens.styled_at_mount import StyledAtMount

if TYPE_CHECKING:
    from tui.domain.learner import Learner
    from tui.domain.presentation import Presentation
    from tui.ui.screens.quiz import QuizScreen

Done = Callable[[QuizResult | None], None]


@dataclass
class Prepared:
    """A section's quiz screen built ahead of Enter, and what it was built for."""

    presentation: Presentation
    learner: Learner
    section: int
    seed: int
    screen: QuizScreen

    def fits(self, presentation: Presentation, learner: Learner, section: int, seed: int) -> bool:
        return (self.presentation is presentation and self.learner is learner
                and self.section == section and self.seed == seed)


_prepared: WeakKeyDictionary[App, Prepared] = WeakKeyDictionary()
"""At most one prepared quiz per app: the one of the quiz page shown last."""


def start_hidden(app: App, screen: Screen[object]) -> None:
    """Start `screen` off screen: compose and mount it, lay it out and draw it once, so that
    pushing it later only has to show it.

    Textual has no public way to do this, so this function, `FrameAhead` and `draw_pushed` are the
    one place that uses its private API (Textual 8.2): `App.push_screen` starts a screen that is not running yet with
    `App._register(app, screen)` and pushes one that is running as it is, so registering it here
    does the mounting ahead. A screen that is not current is never laid out or drawn by Textual,
    so `settle` does what `Screen._on_timer_update` does for the current screen, minus the write
    to the terminal; it also starts the screen's update timer, whose first tick would otherwise
    wait a whole frame (1/60 s) after the screen is shown. tests/test_quiz_prepare.py fails if
    any of this stops working with a newer Textual; the app itself then falls back to building
    and laying out the screen when it is pushed.
    """
    app._register(app, screen)

    def settle(rounds: int) -> None:
        # Until nothing is left to do: the first layout gives every widget its size, and widgets
        # whose size changed ask for another layout when they next run.
        if screen.is_current or not screen.is_attached:
            return
        try:
            busy = bool(screen._layout_required) or screen._size != app.size
            if busy:
                screen._refresh_layout(app.size)
                screen._layout_required = False
            dirty = set(screen._dirty_widgets)
            if screen._repaint_required:
                dirty.add(screen)
            if dirty:
                busy = True
                screen._compositor.update_widgets(dirty)
                screen._compositor.render_update(full=True)  # fills the widgets' line caches
                screen._dirty_widgets.clear()
                screen._repaint_required = False
            elif not busy and _frames_ahead.get(screen) is None:
                # Settled: the frame it will show, rendered to text now rather than at Enter.
                update = screen._compositor.render_update(full=True)
                if isinstance(update, LayoutUpdate):
                    _frames_ahead[screen] = FrameAhead(update, app.console, app.size)
            screen._update_timer.resume()
        except (AttributeError, TypeError):
            return  # a Textual without these: the screen is laid out when shown, as usual
        if busy and rounds > 1:
            screen.set_timer(SETTLE_INTERVAL, lambda: settle(rounds - 1))

    screen.set_timer(SETTLE_INTERVAL, lambda: settle(SETTLE_ROUNDS))


class FrameAhead(LayoutUpdate):
    """The whole frame of a screen started off screen, rendered to the text the terminal is sent
    while the screen waited to be shown: ~0.7 ms less between Enter and the first question."""

    def __init__(self, update: LayoutUpdate, console: Console, size: Size) -> None:
        super().__init__(update.strips, update.region)
        self.size = size
        self.text = update.render_segments(console)

    def render_segments(self, console: Console) -> str:
        return self.text


_frames_ahead: WeakKeyDictionary[Screen[object], FrameAhead] = WeakKeyDictionary()
"""The frame drawn ahead of each screen started off screen, once it has settled."""


def draw_pushed(app: App, screen: Screen[object]) -> None:
    """Write the whole frame of `screen`, prepared by `start_hidden` and just pushed, at once.

    Left to Textual, the frame would wait for a round of messages first (`ScreenSuspend` to the
    screen below, `ScreenResume` to this one, a tick of its update timer): ~1.3 ms in process,
    against ~0.9 ms to draw it (docs/performance.md, "First question"). The screen is drawn as
    its update timer would draw it, the writer thread is let start on it before those messages
    are handled, and `StyledAtMount` then skips the repaint of the whole screen that its first
    `ScreenResume` asks for. Private API as in `start_hidden`; if the screen is not ready to be
    drawn as it stands (a resize or a change of theme meanwhile, a layout pending, a screen below
    showing through), or a Textual without it, Textual draws it as usual.
    """
    if not isinstance(screen, StyledAtMount) or screen.shown:
        return
    ahead = _frames_ahead.pop(screen, None)
    if not screen.styled_as_shown:
        return  # the theme changed since it was built: Textual restyles it as it is shown
    try:
        if (app.screen is not screen or app._batch_count or screen._layout_required
                or screen._size != app.size or screen.styles.background.a < 1):
            return
        for below in app._background_screens:
            # Textual repaints the screen a pushed one covers (`push_screen` refreshes it) and
            # passes the repaint up to the screen on top, in case it shows through: a second
            # frame of the same text right after this one. An opaque screen shows none of it,
            # and the screen below repaints itself whole when it is shown again.
            below._repaint_required = False
            below._dirty_widgets.clear()
        update: LayoutUpdate | None
        if (ahead is not None and ahead.size == app.size and not screen._dirty_widgets
                and not screen._repaint_required):
            update = ahead  # nothing changed since it was drawn
        else:
            dirty = set(screen._dirty_widgets)
            if screen._repaint_required:
                dirty.add(screen)
            screen._compositor.update_widgets(dirty)
            update = screen._compositor.render_update(full=True, screen_stack=app._background_screens)
        app._display(screen, update)
        hand_to_writer()
        screen._dirty_widgets.clear()
        screen._repaint_required = False
        app._update_mouse_over(screen)
    except (AttributeError, TypeError):
        return
    screen.drawn_on_push = True


SETTLE_INTERVAL = 0.01
SETTLE_ROUNDS = 10


def _discard(app: App) -> None:
    """Forget the prepared quiz, and remove its screen unless it is being shown."""
    prepared = _prepared.pop(app, None)
    if prepared is None or prepared.screen in app.screen_stack:
        return
    # Once it has finished mounting: a screen removed while it is still composing would have its
    # widgets taken away under its own on_mount.
    prepared.screen.call_later(prepared.screen.remove)


def _quiz_screen(presentation: Presentation, learner: Learner, section: int, run: QuizRun,
                 attempt_id: int | None) -> QuizScreen:
    from tui.ui.screens.quiz import QuizScreen
    from tui.ui.screens.reader import SectionReader

    deck = presentation.deck
    recorder = learner.recorder(section, deck.sections[section].title, run, attempt_id)
    reader = lambda _index: SectionReader(deck, section)  # noqa: E731
    return QuizScreen(run, recorder=recorder, reader=reader)


def _new_run(presentation: Presentation, section: int, seed: int) -> QuizRun:
    bank = presentation.banks[section]
    title = quiz_title(presentation.deck.sections[section], bank)
    return QuizRun(bank, title, presentation.deck.info.pass_mark, seed=section_seed(seed, section))


def prepare_section_quiz(app: App, presentation: Presentation, learner: Learner, section: int,
                         seed: int) -> None:
    """Get a section's quiz ready while its quiz page is on screen, so Enter only shows it.

    Nothing is written to the history (an attempt starts at its first answer). A quiz left half
    way is not prepared: Enter offers to resume it.
    """
    from tui.ui.screens import quiz, reader, results  # noqa: F401  (imported ahead of Enter)

    prepared = _prepared.get(app)
    if prepared is not None and prepared.fits(presentation, learner, section, seed):
        return
    _discard(app)
    if learner.leftover(section, presentation.banks[section]) is not None:
        return
    screen = _quiz_screen(presentation, learner, section, _new_run(presentation, section, seed), None)
    try:
        start_hidden(app, screen)
    except (AttributeError, TypeError):
        return  # a Textual without App._register: the quiz is built at Enter, as usual
    _prepared[app] = Prepared(presentation, learner, section, seed, screen)


def show_notices(app: App) -> None:
    """Show what the history has to say (a damaged row skipped...), if the app shows notices."""
    show = getattr(app, "show_history_notices", None)
    if show is not None:
        show()


def start_section_quiz(app: App, presentation: Presentation, learner: Learner, section: int,
                       seed: int, done: Done) -> None:
    """Run a section's quiz: resume a half-taken one if the learner wants, then show results."""
    bank = presentation.banks[section]
    deck = presentation.deck
    title = quiz_title(deck.sections[section], bank)
    pass_mark = deck.info.pass_mark
    left = learner.leftover(section, bank)

    def show(screen: QuizScreen) -> None:
        from tui.ui.screens.results import ResultsScreen

        def finished(result: QuizResult | None) -> None:
            if result is None:
                done(None)
                return
            if screen.run.finished and screen.recorder is not None:
                message = screen.recorder.finished()
                if message:
                    app.notify(message, severity="warning", markup=False)
            app.push_screen(ResultsScreen(result, shown_seed(screen.run.seed, section, seed)), lambda _: done(result))

        app.push_screen(screen, finished)

    prepared = _prepared.get(app)
    if (left is None and prepared is not None and prepared.fits(presentation, learner, section, seed)
            and prepared.screen.is_mounted):
        # Only once mounted: the keys typed with Enter go to the screen's focused answer, which a
        # screen still mounting does not have yet. A new screen is waited for as it is pushed
        # (Textual's `push_screen` has the app await its mount before the next key).
        del _prepared[app]
        show(prepared.screen)
        draw_pushed(app, prepared.screen)
        return
    _discard(app)

    def launch(run: QuizRun, attempt_id: int | None) -> None:
        show(_quiz_screen(presentation, learner, section, run, attempt_id))

    resumed = learner.resume(left, bank, title, pass_mark) if left is not None else None
    show_notices(app)
    if resumed is None or left is None:
        launch(_new_run(presentation, section, seed), None)
        return
    if resumed.finished:
        # Every question was answered but the results were never reached (the terminal closed
        # on "Enter: see your results"): finish it with its score, and show the results.
        from tui.ui.screens.results import ResultsScreen

        result = resumed.result()
        message = learner.finish(left)
        app.notify(message or "Every question of this quiz was answered last time: here are its results",
                   title="History", severity="warning" if message else "information", markup=False)
        app.push_screen(ResultsScreen(result, shown_seed(resumed.seed, section, seed)), lambda _: done(result))
        return

    def chosen(resume: bool | None) -> None:
        if resume is None:
            done(None)
        elif resume:
            launch(resumed, left.attempt_id)
        else:
            message = learner.abandon(left)
            if message:
                app.notify(message, severity="warning", markup=False)
            launch(_new_run(presentation, section, seed), None)

    from tui.ui.screens.resume import ResumeScreen

    app.push_screen(ResumeScreen(title, len(left.answers), len(left.asked)), chosen)
