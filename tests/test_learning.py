"""Study mode, history, resume, statistics and spaced review, through the app and the CLI."""

from __future__ import annotations

import json
import re
import signal
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from textual.widgets import Static

from tests.conftest import FIXTURES, build_app, shown
from tests.support.answers import right_answer, take_quiz
from tests.support.cli import podium, terminal_env
from tests.support.clock import FakeClock
from tests.support.history import answers_in
from tests.support.notices import messages
from tests.support.pty_driver import PtySession
from tests.support.waiting import wait_until
from tui.domain.history import History
from tui.domain.learner import Learner
from tui.domain.loader import load_presentation
from tui.ui.screens.quiz import QuizScreen
from tui.ui.screens.results import ResultsScreen
from tui.ui.screens.resume import ResumeScreen
from tui.ui.screens.statistics import StatisticsScreen
from tui.ui.screens.summary import SummaryScreen
from tui.ui.widgets.review_list import ReviewList

ROOT = Path(__file__).resolve().parent.parent
EVERY_TYPE = FIXTURES / "every-type"
DAY0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


async def test_study_mode_records_every_answer_and_a_later_day_reviews_exactly_the_missed(tmp_path: Path) -> None:
    presentation = load_presentation(EVERY_TYPE)
    clock = FakeClock(DAY0)
    db = tmp_path / "history.db"
    wrong = {"boil", "count"}
    learner = Learner.open(db, presentation.deck, clock)
    app = build_app(presentation, learner=learner, study=[0])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await take_quiz(pilot, app, wrong)
        assert isinstance(app.screen, ResultsScreen)
        await pilot.pause()
        assert "4/6 points" in app.screen.query_one(ReviewList).whole_text()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("enter")
        await pilot.pause()
    assert not app.is_running
    # Read back after a "restart": a new connection to the same file.
    with History.open(db, clock)[0] as history:
        records = history.answers()
        assert sorted(r.question_id for r in records) == sorted(q.id for q in presentation.banks[0].questions)
        assert {r.question_id for r in records if r.verdict == "wrong"} == wrong
        attempts = history.attempts(learner.key)
        assert len(attempts) == 1 and attempts[0].finished_at is not None
    # The same day nothing is due; a day later exactly the missed questions are.
    same_day = Learner.open(db, presentation.deck, FakeClock(DAY0 + timedelta(hours=2)))
    assert same_day.due_questions(presentation.banks, None) == []
    later = Learner.open(db, presentation.deck, FakeClock(DAY0 + timedelta(days=1, minutes=1)))
    due = later.due_questions(presentation.banks, None)
    assert sorted(q.id for _, q in due) == sorted(wrong)
    app = build_app(presentation, learner=later, review=due)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        assert [q.id for _, q in quiz.run.due] == [q.id for _, q in due]
        await take_quiz(pilot, app, set())
        await pilot.press("enter")
        await pilot.pause()
    # Answered right, they are no longer due the same day.
    assert Learner.open(db, presentation.deck, FakeClock(DAY0 + timedelta(days=1, hours=1))).due_count(
        presentation.banks) == 0


async def test_presenting_records_nothing_without_answers(tmp_path: Path, guide) -> None:
    db = tmp_path / "history.db"
    app = build_app(guide, learner=Learner.open(db, guide.deck))
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(60):
            await pilot.press("right")
        presenter = app.screen
        presenter.start_quiz_of(0)
        await pilot.pause()
        await pilot.press("escape")  # leave the quiz without answering
        await pilot.pause()
    with History.open(db, FakeClock(DAY0))[0] as history:
        assert history.answers() == [] and history.attempts(Learner(None, guide.deck).key) == []


async def test_no_history_writes_no_file(tmp_path: Path) -> None:
    presentation = load_presentation(EVERY_TYPE)
    app = build_app(presentation, learner=Learner.open(None, presentation.deck), study=[1])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await take_quiz(pilot, app, set())
    assert list(tmp_path.iterdir()) == []


async def test_corrupt_history_is_moved_aside_and_the_app_says_where(tmp_path: Path, guide) -> None:
    db = tmp_path / "history.db"
    db.write_bytes(b"this is not a database" * 100)
    app = build_app(guide, learner=Learner.open(db, guide.deck))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        told = messages(app)
        assert any("moved to" in m and "history.db.corrupt-" in m for m in told), told
    moved = [p for p in tmp_path.iterdir() if p.name.startswith("history.db.corrupt-")]
    assert len(moved) == 1 and moved[0].read_bytes().startswith(b"this is not a database")


async def test_statistics_screen_and_due_count_on_the_title(tmp_path: Path) -> None:
    presentation = load_presentation(EVERY_TYPE)
    db = tmp_path / "history.db"
    app = build_app(presentation, learner=Learner.open(db, presentation.deck, FakeClock(DAY0)), study=[0])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await take_quiz(pilot, app, {"boil"})
    later = Learner.open(db, presentation.deck, FakeClock(DAY0 + timedelta(days=3)))
    app = build_app(presentation, learner=later)
    async with app.run_test(size=(120, 40)) as pilot:
        title = shown(app.screen.query_one("#slide-view"))
        assert "1 question is due for review: podium review" in title
        await pilot.press("i")
        screen = app.screen
        assert isinstance(screen, StatisticsScreen)
        text = " ".join(shown(s, 110) for s in screen.query(Static))
        assert "Basics" in text and "83%" in text
        assert "1/1 missed · Basics: At what temperature does water boil at sea level?" in text
        assert "Scores over time (1 attempt, oldest first)" in text
        chart = shown(screen.query_one("#statistics-chart"), 110)
        assert re.search(r"2026-11-02 09:00  Basics +█+·* 83%", chart), chart


def test_the_score_chart_labels_each_bar_with_its_section() -> None:
    from tui.ui.screens.statistics import LABEL_WIDTH, attempts_phrase, score_chart

    chart = score_chart([("2026-11-02T09:00:00", 50.0, "Basics"),
                         ("2026-11-03T09:00:00", 100.0, "The strategy: why open weights, and why now?")])
    first, second = chart.plain.splitlines()
    assert first.startswith("2026-11-02 09:00  Basics ") and first.endswith(" 50%")
    assert second.startswith("2026-11-03 09:00  The strategy: why o…  ") and second.endswith(" 100%")
    assert first.index("█") == second.index("█") == 16 + 2 + LABEL_WIDTH + 2  # the bars line up
    assert [attempts_phrase(n) for n in (0, 1, 2)] == ["0 attempts", "1 attempt", "2 attempts"]


def test_stats_json_and_history_export(tmp_path: Path) -> None:
    presentation = load_presentation(EVERY_TYPE)
    learner = Learner.open(tmp_path / "history.db", presentation.deck, FakeClock(DAY0))
    from tui.domain.quizrun import QuizRun

    bank = presentation.banks[1]
    run = QuizRun(bank, "More", 0.7, seed=1)
    recorder = learner.recorder(1, "More", run)
    for asked in run.asked:
        recorder.answered(run.answer(right_answer(asked.question)), 3.0)
    recorder.finished()
    learner.close()
    result = podium("stats", str(EVERY_TYPE), "--json", "--data-dir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    more = next(s for s in data["sections"] if s["title"] == "More")
    assert more["attempts"] == 1 and more["best"] == 1.0 and more["last"] == 1.0
    table = podium("stats", str(EVERY_TYPE), "--data-dir", str(tmp_path))
    assert table.returncode == 0 and "More" in table.stdout and "100%" in table.stdout
    csv_out = podium("history", "export", "--format", "csv", "--data-dir", str(tmp_path))
    lines = csv_out.stdout.strip().splitlines()
    assert lines[0].startswith("deck_key,deck_title,section") and len(lines) == 3
    json_out = json.loads(podium("history", "export", "--format", "json", "--data-dir", str(tmp_path)).stdout)
    assert {row["question_id"] for row in json_out} == {"markup", "chemistry"}


def test_review_with_nothing_due_says_so(tmp_path: Path) -> None:
    result = podium("review", str(EVERY_TYPE), "--data-dir", str(tmp_path))
    assert result.returncode == 0
    assert "Nothing is due for review" in result.stdout


def test_quiz_section_names_are_checked(tmp_path: Path) -> None:
    result = podium("quiz", "--section", "chipz", "--no-history")
    assert result.returncode == 2
    assert "--section 'chipz' matches no section" in result.stderr and "6 The constraint: chips" in result.stderr
    # Every section of the bundled guide has a quiz; a new deck's second section has none.
    assert podium("new", str(tmp_path / "talk")).returncode == 0
    result = podium("quiz", str(tmp_path / "talk"), "--section", "2", "--no-history")
    assert result.returncode == 2 and "has no quiz" in result.stderr


# -- a real process, killed mid-quiz ----------------------------------------------------------

async def test_resume_after_the_process_is_killed(tmp_path: Path) -> None:
    session = PtySession([sys.executable, "-m", "tui", "quiz", str(EVERY_TYPE), "--section", "1",
                          "--seed", "5", "--data-dir", str(tmp_path)], terminal_env(tmp_path), size=(120, 40))
    db = tmp_path / "history.db"
    try:
        session.expect(b"question 1 of 6")
        for number in (1, 2):
            session.write(b"\x1bOR")  # F3: skip (an answer, scored 0)
            wait_until(lambda n=number: answers_in(db) >= n, timeout=20, message="the answer was never saved")
            session.write(b"\r")  # Enter: next question
            session.expect(f"question {number + 1} of 6".encode())
    finally:
        session.signal(signal.SIGKILL)
        session.wait(20)
        session.close()
    process = session.process
    assert process.returncode == -signal.SIGKILL
    assert answers_in(db) == 2
    # A new podium offers to resume where the killed one stopped.
    presentation = load_presentation(EVERY_TYPE)
    app = build_app(presentation, learner=Learner.open(db, presentation.deck), study=[0], seed=5)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        assert "2 of 6 questions answered" in " ".join(shown(s) for s in app.screen.query(Static))
        await pilot.press("r")
        await pilot.pause()
        quiz = app.screen
        assert isinstance(quiz, QuizScreen) and quiz.run.index == 2
        assert [a.grade.verdict for a in quiz.run.answers] == ["skipped", "skipped"]
        await take_quiz(pilot, app, set())
        assert isinstance(app.screen, ResultsScreen)
        await pilot.pause()
        assert "4/6 points" in app.screen.query_one(ReviewList).whole_text()
    assert answers_in(db) == 6
