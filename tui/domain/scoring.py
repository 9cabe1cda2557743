"""Pure grading: of one answer, of a section's attempt, and of a whole deck.

Responses by question type: single -> the chosen text; multiple -> a set of chosen texts;
true_false -> a bool; short and numeric -> the typed text; order -> the texts in the learner's
order; cloze -> the typed text of each blank, in the text's order ("" for a blank left empty);
match -> for each pair, in the bank's order, the right item picked for its left ("" for none).
None means the question was skipped.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Any, Literal

from tui.domain.answer_pattern import pattern_matches
from tui.domain.cloze import Blank
from tui.domain.quizbank import Question

Verdict = Literal["right", "partial", "wrong", "skipped"]


@dataclass(frozen=True)
class Grade:
    """Points earned out of points possible, and what that means."""

    points: float
    possible: float
    verdict: Verdict


def normalise(text: str) -> str:
    """Text as short answers are compared: no accents, case folded, whitespace collapsed."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


def parse_number(text: str) -> float | None:
    """A typed number: `3`, `-2.5`, `1,000`, `1 000`, `1e3`; None when it is not one."""
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "").replace("_", "")
    if re.fullmatch(r"[-+]?\d{1,3}(,\d{3})+(\.\d+)?", cleaned):
        cleaned = cleaned.replace(",", "")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _fraction(question: Question, response: Any) -> float:
    """The share of the points earned, from 0 to 1."""
    kind = question.type
    if kind == "single":
        return 1.0 if response == question.correct[0] else 0.0
    if kind == "true_false":
        return 1.0 if response is question.truth or response == question.truth else 0.0
    if kind == "short":
        typed = normalise(str(response))
        if any(typed == normalise(accepted) for accepted in question.correct):
            return 1.0
        if question.pattern:
            raw = " ".join(str(response).split())
            # The pattern is tried on the answer as typed and without accents, like the answers.
            for candidate in (raw, normalise(raw)):
                if pattern_matches(question.pattern, candidate):
                    return 1.0
        return 0.0
    if kind == "numeric":
        value = response if isinstance(response, (int, float)) else parse_number(str(response))
        if value is None:
            return 0.0
        # A small relative slack so that 0.1 + 0.2 style float noise never fails a right answer.
        slack = 1e-9 * max(1.0, abs(question.low), abs(question.high))
        return 1.0 if question.low - slack <= value <= question.high + slack else 0.0
    if kind == "multiple":
        picked = set(response)
        right = set(question.correct)
        if question.all_or_nothing:
            return 1.0 if picked == right else 0.0
        k = len(right)
        return max(0.0, (len(picked & right) - len(picked - right)) / k)
    if kind == "order":
        order = list(response)
        if order == list(question.choices):
            return 1.0
        if question.all_or_nothing or len(order) < 2:
            return 0.0
        place = {text: index for index, text in enumerate(question.choices)}
        pairs = sum(1 for a, b in zip(order, order[1:]) if place.get(b, -2) == place.get(a, -9) + 1)
        return pairs / (len(question.choices) - 1)
    if kind == "cloze":
        return sum(blank_fraction(question, blank, typed)
                   for blank, typed in zip(question.blanks, _padded(response, len(question.blanks)))
                   ) / len(question.blanks)
    if kind == "match":
        picks = _padded(response, len(question.pairs))
        return sum(1 for (_, right), pick in zip(question.pairs, picks) if pick == right) / len(question.pairs)
    raise ValueError(f"unknown question type {kind!r}")  # pragma: no cover - validated on load


def _padded(response: Any, count: int) -> list[str]:
    """A cloze or match response as `count` texts (a shorter one is padded with empty picks)."""
    items = [str(item) for item in response][:count]
    return items + [""] * (count - len(items))


def blank_question(question: Question, blank: Blank) -> Question:
    """One cloze blank as the short question it is graded as (everything else kept, so any
    per-question grading setting of the cloze applies to each blank)."""
    return replace(question, type="short", correct=(blank.answer,), pattern=None, text="", blanks=(),
                   pieces=())


def blank_fraction(question: Question, blank: Blank, typed: str) -> float:
    """1.0 when `typed` fills `blank` of the cloze `question` right, by the short-answer rules."""
    if not typed.strip():
        return 0.0
    return _fraction(blank_question(question, blank), typed)


def grade(question: Question, response: Any, hint_used: bool = False, hint_penalty: float = 0.0) -> Grade:
    """Grade one response. A hint, when the bank sets `hint_penalty`, costs that share of the points."""
    if response is None:
        return Grade(0.0, question.points, "skipped")
    fraction = _fraction(question, response)
    verdict: Verdict = "right" if fraction >= 1.0 else "wrong" if fraction <= 0.0 else "partial"
    points = question.points * fraction
    if hint_used and hint_penalty:
        points *= 1.0 - hint_penalty
    # Float noise is rounded off, but full points stay exactly the question's worth, so that a
    # quiz answered all right earns exactly its possible points (1/3 would round to 0.333333).
    return Grade(points if points == question.points else round(points, 6), question.points, verdict)
