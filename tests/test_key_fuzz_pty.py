"""The key fuzzer against podium in a real terminal (a pty), for every screen the in-process fuzzer
(tests/test_key_fuzz.py) covers. The machinery is in tests/support/ptyfuzz.py. Each target brings
podium to its screen by keys, after writing a history to its data folder where the screen needs
one (statistics, the resume prompt, review). Environment variables:

- PODIUM_FUZZ_SEEDS=N       seeds per screen in the CI test (default 1);
- PODIUM_FUZZ_LONG_SEEDS=N  seeds per screen in the long run (`pytest -m long`, default 10, after
  the CI ones);
- PODIUM_FUZZ_PTY_KEYS=N    keys per seed (default 300);
- PODIUM_FUZZ_SEED=S        the first seed (default 0);
- PODIUM_FUZZ_ONLY=NAME     only the screens whose name contains NAME.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURES
from tests.support.fuzzdeck import EVERY_TYPE, KEY_ALPHABET, learner_with_history
from tests.support.ptyfuzz import PtyTarget, report, run
from tui.domain.channel import PresenterState, channel_path, publish
from tui.domain.datadir import history_path
from tui.domain.identity import deck_key

ROOT = Path(__file__).resolve().parent.parent
DECK = str(FIXTURES / "every-type")
SEEDS = int(os.environ.get("PODIUM_FUZZ_SEEDS", "1"))
LONG_SEEDS = int(os.environ.get("PODIUM_FUZZ_LONG_SEEDS", "10"))
FIRST_SEED = int(os.environ.get("PODIUM_FUZZ_SEED", "0"))
KEYS = int(os.environ.get("PODIUM_FUZZ_PTY_KEYS", "300"))
ONLY = os.environ.get("PODIUM_FUZZ_ONLY", "")

TITLE = "Every question type"
PRESENT = [DECK, "--seed", "1"]
STUDY = ["quiz", DECK, "--section", "1", "--seed", "1"]
QUIZ_PAGE = "5"
"""The page of section 1's quiz."""
ASKING = "question 1 of"
F3 = b"\x1bOR"
PALETTE = "Search for commands"
"""The palette's placeholder (the footer's "Search" shows on every screen)."""
KINDS = ("single", "true_false", "multiple", "short", "numeric", "order", "pattern")


def one_type_deck(folder: Path, kind: str, copies: int = 30) -> str:
    """A copy of the fixture deck whose section 1 quiz is `copies` questions of one type (a short
    answer with a pattern for "pattern"), so the quiz stays on that type while keys answer it."""
    deck = folder / f"deck-{kind}"
    if not deck.exists():
        shutil.copytree(FIXTURES / "every-type", deck)
        quizzes = deck / "quizzes"
        basics = yaml.safe_load((quizzes / "01-basics.yaml").read_text(encoding="utf-8"))
        everything = basics["questions"] + yaml.safe_load(
            (quizzes / "02-more.yaml").read_text(encoding="utf-8"))["questions"]
        if kind == "pattern":
            question = next(q for q in everything if "pattern" in q)
        else:
            question = next(q for q in everything if q["type"] == kind)
        basics["questions"] = [{**question, "id": f"{question['id']}-{n}"} for n in range(copies)]
        (quizzes / "01-basics.yaml").write_text(yaml.safe_dump(basics, allow_unicode=True, sort_keys=False),
                                                encoding="utf-8")
    return str(deck)


def history(finish: bool) -> Callable[[Path], None]:
    """Writes one attempt at section 1 to a data folder's history, a month ago: finished (its
    questions are due for review) or left open (the quiz offers to resume it)."""
    def prepare(folder: Path) -> None:
        learner_with_history(history_path(folder), finish=finish,
                             when=datetime.now(UTC) - timedelta(days=30))
    return prepare


def targets(tmp: Path) -> dict[str, Callable[[], PtyTarget]]:
    """Every screen, by name (built lazily: some write a deck first)."""

    def quiz(kind: str) -> PtyTarget:
        deck = one_type_deck(tmp, kind)
        return PtyTarget(f"quiz-{kind}", [deck, "--seed", "1", "--slide", QUIZ_PAGE], "Quiz",
                         [(b"\r", ASKING)])

    def from_feedback(name: str, more: list[tuple[bytes, str]]) -> PtyTarget:
        deck = one_type_deck(tmp, "single")
        return PtyTarget(name, [deck, "--seed", "1", "--slide", QUIZ_PAGE], "Quiz",
                         [(b"\r", ASKING), (F3, "Skipped"), *more])

    def speaker() -> PtyTarget:
        # A presenter on page 3 (this process stands in for it: its pid is alive).
        channel = channel_path(tmp / "run", deck_key(EVERY_TYPE.deck))
        state = PresenterState(page=2, step=0, total=12, started=None, pid=os.getpid())
        return PtyTarget("speaker", ["notes", DECK, "--duration", "20m"], "Slide 3 of",
                         prepare=lambda folder: publish(channel, state), data_dir=False)

    return {
        "presenter": lambda: PtyTarget("presenter", PRESENT, TITLE),
        "overview": lambda: PtyTarget("overview", PRESENT, TITLE, [(b"\t", "Enter go")]),
        "palette": lambda: PtyTarget("palette", PRESENT, TITLE, [(b"\x10", PALETTE)]),
        "search": lambda: PtyTarget("search", PRESENT, TITLE, [(b"/", PALETTE)]),
        "help": lambda: PtyTarget("help", PRESENT, TITLE, [(b"?", "keys")]),
        "notes": lambda: PtyTarget("notes", PRESENT, TITLE, [(b"s", "No notes")]),
        **{f"quiz-{kind}": (lambda kind=kind: quiz(kind)) for kind in KINDS},
        "feedback": lambda: from_feedback("feedback", []),
        "reader": lambda: from_feedback("reader", [(b"v", "Re-reading")]),
        "results": lambda: PtyTarget("results", STUDY, ASKING, skip_every_question(6)),
        "leave": lambda: PtyTarget("leave", STUDY, ASKING, [(b"\x1b", "Leave the quiz?")]),
        # The summary needs a result: a quiz whose every question was skipped, its results closed.
        "summary": lambda: PtyTarget("summary", [*PRESENT, "--slide", QUIZ_PAGE], "Quiz", [
            (b"\r", ASKING), *skip_every_question(6), (b"\r", "One more slide"), (b"r", "Quiz summary")]),
        "statistics": lambda: PtyTarget("statistics", PRESENT, TITLE, [(b"i", "Scores over time")],
                                        prepare=history(finish=True)),
        "resume": lambda: PtyTarget("resume", STUDY, "You stopped this quiz", prepare=history(finish=False)),
        "study": lambda: PtyTarget("study", ["quiz", DECK, "--seed", "1"], ASKING),
        "review": lambda: PtyTarget("review", ["review", DECK], "Review ·", prepare=history(finish=True)),
        "speaker": speaker,
    }


def skip_every_question(count: int) -> list[tuple[bytes, str]]:
    """The keys that skip each of a quiz's `count` questions and reach its results (Esc now asks
    before leaving, and leaving shows no results)."""
    steps: list[tuple[bytes, str]] = []
    for number in range(1, count + 1):
        steps.append((F3, "Skipped"))
        steps.append((b"\r", f"question {number + 1} of" if number < count else "Results"))
    return steps


NAMES = [name for name in targets(Path("/nonexistent")) if ONLY in name]


def fuzz(name: str, tmp_path: Path, seeds: range) -> None:
    target = targets(tmp_path)[name]()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm-256color",
           "PODIUM_DATA_DIR": str(tmp_path / "data"), "PODIUM_RUNTIME_DIR": str(tmp_path / "run")}
    for seed in seeds:
        outcome = run(target, seed, KEY_ALPHABET, KEYS, env, tmp_path)
        if outcome.problem is not None:
            pytest.fail(report(target, seed, outcome), pytrace=False)
        assert outcome.keys == KEYS


@pytest.mark.parametrize("name", NAMES)
def test_no_key_burst_crashes_podium_in_a_terminal(name: str, tmp_path: Path) -> None:
    fuzz(name, tmp_path, range(FIRST_SEED, FIRST_SEED + SEEDS))


@pytest.mark.long
@pytest.mark.parametrize("name", NAMES)
def test_many_seeds_of_key_bursts_in_a_terminal(name: str, tmp_path: Path) -> None:
    # The seeds after the CI ones, so the long run tries sequences CI has not.
    first = FIRST_SEED + SEEDS
    fuzz(name, tmp_path, range(first, first + LONG_SEEDS))
