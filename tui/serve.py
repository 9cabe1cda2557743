"""`podium serve`: the presenter in a browser, served by textual-serve on localhost only.

Each browser tab gets its own podium process running the same command line; nothing listens
beyond the loopback interface.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path


def serve_command(deck: Path | None, seed: int | None, theme: str | None) -> str:
    """The command each browser session runs: this Python, podium, the same deck and options."""
    parts = [sys.executable, "-m", "tui"]
    if deck is not None:
        parts.append(str(deck.absolute()))
    if seed is not None:
        parts += ["--seed", str(seed)]
    if theme:
        parts += ["--theme", theme]
    return shlex.join(parts)


def serve(deck: Path | None, *, port: int, seed: int | None, theme: str | None, title: str) -> None:
    """Serve until interrupted."""
    from textual_serve.server import Server

    Server(serve_command(deck, seed, theme), host="localhost", port=port, title=title).serve()
