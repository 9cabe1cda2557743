"""Aiken question files -> podium bank data.

Aiken is Moodle's simplest question format: single-answer multiple choice only.

    What is the capital of Norway?
    A. Bergen
    B) Oslo
    ANSWER: B

A question is its text (one line, or several before the first option), two or more options
lettered `A.` or `A)` (a capital letter, then `.` or `)`, then usually a space), and an `ANSWER:` line
naming the right letter, which ends the question. Blank lines between questions are optional.
podium also accepts `answer:` in any case and a lower-case letter, as people write them by hand.
Like Moodle, it reads an option written with no space after its letter (`A)Correct`, `B.Beta`)
too, once a question has begun; a question's first line is always its text, so a prompt that
starts like `A.I. tools...` is not taken for an option.

Each question becomes a `single` question with id `q1`, `q2`... (its place in the file), the
options as `choices` (without their letters) and the lettered option as `answer`. Aiken has no
titles, feedback or categories, so nothing else is lost.

Malformed questions are reported as errors at the line where they start and left out: no
`ANSWER:` line (a blank line, new question text or the end of the file came first), a letter
that is not among the options, several letters (Aiken has one right answer), fewer than two
options, a letter or an option text given twice, options with no question text before them.
As with GIFT, when nothing could be converted `data["questions"]` is empty and an error says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from tui.domain.bankwrite import validate_question
from tui.domain.errors import Problem
from tui.domain.source import clean_text

_OPTION = re.compile(r"([A-Z])[.)][ \t]+(\S.*)")
_TIGHT_OPTION = re.compile(r"([A-Z])[.)](\S.*)")
"""An option with no space after its letter, which Moodle accepts too."""
_ANSWER = re.compile(r"ANSWER:(.*)", re.IGNORECASE)
_ONE_LETTER = re.compile(r"([A-Za-z])[.)]?")
_SEVERAL_LETTERS = re.compile(r"[A-Za-z](?:\s*[,;&/ ]\s*[A-Za-z])+|[A-Z]{2,}")


@dataclass
class _Pending:
    """A question being read: where it starts, its text lines and its lettered options."""

    line: int
    col: int
    prompt: list[str] = field(default_factory=list)
    options: list[tuple[str, str, int]] = field(default_factory=list)
    """(letter, text, line) of each option."""


class _Skip(Exception):
    """A question that cannot be converted; the message says why."""


class _AikenReader:
    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.questions: list[dict[str, Any]] = []
        self.count = 0

    def read(self, text: str) -> tuple[dict[str, Any], list[Problem]]:
        pending: _Pending | None = None
        for number, raw in enumerate(clean_text(text).split("\n"), start=1):
            line = raw.strip()
            col = len(raw) - len(raw.lstrip()) + 1
            option = _OPTION.fullmatch(line) or (_TIGHT_OPTION.fullmatch(line) if pending else None)
            answer = _ANSWER.match(line)
            if not line:
                if pending:
                    self.finish(pending, None)
                pending = None
            elif answer:
                if pending is None:
                    self.problems.append(Problem(self.path, number, col,
                                                 "'ANSWER:' line with no question before it: ignored"))
                else:
                    self.finish(pending, answer.group(1).strip())
                pending = None
            elif option:
                if pending is None:
                    pending = _Pending(number, col)
                pending.options.append((option.group(1), " ".join(option.group(2).split()), number))
            elif pending is not None and pending.options:
                # Text after the options: the question had no ANSWER line; this starts the next.
                self.finish(pending, None)
                pending = _Pending(number, col, [line])
            elif pending is None:
                pending = _Pending(number, col, [line])
            else:
                pending.prompt.append(line)
        if pending:
            self.finish(pending, None)
        if not self.questions:
            self.problems.append(Problem(self.path, 1, 1, "no question could be imported: there is no bank to write"))
        return {"questions": self.questions}, sorted(self.problems)

    def finish(self, pending: _Pending, answer: str | None) -> None:
        self.count += 1
        try:
            question = self.convert(pending, answer)
            problem = validate_question(question)
            if problem:
                # A safety net: a case not foreseen above still never reaches the bank.
                raise _Skip(f"it would not load as a podium question ({problem})")
        except _Skip as skip:
            self.problems.append(Problem(self.path, pending.line, pending.col, f"question left out: {skip}"))
            return
        self.questions.append(question)

    def convert(self, pending: _Pending, answer: str | None) -> dict[str, Any]:
        if not pending.prompt:
            raise _Skip("options with no question text before them")
        if answer is None:
            raise _Skip("no 'ANSWER: <letter>' line after its options")
        if len(pending.options) < 2:
            raise _Skip(f"{len(pending.options)} option{'' if len(pending.options) == 1 else 's'}; "
                        "a question needs at least 2 (A. ..., B. ...)")
        letters: dict[str, str] = {}
        texts: dict[str, int] = {}
        for letter, text, line in pending.options:
            if letter in letters:
                raise _Skip(f"option letter {letter} is used twice (line {line})")
            if text in texts:
                raise _Skip(f"option '{text}' is given twice (lines {texts[text]} and {line})")
            letters[letter] = text
            texts[text] = line
        one = _ONE_LETTER.fullmatch(answer)
        if one is None:
            if _SEVERAL_LETTERS.fullmatch(answer):
                raise _Skip(f"ANSWER '{answer}' names several options; an Aiken question has one right answer")
            raise _Skip(f"ANSWER must be one option letter, not '{answer}'")
        right = one.group(1).upper()
        if right not in letters:
            raise _Skip(f"ANSWER {right} is not among the options ({', '.join(letters)})")
        return {
            "id": f"q{self.count}",
            "type": "single",
            "prompt": "\n".join(pending.prompt),
            "choices": list(letters.values()),
            "answer": letters[right],
        }


def import_aiken(text: str, path: str) -> tuple[dict[str, Any], list[Problem]]:
    """Convert an Aiken file's text into bank data (`questions`) plus the problems found.

    `path` is how the file is named in problems. Never raises for bad input: every question that
    cannot be converted is an error problem at the line where it starts.
    """
    return _AikenReader(path).read(text)
