"""The command line, run as a user runs it: a real `podium` process, its output and exit status."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import FIXTURES, write_deck
from tests.support.cli import podium

EVERY_TYPE = FIXTURES / "every-type"


def test_check_bundled_deck_is_clean() -> None:
    result = podium("check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("China's Open-Weight AI Labs in 2026: 9 sections, ")
    assert "9 quiz banks, 73 questions; no problems" in result.stdout
    assert result.stderr == ""


def test_check_reports_a_broken_front_matter_line(tmp_path: Path) -> None:
    write_deck(tmp_path, {
        "slides/01-intro.md": "---\ntitle: Intro\ntakeaways:\n  - one\n  - \"two\n---\n\n# Hi\n",
        "slides/02-next.md": "---\ntitle: [unclosed\n---\n\n# Next\n",
    })
    result = podium("check", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[0] == "slides/01-intro.md:5:5: error: invalid YAML: a quoted string is opened here and never closed"
    assert lines[1].startswith("slides/02-next.md:2:8: error: invalid YAML: ")
    assert lines[-1] == "2 errors"
    assert "Traceback" not in result.stderr


def test_check_reports_every_bank_problem_at_once(tmp_path: Path) -> None:
    write_deck(tmp_path, {
        "slides/01-a.md": "# A\n",
        "quizzes/01-a.yaml": "questions:\n  - id: q\n    type: single\n    prompt: P?\n"
                             "    choices: [Yes, No]\n    answer: Yess\n  - id: q\n    type: bogus\n    prompt: X\n",
    })
    result = podium("check", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 2
    assert "quizzes/01-a.yaml:6:13: error: answer 'Yess' is not among the choices (closest: 'Yes')" in result.stderr
    assert "quizzes/01-a.yaml:7:9: error: duplicate id 'q' (first used on line 2)" in result.stderr
    assert "quizzes/01-a.yaml:8:11: error: unknown type 'bogus'" in result.stderr
    assert result.stderr.splitlines()[-1] == "3 errors"


def test_check_single_markdown_file_and_warnings(tmp_path: Path) -> None:
    (tmp_path / "talk.md").write_text("# One\ntext\n---\n\n# Two\n", encoding="utf-8")
    result = podium("check", "talk.md", cwd=tmp_path)
    assert result.returncode == 0
    assert "talk.md:3:1: warning: '---' directly under a text line" in result.stderr
    assert "One: 1 section, 2 slides" in result.stdout and "; 2 warnings" in result.stdout
    assert "talk.md:1:1: warning: this section has no takeaways" in result.stderr


def test_present_reports_problems_instead_of_starting(tmp_path: Path) -> None:
    write_deck(tmp_path, {"deck.yaml": "titel: X\n", "slides/01.md": "# A\n"})
    result = podium(str(tmp_path), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == "deck.yaml:1:1: error: unknown key 'titel' in deck.yaml (did you mean 'title'?)"


def test_missing_deck_and_not_a_deck(tmp_path: Path) -> None:
    result = podium("check", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "no such deck" in result.stderr
    result = podium("check", str(tmp_path))
    assert result.returncode == 2
    assert "not a deck: a deck folder holds a 'slides/' folder" in result.stderr


def test_unknown_theme_is_refused() -> None:
    result = podium("--theme", "no-such-theme")
    assert result.returncode == 2
    assert "unknown theme 'no-such-theme'" in result.stderr and "textual-dark" in result.stderr


def test_help_names_every_command_and_option() -> None:
    result = podium("--help")
    assert result.returncode == 0
    for words in ("podium [DECK]", "podium check [PATH]", "--seed", "--theme", "--slide", "docs/authoring.md"):
        assert words in result.stdout, words
    result = podium("check", "--help")
    assert result.returncode == 0 and "path:line:col" in result.stdout


def test_check_fixture_deck() -> None:
    result = podium("check", str(EVERY_TYPE))
    assert result.returncode == 0, result.stderr
    assert "2 sections, 3 slides, 3 takeaways, 2 quiz banks, 8 questions; no problems" in result.stdout


def test_the_command_table_runs_every_command_the_help_lists(monkeypatch) -> None:
    """`podium --help` lists the commands; each is in the table, and the table hands its
    arguments to that command's own `run_<name>`."""
    import re

    import tui.cli
    from tui.cli import COMMANDS, authoring, learning, presenting

    result = podium("--help")
    assert result.returncode == 0, result.stderr
    listed = {match for match in re.findall(r"^  podium ([a-z]+)\b", result.stdout, re.MULTILINE)}
    assert listed == set(COMMANDS)
    for name, run in COMMANDS.items():
        assert callable(run), name  # the function itself, not a name to look up
        module = next(m for m in (authoring, learning, presenting) if hasattr(m, f"run_{name}"))
        monkeypatch.setattr(module, f"run_{name}", lambda args, name=name: (name, args))
        assert tui.cli.main([name, "--x", "y"]) == (name, ["--x", "y"])
