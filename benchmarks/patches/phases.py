"""Diagnosis: time (and resident memory) at each phase of a launch, to $PODIUM_PHASES_OUT (JSON lines).

Phases: interpreter ready, Textual imported, podium's modules imported, the deck's opening read, App.run called,
terminal set up, the app's on_mount, the first frame written. Used by `python -m benchmarks.diagnose
phases` for podium and the baseline alike (podium's marks are skipped for the baseline).
"""

from __future__ import annotations

import json
import os
import time

_out = open(os.environ["PODIUM_PHASES_OUT"], "w", buffering=1, encoding="utf-8")


def _rss_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def mark(name: str) -> None:
    _out.write(json.dumps({"phase": name, "t": time.perf_counter(), "rss_mib": _rss_mib()}) + "\n")


mark("interpreter ready")
if os.environ.get("PODIUM_PHASES_PODIUM"):
    # podium's command line imports Textual with the garbage collector off (`run_present`); this
    # patch imports it first, so it does the same for the phases to be those of a real launch.
    import gc

    gc.disable()
from textual.app import App
from textual.drivers.linux_driver import LinuxDriver

mark("textual.app imported")
_run = App.run
_write = LinuxDriver.write
_start = LinuxDriver.start_application_mode
_first = [True]


def run(self, *args, **kwargs):  # type: ignore[no-untyped-def]
    mark("App.run called")
    return _run(self, *args, **kwargs)


def start_application_mode(self):  # type: ignore[no-untyped-def]
    result = _start(self)
    mark("terminal set up")
    return result


def write(self, data):  # type: ignore[no-untyped-def]
    if _first[0] and len(data) > 500:
        _first[0] = False
        mark("first frame written")
    return _write(self, data)


App.run = run
LinuxDriver.start_application_mode = start_application_mode
LinuxDriver.write = write

if os.environ.get("PODIUM_PHASES_PODIUM"):
    import tui.cli  # noqa: F401
    import tui.cli.presenting  # noqa: F401
    from tui.domain import opening

    mark("tui.cli imported")
    _open = opening.open_deck

    def open_deck(path):  # type: ignore[no-untyped-def]
        result = _open(path)
        mark("deck opening read")
        return result

    opening.open_deck = open_deck
    import tui.ui.app as ui_app

    mark("tui.ui.app imported")
    _on_mount = ui_app.PodiumApp.on_mount

    def on_mount(self):  # type: ignore[no-untyped-def]
        mark("PodiumApp.on_mount")
        return _on_mount(self)

    ui_app.PodiumApp.on_mount = on_mount
    _complete = ui_app.PodiumApp._complete

    async def complete(self, load):  # type: ignore[no-untyped-def]
        mark("whole deck: loading starts")
        return await _complete(self, load)

    ui_app.PodiumApp._complete = complete

    # Finer marks between the app's on_mount and the first frame: the presenter screen mounted
    # (its widgets composed, registered and styled), its first layout, its first paint begun.
    from textual.screen import Screen

    from tui.ui.screens.presenter import PresenterScreen

    _presenter_mount = PresenterScreen.on_mount

    def presenter_mount(self):  # type: ignore[no-untyped-def]
        mark("presenter screen mounted")
        return _presenter_mount(self)

    PresenterScreen.on_mount = presenter_mount
    _layout = Screen._refresh_layout
    _paint = Screen._compositor_refresh
    _once: set[str] = set()

    def refresh_layout(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        result = _layout(self, *args, **kwargs)
        if isinstance(self, PresenterScreen) and "layout" not in _once:
            _once.add("layout")
            mark("presenter's first layout done")
        return result

    def compositor_refresh(self):  # type: ignore[no-untyped-def]
        if isinstance(self, PresenterScreen) and "paint" not in _once:
            _once.add("paint")
            mark("presenter's first paint begins")
        return _paint(self)

    Screen._refresh_layout = refresh_layout
    Screen._compositor_refresh = compositor_refresh
