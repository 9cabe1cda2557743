"""The podium App and `make_app`, the one factory used by the command line and every test."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from tui.domain.errors import PodiumError, Problem
from tui.domain.presentation import Presentation
from tui.ui.burst_safe import BurstSafeApp
from tui.ui.screens.presenter import PresenterScreen
from tui.ui.themes import PODIUM_THEMES

if TYPE_CHECKING:  # imported where used: the first paint needs none of them
    from textual.command import Provider
    from textual.notifications import Notification, SeverityLevel
    from textual.timer import Timer

    from tui.domain.channel import PresenterState
    from tui.domain.learner import Learner
    from tui.domain.quizbank import Question
    from tui.domain.relearn import RelearnRule
    from tui.ui.messages import FirstPaint
    from tui.ui.startup import CollectorPolicy

DEFAULT_THEME = "podium-dark"
DECK_SUFFIXES = (".md", ".markdown", ".yaml", ".yml")


def deck_commands() -> type[Provider]:
    """The deck's command palette provider, imported when the palette first opens."""
    from tui.ui.commands import DeckCommands

    return DeckCommands


def deck_file_changed(_change: object, path: str) -> bool:
    """Only a deck's own files trigger a reload (not editor swap files or folders)."""
    return path.endswith(DECK_SUFFIXES) and not Path(path).name.startswith((".", "#"))


@dataclass(frozen=True)
class AppOptions:
    """How to run the app on a deck: every setting the command line, the export and the tests
    choose, given to `make_app` as one object that nobody can change afterwards (the app reads
    it as `app.options`; what changes while it runs, such as the deck, is the app's own)."""

    seed: int | None = None
    """Fixes the quizzes' shuffling; None: a fresh seed."""
    theme: str | None = None
    """A Textual theme's name; None: the deck's theme, else podium's (`DEFAULT_THEME`)."""
    start: int | None = None
    """The page number to open on (1-based); None: the first page."""
    clock: Callable[[], datetime] = datetime.now
    """The wall clock, injected so tests and snapshots are repeatable."""
    channel: Path | None = None
    """Where a speaker view reads the presenter's position; None: not published."""
    watch: Path | None = None
    """The deck to reload when its files change (`--watch`); None: no live reload."""
    learner: Learner | None = None
    """The learner's history; None: history off (or opened once the whole deck is loaded)."""
    study: tuple[int, ...] | None = None
    """Study mode: the sections whose quizzes to take, without the slides."""
    review: tuple[tuple[int, Question], ...] | None = None
    """Review mode: the due questions, as (section, question), most overdue first."""
    complete: Callable[[], Presentation] | None = None
    """Loads the whole deck after the first paint, when the app starts from the deck's opening."""
    loaded: Callable[[Presentation], None] | None = None
    """Told the whole deck once `complete` has loaded it."""
    relearn: RelearnRule | None = None
    """Review mode: when a missed question comes back in the session; None: the default rule."""
    missed: Mapping[int, tuple[str, ...]] | None = None
    """Study mode with --missed: per section, the ids of the questions to take again."""


class PodiumApp(BurstSafeApp, App[None]):
    """Presents one deck. Everything it shows comes from the `Presentation` it is given."""

    CSS_PATH = "styles/presenter.tcss"
    TITLE = "podium"
    COMMANDS = App.COMMANDS | {deck_commands}
    COMMAND_PALETTE_BINDING = "ctrl+p"
    BINDINGS = [Binding("ctrl+c", "quit", "Quit", show=False, priority=True)]

    def __init__(self, presentation: Presentation, options: AppOptions) -> None:
        super().__init__()
        self.options = options
        """What the app was started with; what changes as it runs (the deck, the channel, the
        learner, the loading) is kept in the app's own attributes."""
        self.complete = options.complete
        """Loads the whole deck, when the app starts from the deck's opening (its first page
        only, `tui.domain.opening`): called in a thread once the first page is on screen; None
        once called."""
        self.load_problems: list[Problem] = []
        """Why the whole deck could not be loaded (the app then exits with status 2)."""
        self._learner = options.learner
        self.channel = options.channel
        """Where the speaker view (`podium notes`) reads the position; None: not published (the
        CLI sets it once the whole deck is loaded, or turns it off when publishing fails)."""
        for podium_theme in PODIUM_THEMES:
            self.register_theme(podium_theme)
        self.presentation = presentation
        if options.seed is None:
            from tui.domain.seeds import new_seed

            self.seed = new_seed()
        else:
            self.seed = options.seed
        self.initial_theme = options.theme or presentation.deck.info.theme or DEFAULT_THEME
        """The theme asked for (the CLI says so when it is unknown)."""
        if self.initial_theme in self.available_themes:
            self._start_with_theme(self.initial_theme)

    def _start_with_theme(self, name: str) -> None:
        """Take the theme before the stylesheet is first parsed (`textual_door.start_with_theme`)."""
        from tui.ui.textual_door import start_with_theme

        start_with_theme(self, name)

    def get_default_screen(self) -> Screen:
        """The presenter is the base of the screen stack. Pushed over Textual's default screen
        from `on_mount` instead, it was mounted while the app still held its start-up batch, so
        its first frame was drawn, thrown away and drawn again (docs/performance.md)."""
        if self.options.review is not None or self.options.study is not None:
            return super().get_default_screen()
        return PresenterScreen(self.presentation, self.seed, self.options.start)

    def on_mount(self) -> None:
        self.title = self.presentation.deck.title
        # The presenter resumes the collector after its first frame; this is in case no
        # presenter is painted (another screen on top, a terminal too small).
        self.set_timer(RESUME_COLLECTOR_BY, self.resume_collector)
        options = self.options
        if options.review is not None:
            from tui.ui.screens.study import ReviewScreen

            self.push_screen(ReviewScreen(self.presentation, options.review, self.seed, options.relearn))
        elif options.study is not None:
            from tui.ui.screens.study import StudyScreen

            self.push_screen(StudyScreen(self.presentation, options.study, self.seed, options.missed))
        elif options.watch is not None:
            self.run_worker(self.watch_deck(options.watch), name="live-reload", exclusive=True)

    @property
    def learner(self) -> Learner:
        """The learner's history (off unless the CLI opened one)."""
        if self._learner is None:
            from tui.domain.learner import Learner

            self._learner = Learner(None, self.presentation.deck)
        return self._learner

    @learner.setter
    def learner(self, learner: Learner) -> None:
        self._learner = learner

    @property
    def loading(self) -> bool:
        """True while only the deck's opening is shown and the rest is still to load."""
        return self.complete is not None or self._completing

    _completing = False

    collector: CollectorPolicy | None = None
    """The garbage collector's policy for a talk (`tui.ui.startup`), handed over by the command
    line; None (tests, benchmarks: one process runs many apps) leaves the collector alone."""

    @property
    def freeze_heap(self) -> bool:
        """Whether the app follows a collector policy."""
        return self.collector is not None

    @freeze_heap.setter
    def freeze_heap(self, on: bool) -> None:
        from tui.ui.startup import CollectorPolicy

        self.collector = CollectorPolicy() if on else None

    def resume_collector(self) -> None:
        """After the first frame: the collector on again (`CollectorPolicy.first_frame`)."""
        if self.collector is not None:
            self.collector.first_frame()

    def settle_heap_soon(self) -> None:
        """Call `settle_heap` a moment from now: the frame and the pages drawn ahead come first."""
        self.set_timer(SETTLE_HEAP_AFTER, self.settle_heap)

    def settle_heap(self) -> None:
        """Once the whole deck is loaded and its first pages drawn (`CollectorPolicy.loaded`)."""
        if self.collector is not None:
            self.collector.loaded()

    def on_first_paint(self, _message: FirstPaint) -> None:
        """The presenter's first page is on the terminal: the collector on again, then the rest
        of the deck loads (when the app started from its opening), else the heap settles."""
        self.resume_collector()
        self.finish_loading()
        if not self.loading:
            self.settle_heap_soon()

    def finish_loading(self) -> None:
        """Load the whole deck in a thread, once (the first page is already on screen)."""
        if self.complete is not None:
            complete, self.complete = self.complete, None
            self._completing = True
            self.run_worker(self._complete(complete), name="load-deck", exclusive=False)

    async def _complete(self, complete: Callable[[], Presentation]) -> None:
        try:
            presentation = await asyncio.to_thread(complete)
        except PodiumError as error:
            self.load_problems = list(error.problems)
            self.exit(return_code=2)
            return
        finally:
            self._completing = False
        if self.options.loaded is not None:
            self.options.loaded(presentation)
        self.replace_presentation(presentation, whole=True)
        self.settle_heap_soon()

    _reload_timer: Timer | None = None
    _reload_toast: Notification | None = None

    async def watch_deck(self, path: Path) -> None:
        """Reload the deck once its Markdown or YAML files have been left alone for a moment
        (`RELOAD_QUIET`): an editor that empties a file and then writes it, or saves several
        files, brings one reload, of what it saved last."""
        from watchfiles import awatch

        root = path if path.is_dir() else path.parent
        async for _changes in awatch(root, watch_filter=deck_file_changed, debounce=150, step=30):
            self.reload_soon(path)

    def reload_soon(self, path: Path) -> None:
        """Reload `path` after `RELOAD_QUIET` seconds without another change."""
        if self._reload_timer is not None:
            self._reload_timer.stop()
        self._reload_timer = self.set_timer(RELOAD_QUIET, lambda: self._start_reload(path))

    def _start_reload(self, path: Path) -> None:
        self._reload_timer = None
        # A reload still loading is cancelled: the newer files win.
        self.run_worker(self.reload(path), name="reload", group="reload", exclusive=True)

    async def reload(self, path: Path) -> None:
        """Load the deck again; on success show it, else keep the last good one (and the slide
        shown) and say why. A reload that would leave a section that had slides with none is
        taken for a file caught half saved, and kept out the same way: the next good save
        reloads, from the slide the presenter is still on."""
        from tui.domain.loader import load_presentation
        from tui.domain.reload import emptied_sections

        try:
            presentation = await asyncio.to_thread(load_presentation, path)
        except PodiumError as error:
            errors = [problem for problem in error.problems if problem.severity == "error"]
            shown = "\n".join(str(problem) for problem in errors[:5])
            more = f"\n… and {len(errors) - 5} more" if len(errors) > 5 else ""
            self.reload_notice(shown + more, title="Not reloaded: the deck has errors", severity="error",
                               timeout=10)
            return
        emptied = [_in_deck(name, presentation.deck.root)
                   for name in emptied_sections(self.presentation.deck, presentation.deck)]
        if emptied:
            files = ", ".join(emptied[:3]) + (f" and {len(emptied) - 3} more" if len(emptied) > 3 else "")
            self.reload_notice(f"{files} has no slides (saved half way?). Kept the last good "
                               "version and the slide; the next save reloads.",
                               title="Not reloaded", severity="warning", timeout=10)
            return
        self.replace_presentation(presentation)
        self.reload_notice("Reloaded", timeout=1.5)

    def replace_presentation(self, presentation: Presentation, *, whole: bool = False) -> None:
        """Take `presentation` and tell every screen in the stack (`PresentationReplaced`): the
        screens that show the deck handle the message, the others ignore it."""
        from tui.ui.messages import PresentationReplaced

        self.presentation = presentation
        for screen in self.screen_stack:
            screen.post_message(PresentationReplaced(presentation, whole=whole))

    def reload_notice(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
                      timeout: float) -> None:
        """Say what a live reload did, in place of what the reload before said: saves a few
        seconds apart leave one toast, not a pile. The message is plain text, never markup."""
        from textual.notifications import Notification

        from tui.ui.textual_door import replace_toast

        toast = Notification(message, title, severity, timeout, markup=False)
        previous, self._reload_toast = self._reload_toast, toast
        replace_toast(self, previous, toast)  # the door closed: the toasts stack as usual

    def show_history_notices(self) -> None:
        """Say once what the history could not do (off, a damaged file moved aside...)."""
        for notice in self.learner.take_notices():
            self.notify(notice, title="History", severity="warning", timeout=10, markup=False)

    def publish(self, state: PresenterState) -> None:
        """Tell a speaker view where the presenter is (when a channel is set)."""
        if self.channel is not None:
            from tui.domain.channel import publish

            try:
                publish(self.channel, state)
            except OSError as error:
                self.notify(f"Speaker view channel off: {error.strerror}", severity="warning")
                self.channel = None

    def on_unmount(self) -> None:
        if self.channel is not None:
            from tui.domain.channel import withdraw

            withdraw(self.channel)
        if self._learner is not None:
            self._learner.close()

    def action_help(self) -> None:
        from tui.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())


RELOAD_QUIET = 0.3
"""Seconds without a change to the deck's files before live reload loads them."""
SETTLE_HEAP_AFTER = 0.05
"""Seconds between the whole deck shown and `settle_heap`."""
RESUME_COLLECTOR_BY = 1.0
"""Seconds after the app's mount by which the garbage collector is back on in any case."""


def _in_deck(name: str, root: Path) -> str:
    """A deck file's name as the presenter knows it: from the deck folder when it is inside."""
    try:
        return Path(name).relative_to(root).as_posix()
    except ValueError:
        return name


def make_app(presentation: Presentation, options: AppOptions | None = None) -> PodiumApp:
    """Build the app on `presentation`, run as `options` say (`AppOptions()`: podium's defaults)."""
    return PodiumApp(presentation, AppOptions() if options is None else options)
