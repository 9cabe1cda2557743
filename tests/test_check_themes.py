"""`podium check` knows the usual theme names without importing Textual, and only true ones."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from textual.theme import BUILTIN_THEMES

from tui.cli.authoring import KNOWN_THEMES
from tui.ui.themes import PODIUM_THEMES

ROOT = Path(__file__).resolve().parent.parent


def test_every_known_theme_is_one_podium_can_show() -> None:
    assert {*BUILTIN_THEMES, *(theme.name for theme in PODIUM_THEMES)} >= KNOWN_THEMES


def test_checking_a_deck_with_a_known_theme_imports_no_textual(tmp_path: Path) -> None:
    (tmp_path / "slides").mkdir()
    (tmp_path / "slides" / "01.md").write_text("---\ntakeaways: [One]\n---\n\n# A slide\n\nText.\n", encoding="utf-8")
    (tmp_path / "deck.yaml").write_text("title: Themed\ntheme: nord\n", encoding="utf-8")
    code = ("import sys\nfrom tui.cli import main\ncode = main(['check', sys.argv[1]])\n"
            "print(sorted(name for name in sys.modules if name.split('.')[0] in ('textual', 'rich')))\n")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path)], cwd=ROOT, capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
