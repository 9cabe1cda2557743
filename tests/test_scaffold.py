"""`podium new`: the scaffolded deck passes the checker, presents, and takes new sections."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build_app
from tests.support.cli import podium
from tui.domain.errors import PodiumError
from tui.domain.loader import load_presentation
from tui.domain.scaffold import new_deck, new_section, slug


def test_new_deck_passes_strict_check_and_has_every_question_type(tmp_path: Path) -> None:
    result = podium("new", "talk", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "wrote talk/deck.yaml" in result.stdout
    check = podium("check", "talk", "--strict", cwd=tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.startswith("Talk: 2 sections, 4 slides, 4 takeaways, 1 quiz bank, 6 questions; no problems")
    presentation = load_presentation(tmp_path / "talk")
    types = {q.type for q in presentation.banks[0].questions}
    assert types == {"single", "multiple", "true_false", "short", "numeric", "order"}
    assert all(slide.notes for section in presentation.deck.sections for slide in section.slides)
    first_line = (tmp_path / "talk/quizzes/01-welcome.yaml").read_text().splitlines()[0]
    schema = (tmp_path / "talk/quizzes" / first_line.split("$schema=")[1]).resolve()
    assert schema.name == "quizbank.schema.json" and schema.is_file()


async def test_new_deck_presents(tmp_path: Path) -> None:
    new_deck(tmp_path / "deck")
    app = build_app(load_presentation(tmp_path / "deck"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        kinds = []
        for _ in range(20):
            kinds.append(screen.page.kind)
            if screen.walk.is_last(screen.position):
                break
            await pilot.press("right")
        assert kinds.count("quiz") == 1 and kinds.count("takeaways") == 2 and kinds[0] == "title"


def test_new_section_numbers_on_and_its_bank_loads(tmp_path: Path) -> None:
    new_deck(tmp_path)
    written = new_section(tmp_path, 'Why "it" matters')
    assert [p.name for p in written] == ["03-why-it-matters.md", "03-why-it-matters.yaml"]
    presentation = load_presentation(tmp_path)
    assert presentation.deck.sections[2].title == 'Why "it" matters'
    assert presentation.banks[2].questions[0].id == "first-point"
    assert new_section(tmp_path, "Next")[0].name == "04-next.md"


def test_new_never_overwrites(tmp_path: Path) -> None:
    new_deck(tmp_path)
    with pytest.raises(PodiumError) as caught:
        new_deck(tmp_path)
    assert str(caught.value.problems[0]).endswith("already exists; podium new never overwrites a file")
    result = podium("new", "section", "x", str(tmp_path / "nowhere"))
    assert result.returncode == 2 and "not a deck: it has no slides/ folder" in result.stderr


@pytest.mark.parametrize(("name", "stem"), [("Why it matters", "why-it-matters"), ("  ", "section"),
                                           ("Ça va? 2026!", "ca-va-2026")])
def test_slug(name: str, stem: str) -> None:
    assert slug(name) == stem
