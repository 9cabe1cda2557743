"""The key fuzzer against podium in a real terminal (a pty), for each screen the command line
and keys reach. The machinery is in tests/support/ptyfuzz.py. Environment variables:

- PODIUM_FUZZ_SEEDS=N      seeds per screen (default 1);
- PODIUM_FUZZ_PTY_KEYS=N   keys per seed (default 400);
- PODIUM_FUZZ_SEED=S       the first seed (default 0).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.support.ptyfuzz import PtyTarget, report, run
from tests.test_key_fuzz import KEY_ALPHABET

ROOT = Path(__file__).resolve().parent.parent
DECK = str(FIXTURES / "every-type")
SEEDS = int(os.environ.get("PODIUM_FUZZ_SEEDS", "1"))
FIRST_SEED = int(os.environ.get("PODIUM_FUZZ_SEED", "0"))
KEYS = int(os.environ.get("PODIUM_FUZZ_PTY_KEYS", "400"))

TITLE = "Every question type"
PRESENT = [DECK, "--seed", "1"]
STUDY = ["quiz", DECK, "--section", "1", "--seed", "1"]
QUIZ_PAGE = "5"

TARGETS = [
    PtyTarget("presenter", PRESENT, TITLE),
    PtyTarget("overview", PRESENT, TITLE, [(b"\t", "Overview")]),
    PtyTarget("palette", PRESENT, TITLE, [(b"\x10", "Search")]),
    PtyTarget("help", PRESENT, TITLE, [(b"?", "keys")]),
    PtyTarget("notes", PRESENT, TITLE, [(b"s", "No notes")]),
    PtyTarget("quiz", [DECK, "--seed", "1", "--slide", QUIZ_PAGE], "Quiz", [(b"\r", "question 1 of")]),
    PtyTarget("results", STUDY, "question 1 of", [(b"\x1b", "Results")]),
    PtyTarget("study", ["quiz", DECK, "--seed", "1"], "question 1 of"),
]


@pytest.mark.parametrize("target", TARGETS, ids=[target.name for target in TARGETS])
def test_no_key_burst_crashes_podium_in_a_terminal(target: PtyTarget, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm-256color",
           "PODIUM_DATA_DIR": str(tmp_path / "data"), "PODIUM_RUNTIME_DIR": str(tmp_path / "run")}
    for seed in range(FIRST_SEED, FIRST_SEED + SEEDS):
        # A fresh history for each process: answers a process gave would make the next one
        # offer to resume instead of showing the quiz.
        args = [*target.args, "--data-dir", str(tmp_path / f"data-{seed}-{{session}}")]
        seeded = PtyTarget(target.name, args, target.first, target.steps)
        outcome = run(seeded, seed, KEY_ALPHABET, KEYS, env, tmp_path)
        if outcome.problem is not None:
            pytest.fail(report(seeded, seed, outcome), pytrace=False)
        assert outcome.keys == KEYS
