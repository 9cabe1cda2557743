"""Stable identities: of a deck (for its history and its speaker-view channel) and of a question.

Kept apart from the history so that naming a deck imports no database (the presenter needs the
deck's key for the speaker view before anything is recorded).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui.domain.deck import Deck
    from tui.domain.quizbank import Question, QuizBank


def _digest(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def deck_key(deck: Deck) -> str:
    """A stable identity for a deck: its title and its sections' file names, never its location.

    A bundled deck reinstalled elsewhere keeps its history; adding, removing or renaming a
    section file (or retitling the deck) makes it a different deck, whose section indexes differ.
    """
    stems = [Path(section.path).stem for section in deck.sections]
    return _digest({"title": deck.title, "sections": stems})


def question_hash(question: Question) -> str:
    """A fingerprint of what a question asks and accepts; an edited question gets a new one.

    A numeric question's `unit` and a short question's `typos: false` count only when set, so a
    question that uses neither keeps the fingerprint it had before podium knew them."""
    data: dict[str, Any] = {
        "type": question.type, "prompt": question.prompt, "choices": list(question.choices),
        "correct": list(question.correct), "truth": question.truth, "low": question.low,
        "high": question.high, "pattern": question.pattern, "points": question.points,
    }
    if question.units:
        data["units"] = list(question.units)
    if question.type == "short" and not question.typos:
        data["typos"] = False
    if question.type == "cloze":
        data["text"] = question.text
    if question.type == "match":
        data["pairs"] = [list(pair) for pair in question.pairs]
    return _digest(data)


def bank_hashes(bank: QuizBank) -> dict[str, str]:
    """Question id -> `question_hash` for every question of a bank (for `open_attempt`)."""
    return {question.id: question_hash(question) for question in bank.questions}


def present_questions(banks: Mapping[int, QuizBank]) -> frozenset[tuple[int, str]]:
    """(section, question id) for every question of a deck's banks: `known` for `due`."""
    return frozenset((section, question.id) for section, bank in banks.items() for question in bank.questions)
