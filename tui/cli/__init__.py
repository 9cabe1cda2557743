"""The command line: parse arguments, call the domain, build the app, map errors to exit codes.

Exit status: 0 success; 1 warnings under `check --strict`; 2 a problem in the user's files or
arguments (or no terminal for a command that draws on one); 3 podium itself failed, with the
details in a crash report in the data folder.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from types import ModuleType

from tui.cli.common import EXIT_CRASH, EXIT_OK, EXIT_PROBLEMS


# The command modules are imported when a command of theirs runs, never at start-up: `podium`
# alone needs only presenting (tests/test_import_hygiene.py).
def _authoring() -> ModuleType:
    import tui.cli.authoring

    return tui.cli.authoring


def _presenting() -> ModuleType:
    import tui.cli.presenting

    return tui.cli.presenting


def _learning() -> ModuleType:
    import tui.cli.learning

    return tui.cli.learning


Command = Callable[[list[str]], int]

COMMANDS: dict[str, Command] = {
    "check": lambda args: _authoring().run_check(args),
    "new": lambda args: _authoring().run_new(args),
    "import": lambda args: _authoring().run_import(args),
    "schema": lambda args: _authoring().run_schema(args),
    "export": lambda args: _authoring().run_export(args),
    "notes": lambda args: _presenting().run_notes(args),
    "serve": lambda args: _presenting().run_serve(args),
    "quiz": lambda args: _learning().run_quiz(args),
    "review": lambda args: _learning().run_review(args),
    "stats": lambda args: _learning().run_stats(args),
    "history": lambda args: _learning().run_history(args),
}
"""Each command named on the command line and what runs it, given the arguments after its name.
Without one of these names first, the arguments present a deck (`run_present`)."""


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `podium` command."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        status = _dispatch(args)
        if sys.stdout is not None:
            sys.stdout.flush()  # a reader gone early shows here at the latest, where it is handled
        return status
    except BrokenPipeError:
        # Output piped into `head` and the like: stop quietly, as command-line tools do.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as error:
        # A file podium was asked to write (an export, an import's -o) could not be: say which.
        from tui.cli.common import say

        where = error.filename if error.filename is not None else "podium"
        say(f"podium: {where}: {error.strerror or error}")
        return EXIT_PROBLEMS
    except Exception as error:  # noqa: BLE001 - a bug: reported in a file, not as a traceback
        from tui.cli.common import report_crash

        report_crash(error, _data_dir_option(args))
        return EXIT_CRASH


def _data_dir_option(args: list[str]):
    """The --data-dir given on the command line, if any (for a crash report's folder)."""
    from pathlib import Path

    for index, arg in enumerate(args):
        if arg == "--data-dir" and index + 1 < len(args):
            return Path(args[index + 1])
        if arg.startswith("--data-dir="):
            return Path(arg.partition("=")[2])
    return None


def _dispatch(args: list[str]) -> int:
    if args and args[0] in COMMANDS:
        return COMMANDS[args[0]](args[1:])
    from tui.cli.presenting import run_present

    return run_present(args)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
