"""Shared fixtures: decks on disk, the app built through `make_app`, and reading what it shows."""

from __future__ import annotations

import io
import time
from dataclasses import replace
from pathlib import Path

import pytest
from rich.console import Console
from textual.widget import Widget

from tests.support.clock import FakeClock
from tests.support.markers import pytest_runtest_setup  # noqa: F401  - the browser/bench skips
from tests.support.notices import record_notices
from tests.support.waiting import settle_until
from tui.domain.loader import Presentation, load_presentation
from tui.domain.paths import bundled_deck
from tui.ui import textual_door
from tui.ui.app import AppOptions, PodiumApp, make_app

FIXTURES = Path(__file__).parent / "fixtures"
SEED = 7
THEME = "textual-dark"


@pytest.fixture(autouse=True)
def fresh_door():
    """Each test probes the door to Textual's internals anew (a test may take a name away or set
    PODIUM_PLAIN_TEXTUAL), and leaves no probe behind."""
    textual_door.reprobe()
    yield
    textual_door.reprobe()


@pytest.fixture(autouse=True)
def notices_recorded(monkeypatch):
    """Every app's notices are kept for `tests.support.notices.messages` to read."""
    record_notices(monkeypatch)


def door_on() -> bool:
    """Whether this run leaves the door to Textual's internals open (not PODIUM_PLAIN_TEXTUAL=1)."""
    import os

    return os.environ.get(textual_door.PLAIN) != "1"


needs_door = pytest.mark.skipif(not door_on(), reason="asserts on a fast path through Textual's "
                                "internals, which PODIUM_PLAIN_TEXTUAL=1 turns off")


@pytest.fixture(scope="session")
def guide() -> Presentation:
    """The bundled guide, loaded once."""
    return load_presentation(bundled_deck())


@pytest.fixture(scope="session")
def every_type_presentation() -> Presentation:
    """The fixture deck with one question of every type."""
    return load_presentation(FIXTURES / "every-type")


def build_app(presentation: Presentation, **settings) -> PodiumApp:
    """The app as the CLI builds it, with a fixed seed, theme and clock so runs repeat; `settings`
    are `AppOptions` fields (`start=3`, `complete=...`) in place of those defaults."""
    options = AppOptions(seed=SEED, theme=THEME, clock=FakeClock())
    return make_app(presentation, replace(options, **settings))


def shown(widget: Widget, width: int = 100) -> str:
    """The plain text a widget's content renders to (markup-free, as the user reads it)."""
    content = widget.content if hasattr(widget, "content") else widget.render()
    if isinstance(content, str):
        return content
    console = Console(width=width, file=io.StringIO(), record=True, color_system=None)
    console.print(content)
    return console.export_text()


def write_deck(root: Path, files: dict[str, str]) -> Path:
    """Write a deck's files (relative path -> text) under `root`."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


async def wait_until(pilot, condition, seconds: float = 5.0) -> float:  # type: ignore[no-untyped-def]
    """Let the app run until `condition()` holds (`settle_until`); how long it took."""
    started = time.monotonic()
    await settle_until(pilot, condition, seconds)
    return time.monotonic() - started
