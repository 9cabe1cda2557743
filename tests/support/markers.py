"""The markers `browser` and `bench` skip, with a reason, a test whose tool is not installed here.

In CI (the CI variable set, as .ci/run runs) a missing tool fails the test instead, since CI
installs them all. `slow` is only a label: slow tests still run by default; leave them out with `-m "not slow"`.
The hook below is imported into tests/conftest.py so pytest finds it.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import pytest


def chromium_path() -> str | None:
    """Where Chromium is installed, or None."""
    found = shutil.which("chromium")
    if found:
        return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def missing_for(marker: str) -> str | None:
    """Why a test with this marker cannot run here, or None when its tools are present."""
    if marker == "browser":
        if chromium_path() is None:
            return "needs Chromium (/usr/bin/chromium or `chromium` on PATH); .ci/run installs it"
        if not installed("playwright"):
            return "needs playwright (the `test` extra)"
    if marker == "bench" and not installed("pyte"):
        return "needs pyte, the benchmark's terminal emulator (the `test` or `bench` extra)"
    return None


def pytest_runtest_setup(item: pytest.Item) -> None:
    for marker in ("browser", "bench"):
        if item.get_closest_marker(marker) is not None:
            reason = missing_for(marker)
            if reason and os.environ.get("CI"):
                pytest.fail(f"CI installs every tool, yet this test {reason}")
            if reason:
                pytest.skip(reason)
