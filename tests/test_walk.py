"""The presenting order: pages, steps through pauses, jumps and section bounds."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.domain.deck import Deck, DeckInfo, Section, Slide
from tui.domain.deckload import load_deck
from tui.domain.paths import bundled_deck
from tui.domain.walk import Page, Position, Walk


def slide(steps: int = 1) -> Slide:
    return Slide(steps=tuple(f"step {k}" for k in range(steps)))


def make_deck(title_slide: bool = True) -> Deck:
    """Section 0: 2 slides (the second with 3 steps), takeaways, quiz.
    Section 1: 1 slide, no takeaways, no quiz. Section 2: 1 two-step slide, takeaways only."""
    sections = (
        Section("One", (slide(), slide(3)), takeaways=("t",), quiz_path=Path("quizzes/one.yaml")),
        Section("Two", (slide(),)),
        Section("Three", (slide(2),), takeaways=("x", "y")),
    )
    return Deck(DeckInfo(title="Deck", title_slide=title_slide), sections, Path("."))


@pytest.fixture
def walk() -> Walk:
    return Walk(make_deck())


def test_pages_in_order(walk: Walk) -> None:
    assert walk.pages == (
        Page("title"),
        Page("slide", 0, 0, 1),
        Page("slide", 0, 1, 3),
        Page("takeaways", 0),
        Page("quiz", 0),
        Page("slide", 1, 0, 1),
        Page("slide", 2, 0, 2),
        Page("takeaways", 2),
    )
    assert len(walk) == 8


def test_no_title_page_without_a_title_slide() -> None:
    walk = Walk(make_deck(title_slide=False))
    assert walk.pages[0] == Page("slide", 0, 0, 1)
    assert len(walk) == 7


def test_next_steps_through_pauses_then_pages(walk: Walk) -> None:
    at = walk.first()
    visited = [at]
    while not walk.is_last(at):
        at = walk.next(at)
        visited.append(at)
    assert visited == [
        Position(0, 0), Position(1, 0), Position(2, 0), Position(2, 1), Position(2, 2), Position(3, 0),
        Position(4, 0), Position(5, 0), Position(6, 0), Position(6, 1), Position(7, 0),
    ]
    assert walk.next(at) == at  # the end stays put


def test_previous_lands_on_the_previous_page_fully_revealed(walk: Walk) -> None:
    assert walk.previous(Position(3, 0)) == Position(2, 2)
    assert walk.previous(Position(2, 2)) == Position(2, 1)
    assert walk.previous(Position(2, 1)) == Position(2, 0)
    assert walk.previous(Position(2, 0)) == Position(1, 0)
    assert walk.previous(Position(7, 0)) == Position(6, 1)
    assert walk.previous(Position(0, 0)) == Position(0, 0)  # the start stays put


def test_walking_back_from_the_end_visits_every_page_fully_revealed_then_steps(walk: Walk) -> None:
    at = walk.last()
    visited = [at]
    while not walk.is_first(at):
        at = walk.previous(at)
        visited.append(at)
    assert visited == [
        Position(7, 0), Position(6, 1), Position(6, 0), Position(5, 0), Position(4, 0), Position(3, 0),
        Position(2, 2), Position(2, 1), Position(2, 0), Position(1, 0), Position(0, 0),
    ]


def test_first_and_last(walk: Walk) -> None:
    assert walk.first() == Position(0, 0)
    assert walk.last() == Position(7, 0)
    assert walk.is_first(Position(0, 0)) and not walk.is_first(Position(0, 1))
    assert walk.is_last(Position(7, 0)) and not walk.is_last(Position(6, 1))


def test_last_is_fully_revealed_when_the_last_page_has_pauses() -> None:
    deck = Deck(DeckInfo(title="D", title_slide=False), (Section("S", (slide(4),)),), Path("."))
    walk = Walk(deck)
    assert walk.last() == Position(0, 3)
    assert walk.is_last(Position(0, 3)) and not walk.is_last(Position(0, 2))


@pytest.mark.parametrize(
    ("number", "position"),
    [(1, Position(0, 0)), (2, Position(1, 0)), (3, Position(2, 2)), (7, Position(6, 1)), (8, Position(7, 0)),
     (0, None), (-1, None), (9, None), (100, None)],
)
def test_goto_bounds_and_full_reveal(walk: Walk, number: int, position: Position | None) -> None:
    assert walk.goto(number) == position


@pytest.mark.parametrize(("section", "start", "after"),
                         [(0, Position(1, 0), Position(5, 0)), (1, Position(5, 0), Position(6, 0)),
                          (2, Position(6, 0), None), (3, None, None), (-5, None, None)])
def test_section_start_and_after_section(walk: Walk, section: int, start: Position | None,
                                         after: Position | None) -> None:
    assert walk.section_start(section) == start
    assert walk.after_section(section) == after


def test_empty_deck_walk() -> None:
    walk = Walk(Deck(DeckInfo(title_slide=False), (), Path(".")))
    assert len(walk) == 0
    assert walk.first() == Position(0, 0)
    assert walk.last() == Position(0, 0)
    assert walk.goto(1) is None


def test_bundled_deck_walk() -> None:
    deck = load_deck(bundled_deck())
    walk = Walk(deck)
    slides = sum(len(section.slides) for section in deck.sections)
    quizzes = sum(1 for section in deck.sections if section.quiz_path)
    assert len(walk) == 1 + slides + len(deck.sections) + quizzes
    assert walk.pages[0].kind == "title"
    assert [page.kind for page in walk.pages[-3:]] == ["slide", "takeaways", "quiz"]
    # Every step of every slide is reached going forward.
    at, count = walk.first(), 1
    while not walk.is_last(at):
        at = walk.next(at)
        count += 1
    assert count == 1 + sum(len(s.steps) for section in deck.sections for s in section.slides) \
        + len(deck.sections) + quizzes
