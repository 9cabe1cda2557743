"""The one loader: a deck and all its question banks, every problem reported together.

`Presentation` lives in tui.domain.presentation (importing it loads no parser); it is
re-exported here.
"""

from __future__ import annotations

from pathlib import Path

from tui.domain.deckload import load_deck
from tui.domain.errors import PodiumError, Problem
from tui.domain.presentation import Presentation
from tui.domain.quizbank import QuizBank, load_bank


def load_presentation(path: Path) -> Presentation:
    """Load a deck and every bank it names; raise one `PodiumError` with all their problems."""
    deck = load_deck(path)
    banks: dict[int, QuizBank] = {}
    problems: list[Problem] = []
    loaded: dict[Path, QuizBank] = {}
    for index, section in enumerate(deck.sections):
        if section.quiz_path is None:
            continue
        key = section.quiz_path.resolve()
        if key not in loaded:
            try:
                loaded[key] = load_bank(section.quiz_path)
            except PodiumError as error:
                problems.extend(error.problems)
                continue
        banks[index] = loaded[key]
    if problems:
        raise PodiumError(problems + list(deck.warnings))
    return Presentation(deck, banks)
