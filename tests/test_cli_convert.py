"""`podium import` and `podium export` as a user runs them."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import FIXTURES
from tests.support.cli import podium
from tui.domain.gift import import_gift
from tui.domain.quizbank import load_bank

GIFT = FIXTURES / "gift"
AIKEN = FIXTURES / "aiken"


def test_import_gift_writes_a_bank_that_loads(tmp_path: Path) -> None:
    out = tmp_path / "quizzes" / "geo.yaml"
    result = podium("import", str(GIFT / "every-type.gift"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "questions converted from GIFT" in result.stderr
    bank = load_bank(out)
    assert len(bank.questions) >= 6
    assert {q.type for q in bank.questions} >= {"single", "multiple", "true_false", "short", "numeric"}
    assert out.read_text().startswith("# yaml-language-server: $schema=")
    again = podium("import", str(GIFT / "every-type.gift"), "-o", str(out))
    assert again.returncode == 2 and "use --force" in again.stderr


def test_import_reports_what_it_leaves_out_with_lines() -> None:
    result = podium("import", str(GIFT / "unsupported.gift"))
    assert result.returncode in (1, 2)
    lines = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert lines and all(line.split(":")[1].isdigit() for line in lines)


def test_import_aiken(tmp_path: Path) -> None:
    out = tmp_path / "aiken.yaml"
    result = podium("import", str(AIKEN / "good.txt"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "converted from Aiken" in result.stderr
    assert all(q.type == "single" for q in load_bank(out).questions)


def test_export_gift_round_trip(tmp_path: Path) -> None:
    bank_file = tmp_path / "geo.yaml"
    assert podium("import", str(GIFT / "every-type.gift"), "-o", str(bank_file)).returncode == 0
    gift_file = tmp_path / "geo.gift"
    result = podium("export", str(bank_file), "--gift", "-o", str(gift_file))
    assert result.returncode == 0, result.stderr
    data, problems = import_gift(gift_file.read_text(), str(gift_file))
    original = load_bank(bank_file)
    assert [q["id"] for q in data["questions"]] == [q.id for q in original.questions]
    assert not [p for p in problems if p.severity == "error"]


def test_export_html_and_markdown(tmp_path: Path) -> None:
    html = tmp_path / "out" / "guide.html"
    result = podium("export", "--html", str(html), "--notes", "--answers")
    assert result.returncode == 0, result.stderr
    text = html.read_text()
    assert text.startswith("<!DOCTYPE html>") and "Answer key" in text
    assert "China&#x27;s Open-Weight" in text or "China's Open-Weight" in text
    markdown = tmp_path / "guide.md"
    assert podium("export", "--markdown", str(markdown)).returncode == 0
    assert "Key takeaways" in markdown.read_text()


def test_export_needs_one_target() -> None:
    result = podium("export")
    assert result.returncode == 2
    assert "one of the arguments --html --markdown --svg --gift is required" in result.stderr


def test_unwritable_outputs_are_a_message_not_a_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    for args in (["export", "--html", str(blocker / "out.html")],
                 ["export", "--svg", str(blocker / "svgs")],
                 ["import", str(GIFT / "every-type.gift"), "-o", str(blocker / "bank.yaml")]):
        result = podium(*args)
        assert result.returncode == 2, args
        assert "Traceback" not in result.stderr
        # The folder to write into is a file: mkdir says "File exists", open says "Not a directory".
        assert result.stderr.startswith(f"podium: {blocker}"), result.stderr
        assert ": File exists" in result.stderr or ": Not a directory" in result.stderr, result.stderr
