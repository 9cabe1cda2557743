"""The slide area: renders one page (title, slide, takeaways, quiz card) and nothing else.

Only the current page is rendered. Slide Markdown is drawn by Rich's Markdown renderer inside one
`Static`, styled from the Textual theme, so turning a slide costs one render, not a widget tree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.text import Text
from rich.theme import Theme
from textual.color import Color, ColorParseError
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.domain.deck import Deck
from tui.domain.quizbank import QuizBank
from tui.domain.walk import Page

if TYPE_CHECKING:
    from rich.markdown import Markdown


class ThemedMarkdown:
    """Rich Markdown drawn with styles taken from the current Textual theme."""

    def __init__(self, markdown: "Markdown", theme: Theme) -> None:
        self.markdown = markdown
        self.theme = theme

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        with console.use_theme(self.theme):
            lines = list(console.render(self.markdown, options))
        yield from lines


def solid_colors(variables: dict[str, str]) -> dict[str, str]:
    """Theme variables as plain hex colours Rich can parse (alpha blended over the background)."""
    background = Color.parse(variables.get("background", "#000000"))
    colors: dict[str, str] = {}
    for name in ("primary", "secondary", "accent", "surface", "warning", "foreground", "background"):
        try:
            colors[name] = background.blend(Color.parse(variables[name]), 1.0).hex6
        except (KeyError, ColorParseError):
            continue
    foreground = Color.parse(colors.get("foreground", "#e0e0e0"))
    colors["muted"] = background.blend(foreground, 0.65).hex6
    return colors


def markdown_theme(colors: dict[str, str]) -> Theme:
    """Rich styles for Markdown elements, from the theme's solid colours."""
    primary = colors.get("primary", "blue")
    accent = colors.get("accent", primary)
    secondary = colors.get("secondary", accent)
    surface = colors.get("surface", "default")
    warning = colors.get("warning", "yellow")
    muted = colors["muted"]
    return Theme(
        {
            "markdown.h1": f"bold {primary}",
            "markdown.h1.border": primary,
            "markdown.h2": f"bold {primary}",
            "markdown.h3": f"bold {secondary}",
            "markdown.h4": f"bold italic {secondary}",
            "markdown.code": f"bold {warning} on {surface}",
            "markdown.code_block": f"on {surface}",
            "markdown.block_quote": f"italic {muted}",
            "markdown.item.bullet": f"bold {accent}",
            "markdown.item.number": f"bold {accent}",
            "markdown.link": f"underline {accent}",
            "markdown.link_url": f"underline {accent}",
            "markdown.hr": muted,
            "markdown.table.border": muted,
            "markdown.table.header": f"bold {primary}",
        },
        inherit=True,
    )


class SlideView(VerticalScroll):
    """A scrollable area showing one page of the deck."""

    def __init__(self, deck: Deck, banks: dict[int, QuizBank], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.deck = deck
        self.banks = banks
        self.body = Static(id="slide-body")
        self.due = 0
        """Questions due for review, said on the title slide."""

    def compose(self):  # type: ignore[no-untyped-def]
        yield self.body

    def show(self, page: Page, step: int, code_theme: str) -> None:
        """Draw `page` revealed up to `step`."""
        self.body.set_class(page.kind == "title", "title-page")
        self.body.set_class(page.kind == "quiz", "quiz-page")
        self.body.update(self._render_page(page, step, code_theme))
        self.scroll_home(animate=False)

    def _render_page(self, page: Page, step: int, code_theme: str) -> RenderableType:
        variables = solid_colors(self.app.theme_variables)
        if page.kind == "title":
            return title_card(self.deck, variables, self.due)
        section = self.deck.sections[page.section]
        if page.kind == "slide":
            text = section.slides[page.slide].steps[step]
            # Imported here: the Markdown stack (markdown-it, Pygments) is not needed to draw the
            # title slide, so the first frame does not wait for it (see docs/performance.md).
            from rich.markdown import Markdown

            markdown = Markdown(text, code_theme=code_theme, hyperlinks=False)
            return ThemedMarkdown(markdown, markdown_theme(variables))
        if page.kind == "takeaways":
            return takeaways_card(section.title, section.takeaways, variables)
        return quiz_card(section.title, self.banks.get(page.section), self.deck.info.pass_mark, variables)


def title_card(deck: Deck, variables: dict[str, str], due: int = 0) -> RenderableType:
    info = deck.info
    lines: list[RenderableType] = [Text(info.title, style=f"bold {variables.get('primary', '')}", justify="center")]
    if info.subtitle:
        lines += [Text(""), Text(info.subtitle, style="italic", justify="center")]
    byline = " · ".join(part for part in (info.author, info.date) if part)
    if byline:
        lines += [Text(""), Text(byline, style=variables.get("muted", ""), justify="center")]
    if due:
        noun = "question is" if due == 1 else "questions are"
        lines += [Text(""), Text(f"{due} {noun} due for review: podium review",
                                 style=f"bold {variables.get('accent', '')}", justify="center")]
    return Group(*lines)


def takeaways_card(title: str, takeaways: tuple[str, ...], variables: dict[str, str]) -> RenderableType:
    accent = variables.get("accent", "")
    heading = Text.assemble(("Key takeaways", f"bold {variables.get('primary', '')}"))
    rows: list[RenderableType] = [heading, Text(title, style=variables.get("muted", "")), Text("")]
    for number, takeaway in enumerate(takeaways, 1):
        line = Text.assemble((f" {number}. ", f"bold {accent}"), (takeaway, ""))
        rows += [Padding(line, (0, 0, 1, 0))]
    return Group(*rows)


def quiz_card(title: str, bank: QuizBank | None, deck_pass_mark: float,
              variables: dict[str, str]) -> RenderableType:
    primary = variables.get("primary", "")
    rows: list[RenderableType] = [Text("Quiz", style=f"bold {primary}"), Text(title, style="bold"), Text("")]
    if bank is None:
        rows.append(Text("This section's question bank could not be loaded."))
        return Group(*rows)
    count = len(bank.questions)
    pass_mark = bank.pass_mark if bank.pass_mark is not None else deck_pass_mark
    rows += [
        Text(f"{count} question{'s' if count != 1 else ''} · pass mark {pass_mark:.0%}"),
        Text(""),
        Text.assemble(("Enter", f"bold {variables.get('accent', '')}"), "  start the quiz"),
        Text.assemble(("→", f"bold {variables.get('accent', '')}"), "      skip it and go on"),
    ]
    return Group(*rows)
