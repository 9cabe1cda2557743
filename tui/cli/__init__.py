"""The command line: parse arguments, call the domain, build the app, map errors to exit codes.

Exit status: 0 success; 1 warnings under `check --strict`; 2 a problem in the user's files or
arguments (or no terminal for a command that draws on one); 3 podium itself failed, with the
details in a crash report in the data folder.
"""

from __future__ import annotations

import sys
from importlib import import_module
from typing import Sequence

from tui.cli.common import EXIT_CRASH, EXIT_OK, EXIT_PROBLEMS

COMMANDS = {
    "check": "authoring", "new": "authoring", "import": "authoring", "export": "authoring",
    "notes": "presenting", "serve": "presenting",
    "quiz": "learning", "review": "learning", "stats": "learning", "history": "learning",
}
"""Each command and the module that runs it (`run_<command>`), imported only when it is used."""


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


def _data_dir_option(args: list[str]):  # type: ignore[no-untyped-def]
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
        module = import_module(f"tui.cli.{COMMANDS[args[0]]}")
        return getattr(module, f"run_{args[0]}")(args[1:])  # type: ignore[no-any-return]
    from tui.cli.presenting import run_present

    return run_present(args)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
