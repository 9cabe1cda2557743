"""The domain never imports Textual or Rich: checked in a fresh interpreter for every module."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import tui.domain

REPO = Path(__file__).resolve().parent.parent
DOMAIN_MODULES = sorted(f"tui.domain.{info.name}" for info in pkgutil.iter_modules(tui.domain.__path__))

PROBE = """
import importlib, json, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'tui'))))
"""


def imported_after(*modules: str) -> list[str]:
    completed = subprocess.run(
        [sys.executable, "-c", PROBE, *modules],
        cwd=REPO, capture_output=True, text=True, timeout=60, check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


def test_the_domain_has_the_expected_core_modules() -> None:
    core = {"errors", "source", "yamlsource", "slides", "deck", "deckload", "quizbank", "scoring",
            "quizrun", "walk", "loader", "paths"}
    assert {f"tui.domain.{name}" for name in core} <= set(DOMAIN_MODULES)


def test_loader_leaves_textual_and_rich_out() -> None:
    loaded = imported_after("tui.domain.loader")
    assert "tui.domain.loader" in loaded
    assert "tui.domain.quizbank" in loaded  # the probe really imported the domain
    assert [name for name in loaded if name.split(".")[0] in ("textual", "rich")] == []
    assert not any(name.startswith("tui.ui") for name in loaded)


@pytest.mark.parametrize("module", DOMAIN_MODULES)
def test_domain_module_leaves_textual_and_rich_out(module: str) -> None:
    loaded = imported_after(module)
    assert module in loaded
    assert [name for name in loaded if name.split(".")[0] in ("textual", "rich")] == []
    assert not any(name.startswith("tui.ui") for name in loaded)


def test_every_domain_module_together() -> None:
    loaded = imported_after(*DOMAIN_MODULES)
    assert set(DOMAIN_MODULES) <= set(loaded)
    assert [name for name in loaded if name.split(".")[0] in ("textual", "rich")] == []


def test_the_probe_does_see_textual_when_the_ui_is_imported() -> None:
    # Guards the guard: the same probe reports Textual when something does import it.
    loaded = imported_after("tui.domain.loader", "textual")
    assert "textual" in loaded


def test_the_first_paint_imports_only_what_the_first_slide_needs() -> None:
    """What the command line imports before the first frame (docs/performance.md): screens,
    panels, the palette's provider, the speaker channel, quiz banks and the Markdown stack are
    imported when first used, after the first slide is on screen."""
    loaded = imported_after("tui.cli", "tui.cli.presenting", "tui.ui.app")
    assert "tui.ui.screens.presenter" in loaded  # the probe really imported the presenter
    later = ["tui.ui.screens.help", "tui.ui.widgets.notes_panel", "tui.ui.commands", "tui.ui.screens.quiz",
             "tui.domain.channel", "tui.domain.quizbank", "tui.domain.loader", "rich.markdown",
             "tui.cli.authoring"]
    assert [name for name in later if name in loaded] == []


def test_the_command_line_imports_textual_only_once_the_collector_is_off() -> None:
    """`run_present` turns the garbage collector off before it imports the app, so Textual's
    modules load without collections (~20 ms of the first paint, docs/performance.md item 26):
    nothing the command line imports before it may pull Textual in."""
    loaded = imported_after("tui.cli", "tui.cli.common", "tui.cli.presenting")
    assert "tui.cli.presenting" in loaded
    assert [name for name in loaded if name.split(".")[0] in ("textual", "rich")] == []


RE2_PROBE = """
import sys
from pathlib import Path
from tui.domain.loader import load_presentation
load_presentation(Path(sys.argv[1]))
print('re2' in sys.modules)
"""


def test_re2_is_imported_only_for_a_bank_with_a_pattern() -> None:
    """RE2 and its library cost a presenter ~3 MiB: a deck whose banks have no pattern (the
    bundled guide) never loads it, and one with a pattern does."""

    def loads_re2(deck: Path) -> bool:
        completed = subprocess.run([sys.executable, "-c", RE2_PROBE, str(deck)], cwd=REPO,
                                   capture_output=True, text=True, timeout=60, check=False)
        assert completed.returncode == 0, completed.stderr
        return completed.stdout.strip() == "True"

    assert not loads_re2(REPO)
    assert loads_re2(REPO / "tests" / "fixtures" / "every-type")  # its short question has a pattern
