"""Where podium finds things on disk: the bundled deck."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def bundled_deck() -> Path:
    """The guide that ships with podium: inside the installed package, or at the repository top."""
    installed = _PACKAGE / "bundled"
    if (installed / "slides").is_dir():
        return installed
    return _PACKAGE.parent
