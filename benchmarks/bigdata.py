"""Big legal input: the longest the UI stays unresponsive on a key, and what big files cost.

    python -m benchmarks.bigdata                  # every measurement (~2 minutes on 2 cores)
    python -m benchmarks.bigdata --launches 9 --out /tmp/bigdata.json
    python -m benchmarks.bigdata --only stalls    # stalls | first-paint | check

Each big input is measured beside a small input of the same kind, in the same run:

- **stalls**: the app runs in this process (Textual's headless test driver, 120x40: every frame is
  composed, none is written to a terminal) with a task on its event loop that wakes every
  millisecond; the longest gap between two wake-ups while a key is handled and for
  `SETTLE` seconds after it (work the key left running between keys included) is that key's
  stall, the time the UI could not answer another key. Inputs: a slide holding a table of 20,000
  rows (moving to it, scrolling it, leaving it, coming back) against a table of 20 rows, and the
  results of a quiz of 10,000 questions against 10.
- **first-paint**: a single Markdown file of 5,000 slides against one of 10, launched alternately
  in a pseudo-terminal (benchmarks/pty_session.py): spawn to the first page on screen.
- **check**: `podium check` on a slide holding a table of 67,000 rows (1.8 MB, under the 2 MiB
  limit) against one of 20 rows: wall time and peak resident memory of the process (GNU time).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from benchmarks.decks import generate_bank_deck, generate_single_file, generate_table_deck
from benchmarks.pty_session import Session, stamp_promptly
from benchmarks.run import REPO, environment, in_body, podium, quit_app

TICK = 0.001
"""Seconds the watch task sleeps between wake-ups."""
SETTLE = 0.5
"""Seconds a key's stall is watched for after the key was handled."""
BIG_TABLE, SMALL_TABLE = 20_000, 20
BIG_QUIZ, SMALL_QUIZ = 10_000, 10
BIG_FILE, SMALL_FILE = 5_000, 10
CHECK_TABLE = 67_000


class Watch:
    """Wakes every `TICK` on the app's event loop and keeps the gaps between wake-ups."""

    def __init__(self) -> None:
        self.gaps: list[tuple[float, float]] = []
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(TICK)
            now = time.perf_counter()
            self.gaps.append((last, now))
            last = now

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()

    def worst(self, start: float, end: float) -> float:
        """The longest gap (seconds) overlapping [start, end], less the tick itself."""
        gaps = [b - a for a, b in self.gaps if b > start and a < end]
        return max(gaps, default=0.0) - TICK


Step = tuple[str, Callable[[Any], Awaitable[None]]]


async def _stalls(app: Any, steps: list[Step]) -> dict[str, float]:
    """Run `app` headless at 120x40 and time each step's worst stall (ms)."""
    watch = Watch()
    stalls: dict[str, float] = {}
    collections: list[tuple[float, float]] = []

    def collected(phase: str, info: dict[str, int]) -> None:
        if info["generation"] == 2:
            collections.append((time.perf_counter(), phase == "start"))

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for _ in range(100):  # the start-up's deferred work done (the heap set aside, as in a talk)
            if app._heap_settled:
                break
            await asyncio.sleep(0.1)
        await asyncio.sleep(0.5)
        watch.start()
        gc.callbacks.append(collected)
        for label, step in steps:
            start = time.perf_counter()
            await step(pilot)
            await pilot.pause()
            await asyncio.sleep(SETTLE)
            stalls[label] = 1000 * watch.worst(start, time.perf_counter())
            full = [stamp for stamp, starting in collections if starting and stamp >= start]
            stalls[label + " (full collections)"] = float(len(full))
        gc.callbacks.remove(collected)
        watch.stop()
    return stalls


def _press(*keys: str) -> Callable[[Any], Awaitable[None]]:
    async def press(pilot: Any) -> None:
        await pilot.press(*keys)
    return press


async def _idle(pilot: Any) -> None:
    await asyncio.sleep(1.0)


TABLE_STEPS: list[Step] = [
    ("idle on the slide before", _idle),  # the table is drawn ahead as the next page
    ("right: to the table", _press("right")),
    ("down: scroll", _press("down")),
    ("down x3: scroll", _press("down", "down", "down")),
    ("end of the table (ctrl+end)", _press("ctrl+end")),
    ("right: to the slide after", _press("right")),
    ("left: back to the table", _press("left")),
    ("left: to the slide before", _press("left")),
]


def table_stalls(work: Path, rows: int) -> dict[str, float]:
    from tui.domain.loader import load_presentation

    deck = generate_table_deck(work / f"table-{rows}", rows)
    app = _app(load_presentation(deck))
    return asyncio.run(_stalls(app, TABLE_STEPS))


def results_stalls(work: Path, questions: int) -> dict[str, float]:
    from tui.domain.loader import load_presentation
    from tui.domain.quizrun import QuizRun
    from tui.ui.screens.results import ResultsScreen

    guide = _guide()
    presentation = load_presentation(generate_bank_deck(work / f"bank-{questions}", questions, guide))
    bank = presentation.banks[0]
    result = QuizRun(bank, "The big bank", 0.7, seed=1).result()
    app = _app(presentation)

    async def open_results(pilot: Any) -> None:
        app.push_screen(ResultsScreen(result, 1))

    steps: list[Step] = [
        ("open the results", open_results),
        ("down: scroll", _press("down")),
        ("down x3: scroll", _press("down", "down", "down")),
        ("enter: close", _press("enter")),
    ]
    return asyncio.run(_stalls(app, steps))


def _app(presentation: Any) -> Any:
    from tui.ui.app import AppOptions, make_app

    app = make_app(presentation, AppOptions(seed=1, theme="textual-dark"))
    app.freeze_heap = True  # as podium's command line runs it: the loaded deck set aside from the collector
    return app


def _guide() -> Path:
    from tui.domain.paths import bundled_deck

    return bundled_deck()


def first_paints(work: Path, launches: int) -> dict[str, Any]:
    stamp_promptly()
    env = environment(work)
    small = generate_single_file(work / "single-10.md", SMALL_FILE)
    big = generate_single_file(work / "single-5000.md", BIG_FILE)
    times: dict[str, list[float]] = {"small": [], "big": []}
    for launch in range(launches):
        order = [("small", small), ("big", big)] if launch % 2 == 0 else [("big", big), ("small", small)]
        for name, path in order:
            with Session(podium(str(path), "--seed", "1", "--no-history"), env, cwd=str(REPO)) as session:
                times[name].append(session.wait_for(in_body("Single file deck"), timeout=120) - session.started)
                session.settle(0.1)
                quit_app(session)
    small_ms = 1000 * statistics.median(times["small"])
    big_ms = 1000 * statistics.median(times["big"])
    return {"small_ms": small_ms, "big_ms": big_ms, "ratio": big_ms / small_ms,
            "samples_ms": {key: [1000 * t for t in value] for key, value in times.items()}}


def _check(deck: Path, env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, peak resident MiB) of `podium check DECK` in a fresh process. The peak is
    GNU time's (`/usr/bin/time -f %M`): a child forked straight from this process would count
    this process's memory as its own until it runs podium."""
    report = Path(tempfile.mkstemp(prefix="podium-check-time-")[1])
    timer = ["/usr/bin/time", "-f", "%M", "-o", str(report)] if Path("/usr/bin/time").exists() else []
    start = time.perf_counter()
    subprocess.run([*timer, *podium("check", str(deck))], env=env, cwd=str(REPO), stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    text = report.read_text(encoding="utf-8").strip().splitlines() if timer else []
    report.unlink()
    peak = int(text[-1]) / 1024 if text and text[-1].isdigit() else float("nan")
    return wall, peak


def checks(work: Path) -> dict[str, Any]:
    env = environment(work)
    small = generate_table_deck(work / "check-small", SMALL_TABLE)
    big = generate_table_deck(work / "check-big", CHECK_TABLE)
    size = (big / "slides" / "01-tables.md").stat().st_size
    _check(small, env)  # warm the bytecode cache
    small_s, small_mib = _check(small, env)
    big_s, big_mib = _check(big, env)
    return {"file_bytes": size, "small_s": small_s, "small_mib": small_mib, "big_s": big_s, "big_mib": big_mib}


def _table(small: dict[str, float], big: dict[str, float], small_name: str, big_name: str) -> str:
    lines = [f"| key | {small_name} | {big_name} | ratio | full collections ({big_name}) |", "|---|---|---|---|---|"]
    for label, big_ms in big.items():
        if label.endswith("(full collections)"):
            continue
        small_ms = small[label]
        ratio = big_ms / small_ms if small_ms > 0 else float("nan")
        lines.append(f"| {label} | {small_ms:.1f} ms | {big_ms:.1f} ms | {ratio:.2f}x "
                     f"| {big[label + ' (full collections)']:.0f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bigdata", description=__doc__.split("\n")[0])
    parser.add_argument("--launches", type=int, default=7, help="first paints per file (default 7)")
    parser.add_argument("--only", choices=("stalls", "first-paint", "check"))
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    args = parser.parse_args(argv)
    report: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="podium-bigdata-") as tmp:
        work = Path(tmp)
        if args.only in (None, "stalls"):
            small, big = table_stalls(work, SMALL_TABLE), table_stalls(work, BIG_TABLE)
            report["table_stalls_ms"] = {"small": small, "big": big}
            print(f"Worst stall per key, a table of {BIG_TABLE:,} rows against {SMALL_TABLE}:")
            print(_table(small, big, f"{SMALL_TABLE} rows", f"{BIG_TABLE:,} rows"))
            small, big = results_stalls(work, SMALL_QUIZ), results_stalls(work, BIG_QUIZ)
            report["results_stalls_ms"] = {"small": small, "big": big}
            print(f"\nWorst stall per key, the results of {BIG_QUIZ:,} questions against {SMALL_QUIZ}:")
            print(_table(small, big, f"{SMALL_QUIZ} questions", f"{BIG_QUIZ:,} questions"))
        if args.only in (None, "first-paint"):
            paints = first_paints(work, args.launches)
            report["single_file_first_paint"] = paints
            print(f"\nFirst paint of a single Markdown file ({args.launches} launches each, alternated): "
                  f"{SMALL_FILE} slides {paints['small_ms']:.0f} ms, {BIG_FILE:,} slides {paints['big_ms']:.0f} ms, "
                  f"ratio {paints['ratio']:.2f}x")
        if args.only in (None, "check"):
            figures = checks(work)
            report["check"] = figures
            print(f"\npodium check: a table of {SMALL_TABLE} rows {figures['small_s']:.2f} s, "
                  f"{figures['small_mib']:.0f} MiB; of {CHECK_TABLE:,} rows ({figures['file_bytes']:,} bytes) "
                  f"{figures['big_s']:.2f} s, {figures['big_mib']:.0f} MiB")
    if args.out:
        args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
