"""Retaking the missed questions (issue 19): from the results screen (m), and as
`podium quiz --missed` (the last attempt of each section, or every attempt with --all)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from tests.conftest import FIXTURES, build_app, shown
from tests.support.answers import take_quiz
from tests.support.cli import podium
from tests.support.clock import DAY0, FakeClock
from tui.domain.history import History
from tui.domain.learner import Learner
from tui.domain.loader import load_presentation
from tui.domain.missed import missed_bank, missed_in_history, missed_in_result, present
from tui.domain.quizrun import QuizRun
from tui.ui.screens.presenter import PresenterScreen
from tui.ui.screens.quiz import QuizScreen
from tui.ui.screens.results import ResultsScreen
from tui.ui.screens.summary import SummaryScreen
from tui.ui.widgets.key_bar import KeyBar

EVERY_TYPE_DIR = FIXTURES / "every-type"
EVERY_TYPE = load_presentation(EVERY_TYPE_DIR)


def test_missed_in_history_reads_the_last_attempt_of_each_section() -> None:
    rows = [
        (1, 0, "a", "wrong"), (1, 0, "b", "right"), (1, 0, "c", "partial"),
        (2, 1, "x", "skipped"),
        (3, 0, "a", "right"), (3, 0, "b", "wrong"), (3, 0, "c", "partial"),
    ]
    assert missed_in_history(rows) == {0: ("b", "c"), 1: ("x",)}
    assert missed_in_history(rows, every=True) == {0: ("a", "c", "b"), 1: ("x",)}
    assert missed_in_history([(4, 0, "a", "right")]) == {}


def test_missed_in_a_result_and_the_bank_that_asks_them() -> None:
    bank = EVERY_TYPE.banks[0]
    run = QuizRun(bank, "Basics", 0.7, seed=3)
    for asked in run.asked:
        run.answer(None if asked.question.id in ("boil", "count") else _right(asked.question))
    assert set(missed_in_result(run.result())) == {"boil", "count"}
    retake = missed_bank(bank, ["count", "boil"])
    assert [q.id for q in retake.questions] == ["boil", "count"]  # the bank's own order
    assert retake.hint_penalty == bank.hint_penalty
    assert present({0: ("boil", "gone"), 5: ("x",)}, EVERY_TYPE.banks) == {0: ("boil",)}


def _right(question):
    from tests.support.answers import right_answer

    response = right_answer(question)
    if question.type == "multiple":
        return set(response)
    if question.type == "order":
        return tuple(response)
    if question.type == "numeric":
        return float(response)
    return response


async def test_m_on_the_results_retakes_the_missed_ones_and_records_no_attempt(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    learner = Learner.open(db, EVERY_TYPE.deck, FakeClock(DAY0))
    app = build_app(EVERY_TYPE, learner=learner)
    async with app.run_test(size=(120, 40)) as pilot:
        app.screen.start_quiz_of(0)
        await pilot.pause()
        await take_quiz(pilot, app, {"boil", "count"})
        results = app.screen
        assert isinstance(results, ResultsScreen)
        assert "Retake missed" in results.query_one(KeyBar).render().plain
        await pilot.press("m")
        await pilot.pause()
        retake = app.screen
        assert isinstance(retake, QuizScreen)
        assert sorted(a.question.id for a in retake.run.asked) == ["boil", "count"]
        assert "question 1 of 2" in shown(retake.query_one("#quiz-question", Static), 110)
        await take_quiz(pilot, app, set())
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("m")  # nothing missed this time: says so and stays
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert any("Nothing to retake" in str(n.message) for n in app._notifications)
        await pilot.press("enter")
        await pilot.pause()
        presenter = app.screen
        assert isinstance(presenter, PresenterScreen)
        assert presenter.results[0].points == 4  # the quiz's own score, not the retake's
    with History.open(db, FakeClock(DAY0))[0] as history:
        assert len(history.attempts(learner.key)) == 1  # a retake is not an attempt
        card = history.card(learner.key, 0, "boil")
        assert card is not None and card.reviews == 2  # the retake rescheduled it


async def test_quiz_missed_asks_only_the_missed_of_the_last_attempt(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    app = build_app(EVERY_TYPE, learner=Learner.open(db, EVERY_TYPE.deck, FakeClock(DAY0)), study=[0])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await take_quiz(pilot, app, {"sun", "third"})
        await pilot.press("enter", "enter")
        await pilot.pause()
    learner = Learner.open(db, EVERY_TYPE.deck, FakeClock(DAY0))
    missed = learner.missed(EVERY_TYPE.banks)
    assert {section: sorted(ids) for section, ids in missed.items()} == {0: ["sun", "third"]}
    app = build_app(EVERY_TYPE, learner=learner, study=list(missed), missed=missed)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        assert sorted(a.question.id for a in quiz.run.asked) == ["sun", "third"]
        await take_quiz(pilot, app, set())
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)


def test_quiz_missed_says_when_nothing_was_taken_or_missed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = podium("quiz", str(EVERY_TYPE_DIR), "--missed", "--data-dir", str(data))
    assert result.returncode == 0
    assert "Nothing to retake: no quiz of these sections has been answered yet." in result.stdout
    learner = Learner.open(data / "history.db", EVERY_TYPE.deck, FakeClock(DAY0))
    assert learner.history is not None
    run = QuizRun(EVERY_TYPE.banks[1], "More", 0.7, seed=1)
    attempt = learner.history.start_attempt(learner.key, "Every", 1, "More", 1, run.asked)
    for asked in run.asked:
        answered = run.answer("[/]" if asked.question.id == "markup" else "water")
        learner.history.record_answer(attempt, answered, 3.0)
    learner.close()
    result = podium("quiz", str(EVERY_TYPE_DIR), "--missed", "--section", "2", "--data-dir", str(data))
    assert result.returncode == 0
    assert "Nothing to retake: every question was answered right in the last attempt of each section." \
        in result.stdout
    result = podium("quiz", str(EVERY_TYPE_DIR), "--missed", "--all", "--section", "2", "--data-dir", str(data))
    assert "every question was answered right in any attempt." in result.stdout


def test_quiz_missed_needs_the_history(tmp_path: Path) -> None:
    result = podium("quiz", str(EVERY_TYPE_DIR), "--missed", "--no-history")
    assert result.returncode == 2 and "--missed reads the history, which is off" in result.stderr
    result = podium("quiz", str(EVERY_TYPE_DIR), "--all")
    assert result.returncode == 2 and "--all goes with --missed" in result.stderr


def test_quiz_help_describes_missed() -> None:
    text = " ".join(podium("quiz", "--help").stdout.split())
    assert "--missed" in text and "--all" in text and "last attempt of each section" in text


def test_podium_help_names_missed_and_relearning() -> None:
    text = " ".join(podium("--help").stdout.split())
    assert "--missed [--all]: retake only what you missed" in text
    assert "a miss comes back in the session" in text and "--tag T" in text
