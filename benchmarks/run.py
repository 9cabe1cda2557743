"""Measure podium as a user meets it, against a minimal Textual app measured in the same run.

    python -m benchmarks.run                    # full: 5 rounds, guide + 100/1,000/5,000 slides + single files
                                                #   of 10 and 5,000 slides + 10,000 questions
    python -m benchmarks.run --runs 7 --out benchmarks/results.json
    python -m benchmarks.run --quick            # CI smoke: 1 round, guide, 100 slides, a 10-slide file,
                                                #   1,000 questions

Each round runs every scenario right after a run of the baseline (benchmarks/baseline_app.py), each
in a fresh process in a 120x40 pseudo-terminal whose output is read by pyte; the first paint is
timed in more launches, alternated with the baseline's. A figure's ratio is taken against the
baseline run beside it, and the reported ratio is the median over rounds.
See docs/performance.md for what is measured and how.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.decks import Expect, generate_bank_deck, generate_deck, generate_single_file, plan
from benchmarks.pty_session import ROWS, Session, Timeout, stamp_promptly

REPO = Path(__file__).resolve().parent.parent
BASELINE_APP = Path(__file__).resolve().parent / "baseline_app.py"
RIGHT, ENTER, ESCAPE = "\x1b[C", "\r", "\x1b"
BODY_ROWS = ROWS - 2  # the status line and the footer are the last two rows
BASELINE_PRESSES = 40
IDLE_SECONDS = 3.0
QUIET = 0.1
"""A burst of output has ended when nothing more comes for this long (seconds)."""
DECK_TRANSITIONS = 66  # positions walked in generated decks (section 1, its takeaways and quiz, into section 2)
CATEGORIES = ("text", "code", "step", "takeaways", "quiz_page", "first_question")
SETTLED = ("settled", "first_question_settled")
"""Key press to the last byte of the burst of output it caused (the screen stops changing)."""
PATCHES: list[str] = []
"""Python files run in every podium process before podium itself (`--patch`): candidate changes."""
TARGET_CATEGORIES = ("text", "code", "takeaways", "first_question")
FIRST_PAINTS = 3
"""First paints timed per scenario and round (the walk's launch and more launches, each beside a
launch of the baseline): a single launch moves with the machine by up to half its time."""


# -- statistics ----------------------------------------------------------------------------------

def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def p95(values: list[float]) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def ratio(value: float | None, base: float | None) -> float | None:
    return None if value is None or not base else value / base


def summary(values: list[float]) -> dict[str, Any]:
    return {"median": median(values), "p95": p95(values), "n": len(values), "samples": values}


# -- processes -----------------------------------------------------------------------------------

def environment(work: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith("TEXTUAL") and key not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES")}
    env.update(TERM="xterm-256color", COLORTERM="truecolor", LANG=env.get("LANG", "C.UTF-8"),
               PODIUM_RUNTIME_DIR=str(work / "runtime"), PODIUM_DATA_DIR=str(work / "data"))
    if env.pop("PYTHONDONTWRITEBYTECODE", None) is not None:
        # Users run podium from compiled bytecode (pip compiles it on install); a shell that forbids
        # writing bytecode would make every launch compile podium from source. Keep the bytecode
        # out of the repository instead, in a cache that outlives one run.
        env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "podium-bench-pycache")
    if PATCHES:
        env["PODIUM_BENCH_PATCHES"] = os.pathsep.join(PATCHES)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    return env


def podium(*args: str) -> list[str]:
    """The command that runs podium: `python -m tui ARGS`, or through the patch launcher."""
    if PATCHES:
        return [sys.executable, str(Path(__file__).resolve().parent / "patch_boot.py"), *args]
    return [sys.executable, "-m", "tui", *args]


def in_body(text: str) -> Callable[[list[str]], bool]:
    return lambda rows: any(text in row for row in rows[:BODY_ROWS])


def anywhere(text: str) -> Callable[[list[str]], bool]:
    return lambda rows: any(text in row for row in rows)


def shows(expect: Expect) -> Callable[[list[str]], bool]:
    body = in_body(expect.probe)
    if expect.count is None:
        return body
    count = expect.count
    return lambda rows: body(rows) and any(count in row for row in rows[BODY_ROWS:])


def idle(session: Session, seconds: float | None = None) -> dict[str, float]:
    """CPU (% of one core) and bytes written while nothing is pressed."""
    session.settle(quiet=0.2, limit=3.0)
    seconds = IDLE_SECONDS if seconds is None else seconds
    cpu = session.cpu_seconds()
    start = time.perf_counter()
    written = session.drain_for(seconds)
    elapsed = time.perf_counter() - start
    return {"cpu_pct": 100 * (session.cpu_seconds() - cpu) / elapsed, "bytes_per_s": written / elapsed}


def quit_app(session: Session) -> float:
    session.settle(QUIET)
    pressed = session.send("q")
    return session.wait_exit() - pressed


def run_baseline(env: dict[str, str], work: Path, presses: int) -> dict[str, Any]:
    with Session([sys.executable, str(BASELINE_APP)], env, cwd=str(work)) as session:
        first = session.wait_for(in_body("Baseline ready")) - session.started
        first_cpu = session.cpu_seconds()
        quiet = idle(session)
        changes: list[float] = []
        settled: list[float] = []
        change_cpu: list[float] = []
        for n in range(1, presses + 1):
            expected = f"Baseline text {n}"
            cpu = session.cpu_seconds()
            pressed = session.send(RIGHT)
            shown = session.wait_for(lambda rows, e=expected: any(r.strip() == e for r in rows))
            changes.append(shown - pressed)
            settled.append((session.settle(QUIET) or shown) - pressed)
            change_cpu.append(session.cpu_seconds() - cpu)
        rss = session.peak_rss_mib()
        return {"first_frame_s": first, "first_frame_cpu_s": first_cpu, "text_change_s": changes,
                "settled_s": settled, "change_cpu_s": change_cpu, "idle": quiet,
                "peak_rss_mib": rss, "quit_s": quit_app(session)}


def run_presenter(deck: Path, expects: list[Expect], env: dict[str, str], work: Path, *,
                  transitions: int | None, idle_title: bool, quizzes: int | None = None) -> dict[str, Any]:
    """Launch on page 1, walk `transitions` positions with Right, quit.

    The first `quizzes` quizzes met (all when None) are started to time their first question."""
    argv = podium(str(deck), "--seed", "1", "--no-history")
    walk = expects if transitions is None else expects[: transitions + 1]
    samples: dict[str, list[float]] = {name: [] for name in CATEGORIES + SETTLED}
    result: dict[str, Any] = {"transitions": samples, "ambiguous": 0, "idle": {}}
    with Session(argv, env, cwd=str(REPO)) as session:
        # First paint: the first page's text in the slide area. podium paints it from the deck's
        # opening and loads the rest after; the status line's " 1/N" (which needs the whole deck)
        # is timed separately as `deck_ready_s`.
        result["first_paint_s"] = session.wait_for(in_body(walk[0].probe), timeout=120) - session.started
        result["first_paint_cpu_s"] = session.cpu_seconds()
        result["deck_ready_s"] = session.wait_for(shows(walk[0]), timeout=120) - session.started
        session.settle(QUIET)
        result["rss_after_first_paint_mib"] = session.rss_mib()
        cpu_per_move: list[float] = []
        if idle_title:
            result["idle"]["title"] = idle(session)
        else:
            session.settle(QUIET)
        for index in range(1, len(walk)):
            before, expect = walk[index - 1], walk[index]
            entered = len(samples["first_question"])
            if before.kind == "quiz_page" and index + 1 < len(expects) and (quizzes is None or entered < quizzes):
                # Start the quiz: time to its first question; then leave it, close the results,
                # and the presenter goes on to the next section (not timed).
                pressed = session.send(ENTER)
                shown = session.wait_for(anywhere("question 1 of"))
                samples["first_question"].append(shown - pressed)
                samples["first_question_settled"].append((session.settle(QUIET) or shown) - pressed)
                session.send(ESCAPE)
                session.wait_for(anywhere("Results ·"))
                session.settle(QUIET)
                session.send(ENTER)
                session.wait_for(shows(expect))
                session.settle(QUIET)
                continue
            predicate = shows(expect)
            if predicate(session.rows()):
                result["ambiguous"] += 1
            cpu = session.cpu_seconds()
            pressed = session.send(RIGHT)
            shown = session.wait_for(predicate)
            samples[expect.kind].append(shown - pressed)
            samples["settled"].append((session.settle(QUIET) or shown) - pressed)
            cpu_per_move.append(session.cpu_seconds() - cpu)
            if index == 1:
                result["idle"]["slide"] = idle(session)
        result["pages_walked"] = len(walk)
        result["move_cpu_s"] = cpu_per_move
        result["peak_rss_mib"] = session.peak_rss_mib()
        result["rss_after_walk_mib"] = session.rss_mib()
        result["quit_s"] = quit_app(session)
    return result


def run_study(deck: Path, env: dict[str, str]) -> float:
    """`podium quiz DECK --section 1`: launch until its first question is on screen."""
    argv = podium("quiz", str(deck), "--section", "1", "--seed", "1", "--no-history")
    with Session(argv, env, cwd=str(REPO)) as session:
        shown = session.wait_for(anywhere("question 1 of"), timeout=120) - session.started
        session.settle(QUIET)
        quit_app_hard(session)
    return shown


def quit_app_hard(session: Session) -> None:
    """Leave study mode: Escape leaves the quiz, then q quits from the results."""
    session.send(ESCAPE)
    try:
        session.wait_for(anywhere("Results ·"), timeout=10)
        session.settle(QUIET)
        session.send("q")
        session.wait_exit(timeout=10)
    except Timeout:
        pass


def run_check(deck: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    completed = subprocess.run(podium("check", str(deck)), env=env, cwd=str(REPO),
                               capture_output=True, text=True, timeout=600, check=False)
    elapsed = time.perf_counter() - start
    if completed.returncode not in (0, 1):
        raise RuntimeError(f"podium check {deck} failed:\n{completed.stderr}")
    return elapsed


WARM_UP = """
import importlib, pkgutil, tui
for module in pkgutil.walk_packages(tui.__path__, "tui."):
    if not module.name.endswith("__main__"):
        importlib.import_module(module.name)
from pygments.lexers import get_lexer_by_name
from pygments.styles import get_style_by_name
get_lexer_by_name("python"), get_style_by_name("monokai"), get_style_by_name("friendly")
"""
"""Imports every podium module (and the lexer code slides use) once, so bytecode is cached."""


LOAD_SCRIPT = """
import json, runpy, sys, time
from pathlib import Path
for patch in sys.argv[2:]:
    runpy.run_path(patch)
start = time.perf_counter()
from tui.domain.loader import load_presentation
imported = time.perf_counter()
load_presentation(Path(sys.argv[1]))
print(json.dumps({"import_s": imported - start, "load_s": time.perf_counter() - imported}))
"""


def run_load(deck: Path, env: dict[str, str]) -> dict[str, float]:
    completed = subprocess.run([sys.executable, "-c", LOAD_SCRIPT, str(deck), *PATCHES], env=env, cwd=str(REPO),
                               capture_output=True, text=True, timeout=600, check=True)
    return json.loads(completed.stdout)


# -- scenarios -----------------------------------------------------------------------------------

def scenarios(work: Path, quick: bool, only: list[str] | None = None) -> list[dict[str, Any]]:
    from tui.domain.paths import bundled_deck

    guide = bundled_deck()
    chosen = [{"name": "guide", "deck": guide, "transitions": None, "slides": None}]
    for slides in ((100,) if quick else (100, 1000, 5000)):
        if only is not None and f"deck-{slides}" not in only:
            continue
        deck = generate_deck(work / f"deck-{slides}", slides, guide)
        chosen.append({"name": f"deck-{slides}", "deck": deck, "transitions": DECK_TRANSITIONS, "slides": slides})
    for slides in ((10,) if quick else (10, 5000)):
        # One Markdown file, as presenterm, Marp and lookatme users have their talks.
        if only is not None and f"file-{slides}" not in only:
            continue
        deck = generate_single_file(work / f"file-{slides}.md", slides)
        chosen.append({"name": f"file-{slides}", "deck": deck, "transitions": DECK_TRANSITIONS, "slides": slides})
    for questions in ((1000,) if quick else (10000,)):
        if only is not None and f"bank-{questions}" not in only:
            continue
        deck = generate_bank_deck(work / f"bank-{questions}", questions, guide)
        chosen.append({"name": f"bank-{questions}", "deck": deck, "transitions": None, "questions": questions})
    for scenario in chosen:
        scenario["plan"] = plan(scenario["deck"])
    return chosen


def first_paint_only(argv: list[str], probe: Callable[[list[str]], bool], env: dict[str, str],
                     cwd: Path) -> tuple[float, float]:
    """Launch, wait for `probe` on screen, quit: (seconds to it since spawn, CPU seconds by then)."""
    with Session(argv, env, cwd=str(cwd)) as session:
        wall = session.wait_for(probe, timeout=120) - session.started
        cpu = session.cpu_seconds()
        session.settle(QUIET)
        quit_app(session)
    return wall, cpu


def one_round(chosen: list[dict[str, Any]], env: dict[str, str], work: Path, quick: bool,
              log: Callable[[str], None]) -> dict[str, Any]:
    """Every scenario beside its own run of the baseline, so that a ratio compares two runs a few
    seconds apart (the machine drifts over a round)."""
    row: dict[str, Any] = {"baselines": {}}
    baseline_argv = [sys.executable, str(BASELINE_APP)]
    for scenario in chosen:
        name = scenario["name"]
        log(f"  {name}")
        began = time.perf_counter()
        base = run_baseline(env, work, BASELINE_PRESSES // 2 if quick else BASELINE_PRESSES)
        measured = run_presenter(scenario["deck"], scenario["plan"], env, work, transitions=scenario["transitions"],
                                 idle_title=not quick, quizzes=2 if quick else None)
        walked = time.perf_counter()
        podium_argv = podium(str(scenario["deck"]), "--seed", "1", "--no-history")
        base["first_frame_more"], measured["first_paint_more"] = [], []
        for launch in range(1 if quick else FIRST_PAINTS - 1):
            pair = [(measured["first_paint_more"], podium_argv, REPO, in_body(scenario["plan"][0].probe)),
                    (base["first_frame_more"], baseline_argv, work, in_body("Baseline ready"))]
            for samples, argv, cwd, probe in (pair if launch % 2 == 0 else pair[::-1]):
                samples.append(first_paint_only(argv, probe, env, cwd))
        measured["load"] = run_load(scenario["deck"], env)
        measured["check_s"] = run_check(scenario["deck"], env)
        if "questions" in scenario:
            measured["study_first_question_s"] = run_study(scenario["deck"], env)
        measured["wall_s"] = {"presenter": walked - began, "total": time.perf_counter() - began}
        log(f"    {measured['wall_s']['total']:.1f} s")
        row["baselines"][name] = base
        row[name] = measured
    row["baseline"] = row["baselines"][chosen[0]["name"]]
    return row


def launches(result: dict[str, Any], name: str) -> tuple[list[float], list[float]]:
    """Every launch's time to its first frame in one run beside a scenario, or in one round of a
    scenario (`name`: "first_frame" for the baseline, "first_paint" for podium): (seconds, CPU
    seconds)."""
    more = result.get(f"{name}_more", [])
    return [result[f"{name}_s"], *(w for w, _ in more)], [result[f"{name}_cpu_s"], *(c for _, c in more)]


# -- summarising ---------------------------------------------------------------------------------

def per_round_ratios(row: dict[str, Any], name: str) -> dict[str, float | None]:
    base, got = row.get("baselines", {}).get(name, row["baseline"]), row[name]
    changes = base["text_change_s"]
    frames, frames_cpu = launches(base, "first_frame")
    paints, paints_cpu = launches(got, "first_paint")
    first_frame = median(frames)
    ratios: dict[str, float | None] = {
        "first_paint": ratio(median(paints), first_frame),
        "first_paint_cpu": ratio(median(paints_cpu), median(frames_cpu)),
        "deck_ready": ratio(got["deck_ready_s"], first_frame),
        "move_cpu": ratio(statistics.fmean(got["move_cpu_s"]), statistics.fmean(base["change_cpu_s"]) or None),
        "quit": ratio(got["quit_s"], base["quit_s"]),
        "peak_memory": ratio(got["peak_rss_mib"], base["peak_rss_mib"]),
        "check": ratio(got["check_s"], first_frame),
        "load": ratio(got["load"]["load_s"], first_frame),
    }
    ratios["settled_median"] = ratio(median(got["transitions"]["settled"]), median(base["settled_s"]))
    ratios["settled_p95"] = ratio(p95(got["transitions"]["settled"]), p95(base["settled_s"]))
    ratios["first_question_settled_median"] = ratio(median(got["transitions"]["first_question_settled"]),
                                                    median(base["settled_s"]))
    for category in CATEGORIES:
        values = got["transitions"][category]
        ratios[f"{category}_median"] = ratio(median(values), median(changes))
        ratios[f"{category}_p95"] = ratio(p95(values), p95(changes))
        ratios[f"{category}_p95_vs_base_median"] = ratio(p95(values), median(changes))
    if name != "guide":
        ratios["memory_growth_vs_guide"] = got["peak_rss_mib"] / row["guide"]["peak_rss_mib"] - 1
        ratios["first_paint_memory_growth_vs_guide"] = (got["rss_after_first_paint_mib"]
                                                        / row["guide"]["rss_after_first_paint_mib"] - 1)
    if "study_first_question_s" in got:
        ratios["study_first_question"] = ratio(got["study_first_question_s"], first_frame)
    return ratios


def summarise(rounds: list[dict[str, Any]], names: list[str]) -> dict[str, Any]:
    base = [b for row in rounds for b in row.get("baselines", {"": row["baseline"]}).values()]
    out: dict[str, Any] = {"baseline": {
        "first_frame_s": summary([s for b in base for s in launches(b, "first_frame")[0]]),
        "first_frame_cpu_s": summary([s for b in base for s in launches(b, "first_frame")[1]]),
        "change_cpu_mean_s": summary([statistics.fmean(b["change_cpu_s"]) for b in base]),
        "text_change_s": summary([s for b in base for s in b["text_change_s"]]),
        "settled_s": summary([s for b in base for s in b["settled_s"]]),
        "quit_s": summary([b["quit_s"] for b in base]),
        "peak_rss_mib": summary([b["peak_rss_mib"] for b in base]),
        "idle_cpu_pct": summary([b["idle"]["cpu_pct"] for b in base]),
        "idle_bytes_per_s": summary([b["idle"]["bytes_per_s"] for b in base]),
    }}
    for name in names:
        got = [row[name] for row in rounds]
        scenario: dict[str, Any] = {
            "first_paint_s": summary([s for g in got for s in launches(g, "first_paint")[0]]),
            "first_paint_cpu_s": summary([s for g in got for s in launches(g, "first_paint")[1]]),
            "deck_ready_s": summary([g["deck_ready_s"] for g in got]),
            "move_cpu_mean_s": summary([statistics.fmean(g["move_cpu_s"]) for g in got]),
            "quit_s": summary([g["quit_s"] for g in got]),
            "peak_rss_mib": summary([g["peak_rss_mib"] for g in got]),
            "rss_after_first_paint_mib": summary([g["rss_after_first_paint_mib"] for g in got]),
            "check_s": summary([g["check_s"] for g in got]),
            "load_s": summary([g["load"]["load_s"] for g in got]),
            "import_loader_s": summary([g["load"]["import_s"] for g in got]),
            "pages_walked": got[0]["pages_walked"],
            "ambiguous_probes": sum(g["ambiguous"] for g in got),
            "transitions_s": {c: summary([s for g in got for s in g["transitions"][c]])
                              for c in CATEGORIES + SETTLED},
        }
        for where in ("title", "slide"):
            if all(where in g["idle"] for g in got):
                scenario[f"idle_{where}_cpu_pct"] = summary([g["idle"][where]["cpu_pct"] for g in got])
                scenario[f"idle_{where}_bytes_per_s"] = summary([g["idle"][where]["bytes_per_s"] for g in got])
        if all("study_first_question_s" in g for g in got):
            scenario["study_first_question_s"] = summary([g["study_first_question_s"] for g in got])
        per_round = [per_round_ratios(row, name) for row in rounds]
        scenario["ratios"] = {key: median([r[key] for r in per_round if r[key] is not None])
                              for key in per_round[0]}
        out[name] = scenario
    return out


def targets(summaries: dict[str, Any], names: list[str]) -> list[dict[str, Any]]:
    decks = [n for n in names if n.startswith("deck-")]
    banks = [n for n in names if n.startswith("bank-")]
    largest = max(decks, key=lambda n: int(n.split("-")[1])) if decks else None
    bank = max(banks, key=lambda n: int(n.split("-")[1])) if banks else None
    rows: list[dict[str, Any]] = []

    def add(target: str, where: str, value: float | None, limit: float, unit: str = "x") -> None:
        rows.append({"target": target, "scenario": where, "value": value, "limit": limit, "unit": unit,
                     "met": value is not None and value < limit})

    files = [n for n in names if n.startswith("file-")]
    for where in ("guide", largest, *files):
        if where:
            add("first slide on screen / baseline first frame", where, summaries[where]["ratios"]["first_paint"], 1.1)
    for where in ("guide", largest):
        if not where:
            continue
        for category in TARGET_CATEGORIES:
            r = summaries[where]["ratios"]
            add(f"next {category} median / baseline text change median", where, r[f"{category}_median"], 1.5)
            add(f"next {category} p95 / baseline text change p95", where, r[f"{category}_p95"], 2.5)
    add("peak memory / baseline", "guide", summaries["guide"]["ratios"]["peak_memory"], 1.5)
    if largest:
        add("peak memory growth from the guide (fraction)", largest,
            summaries[largest]["ratios"]["memory_growth_vs_guide"], 0.10, "fraction")
        # The guide's walk enters 8 quizzes and a generated deck's only one, so peaks differ by the
        # walk too; memory right after the first paint compares the decks alone.
        add("memory after first paint, growth from the guide (fraction)", largest,
            summaries[largest]["ratios"]["first_paint_memory_growth_vs_guide"], 0.10, "fraction")
    if bank:
        add("podium check over the bank, seconds", bank, summaries[bank]["check_s"]["median"], 1.0, "s")
    for name in names:
        for where in ("title", "slide"):
            key = f"idle_{where}_cpu_pct"
            if key in summaries[name]:
                add(f"idle CPU on a still {where} page, % of a core", name, summaries[name][key]["median"], 1.0, "%")
    return rows


def fmt(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def table(summaries: dict[str, Any], names: list[str]) -> str:
    """The Markdown table of ratios (median over rounds), with the baseline's absolute figures."""
    base = summaries["baseline"]
    def ms(value: float) -> str:
        return f"{fmt(value * 1000, 1)} ms"

    lines = [
        "| scenario | first paint | CPU to first paint | whole deck ready | CPU per move | text med / p95 "
        "| code med / p95 | step med / p95 | takeaways med / p95 "
        "| quiz page med / p95 | 1st question med / p95 | settled med / p95 | quit | peak memory "
        "| check | load | idle CPU |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        f"| baseline (absolute) | {ms(base['first_frame_s']['median'])} "
        f"| {ms(base['first_frame_cpu_s']['median'])} | | {ms(base['change_cpu_mean_s']['median'])} "
        f"| {ms(base['text_change_s']['median'])} / {ms(base['text_change_s']['p95'])} | | | | | "
        f"| {ms(base['settled_s']['median'])} / {ms(base['settled_s']['p95'])} "
        f"| {ms(base['quit_s']['median'])} | {fmt(base['peak_rss_mib']['median'], 1)} MiB | | "
        f"| {fmt(base['idle_cpu_pct']['median'])} % |",
    ]
    for name in names:
        s = summaries[name]
        r = s["ratios"]
        cells = [name, f"{fmt(r['first_paint'])}x", f"{fmt(r['first_paint_cpu'])}x",
                 f"{fmt(r['deck_ready'])}x", f"{fmt(r['move_cpu'])}x"]
        for category in CATEGORIES + ("settled",):
            cells.append(f"{fmt(r[f'{category}_median'])}x / {fmt(r[f'{category}_p95'])}x"
                         if r[f"{category}_median"] is not None else "-")
        idle_cpu = s.get("idle_slide_cpu_pct", s.get("idle_title_cpu_pct"))
        cells += [f"{fmt(r['quit'])}x", f"{fmt(r['peak_memory'])}x ({fmt(s['peak_rss_mib']['median'], 0)} MiB)",
                  f"{fmt(s['check_s']['median'])} s", f"{fmt(s['load_s']['median'], 3)} s",
                  f"{fmt(idle_cpu['median'])} %" if idle_cpu else "-"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def target_table(rows: list[dict[str, Any]]) -> str:
    lines = ["| target | scenario | value | limit | met |", "|---|---|---|---|---|"]
    for row in rows:
        lines.append(f"| {row['target']} | {row['scenario']} | {fmt(row['value'])} | < {row['limit']} "
                     f"| {'yes' if row['met'] else 'NO'} |")
    return "\n".join(lines)


def meta(runs: int, quick: bool) -> dict[str, Any]:
    import textual

    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True,
                                timeout=10, check=False).stdout.strip()
        dirty = bool(subprocess.run(["git", "status", "--porcelain", "tui"], cwd=REPO, capture_output=True,
                                    text=True, timeout=10, check=False).stdout.strip())
    except OSError:
        commit, dirty = "", False
    return {"runs": runs, "quick": quick, "patches": list(PATCHES),
            "bytecode_cache": environment(Path(tempfile.gettempdir())).get("PYTHONPYCACHEPREFIX", "default"),
            "python": platform.python_version(), "textual": textual.__version__,
            "machine": platform.machine(), "cpus": os.cpu_count(), "loadavg_start": list(os.getloadavg()),
            "commit": commit, "tui_modified": dirty, "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "terminal": "120x40 pty, pyte"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="rounds (default 5; --quick forces 1)")
    parser.add_argument("--quick", action="store_true", help="CI smoke: 1 round, small decks")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results.json", help="JSON to write")
    parser.add_argument("--keep", action="store_true", help="keep the generated decks (their folder is printed)")
    parser.add_argument("--scenarios", help="comma-separated subset, e.g. guide,deck-5000 (the guide is always run)")
    parser.add_argument("--patch", action="append", default=[], metavar="FILE",
                        help="a Python file run in every podium process first (monkeypatch a candidate "
                             "change without editing tui/); repeatable")
    args = parser.parse_args(argv)
    stamp_promptly()
    PATCHES[:] = [str(Path(patch).resolve()) for patch in args.patch]
    runs = 1 if args.quick else max(1, args.runs)
    if args.quick:
        global IDLE_SECONDS, QUIET
        IDLE_SECONDS, QUIET = 1.0, 0.05
    def log(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    work = Path(tempfile.mkdtemp(prefix="podium-bench-"))
    try:
        env = environment(work)
        log(f"generating decks in {work}")
        chosen = scenarios(work, args.quick, args.scenarios.split(",") if args.scenarios else None)
        names = [scenario["name"] for scenario in chosen]
        data: dict[str, Any] = {"meta": meta(runs, args.quick)}
        log("warm-up (not measured)")
        subprocess.run([sys.executable, "-c", WARM_UP], env=env, cwd=str(REPO), check=True, timeout=300)
        run_baseline(env, work, 2)
        run_presenter(chosen[0]["deck"], chosen[0]["plan"], env, work, transitions=2, idle_title=False)
        rounds = []
        for number in range(1, runs + 1):
            log(f"round {number}/{runs}")
            rounds.append(one_round(chosen, env, work, args.quick, log))
        data["meta"]["loadavg_end"] = list(os.getloadavg())
        data["plans"] = {s["name"]: {"pages": len(s["plan"]),
                                     "kinds": {k: sum(1 for e in s["plan"] if e.kind == k)
                                               for k in sorted({e.kind for e in s["plan"]})}} for s in chosen}
        data["rounds"] = rounds
        data["summary"] = summarise(rounds, names)
        data["targets"] = targets(data["summary"], names)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(table(data["summary"], names))
        print()
        print(target_table(data["targets"]))
        print(f"\nwrote {args.out}")
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
