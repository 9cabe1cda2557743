"""The order a deck is presented in: title, then per section its slides, takeaways and quiz.

A position is a page and a step within it (pauses reveal a slide step by step). Moving is pure:
each function takes a position and returns the next one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Literal, NamedTuple

from tui.domain.deck import Deck, Section

if TYPE_CHECKING:
    from tui.domain.quizbank import QuizBank

PageKind = Literal["title", "slide", "takeaways", "quiz"]


# Pages and positions are named tuples rather than frozen dataclasses: as plain, immutable and
# comparable, and built in a fifth of the time when podium starts (docs/performance.md).
class Page(NamedTuple):
    """One page of the presentation. `section` and `slide` index into the deck (-1: none)."""

    kind: PageKind
    section: int = -1
    slide: int = -1
    steps: int = 1


class Position(NamedTuple):
    """A page of the walk, revealed up to `step`."""

    page: int
    step: int = 0


class Walk:
    """The pages of a deck in presenting order, and how to move between them."""

    def __init__(self, deck: Deck) -> None:
        pages: list[Page] = []
        if deck.info.title_slide:
            pages.append(Page("title"))
        for s, section in enumerate(deck.sections):
            for i, slide in enumerate(section.slides):
                pages.append(Page("slide", s, i, len(slide.steps)))
            if section.takeaways:
                pages.append(Page("takeaways", s))
            if section.quiz_path is not None:
                pages.append(Page("quiz", s))
        self.pages: tuple[Page, ...] = tuple(pages)

    def __len__(self) -> int:
        return len(self.pages)

    def first(self) -> Position:
        return Position(0, 0)

    def last(self) -> Position:
        return Position(len(self.pages) - 1, self.pages[-1].steps - 1) if self.pages else Position(0)

    def next(self, at: Position) -> Position:
        """One step on: the next pause of this slide, else the next page's first step."""
        if at.step + 1 < self.pages[at.page].steps:
            return Position(at.page, at.step + 1)
        if at.page + 1 < len(self.pages):
            return Position(at.page + 1, 0)
        return at

    def previous(self, at: Position) -> Position:
        """One step back: the previous pause, else the previous page fully revealed."""
        if at.step > 0:
            return Position(at.page, at.step - 1)
        if at.page > 0:
            return Position(at.page - 1, self.pages[at.page - 1].steps - 1)
        return at

    def goto(self, number: int) -> Position | None:
        """Page `number` counted from 1, fully revealed; None when there is no such page."""
        if 1 <= number <= len(self.pages):
            return Position(number - 1, self.pages[number - 1].steps - 1)
        return None

    def section_start(self, section: int) -> Position | None:
        """The first page of a section."""
        for index, page in enumerate(self.pages):
            if page.section == section:
                return Position(index, 0)
        return None

    def after_section(self, section: int) -> Position | None:
        """The first page after a section ends; None when it is the last."""
        index = max((i for i, page in enumerate(self.pages) if page.section == section), default=None)
        if index is None or index + 1 >= len(self.pages):
            return None
        return Position(index + 1, 0)

    def is_first(self, at: Position) -> bool:
        return at.page == 0 and at.step == 0

    def is_last(self, at: Position) -> bool:
        return at == self.last()


def nearest(walk: Walk, page: Page, step: int) -> Position:
    """Where a presenter who was at `page` of an older deck stands in `walk` after a reload.

    The same slide (by section and place) if it still exists, else the nearest one of the same
    section, else the last page.
    """
    candidates = [i for i, other in enumerate(walk.pages) if other.section == page.section]
    for index in candidates:
        other = walk.pages[index]
        if other.kind == page.kind and other.slide == page.slide:
            return Position(index, min(step, other.steps - 1))
    if page.kind == "title" and walk.pages and walk.pages[0].kind == "title":
        return Position(0)
    if candidates:
        slides = [i for i in candidates if walk.pages[i].kind == "slide"]
        if page.kind == "slide" and slides:
            best = min(slides, key=lambda i: abs(walk.pages[i].slide - page.slide))
            return Position(best, walk.pages[best].steps - 1)
        return Position(candidates[-1] if page.kind != "slide" else candidates[0], 0)
    return walk.last()


# -- titles -------------------------------------------------------------------------------------
# Every screen, the speaker view, the palette, the handouts and the SVG index name pages and
# quizzes with these, so that they never disagree.


def quiz_title(section: Section, bank: QuizBank | None) -> str:
    """A section's quiz as it is named: the bank's own title, else the section's, else "Quiz"."""
    return (bank.title if bank is not None and bank.title else section.title) or "Quiz"


def page_name(deck: Deck, walk: Walk, index: int) -> str:
    """Page `index` named within its section (lists that group pages under their section's title
    use this): a slide's title, "Slide N" for an untitled slide (N its page number, from 1),
    "Title slide", "Key takeaways" or "Quiz"."""
    page = walk.pages[index]
    if page.kind == "slide":
        return deck.sections[page.section].slides[page.slide].title or f"Slide {index + 1}"
    return {"title": "Title slide", "takeaways": "Key takeaways"}.get(page.kind, "Quiz")


def page_title(deck: Deck, walk: Walk, index: int, banks: Mapping[int, QuizBank]) -> str:
    """Page `index` named where it stands alone: a slide as `page_name` names it, the title page
    by the deck's title, takeaways and quiz pages with their section's title or quiz's title."""
    page = walk.pages[index]
    if page.kind == "title":
        return deck.title or page_name(deck, walk, index)
    if page.kind == "slide":
        return page_name(deck, walk, index)
    section = deck.sections[page.section]
    if page.kind == "takeaways":
        return f"Key takeaways: {section.title}"
    return f"Quiz: {quiz_title(section, banks.get(page.section))}"
