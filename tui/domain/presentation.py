"""A presentation: a deck with the question banks of its sections."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

from tui.domain.deck import NOTHING, Deck

if TYPE_CHECKING:
    from tui.domain.errors import Problem
    from tui.domain.quizbank import QuizBank


class Presentation(NamedTuple):
    """A deck with its banks, keyed by section index (a named tuple, as the deck's parts are)."""

    deck: Deck
    banks: Mapping[int, QuizBank] = NOTHING

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return self.deck.warnings

    @property
    def question_count(self) -> int:
        unique = {id(bank): bank for bank in self.banks.values()}
        return sum(len(bank.questions) for bank in unique.values())
