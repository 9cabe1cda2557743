"""Quiz seeds: the one number that fixes how every quiz of a session is shuffled, and each
section's own seed drawn from it."""

from __future__ import annotations

import random


def new_seed() -> int:
    """A fresh seed, short enough to type back with `--seed`."""
    return random.SystemRandom().randrange(1, 1_000_000)


def section_seed(seed: int, section: int) -> int:
    """Each section's own shuffle, all fixed by the one seed shown to the learner."""
    return seed * 100 + section


def shown_seed(run_seed: int, section: int, seed: int) -> int:
    """The session seed that replays a quiz shuffled with `run_seed` with --seed: this session's
    `seed`, or the one a resumed quiz was started under."""
    if run_seed == section_seed(seed, section) or (run_seed - section) % 100:
        return seed
    return (run_seed - section) // 100
