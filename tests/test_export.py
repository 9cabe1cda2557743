"""Exports: the HTML and Markdown handouts, and the SVG pictures of every page.

The HTML is read back with the standard library's parser, as a browser would read it, and what a
reader sees is checked against the deck: every slide, takeaway, question, note and answer.
"""

from __future__ import annotations

import asyncio
import re
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, write_deck
from tui.domain.handout import demote_markdown, html_handout, markdown_handout, neutral_order
from tui.domain.loader import Presentation, load_presentation
from tui.domain.quizbank import Question
from tui.domain.walk import Walk
from tui.ui.export_svg import export_app, export_svg, settle, svg_name

EVERY_TYPE = FIXTURES / "every-type"
BLOCKS = {"p", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "div", "br", "tr", "td", "th",
          "table", "blockquote", "section", "article", "aside", "header", "nav", "hr", "title"}
VOID = {"br", "hr", "img", "meta", "link", "input", "source", "wbr", "col", "area", "base", "embed"}


# -- reading HTML back --------------------------------------------------------------------------


class Page(HTMLParser):
    """What an HTML page shows, in parts: all of it, the answer key's and the speaker notes'."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []  # (tag, the part it opened or '')
        self.parts: dict[str, list[str]] = {"all": [], "answer-key": [], "notes": [], "style": []}
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag in BLOCKS:
            self._add(" ")
        if tag in VOID:
            return
        part = ""
        if attributes.get("id") == "answer-key":
            part = "answer-key"
        elif tag == "aside" and "notes" in (attributes.get("class") or "").split():
            part = "notes"
        elif tag == "style":
            part = "style"
        self.stack.append((tag, part))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        assert self.stack and self.stack[-1][0] == tag, f"</{tag}> does not close <{self.stack[-1][0]}>"
        self.stack.pop()
        if tag in BLOCKS:
            self._add(" ")

    def handle_data(self, data: str) -> None:
        self._add(data)

    def _add(self, data: str) -> None:
        open_parts = {part for _, part in self.stack if part}
        if "style" in open_parts:
            self.parts["style"].append(data)
            return
        self.parts["all"].append(data)
        for part in open_parts:
            self.parts[part].append(data)

    def text(self, part: str = "all") -> str:
        return " ".join("".join(self.parts[part]).split())

    def words(self, part: str = "all") -> str:
        return words(self.text(part))


def words(text: str) -> str:
    """Text as a run of its words only: Markdown punctuation and spacing do not count."""
    return " ".join(re.findall(r"[^\W_]+", text))


def link_text(line: str) -> str:
    """A Markdown line as it reads: no list markers (an <ol> numbers itself), links and images
    reduced to their text (URLs are not shown as text); fence lines show nothing."""
    if re.match(r"^\s*(```|~~~)", line):
        return ""  # a fence line: its language is not shown
    line = re.sub(r"^(?:\s*(?:>|[-+*]|\d{1,9}[.)])(?=\s))+", "", line)
    return re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", line)


def shown_lines(markdown: str) -> list[str]:
    """The lines of slide Markdown that show words, as word runs."""
    runs = [words(link_text(line)) for line in markdown.split("\n")]
    return [run for run in runs if run]


def flat(text: str) -> str:
    return " ".join(text.split())


def questions(presentation: Presentation) -> list[tuple[int, Question]]:
    return [(index, question) for index in range(len(presentation.deck.sections))
            for question in (presentation.banks[index].questions if index in presentation.banks else ())]


@pytest.fixture(scope="module", params=["guide", "every-type"])
def deck(request) -> Presentation:
    if request.param == "guide":
        return request.getfixturevalue("guide")
    return load_presentation(EVERY_TYPE)


# -- HTML handout -------------------------------------------------------------------------------


def test_html_holds_every_slide_takeaway_and_question(deck: Presentation) -> None:
    page = Page(html_handout(deck, notes=False, answers=False))
    shown, shown_words = page.text(), page.words()
    info = deck.deck.info
    for text in (info.title, info.subtitle, info.author, info.date):
        assert flat(text) in shown
    for section in deck.deck.sections:
        assert flat(section.title) in shown
        for slide in section.slides:
            assert slide.title and flat(slide.title) in shown
            for run in shown_lines(slide.markdown):
                assert run in shown_words, f"slide line not in the handout: {run!r}"
        for takeaway in section.takeaways:
            assert flat(takeaway) in shown
    for _, question in questions(deck):
        assert flat(question.prompt) in shown
        for choice in question.choices:
            assert flat(choice) in shown


def test_html_is_complete_and_self_contained(deck: Presentation) -> None:
    text = html_handout(deck, notes=True, answers=True)
    assert text.startswith("<!DOCTYPE html>")
    page = Page(text)  # also checks every element is closed where it should be
    assert page.stack == []
    tags = {tag for tag, _ in page.tags}
    assert {"html", "head", "body", "style", "title", "nav"} <= tags
    assert not tags & {"script", "link", "iframe", "object", "embed", "img", "base"}
    lowered = text.lower()
    assert "<script" not in lowered and "<link" not in lowered and "@import" not in lowered
    assert not re.search(r"url\(\s*['\"]?\s*(https?:)?//", lowered)
    for _, attributes in page.tags:
        assert not any(name in ("src", "srcset") for name in attributes)
        assert not any(name.startswith("on") for name in attributes)
    # The table of contents links every section.
    hrefs = [attributes.get("href") for tag, attributes in page.tags if tag == "a"]
    for number in range(1, len(deck.deck.sections) + 1):
        assert f"#section-{number}" in hrefs
        assert any(attributes.get("id") == f"section-{number}" for _, attributes in page.tags)


def test_html_highlights_code_with_inline_styles() -> None:
    text = html_handout(load_presentation(EVERY_TYPE), notes=False, answers=False)
    start = text.index('<pre class="code"')
    code = text[start: text.index("</pre>", start)]
    assert '<span style="color:' in code
    assert "class=" not in code[code.index(">"):]  # inline styles only: no stylesheet needed
    assert 'planets = ["Mercury", "Venus", "Earth"]' in Page(text).text()


def test_unknown_or_no_language_is_plain_escaped_code(tmp_path: Path) -> None:
    root = write_deck(tmp_path, {
        "deck.yaml": "title: Code\n",
        "slides/01.md": "# Code\n\n```nosuchlanguage\nx < y && <b>\n```\n\n```\nplain <i>\n```\n",
    })
    text = html_handout(load_presentation(root), notes=False, answers=False)
    assert "x &lt; y &amp;&amp; &lt;b&gt;" in text and "plain &lt;i&gt;" in text
    assert "<b>" not in text and "<i>" not in text
    assert "x < y && <b>" in Page(text).text()


def test_slide_headings_sit_under_section_headings() -> None:
    text = html_handout(load_presentation(EVERY_TYPE), notes=False, answers=False)
    assert text.count("<h1>") == 1
    assert "<h3>Water</h3>" in text and "<h2>Basics</h2>" in text


def test_answer_key_holds_every_right_answer_and_explanation(deck: Presentation) -> None:
    page = Page(html_handout(deck, notes=False, answers=True))
    key = page.text("answer-key")
    assert key.startswith("Answer key")
    for _, question in questions(deck):
        assert flat(question.prompt) in key
        assert flat(question.right_answer()) in key
        if question.explanation:
            assert flat(question.explanation) in key
    # The questions are still asked in their sections, before the key, which closes the page.
    everything = page.text()
    assert everything.endswith(key)
    before = everything[: -len(key)]
    for _, question in questions(deck):
        assert flat(question.prompt) in before


def test_without_answers_there_is_no_key(deck: Presentation) -> None:
    text = html_handout(deck, notes=False, answers=False)
    page = Page(text)
    assert page.text("answer-key") == ""
    assert "Answer key" not in page.text() and 'id="answer-key"' not in text
    shown = page.text()
    elsewhere = flat(" ".join(
        [question.prompt + " " + " ".join(question.choices) for _, question in questions(deck)]
        + [slide.markdown for section in deck.deck.sections for slide in section.slides]
        + [takeaway for section in deck.deck.sections for takeaway in section.takeaways]))
    for _, question in questions(deck):
        if question.explanation and flat(question.explanation) not in elsewhere:
            assert flat(question.explanation) not in shown
        if question.type == "order":
            # The items are listed, but not in the answer's order.
            assert flat(question.right_answer()) not in shown


def test_order_questions_list_items_in_a_neutral_order() -> None:
    order = Question(id="o", type="order", prompt="p", choices=("b", "a", "c"))
    assert neutral_order(order) == ("a", "b", "c")
    sorted_already = Question(id="o", type="order", prompt="p", choices=("a", "b", "c"))
    assert neutral_order(sorted_already) != sorted_already.choices
    assert sorted(neutral_order(sorted_already)) == ["a", "b", "c"]


def test_notes_only_when_asked(deck: Presentation) -> None:
    with_notes = Page(html_handout(deck, notes=True, answers=False))
    notes_words = with_notes.words("notes")
    noted = [slide for section in deck.deck.sections for slide in section.slides if slide.notes.strip()]
    assert noted
    for slide in noted:
        for run in shown_lines(slide.notes):
            assert run in notes_words, f"notes line missing: {run!r}"
    without = html_handout(deck, notes=False, answers=False)
    page = Page(without)
    assert page.text("notes") == "" and 'class="notes"' not in without
    shown_words = page.words()
    for slide in noted:
        assert words(link_text(slide.notes)) not in shown_words


HOSTILE_DECK = {
    "deck.yaml": 'title: "<script>alert(0)</script> deck"\nsubtitle: "<b>bold</b> & co"\n',
    "slides/01-attack.md": """---
title: "<script>alert('section')</script> section"
takeaways:
  - "<script>alert(2)</script> takeaway"
quiz: quizzes/attack.yaml
---

# <script>alert(1)</script> heading

<script>alert(1)</script>

Inline <img src="http://example.com/x.png" onerror="alert(3)"> and <a href="javascript:alert(4)">a</a>.

[click me](javascript:alert(5)) and ![remote](http://example.com/y.png)

<!-- notes: <script>alert(6)</script> in the notes -->
""",
    "quizzes/attack.yaml": """questions:
  - id: attack
    type: single
    prompt: "<script>alert(7)</script> prompt?"
    choices: ["<b>bold</b>", "plain"]
    answer: "<b>bold</b>"
    explanation: "<script>alert(8)</script> explained"
""",
}


def test_hostile_deck_text_is_escaped(tmp_path: Path) -> None:
    presentation = load_presentation(write_deck(tmp_path, HOSTILE_DECK))
    text = html_handout(presentation, notes=True, answers=True)
    page = Page(text)
    tags = [tag for tag, _ in page.tags]
    assert "script" not in tags and "img" not in tags and "b" not in tags
    assert "<script" not in text.lower()
    for tag, attributes in page.tags:
        assert not any(name.startswith("on") for name in attributes), (tag, attributes)
        assert not (attributes.get("href") or "").lower().startswith("javascript:")
        assert "http://example.com" not in (attributes.get("src") or "")
    shown = page.text()
    for visible in ("<script>alert(0)</script> deck", "<b>bold</b> & co", "<script>alert('section')</script> section",
                    "<script>alert(1)</script> heading", "<script>alert(2)</script> takeaway",
                    "<script>alert(7)</script> prompt?", "<script>alert(6)</script> in the notes"):
        assert visible in shown, visible
    assert "<script>alert(1)</script>" in shown.replace("<script>alert(1)</script> heading", "")
    assert "<b>bold</b>" in page.text("answer-key") and "<script>alert(8)</script> explained" in page.text("answer-key")
    assert "[image: remote]" in shown


def test_hostile_text_in_markdown_handout_stays_text(tmp_path: Path) -> None:
    presentation = load_presentation(write_deck(tmp_path, HOSTILE_DECK))
    text = markdown_handout(presentation, notes=False, answers=True)
    assert "\\<script\\>alert(2)\\</script\\> takeaway" in text
    assert "\\<script\\>alert(7)\\</script\\> prompt?" in text


# -- Markdown handout ---------------------------------------------------------------------------


def unescape(markdown: str) -> str:
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


def test_markdown_holds_every_slide_takeaway_and_prompt(deck: Presentation) -> None:
    text = markdown_handout(deck, notes=False, answers=False)
    plain = flat(unescape(text))
    assert text.startswith(f"# {deck.deck.info.title}")
    for section in deck.deck.sections:
        assert f"\n## {section.title}\n" in unescape(text)
        for slide in section.slides:
            assert f"\n### {slide.title}\n" in text
            assert flat(demote_markdown(slide.markdown)) in flat(text)
        for takeaway in section.takeaways:
            assert flat(takeaway) in plain
    for _, question in questions(deck):
        assert flat(question.prompt) in plain
    assert "## Answer key" not in text


def test_markdown_answers_and_notes_when_asked(deck: Presentation) -> None:
    text = markdown_handout(deck, notes=True, answers=True)
    key = flat(unescape(text[text.index("\n## Answer key\n"):]))
    for _, question in questions(deck):
        assert flat(question.right_answer()) in key
        if question.explanation:
            assert flat(question.explanation) in key
    for section in deck.deck.sections:
        for slide in section.slides:
            for line in slide.notes.strip().split("\n"):
                if line.strip():
                    assert f"> {line}".rstrip() in text
    assert "Speaker notes" not in markdown_handout(deck, notes=False, answers=False)


def test_markdown_demotes_headings_outside_code() -> None:
    source = "# Title\n\n```\n# a comment\n```\n\nSetext\n======\n\n## Sub #\n\n####### seven"
    assert demote_markdown(source) == "### Title\n\n```\n# a comment\n```\n\n### Setext\n\n#### Sub #\n\n####### seven"
    assert demote_markdown("###### six") == "###### six"


def test_an_unclosed_fence_does_not_swallow_the_rest(tmp_path: Path) -> None:
    root = write_deck(tmp_path, {
        "deck.yaml": "title: Fence\n",
        "slides/01.md": "---\ntitle: Open\ntakeaways: [After the fence]\n---\n\n# Open\n\n```python\nx = 1\n",
    })
    text = markdown_handout(load_presentation(root), notes=False, answers=False)
    before, after = text.split("### Key takeaways")
    assert before.count("```") == 2


# -- SVG pictures -------------------------------------------------------------------------------


def svg_lines(path: Path) -> list[str]:
    """The terminal lines an exported SVG draws (its text pieces put back together by row)."""
    root = ElementTree.parse(path).getroot()
    rows: dict[float, list[tuple[float, str]]] = {}
    for element in root.iter("{http://www.w3.org/2000/svg}text"):
        if "title" in (element.get("class") or ""):
            continue  # the window title, not the terminal
        y, x = float(element.get("y", 0)), float(element.get("x", 0))
        rows.setdefault(y, []).append((x, "".join(element.itertext())))
    return ["".join(text for _, text in sorted(pieces)).replace("\xa0", " ") for _, pieces in sorted(rows.items())]


def expected_title(presentation: Presentation, index: int) -> list[str]:
    deck = presentation.deck
    page = Walk(deck).pages[index]
    if page.kind == "title":
        return [deck.title]
    section = deck.sections[page.section]
    if page.kind == "slide":
        return [section.slides[page.slide].title or ""]
    return ["Key takeaways" if page.kind == "takeaways" else "Quiz", section.title]


@pytest.fixture(scope="module")
def exported(guide, tmp_path_factory) -> tuple[Path, list[Path], float]:
    import time

    out = tmp_path_factory.mktemp("svg")
    started = time.perf_counter()
    paths = asyncio.run(export_svg(guide, out, size=(120, 40), theme="podium-dark"))
    return out, paths, time.perf_counter() - started


def test_svg_one_picture_per_page(guide, exported) -> None:
    out, paths, seconds = exported
    count = len(Walk(guide.deck).pages)
    assert count == 47
    assert paths == [out / svg_name(number) for number in range(1, count + 1)] + [out / "index.html"]
    assert sorted(out.glob("*.svg")) == paths[:-1]
    assert seconds < 30, f"export took {seconds:.1f} s"
    for index, path in enumerate(paths[:-1]):
        lines = svg_lines(path)
        assert len(lines) == 40
        shown = flat(" ".join(lines))
        for title in expected_title(guide, index):
            assert flat(title) in shown, f"{path.name}: {title!r} not drawn"
        assert f"{index + 1}/{count}" in lines[-2]  # the status bar counts the page


def test_svg_index_links_every_picture(guide, exported) -> None:
    out, paths, _ = exported
    page = Page((out / "index.html").read_text(encoding="utf-8"))
    hrefs = [attributes.get("href") for tag, attributes in page.tags if tag == "a"]
    assert hrefs == [path.name for path in paths[:-1]]
    shown = page.text()
    for index in range(len(paths) - 1):
        assert flat(expected_title(guide, index)[-1]) in shown


async def test_svg_pictures_match_an_app_started_on_that_page(guide, exported) -> None:
    """Moving one app from page to page draws what an app started on the page draws.

    The one difference allowed is the progress bar's last half cell: Textual's bar rounds down
    to half cells once it has a size, which it has not yet when an app starts.
    """
    out, _, _ = exported
    walk = Walk(guide.deck)
    kinds = {page.kind: index for index, page in reversed(list(enumerate(walk.pages)))}
    code = next(index for index, page in enumerate(walk.pages) if page.kind == "slide"
                and "```" in guide.deck.sections[page.section].slides[page.slide].markdown)
    for index in sorted({0, 1, code, kinds["takeaways"], kinds["quiz"], len(walk) - 1}):
        app = export_app(guide, theme="podium-dark", start=index + 1)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            fresh = out / f"fresh-{index}.svg.tmp"
            fresh.write_text(app.export_screenshot(), encoding="utf-8")
        bar = str.maketrans({"╸": "━", "╺": "━"})
        assert [line.translate(bar) for line in svg_lines(fresh)] == \
            [line.translate(bar) for line in svg_lines(out / svg_name(index + 1))], f"page {index + 1}"
        fresh.unlink()


async def test_svg_export_refuses_bad_themes_and_sizes(guide, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown theme 'no-such-theme'"):
        await export_svg(guide, tmp_path / "a", theme="no-such-theme")
    with pytest.raises(ValueError, match="too small"):
        await export_svg(guide, tmp_path / "b", size=(20, 5))
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


async def test_svg_export_of_a_small_deck_in_a_light_theme(tmp_path: Path) -> None:
    presentation = load_presentation(EVERY_TYPE)
    paths = await export_svg(presentation, tmp_path, size=(80, 24), theme="podium-light")
    assert len(paths) == len(Walk(presentation.deck)) + 1
    assert "Every question type" in " ".join(svg_lines(paths[0]))
    assert "Water boils at 100 °C" in " ".join(svg_lines(paths[1]))
    assert "#ffffff" in paths[1].read_text().lower() or "#fff" in paths[1].read_text().lower()
