"""Pilot tests: taking quizzes with the keyboard, the feedback, the results and the summary."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from tests.conftest import FIXTURES, build_app, shown
from tests.quiz_driver import answer
from tests.support.notices import messages
from tests.support.waiting import settle_until
from tui.domain.loader import load_presentation
from tui.ui.screens.presenter import PresenterScreen
from tui.ui.screens.quiz import QuizScreen
from tui.ui.screens.results import ResultsScreen
from tui.ui.screens.summary import SummaryScreen
from tui.ui.widgets.review_list import ReviewList

EVERY_TYPE = FIXTURES / "every-type"

# What the learner answers in the Basics quiz, and the points each earns.
BASICS_ANSWERS = {
    "boil": ("50 °C", 0.0),                 # wrong
    "sun": (True, 1.0),                     # right
    "inner": (["Mercury"], 0.5),            # one of two right picks: half
    "third": ("  eärth ", 1.0),             # case, accents and spaces ignored
    "count": ("4", 0.0),                    # wrong number
    "order": (["Mercury", "Venus", "Earth"], 1.0),
}


def screen_text(app) -> str:
    texts = [shown(static, 110) for static in app.screen.query(Static) if static.display]
    return "\n".join(texts + [review.whole_text() for review in app.screen.query(ReviewList)])


async def go_to_quiz(pilot, app, section: int = 0) -> None:
    screen = app.screen
    while not (screen.page.kind == "quiz" and screen.page.section == section):
        await pilot.press("right")
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, QuizScreen)


async def test_whole_section_quiz_scores_and_reviews() -> None:
    app = build_app(load_presentation(EVERY_TYPE))
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_quiz(pilot, app)
        quiz = app.screen
        for number in range(1, 7):
            asked = quiz.run.current
            assert f"question {number} of 6" in screen_text(app)
            assert asked.question.prompt in screen_text(app)
            response, points = BASICS_ANSWERS[asked.question.id]
            await answer(pilot, asked, response)
            answered = quiz.run.answers[-1]
            assert answered.grade.points == points, asked.question.id
            feedback = shown(quiz.query_one("#quiz-feedback", Static), 110)
            verdict = {1.0: "✓ Right", 0.0: "✗ Wrong", 0.5: "◐ Partly right"}[points]
            assert verdict in feedback
            assert "Right answer: " + asked.question.right_answer() in feedback
            assert asked.question.explanation in feedback
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        text = screen_text(app)
        assert "3.5/6 points · 58% · NOT PASSED (pass mark 70%)" in text
        assert f"replay this order with --seed {app.seed}" in text
        assert text.count("Right answer: ") == 6
        assert "Your answer: 50 °C" in text and "Your answer: 4" in text
        assert "◐ Partly right" in text
        await pilot.press("enter")
        await pilot.pause()
        presenter = app.screen
        assert isinstance(presenter, PresenterScreen)
        # On to the next section's first slide.
        assert presenter.page.kind == "slide" and presenter.page.section == 1
        assert presenter.results[0].points == 3.5


async def test_last_quiz_leads_to_the_summary_of_every_section() -> None:
    app = build_app(load_presentation(EVERY_TYPE))
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_quiz(pilot, app, section=1)
        quiz = app.screen
        for _ in range(2):
            asked = quiz.run.current
            right = "[/]" if asked.question.id == "markup" else "wat"
            await answer(pilot, asked, right)
            assert quiz.run.answers[-1].grade.verdict == "right"
            await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert "2/2 points · 100% · PASSED" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        text = screen_text(app)
        assert "Basics quiz" in text and "not taken" in text
        assert "More" in text and "100%" in text and "passed" in text
        assert "Total" in text and "2/2 points" in text
        await pilot.press("escape")
        assert isinstance(app.screen, PresenterScreen)


async def test_hint_skip_and_penalty() -> None:
    app = build_app(load_presentation(EVERY_TYPE))
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_quiz(pilot, app)
        quiz = app.screen
        while quiz.run.current.question.id != "boil":
            await pilot.press("f3")  # skip, even from a text box
            assert quiz.run.answers[-1].grade.verdict == "skipped"
            assert "↷ Skipped" in shown(quiz.query_one("#quiz-feedback", Static))
            await pilot.press("enter")
        await pilot.press("h")
        hint = quiz.query_one("#quiz-hint", Static)
        assert hint.display and "Think of a kettle." in shown(hint)
        assert "costs 50%" in shown(hint)
        await answer(pilot, quiz.run.current, "100 °C")
        assert quiz.run.answers[-1].grade.points == 0.5
        assert quiz.run.answers[-1].hint_used


async def test_numeric_input_refuses_what_is_not_a_number() -> None:
    app = build_app(load_presentation(EVERY_TYPE))
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_quiz(pilot, app)
        quiz = app.screen
        while quiz.run.current.question.type != "numeric":
            await pilot.press("f3", "enter")
        answered = len(quiz.run.answers)
        await pilot.press("t", "h", "r", "e", "e", "enter")
        await pilot.pause()
        assert len(quiz.run.answers) == answered  # not submitted
        assert quiz.phase == "asking"
        assert any("is not a number" in m for m in messages(app))
        await pilot.press(*["backspace"] * 5, "3", "enter")
        assert quiz.run.answers[-1].grade.verdict == "right"


async def test_mouse_click_answers_a_single_choice() -> None:
    app = build_app(load_presentation(EVERY_TYPE))
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_quiz(pilot, app)
        quiz = app.screen
        while quiz.run.current.question.type != "single":
            await pilot.press("f3", "enter")
        asked = quiz.run.current
        right = asked.choices.index("100 °C")
        options = quiz.query_one("#answer")
        await pilot.click(options, offset=(5, 1 + right))
        await pilot.pause()
        assert quiz.run.answers[-1].response == "100 °C"
        assert quiz.phase == "feedback"


async def test_markup_in_questions_is_shown_literally() -> None:
    app = build_app(load_presentation(EVERY_TYPE))
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_quiz(pilot, app, section=1)
        quiz = app.screen
        while quiz.run.current.question.id != "markup":
            await pilot.press("f3", "enter")
        text = screen_text(app)
        assert "[bold]this[/bold]" in text
        options = quiz.query_one("#answer")
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("[red]red[/red]" in label for label in labels)
        await answer(pilot, quiz.run.current, "[/]")
        assert "Brackets stay [as] they are." in shown(quiz.query_one("#quiz-feedback", Static))


async def test_same_seed_same_order_and_seed_in_results(guide) -> None:
    orders = []
    for _ in range(2):
        app = build_app(guide, seed=1234)
        async with app.run_test(size=(120, 40)) as pilot:
            await go_to_quiz(pilot, app)
            orders.append([(a.question.id, a.choices) for a in app.screen.run.asked])
    assert orders[0] == orders[1]
    app = build_app(guide, seed=99)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_quiz(pilot, app)
        assert [(a.question.id, a.choices) for a in app.screen.run.asked] != orders[0]


@pytest.mark.slow
async def test_a_whole_guide_quiz_can_be_answered_right(guide) -> None:
    """Every bundled question accepts its own right answer through the keys."""
    app = build_app(guide)
    async with app.run_test(size=(120, 40)) as pilot:
        for section in sorted(guide.banks):
            await go_to_quiz(pilot, app, section)
            quiz = app.screen
            while not quiz.run.finished:
                question = quiz.run.current.question
                right = {
                    "single": lambda q: q.correct[0],
                    "true_false": lambda q: q.truth,
                    "multiple": lambda q: list(q.correct),
                    "short": lambda q: q.correct[0],
                    "numeric": lambda q: f"{q.low:g}",
                    "order": lambda q: list(q.choices),
                    "cloze": lambda q: [blank.answer for blank in q.blanks],
                    "match": lambda q: [right for _left, right in q.pairs],
                }[question.type](question)
                await answer(pilot, quiz.run.current, right)
                assert quiz.run.answers[-1].grade.verdict == "right", question.id
                await pilot.press("enter")
                await pilot.pause()
            assert "100% · PASSED" in screen_text(app)
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "73/73 points" in screen_text(app)


async def test_after_a_too_small_terminal_the_answer_has_the_focus_and_takes_keys() -> None:
    """The question is hidden while the terminal is too small; when it is back, typing answers it
    (without the focus given back, the keys went nowhere)."""
    app = build_app(load_presentation(EVERY_TYPE))
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_quiz(pilot, app)
        quiz = app.screen
        await pilot.resize_terminal(20, 5)
        await pilot.pause()
        assert quiz.has_class("-too-small") and quiz.query_one("#too-small").display
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert not quiz.has_class("-too-small")
        assert quiz.focused is quiz.answer_widget
        asked = quiz.run.current
        response, points = BASICS_ANSWERS[asked.question.id]
        await answer(pilot, asked, response)
        assert len(quiz.run.answers) == 1 and quiz.run.answers[0].grade.points == points


# -- the results of a very long quiz: drawn as far as they are looked at ----------------------------

def _long_result(count: int):  # type: ignore[no-untyped-def]
    from tui.domain.quizrun import QuizResult, QuizRun

    presentation = load_presentation(EVERY_TYPE)
    bank = presentation.banks[0]
    answers = QuizRun(bank, "Long quiz", 0.7, seed=1).result().answers
    many = tuple(answers[n % len(answers)] for n in range(count))
    return QuizResult("Long quiz", many, float(count), 0.7, 1)


async def test_results_of_ten_thousand_answers_draw_only_what_is_on_screen(monkeypatch) -> None:
    """Opening the results draws a screenful of entries, not the 10,000: one line-API widget, no
    widget per answer, the rest drawn later in small batches between keys."""
    import tui.ui.widgets.review_list as review_list

    monkeypatch.setattr(review_list, "BATCH_EVERY", 3600.0)  # hold the batches: see the first paint alone
    app = build_app(load_presentation(EVERY_TYPE))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(ResultsScreen(_long_result(10_000), 1))
        await pilot.pause()
        review = app.screen.query_one(ReviewList)
        assert review.entries == 10_001
        assert 1 < review.drawn <= 12  # the heading and the answers that fill 40 rows
        assert len(app.screen.query("*")) < 10
        assert "1. ↷ Skipped" in review.drawn_text()
        await pilot.press("down", "down")  # scrolling draws what comes into view, no more
        assert review.drawn <= 14
        assert review.scroll_offset.y > 0


async def test_the_whole_long_review_is_drawn_between_keys_and_reaches_the_end() -> None:
    app = build_app(load_presentation(EVERY_TYPE))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(ResultsScreen(_long_result(3_000), 1))
        await pilot.pause()
        review = app.screen.query_one(ReviewList)
        await settle_until(pilot, lambda: review.drawn == review.entries, 120,
                           message="the review list was never drawn whole")
        assert review.virtual_size.height == len(review.drawn_text().split("\n"))
        review.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        shown_rows = [review.render_line(y).text for y in range(review.scrollable_content_region.height)]
        assert any("3000. " in row for row in shown_rows)
