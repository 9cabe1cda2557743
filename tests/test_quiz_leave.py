"""Leaving a quiz half way (issue 19, "Nothing thrown away"): Esc asks first, and leaving keeps
the answers to resume instead of scoring the rest as skipped. In the presenter, study mode and
review; key bursts included."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from tests.conftest import FIXTURES, build_app, shown
from tests.quiz_driver import answer
from tests.support.answers import right_answer, wrong_answer
from tests.support.clock import DAY0, FakeClock
from tests.support.keyfuzz import send_burst, settle
from tui.domain.history import History
from tui.domain.learner import Learner
from tui.domain.loader import load_presentation
from tui.domain.quizrun import prepare
from tui.domain.seeds import section_seed
from tui.ui.screens.leave import LeaveQuizScreen
from tui.ui.screens.presenter import PresenterScreen
from tui.ui.screens.quiz import QuizScreen
from tui.ui.screens.results import ResultsScreen
from tui.ui.screens.resume import ResumeScreen
from tui.ui.screens.summary import SummaryScreen
from tui.ui.widgets.key_bar import KeyBar
from tui.ui.widgets.review_list import ReviewList

EVERY_TYPE = load_presentation(FIXTURES / "every-type")


def texts(app) -> str:
    return "\n".join(shown(static, 110) for static in app.screen.query(Static) if static.display)


async def open_quiz(pilot, app, section: int = 0) -> QuizScreen:
    presenter = app.screen
    assert isinstance(presenter, PresenterScreen)
    presenter.start_quiz_of(section)
    await pilot.pause()
    assert isinstance(app.screen, QuizScreen)
    return app.screen


async def answer_some(pilot, quiz: QuizScreen, count: int) -> list[str]:
    ids = []
    for _ in range(count):
        question = quiz.run.current.question
        ids.append(question.id)
        await answer(pilot, quiz.run.current, right_answer(question))
        await pilot.press("enter")
        await pilot.pause()
    return ids


async def test_escape_asks_and_no_goes_back_to_the_same_question(tmp_path: Path) -> None:
    app = build_app(EVERY_TYPE, learner=Learner.open(tmp_path / "h.db", EVERY_TYPE.deck, FakeClock(DAY0)))
    async with app.run_test(size=(120, 40)) as pilot:
        quiz = await open_quiz(pilot, app)
        await answer_some(pilot, quiz, 2)
        current = quiz.run.current
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LeaveQuizScreen)
        text = texts(app)
        assert "Leave the quiz?" in text
        assert "2 of 6 questions answered. Your answers so far are kept; you can resume it later." in text
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is quiz and quiz.run.current is current and len(quiz.run.answers) == 2
        await pilot.press("escape", "escape")  # asks, then Esc goes back
        await pilot.pause()
        assert app.screen is quiz and quiz.phase == "asking"


async def test_leaving_keeps_the_attempt_and_starting_again_resumes_it(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    app = build_app(EVERY_TYPE, learner=Learner.open(db, EVERY_TYPE.deck, FakeClock(DAY0)))
    async with app.run_test(size=(120, 40)) as pilot:
        quiz = await open_quiz(pilot, app)
        first = await answer_some(pilot, quiz, 2)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        presenter = app.screen
        assert isinstance(presenter, PresenterScreen)
        assert presenter.results == {}  # nothing scored: no results, no skips
        assert any("Quiz left (2 of 6 answered)" in str(n.message) for n in app._notifications)
        presenter.start_quiz_of(0)
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        assert "2 of 6 questions answered" in texts(app)
        await pilot.press("r")
        await pilot.pause()
        resumed = app.screen
        assert isinstance(resumed, QuizScreen)
        assert [a.question.id for a in resumed.run.answers] == first
        assert "question 3 of 6" in texts(app)
    with History.open(db, FakeClock(DAY0))[0] as history:
        attempts = history.attempts(Learner(None, EVERY_TYPE.deck).key)
        assert len(attempts) == 1 and attempts[0].finished_at is None and attempts[0].abandoned_at is None
        assert attempts[0].answered == 2


async def test_the_seed_on_results_replays_the_order_asked_after_a_resume(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    app = build_app(EVERY_TYPE, seed=41, learner=Learner.open(db, EVERY_TYPE.deck, FakeClock(DAY0)))
    async with app.run_test(size=(120, 40)) as pilot:
        quiz = await open_quiz(pilot, app)
        asked = [a.question.id for a in quiz.run.asked]
        await answer_some(pilot, quiz, 3)
        await pilot.press("escape", "enter")  # in one go: asks, and leaves
        await pilot.pause()
        assert isinstance(app.screen, PresenterScreen)
    # Another session, another seed: the quiz resumes in the order it was started with.
    app = build_app(EVERY_TYPE, seed=97, learner=Learner.open(db, EVERY_TYPE.deck, FakeClock(DAY0)))
    async with app.run_test(size=(120, 40)) as pilot:
        app.screen.start_quiz_of(0)
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        quiz = app.screen
        assert [a.question.id for a in quiz.run.asked] == asked
        await answer_some(pilot, quiz, 3)
        assert isinstance(app.screen, ResultsScreen)
        text = app.screen.query_one(ReviewList).whole_text()
        assert "replay this order with --seed 41" in text
        assert [a.question.id for a in prepare(EVERY_TYPE.banks[0], section_seed(41, 0))] == asked


async def test_escape_after_the_last_answer_goes_to_the_results() -> None:
    app = build_app(EVERY_TYPE)
    async with app.run_test(size=(120, 40)) as pilot:
        quiz = await open_quiz(pilot, app, section=1)
        for _ in range(2):
            await answer(pilot, quiz.run.current, right_answer(quiz.run.current.question))
            if not quiz.run.finished:
                await pilot.press("enter")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)


async def test_leave_without_history_says_nothing_is_kept() -> None:
    app = build_app(EVERY_TYPE, learner=Learner.open(None, EVERY_TYPE.deck))
    async with app.run_test(size=(120, 40)) as pilot:
        quiz = await open_quiz(pilot, app)
        await answer_some(pilot, quiz, 1)
        await pilot.press("escape")
        await pilot.pause()
        assert "History is off, so your answers are not kept" in texts(app)


async def test_the_key_bar_shows_how_to_leave_in_a_small_terminal() -> None:
    app = build_app(EVERY_TYPE)
    async with app.run_test(size=(60, 20)) as pilot:
        await open_quiz(pilot, app)
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        line = bar.render().plain[:60]
        assert line.startswith(" esc Leave quiz "), line


async def test_escape_escape_in_one_read_asks_once() -> None:
    app = build_app(EVERY_TYPE)
    async with app.run_test(size=(100, 30)) as pilot:
        quiz = await open_quiz(pilot, app)
        await settle(pilot)
        await send_burst(pilot, ["escape", "escape"])
        await pilot.pause()
        assert app.is_running
        # The second Esc reached the quiz before the question was up: it asks only once.
        assert isinstance(app.screen, LeaveQuizScreen)
        assert app.screen_stack[1:] == [quiz, app.screen]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is quiz


async def test_escape_enter_in_one_read_leaves_once() -> None:
    app = build_app(EVERY_TYPE)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_quiz(pilot, app)
        await settle(pilot)
        await send_burst(pilot, ["escape", "enter", "enter", "escape"])
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, PresenterScreen)
        assert len(app.screen_stack) == 1


async def test_leaving_in_study_mode_ends_the_session_with_its_summary(tmp_path: Path) -> None:
    learner = Learner.open(tmp_path / "h.db", EVERY_TYPE.deck, FakeClock(DAY0))
    app = build_app(EVERY_TYPE, learner=learner, study=[0, 1])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        await answer(pilot, quiz.run.current, wrong_answer(quiz.run.current.question))
        await pilot.press("enter")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "left: resume later" in texts(app) and "not taken" in texts(app)


async def test_leaving_a_review_says_the_rest_stay_due(tmp_path: Path) -> None:
    questions = EVERY_TYPE.banks[0].questions
    app = build_app(EVERY_TYPE, learner=Learner.open(tmp_path / "h.db", EVERY_TYPE.deck, FakeClock(DAY0)),
                    review=[(0, q) for q in questions[:3]])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LeaveQuizScreen)
        assert "Leave the review?" in texts(app) and "stay due" in texts(app)
        await pilot.press("y")
        await pilot.pause()
    assert not app.is_running


def test_what_leaving_keeps_is_decided_in_the_domain(tmp_path: Path) -> None:
    from tui.domain.quizrun import QuizRun

    learner = Learner.open(tmp_path / "h.db", EVERY_TYPE.deck, FakeClock(DAY0))
    run = QuizRun(EVERY_TYPE.banks[1], "More", 0.7, seed=1)
    recorder = learner.recorder(1, "More", run)
    assert not recorder.resumable
    assert recorder.leave_detail() == "Nothing is answered yet, so there is nothing to resume."
    recorder.answered(run.answer(None), 2.0)
    assert recorder.resumable
    assert recorder.leave_detail() == "Your answers so far are kept; you can resume it later."
    off = Learner.open(None, EVERY_TYPE.deck).recorder(1, "More", QuizRun(EVERY_TYPE.banks[1], "More", 0.7, seed=1))
    assert not off.resumable and off.leave_detail().startswith("History is off")
    learner.close()
