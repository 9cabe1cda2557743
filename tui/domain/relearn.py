"""A review session that relearns, as Anki does: a question missed in `podium review` comes back
later in the same session, after a few other questions or a few minutes, whichever comes first.

Every answer, the first and each one on its way back, is a review for FSRS (`review.py`): a miss
is rated Again, and the answer given when it comes back sets the schedule from then on.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from tui.domain.quizbank import Question, QuizBank
from tui.domain.quizrun import AnsweredQuestion, AskedQuestion, QuizResult, QuizRun, prepare
from tui.domain.scoring import grade

RELEARN_AFTER_QUESTIONS = 3
"""By default a missed question comes back once this many other questions were answered..."""
RELEARN_AFTER_MINUTES = 10.0
"""...or once this many minutes have passed, whichever comes first (Anki's first relearning step)."""
RELEARN_ROUNDS = 3
"""The most times one question comes back in a session, so a session always ends."""
RELEARN_VERDICTS = frozenset({"wrong", "skipped"})
"""The verdicts that send a question back (those FSRS rates Again); a partly right answer does not."""


@dataclass(frozen=True)
class RelearnRule:
    """When a missed question comes back: after `questions` other answers or `minutes` minutes,
    whichever comes first. `questions` 0 turns relearning off."""

    questions: int = RELEARN_AFTER_QUESTIONS
    minutes: float = RELEARN_AFTER_MINUTES
    rounds: int = RELEARN_ROUNDS

    @property
    def on(self) -> bool:
        return self.questions > 0 and self.rounds > 0


@dataclass
class _Waiting:
    """A missed question waiting to come back."""

    asked: AskedQuestion
    section: int
    after_answers: int
    """It is ready once the session holds this many answers..."""
    at: float
    """...or once the clock (seconds) reaches this."""


def narrow(due: Sequence[tuple[int, Question]], sections: Collection[int] | None = None,
           tags: Collection[str] | None = None) -> list[tuple[int, Question]]:
    """The due questions of the given sections (all when None) that carry one of `tags` (any
    when None or empty), in the order given."""
    return [(section, question) for section, question in due
            if (sections is None or section in sections)
            and (not tags or any(tag in question.tags for tag in tags))]


def known_tags(banks: Collection[QuizBank]) -> list[str]:
    """Every tag used by the banks' questions, sorted."""
    return sorted({tag for bank in banks for question in bank.questions for tag in question.tags})


def review_bank(due: Sequence[tuple[int, Question]]) -> QuizBank:
    """The due questions as one bank, in the order given (most overdue first)."""
    return QuizBank(questions=tuple(question for _, question in due), path="review", title="Review",
                    shuffle=False)


@dataclass
class ReviewRun(QuizRun):
    """The questions due for review, asked in order, with each missed one asked again later in the
    session (see `RelearnRule`). `asked` and `sections` grow as questions are asked."""

    due: Sequence[tuple[int, Question]] = ()
    rule: RelearnRule = field(default_factory=RelearnRule)
    clock: Callable[[], float] = time.monotonic
    sections: list[int] = field(default_factory=list)
    """The section of each question in `asked`, in the same order."""
    fresh: deque[tuple[AskedQuestion, int]] = field(default_factory=deque)
    waiting: list[_Waiting] = field(default_factory=list)
    rounds: dict[int, int] = field(default_factory=dict)
    """How many times each question (by its place in `due`) came back so far."""

    @classmethod
    def of(cls, due: Sequence[tuple[int, Question]], pass_mark: float, seed: int,
           rule: RelearnRule | None = None, clock: Callable[[], float] = time.monotonic) -> ReviewRun:
        bank = review_bank(due)
        prepared = prepare(bank, seed)
        run = cls(bank, "Review", pass_mark, seed, asked=(), kind="review", due=tuple(due),
                  rule=rule or RelearnRule(), clock=clock)
        run.fresh = deque((asked, section) for asked, (section, _q) in zip(prepared, due, strict=True))
        return run

    def __post_init__(self) -> None:
        if self.bank.pass_mark is not None:
            self.pass_mark = self.bank.pass_mark

    @property
    def planned(self) -> int:
        return len(self.asked) + len(self.fresh) + len(self.waiting)

    @property
    def finished(self) -> bool:
        return self.index >= len(self.asked) and not self.fresh and not self.waiting

    @property
    def current(self) -> AskedQuestion:
        if self.index >= len(self.asked):
            self._ask_next()
        return self.asked[self.index]

    def _ask_next(self) -> None:
        """Choose the next question: a missed one whose time has come, else the next due one,
        else the missed one that would come back first (there is nothing left to wait for)."""
        now = self.clock()
        ready = [w for w in self.waiting if len(self.answers) >= w.after_answers or now >= w.at]
        chosen: tuple[AskedQuestion, int]
        if ready:
            first = min(ready, key=lambda w: w.after_answers)
            self.waiting.remove(first)
            chosen = (first.asked, first.section)
        elif self.fresh:
            chosen = self.fresh.popleft()
        elif self.waiting:
            first = min(self.waiting, key=lambda w: w.after_answers)
            self.waiting.remove(first)
            chosen = (first.asked, first.section)
        else:
            raise IndexError("the review has no question left")
        self.asked = (*self.asked, chosen[0])
        self.sections.append(chosen[1])

    def answer(self, response: Any, hint_used: bool = False) -> AnsweredQuestion:
        answered = super().answer(response, hint_used)
        key = id(answered.asked)
        if self.rule.on and answered.grade.verdict in RELEARN_VERDICTS:
            came_back = self.rounds.get(key, 0)
            if came_back < self.rule.rounds:
                self.rounds[key] = came_back + 1
                self.waiting.append(_Waiting(answered.asked, self.sections[self.index - 1],
                                             len(self.answers) + self.rule.questions,
                                             self.clock() + self.rule.minutes * 60))
        return answered

    def coming_back(self) -> bool:
        """Whether the question just answered will be asked again in this session."""
        if not self.answers:
            return False
        last = self.answers[-1].asked
        return any(w.asked is last for w in self.waiting)

    def result(self) -> QuizResult:
        """Every answer given, each return included, and the questions never reached as skipped;
        the score is out of the points of all of them."""
        answers = list(self.answers)
        left = [asked for asked, _ in self.fresh]
        for asked in left:
            answers.append(AnsweredQuestion(asked, None, grade(asked.question, None)))
        possible = sum(answer.grade.possible for answer in answers)
        return QuizResult(self.section, tuple(answers), possible, self.pass_mark, self.seed)
