"""The benchmark cannot rot: one quick round of `python -m benchmarks.run --quick` must produce
every metric. No speed is asserted here; speed is what the benchmark itself measures and reports
(docs/performance.md)."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

# The benchmark reads the terminal with pyte (the `test` extra); where it is missing the test
# skips with that reason (tests/support/markers.py).
pytestmark = [pytest.mark.bench, pytest.mark.slow]

REPO = Path(__file__).resolve().parent.parent

TIMINGS = ("first_paint", "text_median", "text_p95", "code_median", "code_p95", "step_median", "step_p95",
           "takeaways_median", "takeaways_p95", "quiz_page_median", "quiz_page_p95",
           "first_question_median", "first_question_p95", "settled_median", "settled_p95",
           "quit", "peak_memory", "check", "load")


def positive(value: object) -> bool:
    return isinstance(value, (int, float)) and math.isfinite(value) and value > 0


def test_quick_benchmark_reports_every_metric(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    completed = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--quick", "--out", str(out)],
        cwd=REPO, capture_output=True, text=True, timeout=300, check=False,
    )
    assert completed.returncode == 0, completed.stderr[-4000:]
    data = json.loads(out.read_text(encoding="utf-8"))
    summary = data["summary"]
    assert set(summary) == {"baseline", "guide", "deck-100", "file-10", "bank-1000"}

    base = summary["baseline"]
    for key in ("first_frame_s", "text_change_s", "settled_s", "quit_s", "peak_rss_mib"):
        assert positive(base[key]["median"]), key
    assert base["idle_cpu_pct"]["median"] >= 0

    ratios = summary["guide"]["ratios"]
    for key in TIMINGS:
        assert positive(ratios.get(key)), f"guide: {key} = {ratios.get(key)!r}"
    for name in ("deck-100", "bank-1000"):
        ratios = summary[name]["ratios"]
        for key in ("first_paint", "text_median", "text_p95", "code_median", "takeaways_median",
                    "quiz_page_median", "quit", "peak_memory", "check", "load"):
            assert positive(ratios.get(key)), f"{name}: {key} = {ratios.get(key)!r}"
        assert math.isfinite(ratios["memory_growth_vs_guide"])
    ratios = summary["file-10"]["ratios"]  # one Markdown file: text slides only
    for key in ("first_paint", "first_paint_cpu", "text_median", "text_p95", "quit", "peak_memory", "load"):
        assert positive(ratios.get(key)), f"file-10: {key} = {ratios.get(key)!r}"
    assert positive(summary["deck-100"]["ratios"]["first_question_median"])
    assert positive(summary["bank-1000"]["ratios"]["study_first_question"])
    assert positive(summary["bank-1000"]["check_s"]["median"])
    for name in ("guide", "deck-100", "file-10", "bank-1000"):
        assert summary[name]["idle_slide_cpu_pct"]["median"] >= 0
        assert summary[name]["ambiguous_probes"] == 0, f"{name}: a probe was on screen before its key"

    # Every scenario ran beside its own baseline, and its first paint was timed again in a launch
    # of its own, beside one of the baseline's.
    row = data["rounds"][0]
    assert set(row["baselines"]) == {"guide", "deck-100", "file-10", "bank-1000"}
    for name in ("guide", "deck-100", "file-10", "bank-1000"):
        assert len(row[name]["first_paint_more"]) == 1 and len(row["baselines"][name]["first_frame_more"]) == 1
        assert all(positive(value) for pair in row[name]["first_paint_more"] for value in pair)
    assert summary["guide"]["first_paint_s"]["n"] == 2 and summary["baseline"]["first_frame_s"]["n"] == 8

    targets = data["targets"]
    assert targets and all(isinstance(row["met"], bool) for row in targets)
    first_paints = [row["scenario"] for row in targets if row["target"].startswith("first slide")]
    assert first_paints == ["guide", "deck-100", "file-10"]
    assert "| guide |" in completed.stdout
