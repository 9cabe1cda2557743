"""Live reload under Pilot: edits show within a second on the same slide; broken edits keep the old."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.conftest import build_app, needs_door, shown, wait_until, write_deck
from tui.domain.loader import load_presentation
from tui.ui import app as app_module
from tui.ui.app import PodiumApp

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
        await pilot.pause(0.3)  # the watcher armed (awatch gives no sign of it)
        text = DECK["slides/01-one.md"].split("\n---\n\n# Gamma")[0] + "\n"
        (deck / "slides/01-one.md").write_text(text, encoding="utf-8")
        await wait_until(pilot, lambda: "Gamma" not in body(app))
        assert "Beta" in body(app)


async def test_broken_edit_keeps_the_last_good_deck_and_says_why(tmp_path: Path) -> None:
    deck = write_deck(tmp_path, DECK)
    app = build_app(load_presentation(deck), watch=deck, start=3)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)  # the watcher armed (awatch gives no sign of it)
        (deck / "slides/01-one.md").write_text("---\ntitle: [broken\n---\n\n# Beta\n\nchanged\n", encoding="utf-8")
        await wait_until(pilot, lambda: any("Not reloaded" in str(n.title) for n in app._notifications))
        message = next(str(n.message) for n in app._notifications if "Not reloaded" in str(n.title))
        assert "slides/01-one.md:2:8: invalid YAML" in message
        assert "beta text" in body(app)  # the last good version stays
        # Fixing the file brings the new text.
        (deck / "slides/01-one.md").write_text(DECK["slides/01-one.md"].replace("beta", "fixed"), encoding="utf-8")
        await wait_until(pilot, lambda: "fixed text" in body(app))


async def test_editing_a_bank_reloads_the_quiz_page(tmp_path: Path) -> None:
    files = {**DECK,
             "quizzes/02-two.yaml": "questions:\n  - id: a\n    type: true_false\n    prompt: P\n    answer: true\n"}
    deck = write_deck(tmp_path, files)
    presentation = load_presentation(deck)
    app = build_app(presentation, watch=deck, start=7)  # the quiz page of section two
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)  # the watcher armed (awatch gives no sign of it)
        assert "1 question" in body(app)
        bank = files["quizzes/02-two.yaml"] + "  - id: b\n    type: true_false\n    prompt: Q\n    answer: false\n"
        (deck / "quizzes/02-two.yaml").write_text(bank, encoding="utf-8")
        await wait_until(pilot, lambda: "2 questions" in body(app))


def reload_toasts(app) -> list[str]:
    """The toasts live reload has up: what each says."""
    return [f"{n.title}: {n.message}" for n in app._notifications
            if n.message == "Reloaded" or str(n.title).startswith("Not reloaded")]


@needs_door
async def test_emptied_file_keeps_the_last_good_deck_and_the_slide(tmp_path: Path) -> None:
    # An editor that empties a file before writing it: the section has no slides for a moment.
    deck = write_deck(tmp_path, DECK)
    app = build_app(load_presentation(deck), watch=deck, start=3)  # on "Beta"
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)  # the watcher armed (awatch gives no sign of it)
        (deck / "slides/01-one.md").write_text("", encoding="utf-8")
        await wait_until(pilot, lambda: any("has no slides" in toast for toast in reload_toasts(app)))
        assert reload_toasts(app)[0].startswith("Not reloaded: slides/01-one.md has no slides")
        assert "beta text" in body(app) and app.screen.position.page == 2
        # The next good save reloads, from the slide the presenter is still on.
        text = DECK["slides/01-one.md"].replace("beta text", "beta text, saved again")
        (deck / "slides/01-one.md").write_text(text, encoding="utf-8")
        await wait_until(pilot, lambda: "saved again" in body(app))
        assert app.screen.position.page == 2
        assert reload_toasts(app) == [": Reloaded"]  # in place of the warning


async def test_a_file_written_in_two_goes_reloads_once_at_the_end(tmp_path: Path, monkeypatch) -> None:
    # Half the file first (only "Alpha"), the rest a moment later: one reload, of the whole
    # file, and the presenter stays on "Beta" (a reload of the half would have moved it to
    # "Alpha", and the whole file would have found it there).
    monkeypatch.setattr(app_module, "RELOAD_QUIET", 1.5)
    reloads: list[Path] = []
    original = PodiumApp.reload

    async def counted(self, path: Path) -> None:  # type: ignore[no-untyped-def]
        reloads.append(path)
        await original(self, path)

    monkeypatch.setattr(PodiumApp, "reload", counted)
    deck = write_deck(tmp_path, DECK)
    app = build_app(load_presentation(deck), watch=deck, start=3)  # on "Beta"
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)  # the watcher armed (awatch gives no sign of it)
        whole = DECK["slides/01-one.md"].replace("beta text", "beta text, whole")
        (deck / "slides/01-one.md").write_text(whole.split("\n---\n\n# Beta")[0] + "\n", encoding="utf-8")
        await asyncio.sleep(0.3)  # the editor writing the rest (a reload takes less)
        (deck / "slides/01-one.md").write_text(whole, encoding="utf-8")
        await wait_until(pilot, lambda: "beta text, whole" in body(app))
        assert app.screen.position.page == 2
        assert len(reloads) == 1


@needs_door
async def test_reload_toasts_replace_each_other(tmp_path: Path) -> None:
    deck = write_deck(tmp_path, DECK)
    app = build_app(load_presentation(deck), watch=deck, start=3)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)  # the watcher armed (awatch gives no sign of it)
        (deck / "slides/01-one.md").write_text("---\ntitle: [broken\n---\n\n# Beta\n", encoding="utf-8")
        await wait_until(pilot, lambda: any("has errors" in toast for toast in reload_toasts(app)))
        for number in range(2):
            text = DECK["slides/01-one.md"].replace("beta text", f"beta text {number}")
            (deck / "slides/01-one.md").write_text(text, encoding="utf-8")
            await wait_until(pilot, lambda: f"beta text {number}" in body(app))  # noqa: B023
            assert reload_toasts(app) == [": Reloaded"]


async def test_emptied_one_file_deck_keeps_the_slide(tmp_path: Path) -> None:
    talk = tmp_path / "talk.md"
    talk.write_text("# A\n\nfirst\n\n---\n\n# B\n\nsecond\n", encoding="utf-8")
    app = build_app(load_presentation(talk), watch=talk, start=2)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)  # the watcher armed (awatch gives no sign of it)
        assert "second" in body(app)
        talk.write_text("", encoding="utf-8")
        await wait_until(pilot, lambda: any("has no slides" in toast for toast in reload_toasts(app)))
        assert "second" in body(app)


def test_emptied_sections_names_the_files_left_without_slides(tmp_path: Path) -> None:
    from tui.domain.reload import emptied_sections

    deck = write_deck(tmp_path, DECK)
    good = load_presentation(deck).deck
    half = load_presentation(write_deck(deck, {"slides/02-two.md": ""})).deck
    edited = load_presentation(write_deck(deck, {"slides/02-two.md": "# D\n"})).deck
    assert [Path(name).name for name in emptied_sections(good, half)] == ["02-two.md"]
    assert emptied_sections(good, edited) == []
    assert emptied_sections(half, good) == []  # slides coming back is a good save
