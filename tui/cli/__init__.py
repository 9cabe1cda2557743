"""The command line: parse arguments, call the domain, build the app, map errors to exit codes.

Exit status: 0 success; 1 warnings under `check --strict`; 2 a problem in the user's files or
arguments.
"""

from __future__ import annotations

import sys
from typing import Sequence

from tui.cli.authoring import run_check, run_export, run_import, run_new
from tui.cli.common import EXIT_OK, EXIT_PROBLEMS
from tui.cli.learning import run_history, run_quiz, run_review, run_stats
from tui.cli.presenting import run_notes, run_present, run_serve


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
    commands = {"check": run_check, "notes": run_notes, "serve": run_serve, "new": run_new,
                "import": run_import, "export": run_export, "quiz": run_quiz, "review": run_review,
                "stats": run_stats, "history": run_history}
    if args and args[0] in commands:
        return commands[args[0]](args[1:])
    return run_present(args)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
