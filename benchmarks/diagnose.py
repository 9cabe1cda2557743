"""Where podium's time goes: import times, launch phases and profiles, against the baseline.

    python -m benchmarks.diagnose imports [--repeat 7]     # python -X importtime, by package
    python -m benchmarks.diagnose phases [--repeat 5]      # launch phases, podium vs baseline
    python -m benchmarks.diagnose profile [--out DIR]      # pyinstrument: first paint, and a walk

Diagnosis only (pyinstrument is needed for `profile`); the numbers in docs/performance.md came from
these commands. Like the benchmark, it measures the working tree and never edits it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from benchmarks import run as bench
from benchmarks.decks import plan
from benchmarks.pty_session import Session, stamp_promptly

REPO = bench.REPO
PATCHES = Path(__file__).resolve().parent / "patches"

# What each process imports before its first frame (podium: as `run_present` does, in that order).
PODIUM_IMPORTS = "import tui.cli\nfrom tui.domain.loader import load_presentation\nimport tui.ui.app\n"
BASELINE_IMPORTS = "import textual.app\nfrom textual.widgets import Static\n"


# -- imports -------------------------------------------------------------------------------------

def importtime(code: str) -> list[tuple[str, int, int, int]]:
    """(module, self µs, cumulative µs, depth) for every module `code` imports, in import order."""
    env = bench.environment(Path(tempfile.gettempdir()))  # same bytecode cache as the benchmark
    completed = subprocess.run([sys.executable, "-X", "importtime", "-c", code], cwd=REPO, env=env,
                               capture_output=True, text=True, timeout=120, check=True)
    rows = []
    for line in completed.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, cumulative, name = line[len("import time:"):].split("|")
        depth = (len(name) - len(name.lstrip())) // 2
        rows.append((name.strip(), int(self_us), int(cumulative), depth))
    return rows


def by_package(rows: list[tuple[str, int, int, int]]) -> dict[str, int]:
    totals: dict[str, int] = defaultdict(int)
    for name, self_us, _, _ in rows:
        totals[name.split(".")[0]] += self_us
    return totals


def podium_owner(rows: list[tuple[str, int, int, int]]) -> dict[str, str]:
    """For every module, the innermost tui.* module whose import pulled it in."""
    owner: dict[str, str] = {}
    # importtime prints a module after its children; walk backwards keeping a stack of parents.
    stack: list[tuple[int, str]] = []
    for name, _, _, depth in reversed(rows):
        while stack and stack[-1][0] >= depth:
            stack.pop()
        parents = [parent for _, parent in stack if parent.startswith("tui")]
        owner[name] = name if name.startswith("tui") else (parents[-1] if parents else "")
        stack.append((depth, name))
    return owner


def cmd_imports(args: argparse.Namespace) -> None:
    podium_runs = [importtime(PODIUM_IMPORTS) for _ in range(args.repeat)]
    base_runs = [importtime(BASELINE_IMPORTS) for _ in range(args.repeat)]
    def total(runs: list) -> float:
        return statistics.median(sum(r[1] for r in rows) for rows in runs) / 1000

    print(f"total import time, median of {args.repeat}: podium {total(podium_runs):.0f} ms, "
          f"baseline {total(base_runs):.0f} ms\n")
    base_modules = {name for rows in base_runs for name, *_ in rows}
    packages = sorted({p for rows in podium_runs for p in by_package(rows)})
    per_package = {p: statistics.median(by_package(rows).get(p, 0) for rows in podium_runs) / 1000 for p in packages}
    base_package = {p: statistics.median(by_package(rows).get(p, 0) for rows in base_runs) / 1000 for p in packages}
    print("| package | podium ms (self, summed) | baseline ms |\n|---|---|---|")
    for package in sorted(packages, key=lambda p: -per_package[p])[:15]:
        print(f"| {package} | {per_package[package]:.1f} | {base_package[package]:.1f} |")
    # What podium imports that the baseline does not, grouped by the podium module that pulled it in.
    extra: dict[str, list[float]] = defaultdict(list)
    for rows in podium_runs:
        owners = podium_owner(rows)
        sums: dict[str, int] = defaultdict(int)
        for name, self_us, _, _ in rows:
            if name not in base_modules:
                sums[owners.get(name) or "(other)"] += self_us
        for key, value in sums.items():
            extra[key].append(value / 1000)
    print("\nimports the baseline does not make, by the podium module that pulls them in "
          "(self time of the module and everything new it pulls in, median ms):\n")
    print("| podium module | ms |\n|---|---|")
    for key, values in sorted(extra.items(), key=lambda kv: -statistics.median(kv[1]))[:15]:
        print(f"| {key} | {statistics.median(values):.1f} |")
    if args.json:
        Path(args.json).write_text(json.dumps({"podium": podium_runs, "baseline": base_runs}), encoding="utf-8")


# -- launch phases -------------------------------------------------------------------------------

def phases_once(podium: bool, work: Path) -> dict[str, tuple[float, float]]:
    out = work / "phases.jsonl"
    env = bench.environment(work)
    env["PODIUM_PHASES_OUT"] = str(out)
    env["PODIUM_BENCH_PATCHES"] = str(PATCHES / "phases.py")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    if podium:
        env["PODIUM_PHASES_PODIUM"] = "1"
        argv = [sys.executable, str(Path(__file__).resolve().parent / "patch_boot.py"), str(bench_guide()),
                "--seed", "1", "--no-history"]
        probe = bench.in_body(plan(bench_guide())[0].probe)  # the first page's text, as run.py times it
    else:
        code = (f"import runpy; runpy.run_path({str(PATCHES / 'phases.py')!r}); "
                f"runpy.run_path({str(bench.BASELINE_APP)!r}, run_name='__main__')")
        argv = [sys.executable, "-c", code]
        probe = bench.in_body("Baseline ready")
    with Session(argv, env, cwd=str(REPO)) as session:
        seen = session.wait_for(probe)
        session.settle()
        rss = session.peak_rss_mib()
        bench.quit_app(session)
    marks = {}
    for line in out.read_text(encoding="utf-8").splitlines():
        mark = json.loads(line)
        marks[mark["phase"]] = ((mark["t"] - session.started) * 1000, mark["rss_mib"])
    marks["first frame on screen (pyte)"] = ((seen - session.started) * 1000, rss)
    return marks


def bench_guide() -> Path:
    from tui.domain.paths import bundled_deck

    return bundled_deck()


def cmd_phases(args: argparse.Namespace) -> None:
    work = Path(tempfile.mkdtemp(prefix="podium-diag-"))
    runs: dict[str, list[dict[str, tuple[float, float]]]] = {"baseline": [], "podium": []}
    for _ in range(args.repeat):
        runs["baseline"].append(phases_once(False, work))
        runs["podium"].append(phases_once(True, work))
    for who, rows in runs.items():
        print(f"\n{who}: ms since spawn (median of {args.repeat}), resident MiB at that point\n")
        print("| phase | ms | step ms | RSS MiB |\n|---|---|---|---|")
        names = sorted(rows[0], key=lambda name: statistics.median(r[name][0] for r in rows if name in r))
        previous = 0.0
        for name in names:
            at = statistics.median(r[name][0] for r in rows if name in r)
            rss = statistics.median(r[name][1] for r in rows if name in r)
            print(f"| {name} | {at:.0f} | {at - previous:.0f} | {rss:.1f} |")
            previous = at


# -- profiles ------------------------------------------------------------------------------------

def cmd_profile(args: argparse.Namespace) -> None:
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="podium-diag-"))
    bench.PATCHES[:] = [str(PATCHES / "profile.py"), *[str(Path(p).resolve()) for p in args.patch]]
    guide = bench_guide()
    expects = plan(guide)
    for mode, transitions in (("first-paint", 1), ("session", None)):
        env = bench.environment(work)
        report = out / f"profile-{mode}.txt"
        env.update(PODIUM_PROFILE=mode, PODIUM_PROFILE_OUT=str(report))
        bench.run_presenter(guide, expects, env, work, transitions=transitions, idle_title=False,
                            quizzes=None if transitions is None else 0)
        summary = json.loads(Path(str(report) + ".summary.json").read_text(encoding="utf-8"))
        print(f"\n{mode}: inclusive seconds under the profiler (which slows everything down)\n")
        for label, seconds in sorted(summary.items(), key=lambda kv: -kv[1]):
            print(f"  {seconds:8.3f}  {label}")
        print(f"  full report: {report}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.diagnose", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    imports = sub.add_parser("imports", help="python -X importtime, podium vs baseline")
    imports.add_argument("--repeat", type=int, default=7)
    imports.add_argument("--json", help="write the raw rows here")
    phases = sub.add_parser("phases", help="launch phases, podium vs baseline")
    phases.add_argument("--repeat", type=int, default=5)
    profile = sub.add_parser("profile", help="pyinstrument reports of first paint and of a walk")
    profile.add_argument("--out", default=str(Path(tempfile.gettempdir()) / "podium-profiles"))
    profile.add_argument("--patch", action="append", default=[], help="profile with a candidate patch applied")
    args = parser.parse_args(argv)
    stamp_promptly()
    {"imports": cmd_imports, "phases": cmd_phases, "profile": cmd_profile}[args.command](args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
