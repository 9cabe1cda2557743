"""The key fuzzer against a real podium process in a pseudo-terminal.

In process (keyfuzz.py) the keys are `Key` events; here they are the bytes a terminal sends, and
a burst is one `os.write` of several keys' escape sequences, so the app's driver reads them in one
`read` and parses them together, as it does when a person types fast or holds a key down. This
also sends what no Pilot test does: an Escape byte directly followed by other keys, which the
driver's parser has to tell apart from the start of an escape sequence.

A session writes what the target needs into a fresh data folder (a history, say), starts podium,
waits for its first frame, writes the keys that bring it to the target screen (waiting for a text
of that screen), then writes bursts. The state is not read back from the screen, so to keep the
keys on the target the process is started afresh every `RESTART_EVERY` bursts. A process that
exits is checked (status 0, no traceback) and started again for the rest of the keys.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.keyfuzz import Burst, key_sequence
from tests.support.pty_driver import PtySession, plain

CSI = b"\x1b["
KEY_BYTES: dict[str, bytes] = {
    "enter": b"\r", "escape": b"\x1b", "tab": b"\t", "shift+tab": CSI + b"Z", "space": b" ",
    "backspace": b"\x7f", "up": CSI + b"A", "down": CSI + b"B", "right": CSI + b"C",
    "left": CSI + b"D", "home": CSI + b"H", "end": CSI + b"F", "pageup": CSI + b"5~",
    "pagedown": CSI + b"6~", "delete": CSI + b"3~", "insert": CSI + b"2~",
    "f1": b"\x1bOP", "f2": b"\x1bOQ", "f3": b"\x1bOR", "f4": b"\x1bOS",
    "shift+up": CSI + b"1;2A", "shift+down": CSI + b"1;2B", "shift+right": CSI + b"1;2C",
    "shift+left": CSI + b"1;2D", "ctrl+left": CSI + b"1;5D", "ctrl+right": CSI + b"1;5C",
    "shift+home": CSI + b"1;2H", "shift+end": CSI + b"1;2F",
    "slash": b"/", "question_mark": b"?", "left_square_bracket": b"[",
    "right_square_bracket": b"]",
}
for _letter in "abcdefghijklmnopqrstuvwxy":  # not ctrl+z: it would suspend podium
    KEY_BYTES.setdefault(f"ctrl+{_letter}", bytes([ord(_letter) - 96]))


def encode(key: str) -> bytes | None:
    """The bytes a terminal sends for `key`, or None when it has no simple encoding here."""
    if key in KEY_BYTES:
        return KEY_BYTES[key]
    if len(key) == 1 and key.isprintable():
        return key.encode()
    return None


def pty_alphabet(keys: Sequence[str]) -> list[str]:
    """The keys of the in-process alphabet that a terminal can send as written here."""
    return [key for key in keys if encode(key) is not None]


@dataclass
class PtyTarget:
    """A screen reached from the command line: podium's arguments, then keys and the text each
    key's screen shows (waited for before the next)."""

    name: str
    args: list[str]
    """podium's arguments; "{session}" in them is replaced by the number of the process (1, 2...),
    e.g. for a fresh data folder each time."""
    first: str
    """A text of the first frame."""
    steps: list[tuple[bytes, str]] = field(default_factory=list)
    prepare: Callable[[Path], None] | None = None
    """Writes what the target needs before each process starts (a history with due questions,
    an attempt left open...), given that process's data folder."""
    data_dir: bool = True
    """Whether podium takes `--data-dir` (a fresh folder for each process); `podium notes` does not."""


@dataclass
class PtyOutcome:
    problem: str | None = None
    sessions: int = 0
    keys: int = 0
    sent: list[Burst] = field(default_factory=list)
    """The bursts written to the last process (the one that failed, on a failure)."""
    output: bytes = b""
    """What the failing process wrote."""


RESTART_EVERY = 40
"""Bursts written to one process before a fresh one is brought to the target again."""
PAUSE = 0.02
"""Seconds between bursts: each burst is a read of its own, and the app gets to handle it."""


def run(target: PtyTarget, seed: int, keys: Sequence[str], count: int, env: dict[str, str],
        cwd: Path) -> PtyOutcome:
    """Write `count` keys of the seed's sequence to podium on the target screen."""
    bursts = key_sequence(seed, pty_alphabet(keys), count)
    outcome = PtyOutcome()
    index = 0
    while index < len(bursts):
        outcome.sessions += 1
        args = [arg.replace("{session}", str(outcome.sessions)) for arg in target.args]
        # A fresh history for each process: answers a process gave would make the next one offer
        # to resume, or leave nothing due for review.
        folder = cwd / f"data-{target.name}-{seed}-{outcome.sessions}"
        if target.prepare is not None:
            target.prepare(folder)
        if target.data_dir:
            args += ["--data-dir", str(folder)]
        session = PtySession([sys.executable, "-m", "tui", *args], env, cwd)
        outcome.sent = []
        try:
            problem = _enter(session, target)
            while problem is None and len(outcome.sent) < RESTART_EVERY and index < len(bursts) \
                    and session.alive():
                burst = bursts[index]
                session.write(b"".join(encode(key) or b"" for key in burst))
                outcome.sent.append(burst)
                outcome.keys += len(burst)
                index += 1
                time.sleep(PAUSE)
            if problem is None:
                session.process.poll()
                time.sleep(0.3)  # the last burst handled, or the exit finished
        finally:
            output = session.text()
            status = session.close()
        if problem is None and b"Traceback" in output:
            problem = "podium printed a traceback"
        if problem is None and status not in (None, 0):
            problem = f"podium exited with status {status}"
        if problem is not None:
            outcome.problem, outcome.output = problem, output
            return outcome
    return outcome


def _enter(session: PtySession, target: PtyTarget) -> str | None:
    """Bring podium to the target screen; why not, if it could not."""
    if not session.wait_for(target.first):
        return f"podium never showed {target.first!r}"
    for key_bytes, shows in target.steps:
        mark = len(session.text())
        session.write(key_bytes)
        if not session.wait_for(shows, since=mark):
            return f"{key_bytes!r} never showed {shows!r}"
    return None


def report(target: PtyTarget, seed: int, outcome: PtyOutcome) -> str:
    tail = plain(outcome.output)[-4000:]
    return (f"pty key fuzz: {target.name}, seed {seed}: {outcome.problem}.\n"
            f"Bursts written to this process (each one os.write):\n{outcome.sent!r}\n\n"
            f"Its output, escape sequences taken out (the end):\n{tail}\n\n"
            f"Replay: PODIUM_FUZZ_ONLY={target.name} PODIUM_FUZZ_SEED={seed} "
            f"python -m pytest tests/test_key_fuzz_pty.py")
