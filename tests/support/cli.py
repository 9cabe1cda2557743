"""Running podium as a separate process, as a user's shell would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
"""The checkout whose `tui` the processes import."""


def podium(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`podium ARGS`, run to its end; what it printed and its exit status."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=60)


def terminal_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment of podium started in a pty: this checkout's `tui`, an xterm, and its runtime
    files in `tmp_path`."""
    return {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm-256color",
            "PODIUM_RUNTIME_DIR": str(tmp_path), **extra}
