"""A learner's statistics from the history: per section scores, a trend, the questions most missed.

Also the export of every recorded answer as CSV or JSON, for scripts and spreadsheets.

Scores are fractions from 0 to 1 and follow the app's rule for a quiz left half way: questions
never reached count as skipped, so an attempt scores its points over every question it asked.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any, Literal, NamedTuple

from tui.domain.history import AnswerRecord, AttemptRecord, History
from tui.domain.quizbank import QuizBank

MOST_MISSED = 5
"""How many of a section's most missed questions the statistics list."""

MISSED_VERDICTS = ("wrong", "skipped")
"""Verdicts that count as a miss; a partial answer is not a miss."""


class TrendPoint(NamedTuple):
    """One attempt on the trend: when it ended (ISO 8601 UTC) and its score."""

    when: str
    fraction: float


class MissedQuestion(NamedTuple):
    """A question with how often it was missed and how often it was answered."""

    question_id: str
    missed: int
    asked: int


@dataclass(frozen=True)
class SectionStats:
    """One section's statistics; the scores are None when it has no attempts."""

    section: int
    title: str
    attempts: int
    best: float | None
    last: float | None
    average: float | None
    trend: tuple[TrendPoint, ...]
    most_missed: tuple[MissedQuestion, ...]
    overrides: int = 0
    """Answers the learner counted as right after podium marked them wrong ("I was right")."""


def section_stats(history: History, deck_key: str, section_titles: Sequence[str]) -> list[SectionStats]:
    """Statistics for each section of a deck, by index; `section_titles` names them in order.

    Every attempt with at least one answer counts, unless some of its answers could never be
    saved (incomplete: its score is not known); it ends when finished, else at its last answer.
    """
    attempts = [attempt for attempt in history.attempts(deck_key) if attempt.incomplete_at is None]
    answers = history.answers(deck_key)
    return [_one_section(index, title, [a for a in attempts if a.section == index],
                         [r for r in answers if r.section == index])
            for index, title in enumerate(section_titles)]


def _one_section(index: int, title: str, attempts: list[AttemptRecord], answers: list[AnswerRecord]) -> SectionStats:
    # Oldest first by when each attempt ended; the id breaks ties between equal times.
    ordered = sorted(attempts, key=lambda attempt: (attempt.when, attempt.id))
    trend = tuple(TrendPoint(attempt.when, round(attempt.fraction, 6)) for attempt in ordered)
    scores = [point.fraction for point in trend]
    asked = Counter(record.question_id for record in answers)
    missed = Counter(record.question_id for record in answers if record.verdict in MISSED_VERDICTS)
    worst = sorted(missed, key=lambda qid: (-missed[qid], -asked[qid], qid))[:MOST_MISSED]
    return SectionStats(
        section=index,
        title=title,
        attempts=len(ordered),
        best=max(scores) if scores else None,
        last=scores[-1] if scores else None,
        average=round(sum(scores) / len(scores), 6) if scores else None,
        trend=trend,
        most_missed=tuple(MissedQuestion(qid, missed[qid], asked[qid]) for qid in worst),
        overrides=sum(1 for record in answers if record.overridden),
    )


def stats_json(stats: Sequence[SectionStats]) -> dict[str, Any]:
    """Statistics as plain JSON-able data: `{"sections": [...]}`."""
    return {"sections": [{
        "section": item.section,
        "title": item.title,
        "attempts": item.attempts,
        "best": item.best,
        "last": item.last,
        "average": item.average,
        "trend": [{"when": point.when, "fraction": point.fraction} for point in item.trend],
        "most_missed": [{"question_id": miss.question_id, "missed": miss.missed, "asked": miss.asked}
                        for miss in item.most_missed],
        "overrides": item.overrides,
    } for item in stats]}


ANSWER_FIELDS: tuple[str, ...] = tuple(field.name for field in fields(AnswerRecord))
"""The export's columns, in order: every AnswerRecord field."""


def export_answers(records: Sequence[AnswerRecord], fmt: Literal["csv", "json"]) -> str:
    """Every record as CSV (a header row, then one row per answer) or as a JSON list of objects.

    In CSV `response` is its JSON text and `hint_used` and `overridden` are true/false; in JSON `response` is the
    decoded value (text, true/false, a list, or null for a skip).
    """
    if fmt == "csv":
        out = io.StringIO()
        # "\n" rather than CSV's "\r\n": the text is printed or written by the caller as it is.
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(ANSWER_FIELDS)
        for record in records:
            row = asdict(record)
            row["hint_used"] = "true" if record.hint_used else "false"
            row["overridden"] = "true" if record.overridden else "false"
            writer.writerow([row[name] for name in ANSWER_FIELDS])
        return out.getvalue()
    if fmt == "json":
        items = []
        for record in records:
            item = asdict(record)
            item["response"] = json.loads(record.response)
            items.append(item)
        return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
    raise ValueError(f"unknown export format {fmt!r}: use csv or json")


def question_prompts(banks: Mapping[int, QuizBank]) -> dict[tuple[int, str], str]:
    """Each question's prompt by (section, question id), to name the most missed ones."""
    return {(section, question.id): question.asked_text() for section, bank in banks.items()
            for question in bank.questions}
