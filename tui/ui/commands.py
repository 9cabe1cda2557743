"""Command palette providers: find slides by title and text, sections by name, and commands."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from tui.domain.walk import page_title, quiz_title

if TYPE_CHECKING:
    from tui.ui.screens.presenter import PresenterScreen


def highlight(matcher: Matcher, text: str) -> Content:
    """Deck text with the matched letters marked. Never read as markup (Matcher.highlight is)."""
    content = Content(text)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def _help(text: str) -> str:
    """A hit's help line as plain text: Textual reads a `str` there as markup, a `Content` as is."""
    return Content(text)  # type: ignore[return-value]  # Hit.help is declared str; Textual takes a Content too


def _presenter(provider: Provider) -> PresenterScreen | None:
    from tui.ui.screens.presenter import PresenterScreen

    for screen in reversed(provider.app.screen_stack):
        if isinstance(screen, PresenterScreen):
            return screen
    return None


class DeckCommands(Provider):
    """Slides (by title and text), sections (by name) and the presenter's commands."""

    def _entries(self) -> list[tuple[str, str, Callable[[], Any]]]:
        presenter = _presenter(self)
        if presenter is None:
            return []
        deck = presenter.deck
        entries: list[tuple[str, str, Callable[[], Any]]] = []
        for index, page in enumerate(presenter.walk.pages):
            if page.kind == "slide":
                slide = deck.sections[page.section].slides[page.slide]
                title = page_title(deck, presenter.walk, index, presenter.presentation.banks)
                body = " ".join(slide.markdown.split())[:300]
                entries.append((f"{index + 1}. {title}", body, partial(presenter.go_to_page, index)))
        for number, section in enumerate(deck.sections):
            entries.append((f"Section: {section.title}", f"Go to section {number + 1}",
                            partial(presenter.go_to_section, number)))
            if number in presenter.presentation.banks:
                title = quiz_title(section, presenter.presentation.banks[number])
                entries.append((f"Quiz: {title}", "Start this section's quiz",
                                partial(presenter.start_quiz_of, number)))
        entries += [
            ("Toggle speaker notes", "Show or hide the notes panel (s)", presenter.action_toggle_notes),
            ("Toggle timer", "Show or hide the timer and clock (t)", presenter.action_toggle_timer),
            ("Overview", "Every section and slide (o)", presenter.action_overview),
            ("Quiz scores", "Scores of the quizzes taken so far (r)", presenter.action_summary),
        ]
        return entries

    async def discover(self) -> Hits:
        for title, help_text, command in self._entries():
            if not title[0].isdigit():
                yield DiscoveryHit(Content(title), command, text=title, help=_help(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        lowered = query.lower()
        for title, help_text, command in self._entries():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, highlight(matcher, title), command, text=title, help=_help(help_text))
            elif lowered and lowered in help_text.lower():
                # A match in the slide's text, not its title: ranked below title matches.
                yield Hit(0.1, Content(title), command, text=title, help=_help(help_text[:80]))
