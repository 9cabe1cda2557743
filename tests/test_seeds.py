"""Section seeds are a domain rule: each section shuffles with its own seed drawn from the one
session seed, and a quiz's seed leads back to the session seed that replays it."""

from __future__ import annotations

from tui.domain.seeds import section_seed, shown_seed


def test_each_section_has_its_own_seed_from_the_session_seed() -> None:
    seeds = [section_seed(42, section) for section in range(5)]
    assert len(set(seeds)) == 5
    assert seeds == [section_seed(42, section) for section in range(5)]  # fixed by the one seed


def test_the_shown_seed_replays_the_quiz() -> None:
    # A quiz shuffled this session: this session's seed.
    assert shown_seed(section_seed(7, 3), 3, seed=7) == 7
    # A quiz resumed from an earlier session started with seed 123: that seed.
    assert shown_seed(section_seed(123, 3), 3, seed=7) == 123
    # A seed that no session seed gives (a review's, say): this session's.
    assert shown_seed(section_seed(123, 3) + 1, 3, seed=7) == 7
