"""Spaced review: how an answer becomes an FSRS rating, and how a card is rescheduled.

The scheduling itself is the `fsrs` package's (FSRS 6); podium only chooses the rating and
stores the card as the JSON that `fsrs.Card.to_json` writes. Every datetime is timezone-aware UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache

import fsrs

EASY_SECONDS = 10.0
"""A right answer given within this many seconds is rated Easy: it was known, not worked out."""

VERDICT_RATINGS: dict[str, fsrs.Rating] = {
    "wrong": fsrs.Rating.Again,
    "skipped": fsrs.Rating.Again,  # a skip is not knowing the answer
    "partial": fsrs.Rating.Hard,  # half known: come back sooner than a right answer would
    "right": fsrs.Rating.Good,  # right but slower than EASY_SECONDS
}
"""The rating for each verdict; a fast right answer is raised to Easy (see `rating_for`)."""


def rating_for(verdict: str, seconds: float) -> fsrs.Rating:
    """The FSRS rating for an answer: its verdict, and for a right answer how fast it came."""
    if verdict not in VERDICT_RATINGS:
        raise ValueError(f"unknown verdict {verdict!r}")
    if verdict == "right" and seconds <= EASY_SECONDS:
        return fsrs.Rating.Easy
    return VERDICT_RATINGS[verdict]


@lru_cache(maxsize=1)
def _scheduler() -> fsrs.Scheduler:
    # No fuzzing: the same answers at the same times always give the same due dates, which keeps
    # tests exact and a learner's schedule explainable. No (re)learning steps: a quiz is not a
    # flashcard drill repeated within minutes; a question missed today comes back tomorrow
    # (Again and Hard: 1 day), a right one later (Good: 2 days, Easy: 8 days, for a new card).
    # Built on first use, not at import.
    return fsrs.Scheduler(enable_fuzzing=False, learning_steps=(), relearning_steps=())


def utc(moment: datetime) -> datetime:
    """`moment` in UTC; a naive datetime is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def schedule(card_json: str | None, rating: fsrs.Rating, now: datetime, seconds: float) -> tuple[str, datetime]:
    """Review a card (None: a new one) with `rating` at `now`; return the new card JSON and its due time."""
    now = utc(now)
    if card_json is None:
        # An explicit id: fsrs would otherwise derive one from the wall clock and sleep 1 ms.
        card = fsrs.Card(card_id=int(now.timestamp() * 1000), due=now)
    else:
        card = fsrs.Card.from_json(card_json)
        if card.last_review is not None and card.last_review > now:
            # Another process (or a clock set back) reviewed it "later"; FSRS must never see
            # negative elapsed time, so this review counts as happening at that last review.
            now = utc(card.last_review)
    duration_ms = max(0, round(seconds * 1000))
    card, _log = _scheduler().review_card(card, rating, review_datetime=now, review_duration=duration_ms)
    return card.to_json(), utc(card.due)
