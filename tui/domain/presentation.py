"""A presentation: a deck with the question banks of its sections."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tui.domain.deck import Deck

if TYPE_CHECKING:
    from tui.domain.errors import Problem
    from tui.domain.quizbank import QuizBank


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
