"""A key fuzzer for podium's screens, run in process through Textual's Pilot.

A *target* is one state of the app (a screen, or a screen in a given mode): how to build a fresh
app for it, how to bring a running app to it, and how to tell that the app is in it. The fuzzer
brings the app to the target, then sends a seeded random sequence of keys, drawn from every key
the app binds (`ALPHABET`), in bursts. After each burst:

- if the app stopped with an exception, that is a failure;
- if it quit on its own (q, Ctrl+C, Ctrl+Q, a study run that ended), a fresh app is started and
  brought to the target again, and the keys go on;
- if it is running but no longer in the target state (a key closed the screen or opened another
  one over it), the screens above the bottom one are popped and the target is entered again.

So the whole budget of keys is spent on the target's screen.

Bursts: `Pilot.press` sends one key, then waits for the app to be idle before the next, so every
key finds the app settled. A real terminal delivers whatever was typed since the last read at
once: the driver's input thread parses the read and posts one `Key` event per key to the app's
queue before the app handles the first. `send_burst` does the same: it builds each `Key` event as
Pilot does and posts the whole burst with `App.post_message` (a non-blocking put on the app's
queue), and only then waits for the app to be idle. The keys of a burst are therefore handled
back to back, with the screens, focus and layout as the first of them left them: a key that
opens a screen is followed by keys that reach it before it has been laid out, and two keys that
close the same screen both arrive while it is still there.

A failure is reported with its seed and the shortest failing sequence the fuzzer could find: the
bursts up to the one that failed (the failing prefix), then cut down by `shrink` (a shorter
suffix, bursts dropped, the last burst's tail dropped) as long as replaying it from a fresh app
still fails.
"""

from __future__ import annotations

import asyncio
import random
import traceback
import unicodedata
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.keys import _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot

Burst = list[str]

LETTERS = [chr(code) for code in range(ord("a"), ord("z") + 1)]
DIGITS = [str(digit) for digit in range(10)]
NAMED = ["enter", "escape", "tab", "shift+tab", "space", "backspace", "pageup", "pagedown", "home",
         "end", "up", "down", "left", "right", "delete", "ctrl+p", "slash", "question_mark",
         "shift+up", "shift+down", "f2", "f3"]
QUIT_KEYS = {"q", "ctrl+c", "ctrl+q"}
"""Keys that end the app. They are in the alphabet but drawn less often (QUIT_WEIGHT), so that
restarting the app does not eat the time budget."""
QUIT_WEIGHT = 0.1
LEAVE_OUT = {"ctrl+z"}
"""Keys never sent: Ctrl+Z suspends the process in a real terminal (not a crash of podium)."""


def binding_keys(classes: Iterable[type]) -> set[str]:
    """Every key bound in the BINDINGS of `classes` and their bases."""
    keys: set[str] = set()
    for cls in classes:
        for base in cls.__mro__:
            for binding in base.__dict__.get("BINDINGS", ()):
                spec = binding.key if isinstance(binding, Binding) else binding[0]
                keys.update(key.strip() for key in spec.split(",") if key.strip())
    return keys


def alphabet(classes: Iterable[type]) -> list[str]:
    """The keys to draw from: every bound key plus letters, digits and the common named keys,
    sorted so a seed always gives the same sequence."""
    return sorted((binding_keys(classes) | set(LETTERS) | set(DIGITS) | set(NAMED)) - LEAVE_OUT)


def key_sequence(seed: int, keys: Sequence[str], count: int, largest_burst: int = 8) -> list[Burst]:
    """`count` keys drawn from `keys` with a seeded generator, cut into bursts of 1 to
    `largest_burst` keys."""
    rng = random.Random(seed)
    weights = [QUIT_WEIGHT if key in QUIT_KEYS else 1.0 for key in keys]
    drawn = rng.choices(list(keys), weights=weights, k=count)
    bursts: list[Burst] = []
    while drawn:
        size = rng.randint(1, largest_burst)
        bursts.append(drawn[:size])
        drawn = drawn[size:]
    return bursts


def key_event(key: str) -> events.Key:
    """The `Key` event a terminal's driver would post for `key` (as `Pilot.press` builds it)."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        character: str | None = unicodedata.lookup(_get_unicode_name_from_key(key))
    except KeyError:
        character = key if len(key) == 1 else None
    return events.Key(key, character)


async def settle(pilot: Pilot, rounds: int = 3) -> None:
    """Let the app handle what is queued for it and its current screen, and what that queued in
    turn (`Pilot.pause` does the same, then waits for the process to be idle for 20 ms or more:
    too slow for thousands of bursts). Waits for nothing when the app has stopped."""
    app = pilot.app
    for _ in range(rounds):
        if not app.is_running or app._exception is not None:
            return
        await pilot._wait_for_screen()
        await asyncio.sleep(0)


async def settle_fully(pilot: Pilot) -> None:
    """Wait as `Pilot.pause` does, until the process is idle."""
    for _ in range(2):
        if not pilot.app.is_running or pilot.app._exception is not None:
            return
        await pilot.pause()


async def send_burst(pilot: Pilot, burst: Sequence[str]) -> None:
    """Post every key of `burst` to the app before it handles any, then wait for it to settle."""
    app = pilot.app
    for key in burst:
        event = key_event(key)
        event.set_sender(app)
        app.post_message(event)
    await settle(pilot)


@dataclass
class Target:
    """A state of the app to fuzz."""

    name: str
    build: Callable[[], App]
    """A fresh app."""
    here: Callable[[App], bool]
    """Whether the app is in the state."""
    enter: Callable[[Pilot], Awaitable[None]]
    """Brings a running app, at the bottom of its screen stack, to the state."""
    size: tuple[int, int] = (80, 24)
    bottom: int = 1
    """How many screens `pop_to_bottom` leaves on the stack (the app's own screens)."""
    reset: Callable[[Pilot, Target], Awaitable[None]] | None = None
    """Brings a running app back to where `enter` starts (default: `pop_to_bottom`)."""


async def pop_to_bottom(pilot: Pilot, target: Target) -> None:
    """Pop every screen above the target's bottom ones (their result callbacks are not called)."""
    app = pilot.app
    while len(app.screen_stack) > target.bottom:
        await app.pop_screen()
    await settle(pilot)


class NotReached(Exception):
    """The fuzzer could not bring the app to its target state."""


@dataclass
class Outcome:
    """What a run of bursts did."""

    error: str | None = None
    """The traceback of the app's exception; None if it never raised."""
    failed_at: int | None = None
    """Index of the burst after which the exception showed."""
    restarts: int = 0
    entries: int = 0
    keys: int = 0


def _app_error(app: App) -> BaseException | None:
    return getattr(app, "_exception", None)


def _format(error: BaseException) -> str:
    return "".join(traceback.format_exception(type(error), error, error.__traceback__))


async def run_bursts(target: Target, bursts: Sequence[Burst]) -> Outcome:
    """Send `bursts` to the target state, restarting and re-entering as needed."""
    outcome = Outcome()
    index = 0
    while index < len(bursts):
        app = target.build()
        try:
            async with app.run_test(size=target.size) as pilot:
                await settle(pilot)
                await _enter(target, pilot, outcome)
                while index < len(bursts):
                    await send_burst(pilot, bursts[index])
                    outcome.keys += len(bursts[index])
                    index += 1
                    error = _app_error(app)
                    if error is not None:
                        outcome.error, outcome.failed_at = _format(error), index - 1
                        return outcome
                    if not app.is_running or app.return_code is not None:
                        break  # quit: start a fresh app
                    if not target.here(app):
                        await settle(pilot)  # perhaps a screen still on its way
                    if app.is_running and _app_error(app) is None and not target.here(app):
                        await (target.reset or pop_to_bottom)(pilot, target)
                        if _app_error(app) is None and app.is_running:
                            await _enter(target, pilot, outcome)
                        if _app_error(app) is not None or not app.is_running:
                            break
        except NotReached:
            raise
        except Exception as error:  # noqa: BLE001 - run_test re-raises the app's exception
            outcome.error, outcome.failed_at = _format(error), max(index - 1, 0)
            return outcome
        error = _app_error(app)
        if error is not None:
            outcome.error, outcome.failed_at = _format(error), max(index - 1, 0)
            return outcome
        outcome.restarts += 1
    return outcome


async def _enter(target: Target, pilot: Pilot, outcome: Outcome) -> None:
    await target.enter(pilot)
    await settle(pilot)
    if pilot.app.is_running and not target.here(pilot.app):
        await settle_fully(pilot)
    outcome.entries += 1
    if _app_error(pilot.app) is None and pilot.app.is_running and not target.here(pilot.app):
        raise NotReached(f"could not bring the app to {target.name}: it shows {pilot.app.screen!r}")


@dataclass
class Failure:
    """A failing sequence, cut down."""

    target: str
    seed: int
    bursts: list[Burst]
    error: str
    replays: int = 0

    def report(self) -> str:
        keys = sum(len(burst) for burst in self.bursts)
        return (f"key fuzz: {self.target} failed with seed {self.seed}.\n"
                f"Shortest failing prefix found ({len(self.bursts)} bursts, {keys} keys; each inner "
                f"list is one burst, posted before the app handles any of it):\n"
                f"{self.bursts!r}\n"
                f"Replay: PODIUM_FUZZ_ONLY={self.target} PODIUM_FUZZ_SEED={self.seed} "
                f"python -m pytest tests/test_key_fuzz.py\n\n{self.error}")


async def shrink(target: Target, seed: int, bursts: list[Burst], error: str,
                 max_replays: int = 30) -> Failure:
    """Cut a failing sequence down while it still fails, within `max_replays` replays.

    Short candidates come first, as a replay costs as much as its keys: the shortest suffix that
    still fails (the last burst alone, then the last 2, 4, 8... bursts; the state is entered
    afresh before them), then earlier bursts dropped one by one, then keys dropped from the end
    of the last burst. A crash that needs the whole sequence is reported whole."""
    failure = Failure(target.name, seed, [list(burst) for burst in bursts], error)

    async def still_fails(candidate: list[Burst]) -> bool:
        if failure.replays >= max_replays or not candidate or not any(candidate):
            return False
        failure.replays += 1
        found = (await run_bursts(target, candidate)).error
        if found is not None:
            failure.bursts, failure.error = candidate, found
            return True
        return False

    length = 1
    while length < len(failure.bursts):
        if await still_fails(failure.bursts[-length:]):
            break
        length *= 2
    start = 0
    while start < len(failure.bursts) - 1 and failure.replays < max_replays:
        if not await still_fails(failure.bursts[:start] + failure.bursts[start + 1:]):
            start += 1
    while len(failure.bursts[-1]) > 1 and failure.replays < max_replays:
        if not await still_fails(failure.bursts[:-1] + [failure.bursts[-1][:-1]]):
            break
    return failure


@dataclass
class FuzzResult:
    target: str
    seed: int
    outcome: Outcome
    failure: Failure | None = None
    notes: list[str] = field(default_factory=list)


async def fuzz(target: Target, seed: int, keys: Sequence[str], count: int) -> FuzzResult:
    """Fuzz `target` with `count` keys from `keys`; a failure comes back cut down."""
    bursts = key_sequence(seed, keys, count)
    outcome = await run_bursts(target, bursts)
    result = FuzzResult(target.name, seed, outcome)
    if outcome.error is not None and outcome.failed_at is not None:
        result.failure = await shrink(target, seed, bursts[:outcome.failed_at + 1], outcome.error)
    return result
