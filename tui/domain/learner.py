"""A learner's history as the app uses it: record answers as they are given, offer to resume,
count and ask what is due for review. Failures never stop a quiz: they become messages.

Presenting records nothing: an attempt is written only when its first answer is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from tui.domain.deck import Deck
from tui.domain.errors import HistoryError
from tui.domain.identity import bank_hashes, deck_key, present_questions, question_hash

if TYPE_CHECKING:
    from tui.domain.history import History, OpenAttempt
    from tui.domain.quizbank import Question, QuizBank
    from tui.domain.quizrun import AnsweredQuestion, QuizRun
    from tui.domain.stats import SectionStats

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class Learner:
    """The history of one deck for one learner; `history` is None when history is off."""

    history: History | None
    deck: Deck
    clock: Clock = utc_now
    notices: list[str] = field(default_factory=list)
    """Things to tell the learner once (history off, a damaged file moved aside...)."""

    @property
    def key(self) -> str:
        return deck_key(self.deck)

    @classmethod
    def open(cls, path: Path | None, deck: Deck, clock: Clock = utc_now) -> Learner:
        """Open the history at `path` (None: history off on purpose, e.g. --no-history)."""
        if path is None:
            return cls(None, deck, clock)
        from tui.domain.history import History
        from tui.domain.source import safe_text

        try:
            history, notice = History.open(path, clock)
        except HistoryError as error:
            return cls(None, deck, clock, [str(error)])
        # The notice may name a file (a damaged history moved aside): shown without control codes.
        return cls(history, deck, clock, [safe_text(notice)] if notice else [])

    def close(self) -> None:
        if self.history is not None:
            self.history.close()

    def _off(self, error: HistoryError) -> str:
        return str(error)

    def recorder(self, section: int, section_title: str, run: QuizRun,
                 attempt_id: int | None = None) -> AttemptRecorder:
        return AttemptRecorder(self, section, section_title, run, attempt_id)

    def leftover(self, section: int, bank: QuizBank) -> OpenAttempt | None:
        """A quiz of this section left half way, if any."""
        if self.history is None:
            return None
        try:
            return self.history.open_attempt(self.key, section, bank_hashes(bank))
        except HistoryError as error:
            self.notices.append(str(error))
            return None

    def resume(self, left: OpenAttempt, bank: QuizBank, section_title: str, pass_mark: float) -> QuizRun | None:
        from tui.domain.history import resume_run

        return resume_run(left, bank, section_title, pass_mark)

    def abandon(self, left: OpenAttempt) -> str | None:
        if self.history is None:
            return None
        try:
            self.history.abandon_attempt(left.attempt_id)
        except HistoryError as error:
            return str(error)
        return None

    def due_count(self, banks: dict[int, QuizBank]) -> int:
        if self.history is None:
            return 0
        try:
            return self.history.count_due(self.key, self.clock(), known=present_questions(banks))
        except HistoryError as error:
            self.notices.append(str(error))
            return 0

    def due_questions(self, banks: dict[int, QuizBank], limit: int | None) -> list[tuple[int, Question]]:
        """The questions due for review, most overdue first, as (section, question)."""
        if self.history is None:
            return []
        cards = self.history.due(self.key, self.clock(), limit, known=present_questions(banks))
        found = []
        for card in cards:
            bank = banks.get(card.section)
            question = next((q for q in bank.questions if q.id == card.question_id), None) if bank else None
            if question is not None:
                found.append((card.section, question))
        return found

    def statistics(self) -> tuple[list[SectionStats], str | None]:
        """Every section's statistics, or none and the reason (history off, unreadable)."""
        from tui.domain.stats import section_stats

        if self.history is None:
            return [], "History is off, so there is nothing to show."
        try:
            return section_stats(self.history, self.key, [s.title for s in self.deck.sections]), None
        except HistoryError as error:
            return [], str(error)

    def reviewed(self, section: int, answered: AnsweredQuestion, seconds: float) -> str | None:
        """Reschedule a reviewed question; a message when that could not be saved."""
        if self.history is None:
            return None
        question = answered.question
        try:
            self.history.review(self.key, section, question.id, question_hash(question),
                                answered.grade.verdict, seconds, self.clock())
        except HistoryError as error:
            return str(error)
        return None


@dataclass
class AttemptRecorder:
    """Writes one quiz attempt answer by answer; starts the attempt at its first answer."""

    learner: Learner
    section: int
    section_title: str
    run: QuizRun
    attempt_id: int | None = None
    failed: bool = False
    """Set after a failed write, so the learner is told once, not at every answer."""

    def answered(self, answered: AnsweredQuestion, seconds: float) -> str | None:
        history = self.learner.history
        if history is None or self.failed:
            return None
        try:
            if self.attempt_id is None:
                self.attempt_id = history.start_attempt(
                    self.learner.key, self.learner.deck.title, self.section, self.section_title,
                    self.run.seed, self.run.asked)
            history.record_answer(self.attempt_id, answered, seconds)
        except HistoryError as error:
            self.failed = True
            return f"{error}; the quiz goes on without saving"
        return None

    def finished(self) -> str | None:
        history = self.learner.history
        if history is None or self.attempt_id is None or self.failed:
            return None
        try:
            history.finish_attempt(self.attempt_id)
        except HistoryError as error:
            return str(error)
        return None


@dataclass
class ReviewRecorder:
    """Reschedules each reviewed question; review answers are not quiz attempts."""

    learner: Learner
    sections: list[int]
    """The section of each asked question, in asked order."""
    run: QuizRun

    def answered(self, answered: AnsweredQuestion, seconds: float) -> str | None:
        return self.learner.reviewed(self.sections[self.run.index - 1], answered, seconds)

    def finished(self) -> str | None:
        return None
