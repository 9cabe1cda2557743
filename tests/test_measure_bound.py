"""`height_bound` never says a slide is shorter than Rich draws it.

`podium check` draws a slide with Rich only when the bound read from its source exceeds the
screen, so a bound below the drawn height would hide a 'too tall' warning. Hypothesis builds
Markdown of every kind the bound reads (headings, paragraphs, nested lists, block quotes, code
fences in and out of lists, indented code, rules, long words, tabs, wide characters, emoji,
code spans, links) and of the kinds it refuses (tables, images, HTML, entities), and checks
the bound against `slide_height` at several widths.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.domain.deckload import load_deck
from tui.domain.paths import bundled_deck
from tui.ui.measure import SLIDE_HEIGHT, height_bound, slide_height, table_rows_floor, tall_slides

WIDTHS = (98, 61, 40, 24)

WORDS = ["a", "to", "the", "slide", "benchmarks,", "throughput", "x" * 12, "y" * 31, "z" * 70, "w" * 97,
         "v" * 130, "漢字", "日本語のテキスト", "漢" * 30, "😀", "👨\u200d👩\u200d👧", "☺\ufe0f", "e\u0301",
         "Ünïcödé", "Привет", "\u3000", "\xa0", "\t", "a\tb", "`code`", "`a b`", "` a `", "`` x ` y ``", "`",
         "**bold**", "_em_", "~~gone~~", "[link](https://example.org/1)", "[t](http://x.y/a_(b)_c)", "[t]()",
         "[" + "l" * 40 + "](https://example.org/" + "p" * 40 + ")", "\\*", "\\", "2.", "1)", "-", "*", "+",
         "#", ">", "|", "=", "---", "___", "***", "[ref]", "http://bare.example.org/" + "p" * 40]
# What the bound refuses to read: a few of these in a slide make it unbounded (None).
UNBOUNDED = ["[t](u\tv)", "[t](https://exa mple.org)", "[t](<a b>)", '[t](u "title")', "[t](ü)", "[t](%zz)",
             "<http://example.org/autolink>", "<a@b.co>", "<1a@b.co>", "<_x@y.z>", "&amp;", "&#10;",
             "&NewLine;", "![img](p/q.png)", "<b>", "</b>", "<!-- c -->", "[ref]:"]
SMALL = ["a", "bb", "ccc", "dddd", "eeeee", "ffffff", "`g h`", "**i**", "j`", "`k", "漢字", "😀", "-", "1.", ">"]


@st.composite
def text(draw: st.DrawFn, min_words: int = 1) -> str:
    pool = draw(st.sampled_from([WORDS, SMALL]))
    words = draw(st.lists(st.sampled_from(pool), min_size=min_words, max_size=14))
    glue = draw(st.sampled_from([" ", " ", " ", "  ", "\t"]))
    line = glue.join(words)
    return line + draw(st.sampled_from(["", "", "", "  ", "\\", " "]))


INDENTS = ["", "", "", " ", "  ", "   ", "    ", "     ", "      ", "        ", "\t", " \t"]
MARKERS = ["- ", "* ", "+ ", "1. ", "2. ", "1) ", "10. ", "123456789. ", "-   ", "-     ", "-\t", "> ", ">",
           "> > ", "> - ", "- > ", "1. - ", "- 1. "]


@st.composite
def line(draw: st.DrawFn) -> str:
    """One line of any kind, at any indentation."""
    kind = draw(st.sampled_from(["text", "text", "text", "item", "item", "item", "heading", "fence", "rule",
                                 "setext", "blank", "marker", "quote", "table"]))
    indent = draw(st.sampled_from(INDENTS))
    if kind == "text":
        return indent + draw(text())
    if kind == "item":
        return indent + draw(st.sampled_from(MARKERS)) + draw(text())
    if kind == "heading":
        return indent + "#" * draw(st.integers(1, 7)) + draw(st.sampled_from([" ", "", "\t"])) + draw(text())
    if kind == "fence":
        return indent + draw(st.sampled_from(["```", "~~~", "````", "```python", "```a`b", "~~~ x"]))
    if kind == "rule":
        return indent + draw(st.sampled_from(["***", "___", "- - -", "* * *", "---", "- ***", "> ***", "_ _ _ _"]))
    if kind == "setext":
        return indent + draw(st.sampled_from(["===", "=", "--", "= =", "==="]))
    if kind == "marker":
        return indent + draw(st.sampled_from(["-", "*", "1.", "2)", ">", "> >", "- -"]))
    if kind == "quote":
        return indent + draw(st.sampled_from(["> ", ">", "> > ", ">     "])) + draw(text())
    if kind == "table":
        return indent + draw(st.sampled_from(["| a | b |", "|---|---|", "a | b", "--|--", ":-:|"]))
    return ""


def sometimes_unbounded(draw: st.DrawFn, lines: list[str]) -> str:
    """The lines as a slide, now and then with something the bound refuses in one of them."""
    if draw(st.sampled_from(range(6))) == 5:
        index = draw(st.integers(0, len(lines) - 1))
        lines[index] += " " + draw(st.sampled_from(UNBOUNDED))
    return "\n".join(lines)


@st.composite
def soup(draw: st.DrawFn) -> str:
    """Lines of any kind in any order."""
    return sometimes_unbounded(draw, draw(st.lists(line(), min_size=1, max_size=24)))


@st.composite
def block(draw: st.DrawFn, depth: int = 0) -> list[str]:
    """A well-formed block: what authors write."""
    kind = draw(st.sampled_from(["paragraph", "paragraph", "list", "list", "ordered", "heading", "code",
                                 "quote", "rule", "indented"] if depth < 2 else ["paragraph", "heading", "code"]))
    if kind == "paragraph":
        return draw(st.lists(text(), min_size=1, max_size=4))
    if kind == "heading":
        return ["#" * draw(st.integers(1, 6)) + " " + draw(text())]
    if kind == "rule":
        return [draw(st.sampled_from(["***", "___", "* * *"]))]
    if kind == "indented":
        return ["    " + item for item in draw(st.lists(text(), min_size=1, max_size=4))]
    if kind == "code":
        fence = draw(st.sampled_from(["```", "~~~", "````"]))
        body = draw(st.lists(st.one_of(text(), st.just(""), st.just("    indented(code)")), max_size=6))
        return [fence + draw(st.sampled_from(["", "python", "text"]))] + body + (
            [fence] if draw(st.booleans()) else [])
    if kind == "quote":
        inner = draw(st.lists(block(depth + 1), min_size=1, max_size=3))
        lines = []
        for part in inner:
            lines.extend(">" + (" " + item if item else "") for item in part)
            lines.append(">")
        return lines[:-1]
    marker = draw(st.sampled_from(["-", "*", "+"])) if kind == "list" else None
    start = draw(st.sampled_from([1, 1, 2, 9, 98]))
    delimiter = draw(st.sampled_from([".", ")"]))
    lines = []
    for number in range(draw(st.integers(1, 6))):
        head = f"{marker} " if marker else f"{start + number}{delimiter} "
        pad = " " * len(head)
        parts = draw(st.lists(block(depth + 1), min_size=1, max_size=2))
        for index, part in enumerate(parts):
            if index and draw(st.booleans()):
                lines.append("")
            for position, item in enumerate(part):
                if index == 0 and position == 0:
                    lines.append(head + item)
                elif item and position and draw(st.integers(0, 5)) == 0:
                    lines.append(item)  # a lazy continuation
                else:
                    lines.append(pad + item if item else "")
        if draw(st.integers(0, 3)) == 0:
            lines.append("")
    return lines


@st.composite
def document(draw: st.DrawFn) -> str:
    """Blocks one after another, with or without blank lines between them."""
    lines: list[str] = []
    for part in draw(st.lists(block(), min_size=1, max_size=5)):
        if lines:
            lines.extend([""] * draw(st.sampled_from([0, 1, 1, 1, 2])))
        lines.extend(part)
    return sometimes_unbounded(draw, lines)


def check(markdown: str) -> None:
    for width in WIDTHS:
        bound = height_bound(markdown, width)
        if bound is not None:
            height = slide_height(markdown, width)
            assert bound >= height, (width, bound, height, markdown)


EXAMPLES = [
    "# Title\n\n- one\n- two\n\nText.",
    "x` a `y",
    "xxxx`\nfoo\n`yyyy",
    "- a\n```\ncode\n```\ntext",
    "- ```\n  code\n\n  more\ntext",
    "1.    a\n\n    code",
    "# h\n    code",
    "a\n    - b",
    "text\n2. x\n   # h",
    "- a\n-",
    "a\n-",
    "> a\nlazy\n> b",
    "* a\n  - sub\n- b",
    "- # Heading\ntext",
    "a  \nb",
    "a" + " b" * 60,
    ("a " + "w" * 45 + " ") * 3,
    "漢" * 120,
    "\t\tx",
    "```\n```",
    "```",
    "***\ntext",
    "Title\n===\ntext",
]


@pytest.mark.parametrize("markdown", EXAMPLES)
def test_bound_on_examples(markdown: str) -> None:
    check(markdown)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(document())
def test_bound_on_documents(markdown: str) -> None:
    check(markdown)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(soup())
def test_bound_on_line_soup(markdown: str) -> None:
    check(markdown)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab `*_-+>#1.)\t\n\r\x0c\xa0\u2028\u3000[]()<>!&;|=~@:\\漢😀")),
               max_size=80))
def test_bound_on_random_characters(markdown: str) -> None:
    check(markdown)


def test_the_bound_leaves_the_guide_and_plain_slides_undrawn() -> None:
    """Usual slides are bounded below the screen, so `podium check` draws none of them."""
    deck = load_deck(bundled_deck())
    slides = [slide.markdown for section in deck.sections for slide in section.slides]
    bounded = [height_bound(markdown) for markdown in slides]
    assert sum(bound is not None and bound <= SLIDE_HEIGHT for bound in bounded) >= len(slides) * 0.9
    plain = "# A title\n\n" + "\n".join(f"- point {n}: a line of text about it" for n in range(12)) + \
            "\n\n" + "A closing paragraph that runs long enough to wrap once or twice. " * 3
    assert height_bound(plain) is not None and height_bound(plain) <= SLIDE_HEIGHT


def test_tall_slides_warns_as_drawing_every_slide_would(tmp_path: Path) -> None:
    """Only the slides the bound cannot clear are drawn; the warnings are those of drawing all."""
    slides = tmp_path / "slides"
    slides.mkdir()
    tall = "# Tall\n\n" + "\n".join(f"- item {n}" for n in range(40))
    near = "# Near\n\n" + "\n".join(f"- item {n}" for n in range(30))
    table = "# Table\n\n| a | b |\n|---|---|\n" + "\n".join(f"| {n} | x |" for n in range(40))
    wide = "# Wide\n\n" + "word " * 700
    (slides / "01.md").write_text("\n\n---\n\n".join(["# Short\n\ntext", tall, near, table, wide]) + "\n",
                                  encoding="utf-8")
    deck = load_deck(tmp_path)
    expected = [(slide.line, slide_height(slide.markdown)) for section in deck.sections
                for slide in section.slides if slide_height(slide.markdown) > SLIDE_HEIGHT]
    assert len(expected) == 3
    assert [(problem.line, problem.message) for problem in tall_slides(deck)] == [
        (line, f"this slide is {height} lines tall; at 120x40 only {SLIDE_HEIGHT} show without scrolling")
        for line, height in expected]


# -- the floor of table rows, for slides too big to draw -----------------------------------------

TABLE_LINES = ["| a | b |", "|---|---|", "| :-- | --: |", "a | b", "--- | ---", "| x | y | z |", "| x |",
               "| 1 | 2 |", "1. | x |", "- | x |", "> | q |", "    | code |", "```", "~~~", "<div>", "",
               "text", "# h", "| a \\| b |", "||", "| `c|d` | e |", "\t| t |", "   | s | t |", "1 | 2"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TABLE_LINES), max_size=14))
def test_table_floor_never_above_the_drawn_height(lines: list[str]) -> None:
    markdown = "\n".join(lines)
    for width in (98, 24):
        assert table_rows_floor(markdown) <= slide_height(markdown, width), markdown


def test_table_floor_counts_every_row_of_a_plain_table() -> None:
    table = "# T\n\n| a | b |\n|---|---|\n" + "\n".join(f"| {n} | x |" for n in range(50)) + "\n\nafter"
    assert table_rows_floor(table) == 51
    assert table_rows_floor("<div>\n\n" + table) == 0  # HTML may hold it


def test_check_does_not_draw_a_huge_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A slide of a table of thousands of rows is warned about from its source, without drawing it
    (drawing 67,000 rows took half a minute and half a gigabyte)."""
    import tui.ui.measure as measure

    slides = tmp_path / "slides"
    slides.mkdir()
    table = "# Big\n\n| n | name |\n|---|---|\n" + "\n".join(f"| {n} | item{n} |" for n in range(3000))
    (slides / "01.md").write_text("# Short\n\ntext\n\n---\n\n" + table + "\n", encoding="utf-8")
    deck = load_deck(tmp_path)

    def refuse(markdown: str, width: int = SLIDE_HEIGHT) -> int:
        raise AssertionError("drew a slide")

    monkeypatch.setattr(measure, "slide_height", refuse)
    assert [problem.message for problem in tall_slides(deck)] == [
        f"this slide is at least 3001 lines tall; at 120x40 only {SLIDE_HEIGHT} show without scrolling"]
