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
    assert "one of the arguments --html --markdown --svg --gift --anki is required" in result.stderr


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


# -- the bank schema's reference survives moving the deck -------------------------------------

PACKAGED_SCHEMA = Path(__file__).resolve().parent.parent / "tui" / "schemas" / "quizbank.schema.json"


def schema_of(bank: Path) -> Path:
    """The file a bank's `$schema` modeline names, resolved from the bank's folder."""
    first = bank.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema="), first
    return bank.parent / first.split("$schema=", 1)[1]


def test_new_deck_names_a_schema_beside_its_banks_that_survives_a_move(tmp_path: Path) -> None:
    import shutil

    result = podium("new", "talk", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "wrote talk/quizzes/quizbank.schema.json" in result.stdout
    bank = tmp_path / "talk" / "quizzes" / "01-welcome.yaml"
    assert schema_of(bank) == bank.parent / "quizbank.schema.json"
    moved = tmp_path / "elsewhere" / "deeper" / "talk"
    shutil.move(str(tmp_path / "talk"), str(moved))
    target = schema_of(moved / "quizzes" / "01-welcome.yaml")
    assert target.is_file() and target.read_text() == PACKAGED_SCHEMA.read_text()
    section = podium("new", "section", "Why it matters", str(moved))
    assert section.returncode == 0, section.stderr
    assert schema_of(moved / "quizzes" / "03-why-it-matters.yaml").is_file()
    check = podium("check", str(moved), "--strict")
    assert check.returncode == 0, check.stdout + check.stderr


def test_import_writes_the_schema_beside_the_bank_it_writes(tmp_path: Path) -> None:
    out = tmp_path / "deck" / "quizzes" / "aiken.yaml"
    result = podium("import", str(AIKEN / "good.txt"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert schema_of(out) == out.parent / "quizbank.schema.json"
    assert schema_of(out).read_text() == PACKAGED_SCHEMA.read_text()
    printed = podium("import", str(AIKEN / "good.txt"))
    assert "$schema" not in printed.stdout  # on standard output there is no folder to point into


def test_podium_schema_writes_the_schema_into_a_decks_quizzes(tmp_path: Path) -> None:
    (tmp_path / "deck" / "quizzes").mkdir(parents=True)
    result = podium("schema", str(tmp_path / "deck"))
    assert result.returncode == 0, result.stderr
    written = tmp_path / "deck" / "quizzes" / "quizbank.schema.json"
    assert written.read_text() == PACKAGED_SCHEMA.read_text()
    assert "$schema=quizbank.schema.json" in result.stdout
    written.write_text("{}")  # an old copy is brought up to date
    assert podium("schema", str(tmp_path / "deck")).returncode == 0
    assert written.read_text() == PACKAGED_SCHEMA.read_text()
    plain = tmp_path / "banks"
    assert podium("schema", str(plain)).returncode == 0
    assert (plain / "quizbank.schema.json").is_file()
