"""Live reload under Pilot: edits show within a second on the same slide; broken edits keep the old."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import build_app, shown, wait_until, write_deck
from tui.domain.loader import load_presentation

DECK = {
    "deck.yaml": "title: Live\n",
    "slides/01-one.md": "---\ntitle: One\ntakeaways: [first]\n---\n\n# Alpha\n\nalpha text\n\n---\n\n"
                        "# Beta\n\nbeta text\n\n---\n\n# Gamma\n\ngamma text\n",
    "slides/02-two.md": "# Delta\n\ndelta text\n",
}


def body(app) -> str:
    return shown(app.screen.query_one("#slide-view"))


async def test_edit_rerenders_and_keeps_the_slide(tmp_path: Path) -> None:
    deck = write_deck(tmp_path, DECK)
    app = build_app(load_presentation(deck), watch=deck, start=3)  # on "Beta"
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)  # let the watcher start
        assert "beta text" in body(app)
        text = DECK["slides/01-one.md"].replace("beta text", "beta text, edited live")
        (deck / "slides/01-one.md").write_text(text, encoding="utf-8")
        took = await wait_until(pilot, lambda: "edited live" in body(app))
        assert took < 1.5
        assert app.screen.position.page == 2


async def test_deleted_slide_goes_to_the_nearest(tmp_path: Path) -> None:
    deck = write_deck(tmp_path, DECK)
    app = build_app(load_presentation(deck), watch=deck, start=4)  # on "Gamma"
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)
        text = DECK["slides/01-one.md"].split("\n---\n\n# Gamma")[0] + "\n"
        (deck / "slides/01-one.md").write_text(text, encoding="utf-8")
        await wait_until(pilot, lambda: "Gamma" not in body(app))
        assert "Beta" in body(app)


async def test_broken_edit_keeps_the_last_good_deck_and_says_why(tmp_path: Path) -> None:
    deck = write_deck(tmp_path, DECK)
    app = build_app(load_presentation(deck), watch=deck, start=3)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)
        (deck / "slides/01-one.md").write_text("---\ntitle: [broken\n---\n\n# Beta\n\nchanged\n", encoding="utf-8")
        await wait_until(pilot, lambda: any("Not reloaded" in str(n.title) for n in app._notifications))
        message = next(str(n.message) for n in app._notifications if "Not reloaded" in str(n.title))
        assert "slides/01-one.md:2:8: invalid YAML" in message
        assert "beta text" in body(app)  # the last good version stays
        # Fixing the file brings the new text.
        (deck / "slides/01-one.md").write_text(DECK["slides/01-one.md"].replace("beta", "fixed"), encoding="utf-8")
        await wait_until(pilot, lambda: "fixed text" in body(app))


async def test_editing_a_bank_reloads_the_quiz_page(tmp_path: Path) -> None:
    files = {**DECK, "quizzes/02-two.yaml": "questions:\n  - id: a\n    type: true_false\n    prompt: P\n    answer: true\n"}
    deck = write_deck(tmp_path, files)
    presentation = load_presentation(deck)
    app = build_app(presentation, watch=deck, start=7)  # the quiz page of section two
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)
        assert "1 question" in body(app)
        bank = files["quizzes/02-two.yaml"] + "  - id: b\n    type: true_false\n    prompt: Q\n    answer: false\n"
        (deck / "quizzes/02-two.yaml").write_text(bank, encoding="utf-8")
        await wait_until(pilot, lambda: "2 questions" in body(app))
