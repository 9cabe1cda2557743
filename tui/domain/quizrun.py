"""A quiz being taken: the questions in their asked order, the answers given, the result.

Shuffling is reproducible: the same seed gives the same question and choice order every time.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from tui.domain.quizbank import Question, QuizBank
from tui.domain.scoring import Grade, can_override, grade, overridden
from tui.domain.seeds import new_seed  # noqa: F401  (where callers have found it)

TRUE_FALSE_CHOICES = ("True", "False")


@dataclass(frozen=True)
class AskedQuestion:
    """A question as it is shown: choices in their displayed order."""

    question: Question
    choices: tuple[str, ...]


def prepare(bank: QuizBank, seed: int) -> tuple[AskedQuestion, ...]:
    """The bank's questions in asked order, choices shuffled unless the bank says not to."""
    rng = random.Random(seed)
    questions = list(bank.questions)
    if bank.shuffle:
        rng.shuffle(questions)
    asked = []
    for question in questions:
        choices: tuple[str, ...]
        if question.type == "true_false":
            choices = TRUE_FALSE_CHOICES  # never shuffled
        else:
            choices = question.choices
            if question.type in ("order", "match"):
                # A match's right items always move: in the bank's order they would line up
                # with their left items.
                choices = _scrambled(question.choices, rng)
            elif bank.shuffle_choices:
                choices = tuple(rng.sample(choices, len(choices)))
        asked.append(AskedQuestion(question, tuple(choices)))
    return tuple(asked)


def _scrambled(items: tuple[str, ...], rng: random.Random) -> tuple[str, ...]:
    """A shuffled order that is never already the right one (when there is another)."""
    if len(items) < 2:
        return items
    while True:
        order = tuple(rng.sample(items, len(items)))
        if order != items:
            return order


@dataclass(frozen=True)
class AnsweredQuestion:
    """One question with the learner's response and its grade."""

    asked: AskedQuestion
    response: Any
    grade: Grade
    hint_used: bool = False

    @property
    def question(self) -> Question:
        return self.asked.question

    @property
    def overridden(self) -> bool:
        """The learner counted this answer right after it was marked wrong."""
        return self.grade.overridden

    @property
    def can_override(self) -> bool:
        """Whether the learner may still count this answer right ("I was right")."""
        return can_override(self.question, self.grade)


def response_text(question: Question, response: Any) -> str:
    """A response as the learner reads it in feedback and review."""
    if response is None:
        return "(skipped)"
    if question.type == "true_false":
        return "True" if response else "False"
    if question.type == "multiple":
        chosen = [choice for choice in question.choices if choice in set(response)]
        return "; ".join(chosen) if chosen else "(nothing picked)"
    if question.type == "order":
        return " → ".join(response)
    if question.type == "cloze":
        return "; ".join(f"[{n}] {typed or '(empty)'}" for n, typed in enumerate(response, 1))
    if question.type == "match":
        return "; ".join(f"{left} → {pick or '(none)'}" for (left, _), pick in zip(question.pairs, response))
    return str(response)


@dataclass(frozen=True)
class QuizResult:
    """A finished (or abandoned) section quiz."""

    section: str
    answers: tuple[AnsweredQuestion, ...]
    possible: float
    pass_mark: float
    seed: int

    @property
    def points(self) -> float:
        return round(sum(answer.grade.points for answer in self.answers), 6)

    @property
    def fraction(self) -> float:
        return self.points / self.possible if self.possible else 0.0

    @property
    def passed(self) -> bool:
        return self.fraction + 1e-9 >= self.pass_mark


@dataclass
class QuizRun:
    """The state of one quiz as it is taken; the UI drives it, the domain grades it."""

    bank: QuizBank
    section: str
    pass_mark: float
    seed: int
    asked: tuple[AskedQuestion, ...] = ()
    answers: list[AnsweredQuestion] = field(default_factory=list)
    kind: str = "quiz"
    """What the learner is taking, as the screens name it: "quiz" or "review"."""

    def __post_init__(self) -> None:
        if not self.asked:
            self.asked = prepare(self.bank, self.seed)
        if self.bank.pass_mark is not None:
            self.pass_mark = self.bank.pass_mark

    @property
    def index(self) -> int:
        """The number of questions answered so far, which is the index of the current one."""
        return len(self.answers)

    @property
    def planned(self) -> int:
        """How many questions the run asks in all, as far as it is known now."""
        return len(self.asked)

    @property
    def finished(self) -> bool:
        return self.index >= len(self.asked)

    @property
    def current(self) -> AskedQuestion:
        return self.asked[self.index]

    def answer(self, response: Any, hint_used: bool = False) -> AnsweredQuestion:
        """Record a response (None to skip) to the current question and grade it."""
        asked = self.current
        result = grade(asked.question, response, hint_used, self.bank.hint_penalty)
        answered = AnsweredQuestion(asked, response, result, hint_used)
        self.answers.append(answered)
        return answered

    def override(self) -> AnsweredQuestion:
        """Count the last answer right, as the learner says it was ("I was right"): full points,
        less a hint's cost. Only a typed answer marked wrong can be; ValueError otherwise."""
        if not self.answers or not self.answers[-1].can_override:
            raise ValueError("only a typed answer marked wrong can be counted as right")
        last = self.answers[-1]
        result = overridden(last.question, last.hint_used, self.bank.hint_penalty)
        self.answers[-1] = AnsweredQuestion(last.asked, last.response, result, last.hint_used)
        return self.answers[-1]

    def result(self) -> QuizResult:
        """The result so far; questions never reached count as skipped."""
        answers = list(self.answers)
        for asked in self.asked[len(answers):]:
            answers.append(AnsweredQuestion(asked, None, grade(asked.question, None)))
        return QuizResult(self.section, tuple(answers), self.bank.possible, self.pass_mark, self.seed)


@dataclass(frozen=True)
class DeckScore:
    """The sum over sections of a deck's quiz results."""

    results: tuple[tuple[str, QuizResult | None], ...]

    @property
    def points(self) -> float:
        return round(sum(r.points for _, r in self.results if r), 6)

    @property
    def possible(self) -> float:
        return sum(r.possible for _, r in self.results if r)

    @property
    def fraction(self) -> float:
        return self.points / self.possible if self.possible else 0.0
