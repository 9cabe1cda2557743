"""A deck's or a bank's questions as an Anki package (`.apkg`), written with genanki.

Each section with a quiz becomes one Anki deck, named `Deck title::Section title`, so Anki shows
the sections under the deck. Each question becomes one note of podium's note types:

- "podium question" (front and back) for single, multiple, true_false, short, numeric and order:
  the front holds the prompt, how to answer and, for choice types, the choices; the back the right
  answer(s) and the explanation.
- "podium cloze" (Anki's cloze kind) for text written in Anki's own `{{c1::answer}}` syntax, made
  by `cloze_note`.

Which note a question becomes is looked up in `NOTE_MAKERS`, one entry per question type; a type
with no entry is left out with a warning. Identity is stable: a note's guid comes from the deck's
title, the bank's path in the deck and the question's id (never from its text), and the note
types' and decks' ids from fixed names, so importing a new export into Anki updates the notes it
made before instead of adding copies.

Bank text is data: every field is HTML-escaped, its line breaks kept as `<br>`.
"""

from __future__ import annotations

import errno
import hashlib
import html
import itertools
import os
import re
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import genanki

from tui.domain.deckload import title_from_name
from tui.domain.errors import ProblemLog
from tui.domain.handout import neutral_order
from tui.domain.loader import Presentation
from tui.domain.quizbank import Question, QuizBank

# -- identity ---------------------------------------------------------------------------------


def stable_id(*parts: str) -> int:
    """A note type's or deck's id made from names: the same names give the same id on every run
    (in genanki's suggested range, 2**30 to 2**31)."""
    digest = hashlib.sha256("\x1f".join(("podium", *parts)).encode("utf-8")).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)


def note_guid(deck_title: str, bank_path: str, question_id: str) -> str:
    """A note's guid: the deck's title, the bank's path within the deck and the question's id, so
    editing a question's text updates its note in Anki rather than adding another."""
    return genanki.guid_for("podium", deck_title, bank_path, question_id)


def anki_deck_name(*titles: str) -> str:
    """Titles joined as Anki nests decks (`Deck::Section`); a `::` inside a title would nest
    further, so it is written as one colon, and runs of white space as one space."""
    cleaned = [re.sub(r":{2,}", ":", " ".join(title.split())) or "Untitled" for title in titles]
    return "::".join(cleaned)


# -- note types -------------------------------------------------------------------------------

_CSS = """\
.card { font-family: sans-serif; font-size: 20px; text-align: left; color: black; background: white; }
.nightMode .card, .card.nightMode { color: #eee; background: #222; }
.how, .source { font-size: 0.8em; opacity: 0.7; }
.explanation { margin-top: 0.8em; }
.cloze { font-weight: bold; color: #1565c0; }
.nightMode .cloze { color: #90caf9; }
"""

BASIC_FIELDS = ("Prompt", "How", "Choices", "Answer", "Explanation", "Hint", "Source")

BASIC_MODEL = genanki.Model(
    stable_id("note type", "podium question", "1"),
    "podium question",
    fields=[{"name": name} for name in BASIC_FIELDS],
    templates=[{
        "name": "Question",
        "qfmt": ('<div class="prompt">{{Prompt}}</div>\n'
                 '{{#How}}<div class="how">{{How}}</div>{{/How}}\n'
                 '{{#Choices}}<div class="choices">{{Choices}}</div>{{/Choices}}\n'
                 '{{#Hint}}<div class="hint">{{hint:Hint}}</div>{{/Hint}}'),
        "afmt": ('{{FrontSide}}\n<hr id="answer">\n<div class="answer">{{Answer}}</div>\n'
                 '{{#Explanation}}<div class="explanation">{{Explanation}}</div>{{/Explanation}}\n'
                 '{{#Source}}<div class="source">{{Source}}</div>{{/Source}}'),
    }],
    css=_CSS,
)
"""One front-and-back note type for every question type Anki shows as a question and its answer."""

CLOZE_FIELDS = ("Text", "Back Extra", "Prompt", "Hint", "Source")

CLOZE_MODEL = genanki.Model(
    stable_id("note type", "podium cloze", "1"),
    "podium cloze",
    model_type=genanki.Model.CLOZE,
    fields=[{"name": name} for name in CLOZE_FIELDS],
    templates=[{
        "name": "Cloze",
        "qfmt": ('{{#Prompt}}<div class="how">{{Prompt}}</div>{{/Prompt}}\n{{cloze:Text}}\n'
                 '{{#Hint}}<div class="hint">{{hint:Hint}}</div>{{/Hint}}'),
        "afmt": ('{{#Prompt}}<div class="how">{{Prompt}}</div>{{/Prompt}}\n{{cloze:Text}}\n'
                 '{{#Back Extra}}<div class="explanation">{{Back Extra}}</div>{{/Back Extra}}\n'
                 '{{#Source}}<div class="source">{{Source}}</div>{{/Source}}'),
    }],
    css=_CSS,
)
"""Anki's cloze kind: one card per blank `{{cN::...}}` of the text."""


@dataclass(frozen=True)
class AnkiNote:
    """One note's content before it becomes a genanki note: its note type and its fields (HTML,
    already escaped), by field name; fields not given are empty."""

    model: genanki.Model
    fields: dict[str, str]

    def values(self) -> list[str]:
        names = [item["name"] for item in self.model.fields]
        unknown = set(self.fields) - set(names)
        if unknown:
            raise ValueError(f"fields {sorted(unknown)} are not in note type {self.model.name!r}")
        return [self.fields.get(name, "") for name in names]


def text(value: str) -> str:
    """Plain text as an Anki field: HTML-escaped, its line breaks kept (and Anki's field
    separator, the unit separator, written as a space)."""
    lines = value.replace("\x1f", " ").strip().split("\n")
    return "<br>".join(html.escape(line, quote=False) for line in lines)


def _items(values: Sequence[str], tag: str = "ul") -> str:
    """A list of plain-text items as HTML; `tag` may carry attributes (`ol type="A"`)."""
    return f"<{tag}>" + "".join(f"<li>{text(value)}</li>" for value in values) + f"</{tag.split()[0]}>"


_HOW = {
    "single": "Choose one.",
    "multiple": "Choose all that apply.",
    "true_false": "True or false?",
    "short": "Answer in a word or two.",
    "numeric": "Answer with a number.",
    "order": "Put these in order.",
}


def basic_note(question: Question, *, how: str, choices: str = "", answer: str) -> AnkiNote:
    """A front-and-back note for `question`: its prompt, `how` to answer (plain text), `choices`
    and `answer` (HTML, escaped by the caller), its explanation and hint."""
    return AnkiNote(BASIC_MODEL, {
        "Prompt": text(question.prompt), "How": text(how), "Choices": choices, "Answer": answer,
        "Explanation": text(question.explanation), "Hint": text(question.hint),
    })


def cloze_note(cloze_text: str, extra: str = "", *, prompt: str = "", hint: str = "") -> AnkiNote:
    """A cloze note from text in Anki's own syntax (`{{c1::answer}}`, `{{c1::answer::hint}}`):
    one card per blank number. `extra` (the explanation) is shown on the back, `prompt` (an
    instruction) above the text, `hint` behind a click. All are plain text, HTML-escaped, which
    leaves the cloze markers as they are."""
    return AnkiNote(CLOZE_MODEL, {"Text": text(cloze_text), "Back Extra": text(extra), "Prompt": text(prompt),
                                  "Hint": text(hint)})


def pairs_note(question: Question, pairs: Sequence[tuple[str, str]], options: Sequence[str] = ()) -> AnkiNote:
    """A front-and-back note for a matching question: on the front the left items, lettered, and
    what they can be matched with (`options`, distractors included; by default the pairs' right
    items) in neutral, sorted order; on the back the pairs."""
    rights = sorted(set(options) or {right for _, right in pairs}, key=lambda item: (item.casefold(), item))
    choices = (_items([left for left, _ in pairs], 'ol type="A"') + "<p>Match each with one of:</p>"
               + _items(rights))
    answer = "<ul>" + "".join(f"<li>{text(left)} → {text(right)}</li>" for left, right in pairs) + "</ul>"
    return basic_note(question, how="Match each item.", choices=choices, answer=answer)


def _single(question: Question) -> AnkiNote:
    return basic_note(question, how=_HOW["single"], choices=_items(question.choices),
                      answer=text(question.correct[0]))


def _multiple(question: Question) -> AnkiNote:
    return basic_note(question, how=_HOW["multiple"], choices=_items(question.choices),
                      answer=_items(question.correct))


def _true_false(question: Question) -> AnkiNote:
    return basic_note(question, how=_HOW["true_false"], answer=text(question.right_answer()))


def _short(question: Question) -> AnkiNote:
    accepted = list(question.correct)
    answer = text(accepted[0]) if accepted else ""
    others = [text(item) for item in accepted[1:]]
    if question.pattern:
        others.append("text matching <code>" + html.escape(question.pattern, quote=False) + "</code>")
    if others:
        also = "Also accepted: " + "; ".join(others)
        answer = f"{answer}<div class=\"how\">{also}</div>" if answer else also[0].upper() + also[1:]
    return basic_note(question, how=_HOW["short"], answer=answer)


def _numeric(question: Question) -> AnkiNote:
    return basic_note(question, how=_HOW["numeric"], answer=text(question.right_answer()))


def _order(question: Question) -> AnkiNote:
    return basic_note(question, how=_HOW["order"], choices=_items(neutral_order(question)),
                      answer=_items(question.choices, "ol"))


NoteMaker = Callable[[Question], AnkiNote]

NOTE_MAKERS: dict[str, NoteMaker] = {
    "single": _single,
    "multiple": _multiple,
    "true_false": _true_false,
    "short": _short,
    "numeric": _numeric,
    "order": _order,
    "cloze": lambda question: cloze_note(question.text, question.explanation, prompt=question.prompt,
                                         hint=question.hint),
    "match": lambda question: pairs_note(question, question.pairs, question.choices),
}
"""Each question type Anki can show and the note it becomes. A new type is one entry here, e.g.
`"cloze": lambda q: cloze_note(q.text, q.explanation, prompt=q.prompt, hint=q.hint)` or
`"match": lambda q: pairs_note(q, q.pairs, q.choices)`."""


# -- packages ---------------------------------------------------------------------------------


@dataclass
class AnkiExport:
    """What an export holds: genanki's decks, in order, and how many notes went into them."""

    decks: list[genanki.Deck] = field(default_factory=list)
    notes: int = 0

    def package(self) -> genanki.Package:
        return genanki.Package([deck for deck in self.decks if deck.notes])


def _bank_path(presentation: Presentation, bank_file: Path) -> str:
    """The bank's path inside the deck folder, with forward slashes (its file name when outside)."""
    try:
        return bank_file.resolve().relative_to(presentation.deck.root.resolve()).as_posix()
    except ValueError:
        return bank_file.name


class _Builder:
    def __init__(self, top: str, log: ProblemLog) -> None:
        self.top = top
        self.log = log
        self.export = AnkiExport()
        self.by_name: dict[str, genanki.Deck] = {}

    def deck(self, name: str, description: str = "") -> genanki.Deck:
        if name not in self.by_name:
            self.by_name[name] = genanki.Deck(stable_id("deck", name), name, description)
            self.export.decks.append(self.by_name[name])
        return self.by_name[name]

    def add_bank(self, bank: QuizBank, deck: genanki.Deck, bank_path: str) -> None:
        for question in bank.questions:
            maker = NOTE_MAKERS.get(question.type)
            if maker is None:
                self.log.warning(bank.path, question.line, 1, f"question '{question.id}' not exported: "
                                 f"the Anki export has no note type for {question.type} questions")
                continue
            note = maker(question)
            note.fields["Source"] = text(f"{bank_path} · {question.id}")
            deck.add_note(genanki.Note(
                model=note.model, fields=note.values(), guid=note_guid(self.top, bank_path, question.id),
                tags=["podium", f"podium::{question.type}"],
            ))
            self.export.notes += 1


def deck_to_anki(presentation: Presentation, log: ProblemLog) -> AnkiExport:
    """Every section's quiz as an Anki deck `Deck title::Section title`; a bank two sections
    share goes into the first of them only. Questions left out are warnings in `log`."""
    deck = presentation.deck
    builder = _Builder(deck.title, log)
    done: set[Path] = set()
    for index, section in enumerate(deck.sections):
        bank = presentation.banks.get(index)
        if bank is None or section.quiz_path is None or section.quiz_path.resolve() in done:
            continue
        done.add(section.quiz_path.resolve())
        title = section.title or bank.title or f"Section {index + 1}"
        description = _items(section.takeaways) if section.takeaways else ""
        builder.add_bank(bank, builder.deck(anki_deck_name(deck.title, title), description),
                         _bank_path(presentation, section.quiz_path))
    return builder.export


def bank_to_anki(bank: QuizBank, bank_file: Path, log: ProblemLog) -> AnkiExport:
    """One bank, on its own, as one Anki deck named after its title (else its file name)."""
    title = bank.title or title_from_name(bank_file.stem)
    builder = _Builder(title, log)
    builder.add_bank(bank, builder.deck(anki_deck_name(title)), bank_file.name)
    return builder.export


def write_package(export: AnkiExport, path: Path) -> None:
    """Write the package to `path`, replacing what was there only once the whole package is
    written; an `OSError` names `path`, or the folder that could not be made.

    The same as genanki's `Package.write_to_file`, except that its working collection is removed
    afterwards and the file appears whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a folder; name the .apkg file to write", str(path))
    if path.exists() and not os.access(path, os.W_OK):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
    temp = None
    try:
        with tempfile.TemporaryDirectory(prefix="podium-anki-") as work:
            collection = Path(work) / "collection.anki2"
            connection = sqlite3.connect(collection)
            try:
                timestamp = time.time()
                export.package().write_to_db(connection.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
                connection.commit()
            finally:
                connection.close()
            handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            with os.fdopen(handle, "wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as package:
                package.write(collection, "collection.anki2")
                package.writestr("media", "{}")
        os.chmod(temp, _file_mode(path))
        os.replace(temp, path)
        temp = None
    except OSError as error:
        raise OSError(error.errno, error.strerror or str(error), str(path)) from error
    finally:
        if temp is not None:
            try:
                os.unlink(temp)
            except OSError:
                pass


def _file_mode(path: Path) -> int:
    """The permissions for the written file: those of the file it replaces, else what the umask
    leaves of read and write for all (as any new file gets)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
