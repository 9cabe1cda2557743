"""SVG snapshots of what the screens look like, at fixed sizes, seed and theme.

Update after an intended change with `pytest tests/test_snapshots.py --snapshot-update`, then look
at the SVGs in tests/__snapshots__/ before committing them.
"""

from __future__ import annotations

from datetime import UTC

from tests.conftest import FIXTURES, build_app
from tui.domain.loader import load_presentation
from tui.domain.walk import Walk

EVERY_TYPE = FIXTURES / "every-type"


def page_number(presentation, kind: str, section: int = 0, title_part: str = "") -> int:
    """The 1-based page number of the first page of a kind (and slide title) in a section."""
    deck = presentation.deck
    for index, page in enumerate(Walk(deck).pages):
        if page.kind != kind or (kind != "title" and page.section != section):
            continue
        if title_part and title_part not in (deck.sections[page.section].slides[page.slide].title or ""):
            continue
        return index + 1
    raise AssertionError(f"no {kind} page")


def code_slide(guide) -> int:
    for index, page in enumerate(Walk(guide.deck).pages):
        if page.kind == "slide" and "```" in guide.deck.sections[page.section].slides[page.slide].markdown:
            return index + 1
    raise AssertionError("no code slide")


def test_title_slide(snap_compare, guide) -> None:
    assert snap_compare(build_app(guide), terminal_size=(120, 40))


def test_title_slide_small(snap_compare, guide) -> None:
    assert snap_compare(build_app(guide), terminal_size=(60, 20))


def test_content_slide_with_code(snap_compare, guide) -> None:
    assert snap_compare(build_app(guide, start=code_slide(guide)), terminal_size=(120, 40))


def test_content_slide_with_code_small(snap_compare, guide) -> None:
    assert snap_compare(build_app(guide, start=code_slide(guide)), terminal_size=(60, 20))


def test_takeaways_slide(snap_compare, guide) -> None:
    start = page_number(guide, "takeaways", section=2)
    assert snap_compare(build_app(guide, start=start), terminal_size=(120, 40))


def test_quiz_page(snap_compare, guide) -> None:
    start = page_number(guide, "quiz", section=2)
    assert snap_compare(build_app(guide, start=start), terminal_size=(120, 40))


def test_help_screen(snap_compare, guide) -> None:
    assert snap_compare(build_app(guide), press=["question_mark"], terminal_size=(120, 40))


def test_too_small(snap_compare, guide) -> None:
    assert snap_compare(build_app(guide), terminal_size=(24, 6))


def test_light_theme_slide(snap_compare, guide) -> None:
    start = code_slide(guide)
    assert snap_compare(build_app(guide, start=start, theme="textual-light"), terminal_size=(120, 40))


def _quiz_app():
    presentation = load_presentation(EVERY_TYPE)
    return build_app(presentation, start=page_number(presentation, "quiz", section=0))


async def _to_question(pilot, kind: str) -> None:
    """Start the quiz and skip to the first question of a kind."""
    await pilot.pause()  # the autopilot starts as the app does, before the presenter is mounted
    await pilot.press("enter")
    await pilot.pause()
    while pilot.app.screen.run.current.question.type != kind:
        await pilot.press("f3", "enter")
        await pilot.pause()


def test_quiz_question(snap_compare) -> None:
    async def run_before(pilot) -> None:
        await _to_question(pilot, "single")

    assert snap_compare(_quiz_app(), run_before=run_before, terminal_size=(120, 40))


def test_quiz_question_small(snap_compare) -> None:
    async def run_before(pilot) -> None:
        await _to_question(pilot, "multiple")

    assert snap_compare(_quiz_app(), run_before=run_before, terminal_size=(60, 20))


def test_quiz_order_question(snap_compare) -> None:
    async def run_before(pilot) -> None:
        await _to_question(pilot, "order")
        await pilot.press("shift+down")

    assert snap_compare(_quiz_app(), run_before=run_before, terminal_size=(120, 40))


def test_quiz_feedback(snap_compare) -> None:
    async def run_before(pilot) -> None:
        await _to_question(pilot, "multiple")
        asked = pilot.app.screen.run.current
        await pilot.press(str(asked.choices.index("Mercury") + 1), "enter")  # half right

    assert snap_compare(_quiz_app(), run_before=run_before, terminal_size=(120, 40))


def _cloze_match_app():
    presentation = load_presentation(FIXTURES / "cloze-match")
    return build_app(presentation, start=page_number(presentation, "quiz", section=0))


async def _cloze_typed(pilot) -> None:
    """The cloze question with its first blank typed and the second one focused."""
    await _to_question(pilot, "cloze")
    await pilot.press(*"Mercury", "enter", "J")
    await pilot.pause()


async def _match_picked(pilot) -> None:
    """The match question with its first two items matched (one right, one wrong)."""
    await _to_question(pilot, "match")
    rights = pilot.app.screen.run.current.choices
    await pilot.press(str(rights.index("the Moon") + 1), str(rights.index("Titan") + 1))
    await pilot.pause()


def test_quiz_cloze_question(snap_compare) -> None:
    assert snap_compare(_cloze_match_app(), run_before=_cloze_typed, terminal_size=(120, 40))


def test_quiz_cloze_question_small(snap_compare) -> None:
    assert snap_compare(_cloze_match_app(), run_before=_cloze_typed, terminal_size=(60, 20))


def test_quiz_match_question(snap_compare) -> None:
    assert snap_compare(_cloze_match_app(), run_before=_match_picked, terminal_size=(120, 40))


def test_quiz_match_question_small(snap_compare) -> None:
    assert snap_compare(_cloze_match_app(), run_before=_match_picked, terminal_size=(60, 20))


def test_quiz_results(snap_compare) -> None:
    keys = ["enter"] + ["f3", "enter"] * 6
    assert snap_compare(_quiz_app(), press=keys, terminal_size=(120, 40))


def test_quiz_summary(snap_compare) -> None:
    keys = ["enter"] + ["f3", "enter"] * 6 + ["enter", "r"]
    assert snap_compare(_quiz_app(), press=keys, terminal_size=(120, 40))


def test_overview(snap_compare, guide) -> None:
    assert snap_compare(build_app(guide, start=12), press=["o"], terminal_size=(120, 40))


def test_notes_panel(snap_compare, guide) -> None:
    assert snap_compare(build_app(guide, start=12), press=["s"], terminal_size=(120, 40))


def test_podium_light_theme(snap_compare, guide) -> None:
    assert snap_compare(build_app(guide, start=code_slide(guide), theme="podium-light"), terminal_size=(120, 40))


def test_podium_dark_theme_takeaways(snap_compare, guide) -> None:
    start = page_number(guide, "takeaways", section=3)
    assert snap_compare(build_app(guide, start=start, theme="podium-dark"), terminal_size=(120, 40))


def test_speaker_view(snap_compare, guide, tmp_path) -> None:
    from tests.support.clock import FakeClock
    from tui.domain.channel import PresenterState, publish
    from tui.ui.notes_app import make_notes_app

    channel = tmp_path / "presenting.json"
    publish(channel, PresenterState(page=11, step=0, total=46, started="2026-11-29T09:22:30", pid=1))
    app = make_notes_app(guide, channel, duration=20 * 60, theme="textual-dark", clock=FakeClock())
    assert snap_compare(app, terminal_size=(100, 30))


def test_no_color(snap_compare, guide, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(build_app(guide, start=code_slide(guide)), terminal_size=(120, 40))


def test_statistics_screen(snap_compare, tmp_path) -> None:
    """The statistics screen over a history made with a fixed clock: two attempts, one section."""
    from datetime import datetime, timedelta

    from tui.domain.learner import Learner
    from tui.domain.quizrun import QuizRun

    presentation = load_presentation(EVERY_TYPE)
    bank = presentation.banks[0]
    times = iter(datetime(2026, 11, 2, 9, tzinfo=UTC) + timedelta(minutes=m) for m in range(100))
    learner = Learner.open(tmp_path / "history.db", presentation.deck, clock=lambda: next(times))
    for wrong in ({"boil", "count", "inner"}, {"count"}):
        run = QuizRun(bank, "Basics quiz", 0.7, seed=1)
        recorder = learner.recorder(0, "Basics", run)
        for asked in run.asked:
            question = asked.question
            right = {"single": question.correct[:1] and question.correct[0], "true_false": question.truth,
                     "multiple": frozenset(question.correct), "short": question.correct[0] if question.correct else "",
                     "numeric": f"{question.low:g}", "order": tuple(question.choices)}[question.type]
            recorder.answered(run.answer(None if question.id in wrong else right), 4.0)
        recorder.finished()
    learner.close()
    app = build_app(presentation, learner=Learner.open(tmp_path / "history.db", presentation.deck,
                                                        clock=lambda: datetime(2026, 11, 2, 12, tzinfo=UTC)))
    assert snap_compare(app, press=["i"], terminal_size=(120, 40))
