"""Typed answers keep every key: keys sent in one burst with the Enter that opens a question, and
text typed before the terminal was briefly too small, all end up in the box, in order."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tests.conftest import build_app, needs_door, wait_until, write_deck
from tests.support.answers import burst
from tests.support.pages import ahead, quiz_page, settled
from tui.domain.loader import load_presentation
from tui.ui import quiz_flow
from tui.ui.screens.quiz import QuizScreen

SHORT_DECK = {
    "deck.yaml": "title: Typed\n",
    "slides/01-one.md": "---\ntitle: One\ntakeaways: [fruit]\n---\n\n# Fruit\n\nbananas\n",
    "quizzes/01-one.yaml": "questions:\n"
                           "  - id: a\n    type: short\n    prompt: A fruit?\n    answer: [banana]\n"
                           "  - id: b\n    type: short\n    prompt: Another fruit?\n    answer: [cherry]\n",
}



def box(app) -> str | None:
    """The text in the current question's box, None while no quiz question is shown."""
    screen = app.screen
    if not isinstance(screen, QuizScreen) or screen.phase != "asking":
        return None
    boxes = screen.query("#answer")
    return boxes.first(Input).value if boxes and isinstance(boxes.first(), Input) else None


async def expect_box(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Wait until the box holds as many characters as `text` (or a generous time has passed),
    then check it holds `text`: lost keys fail with what the box holds."""
    app = pilot.app
    try:
        await wait_until(pilot, lambda: len(box(app) or "") >= len(text))
    except AssertionError:
        pass
    await pilot.pause(0.1)
    assert box(app) == text


async def quiz_app(tmp_path: Path, start_before: bool = False):  # type: ignore[no-untyped-def]
    presentation = load_presentation(write_deck(tmp_path, SHORT_DECK))
    page = quiz_page(presentation) - (1 if start_before else 0)
    return build_app(presentation, start=page)


@needs_door
async def test_enter_and_letters_sent_at_once_reach_the_prepared_box(tmp_path: Path) -> None:
    app = await quiz_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        assert quiz_flow.prepared_quiz(app) is not None  # the fast path
        burst(app, "enter", *"banana")
        await expect_box(pilot, "banana")


async def test_enter_and_letters_sent_at_once_reach_a_box_built_at_enter(tmp_path: Path, monkeypatch) -> None:
    # The quiz built when Enter is pressed (as after a resumed quiz, or with nothing prepared).
    monkeypatch.setattr(quiz_flow, "prepare_section_quiz", lambda *args: None)
    app = await quiz_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        burst(app, "enter", *"banana")
        await expect_box(pilot, "banana")


async def test_arriving_on_the_quiz_page_and_typing_at_once(tmp_path: Path) -> None:
    app = await quiz_app(tmp_path, start_before=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        burst(app, "right", "enter", *"banana")
        await expect_box(pilot, "banana")


async def test_letters_sent_with_the_enter_that_opens_the_next_question(tmp_path: Path) -> None:
    app = await quiz_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("enter", *"banana", "enter")  # answered: the feedback shows
        await wait_until(pilot, lambda: isinstance(app.screen, QuizScreen) and app.screen.phase == "feedback")
        burst(app, "enter", *"cherry")  # "s" or "h" would skip or hint if they missed the box
        await expect_box(pilot, "cherry")
        assert app.screen.run.index == 1


async def test_letters_typed_fast_into_the_next_question_are_not_taken_as_keys(tmp_path: Path) -> None:
    # "s" skips and "h" hints only when no box has the focus: typed at once after Enter, they are
    # the start of the answer.
    app = await quiz_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("enter", *"banana", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, QuizScreen) and app.screen.phase == "feedback")
        burst(app, "enter", *"shh")
        await expect_box(pilot, "shh")
        assert not app.screen.hint_used


async def test_text_typed_before_the_terminal_was_too_small_is_kept(tmp_path: Path) -> None:
    app = await quiz_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("enter", *"ban")
        assert box(app) == "ban"
        await pilot.resize_terminal(20, 5)
        await wait_until(pilot, lambda: app.screen.has_class("-too-small"))
        await pilot.resize_terminal(120, 40)
        await wait_until(pilot, lambda: app.screen.focused is app.screen.query_one("#answer"))
        await pilot.pause(0.1)
        await pilot.press(*"ana")
        assert box(app) == "banana"


@needs_door
async def test_enter_while_the_quiz_is_still_being_prepared(tmp_path: Path, monkeypatch) -> None:
    # Enter arrives while the quiz prepared on the page is still mounting off screen.
    prepare = quiz_flow.prepare_section_quiz
    monkeypatch.setattr(quiz_flow, "prepare_section_quiz", lambda *args: None)
    app = await quiz_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        presenter = app.screen
        prepare(app, presenter.presentation, app.learner, presenter.page.section, presenter.seed)
        prepared = ahead(app)
        burst(app, "enter", *"banana")
        assert not prepared.screen.is_mounted  # still mounting as the keys come
        await expect_box(pilot, "banana")


async def test_keys_typed_while_the_terminal_is_too_small_go_into_the_box(tmp_path: Path) -> None:
    # While the quiz is hidden behind the too-small notice, "s" must not skip the question nor
    # "h" show a hint, and Enter must not submit: the letters are part of the answer.
    app = await quiz_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("enter", *"ban")
        await pilot.resize_terminal(20, 5)
        await wait_until(pilot, lambda: app.screen.has_class("-too-small"))
        await pilot.press(*"sh", "enter", "escape", "f3")
        await pilot.resize_terminal(120, 40)
        await wait_until(pilot, lambda: app.screen.focused is app.screen.query_one("#answer"))
        await pilot.press(*"ana")
        assert app.screen.run.index == 0 and not app.screen.hint_used
        assert box(app) == "banshana"
