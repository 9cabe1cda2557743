"""`podium export --anki`: the package is opened as Anki opens it (a zip holding an SQLite
collection) and its notes, decks, note types and fields are counted and read."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from dataclasses import dataclass
from pathlib import Path

import genanki
import pytest

from tests.conftest import FIXTURES, write_deck
from tests.support.cli import podium
from tui.domain.anki_export import (
    BASIC_FIELDS,
    CLOZE_FIELDS,
    NOTE_MAKERS,
    AnkiExport,
    bank_to_anki,
    cloze_note,
    deck_to_anki,
    pairs_note,
    write_package,
)
from tui.domain.errors import ProblemLog
from tui.domain.loader import load_presentation
from tui.domain.quizbank import Question, QuizBank, load_bank

REPO = Path(__file__).resolve().parent.parent
EVERY_TYPE = FIXTURES / "every-type"


@dataclass
class Note:
    guid: str
    model: str
    fields: dict[str, str]
    tags: list[str]
    deck: str
    cards: int


@dataclass
class Package:
    notes: list[Note]
    decks: dict[int, str]
    """Every deck with a card in it, by id."""
    models: dict[int, tuple[str, int, list[str]]]
    """Every note type, by id: its name, its kind (0 front and back, 1 cloze) and its fields."""

    def note(self, source: str) -> Note:
        return next(note for note in self.notes if note.fields.get("Source") == source)


def read_package(path: Path, work: Path) -> Package:
    """An .apkg as Anki reads it: the collection inside the zip, opened with SQLite."""
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
        collection = next(name for name in ("collection.anki21", "collection.anki2") if name in names)
        package.extract(collection, work)
    connection = sqlite3.connect(work / collection)
    try:
        decks_json, models_json = connection.execute("SELECT decks, models FROM col").fetchone()
        all_decks = {int(key): value["name"] for key, value in json.loads(decks_json).items()}
        models = {int(key): (value["name"], value["type"], [item["name"] for item in value["flds"]])
                  for key, value in json.loads(models_json).items()}
        notes = []
        for note_id, guid, mid, tags, fields in connection.execute("SELECT id, guid, mid, tags, flds FROM notes"):
            card_decks = [row[0] for row in connection.execute("SELECT did FROM cards WHERE nid = ?", (note_id,))]
            assert len(set(card_decks)) == 1
            name, _, field_names = models[mid]
            values = fields.split("\x1f")
            assert len(values) == len(field_names)
            notes.append(Note(guid, name, dict(zip(field_names, values)), tags.split(), all_decks[card_decks[0]],
                              len(card_decks)))
        used = {row[0] for row in connection.execute("SELECT DISTINCT did FROM cards")}
    finally:
        connection.close()
    return Package(notes, {deck_id: all_decks[deck_id] for deck_id in used}, models)


def export(tmp_path: Path, *args: str, name: str = "out.apkg") -> Package:
    out = tmp_path / name
    result = podium("export", *args, "--anki", str(out), cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"wrote {out}: "), result.stdout
    work = tmp_path / f"{name}-opened"
    work.mkdir()
    return read_package(out, work)


def test_the_bundled_deck_becomes_a_deck_per_section_and_a_note_per_question(tmp_path: Path) -> None:
    presentation = load_presentation(REPO)
    package = export(tmp_path, ".")
    assert len(package.notes) == presentation.question_count == 73
    title = presentation.deck.title
    sections = [section.title for index, section in enumerate(presentation.deck.sections)
                if index in presentation.banks]
    assert sorted(package.decks.values()) == sorted(f"{title}::{section}" for section in sections)
    assert len(package.decks) == 9
    # Two note types: cloze questions as Anki clozes (a card per blank), every other as basic.
    assert sorted(model[0] for model in package.models.values()) == ["podium cloze", "podium question"]
    clozes = [note for note in package.notes if note.model == "podium cloze"]
    basics = [note for note in package.notes if note.model == "podium question"]
    assert len(clozes) == 2 and all(list(note.fields) == list(CLOZE_FIELDS) and note.cards == 2 for note in clozes)
    assert all(list(note.fields) == list(BASIC_FIELDS) and note.cards == 1 for note in basics)
    assert all(note.fields["Prompt"] and note.fields["Answer"] for note in basics)
    # Every question is found by its bank and id.
    deck = presentation.deck
    ids = {f"{deck.sections[index].quiz_path.resolve().relative_to(REPO).as_posix()} · {question.id}"
           for index, bank in presentation.banks.items() for question in bank.questions}
    assert {note.fields["Source"] for note in package.notes} == ids
    assert len({note.guid for note in package.notes}) == 73


def test_every_question_type_shows_its_prompt_choices_answer_and_explanation(tmp_path: Path) -> None:
    package = export(tmp_path, str(EVERY_TYPE))
    assert len(package.notes) == 8
    assert set(package.decks.values()) == {"Every question type::Basics", "Every question type::More"}
    boil = package.note("quizzes/01-basics.yaml · boil")
    assert boil.deck == "Every question type::Basics"
    assert boil.fields["How"] == "Choose one."
    assert boil.fields["Choices"] == "<ul><li>50 °C</li><li>100 °C</li><li>150 °C</li></ul>"
    assert boil.fields["Answer"] == "100 °C"
    assert boil.fields["Explanation"] == "The slide says 100 °C."
    assert boil.fields["Hint"] == "Think of a kettle."
    assert boil.tags == ["podium", "podium::single"]
    inner = package.note("quizzes/01-basics.yaml · inner")
    assert inner.fields["Answer"] == "<ul><li>Mercury</li><li>Venus</li></ul>"
    assert "<li>Moon</li>" in inner.fields["Choices"]
    sun = package.note("quizzes/01-basics.yaml · sun")
    assert (sun.fields["How"], sun.fields["Choices"], sun.fields["Answer"]) == ("True or false?", "", "True")
    assert package.note("quizzes/01-basics.yaml · third").fields["Answer"] == "Earth"
    assert package.note("quizzes/01-basics.yaml · count").fields["Answer"] == "3"
    order = package.note("quizzes/01-basics.yaml · order")
    # The front lists the items out of order; the back numbers them in the right order.
    assert order.fields["Choices"] == "<ul><li>Earth</li><li>Mercury</li><li>Venus</li></ul>"
    assert order.fields["Answer"] == "<ol><li>Mercury</li><li>Venus</li><li>Earth</li></ol>"
    chemistry = package.note("quizzes/02-more.yaml · chemistry")
    assert chemistry.fields["Answer"].startswith("Water") and "^wat(er)?$" in chemistry.fields["Answer"]
    assert {tag for note in package.notes for tag in note.tags if tag != "podium"} == {
        f"podium::{kind}" for kind in ("single", "multiple", "true_false", "short", "numeric", "order")}


def test_a_bank_alone_is_one_deck_named_by_its_title(tmp_path: Path) -> None:
    package = export(tmp_path, str(EVERY_TYPE / "quizzes" / "01-basics.yaml"))
    assert list(package.decks.values()) == ["Basics quiz"]
    assert len(package.notes) == 6
    untitled = export(tmp_path, str(EVERY_TYPE / "quizzes" / "02-more.yaml"), name="more.apkg")
    assert list(untitled.decks.values()) == ["More"]


def test_re_exporting_keeps_every_guid_and_id_so_anki_updates_notes(tmp_path: Path) -> None:
    deck = write_deck(tmp_path / "deck", {
        "deck.yaml": "title: Stable\n",
        "slides/01-one.md": "---\ntitle: One\n---\n\n# One\n",
        "quizzes/01-one.yaml": "questions:\n  - id: a\n    type: true_false\n    prompt: Old text.\n"
                               "    answer: true\n  - id: b\n    type: short\n    prompt: B?\n    answer: [b]\n",
    })
    first = export(tmp_path, str(deck), name="first.apkg")
    second = export(tmp_path, str(deck), name="second.apkg")
    assert [note.guid for note in first.notes] == [note.guid for note in second.notes]
    assert first.decks == second.decks and first.models.keys() == second.models.keys()
    # Editing a question's text keeps its note; a new id is a new note.
    bank = deck / "quizzes" / "01-one.yaml"
    bank.write_text(bank.read_text().replace("Old text.", "New text.").replace("id: b", "id: c"))
    edited = export(tmp_path, str(deck), name="edited.apkg")
    guids = {note.fields["Source"].rpartition(" · ")[2]: note.guid for note in edited.notes}
    assert guids["a"] == first.notes[0].guid
    assert edited.notes[0].fields["Prompt"] == "New text."
    assert guids["c"] not in {note.guid for note in first.notes}
    assert edited.decks == first.decks and edited.models.keys() == first.models.keys()


def test_bank_text_is_escaped_in_every_field(tmp_path: Path) -> None:
    deck = write_deck(tmp_path / "deck", {
        "deck.yaml": 'title: "A::B <i>deck</i>"\n',
        "slides/01-one.md": "---\ntitle: <b>One</b>\n---\n\n# One\n",
        "quizzes/01-one.yaml": (
            "questions:\n  - id: x\n    type: single\n    prompt: \"<script>alert(1)</script>\\nline two\"\n"
            "    choices: ['<img src=x>', 'a & b']\n    answer: 'a & b'\n"
            "    explanation: '{{c1::not a cloze}} <b>not bold</b>'\n    hint: '<u>'\n"),
    })
    package = export(tmp_path, str(deck))
    [note] = package.notes
    assert note.fields["Prompt"] == "&lt;script&gt;alert(1)&lt;/script&gt;<br>line two"
    assert note.fields["Choices"] == "<ul><li>&lt;img src=x&gt;</li><li>a &amp; b</li></ul>"
    assert note.fields["Answer"] == "a &amp; b"
    assert note.fields["Explanation"] == "{{c1::not a cloze}} &lt;b&gt;not bold&lt;/b&gt;"
    assert note.fields["Hint"] == "&lt;u&gt;"
    # A `::` in a title would nest Anki decks one level deeper: it is written as one colon.
    assert list(package.decks.values()) == ["A:B <i>deck</i>::<b>One</b>"]


def test_a_bank_with_errors_is_reported_at_its_lines_and_nothing_is_written(tmp_path: Path) -> None:
    bank = tmp_path / "bad.yaml"
    bank.write_text("questions:\n  - id: a\n    type: singel\n    prompt: A?\n")
    out = tmp_path / "out.apkg"
    out.write_bytes(b"the previous export")
    result = podium("export", str(bank), "--anki", str(out))
    assert result.returncode == 2
    assert f"{bank}:3:11: error: unknown type 'singel'" in result.stderr, result.stderr
    assert out.read_bytes() == b"the previous export"
    deck = write_deck(tmp_path / "deck", {"slides/01-one.md": "# One\n", "quizzes/01-one.yaml": "questions: 3\n"})
    result = podium("export", str(deck), "--anki", str(out))
    assert result.returncode == 2
    assert ":1:12: error: 'questions' must be a list" in result.stderr, result.stderr


def test_a_deck_without_questions_writes_nothing(tmp_path: Path) -> None:
    deck = write_deck(tmp_path / "deck", {"slides/01-one.md": "# One\n"})
    out = tmp_path / "out.apkg"
    result = podium("export", str(deck), "--anki", str(out))
    assert result.returncode == 2
    assert result.stderr == f"podium export --anki: the deck {deck} has no question to export; {out} not written\n"
    assert not out.exists()


def test_unwritable_outputs_are_named(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = podium("export", str(EVERY_TYPE), "--anki", str(blocker / "out.apkg"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"podium: {blocker}: "), result.stderr
    folder = tmp_path / "folder.apkg"
    folder.mkdir()
    result = podium("export", str(EVERY_TYPE), "--anki", str(folder))
    assert result.returncode == 2
    assert result.stderr == f"podium: {folder}: is a folder; name the .apkg file to write\n"


def test_an_export_replaces_the_file_whole_and_leaves_no_working_files(tmp_path: Path) -> None:
    out = tmp_path / "out" / "deck.apkg"
    out.parent.mkdir()
    out.write_bytes(b"old")
    result = podium("export", str(EVERY_TYPE), "--anki", str(out))
    assert result.returncode == 0, result.stderr
    assert zipfile.is_zipfile(out)
    assert [path.name for path in out.parent.iterdir()] == ["deck.apkg"]


def test_cloze_text_becomes_an_anki_cloze_note_with_a_card_per_blank(tmp_path: Path) -> None:
    note = cloze_note("{{c1::DeepSeek}} released R1 in {{c2::2025::a year}} & <more>", "Said on slide 3.",
                      prompt="Fill in the blanks.")
    assert note.values() == ["{{c1::DeepSeek}} released R1 in {{c2::2025::a year}} &amp; &lt;more&gt;",
                             "Said on slide 3.", "Fill in the blanks.", "", ""]
    deck = genanki.Deck(1_500_000_000, "Cloze")
    deck.add_note(genanki.Note(model=note.model, fields=note.values(), guid="cloze-1"))
    out = tmp_path / "cloze.apkg"
    write_package(AnkiExport(decks=[deck], notes=1), out)
    work = tmp_path / "opened"
    work.mkdir()
    package = read_package(out, work)
    [(name, kind, fields)] = package.models.values()
    assert (name, kind, fields) == ("podium cloze", 1, list(CLOZE_FIELDS))
    assert package.notes[0].cards == 2


def test_a_type_with_no_note_is_left_out_with_a_warning_at_its_line() -> None:
    known = Question(id="known", type="true_false", prompt="Known.", truth=True, line=2)
    unknown = Question(id="essay", type="essay", prompt="Discuss.", line=7)
    log = ProblemLog()
    result = bank_to_anki(QuizBank(questions=(known, unknown), path="b.yaml"), Path("b.yaml"), log)
    assert result.notes == 1
    assert [problem.describe() for problem in log.problems] == [
        "b.yaml:7:1: warning: question 'essay' not exported: the Anki export has no note type for essay questions"]


def test_a_bank_two_sections_share_is_exported_once() -> None:
    presentation = load_presentation(EVERY_TYPE)
    shared = presentation.banks[0]
    doubled = presentation._replace(banks={0: shared, 1: shared},
                                    deck=presentation.deck._replace(sections=tuple(
                                        section._replace(quiz_path=presentation.deck.sections[0].quiz_path)
                                        for section in presentation.deck.sections)))
    result = deck_to_anki(doubled, ProblemLog())
    assert result.notes == len(load_bank(EVERY_TYPE / "quizzes" / "01-basics.yaml").questions)


def test_a_new_type_is_one_entry_in_the_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A matching question, as the match type will hold it, exported by adding its entry."""
    monkeypatch.setitem(NOTE_MAKERS, "match", lambda q: pairs_note(q, q.pairs, q.choices))
    match = Question(id="labs", type="match", prompt="Match each lab with its model.",
                     choices=("R1", "Qwen", "Llama"), explanation="From the slides.", line=3)
    object.__setattr__(match, "pairs", (("DeepSeek", "R1"), ("Alibaba", "Qwen")))
    log = ProblemLog()
    result = bank_to_anki(QuizBank(questions=(match,), path="labs.yaml", title="Labs"), Path("labs.yaml"), log)
    assert result.notes == 1 and not log.problems
    out = tmp_path / "labs.apkg"
    write_package(result, out)
    work = tmp_path / "opened"
    work.mkdir()
    [note] = read_package(out, work).notes
    assert note.fields["How"] == "Match each item."
    assert note.fields["Choices"] == ('<ol type="A"><li>DeepSeek</li><li>Alibaba</li></ol>'
                                      "<p>Match each with one of:</p><ul><li>Llama</li><li>Qwen</li><li>R1</li></ul>")
    assert note.fields["Answer"] == "<ul><li>DeepSeek → R1</li><li>Alibaba → Qwen</li></ul>"
    assert note.tags == ["podium", "podium::match"] and note.fields["Source"] == "labs.yaml · labs"


def test_cloze_and_match_questions_become_their_notes(tmp_path: Path) -> None:
    package = export(tmp_path, str(FIXTURES / "cloze-match"))
    models = {note.model for note in package.notes}
    assert {"podium cloze", "podium question"} <= models
    cloze = next(note for note in package.notes if note.model == "podium cloze")
    assert cloze.fields["Text"] == ("{{c1::Mercury}} is the planet closest to the Sun, and "
                                    "{{c2::Jupiter::the giant}} is the largest.")
    assert cloze.fields["Back Extra"] == "The slide names both." and cloze.cards == 2
    match = next(note for note in package.notes if "Match each planet" in note.fields["Prompt"])
    for text in ("Earth", "Mars", "Jupiter", "Titan"):
        assert text in match.fields["Prompt"] + match.fields["Choices"]
    assert "Phobos" in match.fields["Answer"] and "Europa" in match.fields["Answer"]
