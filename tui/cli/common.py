"""What every podium command shares: exit codes, messages, the deck and the history options."""

from __future__ import annotations

import argparse
import gc
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Sequence

from tui.domain.errors import PodiumError, Problem

EXIT_OK = 0

EXIT_WARNINGS = 1

EXIT_PROBLEMS = 2

EPILOG = """commands:
  podium [DECK]         present a deck (default: the deck here, else the bundled guide)
  podium check [PATH]   check a deck and its banks, print every problem as path:line:col
  podium notes [DECK]   speaker view for a second terminal: follows the presenting podium
  podium serve [DECK]   present in a web browser at http://localhost:8000 (--port N)
  podium quiz [DECK]    study mode: the quizzes without the slides (--section NAME|NUMBER)
  podium review [DECK]  ask the questions due for spaced review (--limit N)
  podium stats [DECK]   attempts, best, last and average per section; most missed (--json)
  podium history export [--format csv|json]   every answer recorded
  podium new DIR        write a small working deck to start from
  podium import FILE    convert a Moodle GIFT or Aiken question file into a podium bank
  podium export [DECK] --html FILE | --markdown FILE | --svg DIR    handouts and slide images
  podium export --gift BANK    a podium bank as GIFT, for Moodle and other LMSs
  podium new section NAME [DIR]   add the next numbered section and its quiz bank

keys while presenting: → Space PgDn next · ← PgUp back · number+Enter jump · ? help · q quit
docs: docs/presenting.md (keys, speaker view, export), docs/learning.md (quizzes, history,
review), docs/authoring.md (deck and bank format, checker, import)
"""


def _history_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", type=Path,
                        help="where the history lives (default: $PODIUM_DATA_DIR, else the user data folder)")
    parser.add_argument("--no-history", action="store_true", help="record nothing and read no history")


def _learner(args: argparse.Namespace, deck, reading: bool = False):  # type: ignore[no-untyped-def]
    """The learner's history for a deck, as the options say (off with --no-history); `reading`:
    a command that only reads it, which can then read a history it may not write."""
    import os

    from tui.domain.datadir import data_dir, history_path
    from tui.domain.learner import Learner

    if getattr(args, "no_history", False):
        return Learner.open(None, deck)
    return Learner.open(history_path(data_dir(args.data_dir, os.environ)), deck, reading=reading)


def _deck_path(path: Path | None) -> Path:
    """The deck named, else the deck in the current folder, else the bundled guide."""
    from tui.domain.paths import bundled_deck

    if path is not None:
        return path
    return Path(".") if Path("slides").is_dir() else bundled_deck()


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(problem.describe(), file=sys.stderr)


def _run_app(app) -> int:  # type: ignore[no-untyped-def]
    if app.initial_theme not in app.available_themes:
        print(f"podium: unknown theme '{app.initial_theme}'", file=sys.stderr)
        return EXIT_PROBLEMS
    app.run()
    return EXIT_OK


def _schema_for(bank_dir: Path) -> str:
    """The bank schema shipped in the package, as a path an editor can follow from `bank_dir`."""
    import os

    schema = Path(__file__).resolve().parent.parent / "schemas" / "quizbank.schema.json"
    try:
        return os.path.relpath(schema, bank_dir.resolve())
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(schema)


def load_or_report(path: Path | None):  # type: ignore[no-untyped-def]
    """The deck at `path` (or the default deck) with its banks; None after printing its problems."""
    from tui.domain.loader import load_presentation

    try:
        with no_collections():
            return load_presentation(_deck_path(path))
    except PodiumError as error:
        print_problems(error.problems)
        return None


@contextmanager
def collector_off() -> Iterator[None]:
    """The cyclic garbage collector off for a block, then as it was before."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def no_collections() -> Iterator[None]:
    """Loading makes many small objects that all live on: collecting during it only costs time
    (10,000 questions loaded 1.41 -> 0.96 s, docs/performance.md)."""
    try:
        with collector_off():
            yield
    finally:
        gc.freeze()  # what is loaded now stays: later collections need not walk it again
