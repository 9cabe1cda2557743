"""YAML question banks -> `QuizBank`, strictly validated, every problem collected.

See docs/authoring.md for the format. The JSON Schema for editors is tui/schemas/quizbank.schema.json.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Literal, TypeGuard

from tui.domain.answer_pattern import PatternError, compile_pattern
from tui.domain.cloze import Blank, Cloze, blanked, filled, parse_cloze
from tui.domain.deckinfo import parse_pass_mark
from tui.domain.errors import ProblemLog
from tui.domain.source import display_path, read_source
from tui.domain.suggest import closest, did_you_mean
from tui.domain.yamlsource import Position, YamlMap, YamlSeq, load_yaml
from tui.domain.yamlsource import kind_of as _kind

QuestionType = Literal["single", "multiple", "true_false", "short", "numeric", "order", "cloze", "match"]
QUESTION_TYPES: tuple[str, ...] = ("single", "multiple", "true_false", "short", "numeric", "order", "cloze",
                                   "match")
CHOICE_TYPES = ("single", "multiple", "order")
CLOZE_PROMPT = "Fill in the blanks."
"""The instruction a cloze question shows when its bank gives no `prompt`."""
MATCH_PROMPT = "Match each item on the left with one on the right."
"""The instruction a match question shows when its bank gives no `prompt`."""
BANK_KEYS = ("title", "pass_mark", "shuffle", "shuffle_choices", "hint_penalty", "typos", "questions")
QUESTION_KEYS = ("id", "type", "prompt", "choices", "answer", "explanation", "hint", "points",
                 "scoring", "tolerance", "pattern", "typos", "unit", "tags",
                 "text", "pairs", "distractors")
TAG_PATTERN = re.compile(r"[^\s,]{1,40}")
"""A tag: a short word (no spaces or commas), at most 40 characters, as `podium review --tag` takes it."""
SCORING_MODES = ("partial", "all_or_nothing")
DEFAULT_HINT_PENALTY = 0.5
"""The share of a question's points that opening its hint costs, unless the bank sets `hint_penalty`."""
_QUESTION_KEY_SET = frozenset(QUESTION_KEYS)


@dataclass(frozen=True)
class Question:
    """One validated question. `choices` for `order` are in the right order."""

    id: str
    type: QuestionType
    prompt: str
    choices: tuple[str, ...] = ()
    correct: tuple[str, ...] = ()
    """single: the right choice; multiple: the right choices; short: the accepted answers."""
    truth: bool | None = None
    """true_false: the right answer."""
    low: float = 0.0
    high: float = 0.0
    """numeric: the accepted range, inclusive."""
    pattern: str | None = None
    """short: a regular expression the whole answer must match (ignoring case)."""
    typos: bool = True
    """short: forgive a few typos, scaled to the accepted answer's length (`typos: false` turns it off)."""
    units: tuple[str, ...] = ()
    """numeric: the units (the question's `unit`) an answer may end with, as in `42 %` or `3 km`."""
    explanation: str = ""
    hint: str = ""
    points: float = 1.0
    all_or_nothing: bool = False
    line: int = 1
    tags: tuple[str, ...] = ()
    """Short words that group questions across sections (`podium review --tag`)."""
    text: str = ""
    """cloze: the text as written, with its `{{c1::answer}}` markers."""
    blanks: tuple[Blank, ...] = ()
    """cloze: the blanks in the order they stand in the text."""
    pieces: tuple[str, ...] = ()
    """cloze: the text around the blanks (one more piece than blanks)."""
    pairs: tuple[tuple[str, str], ...] = ()
    """match: (left, right) pairs in the bank's order; `choices` holds every right item once,
    the pairs' rights then the distractors, in the bank's order."""

    @property
    def cloze(self) -> Cloze:
        """cloze: the text cut at its blanks."""
        return Cloze(self.pieces, self.blanks)

    def asked_text(self) -> str:
        """What the question asks, as a review or a statistic names it: the prompt, and for a
        cloze its text with the blanks numbered (the prompt alone is only an instruction)."""
        if self.type == "cloze":
            return f"{self.prompt} {blanked(self.cloze)}"
        return self.prompt

    def right_answer(self) -> str:
        """The right answer as a learner reads it."""
        if self.type == "true_false":
            return "True" if self.truth else "False"
        if self.type == "numeric":
            unit = f" {self.units[0]}" if self.units else ""
            if self.low == self.high:
                return f"{_number(self.low)}{unit}"
            return f"{_number(self.low)} to {_number(self.high)}{unit}"
        if self.type == "order":
            return " → ".join(self.choices)
        if self.type == "cloze":
            return filled(self.cloze)
        if self.type == "match":
            return "; ".join(f"{left} → {right}" for left, right in self.pairs)
        if self.type == "short" and not self.correct and self.pattern:
            return f"text matching {self.pattern}"
        return "; ".join(self.correct)


def left_label(index: int) -> str:
    """The letter of a match's left item as shown to learners: A, B, ... then A1, B1 past Z."""
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[index % 26] + (str(index // 26) if index >= 26 else "")


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


@dataclass(frozen=True)
class QuizBank:
    """A section's questions and how they are asked."""

    questions: tuple[Question, ...]
    path: str
    title: str = ""
    pass_mark: float | None = None
    """None means: use the deck's pass mark."""
    shuffle: bool = True
    shuffle_choices: bool = True
    hint_penalty: float = DEFAULT_HINT_PENALTY
    typos: bool = True
    """The bank's default for its short questions' `typos`."""

    @property
    def possible(self) -> float:
        return sum(question.points for question in self.questions)


def load_bank(path: Path, shown: str | None = None) -> QuizBank:
    """Load and validate a bank; raise `PodiumError` with every problem found."""
    log = ProblemLog()
    shown = shown or display_path(path)
    bank = parse_bank(read_source(path, shown), shown, log)
    log.raise_if_errors()
    assert bank is not None
    return bank


def parse_bank(text: str, shown: str, log: ProblemLog) -> QuizBank | None:
    """Validate a bank's text; problems go to `log`."""
    data = load_yaml(text, shown, log)
    if data is None and not log.errors:
        log.error(shown, 1, 1, "the bank is empty: it needs a 'questions' list")
    if data is None:
        return None
    if not isinstance(data, YamlMap):
        log.error(shown, 1, 1, "a bank must be a mapping with a 'questions' list")
        return None
    checker = _Checker(shown, log, text)
    return checker.bank(data)


class _Checker:
    def __init__(self, path: str, log: ProblemLog, source: str = "") -> None:
        self.path = path
        self.log = log
        self.typos = True
        """The bank's `typos`, the default of each short question's."""
        self.source = source.splitlines()

    def error(self, where: Position, message: str) -> None:
        self.log.error(self.path, where[0], where[1], message)

    def unknown_keys(self, data: YamlMap, known: tuple[str, ...], where: str) -> None:
        for key in data:
            if key not in known:
                hint = did_you_mean(str(key), known, cutoff=0.6) or f"; known keys: {', '.join(known)}"
                self.error(data.pos(key), f"unknown key '{key}' in {where}{hint}")

    def flag(self, data: YamlMap, key: str, default: bool) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            self.error(data.vpos(key), f"'{key}' must be true or false, not {_kind(value)}")
            return default
        return value

    def text(self, data: YamlMap, key: str, required: bool = False) -> str:
        if key not in data or data[key] is None:
            if required:
                self.error(data.start, f"missing '{key}'")
            return ""
        value = data[key]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.error(data.vpos(key), f"'{key}' must be text, not {_kind(value)}")
            return ""
        if required and not value.strip():
            self.error(data.vpos(key), f"'{key}' is empty")
        return value.strip()

    def bank(self, data: YamlMap) -> QuizBank | None:
        self.unknown_keys(data, BANK_KEYS, "the bank")
        pass_mark = None
        if "pass_mark" in data:
            pass_mark = parse_pass_mark(data["pass_mark"])
            if pass_mark is None:
                self.error(data.vpos("pass_mark"), "'pass_mark' must be a percentage like 70% or a fraction like 0.7")
        penalty: float = DEFAULT_HINT_PENALTY
        if "hint_penalty" in data:
            parsed = parse_pass_mark(data["hint_penalty"])
            if parsed is None:
                self.error(data.vpos("hint_penalty"),
                           "'hint_penalty' must be a percentage like 50% or a fraction like 0.5")
            penalty = DEFAULT_HINT_PENALTY if parsed is None else parsed
        self.typos = self.flag(data, "typos", True)
        questions_data = data.get("questions")
        questions: list[Question] = []
        if questions_data is None:
            self.error(data.pos("questions") if "questions" in data else data.start,
                       "missing 'questions': a bank needs a list of questions")
        elif not isinstance(questions_data, YamlSeq):
            self.error(data.vpos("questions"), f"'questions' must be a list, not {_kind(questions_data)}")
        elif not questions_data:
            self.error(data.vpos("questions"), "'questions' is empty: a bank needs at least one question")
        else:
            seen: dict[str, int] = {}
            for index, item in enumerate(questions_data):
                where = questions_data.pos(index)
                if not isinstance(item, YamlMap):
                    self.error(where, f"question {index + 1} must be a mapping of keys, not {_kind(item)}")
                    continue
                raw_id = item.get("id")
                # Only an id that is text (or a number) can clash; a missing one is reported below.
                textual_id = isinstance(raw_id, (str, int, float)) and not isinstance(raw_id, bool)
                qid = str(raw_id).strip() if textual_id else ""
                if qid and qid in seen:
                    self.error(item.vpos("id"), f"duplicate id '{qid}' (first used on line {seen[qid]})")
                elif qid:
                    seen[qid] = item.vpos("id")[0]
                question = self.question(item, index + 1)
                if question is not None:
                    questions.append(question)
        return QuizBank(
            questions=tuple(questions),
            path=self.path,
            title=self.text(data, "title"),
            pass_mark=pass_mark,
            shuffle=self.flag(data, "shuffle", True),
            shuffle_choices=self.flag(data, "shuffle_choices", True),
            hint_penalty=float(penalty),
            typos=self.typos,
        )

    def question(self, data: YamlMap, number: int) -> Question | None:
        problems_before = len(self.log.problems)  # (only errors are logged from here on)
        if not data.keys() <= _QUESTION_KEY_SET:
            self.unknown_keys(data, QUESTION_KEYS, f"question {number}")
        qid = self.text(data, "id", required=True)
        qtype = data.get("type")
        if qtype is None:
            self.error(data.start, f"question {number} has no 'type' (one of {', '.join(QUESTION_TYPES)})")
        elif qtype not in QUESTION_TYPES:
            self.error(data.vpos("type"), f"unknown type '{qtype}'{did_you_mean(str(qtype), QUESTION_TYPES) or ''}; "
                       f"types are {', '.join(QUESTION_TYPES)}")
            qtype = None
        prompt = self.text(data, "prompt", required=qtype not in ("cloze", "match"))
        if not prompt and qtype in ("cloze", "match"):
            prompt = CLOZE_PROMPT if qtype == "cloze" else MATCH_PROMPT
        points = 1.0
        if "points" in data:
            value = data["points"]
            if (isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0
                    or not math.isfinite(value)):
                self.error(data.vpos("points"), "'points' must be a positive number")
            else:
                points = float(value)
        all_or_nothing = False
        if "scoring" in data:
            mode = data["scoring"]
            if mode not in SCORING_MODES:
                hint = did_you_mean(str(mode), SCORING_MODES)
                self.error(data.vpos("scoring"), f"'scoring' must be one of {', '.join(SCORING_MODES)}{hint}")
            elif qtype not in ("multiple", "order"):
                self.error(data.pos("scoring"), "'scoring' applies only to multiple and order questions")
            all_or_nothing = mode == "all_or_nothing"
        for key, allowed in (("tolerance", ("numeric",)), ("pattern", ("short",)), ("typos", ("short",)),
                             ("unit", ("numeric",)), ("text", ("cloze",)), ("pairs", ("match",)),
                             ("distractors", ("match",))):
            if key in data and qtype is not None and qtype not in allowed:
                self.error(data.pos(key), f"'{key}' applies only to {' and '.join(allowed)} questions")
        tags = self.tags(data)
        fields: dict[str, Any] = {}
        if qtype is not None:
            fields = self.ANSWER_READERS[qtype](self, data)
        if qtype == "short":
            fields["typos"] = self.flag(data, "typos", self.typos)
        if len(self.log.problems) > problems_before or qtype is None:
            return None
        return Question(
            id=qid, type=qtype, prompt=prompt, explanation=self.text(data, "explanation"),
            hint=self.text(data, "hint"), points=points, all_or_nothing=all_or_nothing,
            line=data.start[0], tags=tags, **fields,
        )

    def tags(self, data: YamlMap) -> tuple[str, ...]:
        """A question's `tags:`, a list of short words, each at its own line and column when wrong."""
        if "tags" not in data:
            return ()
        value = data["tags"]
        if not isinstance(value, YamlSeq):
            self.error(data.vpos("tags"), f"'tags' must be a list of short words, not {_kind(value)}")
            return ()
        found: list[str] = []
        for index, item in enumerate(value):
            text = str(item).strip() if isinstance(item, (str, int)) and not isinstance(item, bool) else None
            if text is None:
                self.error(value.pos(index), f"a tag must be a short word, not {_kind(item)}")
            elif not TAG_PATTERN.fullmatch(text):
                self.error(value.pos(index), f"tag '{text[:50]}' must be one word of 1 to 40 characters, "
                                             "without spaces or commas")
            elif text in found:
                self.error(value.pos(index), f"tag '{text}' is listed twice")
            else:
                found.append(text)
        return tuple(found)

    # -- choices and answers, one method per type --------------------------------------------

    def choices(self, data: YamlMap, minimum: int) -> tuple[str, ...] | None:
        value = data.get("choices")
        if value is None:
            self.error(data.start, "missing 'choices'")
            return None
        if not isinstance(value, YamlSeq):
            self.error(data.vpos("choices"), f"'choices' must be a list, not {_kind(value)}")
            return None
        result: list[str] = []
        ok = True
        for index, item in enumerate(value):
            if isinstance(item, bool) or not isinstance(item, (str, int, float)) or not str(item).strip():
                kind = _kind(item) if str(item).strip() else "empty text"
                self.error(value.pos(index), f"a choice must be a line of text, not {kind}")
                ok = False
                continue
            text = str(item).strip()
            if text in result:
                self.error(value.pos(index), f"choice '{text}' is listed twice")
                ok = False
                continue
            result.append(text)
        if ok and len(result) < minimum:
            self.error(data.vpos("choices"), f"too few choices: {len(result)} given, at least {minimum} needed")
            return None
        return tuple(result) if ok else None

    def pick(self, data: YamlMap, choices: tuple[str, ...], value: Any, where: Position) -> str | None:
        text = str(value).strip() if isinstance(value, (str, int, float)) and not isinstance(value, bool) else None
        if text is None:
            self.error(where, f"an answer must be the text of a choice, not {_kind(value)}")
            return None
        if text not in choices:
            guess = closest(text, choices, cutoff=0.0)
            self.error(where, f"answer '{text}' is not among the choices" + (f" (closest: '{guess}')" if guess else ""))
            return None
        return text

    def answer_single(self, data: YamlMap) -> dict[str, Any]:
        choices = self.choices(data, 2)
        if "answer" not in data:
            self.error(data.start, "missing 'answer': the text of the right choice")
            return {}
        value = data["answer"]
        if isinstance(value, YamlSeq):
            if len(value) != 1:
                self.error(data.vpos("answer"),
                           "a single-choice question has one right answer; use type: multiple for several")
                return {}
            value = value[0]
        if choices is None:
            return {}
        right = self.pick(data, choices, value, data.vpos("answer"))
        return {"choices": choices, "correct": (right,)} if right else {}

    def answer_multiple(self, data: YamlMap) -> dict[str, Any]:
        choices = self.choices(data, 2)
        if "answer" not in data:
            self.error(data.start, "missing 'answer': the list of right choices")
            return {}
        value = data["answer"]
        items: list[tuple[Any, Position]]
        if isinstance(value, YamlSeq):
            items = [(item, value.pos(i)) for i, item in enumerate(value)]
        else:
            items = [(value, data.vpos("answer"))]
        if not items:
            self.error(data.vpos("answer"), "'answer' is empty: list at least one right choice")
            return {}
        if choices is None:
            return {}
        right: list[str] = []
        for item, where in items:
            picked = self.pick(data, choices, item, where)
            if picked in right:
                self.error(where, f"answer '{picked}' is listed twice")
            elif picked:
                right.append(picked)
        return {"choices": choices, "correct": tuple(right)}

    def answer_true_false(self, data: YamlMap) -> dict[str, Any]:
        if "choices" in data:
            self.error(data.pos("choices"), "a true_false question has no 'choices': they are always True and False")
        value = data.get("answer")
        if not isinstance(value, bool):
            where = data.vpos("answer") if "answer" in data else data.start
            self.error(where, "a true_false answer must be true or false")
            return {}
        return {"truth": value}

    def answer_short(self, data: YamlMap) -> dict[str, Any]:
        if "choices" in data:
            self.error(data.pos("choices"), "a short question has no 'choices': the learner types the answer")
        pattern = None
        if "pattern" in data:
            raw = data["pattern"]
            if not isinstance(raw, str) or not raw:
                self.error(data.vpos("pattern"), "'pattern' must be a regular expression")
            else:
                try:
                    compile_pattern(raw)
                    pattern = raw
                except PatternError as error:
                    self.error(data.vpos("pattern"), str(error))
        value = data.get("answer")
        accepted: list[str] = []
        if value is None:
            if "pattern" not in data:
                self.error(data.start, "missing 'answer': a list of accepted answers (or a 'pattern')")
        else:
            items = list(value) if isinstance(value, YamlSeq) else [value]
            for index, item in enumerate(items):
                where = value.pos(index) if isinstance(value, YamlSeq) else data.vpos("answer")
                if isinstance(item, bool) or not isinstance(item, (str, int, float)) or not str(item).strip():
                    self.error(where, "an accepted answer must be a line of text")
                else:
                    accepted.append(str(item).strip())
            if not items:
                self.error(data.vpos("answer"), "'answer' is empty: list at least one accepted answer")
        return {"correct": tuple(accepted), "pattern": pattern}

    def answer_numeric(self, data: YamlMap) -> dict[str, Any]:
        if "choices" in data:
            self.error(data.pos("choices"), "a numeric question has no 'choices': the learner types a number")
        value = data.get("answer")

        def number(item: Any) -> TypeGuard[int | float]:
            return isinstance(item, (int, float)) and not isinstance(item, bool) and math.isfinite(item)

        units = self.units(data)
        tolerance = data.get("tolerance", 0)
        if not number(tolerance) or tolerance < 0:
            self.error(data.vpos("tolerance"), "'tolerance' must be a number of zero or more")
            tolerance = 0
        if number(value):
            return {"low": float(value) - tolerance, "high": float(value) + tolerance, "units": units}
        if isinstance(value, YamlSeq) and len(value) == 2 and all(number(v) for v in value):
            low, high = float(value[0]), float(value[1])
            if low > high:
                self.error(data.vpos("answer"),
                           f"range [{_number(low)}, {_number(high)}] is backwards: low must come first")
                return {}
            if "tolerance" in data:
                self.error(data.pos("tolerance"), "give either a range or a 'tolerance', not both")
            return {"low": low, "high": high, "units": units}
        where = data.vpos("answer") if "answer" in data else data.start
        self.error(where, "a numeric answer must be a number, or a range [low, high]")
        return {}

    def units(self, data: YamlMap) -> tuple[str, ...]:
        """A numeric question's `unit`: one text (`"%"`, `km`) or a list of them (`[years, yrs]`)."""
        if "unit" not in data:
            return ()
        value = data["unit"]
        items = list(value) if isinstance(value, YamlSeq) else [value]
        units: list[str] = []
        for index, item in enumerate(items):
            where = value.pos(index) if isinstance(value, YamlSeq) else data.vpos("unit")
            text = item.strip() if isinstance(item, str) else ""
            if not text:
                self.error(where, "'unit' must be a unit written as text, like \"%\" or km, or a list of them")
            elif any(ch.isdigit() for ch in text):
                self.error(where, f"unit '{text}' holds a digit: a unit is what follows the number, like % or km")
            else:
                units.append(text)
        if not items:
            self.error(data.vpos("unit"), "'unit' is empty: name a unit, like \"%\" or km")
        return tuple(units)

    def answer_order(self, data: YamlMap) -> dict[str, Any]:
        choices = self.choices(data, 2)
        if "answer" in data:
            self.error(data.pos("answer"), "an order question has no 'answer': list 'choices' in the right order")
            return {}
        return {"choices": choices} if choices else {}

    def answer_cloze(self, data: YamlMap) -> dict[str, Any]:
        for key in ("choices", "answer"):
            if key in data:
                self.error(data.pos(key), f"a cloze question has no '{key}': its blanks are marked in 'text' "
                           "as {{c1::answer}}")
        text = self.text(data, "text", required=True)
        if not text:
            return {}
        raw = data["text"]
        cloze, errors = parse_cloze(str(raw).strip())
        for error in errors:
            self.error(self.inside(data.vpos("text"), str(raw).strip(), error.offset), error.message)
        if errors:
            return {}
        return {"text": text, "blanks": cloze.blanks, "pieces": cloze.pieces}

    def inside(self, start: Position, value: str, offset: int) -> Position:
        """Where character `offset` of a text value starting at `start` stands in the source.

        Markers are found by their `{{`: the k-th `{{` of the value is the k-th one in the source
        from the value's start (YAML quoting never changes braces)."""
        nth = value.count("{{", 0, offset) if value.startswith("{{", offset) else -1
        if nth < 0 or not self.source:
            return start
        line, col = start
        seen = 0
        for number in range(line, len(self.source) + 1):
            row = self.source[number - 1]
            at = col - 1 if number == line else 0
            while True:
                found = row.find("{{", at)
                if found < 0:
                    break
                if seen == nth:
                    return (number, found + 1)
                seen += 1
                at = found + 2
        return start

    def answer_match(self, data: YamlMap) -> dict[str, Any]:
        for key in ("choices", "answer"):
            if key in data:
                self.error(data.pos(key), f"a match question has no '{key}': list 'pairs' of left and right")
        value = data.get("pairs")
        if value is None:
            self.error(data.start, "missing 'pairs': a list of {left: ..., right: ...}")
            return {}
        if not isinstance(value, YamlSeq):
            self.error(data.vpos("pairs"), f"'pairs' must be a list, not {_kind(value)}")
            return {}
        pairs: list[tuple[str, str]] = []
        ok = True
        for index, item in enumerate(value):
            where = value.pos(index)
            if not isinstance(item, YamlMap):
                self.error(where, f"pair {index + 1} must be a mapping {{left: ..., right: ...}}, not {_kind(item)}")
                ok = False
                continue
            self.unknown_keys(item, ("left", "right"), f"pair {index + 1}")
            left = self.text(item, "left", required=True)
            right = self.text(item, "right", required=True)
            if left and right:
                if left in (p[0] for p in pairs):
                    self.error(item.vpos("left"), f"left item '{left}' is listed twice")
                    ok = False
                pairs.append((left, right))
            else:
                ok = False
        if ok and len(pairs) < 2:
            self.error(data.vpos("pairs"), f"too few pairs: {len(pairs)} given, at least 2 needed")
            return {}
        rights = list(dict.fromkeys(right for _, right in pairs))
        if "distractors" in data:
            extra = data["distractors"]
            items = list(extra) if isinstance(extra, YamlSeq) else [extra]
            for index, item in enumerate(items):
                where = extra.pos(index) if isinstance(extra, YamlSeq) else data.vpos("distractors")
                if isinstance(item, bool) or not isinstance(item, (str, int, float)) or not str(item).strip():
                    self.error(where, "a distractor must be a line of text")
                    ok = False
                elif str(item).strip() in rights:
                    self.error(where, f"distractor '{str(item).strip()}' is already a right item")
                    ok = False
                else:
                    rights.append(str(item).strip())
        return {"pairs": tuple(pairs), "choices": tuple(rights)} if ok else {}

    ANSWER_READERS: ClassVar[dict[str, Callable[[_Checker, YamlMap], dict[str, Any]]]] = {
        "single": answer_single,
        "multiple": answer_multiple,
        "true_false": answer_true_false,
        "short": answer_short,
        "numeric": answer_numeric,
        "order": answer_order,
        "cloze": answer_cloze,
        "match": answer_match,
    }
    """Each question type and the method that reads its choices and answer into Question fields."""
