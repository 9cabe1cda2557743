"""What every podium command shares: exit codes, messages, the deck and the history options."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from tui.domain.errors import PodiumError, Problem
from tui.ui.startup import no_collections

EXIT_OK = 0

EXIT_WARNINGS = 1

EXIT_PROBLEMS = 2

EXIT_CRASH = 3
"""podium itself failed: an error it did not expect, reported in a file of the data folder."""

NEEDS_TERMINAL = "podium: needs a terminal (use podium export or podium check for files)"

EPILOG = """commands:
  podium [DECK]         present a deck (default: the deck here, else the bundled guide)
  podium check [PATH]   check a deck and its banks, print every problem as path:line:col
  podium notes [DECK]   speaker view for a second terminal: follows the presenting podium
  podium serve [DECK]   present in a web browser at http://localhost:8000 (--port N)
  podium quiz [DECK]    study mode: the quizzes without the slides (--section NAME|NUMBER,
                        --missed [--all]: retake only what you missed)
  podium review [DECK]  ask the questions due for spaced review; a miss comes back in the
                        session (--limit N, --section N, --tag T, --relearn-after N)
  podium stats [DECK]   attempts, best, last and average per section; most missed (--json)
  podium history export [--format csv|json]   every answer recorded
  podium new DIR        write a small working deck to start from
  podium schema [DIR]   write the bank schema for editors beside a deck's banks
  podium import FILE    convert a Moodle GIFT or Aiken question file into a podium bank
  podium export [DECK] --html FILE | --markdown FILE | --svg DIR    handouts and slide images
  podium export --gift BANK    a podium bank as GIFT, for Moodle and other LMSs
  podium export [DECK|BANK] --anki FILE.apkg    the questions as Anki notes, a deck per section
  podium new section NAME [DIR]   add the next numbered section and its quiz bank

keys while presenting: → Space PgDn next · ← PgUp back · number+Enter jump · ? help · q quit
exit status: 0 ok · 1 warnings (check --strict) · 2 a problem in your files or arguments, or no
terminal · 3 podium failed (a crash report is written to the data folder's crashes/)
docs: docs/presenting.md (keys, speaker view, export), docs/learning.md (quizzes, history,
review), docs/authoring.md (deck and bank format, checker, import)
"""


def _history_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", type=Path,
                        help="where the history lives (default: $PODIUM_DATA_DIR, else the user data folder)")
    parser.add_argument("--no-history", action="store_true", help="record nothing and read no history")


def _learner(args: argparse.Namespace, deck, reading: bool = False):
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


def say(message: object, *, file=None) -> None:
    """Print a message for the user (standard error by default) with every control code shown as
    `?`: a path or an argument holding an escape sequence must not reach the terminal as one."""
    from tui.domain.source import safe_text

    print(safe_text(str(message)), file=sys.stderr if file is None else file)


def print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        say(problem.describe())


def without_terminal() -> bool:
    """Whether the app would draw on something that is not a terminal (a file, a pipe).

    Textual's terminal driver reads keys from standard input and draws on standard error, and
    podium's output belongs on standard output: all three must be a terminal. A driver named in
    TEXTUAL_DRIVER (the web driver `podium serve` starts each session with) needs none.
    """
    import os

    if os.environ.get("TEXTUAL_DRIVER"):
        return False
    for stream in (sys.__stdin__, sys.__stdout__, sys.__stderr__):
        try:
            if stream is None or not os.isatty(stream.fileno()):
                return True
        except (OSError, ValueError):  # closed, or no descriptor at all
            return True
    return False


def refuse_without_terminal() -> bool:
    """Say that a terminal is needed, when there is none; True when refused."""
    if without_terminal():
        print(NEEDS_TERMINAL, file=sys.stderr)
        return True
    return False


def run_app(app, data_dir: Path | None = None) -> int:
    """Run the app; the exit status. After an error the app did not expect, the traceback goes to
    a file in the data folder and one line on standard error says where. Without a terminal to
    draw on, the app is not run (the deck and the arguments are checked before)."""
    if refuse_without_terminal():
        learner = getattr(app, "learner", None)
        if learner is not None:
            learner.close()
        return EXIT_PROBLEMS
    app.run()
    # A non-zero return code without an error is an exit the app chose (e.g. a deck that failed
    # to load); an error raised while an exit was already under way leaves the return code 0.
    from tui.ui.textual_door import run_error

    error = run_error(app)
    if error is None:
        return int(app.return_code or EXIT_OK)
    report_crash(error, data_dir)
    return EXIT_CRASH


def _run_app(app, data_dir: Path | None = None) -> int:
    if app.initial_theme not in app.available_themes:
        say(f"podium: unknown theme '{app.initial_theme}'")
        return EXIT_PROBLEMS
    return run_app(app, data_dir)


def crash_report(error: BaseException) -> str:
    """The text of a crash report: versions, the command line and the traceback."""
    import platform
    import traceback
    from importlib import metadata

    from tui import __version__

    try:
        textual_version = metadata.version("textual")
    except Exception:  # noqa: BLE001 - the report matters more than this line
        textual_version = "?"
    return "".join([
        f"podium {__version__} crashed. Please attach this file when you report the problem.\n\n",
        f"command: {' '.join(sys.argv)}\n",
        f"python: {platform.python_version()} ({platform.platform()})\n",
        f"textual: {textual_version}\n\n",
        *traceback.format_exception(error),
    ])


def report_crash(error: BaseException, data_override: Path | None = None) -> Path | None:
    """Write the crash report into `<data>/crashes/` (else the temporary folder) and say where on
    standard error; the path written, or None when no file could be, after printing the report."""
    import os
    import tempfile
    import time

    from tui.domain.datadir import data_dir

    text = crash_report(error)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    folders = []
    try:
        folders.append(data_dir(data_override, os.environ) / "crashes")
    except Exception:  # noqa: BLE001 - no data folder: the temporary folder will do
        pass
    folders.append(Path(tempfile.gettempdir()))
    for folder in folders:
        for attempt in range(1, 100):
            name = f"crash-{stamp}.txt" if attempt == 1 else f"crash-{stamp}-{attempt}.txt"
            try:
                folder.mkdir(parents=True, exist_ok=True)
                descriptor = os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                continue
            except OSError:
                break
            try:
                with os.fdopen(descriptor, "w", encoding="utf-8", errors="replace") as out:
                    out.write(text)
            except OSError:  # a full disk, say: try the next folder
                break
            say(f"podium: crashed; the details are in {folder / name}")
            return folder / name
    say(text)
    say("podium: crashed; the details above could not be written to a file")
    return None


SCHEMA_NAME = "quizbank.schema.json"
"""The bank schema's file name, in the package and beside the banks that refer to it."""


def packaged_schema() -> Path:
    """The bank schema shipped inside the package."""
    return Path(__file__).resolve().parent.parent / "schemas" / SCHEMA_NAME


def write_schema(bank_dir: Path) -> Path:
    """Copy the bank schema into `bank_dir` (made if needed), so that banks there can name it as
    `$schema=quizbank.schema.json`, a reference that still holds after the deck is moved or
    podium is installed elsewhere. A copy already up to date is left untouched."""
    text = packaged_schema().read_text(encoding="utf-8")
    target = bank_dir / SCHEMA_NAME
    bank_dir.mkdir(parents=True, exist_ok=True)
    try:
        current = target.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        current = None
    if current != text:
        target.write_text(text, encoding="utf-8")
    return target


def load_or_report(path: Path | None):
    """The deck at `path` (or the default deck) with its banks; None after printing its problems."""
    from tui.domain.loader import load_presentation

    try:
        with no_collections():
            return load_presentation(_deck_path(path))
    except PodiumError as error:
        print_problems(error.problems)
        return None
