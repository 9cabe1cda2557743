"""Every place that names a page or a quiz names it the same way: the presenter (notes panel, SVG
index), the overview, the speaker view, the command palette, the quiz screen, the summary and the
handouts all take their names from tui.domain.walk."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import Static

from tests.conftest import build_app, shown, wait_until, write_deck
from tests.support.clock import FakeClock
from tui.domain.channel import PresenterState, publish
from tui.domain.handout import html_handout, markdown_handout
from tui.domain.loader import Presentation, load_presentation
from tui.domain.walk import Walk, page_name, page_title, quiz_title
from tui.ui.commands import DeckCommands
from tui.ui.notes_app import make_notes_app
from tui.ui.screens.overview import overview_options
from tui.ui.screens.quiz import QuizScreen

QUESTION = "questions:\n  - id: q\n    type: true_false\n    prompt: Is it?\n    answer: true\n"

# The second section starts with an untitled slide, so its page number (6) differs from its place
# in the section (1): the overview used to call it "Slide 1", everything else "Slide 6".
FILES = {
    "deck.yaml": "title: Titles\n",
    "slides/01-first.md": "---\ntitle: First\ntakeaways: [one]\n---\n\n# Water\n\nwet\n\n---\n\nno heading here\n",
    "slides/02-second.md": "---\ntitle: Second\n---\n\njust text\n\n---\n\n# Fire\n\nhot\n",
    "quizzes/01-first.yaml": "title: The first quiz\n" + QUESTION,
    "quizzes/02-second.yaml": QUESTION,
}

# (page index, name within its section, title standing alone)
EXPECTED = [
    (0, "Title slide", "Titles"),
    (1, "Water", "Water"),
    (2, "Slide 3", "Slide 3"),
    (3, "Key takeaways", "Key takeaways: First"),
    (4, "Quiz", "Quiz: The first quiz"),
    (5, "Slide 6", "Slide 6"),
    (6, "Fire", "Fire"),
    (7, "Quiz", "Quiz: Second"),
]


@pytest.fixture
def deck(tmp_path: Path) -> Presentation:
    return load_presentation(write_deck(tmp_path / "deck", FILES))


def test_the_domain_names_every_kind_of_page(deck: Presentation) -> None:
    walk = Walk(deck.deck)
    assert [page.kind for page in walk.pages] == ["title", "slide", "slide", "takeaways", "quiz",
                                                   "slide", "slide", "quiz"]
    for index, name, title in EXPECTED:
        assert page_name(deck.deck, walk, index) == name
        assert page_title(deck.deck, walk, index, deck.banks) == title
    assert [quiz_title(section, deck.banks.get(i)) for i, section in enumerate(deck.deck.sections)] == [
        "The first quiz", "Second"]


def test_the_overview_lists_pages_by_the_same_names(deck: Presentation) -> None:
    walk = Walk(deck.deck)
    labels = {option.id: str(option.prompt) for option in overview_options(deck.deck, walk, {})}
    for index, name, _title in EXPECTED:
        assert labels[f"page-{index}"] == f"{index + 1:>4}  {name}"


async def test_the_presenter_and_the_palette_use_the_same_titles(deck: Presentation) -> None:
    app = build_app(deck)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        presenter = app.screen
        assert [presenter.page_title(index) for index, _, _ in EXPECTED] == [title for *_, title in EXPECTED]
        entries = [title for title, _help, _command in DeckCommands(presenter)._entries()]
        slides = [f"{index + 1}. {title}" for index, name, title in EXPECTED if name not in
                  ("Title slide", "Key takeaways", "Quiz")]
        assert [entry for entry in entries if entry[0].isdigit()] == slides
        quizzes = [title for index, name, title in EXPECTED if name == "Quiz"]
        assert [entry for entry in entries if entry.startswith("Quiz: ")] == quizzes


@pytest.mark.parametrize("index", [4, 7])
async def test_the_quiz_screen_names_its_quiz_as_its_page_does(deck: Presentation, index: int) -> None:
    app = build_app(deck, start=index + 1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        presenter = app.screen
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, QuizScreen), 20)
        assert f"Quiz: {app.screen.run.section}" == presenter.page_title(index) == EXPECTED[index][2]


async def test_the_speaker_view_uses_the_same_names(deck: Presentation, tmp_path: Path) -> None:
    channel = tmp_path / "channel.json"
    app = make_notes_app(deck, channel, clock=FakeClock())
    async with app.run_test(size=(120, 30)) as pilot:
        where = app.screen.query_one("#speaker-where", Static)
        following = app.screen.query_one("#speaker-next", Static)
        for index, name, _title in EXPECTED:
            publish(channel, PresenterState(page=index, step=0, total=len(EXPECTED), started=None,
                                            pid=os.getpid()))
            # The view reads the file when its modification time changes: make each one differ,
            # however close together the writes come.
            os.utime(channel, ns=(index * 10**9, index * 10**9))
            await wait_until(pilot, lambda index=index: f"Slide {index + 1} of " in shown(where, 120), 20)
            assert shown(where, 120).rstrip().endswith(f" · {name}")
            if index + 1 < len(EXPECTED):
                assert shown(following, 120).startswith(f"Next: {EXPECTED[index + 1][1]}")


@pytest.mark.parametrize("handout", [html_handout, markdown_handout])
def test_the_handouts_name_quizzes_as_the_quiz_pages_do(deck: Presentation, handout) -> None:
    text = handout(deck, notes=False, answers=False)
    for title in ("Quiz: The first quiz", "Quiz: Second"):
        assert title in text
