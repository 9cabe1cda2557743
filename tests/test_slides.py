"""Markdown -> slides: separators, fences, pauses, notes, comments, titles, front matter.

Every text goes through `tui.domain.source.decode` first, as a file read from disk does, so
line endings and control codes are handled exactly as for a real deck.
"""

from __future__ import annotations

import pytest

from tui.domain.errors import Problem, ProblemLog
from tui.domain.slides import ParsedFile, parse_markdown
from tui.domain.source import clean_text, decode

PATH = "talk.md"


def parse(text: str, path: str = PATH) -> tuple[ParsedFile, ProblemLog]:
    log = ProblemLog()
    parsed = parse_markdown(decode(text.encode("utf-8"), path), path, log)
    return parsed, log


def bodies(parsed: ParsedFile) -> list[str]:
    return [slide.markdown for slide in parsed.slides]


def clean(text: str) -> tuple[ParsedFile, ProblemLog]:
    """Parse and insist that nothing at all was reported."""
    parsed, log = parse(text)
    assert log.problems == []
    return parsed, log


# -- separators -------------------------------------------------------------------------------


def test_three_dashes_split_slides() -> None:
    parsed, _ = clean("# One\n\nfirst\n\n---\n\n# Two\n\nsecond\n")
    assert bodies(parsed) == ["# One\n\nfirst", "# Two\n\nsecond"]


@pytest.mark.parametrize("separator", ["---", "--- ", "---\t", "---   \t ", "-----", "   ---"])
def test_separator_variants_split(separator: str) -> None:
    parsed, _ = clean(f"one\n\n{separator}\n\ntwo\n")
    assert bodies(parsed) == ["one", "two"]


@pytest.mark.parametrize("not_a_separator", ["***", "___", "- - -", "    ---", "--", "---x", "x---"])
def test_other_rules_do_not_split(not_a_separator: str) -> None:
    parsed, _ = clean(f"one\n\n{not_a_separator}\n\ntwo\n")
    assert bodies(parsed) == [f"one\n\n{not_a_separator}\n\ntwo"]


def test_empty_slides_between_separators_are_dropped() -> None:
    parsed, _ = clean("one\n\n---\n\n---\n\n\n---\n\ntwo\n\n---\n")
    assert bodies(parsed) == ["one", "two"]


@pytest.mark.parametrize("fence", ["```", "~~~", "````", "~~~~~"])
def test_separator_inside_fenced_code_does_not_split(fence: str) -> None:
    text = f"# Code\n\n{fence}yaml\na: 1\n---\nb: 2\n{fence}\n\n---\n\n# After\n"
    parsed, _ = clean(text)
    assert bodies(parsed) == [f"# Code\n\n{fence}yaml\na: 1\n---\nb: 2\n{fence}", "# After"]


def test_tilde_fence_is_not_closed_by_backticks() -> None:
    text = "~~~\n```\n---\n```\n---\n~~~\n\n---\n\nafter\n"
    parsed, _ = clean(text)
    assert bodies(parsed) == ["~~~\n```\n---\n```\n---\n~~~", "after"]


def test_longer_fence_is_not_closed_by_a_shorter_one() -> None:
    text = "````md\n```\n---\n```\n````\n\n---\n\nafter\n"
    parsed, _ = clean(text)
    assert bodies(parsed) == ["````md\n```\n---\n```\n````", "after"]


def test_unclosed_fence_swallows_later_separators_with_a_warning() -> None:
    parsed, log = parse("one\n\n---\n\n```python\ncode\n\n---\n\nmore\n")
    assert bodies(parsed) == ["one", "```python\ncode\n\n---\n\nmore"]
    assert [str(p) for p in log.problems] == [
        f"{PATH}:5:1: code fence is never closed; it runs to the end of the file"
    ]
    assert log.problems[0].severity == "warning"


def test_crlf_file_splits_exactly_like_lf() -> None:
    lf = ("---\ntitle: T\n---\n\n# One\n\ntext\n<!-- pause -->\nmore\n\n---\n\n"
          "```\n---\n```\n\n<!-- notes:\nsay\nthis\n-->\n\n---\n\n# Three\n")
    crlf = lf.replace("\n", "\r\n")
    assert "\r" not in clean_text(crlf)
    assert clean_text(crlf) == lf
    lf_parsed, lf_log = parse(lf)
    crlf_parsed, crlf_log = parse(crlf)
    assert crlf_parsed == lf_parsed
    assert crlf_log.problems == lf_log.problems == []
    assert bodies(crlf_parsed) == ["# One\n\ntext\n\nmore", "```\n---\n```", "# Three"]
    assert crlf_parsed.slides[0].steps == ("# One\n\ntext", "# One\n\ntext\n\nmore")
    assert crlf_parsed.slides[1].notes == "say\nthis"
    assert [s.line for s in crlf_parsed.slides] == [4, 12, 23]


def test_old_mac_cr_line_endings_split_like_lf() -> None:
    lf = "one\n\n---\n\ntwo\n"
    parsed, _ = clean(lf.replace("\n", "\r"))
    assert bodies(parsed) == ["one", "two"]


def test_crlf_separator_with_trailing_spaces() -> None:
    parsed, _ = clean("one\r\n\r\n---  \r\n\r\ntwo\r\n")
    assert bodies(parsed) == ["one", "two"]


def test_decode_strips_bom_and_control_codes() -> None:
    data = "\ufeff# T\x1b[31mi\x07tle\u202e\n\ntext\x7f\n".encode("utf-8")
    log = ProblemLog()
    parsed = parse_markdown(decode(data, PATH), PATH, log)
    assert parsed.slides[0].markdown == "# T[31mitle\n\ntext"
    assert parsed.slides[0].title == "T[31mitle"


# -- presenterm end_slide ---------------------------------------------------------------------


def test_end_slide_splits_and_dashes_stay_a_rule() -> None:
    text = "# One\n\nabove\n\n---\n\nbelow\n\n<!-- end_slide -->\n\n# Two\n<!--end_slide-->\n# Three\n"
    parsed, _ = clean(text)
    assert bodies(parsed) == ["# One\n\nabove\n\n---\n\nbelow", "# Two", "# Three"]
    assert [s.line for s in parsed.slides] == [1, 10, 13]


def test_end_slide_mode_gives_no_heading_warning_for_dashes_under_text() -> None:
    parsed, log = parse("# One\ntext\n---\nmore\n<!-- end_slide -->\n# Two\n")
    assert log.problems == []
    assert bodies(parsed) == ["# One\ntext\n---\nmore", "# Two"]


def test_end_slide_inside_code_does_not_switch_the_file_to_end_slide_mode() -> None:
    text = "# One\n\n```html\n<!-- end_slide -->\n```\n\n---\n\n# Two\n"
    parsed, _ = clean(text)
    assert bodies(parsed) == ["# One\n\n```html\n<!-- end_slide -->\n```", "# Two"]


# -- pauses -----------------------------------------------------------------------------------


def test_pause_comment_gives_cumulative_steps() -> None:
    parsed, _ = clean("# T\n\na\n\n<!-- pause -->\n\nb\n\n<!-- pause -->\n\nc\n")
    slide = parsed.slides[0]
    assert slide.steps == ("# T\n\na", "# T\n\na\n\nb", "# T\n\na\n\nb\n\nc")
    assert slide.markdown == slide.steps[-1]


@pytest.mark.parametrize("pause", ["<!-- pause -->", "<!--pause-->", "<!--  PAUSE  -->",
                                   "<!-- stop -->", "<!-- Stop -->", ". . .", ". . .  "])
def test_every_pause_spelling(pause: str) -> None:
    parsed, _ = clean(f"a\n{pause}\nb\n")
    assert parsed.slides[0].steps == ("a", "a\n\nb")


def test_mixed_pause_spellings_give_four_steps() -> None:
    text = "- one\n\n<!-- pause -->\n\n- two\n\n. . .\n\n- three\n<!-- stop -->\n- four\n"
    parsed, _ = clean(text)
    assert parsed.slides[0].steps == (
        "- one",
        "- one\n\n- two",
        "- one\n\n- two\n\n- three",
        "- one\n\n- two\n\n- three\n\n- four",
    )


@pytest.mark.parametrize("not_a_pause", ["...", ". .", " . . .", ".. .", ". . . more"])
def test_near_pandoc_pauses_are_text(not_a_pause: str) -> None:
    parsed, _ = clean(f"a\n{not_a_pause}\nb\n")
    assert parsed.slides[0].steps == (f"a\n{not_a_pause}\nb",)


def test_pauses_inside_code_are_code() -> None:
    text = "```\n<!-- pause -->\n. . .\n<!-- notes: no -->\n```\n"
    parsed, _ = clean(text)
    slide = parsed.slides[0]
    assert slide.steps == ("```\n<!-- pause -->\n. . .\n<!-- notes: no -->\n```",)
    assert slide.notes == ""


def test_pause_comment_inside_a_four_backtick_fence_holding_a_three_backtick_block() -> None:
    # A slide that shows how to write a slide: the inner ``` must not end the outer ````.
    text = "````markdown\n```sh\nls\n```\n<!-- pause -->\n<!-- notes: shown as code -->\n````\n"
    parsed, _ = clean(text)
    slide = parsed.slides[0]
    assert slide.steps == (text.rstrip("\n"),)
    assert slide.notes == ""


def test_misspelled_pause_is_hidden_and_warned() -> None:
    parsed, log = parse("a\n\n<!-- puase -->\n\nb\n")
    assert parsed.slides[0].steps == ("a\n\n\nb",)
    assert [p.describe() for p in log.problems] == [
        f"{PATH}:3:1: warning: comment 'puase' is not a pause (did you mean 'pause'?)"
    ]


# -- notes and comments ----------------------------------------------------------------------


@pytest.mark.parametrize("keyword", ["notes", "note", "speaker_note", "NOTES", "Note", "Speaker_Note"])
def test_single_line_notes(keyword: str) -> None:
    parsed, _ = clean(f"# T\n\n<!-- {keyword}: Say hello. -->\n\ntext\n")
    slide = parsed.slides[0]
    assert slide.notes == "Say hello."
    # The comment's line goes; the blank lines around it stay.
    assert slide.markdown == "# T\n\n\ntext"


@pytest.mark.parametrize("keyword", ["notes", "note", "speaker_note"])
def test_multi_line_notes(keyword: str) -> None:
    text = f"# T\n\ntext\n\n<!-- {keyword}:\nFirst line.\n\nSecond paragraph.\n-->\n"
    parsed, _ = clean(text)
    slide = parsed.slides[0]
    assert slide.notes == "First line.\n\nSecond paragraph."
    assert slide.markdown == "# T\n\ntext"


def test_several_note_comments_are_joined_in_order() -> None:
    text = "# T\n<!-- note: one -->\ntext\n<!-- notes:\ntwo\n-->\n<!-- speaker_note: three -->\n"
    parsed, _ = clean(text)
    assert parsed.slides[0].notes == "one\n\ntwo\n\nthree"
    assert parsed.slides[0].markdown == "# T\ntext"


def test_notes_belong_to_their_own_slide() -> None:
    text = "# A\n<!-- notes: for A -->\n\n---\n\n# B\n\n---\n\n# C\n<!-- notes: for C -->\n"
    parsed, _ = clean(text)
    assert [s.notes for s in parsed.slides] == ["for A", "", "for C"]


def test_other_html_comments_are_hidden() -> None:
    text = "# T\n\n<!-- TODO: fix this -->\nvisible <!-- inline remark --> too\n<!--\nmulti\nline\n-->\nend\n"
    parsed, _ = clean(text)
    slide = parsed.slides[0]
    assert slide.markdown == "# T\n\nvisible  too\nend"
    assert slide.notes == ""


def test_text_after_a_closed_comment_on_the_same_line_stays() -> None:
    parsed, _ = clean("# T\n<!-- hidden --> shown\n")
    assert parsed.slides[0].markdown == "# T\n shown"


def test_second_comment_opened_on_the_line_a_first_one_closes_is_hidden_too() -> None:
    text = "# T\n<!-- first --> shown <!-- second\nstill hidden -->\nafter\n"
    parsed, _ = clean(text)
    assert parsed.slides[0].markdown == "# T\n shown \nafter"
    assert "hidden" not in parsed.slides[0].markdown
    assert "<!--" not in parsed.slides[0].markdown


def test_misspelled_notes_keyword_is_hidden_and_warned() -> None:
    parsed, log = parse("# T\n\n<!-- speaker_notes: secret -->\n")
    slide = parsed.slides[0]
    assert slide.markdown == "# T"
    assert slide.notes == ""
    assert "secret" not in slide.markdown
    assert [p.describe() for p in log.problems] == [
        f"{PATH}:3:1: warning: comment keyword 'speaker_notes:' is not a notes keyword "
        "(did you mean 'speaker_note:'?); it is hidden, not shown as notes"
    ]


def test_nots_keyword_warning_points_at_the_comment_column() -> None:
    parsed, log = parse("# T\n\ntext   <!-- nots: x -->\n")
    assert parsed.slides[0].markdown == "# T\n\ntext   "
    assert [(p.line, p.col, p.severity) for p in log.problems] == [(3, 8, "warning")]
    assert "'nots:' is not a notes keyword (did you mean 'notes:'?)" in log.problems[0].message


def test_unclosed_comment_is_an_error_at_its_line_and_column() -> None:
    text = "# One\n\n---\n\n# Two\n\nsome text <!-- never\nclosed\n"
    parsed, log = parse(text)
    assert [str(p) for p in log.problems] == [
        f"{PATH}:7:11: HTML comment '<!--' is never closed with '-->'"
    ]
    assert log.problems[0].severity == "error"
    assert bodies(parsed) == ["# One", "# Two\n\nsome text "]


def test_a_slide_of_only_notes_is_dropped_with_a_warning() -> None:
    parsed, log = parse("# One\n\n---\n\n<!-- notes: lost -->\n\n---\n\n# Two\n")
    assert bodies(parsed) == ["# One", "# Two"]
    assert [(p.line, p.col, p.severity) for p in log.problems] == [(4, 1, "warning")]
    assert "only speaker notes" in log.problems[0].message


# -- Marp -------------------------------------------------------------------------------------


def test_marp_comments_are_notes_but_directives_are_not() -> None:
    text = (
        "---\nmarp: true\ntheme: gaia\n---\n\n"
        "<!-- paginate: true -->\n<!-- _class: lead -->\n"
        "# Hello\n\n<!-- Say hello to the room. -->\n\n---\n\n"
        "# Second\n\n<!--\nA longer note\nover two lines.\n-->\n<!-- backgroundColor: #fff -->\n"
    )
    parsed, _ = clean(text)
    assert parsed.front_matter == {"marp": True, "theme": "gaia"}
    assert [s.title for s in parsed.slides] == ["Hello", "Second"]
    assert [s.notes for s in parsed.slides] == ["Say hello to the room.", "A longer note\nover two lines."]
    assert bodies(parsed) == ["# Hello", "# Second"]


def test_marp_note_that_looks_like_key_value_is_still_a_note() -> None:
    parsed, _ = clean("---\nmarp: true\n---\n\n# A\n\n<!-- Remember: smile -->\n")
    assert parsed.slides[0].notes == "Remember: smile"


def test_without_marp_plain_comments_are_not_notes() -> None:
    parsed, _ = clean("---\nmarp: false\n---\n\n# A\n\n<!-- Say hello. -->\n")
    assert parsed.slides[0].notes == ""


# -- titles and line numbers ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markdown", "title"),
    [
        ("# Plain title\n\ntext", "Plain title"),
        ("## Second level", "Second level"),
        ("###### Six", "Six"),
        ("# Closed heading ##", "Closed heading"),
        ("   # Indented three", "Indented three"),
        ("Setext title\n============\n\nbody", "Setext title"),
        ("Setext short\n=", "Setext short"),
        ("intro text\n\n## Later heading", "Later heading"),
        ("# C#", "C#"),
        ("# Why F# matters", "Why F# matters"),
        ("plain text only", None),
        ("#hashtag is not a heading", None),
        ("    # indented four is code", None),
        ("```\n# in code\n```\n\n# After code", "After code"),
    ],
)
def test_slide_titles(markdown: str, title: str | None) -> None:
    parsed, _ = clean(markdown + "\n")
    assert parsed.slides[0].title == title


def test_title_ignores_hidden_comments() -> None:
    parsed, _ = clean("<!-- # not this -->\n# This one\n")
    assert parsed.slides[0].title == "This one"


def test_slide_start_lines_count_from_one_and_follow_separators() -> None:
    text = "# A\n\n---\n# B\n\n\n---\n\n\n# C\n"
    parsed, _ = clean(text)
    assert [(s.title, s.line) for s in parsed.slides] == [("A", 1), ("B", 4), ("C", 8)]


def test_slide_start_lines_after_front_matter() -> None:
    text = "---\ntitle: T\ntakeaways:\n  - x\n---\n# A\n\n---\n\n# B\n"
    parsed, _ = clean(text)
    assert [(s.title, s.line) for s in parsed.slides] == [("A", 6), ("B", 9)]


# -- warnings ---------------------------------------------------------------------------------


def test_separator_directly_under_text_still_splits_and_warns() -> None:
    parsed, log = parse("# A\ntext\n---\n\n# B\n")
    assert bodies(parsed) == ["# A\ntext", "# B"]
    assert [p.describe() for p in log.problems] == [
        f"{PATH}:3:1: warning: '---' directly under a text line is a heading in CommonMark; "
        "put a blank line before the slide separator"
    ]


def test_separator_after_blank_line_or_separator_does_not_warn() -> None:
    _, log = parse("# A\n\n---\n---\n\n# B\n")
    assert log.problems == []


# -- front matter -----------------------------------------------------------------------------


def test_front_matter_is_read_and_not_shown() -> None:
    text = "---\ntitle: Basics\ntakeaways:\n  - one\n  - two\nquiz: false\n---\n\n# Slide\n"
    parsed, _ = clean(text)
    assert parsed.front_matter == {"title": "Basics", "takeaways": ["one", "two"], "quiz": False}
    assert parsed.front_matter.pos("quiz") == (6, 1)
    assert parsed.front_matter.vpos("title") == (2, 8)
    assert parsed.front_matter["takeaways"].pos(1) == (5, 5)
    assert bodies(parsed) == ["# Slide"]


def test_front_matter_may_close_with_three_dots() -> None:
    parsed, _ = clean("---\ntitle: T\n...\n# S\n")
    assert parsed.front_matter == {"title": "T"}
    assert bodies(parsed) == ["# S"]


def test_leading_separator_followed_by_heading_is_not_front_matter() -> None:
    text = "---\n\n# Heading\n\ntitle: not front matter\n\n---\n\n# Two\n"
    parsed, _ = clean(text)
    assert parsed.front_matter == {}
    assert bodies(parsed) == ["# Heading\n\ntitle: not front matter", "# Two"]
    assert [s.line for s in parsed.slides] == [2, 8]


def test_leading_separator_without_a_second_one_is_not_front_matter() -> None:
    parsed, _ = clean("---\n# Only slide\n")
    assert parsed.front_matter == {}
    assert bodies(parsed) == ["# Only slide"]


def test_unclosed_front_matter_is_an_error() -> None:
    parsed, log = parse("---\ntitle: T\n\n# Slide\n\ntext\n")
    assert [str(p) for p in log.problems] == [
        f"{PATH}:1:1: front matter opened with '---' is never closed with '---'"
    ]
    assert log.problems[0].severity == "error"
    assert parsed.slides == ()


def test_front_matter_yaml_error_is_reported_at_the_file_line() -> None:
    text = "---\ntitle: T\n  bad: x\n---\n\n# Slide\n"
    parsed, log = parse(text)
    assert [str(p) for p in log.problems] == [
        f"{PATH}:3:6: invalid YAML: mapping values are not allowed in this context"
    ]
    assert parsed.front_matter == {}
    assert bodies(parsed) == ["# Slide"]
    assert parsed.slides[0].line == 5


def test_front_matter_duplicate_key_is_reported_at_the_file_line() -> None:
    _, log = parse("---\ntitle: A\nquiz: false\ntitle: B\n---\n# S\n")
    assert [str(p) for p in log.problems] == [f"{PATH}:4:1: duplicate key 'title' (first given on line 2)"]


def test_front_matter_unclosed_quote_is_reported_where_it_opens() -> None:
    _, log = parse('---\ntitle: T\nauthor: "Ada\n---\n# S\n')
    assert [str(p) for p in log.problems] == [
        f"{PATH}:3:9: invalid YAML: a quoted string is opened here and never closed"
    ]


def test_front_matter_tab_is_reported_at_the_file_line() -> None:
    _, log = parse("---\ntitle: T\ntakeaways:\n\t- x\n---\n# S\n")
    assert [str(p) for p in log.problems] == [
        f"{PATH}:4:1: invalid YAML: a tab cannot indent YAML; use spaces"
    ]


def test_front_matter_that_is_not_a_mapping_is_an_error() -> None:
    # `foo:bar` looks like a key to the front matter test, but YAML reads it as one string.
    _, log = parse("---\nfoo:bar\n---\n# S\n")
    assert [str(p) for p in log.problems] == [f"{PATH}:2:1: front matter must be a mapping of keys to values"]


def test_no_problem_positions_below_one() -> None:
    _, log = parse("<!--\n")
    assert log.problems == [Problem(PATH, 1, 1, "HTML comment '<!--' is never closed with '-->'")]


def test_unclosed_comment_after_a_closed_one_is_reported_where_it_opens() -> None:
    parsed, log = parse("# T\n\nkept <!-- closed --> also kept <!-- open\nrest\n")
    assert [str(p) for p in log.problems] == [
        f"{PATH}:3:32: HTML comment '<!--' is never closed with '-->'"
    ]
    assert parsed.slides[0].markdown == "# T\n\nkept  also kept "


def test_unclosed_comment_opened_on_a_later_line_of_a_comment_is_reported_on_that_line() -> None:
    _, log = parse("# T\n<!-- notes:\nclosed here --> and <!-- reopened\nnever closed\n")
    assert [str(p) for p in log.problems] == [
        f"{PATH}:3:21: HTML comment '<!--' is never closed with '-->'"
    ]


@pytest.mark.parametrize(
    ("markdown", "title"),
    [("# Title #", "Title"), ("#  Spaced  ##  ", "Spaced"), ("# Hash#tag", "Hash#tag"), ("## C# and F#", "C# and F#")],
)
def test_heading_closing_sequence(markdown: str, title: str) -> None:
    parsed, _ = clean(markdown + "\n")
    assert parsed.slides[0].title == title


def test_title_skips_a_heading_inside_a_longer_fence_holding_a_shorter_one() -> None:
    parsed, _ = clean("````\n```\n````\n\n# Real\n")
    assert parsed.slides[0].title == "Real"
    parsed, _ = clean("````\n```\n# Not a title\n````\n\n# Real\n")
    assert parsed.slides[0].title == "Real"


@pytest.mark.parametrize(
    ("comment", "notes"),
    [
        ("<!-- speaker_note: |\n  First line.\n  Second line.\n-->", "First line.\nSecond line."),
        ("<!-- speaker_note: |-\n    indented\n      more\n-->", "indented\n  more"),
        ("<!-- notes: >\n  folded\n  together\n\n  new paragraph\n-->", "folded together\n\nnew paragraph"),
        ("<!-- notes: | not a block -->", "| not a block"),
        ("<!-- notes:\n  plain indented\n-->", "plain indented"),
    ],
)
def test_presenterm_block_scalar_notes(comment: str, notes: str) -> None:
    parsed, _ = clean(f"# T\n\n{comment}\n")
    assert parsed.slides[0].notes == notes
    assert parsed.slides[0].markdown == "# T"


def test_slidev_per_slide_front_matter_is_not_a_slide() -> None:
    from tui.domain.errors import ProblemLog
    from tui.domain.slides import parse_markdown

    text = ("---\ntheme: seriph\n---\n\n# First\n\nhello\n\n---\nlayout: center\nclass: text-center\n---\n\n"
            "# Second\n\nworld\n\n---\n\nNote: a slide that starts like a key, after a blank line.\n")
    log = ProblemLog()
    parsed = parse_markdown(text, "deck.md", log)
    assert [slide.title for slide in parsed.slides] == ["First", "Second", None]
    assert parsed.slides[1].markdown == "# Second\n\nworld"
    assert parsed.slides[2].markdown.startswith("Note: a slide")
    assert log.problems == []  # the metadata's closing '---' is not a heading under text
