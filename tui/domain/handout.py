"""A deck as a handout to read or print: one self-contained HTML page, or one Markdown file.

Both hold, in presenting order: the deck's title block, a table of contents, and per section every
slide fully revealed (with its speaker notes when asked), the section's takeaways and its quiz
questions; with answers, an answer key closes the handout.

Deck text is data, never markup: slides are Markdown rendered with raw HTML escaped, and every
other piece of text (titles, takeaways, prompts, choices, answers) is escaped where it is written.
The HTML needs no network: its style is inline, it loads no fonts, scripts or images.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from pygments import highlight as pygments_highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

from tui.domain.cloze import blanked
from tui.domain.deck import Deck, Section, Slide
from tui.domain.loader import Presentation
from tui.domain.quizbank import Question, QuizBank, left_label
from tui.domain.slidecut import FENCE, closes_fence
from tui.domain.walk import Walk, quiz_title

CODE_STYLE = "friendly"
"""The Pygments style for code: a light one, as the page is light (and the app's light code theme)."""

HEADING_SHIFT = 2
"""Slide headings go two levels down: the deck title is level 1, a section level 2."""

_CHOICE_HINTS = {
    "single": "Choose one.",
    "multiple": "Choose all that apply.",
    "order": "Put these in order.",
    "true_false": "True or false?",
    "short": "Answer in a word or two.",
    "numeric": "Answer with a number.",
    "cloze": "Fill in each numbered blank.",
    "match": "Write the number of its match beside each lettered item.",
}


# -- shared -------------------------------------------------------------------------------------


def neutral_order(question: Question) -> tuple[str, ...]:
    """An order question's items as a handout shows them: alphabetical, never the answer's order.

    When alphabetical order happens to be the right order, the reverse is shown instead.
    """
    items = tuple(sorted(question.choices, key=lambda item: (item.casefold(), item)))
    if len(items) > 1 and items == question.choices:
        items = tuple(reversed(items))
    return items


def _questions(presentation: Presentation, index: int) -> tuple[QuizBank | None, tuple[Question, ...]]:
    bank = presentation.banks.get(index)
    return bank, (bank.questions if bank is not None else ())


def _section_title(section: Section, index: int) -> str:
    return section.title or f"Section {index + 1}"


def _slide_pages(deck: Deck) -> dict[tuple[int, int], int]:
    """Each slide's page number (from 1) in presenting order."""
    return {(page.section, page.slide): number for number, page in enumerate(Walk(deck).pages, 1)
            if page.kind == "slide"}


def _has_answers(presentation: Presentation) -> bool:
    return any(_questions(presentation, index)[1] for index in range(len(presentation.deck.sections)))


# -- HTML ---------------------------------------------------------------------------------------

_CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body {
  margin: 0 auto; max-width: 46rem; padding: 2rem 1.25rem 4rem;
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #1f2328; background: #ffffff;
}
h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.4em 0 0.5em; }
h1 { font-size: 2rem; }
h2 { font-size: 1.6rem; border-bottom: 2px solid #d0d7de; padding-bottom: 0.25em; }
h3 { font-size: 1.25rem; }
h4 { font-size: 1.1rem; }
h5, h6 { font-size: 1rem; }
a { color: #0550ae; }
header.title-block { text-align: center; margin: 2rem 0 2.5rem; }
header.title-block h1 { margin: 0 0 0.4em; }
header.title-block .subtitle { font-size: 1.2rem; font-style: italic; margin: 0.2em 0; }
header.title-block .byline { color: #57606a; margin: 0.6em 0 0; }
nav.toc { border: 1px solid #d0d7de; border-radius: 6px; padding: 0.5rem 1.25rem 0.75rem; }
nav.toc h2 { border: 0; font-size: 1.2rem; margin: 0.5em 0; }
section.section { margin-top: 2.5rem; }
article.slide {
  border: 1px solid #d0d7de; border-radius: 6px; padding: 0.25rem 1.25rem 0.75rem; margin: 1.25rem 0;
  position: relative;
}
article.slide .page-number {
  position: absolute; top: 0.4rem; right: 0.75rem; margin: 0; font-size: 0.8rem; color: #8c959f;
}
article.slide h3:first-child, article.slide .page-number + h3 { margin-top: 0.8em; }
aside.notes {
  background: #fff8c5; border-left: 4px solid #d4a72c; padding: 0.25rem 1rem; margin: 0.75rem 0 0.25rem;
  font-size: 0.95rem;
}
aside.notes .label { font-weight: 600; margin: 0.5em 0 0.25em; }
.takeaways, .quiz { border-left: 4px solid #0969da; padding: 0.1rem 1.25rem 0.5rem; margin: 1.5rem 0; }
.quiz { border-left-color: #8250df; }
.quiz ol.questions > li { margin: 0.9em 0; }
.quiz .prompt { margin: 0.2em 0; font-weight: 600; }
.quiz .how { margin: 0.2em 0; font-size: 0.9rem; color: #57606a; font-style: italic; }
.quiz ul.choices { list-style: none; padding-left: 0.5rem; margin: 0.3em 0; }
.quiz ul.choices li::before { content: "\\25CB\\00A0\\00A0"; color: #57606a; }
.quiz ul.choices.multiple li::before { content: "\\2610\\00A0\\00A0"; }
.quiz ol.order { margin: 0.3em 0; }
.quiz .blank { color: #57606a; margin: 0.3em 0; }
section.answer-key .answer { margin: 0.2em 0; }
section.answer-key .explanation { margin: 0.2em 0 0.8em; color: #424a53; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; }
code { font-size: 0.9em; background: #eff1f3; padding: 0.1em 0.3em; border-radius: 4px; }
pre { font-size: 0.85rem; line-height: 1.45; padding: 0.75rem 1rem; overflow-x: auto; border-radius: 6px;
      background: #f6f8fa; border: 1px solid #d0d7de; white-space: pre-wrap; word-break: break-word; }
pre code { background: none; padding: 0; font-size: inherit; }
blockquote { margin: 0.75em 0; padding: 0 1em; color: #57606a; border-left: 4px solid #d0d7de; }
table { border-collapse: collapse; margin: 0.75em 0; }
th, td { border: 1px solid #d0d7de; padding: 0.3em 0.7em; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
hr { border: 0; border-top: 1px solid #d0d7de; margin: 1.25em 0; }
.image { color: #57606a; font-style: italic; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  nav.toc { break-after: page; }
  section.section, section.answer-key { break-before: page; margin-top: 0; }
  article.slide, .takeaways, .quiz ol.questions > li, section.answer-key li { break-inside: avoid; }
  h2, h3, h4 { break-after: avoid; }
  a { color: inherit; }
  article.slide a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.85em; color: #57606a; }
  pre { white-space: pre-wrap; }
}
"""


def _e(text: str) -> str:
    """Escape text for HTML content or a quoted attribute."""
    return html.escape(text, quote=True)


def _lines(text: str) -> str:
    """Plain text, escaped, its line breaks kept."""
    return "<br>\n".join(_e(line) for line in text.strip().split("\n"))


def _highlight(code: str, language: str, _attrs: str) -> str:
    """Fenced code as inline-styled HTML; '' for no or an unknown language (plain escaped code)."""
    if not language:
        return ""
    try:
        lexer = get_lexer_by_name(language)
    except ClassNotFound:
        return ""
    formatter = HtmlFormatter(noclasses=True, nowrap=True, style=CODE_STYLE)
    background = formatter.style.background_color or "#f6f8fa"
    body = pygments_highlight(code, lexer, formatter)
    return (f'<pre class="code" style="background: {_e(background)}"><code>'
            f"{body.rstrip(chr(10))}\n</code></pre>")


def _image(tokens: Sequence[Token], index: int, options: Any, env: Any, renderer: Any) -> str:
    """An image shows as its description: the handout loads nothing (and the terminal shows none)."""
    token = tokens[index]
    alt = renderer.renderInlineAsText(token.children or [], options, env).strip()
    return f'<span class="image">[image{": " + _e(alt) if alt else ""}]</span>'


def _markdown_renderer() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "highlight": _highlight})
    md.enable(["table", "strikethrough"])
    md.add_render_rule("image", lambda self, tokens, idx, options, env: _image(tokens, idx, options, env, self))
    return md


def _demote_headings(tokens: list[Token], shift: int) -> None:
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + shift, 6)}"


class _HtmlWriter:
    def __init__(self, presentation: Presentation, notes: bool, answers: bool) -> None:
        self.presentation = presentation
        self.deck = presentation.deck
        self.notes = notes
        self.answers = answers and _has_answers(presentation)
        self.md = _markdown_renderer()
        self.pages = _slide_pages(self.deck)
        self.out: list[str] = []

    def markdown(self, text: str) -> str:
        env: dict[str, Any] = {}
        tokens = self.md.parse(text, env)
        _demote_headings(tokens, HEADING_SHIFT)
        return self.md.renderer.render(tokens, self.md.options, env)

    def write(self) -> str:
        info = self.deck.info
        title = info.title or "Handout"
        self.out += [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="generator" content="podium">',
            f"<title>{_e(title)}</title>",
            f"<style>{_CSS}</style>",
            "</head>",
            "<body>",
            '<header class="title-block">',
            f"<h1>{_e(title)}</h1>",
        ]
        if info.subtitle:
            self.out.append(f'<p class="subtitle">{_e(info.subtitle)}</p>')
        byline = " · ".join(part for part in (info.author, info.date) if part)
        if byline:
            self.out.append(f'<p class="byline">{_e(byline)}</p>')
        self.out.append("</header>")
        self.contents()
        for index, section in enumerate(self.deck.sections):
            self.section(index, section)
        if self.answers:
            self.answer_key()
        self.out += ["</body>", "</html>", ""]
        return "\n".join(self.out)

    def contents(self) -> None:
        self.out += ['<nav class="toc" aria-label="Contents">', "<h2>Contents</h2>", "<ol>"]
        for index, section in enumerate(self.deck.sections):
            self.out.append(f'<li><a href="#section-{index + 1}">{_e(_section_title(section, index))}</a></li>')
        self.out.append("</ol>")
        if self.answers:
            self.out.append('<p><a href="#answer-key">Answer key</a></p>')
        self.out.append("</nav>")

    def section(self, index: int, section: Section) -> None:
        self.out += [f'<section class="section" id="section-{index + 1}">',
                     f"<h2>{_e(_section_title(section, index))}</h2>"]
        for number, slide in enumerate(section.slides):
            self.slide(index, number, slide)
        if section.takeaways:
            self.out += ['<div class="takeaways">', "<h3>Key takeaways</h3>", "<ul>"]
            self.out += [f"<li>{_lines(takeaway)}</li>" for takeaway in section.takeaways]
            self.out += ["</ul>", "</div>"]
        bank, questions = _questions(self.presentation, index)
        if questions:
            self.quiz(section, bank, questions)
        self.out.append("</section>")

    def slide(self, section: int, number: int, slide: Slide) -> None:
        page = self.pages.get((section, number))
        self.out.append(f'<article class="slide" id="slide-{section + 1}-{number + 1}">')
        if page is not None:
            self.out.append(f'<p class="page-number" title="Page {page} of the presentation">{page}</p>')
        self.out.append(self.markdown(slide.markdown).rstrip("\n"))
        if self.notes and slide.notes.strip():
            self.out += ['<aside class="notes">', '<p class="label">Speaker notes</p>',
                         self.markdown(slide.notes).rstrip("\n"), "</aside>"]
        self.out.append("</article>")

    def quiz(self, section: Section, bank: QuizBank | None, questions: tuple[Question, ...]) -> None:
        self.out += ['<div class="quiz">', f"<h3>Quiz: {_e(quiz_title(section, bank))}</h3>",
                     '<ol class="questions">']
        for question in questions:
            self.out += ["<li>", f'<p class="prompt">{_lines(question.prompt)}</p>',
                         f'<p class="how">{_e(_CHOICE_HINTS[question.type])}</p>']
            if question.type in ("single", "multiple"):
                self.out.append(f'<ul class="choices {question.type}">')
                self.out += [f"<li>{_lines(choice)}</li>" for choice in question.choices]
                self.out.append("</ul>")
            elif question.type == "true_false":
                self.out += ['<ul class="choices single">', "<li>True</li>", "<li>False</li>", "</ul>"]
            elif question.type == "order":
                self.out.append('<ul class="choices order">')
                self.out += [f"<li>{_lines(item)}</li>" for item in neutral_order(question)]
                self.out.append("</ul>")
            elif question.type == "cloze":
                self.out.append(f'<p class="cloze">{_lines(blanked(question.cloze))}</p>')
            elif question.type == "match":
                self.out.append('<ul class="choices match-left">')
                self.out += [f"<li>{_e(left_label(index))}. {_lines(left)} ____</li>"
                             for index, (left, _) in enumerate(question.pairs)]
                self.out += ["</ul>", '<ul class="choices match-right">']
                self.out += [f"<li>{number}. {_lines(item)}</li>"
                             for number, item in enumerate(neutral_order(question), 1)]
                self.out.append("</ul>")
            else:
                self.out.append('<p class="blank">Answer: ____________________</p>')
            self.out.append("</li>")
        self.out += ["</ol>", "</div>"]

    def answer_key(self) -> None:
        self.out += ['<section class="answer-key" id="answer-key">', "<h2>Answer key</h2>"]
        for index, section in enumerate(self.deck.sections):
            bank, questions = _questions(self.presentation, index)
            if not questions:
                continue
            self.out += [f"<h3>{_e(_section_title(section, index))}</h3>", "<ol>"]
            for question in questions:
                self.out += ["<li>", f'<p class="prompt">{_lines(question.prompt)}</p>',
                             f'<p class="answer"><strong>Answer:</strong> {_lines(question.right_answer())}</p>']
                if question.explanation:
                    self.out.append(f'<p class="explanation">{_lines(question.explanation)}</p>')
                self.out.append("</li>")
            self.out.append("</ol>")
        self.out.append("</section>")


def html_handout(presentation: Presentation, *, notes: bool, answers: bool) -> str:
    """The deck as one self-contained HTML page (inline style; nothing loaded from the network)."""
    return _HtmlWriter(presentation, notes, answers).write()


# -- Markdown -----------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~!])")
_MD_LINE_START = re.compile(r"^(\s*)([-+#>=]|\d+(?=[.)]))")


def markdown_text(text: str) -> str:
    """Plain text as Markdown that shows it literally (no emphasis, links, HTML or block syntax)."""
    lines = []
    for line in text.strip().split("\n"):
        line = _MD_SPECIAL.sub(r"\\\1", line.strip())
        line = _MD_LINE_START.sub(lambda m: m.group(1) + (m.group(2) + "\\" if m.group(2).isdigit()
                                                          else "\\" + m.group(2)), line)
        lines.append(line)
    return "\n".join(lines)


def _md_item(marker: str, text: str) -> str:
    """A list item whose text may span lines (continuation lines indented under it)."""
    indent = " " * len(marker)
    lines = markdown_text(text).split("\n")
    return "\n".join([f"{marker}{lines[0]}"] + [f"{indent}{line}" if line else "" for line in lines[1:]])


_ATX = re.compile(r"^((?:[ \t]*(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*)(#{1,6})(?=[ \t]|$)")


def demote_markdown(text: str, shift: int = HEADING_SHIFT) -> str:
    """Markdown with every heading `shift` levels down (at most 6); setext headings become ATX.

    Headings are found by parsing, so `#` lines in fenced code and in paragraphs stay as they are.
    """
    if not text.strip():
        return text
    parser = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
    source = text.split("\n")
    lines: list[str | None] = list(source)  # None: a line dropped from the handout
    tokens = parser.parse(text)
    for position, token in enumerate(tokens):
        if token.type != "heading_open" or token.map is None:
            continue
        start, end = token.map
        level = min(int(token.tag[1]) + shift, 6)
        if token.markup.startswith("#"):
            lines[start] = _ATX.sub(r"\g<1>" + "#" * level, source[start], count=1)
        elif token.level == 0 and end - start >= 2:
            content = tokens[position + 1].content if position + 1 < len(tokens) else ""
            heading = " ".join(part.strip() for part in content.split("\n"))
            lines[start] = "#" * level + " " + heading
            for line in range(start + 1, end):
                lines[line] = None
    return "\n".join(line for line in lines if line is not None)


def close_fences(text: str) -> str:
    """Markdown with a code fence left open at its end closed, so it cannot swallow what follows."""
    fence: str | None = None
    for line in text.split("\n"):
        match = FENCE.match(line)
        if match and fence is None:
            fence = match.group(1)
        elif match and fence is not None and closes_fence(match, fence):
            fence = None
    return text if fence is None else text.rstrip("\n") + "\n" + fence


class _MarkdownWriter:
    def __init__(self, presentation: Presentation, notes: bool, answers: bool) -> None:
        self.presentation = presentation
        self.deck = presentation.deck
        self.notes = notes
        self.answers = answers and _has_answers(presentation)
        self.blocks: list[str] = []

    def write(self) -> str:
        info = self.deck.info
        self.blocks.append(f"# {markdown_text(info.title or 'Handout')}")
        if info.subtitle:
            self.blocks.append(f"*{markdown_text(info.subtitle)}*")
        byline = " · ".join(part for part in (info.author, info.date) if part)
        if byline:
            self.blocks.append(markdown_text(byline))
        contents = [_md_item(f"{index + 1}. ", _section_title(section, index))
                    for index, section in enumerate(self.deck.sections)]
        if self.answers:
            contents.append(_md_item(f"{len(self.deck.sections) + 1}. ", "Answer key"))
        if contents:
            self.blocks += ["## Contents", "\n".join(contents)]
        for index, section in enumerate(self.deck.sections):
            self.section(index, section)
        if self.answers:
            self.answer_key()
        return "\n\n".join(self.blocks) + "\n"

    def section(self, index: int, section: Section) -> None:
        self.blocks.append(f"## {markdown_text(_section_title(section, index))}")
        for number, slide in enumerate(section.slides):
            if number:
                self.blocks.append("---")
            self.blocks.append(close_fences(demote_markdown(slide.markdown.strip("\n"))))
            if self.notes and slide.notes.strip():
                quoted = "\n".join(f"> {line}".rstrip() for line in slide.notes.strip().split("\n"))
                self.blocks.append(f"> **Speaker notes**\n>\n{quoted}")
        if section.takeaways:
            self.blocks += ["### Key takeaways",
                            "\n".join(_md_item("- ", takeaway) for takeaway in section.takeaways)]
        bank, questions = _questions(self.presentation, index)
        if questions:
            self.blocks.append(f"### Quiz: {markdown_text(quiz_title(section, bank))}")
            self.blocks.append("\n\n".join(self.question(number, question)
                                           for number, question in enumerate(questions, 1)))

    def question(self, number: int, question: Question) -> str:
        marker = f"{number}. "
        indent = " " * len(marker)
        parts = [_md_item(marker, question.prompt), f"{indent}*{_CHOICE_HINTS[question.type]}*"]
        items: tuple[str, ...] = ()
        if question.type in ("single", "multiple"):
            items = question.choices
        elif question.type == "true_false":
            items = ("True", "False")
        elif question.type == "order":
            items = neutral_order(question)
        elif question.type == "cloze":
            parts.append(indent + markdown_text(blanked(question.cloze)).replace("\n", "\n" + indent))
        elif question.type == "match":
            parts.append("\n".join(indent + _md_item(f"- {left_label(index)}. ", left + " ____")
                                   for index, (left, _) in enumerate(question.pairs)))
            parts.append("\n".join(indent + _md_item(f"- {number}\\. ", item)
                                   for number, item in enumerate(neutral_order(question), 1)))
        else:
            parts.append(f"{indent}Answer: \\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_")
        if items:
            bullet = "- [ ] " if question.type == "multiple" else "- "
            parts.append("\n".join(indent + _md_item(bullet, item).replace("\n", "\n" + indent)
                                   for item in items))
        return "\n\n".join(parts)

    def answer_key(self) -> None:
        self.blocks.append("## Answer key")
        for index, section in enumerate(self.deck.sections):
            _, questions = _questions(self.presentation, index)
            if not questions:
                continue
            self.blocks.append(f"### {markdown_text(_section_title(section, index))}")
            entries = []
            for number, question in enumerate(questions, 1):
                marker = f"{number}. "
                indent = " " * len(marker)
                entry = [_md_item(marker, question.prompt),
                         indent + "**Answer:** " + markdown_text(question.right_answer()).replace("\n", "\n" + indent)]
                if question.explanation:
                    entry.append(indent + markdown_text(question.explanation).replace("\n", "\n" + indent))
                entries.append("\n\n".join(entry))
            self.blocks.append("\n\n".join(entries))


def markdown_handout(presentation: Presentation, *, notes: bool, answers: bool) -> str:
    """The deck as one Markdown file: slides as written (headings two levels down), sections as `##`."""
    return _MarkdownWriter(presentation, notes, answers).write()


__all__ = ["close_fences", "demote_markdown", "html_handout", "markdown_handout", "markdown_text", "neutral_order"]
