"""Cloze text: blanks written as Anki writes them, `{{c1::answer}}` or `{{c1::answer::hint}}`.

`parse_cloze` splits a text into the plain pieces between blanks and the blanks themselves, and
reports each malformed marker at its offset in the text so the loader can turn it into a line and
column of the bank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPEN = "{{"
_CLOSE = "}}"
_NUMBER = re.compile(r"c(\d+)\Z")


@dataclass(frozen=True)
class Blank:
    """One blank: its Anki number (`c1` is 1), the answer it accepts and an optional hint."""

    number: int
    answer: str
    hint: str = ""


@dataclass(frozen=True)
class ClozeError:
    """A malformed marker: what is wrong, at which character offset of the text."""

    offset: int
    message: str


@dataclass(frozen=True)
class Cloze:
    """A cloze text cut up: `pieces` has one more item than `blanks` (text before, between and
    after the blanks)."""

    pieces: tuple[str, ...]
    blanks: tuple[Blank, ...]


def parse_cloze(text: str) -> tuple[Cloze, list[ClozeError]]:
    """Cut `text` at its `{{cN::answer[::hint]}}` markers; every malformed marker is an error."""
    pieces: list[str] = []
    blanks: list[Blank] = []
    errors: list[ClozeError] = []
    current = ""
    at = 0
    while True:
        opening = text.find(_OPEN, at)
        if opening < 0:
            break
        closing = text.find(_CLOSE, opening + 2)
        nested = text.find(_OPEN, opening + 2)
        if closing < 0 or (0 <= nested < closing):
            errors.append(ClozeError(opening, "unclosed '{{': a blank is written {{c1::answer}}"))
            current += text[at:opening + 2]
            at = opening + 2
            continue
        current += text[at:opening]
        blank = _blank(text[opening + 2:closing], opening, errors)
        if blank is None:
            current += text[opening:closing + 2]  # kept as text
        else:
            pieces.append(current)
            blanks.append(blank)
            current = ""
        at = closing + 2
    rest = text[at:]
    stray = rest.find(_CLOSE)
    if stray >= 0 and not errors:
        errors.append(ClozeError(at + stray, "'}}' without an opening '{{'"))
    pieces.append(current + rest)
    if not blanks and not errors:
        errors.append(ClozeError(0, "no blanks: mark at least one as {{c1::answer}}"))
    return Cloze(tuple(pieces), tuple(blanks)), errors


def _blank(inner: str, offset: int, errors: list[ClozeError]) -> Blank | None:
    parts = inner.split("::")
    if len(parts) < 2:
        errors.append(ClozeError(offset, f"'{{{{{inner}}}}}' is not a blank: write {{{{c1::answer}}}}"))
        return None
    if len(parts) > 3:
        errors.append(ClozeError(offset, "a blank has at most an answer and a hint: {{c1::answer::hint}}"))
        return None
    label = parts[0].strip()
    found = _NUMBER.match(label)
    if not found:
        errors.append(ClozeError(offset, f"'{label}' is not a blank number: write c1, c2, ..."))
        return None
    number = int(found.group(1))
    if number < 1:
        errors.append(ClozeError(offset, f"'{label}': blank numbers start at c1"))
        return None
    answer = parts[1].strip()
    if not answer:
        errors.append(ClozeError(offset, f"blank {label} has an empty answer"))
        return None
    hint = parts[2].strip() if len(parts) == 3 else ""
    return Blank(number, answer, hint)


def blanked(cloze: Cloze, shown: list[str] | None = None) -> str:
    """The text with each blank as `[n]` (or `[n: hint]`), or as `shown[i]` when given."""
    out = [cloze.pieces[0]]
    for index, blank in enumerate(cloze.blanks):
        if shown is not None:
            out.append(shown[index])
        else:
            out.append(f"[{index + 1}: {blank.hint}]" if blank.hint else f"[{index + 1} ____]")
        out.append(cloze.pieces[index + 1])
    return "".join(out)


def filled(cloze: Cloze) -> str:
    """The text with every blank filled with its answer."""
    return blanked(cloze, [blank.answer for blank in cloze.blanks])
