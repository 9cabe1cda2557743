"""The garbage collector's policy for a talk, owned by `tui.ui.startup.CollectorPolicy`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

RUN = """
import gc, json, sys
seen = []
real = {name: getattr(gc, name) for name in ("freeze", "unfreeze", "collect")}
for name in real:
    setattr(gc, name, lambda *args, name=name: seen.append(name))
from tui.ui.startup import CollectorPolicy
textual_before = any(m.split(".")[0] in ("textual", "rich") for m in sys.modules)
policy = CollectorPolicy()
with policy.start_up() as entered:
    import textual.app  # what the command line imports under the policy
    seen.append(f"textual imported, collector {'on' if gc.isenabled() else 'off'}")
    policy.first_frame()
    seen.append(f"first frame, collector {'on' if gc.isenabled() else 'off'}")
    policy.loaded()
    policy.loaded()
print(json.dumps([textual_before, entered is policy, seen, gc.isenabled()]))
"""


def test_the_collector_is_off_for_textuals_import_on_after_the_first_frame_settled_once() -> None:
    """In a fresh interpreter, as the command line does: the policy's module brings no Textual
    with it; the collector is off while Textual is imported, on again after the first frame with
    the start-up's objects set aside, and the heap is settled once however often the deck is
    reported loaded; the collector is on when the talk ends."""
    completed = subprocess.run([sys.executable, "-c", RUN], cwd=REPO, capture_output=True, text=True,
                               timeout=60, check=False)
    assert completed.returncode == 0, completed.stderr
    textual_before, entered, seen, on_at_end = json.loads(completed.stdout)
    assert not textual_before and entered
    assert seen == ["textual imported, collector off", "freeze", "first frame, collector on",
                    "unfreeze", "collect", "freeze"]
    assert on_at_end
