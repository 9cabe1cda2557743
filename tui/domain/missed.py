"""Retaking the missed questions: which ones they are, and the bank that asks only them.

A question is missed when it was answered wrong, partly right, or skipped. A retake asks them
again with the bank's own settings; it is not a quiz attempt (statistics and `--missed` keep
reading the attempt it retakes), but each answer reschedules its question for review.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from tui.domain.quizbank import QuizBank
from tui.domain.quizrun import QuizResult

MISSED_VERDICTS = frozenset({"wrong", "partial", "skipped"})
"""The verdicts that make a question one to retake."""


def missed_in_result(result: QuizResult) -> tuple[str, ...]:
    """The ids of the questions of a result that were not answered right, in asked order."""
    ids: list[str] = []
    for answered in result.answers:
        if answered.grade.verdict in MISSED_VERDICTS and answered.question.id not in ids:
            ids.append(answered.question.id)
    return tuple(ids)


def missed_in_history(answers: Iterable[tuple[int, int, str, str]], every: bool = False) -> dict[int, tuple[str, ...]]:
    """Per section, the ids of the questions missed in the section's last attempt (or, `every`,
    in any attempt), in the order they were answered.

    `answers` are (attempt id, section, question id, verdict), in the order they were given;
    an attempt's id grows with its start, so the highest of a section is its last attempt.
    """
    rows = list(answers)
    last: dict[int, int] = {}
    for attempt, section, _question, _verdict in rows:
        last[section] = max(attempt, last.get(section, attempt))
    found: dict[int, list[str]] = {}
    for attempt, section, question, verdict in rows:
        if verdict not in MISSED_VERDICTS or (not every and attempt != last[section]):
            continue
        ids = found.setdefault(section, [])
        if question not in ids:
            ids.append(question)
    return {section: tuple(ids) for section, ids in sorted(found.items())}


def present(missed: Mapping[int, tuple[str, ...]], banks: Mapping[int, QuizBank]) -> dict[int, tuple[str, ...]]:
    """Only the missed questions still in the deck's banks (a question since removed is left out)."""
    kept: dict[int, tuple[str, ...]] = {}
    for section, ids in missed.items():
        bank = banks.get(section)
        if bank is None:
            continue
        known = {question.id for question in bank.questions}
        still = tuple(qid for qid in ids if qid in known)
        if still:
            kept[section] = still
    return kept


def missed_bank(bank: QuizBank, ids: Iterable[str]) -> QuizBank:
    """The bank with only the questions named by `ids`, in the bank's own order, its settings kept."""
    wanted = set(ids)
    return replace(bank, questions=tuple(q for q in bank.questions if q.id in wanted))
