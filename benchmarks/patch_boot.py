"""Runs podium with candidate changes applied: `python benchmarks/patch_boot.py ARGS` (used by --patch).

Each file named in $PODIUM_BENCH_PATCHES (os.pathsep-separated) is run first, in order, so it can
monkeypatch podium or Textual; then podium's command line runs with ARGS, as `python -m tui` would.
"""

from __future__ import annotations

import os
import runpy

for _patch in filter(None, os.environ.get("PODIUM_BENCH_PATCHES", "").split(os.pathsep)):
    runpy.run_path(_patch)

from tui.cli import main

raise SystemExit(main())
