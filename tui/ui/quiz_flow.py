"""Starting a section's quiz the same way everywhere: offer to resume, record, show results.

The presenter and study mode both call `start_section_quiz`; it pushes the screens and calls
`done` with the result once the learner has read it (None when the quiz was not taken).

The presenter also calls `prepare_section_quiz` once a quiz page is on screen: the quiz screen is
then built, mounted, laid out and rendered to text off screen while the presenter talks, so that
Enter only has to write its frame, which it does from its own handler (docs/performance.md,
items 16 and 22), through `tui.ui.textual_door`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from textual.app import App
from textual.screen import Screen

from tui.domain.quizrun import QuizResult, QuizRun
from tui.domain.seeds import section_seed, shown_seed
from tui.domain.walk import quiz_title
from tui.ui.screens.styled_at_mount import StyledAtMount
from tui.ui.textual_door import draw_pushed as write_pushed
from tui.ui.textual_door import forget_frame_ahead, start_hidden
from tui.ui.typed_app import podium_app

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


def prepared_quiz(app: App) -> Prepared | None:
    """The quiz built ahead for the quiz page the app shows, if there is one."""
    return _prepared.get(app)


def draw_pushed(app: App, screen: Screen[Any]) -> None:
    """Write the whole frame of `screen`, prepared off screen and just pushed, at once
    (`textual_door.draw_pushed`), unless the theme changed since it was built (Textual then
    restyles it as it is shown). `StyledAtMount` then skips the repaint of the whole screen that
    its first `ScreenResume` asks for. When the door is closed or the frame cannot be written,
    Textual draws the screen as usual."""
    if not isinstance(screen, StyledAtMount) or screen.shown:
        return
    if not screen.styled_as_shown:
        forget_frame_ahead(screen)  # drawn with the old theme: of no use
        return
    if write_pushed(app, screen):
        screen.drawn_on_push = True


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
    if not start_hidden(app, screen):
        return  # the door to Textual's internals is closed: the quiz is built at Enter, as usual
    _prepared[app] = Prepared(presentation, learner, section, seed, screen)


def left_message(screen: QuizScreen) -> str:
    """What the learner is told after leaving a quiz half way."""
    run = screen.run
    answered = f"{len(run.answers)} of {run.planned} answered"
    kept = bool(getattr(screen.recorder, "resumable", False))
    return f"Quiz left ({answered})." + (" Start it again to resume where you stopped." if kept else "")


def start_section_quiz(app: App, presentation: Presentation, learner: Learner, section: int,
                       seed: int, done: Done, on_leave: Callable[[], None] | None = None) -> None:
    """Run a section's quiz: resume a half-taken one if the learner wants, then show results.

    When the learner leaves half way (Esc, then yes), the answers stay in the history to resume,
    and `on_leave` is called (or `done` with None when there is no `on_leave`)."""
    bank = presentation.banks[section]
    deck = presentation.deck
    title = quiz_title(deck.sections[section], bank)
    pass_mark = deck.info.pass_mark
    left = learner.leftover(section, bank)

    def show(screen: QuizScreen) -> None:
        def finished(result: QuizResult | None) -> None:
            if result is None:
                if screen.left:
                    app.notify(left_message(screen), title="Quiz", markup=False)
                    if on_leave is not None:
                        on_leave()
                        return
                done(None)
                return
            if screen.run.finished and screen.recorder is not None:
                message = screen.recorder.finished()
                if message:
                    app.notify(message, severity="warning", markup=False)
            show_results(app, presentation, learner, section, seed, result,
                         shown_seed(screen.run.seed, section, seed), done)

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
    podium_app(app).show_history_notices()  # what resuming found (a damaged row skipped...)
    if resumed is None or left is None:
        launch(_new_run(presentation, section, seed), None)
        return
    if resumed.finished:
        # Every question was answered but the results were never reached (the terminal closed
        # on "Enter: see your results"): finish it with its score, and show the results.
        result = resumed.result()
        message = learner.finish(left)
        app.notify(message or "Every question of this quiz was answered last time: here are its results",
                   title="History", severity="warning" if message else "information", markup=False)
        show_results(app, presentation, learner, section, seed, result, shown_seed(resumed.seed, section, seed), done)
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


def show_results(app: App, presentation: Presentation, learner: Learner, section: int, seed: int,
                 result: QuizResult, shown: int | None, done: Done) -> None:
    """Show a section quiz's results; m there retakes the questions missed, and `done` is
    called with this result once the learner goes on (after any retakes)."""
    from tui.ui.screens.results import RETAKE, ResultsScreen

    def closed(value: str | None) -> None:
        if value == RETAKE:
            from tui.domain.missed import missed_in_result

            start_retake(app, presentation, learner, section, missed_in_result(result), seed,
                         lambda _retaken: done(result), on_leave=lambda: done(result))
        else:
            done(result)

    app.push_screen(ResultsScreen(result, shown, retakes=True), closed)


def start_retake(app: App, presentation: Presentation, learner: Learner, section: int,
                 ids: tuple[str, ...], seed: int, done: Done, on_leave: Callable[[], None] | None = None) -> None:
    """Ask a section's missed questions (`ids`) again, shuffled by the session `seed`, then show
    the results (where m retakes what is still missed). Each answer reschedules its question for
    review; a retake is not a quiz attempt."""
    from tui.domain.learner import ReviewRecorder
    from tui.domain.missed import missed_bank
    from tui.ui.screens.quiz import QuizScreen
    from tui.ui.screens.reader import SectionReader

    deck = presentation.deck
    bank = missed_bank(presentation.banks[section], ids)
    title = f"{quiz_title(deck.sections[section], presentation.banks[section])} · missed"
    run = QuizRun(bank, title, deck.info.pass_mark, seed=section_seed(seed, section), kind="retake")
    recorder = ReviewRecorder(learner, [section] * len(run.asked), run)
    screen = QuizScreen(run, recorder=recorder, reader=lambda _index: SectionReader(deck, section))

    def finished(result: QuizResult | None) -> None:
        if result is None:
            if screen.left:
                app.notify(f"Retake left ({len(run.answers)} of {run.planned} answered).", title="Quiz",
                           markup=False)
                if on_leave is not None:
                    on_leave()
                    return
            done(None)
            return
        # No seed is shown: which questions a retake asks depends on the answers before it.
        show_results(app, presentation, learner, section, seed, result, None, done)

    app.push_screen(screen, finished)
