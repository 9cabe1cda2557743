"""Shared fixtures: decks on disk, the app built through `make_app`, and reading what it shows."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console
from textual.widget import Widget

from tui.domain.loader import Presentation, load_presentation
from tui.domain.paths import bundled_deck
from tui.ui.app import PodiumApp, make_app

FIXTURES = Path(__file__).parent / "fixtures"
SEED = 7
THEME = "textual-dark"


@pytest.fixture(scope="session")
def guide() -> Presentation:
    """The bundled guide, loaded once."""
    return load_presentation(bundled_deck())


def build_app(presentation: Presentation, **options) -> PodiumApp:
    """The app as the CLI builds it, with a fixed seed and theme so runs repeat."""
    options.setdefault("seed", SEED)
    options.setdefault("theme", THEME)
    return make_app(presentation, **options)


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
