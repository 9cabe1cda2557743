"""The local channel between a presenting podium and its speaker view (`podium notes`).

The presenter writes a small JSON state file per deck in the user's runtime directory (never a
network port); the speaker view reads it. Either can start first: the file is written on every
move and read whenever it changes. Each deck has its own file, so decks presented at once do not
cross.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import warnings
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

ENV_VAR = "PODIUM_RUNTIME_DIR"


@dataclass(frozen=True)
class PresenterState:
    """Where the presenter is: what the speaker view needs to follow it."""

    page: int
    """0-based page index in the deck's walk."""
    step: int
    total: int
    started: str | None
    """When the talk started (ISO time), or None before the first move."""
    pid: int


def runtime_dir(environ: Mapping[str, str]) -> Path:
    """$PODIUM_RUNTIME_DIR, else the user's runtime folder, else a private temp folder."""
    override = environ.get(ENV_VAR, "").strip()
    if override:
        return Path(override)
    try:
        import platformdirs

        with warnings.catch_warnings():
            # Without XDG_RUNTIME_DIR platformdirs warns and falls back to a temp folder: fine here.
            warnings.simplefilter("ignore")
            return platformdirs.user_runtime_path("podium", appauthor=False)
    except Exception:  # pragma: no cover - platformdirs can fail on exotic systems
        return Path(tempfile.gettempdir()) / f"podium-{os.getuid()}"


def channel_path(directory: Path, deck_key: str) -> Path:
    return directory / f"presenting-{deck_key}.json"


def publish(path: Path, state: PresenterState) -> None:
    """Write the state atomically, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".presenting-", suffix=".json")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(asdict(state), out)
    os.replace(temporary, path)


def read_state(path: Path) -> PresenterState | None:
    """The last published state, or None when there is none (or it cannot be read)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return PresenterState(**{key: data[key] for key in ("page", "step", "total", "started", "pid")})
    except (OSError, ValueError, KeyError, TypeError):
        return None


def withdraw(path: Path) -> None:
    """Remove the state file when the presenter quits."""
    try:
        path.unlink()
    except OSError:
        pass


_DURATION = re.compile(r"^\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?\s*$")


def parse_duration(text: str) -> int | None:
    """`20m`, `1h30m`, `90s`, `1h`, or a bare number of minutes -> seconds; None if unreadable."""
    text = text.strip().lower()
    if text.isdigit():
        return int(text) * 60 or None
    match = _DURATION.match(text)
    if not match or not any(match.groups()):
        return None
    hours, minutes, seconds = (int(group or 0) for group in match.groups())
    total = hours * 3600 + minutes * 60 + seconds
    return total or None


@dataclass(frozen=True)
class Pace:
    """How the talk goes against its planned duration."""

    time_share: float
    """Share of the planned time used, 0 to 1 (capped)."""
    slide_share: float
    """Share of the pages shown."""
    verdict: str


def pace(elapsed: float, duration: float, page: int, total: int) -> Pace:
    """Compare time used with pages shown: ahead, behind or on pace, in whole minutes."""
    time_share = min(elapsed / duration, 1.0) if duration else 0.0
    slide_share = (page + 1) / total if total else 0.0
    # Where the talk should be by now, in seconds, against where it is.
    drift = (slide_share - time_share) * duration
    minutes = round(abs(drift) / 60)
    if minutes == 0:
        verdict = "on pace"
    elif drift > 0:
        verdict = f"ahead by {minutes} min"
    else:
        verdict = f"behind by {minutes} min"
    if elapsed > duration:
        verdict = f"over time by {round((elapsed - duration) / 60)} min"
    return Pace(time_share, slide_share, verdict)
