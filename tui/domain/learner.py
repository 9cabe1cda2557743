"""A learner's history as the app uses it: record answers as they are given, offer to resume,
count and ask what is due for review. Failures never stop a quiz: they become messages.

Presenting records nothing: an attempt is written only when its first answer is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tui.domain.deck import Deck
from tui.domain.errors import AttemptClosed, HistoryError, HistoryReadOnly, HistoryWriteFailed
from tui.domain.identity import bank_hashes, deck_key, present_questions, question_hash

if TYPE_CHECKING:
    from tui.domain.history import History, OpenAttempt
    from tui.domain.quizbank import Question, QuizBank
    from tui.domain.quizrun import AnsweredQuestion, QuizRun
    from tui.domain.stats import SectionStats

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Learner:
    """The history of one deck for one learner; `history` is None when history is off."""

    history: History | None
    deck: Deck
    clock: Clock = utc_now
    notices: list[str] = field(default_factory=list)
    """Things to tell the learner once (history off, a damaged file moved aside, a damaged row
    skipped...); `take_notices` hands them over."""
    unsaved: list[AttemptRecorder] = field(default_factory=list)
    """Recorders holding answers the history could not take yet: tried once more at `close`."""

    @property
    def key(self) -> str:
        return deck_key(self.deck)

    @classmethod
    def open(cls, path: Path | None, deck: Deck, clock: Clock = utc_now, *, reading: bool = False) -> Learner:
        """Open the history at `path` (None: history off on purpose, e.g. --no-history).

        `reading`: only to read it (statistics), so a history this process may not write is
        read as it is rather than turned off.
        """
        if path is None:
            return cls(None, deck, clock)
        from tui.domain.history import History
        from tui.domain.source import safe_text

        try:
            history, notice = History.open(path, clock)
        except HistoryReadOnly as error:
            if not reading:
                return cls(None, deck, clock, [str(error)])
            try:
                history, notice = History.open(path, clock, read_only=True)
            except HistoryError as again:
                return cls(None, deck, clock, [str(again)])
        except HistoryError as error:
            return cls(None, deck, clock, [str(error)])
        # The notice may name a file (a damaged history moved aside): shown without control codes.
        return cls(history, deck, clock, [safe_text(notice)] if notice else [])

    def close(self) -> None:
        """Save what can still be saved of quizzes whose answers could not be, then close."""
        for recorder in list(self.unsaved):
            recorder.last_try()
        if self.history is not None:
            self.history.close()

    def take_notices(self) -> list[str]:
        """Every notice not yet handed over, the history's own (rows skipped) included."""
        if self.history is not None:
            self.notices.extend(self.history.take_notices())
        notices, self.notices = self.notices, []
        return notices

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

    def finish(self, left: OpenAttempt) -> str | None:
        """Finish an attempt left with every question answered (the results were never shown);
        a message when that could not be saved."""
        if self.history is None:
            return None
        try:
            self.history.finish_attempt(left.attempt_id)
        except HistoryError as error:
            return str(error)
        return None

    def abandon(self, left: OpenAttempt) -> str | None:
        if self.history is None:
            return None
        try:
            self.history.abandon_attempt(left.attempt_id)
        except HistoryError as error:
            return str(error)
        return None

    def due_count(self, banks: Mapping[int, QuizBank]) -> int:
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
        self.notices.extend(self.history.take_notices())
        found = []
        for card in cards:
            bank = banks.get(card.section)
            question = next((q for q in bank.questions if q.id == card.question_id), None) if bank else None
            if question is not None:
                found.append((card.section, question))
        return found

    def missed(self, banks: Mapping[int, QuizBank], every: bool = False) -> dict[int, tuple[str, ...]]:
        """Per section, the questions to retake (`tui.domain.missed`): missed in the last attempt,
        or in any attempt with `every`; only those still in `banks`."""
        from tui.domain.missed import missed_in_history, present

        if self.history is None:
            return {}
        rows = [(record.attempt_id, record.section, record.question_id, record.verdict)
                for record in sorted(self.history.answers(self.key), key=lambda r: (r.attempt_id, r.answered_at))]
        self.notices.extend(self.history.take_notices())
        return present(missed_in_history(rows, every), banks)

    def statistics(self) -> tuple[list[SectionStats], str | None]:
        """Every section's statistics, or none and the reason (history off, unreadable)."""
        from tui.domain.stats import section_stats

        if self.history is None:
            return [], "History is off, so there is nothing to show."
        try:
            stats = section_stats(self.history, self.key, [s.title for s in self.deck.sections])
        except HistoryError as error:
            return [], str(error)
        self.notices.extend(self.history.take_notices())
        return stats, None

    def reviewed(self, section: int, answered: AnsweredQuestion, seconds: float) -> str | None:
        """Reschedule a reviewed question; a message when that could not be saved."""
        if self.history is None:
            return None
        question = answered.question
        try:
            self.history.review(self.key, section, question.id, question_hash(question),
                                answered.grade.verdict, seconds, self.clock())
        except HistoryError as error:
            return "\n".join([str(error), *self.take_notices()])
        return "\n".join(self.take_notices()) or None


@dataclass
class AttemptRecorder:
    """Writes one quiz attempt answer by answer; starts the attempt at its first answer.

    An answer the history cannot take (a full disk) is kept in memory and saved with the next
    answer, or at the results, or when the app closes. If it never is, the attempt is marked
    incomplete: not scored, not offered to resume. If another process finished the attempt or
    answered a question of it first, nothing more of it is saved here.
    """

    learner: Learner
    section: int
    section_title: str
    run: QuizRun
    attempt_id: int | None = None
    unsaved: list[tuple[AnsweredQuestion, float, datetime]] = field(default_factory=list)
    """Answers given but not saved yet, in order: the answer, its seconds, when it was given."""
    failing: bool = False
    """The last write failed and the learner was told: told again only once it works."""
    elsewhere: bool = False
    """Another process owns this attempt now (or its row is damaged); this one saves nothing more
    of it."""
    results_shown: bool = False
    """The quiz reached its results (`finished`)."""

    def answered(self, answered: AnsweredQuestion, seconds: float) -> str | None:
        if self.learner.history is None or self.elsewhere:
            return None
        self.unsaved.append((answered, seconds, self.learner.clock()))
        return self._joined(self.save())

    def overridden(self, answered: AnsweredQuestion) -> str | None:
        """The learner counted the last answer right ("I was right"): record it, or, when that
        answer is still waiting to be saved, save it so. An answer the run did not count as
        overridden is left as it is."""
        if self.learner.history is None or self.elsewhere or not answered.overridden:
            return None
        for index, (waiting, seconds, at) in enumerate(self.unsaved):
            if waiting.question.id == answered.question.id:
                self.unsaved[index] = (answered, seconds, at)
                return self._joined(self.save())
        if self.attempt_id is None:
            return None
        try:
            self.learner.history.override_answer(self.attempt_id, answered, self.learner.clock())
        except HistoryError as error:
            return self._joined([f"{error}: the answer still counts as right in this quiz, but the "
                                 "history keeps it as wrong"])
        return self._joined(self.learner.take_notices())

    @property
    def resumable(self) -> bool:
        """Whether leaving now keeps something to resume: history on, an answer given, and the
        attempt still this window's."""
        return (self.learner.history is not None and not self.elsewhere
                and (self.attempt_id is not None or bool(self.unsaved)))

    def leave_detail(self) -> str:
        """What becomes of this quiz's answers if the learner leaves it now."""
        if self.learner.history is None:
            return "History is off, so your answers are not kept and this quiz cannot be resumed."
        if self.elsewhere:
            return "Another podium window has this quiz now; this one keeps nothing more of it."
        if not self.resumable:
            return "Nothing is answered yet, so there is nothing to resume."
        return "Your answers so far are kept; you can resume it later."

    def save(self) -> list[str]:
        """Write every unsaved answer, in order; what to tell the learner."""
        history = self.learner.history
        if history is None or self.elsewhere or not self.unsaved:
            return []
        messages: list[str] = []
        try:
            if self.attempt_id is None:
                self.attempt_id = history.start_attempt(
                    self.learner.key, self.learner.deck.title, self.section, self.section_title,
                    self.run.seed, self.run.asked)
            while self.unsaved:
                answered, seconds, at = self.unsaved[0]
                history.record_answer(self.attempt_id, answered, seconds, at)
                self.unsaved.pop(0)
        except AttemptClosed as error:
            self.elsewhere = True
            self.unsaved.clear()
            messages.append(f"{error}: this window saves no more of it, so nothing counts twice")
        except HistoryError as error:
            if not self.failing:
                messages.append(f"{error}; the quiz goes on, and its answers are kept to save as soon as "
                                "the history can be written")
            self.failing = True
        else:
            if self.failing:
                messages.append("History saved again: every answer so far is recorded")
            self.failing = False
        if self.unsaved and self not in self.learner.unsaved:
            self.learner.unsaved.append(self)
        elif not self.unsaved and self in self.learner.unsaved:
            self.learner.unsaved.remove(self)
        return messages + self.learner.take_notices()

    def finished(self) -> str | None:
        """The quiz reached its results: save what is left and finish the attempt, or mark it
        incomplete when its answers still cannot all be saved."""
        history = self.learner.history
        if history is None or self.elsewhere:
            return None
        self.results_shown = True
        messages = self.save()
        if self.unsaved:
            return self._joined([*messages, self._incomplete()])
        if self.elsewhere or self.attempt_id is None:
            return self._joined(messages)
        try:
            history.finish_attempt(self.attempt_id)
        except HistoryError as error:
            messages.append(str(error))
        return self._joined(messages)

    def last_try(self) -> None:
        """At close: save what is left; a quiz taken to its results and still unsaved is marked
        incomplete, one left half way stays open to resume as far as it was saved."""
        self.save()
        if self.unsaved and self.run.finished:
            self._incomplete()
        elif (self.results_shown and self.attempt_id is not None and not self.elsewhere
              and self.learner.history is not None):  # always so once results were shown
            try:
                self.learner.history.finish_attempt(self.attempt_id)
            except HistoryError:
                pass  # the next start finishes it: every answer is saved
        if self in self.learner.unsaved:
            self.learner.unsaved.remove(self)

    def _incomplete(self) -> str:
        count = len(self.unsaved)
        answers = f"{count} answer{'s' if count != 1 else ''}"
        if self.learner.history is None or self.attempt_id is None:
            return (f"{answers} of this quiz could not be saved: the history does not have it (podium tries "
                    "once more when it closes)")
        try:
            self.learner.history.mark_incomplete(self.attempt_id)
        except HistoryWriteFailed:
            return (f"{answers} of this quiz could not be saved, nor the quiz marked incomplete: the history "
                    "holds it as far as it was saved")
        if self in self.learner.unsaved:
            self.learner.unsaved.remove(self)
        self.unsaved.clear()
        return (f"{answers} of this quiz could not be saved: it is kept in the history as incomplete, "
                "and not scored")

    @staticmethod
    def _joined(messages: list[str]) -> str | None:
        return "\n".join(messages) or None


@dataclass
class ReviewRecorder:
    """Reschedules each reviewed question; review answers are not quiz attempts."""

    learner: Learner
    sections: list[int]
    """The section of each asked question, in asked order."""
    run: QuizRun

    def answered(self, answered: AnsweredQuestion, seconds: float) -> str | None:
        return self.learner.reviewed(self.sections[self.run.index - 1], answered, seconds)

    def overridden(self, answered: AnsweredQuestion) -> str | None:
        """The learner counted the last answer right: its card is rated again, as right."""
        if not answered.overridden:
            return None
        return self.learner.reviewed(self.sections[self.run.index - 1], answered, 0.0)

    def finished(self) -> str | None:
        return None

    def leave_detail(self) -> str:
        if self.run.kind == "retake":
            return "Each answer so far is already scheduled for review; a retake is not resumed."
        return "Each answer so far is already scheduled; the questions not reached stay due."
