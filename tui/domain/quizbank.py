"""YAML question banks -> `QuizBank`, strictly validated, every problem collected.

See docs/authoring.md for the format. The JSON Schema for editors is tui/schemas/quizbank.schema.json.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Literal, TypeGuard

from tui.domain.answer_pattern import PatternError, compile_pattern
from tui.domain.deckinfo import parse_pass_mark
from tui.domain.errors import ProblemLog
from tui.domain.source import display_path, read_source
from tui.domain.suggest import closest, did_you_mean
from tui.domain.yamlsource import Position, YamlMap, YamlSeq, load_yaml
from tui.domain.yamlsource import kind_of as _kind

QuestionType = Literal["single", "multiple", "true_false", "short", "numeric", "order"]
QUESTION_TYPES: tuple[str, ...] = ("single", "multiple", "true_false", "short", "numeric", "order")
CHOICE_TYPES = ("single", "multiple", "order")
BANK_KEYS = ("title", "pass_mark", "shuffle", "shuffle_choices", "hint_penalty", "questions")
QUESTION_KEYS = ("id", "type", "prompt", "choices", "answer", "explanation", "hint", "points",
                 "scoring", "tolerance", "pattern")
SCORING_MODES = ("partial", "all_or_nothing")
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
    explanation: str = ""
    hint: str = ""
    points: float = 1.0
    all_or_nothing: bool = False
    line: int = 1

    def right_answer(self) -> str:
        """The right answer as a learner reads it."""
        if self.type == "true_false":
            return "True" if self.truth else "False"
        if self.type == "numeric":
            return _number(self.low) if self.low == self.high else f"{_number(self.low)} to {_number(self.high)}"
        if self.type == "order":
            return " → ".join(self.choices)
        if self.type == "short" and not self.correct and self.pattern:
            return f"text matching {self.pattern}"
        return "; ".join(self.correct)


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
    hint_penalty: float = 0.0

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
    checker = _Checker(shown, log)
    return checker.bank(data)


class _Checker:
    def __init__(self, path: str, log: ProblemLog) -> None:
        self.path = path
        self.log = log

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
        penalty = data.get("hint_penalty", 0)
        if "hint_penalty" in data:
            parsed = parse_pass_mark(penalty)
            if parsed is None:
                self.error(data.vpos("hint_penalty"),
                           "'hint_penalty' must be a percentage like 50% or a fraction like 0.5")
            penalty = parsed or 0.0
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
        prompt = self.text(data, "prompt", required=True)
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
        for key, allowed in (("tolerance", ("numeric",)), ("pattern", ("short",))):
            if key in data and qtype is not None and qtype not in allowed:
                self.error(data.pos(key), f"'{key}' applies only to {' and '.join(allowed)} questions")
        fields: dict[str, Any] = {}
        if qtype is not None:
            fields = self.ANSWER_READERS[qtype](self, data)
        if len(self.log.problems) > problems_before or qtype is None:
            return None
        return Question(
            id=qid, type=qtype, prompt=prompt, explanation=self.text(data, "explanation"),
            hint=self.text(data, "hint"), points=points, all_or_nothing=all_or_nothing,
            line=data.start[0], **fields,
        )

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

        tolerance = data.get("tolerance", 0)
        if not number(tolerance) or tolerance < 0:
            self.error(data.vpos("tolerance"), "'tolerance' must be a number of zero or more")
            tolerance = 0
        if number(value):
            return {"low": float(value) - tolerance, "high": float(value) + tolerance}
        if isinstance(value, YamlSeq) and len(value) == 2 and all(number(v) for v in value):
            low, high = float(value[0]), float(value[1])
            if low > high:
                self.error(data.vpos("answer"),
                           f"range [{_number(low)}, {_number(high)}] is backwards: low must come first")
                return {}
            if "tolerance" in data:
                self.error(data.pos("tolerance"), "give either a range or a 'tolerance', not both")
            return {"low": low, "high": high}
        where = data.vpos("answer") if "answer" in data else data.start
        self.error(where, "a numeric answer must be a number, or a range [low, high]")
        return {}

    def answer_order(self, data: YamlMap) -> dict[str, Any]:
        choices = self.choices(data, 2)
        if "answer" in data:
            self.error(data.pos("answer"), "an order question has no 'answer': list 'choices' in the right order")
            return {}
        return {"choices": choices} if choices else {}

    ANSWER_READERS: ClassVar[dict[str, Callable[[_Checker, YamlMap], dict[str, Any]]]] = {
        "single": answer_single,
        "multiple": answer_multiple,
        "true_false": answer_true_false,
        "short": answer_short,
        "numeric": answer_numeric,
        "order": answer_order,
    }
    """Each question type and the method that reads its choices and answer into Question fields."""
