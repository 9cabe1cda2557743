"""Random keys in bursts on every screen of podium: no key sequence may crash it.

The machinery is in tests/support/keyfuzz.py (how bursts reach the app, restarts, shrinking).
Each test brings the app to one screen and sends KEYS keys (2,000 by default) for each of SEEDS
seeds. Environment variables:

- PODIUM_FUZZ_SEEDS=N   seeds per screen (default 1; CI runs the default);
- PODIUM_FUZZ_LONG_SEEDS=N seeds per screen in the long run (`pytest -m long`, default 10,
  starting after the CI seeds);
- PODIUM_FUZZ_KEYS=N    keys per seed (default 2,000);
- PODIUM_FUZZ_SEED=S    the first seed (default 0), to replay a reported failure;
- PODIUM_FUZZ_ONLY=NAME only the screens whose name contains NAME.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot

from tests.conftest import build_app
from tests.support.clock import FakeClock
from tests.support.fuzzdeck import CLOZE_MATCH, DAY0, EVERY_TYPE, KEY_ALPHABET, learner_with_history
from tests.support.keyfuzz import Target, fuzz, pop_to_bottom, send_burst, settle
from tui.domain.channel import PresenterState, publish
from tui.domain.learner import Learner
from tui.domain.presentation import Presentation
from tui.domain.quizrun import QuizRun
from tui.ui.notes_app import make_notes_app
from tui.ui.screens.help import HelpScreen
from tui.ui.screens.leave import LeaveQuizScreen
from tui.ui.screens.overview import OverviewScreen
from tui.ui.screens.presenter import PresenterScreen
from tui.ui.screens.quiz import QuizScreen
from tui.ui.screens.reader import SectionReader
from tui.ui.screens.results import ResultsScreen
from tui.ui.screens.resume import ResumeScreen
from tui.ui.screens.speaker import SpeakerScreen
from tui.ui.screens.statistics import StatisticsScreen
from tui.ui.screens.summary import SummaryScreen

SEEDS = int(os.environ.get("PODIUM_FUZZ_SEEDS", "1"))
LONG_SEEDS = int(os.environ.get("PODIUM_FUZZ_LONG_SEEDS", "10"))
FIRST_SEED = int(os.environ.get("PODIUM_FUZZ_SEED", "0"))
KEYS = int(os.environ.get("PODIUM_FUZZ_KEYS", "2000"))
ONLY = os.environ.get("PODIUM_FUZZ_ONLY", "")

def one_type(kind: str, copies: int = 30) -> Presentation:
    """The fixture deck with section 0's quiz made of `copies` questions of one type, so the
    quiz stays on that type while the fuzzer answers."""
    bank = EVERY_TYPE.banks[0]
    # cloze and match questions come from their own fixture deck, into this deck's first quiz.
    pool = CLOZE_MATCH.banks[0].questions if kind in ("cloze", "match") else bank.questions
    question = next(q for q in pool if q.type == kind)
    questions = tuple(dataclasses.replace(question, id=f"{question.id}-{n}") for n in range(copies))
    banks = dict(EVERY_TYPE.banks)
    banks[0] = dataclasses.replace(bank, questions=questions)
    return EVERY_TYPE._replace(banks=banks)


def presenter(app) -> PresenterScreen:  # type: ignore[no-untyped-def]
    return app.screen_stack[0]


async def press(pilot: Pilot, *keys: str) -> None:
    """Press keys one at a time, each handled before the next (as `Pilot.press`, faster)."""
    for key in keys:
        await send_burst(pilot, [key])


# -- the targets ---------------------------------------------------------------------------


def on_presenter(name: str, here, enter, presentation: Presentation = EVERY_TYPE,  # type: ignore[no-untyped-def]
                 learner=None, reset=None) -> Target:  # type: ignore[no-untyped-def]
    def build():  # type: ignore[no-untyped-def]
        return build_app(presentation, learner=learner() if learner else None)

    return Target(name, build, here, enter, reset=reset)


async def nothing(pilot: Pilot) -> None:
    return None


async def start_quiz(pilot: Pilot) -> None:
    presenter(pilot.app).start_quiz_of(0)
    await settle(pilot)


def quiz_target(kind: str) -> Target:
    def here(app) -> bool:  # type: ignore[no-untyped-def]
        return isinstance(app.screen, QuizScreen)

    return on_presenter(f"quiz-{kind}", here, start_quiz, one_type(kind))


async def open_notes(pilot: Pilot) -> None:
    if not presenter(pilot.app).show_notes:
        await press(pilot, "s")


async def open_results(pilot: Pilot) -> None:
    """Skip every question: the results (Esc asks before leaving, and leaving shows none)."""
    await start_quiz(pilot)
    quiz = pilot.app.screen
    assert isinstance(quiz, QuizScreen)
    while not quiz.run.finished:
        await press(pilot, "f3")
        if not quiz.run.finished:
            await press(pilot, "enter")
    await press(pilot, "enter")  # from the last feedback to the results


async def open_leave(pilot: Pilot) -> None:
    await start_quiz(pilot)
    await press(pilot, "escape")


async def open_reader(pilot: Pilot) -> None:
    await start_quiz(pilot)
    await press(pilot, "f3")
    await press(pilot, "v")


async def open_summary(pilot: Pilot) -> None:
    screen = presenter(pilot.app)
    run = QuizRun(EVERY_TYPE.banks[0], "Basics quiz", 0.7, seed=1)
    run.answer(None)
    screen.results[0] = run.result()
    screen.action_summary()
    await settle(pilot)


def history_file(tmp: Path, name: str, *, finish: bool) -> Callable[[], Learner]:
    """A Learner on a fresh copy of a prepared history, for each app the fuzzer starts."""
    prepared = tmp / f"{name}.db"
    learner_with_history(prepared, finish=finish)
    copies = iter(range(10**6))

    def open_copy() -> Learner:
        copy = tmp / f"{name}-{next(copies)}.db"
        shutil.copy(prepared, copy)
        return Learner.open(copy, EVERY_TYPE.deck, lambda: DAY0 + timedelta(days=3))

    return open_copy


def targets(tmp: Path) -> dict[str, Callable[[], Target]]:
    """Every screen, by name (built lazily: some write a history first)."""

    def is_palette(app) -> bool:  # type: ignore[no-untyped-def]
        return isinstance(app.screen, CommandPalette)

    def resume() -> Target:
        learner = history_file(tmp, "resume", finish=False)
        return on_presenter("resume", lambda app: isinstance(app.screen, ResumeScreen), start_quiz,
                            learner=learner, reset=reset_resume)

    async def reset_resume(pilot: Pilot, target: Target) -> None:
        await pop_to_bottom(pilot, target)
        app = pilot.app
        if app.learner.leftover(0, EVERY_TYPE.banks[0]) is None:
            # The fuzzer resumed and finished the attempt, or started over: leave another one open.
            run = QuizRun(EVERY_TYPE.banks[0], "Basics quiz", 0.7, seed=3)
            recorder = app.learner.recorder(0, "Basics", run, None)
            for _ in range(2):
                recorder.answered(run.answer(None), 5.0)

    def statistics() -> Target:
        learner = history_file(tmp, "statistics", finish=True)
        return on_presenter("statistics", lambda app: isinstance(app.screen, StatisticsScreen),
                            lambda pilot: press(pilot, "i"), learner=learner)

    def review() -> Target:
        open_copy = history_file(tmp, "review", finish=True)

        def build():  # type: ignore[no-untyped-def]
            learner = open_copy()
            due = learner.due_questions(EVERY_TYPE.banks, None)
            assert due, "the prepared history has nothing due"
            return build_app(EVERY_TYPE, learner=learner, review=due)

        return Target("review", build, lambda app: True, nothing)

    def study() -> Target:
        return Target("study", lambda: build_app(EVERY_TYPE, study=[0, 1]), lambda app: True, nothing)

    def speaker() -> Target:
        channel = tmp / "channel" / "presenting.json"
        publish(channel, PresenterState(page=2, step=0, total=12, started=None, pid=os.getpid()))

        def build():  # type: ignore[no-untyped-def]
            return make_notes_app(EVERY_TYPE, channel, duration=20, theme="textual-dark",
                                  clock=FakeClock())

        return Target("speaker", build, lambda app: isinstance(app.screen, SpeakerScreen), nothing,
                      bottom=2)

    table: dict[str, Callable[[], Target]] = {
        "presenter": lambda: on_presenter(
            "presenter", lambda app: isinstance(app.screen, PresenterScreen), nothing),
        "overview": lambda: on_presenter(
            "overview", lambda app: isinstance(app.screen, OverviewScreen), lambda p: press(p, "tab")),
        "palette": lambda: on_presenter("palette", is_palette, lambda p: press(p, "ctrl+p")),
        "search": lambda: on_presenter("search", is_palette, lambda p: press(p, "slash")),
        "help": lambda: on_presenter(
            "help", lambda app: isinstance(app.screen, HelpScreen), lambda p: press(p, "question_mark")),
        "notes": lambda: on_presenter(
            "notes", lambda app: isinstance(app.screen, PresenterScreen) and app.screen.show_notes,
            open_notes),
        **{f"quiz-{kind}": (lambda kind=kind: quiz_target(kind))
           for kind in ("single", "true_false", "multiple", "short", "numeric", "order", "cloze", "match")},
        "results": lambda: on_presenter(
            "results", lambda app: isinstance(app.screen, ResultsScreen), open_results),
        "leave": lambda: on_presenter(
            "leave", lambda app: isinstance(app.screen, LeaveQuizScreen), open_leave),
        "reader": lambda: on_presenter(
            "reader", lambda app: isinstance(app.screen, SectionReader), open_reader),
        "summary": lambda: on_presenter(
            "summary", lambda app: isinstance(app.screen, SummaryScreen), open_summary),
        "statistics": statistics,
        "resume": resume,
        "study": study,
        "review": review,
        "speaker": speaker,
    }
    return table


NAMES = [name for name in targets(Path("/nonexistent")) if ONLY in name]


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in a temporary folder: a palette command may save a screenshot to the working one."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


async def fuzz_screen(name: str, tmp: Path, seeds: range) -> None:
    target = targets(tmp)[name]()
    for seed in seeds:
        result = await fuzz(target, seed, KEY_ALPHABET, KEYS)
        if result.failure is not None:
            pytest.fail(result.failure.report(), pytrace=False)
        assert result.outcome.keys == KEYS
        assert result.outcome.entries >= 1


@pytest.mark.parametrize("name", NAMES)
async def test_no_key_sequence_crashes_the_screen(name: str, in_tmp: Path) -> None:
    await fuzz_screen(name, in_tmp, range(FIRST_SEED, FIRST_SEED + SEEDS))


@pytest.mark.long
@pytest.mark.parametrize("name", NAMES)
async def test_many_seeds_crash_no_screen(name: str, in_tmp: Path) -> None:
    # The seeds after the CI ones, so the long run tries sequences CI has not.
    first = FIRST_SEED + SEEDS
    await fuzz_screen(name, in_tmp, range(first, first + LONG_SEEDS))


def test_the_alphabet_holds_every_bound_key_and_the_common_ones() -> None:
    for key in ("enter", "escape", "tab", "pageup", "pagedown", "home", "end", "up", "down", "left",
                "right", "ctrl+p", "slash", "question_mark", "left_square_bracket", "f2", "f3",
                "shift+up", "a", "z", "0", "9", "q", "ctrl+c"):
        assert key in KEY_ALPHABET
    assert "ctrl+z" not in KEY_ALPHABET
