"""The cloze and match question types: reading them (every mistake at its line and column),
grading them per blank and per pair, their asked order, the history, handouts, GIFT and the
quiz screen answered with keys."""

from __future__ import annotations

import json
import textwrap
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

import tui
from tests.conftest import FIXTURES, build_app, wait_until
from tests.quiz_driver import answer
from tests.support.pages import quiz_page, settled
from tui.domain import scoring
from tui.domain.cloze import parse_cloze
from tui.domain.errors import ProblemLog
from tui.domain.gift import export_gift, import_gift
from tui.domain.handout import html_handout, markdown_handout
from tui.domain.history import History, decode_response, encode_response, resume_run
from tui.domain.identity import bank_hashes, deck_key, question_hash
from tui.domain.loader import load_presentation
from tui.domain.quizbank import CLOZE_PROMPT, QuizBank, load_bank, parse_bank
from tui.domain.quizrun import QuizRun, prepare, response_text
from tui.domain.scoring import grade
from tui.ui.screens.quiz import QuizScreen
from tui.ui.screens.results import ResultsScreen
from tui.ui.widgets.answer_inputs import BlankInput, ClozeAnswer, MatchPicker

DECK = FIXTURES / "cloze-match"
BANK = DECK / "quizzes" / "01-solar.yaml"
SCHEMA = json.loads((Path(tui.__file__).parent / "schemas" / "quizbank.schema.json").read_text(encoding="utf-8"))


def problems(text: str) -> list[str]:
    log = ProblemLog()
    parse_bank(textwrap.dedent(text), "bank.yaml", log)
    return [str(problem) for problem in log.problems]


def bank() -> QuizBank:
    return load_bank(BANK)


def cloze():  # type: ignore[no-untyped-def]
    return next(q for q in bank().questions if q.type == "cloze")


def match():  # type: ignore[no-untyped-def]
    return next(q for q in bank().questions if q.type == "match")


# -- reading ------------------------------------------------------------------------------------


def test_a_cloze_is_read_into_its_blanks_with_a_default_prompt() -> None:
    question = cloze()
    assert question.prompt == CLOZE_PROMPT
    assert [(b.number, b.answer, b.hint) for b in question.blanks] == [(1, "Mercury", ""), (2, "Jupiter", "the giant")]
    assert question.pieces == ("", " is the planet closest to the Sun, and ", " is the largest.")
    assert question.right_answer() == "Mercury is the planet closest to the Sun, and Jupiter is the largest."


def test_a_match_is_read_into_pairs_and_every_right_item_once() -> None:
    question = match()
    assert question.pairs == (("Earth", "the Moon"), ("Mars", "Phobos"), ("Jupiter", "Europa"))
    assert question.choices == ("the Moon", "Phobos", "Europa", "Titan")
    assert question.right_answer() == "Earth → the Moon; Mars → Phobos; Jupiter → Europa"


def test_malformed_cloze_markers_are_each_reported_at_their_line_and_column() -> None:
    found = problems("""\
        questions:
          - id: a
            type: cloze
            text: "One {{c0::x}} two {{c1::}} three {{c2::y"
          - id: b
            type: cloze
            text: |
              Line one has {{c1::fine}}.
              Line two has {{c2}} and {{c3::a::b::c}}.
          - id: c
            type: cloze
            text: No blanks at all.
          - id: d
            type: cloze
            prompt: Fill
            text: "{{cx::word}}"
        """)
    assert found == [
        "bank.yaml:4:16: 'c0': blank numbers start at c1",
        "bank.yaml:4:30: blank c1 has an empty answer",
        "bank.yaml:4:45: unclosed '{{': a blank is written {{c1::answer}}",
        "bank.yaml:9:20: '{{c2}}' is not a blank: write {{c1::answer}}",
        "bank.yaml:9:31: a blank has at most an answer and a hint: {{c1::answer::hint}}",
        "bank.yaml:12:11: no blanks: mark at least one as {{c1::answer}}",
        "bank.yaml:16:12: 'cx' is not a blank number: write c1, c2, ...",
    ]


def test_cloze_and_match_keys_are_checked_like_the_others() -> None:
    found = problems("""\
        questions:
          - id: a
            type: cloze
            answer: x
          - id: b
            type: match
            pairs:
              - {left: A, right: one}
              - {left: A, right: two}
              - {left: B}
              - nope
            distractors: [one]
          - id: c
            type: match
            pairs: [{left: A, right: one}]
          - id: d
            type: single
            prompt: P
            choices: [x, y]
            answer: x
            text: "{{c1::x}}"
        """)
    assert found == [
        "bank.yaml:4:5: a cloze question has no 'answer': its blanks are marked in 'text' as {{c1::answer}}",
        "bank.yaml:2:5: missing 'text'",
        "bank.yaml:9:16: left item 'A' is listed twice",
        "bank.yaml:10:9: missing 'right'",
        "bank.yaml:11:9: pair 4 must be a mapping {left: ..., right: ...}, not text",
        "bank.yaml:12:19: distractor 'one' is already a right item",
        "bank.yaml:15:12: too few pairs: 1 given, at least 2 needed",
        "bank.yaml:21:5: 'text' applies only to cloze questions",
    ]


def test_check_reports_every_mistake_of_the_new_types(tmp_path: Path) -> None:
    from tests.support.cli import podium

    deck = tmp_path / "deck"
    (deck / "slides").mkdir(parents=True)
    (deck / "quizzes").mkdir()
    (deck / "slides" / "01-a.md").write_text("---\ntitle: A\ntakeaways: [x]\n---\n\n# A\n\nx\n", encoding="utf-8")
    (deck / "quizzes" / "01-a.yaml").write_text(
        "questions:\n  - id: a\n    type: cloze\n    text: \"{{c1::x}} and {{c0::y}}\"\n"
        "  - id: b\n    type: match\n    pairs: [{left: A, right: 1}]\n", encoding="utf-8")
    result = podium("check", str(deck))
    assert result.returncode != 0
    assert "quizzes/01-a.yaml:4:26: error: 'c0': blank numbers start at c1" in result.stdout + result.stderr
    assert "quizzes/01-a.yaml:7:12: error: too few pairs: 1 given, at least 2 needed" in result.stdout + result.stderr


def test_the_schema_accepts_the_fixture_and_rejects_misplaced_keys() -> None:
    validator = Draft202012Validator(SCHEMA)
    data = yaml.safe_load(BANK.read_text(encoding="utf-8"))
    assert list(validator.iter_errors(data)) == []
    bad: list[dict[str, Any]] = [
        {"id": "a", "type": "cloze"},  # no text
        {"id": "a", "type": "match", "pairs": [{"left": "x", "right": "y"}]},  # one pair
        {"id": "a", "type": "match", "pairs": [{"left": "x"}, {"left": "y", "right": "z"}]},
        {"id": "a", "type": "cloze", "text": "{{c1::x}}", "choices": ["a", "b"]},
        {"id": "a", "type": "short", "prompt": "p", "answer": "x", "pairs": []},
        {"id": "a", "type": "short", "answer": "x"},  # no prompt
    ]
    for question in bad:
        assert list(validator.iter_errors({"questions": [question]})), question


# -- the cloze parser ----------------------------------------------------------------------------


def test_parse_cloze_keeps_the_text_around_the_blanks() -> None:
    parsed, errors = parse_cloze("{{c1::a}}{{c2::b::hint}} end")
    assert errors == []
    assert parsed.pieces == ("", "", " end")
    assert [(b.number, b.answer, b.hint) for b in parsed.blanks] == [(1, "a", ""), (2, "b", "hint")]


# -- grading ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "points", "verdict"), [
    (("Mercury", "Jupiter"), 1.0, "right"),
    (("  MERCURY ", "jupiter"), 1.0, "right"),  # short-answer comparison: case and spaces
    (("Mercury", ""), 0.5, "partial"),
    (("Venus", "Jupiter"), 0.5, "partial"),
    (("Venus", "Saturn"), 0.0, "wrong"),
    (("Mercury",), 0.5, "partial"),  # a short response counts the missing blanks as empty
])
def test_a_cloze_earns_a_share_per_blank(typed: tuple[str, ...], points: float, verdict: str) -> None:
    result = grade(cloze(), typed)
    assert (result.points, result.verdict) == (points, verdict)


def test_each_blank_is_graded_by_the_short_answer_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blank goes through the short-answer grading itself: a change to that reaches blanks."""
    seen = []
    real = scoring._fraction

    def spy(question, response):  # type: ignore[no-untyped-def]
        if question.type == "short":
            seen.append((question.correct, response))
        return real(question, response)

    monkeypatch.setattr(scoring, "_fraction", spy)
    grade(cloze(), ("mercury", "Jupiter"))
    assert seen == [(("Mercury",), "mercury"), (("Jupiter",), "Jupiter")]


@pytest.mark.parametrize(("picks", "points", "verdict"), [
    (("the Moon", "Phobos", "Europa"), 1.0, "right"),
    (("the Moon", "Europa", "Phobos"), 0.333333, "partial"),
    (("the Moon", "", ""), 0.333333, "partial"),
    (("Titan", "the Moon", "Phobos"), 0.0, "wrong"),
])
def test_a_match_earns_a_share_per_pair(picks: tuple[str, ...], points: float, verdict: str) -> None:
    result = grade(match(), picks)
    assert (result.points, result.verdict) == (points, verdict)


def test_skipping_either_scores_nothing() -> None:
    assert grade(cloze(), None).verdict == grade(match(), None).verdict == "skipped"


def test_responses_read_as_the_learner_gave_them() -> None:
    assert response_text(cloze(), ("Mercury", "")) == "[1] Mercury; [2] (empty)"
    assert response_text(match(), ("the Moon", "", "Titan")) == "Earth → the Moon; Mars → (none); Jupiter → Titan"


# -- asked order ------------------------------------------------------------------------------


def test_match_items_are_shuffled_by_the_seed_and_never_left_in_line() -> None:
    question = match()
    orders = {prepare(bank(), seed)[1].choices for seed in range(40)}
    assert question.choices not in orders  # never the bank's order, where rights line up with lefts
    assert len(orders) > 5
    assert all(sorted(order) == sorted(question.choices) for order in orders)
    assert prepare(bank(), 12)[1].choices == prepare(bank(), 12)[1].choices


def test_the_new_types_have_their_own_fingerprints() -> None:
    question = cloze()
    assert question_hash(question) != question_hash(replace(question, text="{{c1::Mars}}"))
    other = match()
    assert question_hash(other) != question_hash(replace(other, pairs=other.pairs[:2]))


# -- the history ------------------------------------------------------------------------------


def test_responses_are_stored_as_json_lists_and_read_back() -> None:
    assert encode_response(("Mercury", "")) == '["Mercury", ""]'
    assert decode_response("cloze", '["Mercury", ""]') == ("Mercury", "")
    assert decode_response("match", '["the Moon", "", "Titan"]') == ("the Moon", "", "Titan")
    for kind in ("cloze", "match"):
        with pytest.raises(ValueError):
            decode_response(kind, '"Mercury"')


def test_a_quiz_of_the_new_types_is_recorded_and_resumes(tmp_path: Path) -> None:
    presentation = load_presentation(DECK)
    quiz = presentation.banks[0]
    moment = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    history, _ = History.open(tmp_path / "history.db", lambda: moment)
    run = QuizRun(quiz, "The solar system", 0.7, seed=5)
    key = deck_key(presentation.deck)
    attempt = history.start_attempt(key, "Cloze and match", 0, run.section, run.seed, run.asked)
    first = run.answer(("Mercury", "Saturn") if run.current.question.type == "cloze" else ("the Moon", "", ""))
    history.record_answer(attempt, first, seconds=4.0)
    history.close()

    history, _ = History.open(tmp_path / "history.db", lambda: moment)
    left = history.open_attempt(key, 0, bank_hashes(quiz))
    assert left is not None
    resumed = resume_run(left, quiz, "The solar system", 0.7)
    assert resumed is not None
    assert resumed.answers == run.answers
    assert resumed.answers[0].grade.verdict == "partial"
    [record] = history.answers(key)
    assert json.loads(record.response) == list(first.response)
    history.close()


# -- handouts and GIFT ------------------------------------------------------------------------


def test_handouts_show_blanks_and_both_sides_and_the_key_the_answers() -> None:
    presentation = load_presentation(DECK)
    markdown = markdown_handout(presentation, notes=False, answers=True)
    assert "\\[1 \\_\\_\\_\\_\\] is the planet closest to the Sun, and \\[2: the giant\\] is the largest." in markdown
    assert "- A. Earth \\_\\_\\_\\_" in markdown
    assert "- 4\\. Titan" in markdown  # the right items in a neutral (alphabetical) order
    assert "**Answer:** Mercury is the planet closest to the Sun, and Jupiter is the largest." in markdown
    assert "**Answer:** Earth → the Moon; Mars → Phobos; Jupiter → Europa" in markdown
    page = html_handout(presentation, notes=False, answers=True)
    assert '<p class="cloze">[1 ____] is the planet closest to the Sun, and [2: the giant] is the largest.</p>' in page
    assert "<li>C. Jupiter ____</li>" in page and "<li>1. Europa</li>" in page
    assert "Mercury is the planet closest" in page.split('id="answer-key"', 1)[1]


def test_gift_matching_imports_as_a_match() -> None:
    text = "::moons:: Match them. {\n =Earth -> the Moon\n =Mars -> Phobos\n = -> Titan\n ####Titan is Saturn's.\n}\n"
    data, found = import_gift(text, "m.gift")
    assert found == []
    assert data["questions"] == [{
        "id": "moons", "type": "match", "prompt": "Match them.", "explanation": "Titan is Saturn's.",
        "pairs": [{"left": "Earth", "right": "the Moon"}, {"left": "Mars", "right": "Phobos"}],
        "distractors": ["Titan"],
    }]


def test_gift_export_writes_a_match_that_imports_back_the_same() -> None:
    out = export_gift(QuizBank(questions=(match(),), path="b.yaml"))
    assert "=Earth -> the Moon" in out and "= -> Titan" in out
    data, found = import_gift(out, "b.gift")
    assert found == []
    log = ProblemLog()
    back = parse_bank(yaml.safe_dump(data), "back.yaml", log)
    assert back is not None and not log.problems
    assert back.questions[0].pairs == match().pairs
    assert back.questions[0].choices == match().choices


def test_a_one_blank_cloze_exports_as_missing_word_and_more_blanks_with_a_warning() -> None:
    one = replace(cloze(), id="one", text="x", blanks=cloze().blanks[:1],
                  pieces=("The closest planet, ", ", is small."))
    log = ProblemLog()
    out = export_gift(QuizBank(questions=(one, cloze()), path="b.yaml"), log)
    assert "::one:: The closest planet, {\n\t=Mercury\n\t####The slide names both.\n}, is small." in out
    data, _ = import_gift(out, "b.gift")
    assert data["questions"][0]["prompt"] == "The closest planet, _____, is small."
    assert data["questions"][0]["answer"] == ["Mercury"]
    assert [(p.severity, str(p)) for p in log.problems] == [
        ("warning", "b.yaml:5:1: question 'closest' not exported: 2 blanks: a GIFT missing-word question has one "
         "(Moodle's Cloze format, not GIFT, has several)")]


# -- answering with keys ------------------------------------------------------------------------


async def _open_quiz(pilot) -> QuizScreen:  # type: ignore[no-untyped-def]
    await settled(pilot)
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, QuizScreen) and pilot.app.screen.query(
        "#answer"))
    return pilot.app.screen


async def _skip_to_match(pilot, screen: QuizScreen) -> None:  # type: ignore[no-untyped-def]
    """Skip the cloze question (the first) and wait for the match picker."""
    await pilot.press("f3", "enter")
    await wait_until(pilot, lambda: isinstance(screen.answer_widget, MatchPicker))


CASES = {
    "right": (("Mercury", "Jupiter"), ("the Moon", "Phobos", "Europa"), 2.0),
    "partly": (("mercury", ""), ("the Moon", "", "Titan"), 0.833333),
    "wrong": (("Venus", "Mars"), ("Titan", "the Moon", "Phobos"), 0.0),
}


@pytest.mark.parametrize("case", list(CASES))
async def test_both_types_answered_with_keys(case: str, tmp_path: Path) -> None:
    typed, picks, total = CASES[case]
    presentation = load_presentation(DECK)
    app = build_app(presentation, start=quiz_page(presentation))
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await _open_quiz(pilot)
        for _ in range(2):
            asked = screen.run.current
            await answer(pilot, asked, typed if asked.question.type == "cloze" else picks)
            await wait_until(pilot, lambda: screen.phase == "feedback")
            await pilot.press("enter")
            await pilot.pause()
        await wait_until(pilot, lambda: isinstance(app.screen, ResultsScreen))
        result = app.screen.result
        assert [a.response for a in result.answers] == [typed, picks]
        assert result.points == total


async def test_typing_fast_across_blanks_keeps_each_word_in_its_blank(tmp_path: Path) -> None:
    """Enter on a blank moves on as the key is read: the letters after it land in the next blank."""
    from tests.support.answers import burst

    presentation = load_presentation(DECK)
    app = build_app(presentation, start=quiz_page(presentation))
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await _open_quiz(pilot)
        assert isinstance(screen.answer_widget, ClozeAnswer)
        burst(app, *"Mercury", "enter", *"Jupiter")
        fields = list(screen.query(BlankInput))
        await wait_until(pilot, lambda: fields[1].value == "Jupiter")
        assert fields[0].value == "Mercury"
        burst(app, "enter")
        await wait_until(pilot, lambda: screen.phase == "feedback")
        assert screen.run.answers[0].grade.verdict == "right"


async def test_the_match_picker_takes_arrows_numbers_and_clearing(tmp_path: Path) -> None:
    presentation = load_presentation(DECK)
    app = build_app(presentation, start=quiz_page(presentation))
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await _open_quiz(pilot)
        await _skip_to_match(pilot, screen)
        picker = screen.answer_widget
        rights = screen.run.current.choices
        await pilot.press("enter")  # nothing picked yet: not an answer
        assert screen.phase == "asking"
        await pilot.press("right", "right")  # the second right item for Earth
        assert picker.response() == (rights[1], "", "")
        await pilot.press("backspace")
        assert picker.response() is None
        await pilot.press("9")  # past the list: nothing happens
        assert picker.response() is None
        await pilot.press("down", "left")  # the last right item for Mars
        assert picker.response() == ("", rights[-1], "")
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen.phase == "feedback")


async def test_key_bursts_on_the_match_picker_do_not_crash(tmp_path: Path) -> None:
    from tests.support.answers import burst

    presentation = load_presentation(DECK)
    app = build_app(presentation, start=quiz_page(presentation))
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await _open_quiz(pilot)
        await _skip_to_match(pilot, screen)
        keys = ["1", "down", "pagedown", "4", "right", "left", "backspace", "up", "pageup", "9", "end",
                "home", "delete", "3", "2"]
        burst(app, *keys * 4, "enter", "enter", "enter")
        # The first Enter answers; the others, read before the answer was handled, do nothing.
        await wait_until(pilot, lambda: screen.phase == "feedback")
        assert getattr(app, "_exception", None) is None
        assert screen.run.answers[-1].response is not None
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ResultsScreen))


# -- study mode, statistics, history export and review ------------------------------------------


async def test_study_statistics_export_and_review_take_the_new_types(tmp_path: Path) -> None:
    from tests.support.cli import podium
    from tests.support.clock import FakeClock
    from tui.domain.learner import Learner

    presentation = load_presentation(DECK)
    day0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    db = tmp_path / "history.db"
    learner = Learner.open(db, presentation.deck, FakeClock(day0))
    app = build_app(presentation, learner=learner, study=[0])
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, QuizScreen) and app.screen.query("#answer"))
        screen = app.screen
        for _ in range(2):
            asked = screen.run.current
            # The cloze half right, the match all right.
            await answer(pilot, asked, ("Mercury", "Saturn") if asked.question.type == "cloze"
                         else ("the Moon", "Phobos", "Europa"))
            await wait_until(pilot, lambda: screen.phase == "feedback")
            await pilot.press("enter")
            await pilot.pause()
        await wait_until(pilot, lambda: isinstance(app.screen, ResultsScreen))
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")
        await wait_until(pilot, lambda: not app.is_running)

    stats = json.loads(podium("stats", str(DECK), "--json", "--data-dir", str(tmp_path)).stdout)
    [section] = stats["sections"]
    assert section["attempts"] == 1 and section["last"] == 0.75
    rows = json.loads(podium("history", "export", "--format", "json", "--data-dir", str(tmp_path)).stdout)
    by_id = {row["question_id"]: row for row in rows}
    assert by_id["closest"]["response"] == ["Mercury", "Saturn"]
    assert by_id["closest"]["verdict"] == "partial"
    assert by_id["moons"]["response"] == ["the Moon", "Phobos", "Europa"]

    # A day later the half-right cloze is due; reviewing it asks it again with its blanks.
    later = Learner.open(db, presentation.deck, FakeClock(day0 + timedelta(days=1, minutes=1)))
    due = later.due_questions(presentation.banks, None)
    assert [q.id for _, q in due] == ["closest"]
    app = build_app(presentation, learner=later, review=due)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, QuizScreen) and app.screen.query("#answer"))
        screen = app.screen
        assert isinstance(screen.answer_widget, ClozeAnswer)
        await answer(pilot, screen.run.current, ("Mercury", "Jupiter"))
        await wait_until(pilot, lambda: screen.phase == "feedback")
        assert screen.run.answers[0].grade.verdict == "right"


def test_reviews_and_statistics_name_a_cloze_by_its_text() -> None:
    """A cloze's prompt is only an instruction ("Fill in the blanks."): the results review and the
    most-missed list of the statistics show its text with the blanks numbered."""
    from tui.domain.stats import question_prompts
    from tui.ui.widgets.review_list import review_text

    run = QuizRun(bank(), "The solar system", 0.7, seed=1)
    run.answer(("Venus", ""))
    text = review_text(1, run.result()).plain
    assert "Fill in the blanks. [1 ____] is the planet closest to the Sun, and [2: the giant] is the largest." in text
    prompts = question_prompts({0: bank()})
    assert prompts[(0, "closest")].startswith("Fill in the blanks. [1 ____] is the planet")
    assert prompts[(0, "moons")] == "Match each planet with one of its moons."


async def test_the_feedback_after_a_match_is_scrolled_into_view_on_a_small_terminal() -> None:
    presentation = load_presentation(DECK)
    app = build_app(presentation, start=quiz_page(presentation))
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await _open_quiz(pilot)
        await _skip_to_match(pilot, screen)
        await pilot.press("1", "2", "enter")
        await wait_until(pilot, lambda: screen.phase == "feedback")
        quiz = screen.query_one("#quiz")
        await wait_until(pilot, lambda: quiz.max_scroll_y > 0 and quiz.scroll_y == quiz.max_scroll_y)


def test_a_cloze_or_match_with_markup_like_text_exports_as_plain_gift() -> None:
    question = replace(cloze(), id="tag", text="[html] <b>bold</b> is {{c1::Mercury}}", blanks=cloze().blanks[:1],
                       pieces=("[html] <b>bold</b> is ", ""))
    out = export_gift(QuizBank(questions=(question,), path="b.yaml"))
    assert "::tag:: [plain][html] <b>bold</b> is {" in out
    pair = replace(match(), pairs=(("<i>Earth</i>", "the Moon"), ("Mars", "Phobos")))
    assert ":: [plain]Match each planet" in export_gift(QuizBank(questions=(pair,), path="b.yaml"))


def test_gift_matching_losses_are_warnings_and_malformed_pairs_errors() -> None:
    text = ("::a:: Pair them. {\n =%50%one -> 1\n =two -> 2#nice\n}\n\n"
            "::b:: Too few. {\n =one -> 1\n}\n\n"
            "::c:: Twice. {\n =one -> 1\n =one -> 2\n}\n")
    data, found = import_gift(text, "m.gift")
    assert [(p.line, p.severity) for p in found] == [(1, "warning"), (1, "warning"), (6, "error"), (10, "error")]
    warnings = " / ".join(p.message for p in found[:2])
    assert "weight of pair 'one -> 1' is dropped" in warnings
    assert "feedback on pair 'two -> 2' (line 3) is lost" in warnings
    assert "at least two pairs" in found[2].message and "'one' (line 12) is paired twice" in found[3].message
    assert [q["id"] for q in data["questions"]] == ["a"]
