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
    accepted_as: str | None = None
    """short: the accepted answer a typed one was taken for despite a typo (None when no typo
    had to be forgiven), for feedback such as "accepted 'efficency' as 'efficiency'"."""
    overridden: bool = False
    """The learner counted this answer right after it was marked wrong ("I was right")."""


def normalise(text: str) -> str:
    """Text as short answers are compared: no accents, case folded, whitespace collapsed."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_QUOTES = "\"'\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a"
_JOINERS = re.compile(r"[-\u2010\u2011\u2012\u2013\u2014_/]+")
_POSSESSIVE = re.compile(r"(?<=\w)'s\b|(?<=s)'(?=\s|$)")
_ARTICLE = re.compile(r"^(?:the|an|a) (?=\S)")


_LEADING_MARKS = frozenset("([{¿¡") | frozenset(_QUOTES)
"""What may open an answer without changing it: an opening bracket or quote, Spanish ¿ ¡."""
_TRAILING_MARKS = frozenset(".,;:!?…)]}") | frozenset(_QUOTES)
"""What may close an answer without changing it: a sentence's punctuation, a closing bracket or
quote. Symbols are kept (`C++`, `C#`, `100%`): they can be the answer."""


def comparable(text: str) -> str:
    """A short answer as podium compares it: `normalise`d, then without the marks that do not
    change what was meant: surrounding punctuation and quotes (`"DeepSeek."`), a possessive
    `'s` (`Alibaba's`), hyphens, dashes and slashes (read as spaces: `export-controls`), and a
    leading article (`the`, `a`, `an`)."""
    plain = normalise(text).translate(_APOSTROPHES)
    plain = _POSSESSIVE.sub("", plain)
    plain = "".join(" " if ch in _QUOTES else ch for ch in plain)
    plain = _JOINERS.sub(" ", plain)
    words = plain.split()
    # Punctuation at either end of the whole answer goes; inside it stays ("U.S", "3.5").
    joined = " ".join(words)
    start, end = 0, len(joined)
    while start < end and (joined[start] in _LEADING_MARKS or joined[start] == " "):
        start += 1
    while end > start and (joined[end - 1] in _TRAILING_MARKS or joined[end - 1] == " "):
        end -= 1
    return _ARTICLE.sub("", joined[start:end])


def typos_allowed(accepted: str) -> int:
    """How many typos (edits) an answer to `accepted` may hold: none under 5 letters, one up to
    10, two beyond. Letters are counted in the `comparable` form, spaces left out."""
    letters = len(accepted.replace(" ", ""))
    return 0 if letters < 5 else 1 if letters <= 10 else 2


def typo_distance(typed: str, accepted: str) -> int:
    """Edits between two `comparable` answers: a letter added, left out, changed, or two
    neighbours swapped each count one (optimal string alignment, by rapidfuzz)."""
    from rapidfuzz.distance import OSA

    return int(OSA.distance(typed, accepted))


@dataclass(frozen=True)
class ShortMatch:
    """How a typed short answer matched: `accepted_as` names the accepted answer when a typo was
    forgiven."""

    right: bool
    accepted_as: str | None = None


def match_short(question: Question, response: str) -> ShortMatch:
    """Whether a typed answer is one of the question's accepted answers (or matches its
    pattern), forgiving case, accents, surrounding punctuation and quotes, articles, hyphens,
    a possessive and, unless the question says `typos: false`, a few typos."""
    typed = comparable(response)
    accepted = [(answer, comparable(answer)) for answer in question.correct]
    if any(typed == plain for _answer, plain in accepted):
        return ShortMatch(True)
    if question.pattern:
        raw = " ".join(str(response).split())
        # The pattern is tried on the answer as typed and without accents, like the answers.
        for candidate in (raw, normalise(raw)):
            if pattern_matches(question.pattern, candidate):
                return ShortMatch(True)
    if question.typos and typed:
        best: tuple[int, str] | None = None
        for answer, plain in accepted:
            allowed = typos_allowed(plain)
            if allowed and abs(len(typed) - len(plain)) <= allowed:
                distance = typo_distance(typed, plain)
                if distance <= allowed and (best is None or distance < best[0]):
                    best = (distance, answer)
        if best is not None:
            return ShortMatch(True, best[1])
    return ShortMatch(False)


def parse_number(text: str, units: tuple[str, ...] = ()) -> float | None:
    """A typed number: `3`, `-2.5`, `1,000`, `1 000`, `1e3`; None when it is not one. With
    `units` (a question's `unit`), the number may be followed by one of them (`42%`, `42 km`)."""
    cleaned = text.strip()
    if units:
        cleaned = strip_unit(cleaned, units)
    cleaned = cleaned.replace(" ", "").replace("\u00a0", "").replace("\u202f", "").replace("_", "")
    if re.fullmatch(r"[-+]?\d{1,3}(,\d{3})+(\.\d+)?", cleaned):
        cleaned = cleaned.replace(",", "")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def strip_unit(text: str, units: tuple[str, ...]) -> str:
    """`text` without one trailing unit of `units`, compared ignoring case, spaces before it, and
    a plural or singular `s` (`year` and `years` alike); `text` as it was when none ends it."""
    folded = text.casefold().rstrip()
    for unit in sorted(units, key=len, reverse=True):
        base = unit.strip().casefold()
        forms = {base, base + "s", base[:-1] if base.endswith("s") and len(base) > 1 else base}
        for form in sorted(forms, key=len, reverse=True):
            if form and folded.endswith(form):
                before = text.rstrip()[: len(folded) - len(form)]
                # A unit of letters must stand apart from the number's digits' own letters
                # (the `e` of `1e3`): it follows a digit or a space.
                if before.strip() and (before[-1].isdigit() or before[-1].isspace()):
                    return before.rstrip()
    return text


def _fraction(question: Question, response: Any) -> float:
    """The share of the points earned, from 0 to 1."""
    kind = question.type
    if kind == "single":
        return 1.0 if response == question.correct[0] else 0.0
    if kind == "true_false":
        return 1.0 if response is question.truth or response == question.truth else 0.0
    if kind == "short":
        return 1.0 if match_short(question, str(response)).right else 0.0
    if kind == "numeric":
        value = response if isinstance(response, (int, float)) else parse_number(str(response), question.units)
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
    """Grade one response. A hint costs `hint_penalty` (the bank's) of the points earned."""
    if response is None:
        return Grade(0.0, question.points, "skipped")
    accepted_as = None
    if question.type == "short":
        matched = match_short(question, str(response))
        fraction = 1.0 if matched.right else 0.0
        accepted_as = matched.accepted_as
    else:
        fraction = _fraction(question, response)
    verdict: Verdict = "right" if fraction >= 1.0 else "wrong" if fraction <= 0.0 else "partial"
    return Grade(_points(question, fraction, hint_used, hint_penalty), question.points, verdict, accepted_as)


def _points(question: Question, fraction: float, hint_used: bool, hint_penalty: float) -> float:
    points = question.points * fraction
    if hint_used and hint_penalty:
        points *= 1.0 - hint_penalty
    # Float noise is rounded off, but full points stay exactly the question's worth, so that a
    # quiz answered all right earns exactly its possible points (1/3 would round to 0.333333).
    return points if points == question.points else round(points, 6)


OVERRIDABLE = ("short", "numeric")
"""The question types whose wrong answer the learner may count as right ("I was right"): the
typed ones, where a right answer can be written in a way podium did not foresee."""


def can_override(question: Question, result: Grade) -> bool:
    """Whether the learner may count this graded answer as right: a typed answer marked wrong."""
    return question.type in OVERRIDABLE and result.verdict == "wrong" and not result.overridden


def overridden(question: Question, hint_used: bool = False, hint_penalty: float = 0.0) -> Grade:
    """The grade of an answer the learner counted as right: full points (less a hint's cost)."""
    return Grade(_points(question, 1.0, hint_used, hint_penalty), question.points, "right", overridden=True)
