"""Relearning in `podium review` (issue 19): a question answered wrong comes back later in the
same session, after N other questions or M minutes, then goes on to FSRS; --section and --tag
narrow the review. Domain, Pilot and command line."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, build_app, write_deck
from tests.quiz_driver import answer
from tests.support.answers import right_answer, wrong_answer
from tests.support.cli import podium
from tests.support.clock import DAY0, FakeClock
from tui.domain.history import History
from tui.domain.learner import Learner
from tui.domain.loader import load_presentation
from tui.domain.quizbank import Question
from tui.domain.relearn import RelearnRule, ReviewRun, known_tags, narrow
from tui.ui.screens.quiz import QuizScreen
from tui.ui.screens.results import ResultsScreen
from tui.ui.widgets.review_list import ReviewList

EVERY_TYPE = load_presentation(FIXTURES / "every-type")


def tf(qid: str, tags: tuple[str, ...] = ()) -> Question:
    return Question(id=qid, type="true_false", prompt=f"{qid}?", truth=True, tags=tags)


class Ticks:
    """A monotonic clock in seconds that stands still until moved."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def run_of(count: int, rule: RelearnRule, clock: Ticks | None = None) -> ReviewRun:
    due = [(0, tf(f"q{n}")) for n in range(count)]
    return ReviewRun.of(due, 0.7, 1, rule, clock or Ticks())


def take(run: ReviewRun, wrong: dict[str, int]) -> list[str]:
    """Answer until the run ends: each id in `wrong` wrong that many times, then right."""
    order = []
    while not run.finished:
        qid = run.current.question.id
        order.append(qid)
        if wrong.get(qid, 0) > 0:
            wrong[qid] -= 1
            run.answer(False)
        else:
            run.answer(True)
    return order


def test_a_missed_question_comes_back_after_n_other_questions() -> None:
    run = run_of(6, RelearnRule(questions=2, minutes=10))
    assert take(run, {"q0": 1}) == ["q0", "q1", "q2", "q0", "q3", "q4", "q5"]
    assert run.planned == 7 and len(run.answers) == 7


def test_it_comes_back_at_the_end_when_fewer_questions_are_left() -> None:
    run = run_of(3, RelearnRule(questions=5, minutes=10))
    assert take(run, {"q1": 1}) == ["q0", "q1", "q2", "q1"]


def test_it_comes_back_sooner_once_the_minutes_have_passed() -> None:
    clock = Ticks()
    run = run_of(6, RelearnRule(questions=4, minutes=2), clock)
    order = [run.current.question.id]
    run.answer(False)  # q0 wrong at 0 s
    order.append(run.current.question.id)
    run.answer(True)
    clock.now = 121.0  # two minutes and a second later
    order.append(run.current.question.id)
    assert order == ["q0", "q1", "q0"]


def test_a_question_comes_back_at_most_rounds_times() -> None:
    run = run_of(2, RelearnRule(questions=1, minutes=10, rounds=2))
    assert take(run, {"q0": 9}) == ["q0", "q1", "q0", "q0"]


def test_relearning_off_asks_each_once() -> None:
    run = run_of(3, RelearnRule(questions=0))
    assert take(run, {"q0": 1, "q1": 1}) == ["q0", "q1", "q2"]


def test_a_partly_right_answer_does_not_come_back() -> None:
    question = Question(id="m", type="multiple", prompt="?", choices=("a", "b", "c"), correct=("a", "b"))
    run = ReviewRun.of([(0, question), (0, tf("x"))], 0.7, 1, RelearnRule(questions=1), Ticks())
    run.answer({"a"})
    assert run.answers[-1].grade.verdict == "partial" and not run.coming_back()
    run.answer(True)
    assert run.finished


def test_the_sections_follow_the_questions_as_they_come_back() -> None:
    due = [(0, tf("a")), (3, tf("b")), (5, tf("c"))]
    run = ReviewRun.of(due, 0.7, 1, RelearnRule(questions=1), Ticks())
    take(run, {"b": 1})
    assert [a.question.id for a in run.asked] == ["a", "b", "c", "b"]
    assert run.sections == [0, 3, 5, 3]


def test_the_result_counts_every_answer_given() -> None:
    run = run_of(2, RelearnRule(questions=1))
    take(run, {"q0": 1})
    result = run.result()
    assert len(result.answers) == 3 and result.points == 2 and result.possible == 3


def test_narrow_by_section_and_tag() -> None:
    due = [(0, tf("a", ("chips",))), (1, tf("b", ("labs", "chips"))), (1, tf("c"))]
    assert [q.id for _, q in narrow(due, {1})] == ["b", "c"]
    assert [q.id for _, q in narrow(due, None, ["chips"])] == ["a", "b"]
    assert [q.id for _, q in narrow(due, {1}, ["chips"])] == ["b"]
    assert [q.id for _, q in narrow(due, None, ["labs", "none"])] == ["b"]


def test_known_tags() -> None:
    assert known_tags(EVERY_TYPE.banks.values()) == []


# -- in the app ------------------------------------------------------------------------------


async def test_in_review_a_wrong_answer_comes_back_then_fsrs_schedules_it(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    clock = FakeClock(DAY0)
    learner = Learner.open(db, EVERY_TYPE.deck, clock)
    questions = [q for q in EVERY_TYPE.banks[0].questions if q.id in ("boil", "sun", "third")]
    due = [(0, q) for q in questions]
    app = build_app(EVERY_TYPE, learner=learner, review=due, relearn=RelearnRule(questions=1, minutes=10))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        asked = []
        first_wrong = True
        while not quiz.run.finished:
            question = quiz.run.current.question
            asked.append(question.id)
            if question.id == "boil" and first_wrong:
                first_wrong = False
                await answer(pilot, quiz.run.current, wrong_answer(question))
                assert "comes back later in this review" in str(quiz.query_one("#quiz-feedback").render())
            else:
                await answer(pilot, quiz.run.current, right_answer(question))
            await pilot.press("enter")
            await pilot.pause()
        assert [q.id for q in questions] == ["boil", "sun", "third"]
        assert asked == ["boil", "sun", "boil", "third"]
        assert isinstance(app.screen, ResultsScreen)
        text = app.screen.query_one(ReviewList).whole_text()
        assert "--seed" not in text  # a review's order is not a seed's
    with History.open(db, clock)[0] as history:
        card = history.card(learner.key, 0, "boil")
        assert card is not None and card.reviews == 2  # the miss and the answer when it came back
        assert card.due >= DAY0 + timedelta(days=1)  # then FSRS schedules it, in days


# -- the command line ------------------------------------------------------------------------


def test_review_help_describes_the_new_options() -> None:
    text = podium("review", "--help").stdout
    for option in ("--section", "--tag", "--relearn-after", "--relearn-minutes"):
        assert option in text
    assert "--seed" in text and "takes no" in text.replace("\n", " ")


@pytest.fixture
def tagged_deck(tmp_path: Path) -> Path:
    return write_deck(tmp_path / "deck", {
        "slides/01-a.md": "# A\n",
        "slides/02-b.md": "# B\n",
        "quizzes/01-a.yaml": "questions:\n  - id: a1\n    type: true_false\n    prompt: A1?\n    answer: true\n"
                             "    tags: [chips]\n  - id: a2\n    type: true_false\n    prompt: A2?\n    answer: true\n",
        "quizzes/02-b.yaml": "questions:\n  - id: b1\n    type: true_false\n    prompt: B1?\n    answer: true\n"
                             "    tags: [labs]\n",
    })


def test_review_names_an_unknown_tag_and_the_known_ones(tagged_deck: Path, tmp_path: Path) -> None:
    result = podium("review", str(tagged_deck), "--tag", "chip", "--data-dir", str(tmp_path / "data"))
    assert result.returncode == 2
    assert "no question has the tag 'chip'; tags in this deck: chips, labs" in result.stderr


def test_review_of_a_section_or_tag_with_nothing_due_says_so(tagged_deck: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    deck = load_presentation(tagged_deck)
    learner = Learner.open(data / "history.db", deck.deck, FakeClock(DAY0 - timedelta(days=3)))
    assert learner.history is not None
    learner.history.review(learner.key, 0, "a2", "x", "wrong", 5.0, DAY0 - timedelta(days=3))
    learner.close()
    result = podium("review", str(tagged_deck), "--section", "2", "--data-dir", str(data))
    assert result.returncode == 0
    assert "Nothing is due for review among the questions chosen (1 due in all)." in result.stdout
    result = podium("review", str(tagged_deck), "--tag", "chips", "--data-dir", str(data))
    assert "Nothing is due for review among the questions chosen (1 due in all)." in result.stdout


def test_review_refuses_a_negative_relearn_option(tagged_deck: Path) -> None:
    result = podium("review", str(tagged_deck), "--relearn-after", "-1")
    assert result.returncode == 2 and "must be 0 or more" in result.stderr


async def test_review_results_advertise_no_seed(tmp_path: Path) -> None:
    learner = Learner.open(tmp_path / "history.db", EVERY_TYPE.deck, FakeClock(DAY0))
    sun = next(q for q in EVERY_TYPE.banks[0].questions if q.id == "sun")
    app = build_app(EVERY_TYPE, learner=learner, review=[(0, sun)])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        text = app.screen.query_one(ReviewList).whole_text()
        assert "1/1 point" in text and "Seed" not in text
