"""Quiz seeds: the one number that fixes how every quiz of a session is shuffled."""

from __future__ import annotations

import random


def new_seed() -> int:
    """A fresh seed, short enough to type back with `--seed`."""
    return random.SystemRandom().randrange(1, 1_000_000)
