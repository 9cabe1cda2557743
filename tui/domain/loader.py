"""The one loader: a deck and all its question banks, every problem reported together."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tui.domain.deck import Deck
from tui.domain.deckload import load_deck
from tui.domain.errors import PodiumError, Problem
from tui.domain.quizbank import QuizBank, load_bank


@dataclass(frozen=True)
class Presentation:
    """A deck with its banks, keyed by section index."""

    deck: Deck
    banks: dict[int, QuizBank] = field(default_factory=dict)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return self.deck.warnings

    @property
    def question_count(self) -> int:
        unique = {id(bank): bank for bank in self.banks.values()}
        return sum(len(bank.questions) for bank in unique.values())


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
