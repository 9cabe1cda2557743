"""Fair grading of typed answers (issue 19): what a short or numeric answer may look like and still
be right, typos forgiven by length, overriding a wrong verdict ("I was right") through the run, the
history and the screens, hints that cost points by default, and keys offered only where they work."""

from __future__ import annotations

import sqlite3
import textwrap
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from tests.conftest import build_app, wait_until, write_deck
from tui.domain.errors import ProblemLog
from tui.domain.history import MIGRATIONS, SCHEMA_VERSION, History, resume_run
from tui.domain.learner import Learner
from tui.domain.loader import load_presentation
from tui.domain.quizbank import DEFAULT_HINT_PENALTY, Question, QuizBank, parse_bank
from tui.domain.quizrun import QuizRun
from tui.domain.scoring import comparable, grade, parse_number, typos_allowed
from tui.domain.stats import section_stats, stats_json
from tui.schemas import __file__ as schemas_init
from tui.ui.screens.quiz import QuizScreen
from tui.ui.screens.results import ResultsScreen
from tui.ui.widgets.answer_inputs import ManyPicker, TextAnswer, instructions
from tui.ui.widgets.key_bar import KeyBar
from tui.ui.widgets.review_list import ReviewList

PATH = "quizzes/bank.yaml"
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def short(*answers: str, **fields: Any) -> Question:
    return Question(id="q", type="short", prompt="P", correct=answers, **fields)


def numeric(value: float, units: tuple[str, ...] = ()) -> Question:
    return Question(id="n", type="numeric", prompt="P", low=value, high=value, units=units)


# -- short answers: what is ignored -----------------------------------------------------------

@pytest.mark.parametrize(("typed", "accepted"), [
    ("DeepSeek.", "DeepSeek"),
    ("deepseek!", "DeepSeek"),
    ("(DeepSeek)", "DeepSeek"),
    ('"DeepSeek"', "DeepSeek"),
    ("“DeepSeek”", "DeepSeek"),
    ("'DeepSeek'", "DeepSeek"),
    ("«DeepSeek»", "DeepSeek"),
    ("the export controls", "export controls"),
    ("The Export Controls.", "export controls"),
    ("a license", "license"),
    ("an open model", "open model"),
    ("export-controls", "export controls"),
    ("export controls", "export-controls"),
    ("export–controls", "export controls"),
    ("Alibaba's", "Alibaba"),
    ("Alibaba’s", "Alibaba"),
    ("Alibaba's Qwen", "Alibaba Qwen"),
    ("ZHIPU", "Zhipu"),
    ("Zhīpǔ", "Zhipu"),
    ("  open   weights ", "open weights"),
])
def test_short_answers_ignore_what_does_not_change_the_answer(typed: str, accepted: str) -> None:
    result = grade(short(accepted, typos=False), typed)
    assert (result.verdict, result.accepted_as) == ("right", None)


@pytest.mark.parametrize(("text", "plain"), [
    ("DeepSeek.", "deepseek"),
    ("“The U.S.”", "u.s"),
    ("Alibaba's", "alibaba"),
    ("labs'", "labs"),
    ("export-controls", "export controls"),
    ("a", "a"),                  # a lone article is the answer itself
    ("The", "the"),
    ("3.5", "3.5"),             # a point inside the answer stays
    ("C++", "c++"),              # symbols stay: they can be the answer
    ("C#.", "c#"),
    ("¿Qué?", "que"),
    ("[DeepSeek]", "deepseek"),
])
def test_comparable(text: str, plain: str) -> None:
    assert comparable(text) == plain


def test_a_different_word_is_still_wrong() -> None:
    question = short("DeepSeek")
    assert grade(question, "Moonshot").verdict == "wrong"
    assert grade(question, "not DeepSeek").verdict == "wrong"
    assert grade(short("C++"), "C").verdict == "wrong"
    assert grade(short("C#"), "C").verdict == "wrong"


# -- typos, scaled to the answer's length ------------------------------------------------------

@pytest.mark.parametrize(("answer", "allowed"), [
    ("Qwen", 0), ("GPT", 0), ("Kimi", 0), ("weights", 1), ("Moonshot", 1), ("efficiency", 1),
    ("Alibaba's", 1), ("open weights", 2), ("export controls", 2), ("a b c d", 0),
])
def test_typos_allowed_by_length(answer: str, allowed: int) -> None:
    assert typos_allowed(comparable(answer)) == allowed


@pytest.mark.parametrize(("accepted", "typed", "verdict", "accepted_as"), [
    ("efficiency", "efficency", "right", "efficiency"),           # a letter left out
    ("efficiency", "effciiency", "right", "efficiency"),          # two neighbours swapped
    ("efficiency", "efficiencyy", "right", "efficiency"),         # one added
    ("efficiency", "efficincy.", "right", "efficiency"),          # with a full stop too
    ("efficiency", "eficency", "wrong", None),                    # two typos in ten letters
    ("Qwen", "Qwan", "wrong", None),                              # none under five letters
    ("Zhipu", "Zhipo", "right", "Zhipu"),                         # five letters: one
    ("export controls", "exprot contrls", "right", "export controls"),  # fourteen letters: two
    ("export controls", "exprot contrl", "wrong", None),          # three
    ("efficiency", "efficiency", "right", None),                  # spelled right: no note
])
def test_typos_are_forgiven_by_length_and_named(accepted: str, typed: str, verdict: str,
                                                accepted_as: str | None) -> None:
    result = grade(short(accepted), typed)
    assert (result.verdict, result.accepted_as) == (verdict, accepted_as)


def test_typos_false_accepts_only_the_spelling() -> None:
    assert grade(short("efficiency", typos=False), "efficency").verdict == "wrong"
    assert grade(short("efficiency", typos=False), "Efficiency.").verdict == "right"


def test_the_closest_accepted_answer_is_named() -> None:
    result = grade(short("weights", "weight"), "weigth")
    assert (result.verdict, result.accepted_as) == ("right", "weight")


# -- numbers -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "units", "value"), [
    ("2,026", (), 2026.0), ("2 026", (), 2026.0), ("2\u202f026", (), 2026.0), ("1e3", (), 1000.0),
    ("42%", ("%",), 42.0), ("42 %", ("%",), 42.0), ("42", ("%",), 42.0), ("42%", (), None),
    ("3 km", ("km",), 3.0), ("3KM", ("km",), 3.0), ("5 years", ("year",), 5.0), ("1 year", ("years",), 1.0),
    ("2,026 years", ("years", "yrs"), 2026.0), ("4 yrs", ("years", "yrs"), 4.0),
    ("3 miles", ("km",), None), ("km", ("km",), None), ("1e3 km", ("km",), 1000.0),
])
def test_numbers_with_separators_exponents_and_units(text: str, units: tuple[str, ...], value: float | None) -> None:
    assert parse_number(text, units) == value


def test_a_numeric_answer_with_its_unit_is_right() -> None:
    question = numeric(42, ("%",))
    assert grade(question, "42%").verdict == "right"
    assert grade(question, "42 percent").verdict == "wrong"
    assert question.right_answer() == "42 %"
    assert grade(numeric(2026), "2,026").verdict == "right"


# -- the bank: typos, unit, hint_penalty -------------------------------------------------------

def check(text: str) -> tuple[QuizBank | None, list[str]]:
    log = ProblemLog()
    bank = parse_bank(textwrap.dedent(text), PATH, log)
    return bank, [str(problem) for problem in log.problems]


def test_bank_and_question_typos_and_units_load() -> None:
    bank, problems = check("""\
        typos: false
        questions:
          - {id: a, type: short, prompt: P, answer: efficiency}
          - {id: b, type: short, prompt: P, answer: efficiency, typos: true}
          - {id: c, type: numeric, prompt: P, answer: 42, unit: "%"}
          - {id: d, type: numeric, prompt: P, answer: [1, 3], unit: [years, yrs]}
        """)
    assert problems == []
    assert bank is not None and bank.typos is False
    a, b, c, d = bank.questions
    assert (a.typos, b.typos) == (False, True)
    assert (c.units, d.units) == (("%",), ("years", "yrs"))
    assert grade(a, "efficency").verdict == "wrong" and grade(b, "efficency").verdict == "right"


@pytest.mark.parametrize(("text", "expected"), [
    ("typos: maybe\nquestions:\n  - {id: a, type: short, prompt: P, answer: x}\n",
     [f"{PATH}:1:8: 'typos' must be true or false, not text"]),
    ("questions:\n  - id: a\n    type: short\n    prompt: P\n    answer: x\n    typos: 1\n",
     [f"{PATH}:6:12: 'typos' must be true or false, not a number"]),
    ("questions:\n  - id: a\n    type: numeric\n    prompt: P\n    answer: 1\n    typos: false\n",
     [f"{PATH}:6:5: 'typos' applies only to short questions"]),
    ("questions:\n  - id: a\n    type: short\n    prompt: P\n    answer: x\n    unit: km\n",
     [f"{PATH}:6:5: 'unit' applies only to numeric questions"]),
    ("questions:\n  - id: a\n    type: numeric\n    prompt: P\n    answer: 1\n    unit: 5\n",
     [f"{PATH}:6:11: 'unit' must be a unit written as text, like \"%\" or km, or a list of them"]),
    ("questions:\n  - id: a\n    type: numeric\n    prompt: P\n    answer: 1\n    unit: [km, m2]\n",
     [f"{PATH}:6:16: unit 'm2' holds a digit: a unit is what follows the number, like % or km"]),
    ("questions:\n  - id: a\n    type: numeric\n    prompt: P\n    answer: 1\n    unit: []\n",
     [f"{PATH}:6:11: 'unit' is empty: name a unit, like \"%\" or km"]),
])
def test_bad_typos_and_units_are_reported_where_they_are(text: str, expected: list[str]) -> None:
    assert check(text)[1] == expected


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    import json

    schema = json.loads((Path(schemas_init).parent / "quizbank.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


@pytest.mark.parametrize(("bank", "valid"), [
    ({"typos": False, "questions": [{"id": "a", "type": "short", "prompt": "P", "answer": "x"}]}, True),
    ({"questions": [{"id": "a", "type": "short", "prompt": "P", "answer": "x", "typos": False}]}, True),
    ({"questions": [{"id": "a", "type": "numeric", "prompt": "P", "answer": 1, "unit": "%"}]}, True),
    ({"questions": [{"id": "a", "type": "numeric", "prompt": "P", "answer": 1, "unit": ["km", "kms"]}]}, True),
    ({"typos": "no", "questions": [{"id": "a", "type": "short", "prompt": "P", "answer": "x"}]}, False),
    ({"questions": [{"id": "a", "type": "numeric", "prompt": "P", "answer": 1, "typos": False}]}, False),
    ({"questions": [{"id": "a", "type": "short", "prompt": "P", "answer": "x", "unit": "km"}]}, False),
    ({"questions": [{"id": "a", "type": "numeric", "prompt": "P", "answer": 1, "unit": 5}]}, False),
    ({"questions": [{"id": "a", "type": "numeric", "prompt": "P", "answer": 1, "unit": "m2"}]}, False),
    ({"questions": [{"id": "a", "type": "numeric", "prompt": "P", "answer": 1, "unit": []}]}, False),
])
def test_schema_agrees_with_the_loader_on_typos_and_unit(bank: dict[str, Any], valid: bool,
                                                         validator: Draft202012Validator) -> None:
    import yaml

    assert validator.is_valid(bank) is valid
    assert (check(yaml.safe_dump(bank))[1] == []) is valid


def test_hints_cost_half_the_points_by_default() -> None:
    bank, problems = check("questions:\n  - {id: a, type: true_false, prompt: P, answer: true, hint: H}\n")
    assert problems == [] and bank is not None
    assert bank.hint_penalty == DEFAULT_HINT_PENALTY == 0.5
    run = QuizRun(bank, "S", 0.7, seed=1)
    assert run.answer(True, hint_used=True).grade.points == 0.5
    free, _ = check("hint_penalty: 0\nquestions:\n  - {id: a, type: true_false, prompt: P, answer: true}\n")
    assert free is not None and free.hint_penalty == 0.0


# -- overriding: the run -----------------------------------------------------------------------

def one_question_bank(question: Question, hint_penalty: float = 0.5) -> QuizBank:
    return QuizBank((question,), PATH, hint_penalty=hint_penalty)


def test_a_wrong_typed_answer_can_be_counted_right() -> None:
    run = QuizRun(one_question_bank(replace(short("Zhipu AI"), points=2.0)), "S", 0.7, seed=1)
    wrong = run.answer("Z.ai", hint_used=True)
    assert wrong.grade.verdict == "wrong" and wrong.can_override
    right = run.override()
    assert right.overridden and not right.can_override
    assert (right.grade.verdict, right.grade.points) == ("right", 1.0)  # less the hint's half
    assert run.result().points == 1.0
    with pytest.raises(ValueError):
        run.override()


@pytest.mark.parametrize(("question", "response"), [
    (short("DeepSeek"), "DeepSeek"),                                            # already right
    (short("DeepSeek"), None),                                                  # skipped
    (Question(id="s", type="single", prompt="P", choices=("A", "B"), correct=("A",)), "B"),
    (Question(id="t", type="true_false", prompt="P", truth=True), False),
])
def test_only_a_typed_answer_marked_wrong_can_be_overridden(question: Question, response: Any) -> None:
    run = QuizRun(one_question_bank(question), "S", 0.7, seed=1)
    assert not run.answer(response).can_override
    with pytest.raises(ValueError):
        run.override()


# -- overriding: the history -------------------------------------------------------------------

def clock() -> datetime:
    return NOW


def test_the_history_records_an_override_and_a_resume_keeps_it(tmp_path: Path) -> None:
    questions = (short("DeepSeek"), replace(numeric(7), id="n2"))
    bank = QuizBank(questions, PATH, shuffle=False)
    run = QuizRun(bank, "S", 0.7, seed=1)
    history, _ = History.open(tmp_path / "history.db", clock)
    with history:
        attempt = history.start_attempt("deck", "Deck", 0, "S", 1, run.asked)
        history.record_answer(attempt, run.answer("Deep Seek AI"), 3.0)
        history.override_answer(attempt, run.override())
        [record] = history.answers("deck")
        assert (record.verdict, record.points, record.overridden) == ("right", 1.0, True)
        left = history.open_attempt("deck", 0)
        assert left is not None and left.answers[0].overridden
        resumed = resume_run(left, bank, "S", 0.7)
        assert resumed is not None and resumed.answers[0].overridden
        assert resumed.answers[0].grade.points == 1.0
        stats = section_stats(history, "deck", ["S"])
        assert stats[0].overrides == 1 and stats_json(stats)["sections"][0]["overrides"] == 1


def test_an_old_history_migrates_and_reads_as_never_overridden(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    db = sqlite3.connect(path)
    for script in MIGRATIONS[:3]:
        db.executescript(script)
    db.execute("PRAGMA user_version = 3")
    db.execute("INSERT INTO attempts (deck_key, deck_title, section, section_title, seed, asked, question_count, "
               "total, started_at) VALUES ('deck', 'Deck', 0, 'S', 1, ?, 1, 1.0, ?)",
               ('[{"id": "q", "hash": "h", "type": "short", "choices": []}]', NOW.isoformat()))
    db.execute("INSERT INTO answers (attempt_id, position, question_id, question_hash, response, points, possible, "
               "verdict, hint_used, seconds, answered_at) VALUES (1, 0, 'q', 'h', '\"x\"', 0, 1, 'wrong', 0, 2.0, ?)",
               (NOW.isoformat(),))
    db.commit()
    db.close()
    history, _ = History.open(path, clock)
    with history:
        assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4
        [record] = history.answers("deck")
        assert (record.verdict, record.overridden) == ("wrong", False)
        left = history.open_attempt("deck", 0)
        assert left is not None and left.answers[0].overridden is False


# -- the screens -------------------------------------------------------------------------------

DECK = {
    "deck.yaml": "title: Grading\n",
    "slides/01-one.md": "---\ntitle: One\ntakeaways: [labs]\n---\n\n# Labs\n\nDeepSeek, Zhipu\n",
    "quizzes/01-one.yaml": textwrap.dedent("""\
        shuffle: false
        shuffle_choices: false
        questions:
          - {id: lab, type: short, prompt: Which lab?, answer: [efficiency], hint: It starts with e}
          - {id: name, type: short, prompt: Which name?, answer: [DeepSeek]}
          - {id: tf, type: true_false, prompt: Labs exist?, answer: true}
          - {id: many, type: multiple, prompt: Which?, choices: [A, B, C], answer: [A, B]}
          - {id: share, type: numeric, prompt: What share?, answer: 42, unit: "%"}
        """),
}


def key_bar_keys(app) -> list[str]:  # type: ignore[no-untyped-def]
    bar = app.screen.query_one(KeyBar)
    hints, _palette = bar.hints_of(app.screen)
    return [hint.key for hint in hints if hint.enabled]


async def quiz(pilot) -> QuizScreen:  # type: ignore[no-untyped-def]
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, QuizScreen))
    screen = pilot.app.screen
    assert isinstance(screen, QuizScreen)
    return screen


async def feedback(pilot, screen: QuizScreen) -> None:  # type: ignore[no-untyped-def]
    await wait_until(pilot, lambda: screen.phase == "feedback")
    await pilot.pause()


def feedback_text(screen: QuizScreen) -> str:
    return str(screen.query_one("#quiz-feedback").render())


async def next_question(pilot, screen: QuizScreen, index: int) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("enter")
    await wait_until(pilot, lambda: screen.phase == "asking" and screen.run.index == index)
    await pilot.pause()


async def test_a_typo_is_named_and_a_wrong_answer_can_be_counted_right(tmp_path: Path) -> None:
    presentation = load_presentation(write_deck(tmp_path / "deck", DECK))
    db = tmp_path / "history.db"
    app = build_app(presentation, learner=Learner.open(db, presentation.deck, clock), study=[0])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await quiz(pilot)
        # The first question has a hint: F2 is offered, in the key bar and in the prompt.
        assert "f2" in key_bar_keys(app)
        assert "F2 hint" in instructions(screen.run.current.question)
        assert "r" not in key_bar_keys(app)
        await pilot.press(*"efficency", "enter")
        await feedback(pilot, screen)
        assert "Right (accepted 'efficency' as 'efficiency')" in feedback_text(screen)
        assert "r" not in key_bar_keys(app)  # a right answer is not overridden
        await next_question(pilot, screen, 1)
        # No hint here: no F2 anywhere.
        assert "f2" not in key_bar_keys(app)
        assert "F2" not in instructions(screen.run.current.question)
        await pilot.press(*"Deep Sea", "enter")
        await feedback(pilot, screen)
        assert "✗ Wrong" in feedback_text(screen)
        assert "r" in key_bar_keys(app) and "r: I was right" in feedback_text(screen)
        await pilot.press("r")
        await wait_until(pilot, lambda: screen.run.answers[-1].overridden)
        await pilot.pause()
        assert "✓ Right (counted right by you)" in feedback_text(screen)
        assert "r" not in key_bar_keys(app)
        assert screen.run.answers[-1].grade.points == 1.0
        await next_question(pilot, screen, 2)
        for key in ("f3", "enter", "f3", "enter", "f3", "enter"):
            await pilot.press(key)
        await wait_until(pilot, lambda: isinstance(app.screen, ResultsScreen))
        await pilot.pause()
        review = app.screen.query_one(ReviewList).whole_text()
        assert "2. ✓ Right (counted right by you)" in review
        assert "1. ✓ Right (accepted 'efficency' as 'efficiency')" in review
    with History.open(db, clock)[0] as history:
        records = {record.question_id: record for record in history.answers()}
        assert records["name"].overridden and records["name"].verdict == "right"
        assert not records["lab"].overridden


async def test_keys_are_offered_only_where_they_work(tmp_path: Path) -> None:
    presentation = load_presentation(write_deck(tmp_path / "deck", DECK))
    app = build_app(presentation, learner=Learner.open(None, presentation.deck), study=[0])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await quiz(pilot)
        assert not {"t", "f", "v"} & set(key_bar_keys(app))
        await pilot.press("f3")
        await feedback(pilot, screen)
        assert "v" in key_bar_keys(app)  # re-reading the slides works on the feedback
        await next_question(pilot, screen, 1)
        await pilot.press("f3")
        await next_question(pilot, screen, 2)
        assert screen.run.current.question.type == "true_false"
        assert {"t", "f"} <= set(key_bar_keys(app))
        assert "f2" not in key_bar_keys(app) and "v" not in key_bar_keys(app)
        assert "t or f" in instructions(screen.run.current.question)
        await pilot.press("t")
        await feedback(pilot, screen)
        assert screen.run.answers[-1].grade.verdict == "right"
        assert "r" not in key_bar_keys(app)  # true/false is not a typed answer
        await next_question(pilot, screen, 3)
        await pilot.press("f3")
        await next_question(pilot, screen, 4)
        # A numeric question with a unit: the prompt says so, and the unit may be typed.
        assert "in %" in instructions(screen.run.current.question)
        assert isinstance(screen.answer_widget, TextAnswer) and screen.answer_widget.units == ("%",)
        await pilot.press(*"42%", "enter")
        await feedback(pilot, screen)
        assert screen.run.answers[-1].grade.verdict == "right"


async def test_the_last_question_can_be_reread_and_overridden(tmp_path: Path) -> None:
    presentation = load_presentation(write_deck(tmp_path / "deck", DECK))
    app = build_app(presentation, learner=Learner.open(None, presentation.deck), study=[0])
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await quiz(pilot)
        for index in range(1, 5):
            await pilot.press("f3")
            await next_question(pilot, screen, index)
        await pilot.press(*"41", "enter")
        await feedback(pilot, screen)
        assert screen.run.finished
        assert {"r", "v"} <= set(key_bar_keys(app))
        await pilot.press("r")
        await wait_until(pilot, lambda: screen.run.answers[-1].overridden)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ResultsScreen))
        assert app.screen.result.points == 1.0


async def test_ticked_boxes_differ_by_glyph_without_colour(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    presentation = load_presentation(write_deck(tmp_path / "deck", DECK))
    app = build_app(presentation, learner=Learner.open(None, presentation.deck), study=[0])
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.no_color
        screen = await quiz(pilot)
        for index in range(1, 4):
            await pilot.press("f3")
            await next_question(pilot, screen, index)
        picker = screen.answer_widget
        assert isinstance(picker, ManyPicker)
        await pilot.press("1")
        await wait_until(pilot, lambda: picker.selected == [0])
        await pilot.pause()
        rows = [picker.render_line(y).text for y in range(3)]
        assert rows[0].startswith("▐✓▌ 1. A")
        assert rows[1].startswith("▐ ▌ 2. B") and rows[2].startswith("▐ ▌ 3. C")
        await pilot.press("1", "2")
        await wait_until(pilot, lambda: picker.selected == [1])
        await pilot.pause()
        assert picker.render_line(0).text.startswith("▐ ▌ 1. A")
        assert picker.render_line(1).text.startswith("▐✓▌ 2. B")


# -- overrides through the recorder, in the statistics -----------------------------------------

def test_an_override_is_saved_even_when_its_answer_waited_to_be_saved(tmp_path: Path, monkeypatch) -> None:
    from tui.domain.errors import HistoryWriteFailed

    presentation = load_presentation(write_deck(tmp_path / "deck", DECK))
    learner = Learner.open(tmp_path / "history.db", presentation.deck, clock)
    bank = presentation.banks[0]
    run = QuizRun(bank, "One", 0.7, seed=1)
    recorder = learner.recorder(0, "One", run)
    assert recorder.answered(run.answer("efficiency"), 2.0) is None
    assert learner.history is not None
    real = learner.history.record_answer

    def full_disk(*args: Any, **kwargs: Any) -> None:
        raise HistoryWriteFailed("the disk is full")

    monkeypatch.setattr(learner.history, "record_answer", full_disk)
    assert "the disk is full" in (recorder.answered(run.answer("Deep Sea"), 2.0) or "")
    monkeypatch.setattr(learner.history, "record_answer", real)
    recorder.overridden(run.override())  # saves the waiting answer, counted right
    recorder.answered(run.answer(False), 2.0)
    assert recorder.overridden(run.answers[-1]) is None  # not a typed answer: nothing to do
    records = {record.question_id: record for record in learner.history.answers()}
    assert records["name"].overridden and records["name"].verdict == "right"
    assert not records["lab"].overridden and records["tf"].verdict == "wrong"
    stats, _ = learner.statistics()
    assert stats[0].overrides == 1


async def test_the_statistics_say_how_many_answers_were_overridden(tmp_path: Path) -> None:
    presentation = load_presentation(write_deck(tmp_path / "deck", DECK))
    learner = Learner.open(tmp_path / "history.db", presentation.deck, clock)
    run = QuizRun(presentation.banks[0], "One", 0.7, seed=1)
    recorder = learner.recorder(0, "One", run)
    for typed in ("nothing like it", "still not"):
        recorder.answered(run.answer(typed), 2.0)
        recorder.overridden(run.override())
    recorder.finished()
    app = build_app(presentation, learner=learner)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("i")
        await wait_until(pilot, lambda: bool(app.screen.query("#statistics-overrides")))
        line = str(app.screen.query_one("#statistics-overrides").render())
        assert line == '2 answers marked wrong and counted right by you ("I was right")'
    learner.close()
    from tests.support.cli import podium

    table = podium("stats", str(tmp_path / "deck"), "--data-dir", str(tmp_path))
    assert table.returncode == 0 and "2 answers marked wrong and counted right by you" in table.stdout


def test_an_override_in_review_rates_the_card_again_as_right(tmp_path: Path) -> None:
    from tui.domain.learner import ReviewRecorder

    presentation = load_presentation(write_deck(tmp_path / "deck", DECK))
    learner = Learner.open(tmp_path / "history.db", presentation.deck, clock)
    assert learner.history is not None
    name = next(q for q in presentation.banks[0].questions if q.id == "name")
    run = QuizRun(QuizBank((name,), PATH), "Review", 0.0, seed=1)
    recorder = ReviewRecorder(learner, [0], run)
    assert recorder.answered(run.answer("Deep Sea"), 2.0) is None
    wrong = learner.history.card(learner.key, 0, "name")
    assert wrong is not None and wrong.reviews == 1
    assert recorder.overridden(run.override()) is None
    right = learner.history.card(learner.key, 0, "name")
    assert right is not None and right.reviews == 2 and right.due >= wrong.due
    assert learner.history.answers() == []  # review answers are not quiz attempts


def test_gift_export_names_a_lost_unit_and_not_the_default_hint_penalty(tmp_path: Path) -> None:
    from tests.support.cli import podium
    from tui.domain.gift import export_gift

    bank, problems = check("questions:\n  - {id: share, type: numeric, prompt: P, answer: 42, unit: \"%\"}\n")
    assert problems == [] and bank is not None
    log = ProblemLog()
    assert "// share: unit '%' is not kept" in export_gift(bank, log)
    assert [problem.message for problem in log.problems] == [
        "question 'share': unit '%' is not kept: GIFT numbers have no unit, so a learner must type the number alone"]
    plain = tmp_path / "plain.yaml"
    plain.write_text("questions:\n  - {id: a, type: true_false, prompt: P, answer: true}\n", encoding="utf-8")
    result = podium("export", str(plain), "--gift")
    assert result.returncode == 0 and "hint_penalty" not in result.stderr
    plain.write_text("hint_penalty: 0\nquestions:\n  - {id: a, type: true_false, prompt: P, answer: true}\n",
                     encoding="utf-8")
    assert "GIFT has no place for the bank's hint_penalty" in podium("export", str(plain), "--gift").stderr


@pytest.mark.parametrize("value", [2, 0.5, "yes"])
def test_a_damaged_overridden_value_leaves_its_row_out_and_says_so(tmp_path: Path, value: Any) -> None:
    bank = QuizBank((short("DeepSeek"),), PATH)
    run = QuizRun(bank, "S", 0.7, seed=1)
    path = tmp_path / "history.db"
    history, _ = History.open(path, clock)
    with history:
        attempt = history.start_attempt("deck", "Deck", 0, "S", 1, run.asked)
        history.record_answer(attempt, run.answer("nope"), 3.0)
    db = sqlite3.connect(path)
    db.execute("UPDATE answers SET overridden = ?", (value,))
    db.commit()
    db.close()
    history, _ = History.open(path, clock)
    with history:
        assert history.answers("deck") == []
        [notice] = history.take_notices()
        assert "where 0 or 1 was expected" in notice


def test_an_override_the_history_cannot_take_is_said(tmp_path: Path, monkeypatch) -> None:
    from tui.domain.errors import HistoryWriteFailed

    presentation = load_presentation(write_deck(tmp_path / "deck", DECK))
    learner = Learner.open(tmp_path / "history.db", presentation.deck, clock)
    run = QuizRun(presentation.banks[0], "One", 0.7, seed=1)
    recorder = learner.recorder(0, "One", run)
    recorder.answered(run.answer("nothing like it"), 2.0)

    def full_disk(*args: Any, **kwargs: Any) -> None:
        raise HistoryWriteFailed("the disk is full")

    assert learner.history is not None
    monkeypatch.setattr(learner.history, "override_answer", full_disk)
    message = recorder.overridden(run.override())
    assert message == ("the disk is full: the answer still counts as right in this quiz, but the history "
                       "keeps it as wrong")
    assert run.result().points == 1.0
