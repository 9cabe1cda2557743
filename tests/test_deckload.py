"""Loading decks from disk: folders, deck.yaml, section front matter, single files, file errors.

Decks are built in tmp_path. Most tests work from inside the deck folder (monkeypatch.chdir), so
messages name files as an author sees them: `slides/01-a.md:3:7: ...`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import tui.domain.source
from tui.domain.deck import Deck, DeckInfo, Slide
from tui.domain.deckinfo import parse_pass_mark
from tui.domain.deckload import load_deck
from tui.domain.errors import PodiumError
from tui.domain.paths import bundled_deck

BANK = "questions:\n  - id: q\n    type: true_false\n    prompt: P\n    answer: true\n"


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def deck_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty deck folder that is also the working folder."""
    root = tmp_path / "my-first_deck"
    root.mkdir()
    monkeypatch.chdir(root)
    return root


def load(root: Path, files: dict[str, str | bytes]) -> Deck:
    write(root, files)
    return load_deck(Path("."))


def failure(root: Path, files: dict[str, str | bytes], target: str = ".") -> list[str]:
    write(root, files)
    with pytest.raises(PodiumError) as caught:
        load_deck(Path(target))
    return str(caught.value).splitlines()


def described(deck: Deck) -> list[str]:
    return [problem.describe() for problem in deck.warnings]


# -- folders ----------------------------------------------------------------------------------


def test_sections_come_in_file_name_order(deck_dir: Path) -> None:
    deck = load(deck_dir, {
        "slides/02-second.md": "# Second\n",
        "slides/10-tenth.markdown": "# Tenth\n",
        "slides/01-first.md": "# First\n",
        "slides/03-upper.MD": "# Upper\n",
        "slides/notes.txt": "# not a section\n",
        "slides/sub/04-nested.md": "# not a section either\n",
    })
    assert [section.title for section in deck.sections] == ["First", "Second", "Upper", "Tenth"]
    assert [section.path for section in deck.sections] == [
        "slides/01-first.md", "slides/02-second.md", "slides/03-upper.MD", "slides/10-tenth.markdown"]
    assert deck.slide_count == 4
    assert deck.warnings == ()


def test_deck_without_deck_yaml_is_named_after_its_folder(deck_dir: Path) -> None:
    deck = load(deck_dir, {"slides/01-a.md": "# A\n"})
    assert deck.info == DeckInfo(title="My first deck", title_slide=False)
    assert deck.title == "My first deck"
    assert deck.root == Path(".")


@pytest.mark.parametrize(
    ("layout", "message"),
    [
        ({}, "no such deck: give a deck folder or a Markdown file"),
        ({"deck.yaml": "title: T\n"}, "not a deck: a deck folder holds a 'slides/' folder of Markdown files"),
        ({"slides/readme.txt": "x"}, "no Markdown files (*.md) in this folder"),
    ],
    ids=["missing", "no-slides-folder", "no-markdown"],
)
def test_not_a_deck(tmp_path: Path, layout: dict[str, str], message: str) -> None:
    root = tmp_path / "deck"
    if layout:
        write(root, layout)
    with pytest.raises(PodiumError) as caught:
        load_deck(root)
    (problem,) = caught.value.problems
    assert (problem.line, problem.col, problem.message) == (1, 1, message)


def test_section_file_linking_outside_the_deck_is_refused(deck_dir: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.md"
    outside.write_text("# Secret\n", encoding="utf-8")
    write(deck_dir, {"slides/01-a.md": "# A\n"})
    os.symlink(outside, deck_dir / "slides" / "02-link.md")
    with pytest.raises(PodiumError) as caught:
        load_deck(Path("."))
    assert str(caught.value) == "slides/02-link.md:1:1: links outside the deck folder; refused"


# -- deck.yaml --------------------------------------------------------------------------------


def test_deck_yaml_keys(deck_dir: Path) -> None:
    deck = load(deck_dir, {
        "deck.yaml": "title: Git in one hour\nsubtitle: From first commit\nauthor: Ada\n"
                     "date: 2026-03-14\ntheme: nord\npass_mark: 75%\n",
        "slides/01-a.md": "# A\n",
    })
    info = deck.info
    assert (info.title, info.subtitle, info.author, info.date, info.theme) == (
        "Git in one hour", "From first commit", "Ada", "2026-03-14", "nord")
    assert info.pass_mark == pytest.approx(0.75)
    assert info.title_slide is True
    assert info.source == "deck.yaml"
    assert info.where["theme"] == (5, 8)


def test_deck_yaml_numbers_are_text(deck_dir: Path) -> None:
    deck = load(deck_dir, {"deck.yaml": "title: 1984\ndate: 2026\nauthor:\n", "slides/01-a.md": "# A\n"})
    assert (deck.info.title, deck.info.date, deck.info.author) == ("1984", "2026", "")


@pytest.mark.parametrize("written", ["70%", "70 %", "0.7", "70", "70.0", '"70%"'])
def test_deck_pass_mark_spellings(deck_dir: Path, written: str) -> None:
    deck = load(deck_dir, {"deck.yaml": f"pass_mark: {written}\n", "slides/01-a.md": "# A\n"})
    assert deck.info.pass_mark == pytest.approx(0.7)


@pytest.mark.parametrize(
    ("value", "share"),
    [("70%", 0.7), (" 70 % ", 0.7), (0.7, 0.7), (70, 0.7), (70.0, 0.7), ("100%", 1.0), (100, 1.0),
     (1, 1.0), (0, 0.0), ("0%", 0.0), ("12.5%", 0.125), (0.125, 0.125),
     ("lots", None), ("70", None), ("0.7", None), (150, None), ("150%", None), (-5, None), ("-5%", None),
     (True, None), (False, None), (None, None), ([70], None), ("70%%", None)],
)
def test_parse_pass_mark(value: object, share: float | None) -> None:
    parsed = parse_pass_mark(value)
    if share is None:
        assert parsed is None
    else:
        assert parsed == pytest.approx(share)


def test_deck_yaml_unknown_key_is_an_error_with_did_you_mean(deck_dir: Path) -> None:
    assert failure(deck_dir, {
        "deck.yaml": "title: T\nsubtitel: S\ncolour: red\n",
        "slides/01-a.md": "# A\n",
    }) == [
        "deck.yaml:2:1: unknown key 'subtitel' in deck.yaml (did you mean 'subtitle'?)",
        "deck.yaml:3:1: unknown key 'colour' in deck.yaml; known keys: title, subtitle, author, date, "
        "theme, pass_mark",
    ]


def test_deck_yaml_wrong_types(deck_dir: Path) -> None:
    assert failure(deck_dir, {
        "deck.yaml": "title: [a, b]\nsubtitle: {x: 1}\nauthor: true\npass_mark: lots\n",
        "slides/01-a.md": "# A\n",
    }) == [
        "deck.yaml:1:8: 'title' must be text, not a list",
        "deck.yaml:2:11: 'subtitle' must be text, not a mapping",
        "deck.yaml:3:9: 'author' must be text, not true/false",
        "deck.yaml:4:12: 'pass_mark' must be a percentage like 70% or a fraction like 0.7",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- a\n- b\n", "deck.yaml:1:1: deck.yaml must be a mapping of keys to values"),
        ("title: T\ntitle: U\n", "deck.yaml:2:1: duplicate key 'title' (first given on line 1)"),
        ('title: "open\n', "deck.yaml:1:8: invalid YAML: a quoted string is opened here and never closed"),
    ],
)
def test_deck_yaml_shape_errors(deck_dir: Path, text: str, message: str) -> None:
    assert failure(deck_dir, {"deck.yaml": text, "slides/01-a.md": "# A\n"}) == [message]


def test_empty_deck_yaml_is_like_none(deck_dir: Path) -> None:
    deck = load(deck_dir, {"deck.yaml": "# nothing yet\n", "slides/01-a.md": "# A\n"})
    assert (deck.info.title, deck.info.title_slide, deck.info.pass_mark) == ("My first deck", False, 0.7)


# -- section front matter ---------------------------------------------------------------------


def test_section_title_from_front_matter_heading_or_file_name(deck_dir: Path) -> None:
    deck = load(deck_dir, {
        "slides/01-a.md": "---\ntitle: Front matter title\n---\n\n# Heading\n",
        "slides/02-b.md": "Intro text\n\n---\n\n## First heading\n\n---\n\n# Later heading\n",
        "slides/03-next_steps.md": "no heading at all\n",
        "slides/04-c.md": "---\ntitle: 2026\n---\n# H\n",
    })
    assert [s.title for s in deck.sections] == ["Front matter title", "First heading", "Next steps", "2026"]


def test_takeaways_list_string_and_numbers(deck_dir: Path) -> None:
    deck = load(deck_dir, {
        "slides/01-a.md": "---\ntakeaways:\n  - First point\n  - '  Second  '\n  - 42\n---\n# A\n",
        "slides/02-b.md": "---\ntakeaways: Just one\n---\n# B\n",
        "slides/03-c.md": "---\ntakeaways:\n---\n# C\n",
    })
    assert [s.takeaways for s in deck.sections] == [("First point", "Second", "42"), ("Just one",), ()]


def test_takeaways_wrong_types(deck_dir: Path) -> None:
    assert failure(deck_dir, {
        "slides/01-a.md": "---\ntakeaways: 5\n---\n# A\n",
        "slides/02-b.md": "---\ntakeaways: {a: 1}\n---\n# B\n",
        "slides/03-c.md": "---\ntakeaways:\n  - fine\n  - [nested]\n  - ''\n  - true\n  -\n---\n# C\n",
    }) == [
        "slides/01-a.md:2:12: 'takeaways' must be a list of short texts",
        "slides/02-b.md:2:12: 'takeaways' must be a list of short texts",
        "slides/03-c.md:4:5: a takeaway must be a line of text, not a list",
        "slides/03-c.md:5:5: a takeaway must be a line of text, not text",
        "slides/03-c.md:6:5: a takeaway must be a line of text, not true/false",
        "slides/03-c.md:7:4: a takeaway must be a line of text, not nothing",
    ]


def test_section_title_of_wrong_type(deck_dir: Path) -> None:
    assert failure(deck_dir, {"slides/01-a.md": "---\ntitle: [x]\n---\n# A\n"}) == [
        "slides/01-a.md:2:8: 'title' must be text, not a list"]


def test_default_quiz_path_is_quizzes_stem_yaml(deck_dir: Path) -> None:
    deck = load(deck_dir, {
        "slides/01-basics.md": "# A\n",
        "slides/02-more.md": "# B\n",
        "slides/03-yml.md": "# C\n",
        "quizzes/01-basics.yaml": BANK,
        "quizzes/03-yml.yml": BANK,
    })
    assert [s.quiz_path for s in deck.sections] == [Path("quizzes/01-basics.yaml"), None, None]


def test_explicit_quiz_path_is_relative_to_the_deck_folder(deck_dir: Path) -> None:
    deck = load(deck_dir, {
        "slides/01-a.md": "---\nquiz: banks/shared.yaml\n---\n# A\n",
        "slides/02-b.md": "---\nquiz: banks/shared.yaml\n---\n# B\n",
        "banks/shared.yaml": BANK,
    })
    assert [s.quiz_path for s in deck.sections] == [Path("banks/shared.yaml")] * 2


@pytest.mark.parametrize("off", ["false", "", "null", "~"])
def test_quiz_false_turns_off_the_default(deck_dir: Path, off: str) -> None:
    deck = load(deck_dir, {"slides/01-a.md": f"---\nquiz: {off}\n---\n# A\n", "quizzes/01-a.yaml": BANK})
    assert deck.sections[0].quiz_path is None


def test_quiz_path_problems(deck_dir: Path) -> None:
    assert failure(deck_dir, {
        "slides/01-a.md": "---\ntitle: A\nquiz: ../x.yaml\n---\n# A\n",
        "slides/02-b.md": "---\nquiz: /etc/hostname\n---\n# B\n",
        "slides/03-c.md": "---\nquiz: quizzes/none.yaml\n---\n# C\n",
        "slides/04-d.md": "---\nquiz: 5\n---\n# D\n",
        "slides/05-e.md": "---\nquiz: true\n---\n# E\n",
        "slides/06-f.md": "---\nquiz: quizzes/../../x.yaml\n---\n# F\n",
        "slides/07-g.md": "---\nquiz: quizzes\n---\n# G\n",
        "quizzes/keep.yaml": BANK,
    }) == [
        "slides/01-a.md:3:7: quiz path '../x.yaml' leaves the deck folder; keep banks inside it",
        "slides/02-b.md:2:7: quiz path '/etc/hostname' leaves the deck folder; keep banks inside it",
        "slides/03-c.md:2:7: quiz bank 'quizzes/none.yaml' does not exist",
        "slides/04-d.md:2:7: 'quiz' must be the path of a question bank, or false for no quiz",
        "slides/05-e.md:2:7: 'quiz' must be the path of a question bank, or false for no quiz",
        "slides/06-f.md:2:7: quiz path 'quizzes/../../x.yaml' leaves the deck folder; keep banks inside it",
        "slides/07-g.md:2:7: quiz bank 'quizzes' does not exist",
    ]


def test_unknown_front_matter_keys_are_kept_and_ignored(deck_dir: Path) -> None:
    deck = load(deck_dir, {
        "slides/01-a.md": "---\ntitle: A\nlayout: wide\nclass: [lead]\nmarp: true\n---\n# A\n",
    })
    assert deck.warnings == ()
    assert deck.sections[0].extra == {"layout": "wide", "class": ["lead"], "marp": True}


def test_misspelled_front_matter_key_is_a_warning_not_an_error(deck_dir: Path) -> None:
    deck = load(deck_dir, {
        "slides/01-a.md": "---\ntitel: A\ntakeaway: one thing\nquizz: false\n---\n# Heading\n",
        "quizzes/01-a.yaml": BANK,
    })
    assert described(deck) == [
        "slides/01-a.md:2:1: warning: unknown key 'titel' in front matter (did you mean 'title'?); it is ignored",
        "slides/01-a.md:3:1: warning: unknown key 'takeaway' in front matter (did you mean 'takeaways'?); "
        "it is ignored",
        "slides/01-a.md:4:1: warning: unknown key 'quizz' in front matter (did you mean 'quiz'?); it is ignored",
    ]
    section = deck.sections[0]
    assert (section.title, section.takeaways, section.quiz_path) == ("Heading", (), Path("quizzes/01-a.yaml"))
    assert section.extra == {"titel": "A", "takeaway": "one thing", "quizz": False}


def test_section_without_slides_or_takeaways_warns(deck_dir: Path) -> None:
    deck = load(deck_dir, {
        "slides/01-a.md": "---\ntitle: Empty\n---\n\n<!-- nothing here -->\n",
        "slides/02-b.md": "---\ntitle: Only takeaways\ntakeaways: [x]\n---\n",
    })
    assert described(deck) == ["slides/01-a.md:1:1: warning: this section has no slides"]
    assert [len(s.slides) for s in deck.sections] == [0, 0]


def test_warnings_from_markdown_are_kept_on_the_deck(deck_dir: Path) -> None:
    deck = load(deck_dir, {"slides/01-a.md": "# A\ntext\n---\n\n# B\n<!-- puase -->\n"})
    assert described(deck) == [
        "slides/01-a.md:3:1: warning: '---' directly under a text line is a heading in CommonMark; "
        "put a blank line before the slide separator",
        "slides/01-a.md:6:1: warning: comment 'puase' is not a pause (did you mean 'pause'?)",
    ]


# -- single Markdown files --------------------------------------------------------------------


def test_single_file_deck_uses_its_front_matter(deck_dir: Path) -> None:
    write(deck_dir, {
        "talk.md": "---\ntitle: My talk\nsubtitle: A sub\nauthor: Me\ndate: 2026-01-02\ntheme: nord\n"
                   "pass_mark: 80%\ntakeaways: [It works]\nquiz: quiz.yaml\n---\n\n# One\n\n---\n\n# Two\n",
        "quiz.yaml": BANK,
        "quizzes/talk.yaml": BANK,
    })
    deck = load_deck(Path("talk.md"))
    assert deck.warnings == ()
    info = deck.info
    assert (info.title, info.subtitle, info.author, info.date, info.theme, info.title_slide) == (
        "My talk", "A sub", "Me", "2026-01-02", "nord", True)
    assert info.pass_mark == pytest.approx(0.8)
    assert info.source == "talk.md"
    (section,) = deck.sections
    assert (section.title, section.takeaways, section.quiz_path) == ("My talk", ("It works",), Path("quiz.yaml"))
    assert [s.title for s in section.slides] == ["One", "Two"]
    assert deck.root == Path(".")


def test_single_file_without_front_matter_is_named_after_its_heading(deck_dir: Path) -> None:
    write(deck_dir, {"notes.md": "# Hello world\n\ntext\n", "quizzes/notes.yaml": BANK})
    deck = load_deck(Path("notes.md"))
    assert (deck.info.title, deck.info.title_slide) == ("Hello world", False)
    assert deck.sections[0].quiz_path is None  # a single file has no default quiz


def test_single_file_quiz_path_is_relative_to_its_folder(tmp_path: Path) -> None:
    write(tmp_path, {"talks/t.md": "---\nquiz: banks/b.yaml\n---\n# T\n", "talks/banks/b.yaml": BANK})
    deck = load_deck(tmp_path / "talks" / "t.md")
    assert deck.sections[0].quiz_path == tmp_path / "talks" / "banks" / "b.yaml"


def test_missing_single_file(deck_dir: Path) -> None:
    with pytest.raises(PodiumError) as caught:
        load_deck(Path("nope.md"))
    assert str(caught.value) == "nope.md:1:1: no such file"


def test_single_file_reports_every_problem_at_once(deck_dir: Path) -> None:
    assert failure(deck_dir, {"talk.md": "---\npass_mark: lots\n---\n# A\n\n<!-- never closed\n"},
                   target="talk.md") == [
        "talk.md:2:12: 'pass_mark' must be a percentage like 70% or a fraction like 0.7",
        "talk.md:6:1: HTML comment '<!--' is never closed with '-->'",
    ]


# -- every problem at once, and its format ----------------------------------------------------


def test_two_broken_files_give_both_problems_in_one_error(deck_dir: Path) -> None:
    write(deck_dir, {
        "deck.yaml": "title: T\npassmark: 70%\n",
        "slides/01-a.md": "# A\n\n<!-- oops\n",
        "slides/02-b.md": "---\ntakeaways: 5\n---\n# B\n",
        "slides/03-c.md": "# Fine\n",
    })
    with pytest.raises(PodiumError) as caught:
        load_deck(Path("."))
    error = caught.value
    assert str(error).splitlines() == [
        "deck.yaml:2:1: unknown key 'passmark' in deck.yaml (did you mean 'pass_mark'?)",
        "slides/01-a.md:3:1: HTML comment '<!--' is never closed with '-->'",
        "slides/02-b.md:2:12: 'takeaways' must be a list of short texts",
    ]
    assert [(p.path, p.line, p.col) for p in error.problems] == [
        ("deck.yaml", 2, 1), ("slides/01-a.md", 3, 1), ("slides/02-b.md", 2, 12)]


def test_error_also_carries_the_warnings(deck_dir: Path) -> None:
    write(deck_dir, {"slides/01-a.md": "---\ntitel: A\n---\n# A\n", "slides/02-b.md": "<!--\n"})
    with pytest.raises(PodiumError) as caught:
        load_deck(Path("."))
    assert [p.describe() for p in caught.value.problems] == [
        "slides/01-a.md:2:1: warning: unknown key 'titel' in front matter (did you mean 'title'?); it is ignored",
        "slides/02-b.md:1:1: error: HTML comment '<!--' is never closed with '-->'",
        "slides/02-b.md:1:1: warning: this section has no slides",
    ]


def test_messages_name_absolute_paths_outside_the_working_folder(tmp_path: Path) -> None:
    root = write(tmp_path / "deck", {"slides/01-a.md": "---\ntakeaways: 5\n---\n# A\n"})
    with pytest.raises(PodiumError) as caught:
        load_deck(root)
    assert str(caught.value) == f"{root / 'slides' / '01-a.md'}:2:12: 'takeaways' must be a list of short texts"


def test_unreadable_deck_yaml_is_reported_with_the_other_problems(deck_dir: Path) -> None:
    assert failure(deck_dir, {
        "deck.yaml": b"title: caf\xe9\n",
        "slides/01-a.md": "# A\n<!-- open\n",
    }) == [
        "deck.yaml:1:11: not UTF-8 text: byte 0xe9 cannot be decoded",
        "slides/01-a.md:2:1: HTML comment '<!--' is never closed with '-->'",
    ]


# -- file-level errors ------------------------------------------------------------------------


def test_not_utf8_file_error_with_line_and_col(deck_dir: Path) -> None:
    assert failure(deck_dir, {
        "slides/01-a.md": "# A\n\nsome caf\xe9 text\n".encode("latin-1"),
        "slides/02-b.md": "# B\n",
    }) == ["slides/01-a.md:3:9: not UTF-8 text: byte 0xe9 cannot be decoded"]


def test_utf8_with_bom_and_utf16_bom(deck_dir: Path) -> None:
    deck = load(deck_dir, {"slides/01-a.md": "\ufeff# Bommed\n".encode("utf-8")})
    assert deck.sections[0].title == "Bommed"
    assert failure(deck_dir, {"slides/01-a.md": "# Wide\n".encode("utf-16")}) == [
        "slides/01-a.md:1:1: not UTF-8 text: byte 0xff cannot be decoded"]


def test_nul_byte_file_is_refused(deck_dir: Path) -> None:
    assert failure(deck_dir, {"slides/01-a.md": b"# A\n\nab\x00cd\n"}) == [
        "slides/01-a.md:3:3: binary file: it holds a NUL byte"]


def test_file_over_the_size_limit_is_refused(deck_dir: Path) -> None:
    assert tui.domain.source.MAX_FILE_BYTES == 2 * 1024 * 1024
    big = "# Big\n\n" + "x" * (2 * 1024 * 1024)
    small = "# Small\n"
    assert failure(deck_dir, {"slides/01-big.md": big, "slides/02-small.md": small}) == [
        "slides/01-big.md:1:1: file is 2,097,159 bytes, over the 2 MiB limit for a deck file"]


def test_monkeypatched_small_size_limit(deck_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tui.domain.source, "MAX_FILE_BYTES", 64)
    lines = failure(deck_dir, {
        "slides/01-a.md": "# A\n" + "x" * 100 + "\n",
        "slides/02-b.md": "# B\n",
        "quizzes/02-b.yaml": "x" * 65,
    })
    assert len(lines) == 1
    assert lines[0].startswith("slides/01-a.md:1:1: file is 105 bytes, over the ")
    assert lines[0].endswith(" limit for a deck file")
    # Exactly at the limit is fine.
    (deck_dir / "slides" / "01-a.md").write_text("# A\n" + "x" * 59 + "\n", encoding="utf-8")
    assert len(load_deck(Path(".")).sections) == 2


# -- the bundled deck -------------------------------------------------------------------------


def test_bundled_deck_loads_cleanly() -> None:
    deck = load_deck(bundled_deck())
    assert deck.warnings == ()
    assert deck.info.title == "China's Open-Weight AI Labs in 2026"
    assert deck.info.pass_mark == pytest.approx(0.7)
    assert len(deck.sections) == 9
    for section in deck.sections:
        assert 2 <= len(section.slides) <= 6, section.path
        assert 2 <= len(section.takeaways) <= 4, section.path
        for slide in section.slides:
            assert slide.notes.strip(), f"{section.path}:{slide.line} has no notes"
            assert slide.title, f"{section.path}:{slide.line} has no title"
    assert [s.quiz_path is not None for s in deck.sections] == [True] * 7 + [False, True]


# -- interop with other tools' decks ----------------------------------------------------------

PRESENTERM = """\
---
title: "Introducing **presenterm**"
sub_title: A terminal slideshow tool
author: Someone
date: 2024-01-01
options:
  end_slide_shorthand: false
---

Headers
===

A line above.

---

A rule, not a separator.

<!-- speaker_note: Talk about headers. -->

<!-- end_slide -->

Code
===

<!-- pause -->

```rust
fn main() {}
```

<!-- speaker_note: |
  A multi-line note.
-->

<!-- end_slide -->

The end
===
"""

MAASLALANI = """\
---
theme: ./path/to/theme.json
author: Gopher
date: MMMM dd, YYYY
paging: Slide %d / %d
---

# Welcome to Slides

A terminal based presentation tool

---

## Everything is markdown

In fact, this entire presentation is a markdown file.

---

## Code execution

```go
package main
---
func main() {}
```
"""

LOOKATME = """\
---
title: Lookatme
author: me
date: 2019-12-02
styles:
  style: monokai
---

# Slide one

- first
<!-- stop -->
- second

---

# Slide two

text
"""

MARP = """\
---
marp: true
theme: default
paginate: true
---

<!-- _class: lead -->

# Marp deck

<!-- This comment is a presenter note. -->

---

# Second

- point

<!--
Notes can span
several lines.
-->
"""


def test_interop_decks_open_with_the_expected_slides_and_notes(deck_dir: Path) -> None:
    deck = load(deck_dir, {
        "slides/01-presenterm.md": PRESENTERM,
        "slides/02-maaslalani.md": MAASLALANI,
        "slides/03-lookatme.md": LOOKATME,
        "slides/04-marp.md": MARP,
    })
    assert deck.warnings == ()
    presenterm, maaslalani, lookatme, marp = deck.sections

    assert presenterm.title == "Introducing **presenterm**"
    assert [s.title for s in presenterm.slides] == ["Headers", "Code", "The end"]
    assert presenterm.slides[0].markdown == "Headers\n===\n\nA line above.\n\n---\n\nA rule, not a separator."
    assert [s.notes for s in presenterm.slides] == ["Talk about headers.", "A multi-line note.", ""]
    assert presenterm.slides[1].steps == ("Code\n===", "Code\n===\n\n```rust\nfn main() {}\n```")
    assert [s.line for s in presenterm.slides] == [9, 22, 37]
    assert set(presenterm.extra) == {"sub_title", "author", "date", "options"}

    assert maaslalani.title == "Welcome to Slides"
    assert [s.title for s in maaslalani.slides] == ["Welcome to Slides", "Everything is markdown", "Code execution"]
    assert maaslalani.slides[2].markdown == "## Code execution\n\n```go\npackage main\n---\nfunc main() {}\n```"
    assert maaslalani.extra == {"theme": "./path/to/theme.json", "author": "Gopher",
                                "date": "MMMM dd, YYYY", "paging": "Slide %d / %d"}

    assert lookatme.title == "Lookatme"
    assert lookatme.slides[0].steps == ("# Slide one\n\n- first", "# Slide one\n\n- first\n\n- second")
    assert [s.title for s in lookatme.slides] == ["Slide one", "Slide two"]
    assert "styles" in lookatme.extra

    assert [s.title for s in marp.slides] == ["Marp deck", "Second"]
    assert [s.notes for s in marp.slides] == ["This comment is a presenter note.", "Notes can span\nseveral lines."]
    assert all("<!--" not in s.markdown for s in marp.slides)
    assert marp.extra == {"marp": True, "theme": "default", "paginate": True}


def test_presenterm_single_file_deck_takes_its_title(deck_dir: Path) -> None:
    write(deck_dir, {"pres.md": PRESENTERM})
    deck = load_deck(Path("pres.md"))
    assert deck.info.title == "Introducing **presenterm**"
    assert deck.info.author == "Someone"
    assert deck.info.date == "2024-01-01"
    assert deck.info.title_slide is True
    # presenterm's `sub_title` is read as podium's `subtitle`, without a warning.
    assert described(deck) == []
    assert deck.info.subtitle == "A terminal slideshow tool"
    assert len(deck.sections[0].slides) == 3


def test_slide_dataclass_markdown_is_the_last_step() -> None:
    slide = Slide(steps=("a", "a\n\nb"))
    assert slide.markdown == "a\n\nb"
    assert (slide.notes, slide.title, slide.line) == ("", None, 1)


def test_impossible_date_in_deck_yaml_is_an_error_not_a_crash(deck_dir: Path) -> None:
    files = {"deck.yaml": "title: T\ndate: 2026-02-30\n", "slides/01-a.md": "---\ndate: 2026-04-31\n---\n# A\n"}
    assert failure(deck_dir, files) == [
        "deck.yaml:2:7: '2026-02-30' cannot be read as a date (day is out of range for month); "
        "put it in quotes if it is meant as text",
        "slides/01-a.md:2:7: '2026-04-31' cannot be read as a date (day is out of range for month); "
        "put it in quotes if it is meant as text",
    ]


def test_quiz_path_too_long_or_looping_is_an_error_not_a_crash(deck_dir: Path) -> None:
    long_name = "a" * 300 + ".yaml"
    deep = "a/" * 3000 + "x.yaml"
    os.symlink("loop.yaml", deck_dir / "loop.yaml")
    lines = failure(deck_dir, {
        "slides/01-a.md": f"---\nquiz: {long_name}\n---\n# A\n",
        "slides/02-b.md": f"---\nquiz: {deep}\n---\n# B\n",
        "slides/03-c.md": "---\nquiz: loop.yaml\n---\n# C\n",
    })
    assert lines == [
        f"slides/01-a.md:2:7: quiz bank '{long_name}' cannot be opened",
        f"slides/02-b.md:2:7: quiz bank '{deep}' cannot be opened",
        "slides/03-c.md:2:7: quiz bank 'loop.yaml' cannot be opened",
    ]
