"""Where podium keeps what it remembers about a learner: the data directory and the history file.

The place is chosen when asked, never at import: `--data-dir` first, then the PODIUM_DATA_DIR
environment variable, then the platform's per-user data folder.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

ENV_VAR = "PODIUM_DATA_DIR"
HISTORY_FILE = "history.db"


def data_dir(override: str | Path | None, environ: Mapping[str, str]) -> Path:
    """The data directory: `override` (from --data-dir), else $PODIUM_DATA_DIR, else the user's data folder.

    Nothing is created here; the history store makes the folder and file when it is opened.
    """
    if override is not None and str(override).strip():
        return Path(override).expanduser().absolute()
    from_env = environ.get(ENV_VAR, "").strip()
    if from_env:
        return Path(from_env).expanduser().absolute()
    # Imported here so that loading the domain costs nothing when history is never used.
    import platformdirs

    # appauthor=False: on Windows the default would nest the folder twice (podium\podium).
    return platformdirs.user_data_path("podium", appauthor=False)


def history_path(directory: Path) -> Path:
    """The history database inside a data directory."""
    return Path(directory) / HISTORY_FILE
