"""The command line: parse arguments, call the domain, build the app, map errors to exit codes.

Exit status: 0 success; 1 warnings under `check --strict`; 2 a problem in the user's files or
arguments.
"""

from __future__ import annotations

import sys
from importlib import import_module
from typing import Sequence

from tui.cli.common import EXIT_OK, EXIT_PROBLEMS

COMMANDS = {
    "check": "authoring", "new": "authoring", "import": "authoring", "export": "authoring",
    "notes": "presenting", "serve": "presenting",
    "quiz": "learning", "review": "learning", "stats": "learning", "history": "learning",
}
"""Each command and the module that runs it (`run_<command>`), imported only when it is used."""


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `podium` command."""
    try:
        return _dispatch(argv)
    except BrokenPipeError:
        # Output piped into `head` and the like: stop quietly, as command-line tools do.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as error:
        # A file podium was asked to write (an export, an import's -o) could not be: say which.
        where = error.filename if error.filename is not None else "podium"
        print(f"podium: {where}: {error.strerror or error}", file=sys.stderr)
        return EXIT_PROBLEMS


def _dispatch(argv: Sequence[str] | None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in COMMANDS:
        module = import_module(f"tui.cli.{COMMANDS[args[0]]}")
        return getattr(module, f"run_{args[0]}")(args[1:])  # type: ignore[no-any-return]
    from tui.cli.presenting import run_present

    return run_present(args)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
