"""The garbage collector's policy for a talk, owned by one object from the command line to the app.

Importing Textual and building the first frame make tens of thousands of objects that nearly all
live as long as the talk; a loaded deck is the same. Letting the cyclic collector walk them while
they are made, and again in every full collection later, only costs time (docs/performance.md,
items 25 and 26). So for a talk:

1. the collector is off from before Textual is imported (`CollectorPolicy.start_up`, entered by
   the command line: this module imports neither Textual nor Rich);
2. after the first frame it is on again, the start-up's objects set aside (`first_frame`);
3. once the whole deck is loaded, the start-up's garbage is collected and every object left is
   moved out of the collector's sight, once (`loaded`).

An app not run by the command line (tests, benchmarks that build many apps) has no policy and
never touches the collector.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_off() -> Iterator[None]:
    """The cyclic garbage collector off for a block, then as it was before."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def no_collections() -> Iterator[None]:
    """Loading makes many small objects that all live on: collecting during it only costs time.
    What is loaded is then set aside (`gc.freeze`): later collections need not walk it again."""
    try:
        with collector_off():
            yield
    finally:
        gc.freeze()


class CollectorPolicy:
    """The collector off before Textual's import, on after the first frame, the heap settled once
    the deck is loaded. One object per talk: the command line enters `start_up` and hands the
    object to the app, which calls `first_frame` and `loaded`."""

    def __init__(self) -> None:
        self.settled = False

    @contextmanager
    def start_up(self) -> Iterator[CollectorPolicy]:
        """Off for the start-up, Textual's import included; as it was before when the block ends
        (the app has turned it on by then, unless it never painted)."""
        with collector_off():
            yield self

    def first_frame(self) -> None:
        """The first frame is out: the collector on again, if the start-up turned it off, with what
        the start-up made set aside (`gc.freeze` does not walk it) until `loaded`."""
        if not gc.isenabled():
            gc.freeze()
            gc.enable()

    def loaded(self) -> None:
        """Once, when the whole deck is loaded and its first pages drawn: collect the start-up's
        garbage, then move every object left out of the collector's sight. Objects made later are
        collected as usual, and frozen ones freed by reference counting are still freed."""
        if self.settled:
            return
        self.settled = True
        self.first_frame()
        gc.unfreeze()  # the start-up's objects too (`first_frame`)
        gc.collect()
        gc.freeze()
