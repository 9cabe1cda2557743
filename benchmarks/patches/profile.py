"""Profile podium with pyinstrument inside the benchmark (diagnosis only; pip install pyinstrument).

$PODIUM_PROFILE=first-paint: from `App.run` to the first frame written to the terminal.
$PODIUM_PROFILE=session: from the first key press to the exit (a walk through the deck).
The text report goes to $PODIUM_PROFILE_OUT, and a summary of where the time went (inclusive time
of named Textual / podium / Rich functions) to $PODIUM_PROFILE_OUT.summary.json.
"""

from __future__ import annotations

import atexit
import json
import os

from pyinstrument import Profiler
from textual.app import App
from textual.drivers.linux_driver import LinuxDriver

MODE = os.environ.get("PODIUM_PROFILE", "first-paint")
OUT = os.environ["PODIUM_PROFILE_OUT"]
# (label, function name, file name ending): inclusive time of the outermost such frame.
WATCH = [
    ("bindings: refresh_bindings", "refresh_bindings", "", None),
    ("layout: Screen._refresh_layout", "_refresh_layout", "textual/screen.py", None),
    ("paint: Compositor.render_update", "render_update", "textual/_compositor.py", None),
    ("markdown: Markdown.__rich_console__", "__rich_console__", "rich/markdown.py", None),
    ("markdown: parse (MarkdownIt.parse)", "parse", "markdown_it/main.py", None),
    ("code: Syntax highlight", "highlight", "rich/syntax.py", None),
    ("css: Stylesheet.parse", "parse", "textual/css/stylesheet.py", None),
    ("css: Stylesheet.apply", "apply", "textual/css/stylesheet.py", None),
    ("mount: App._register", "_register", "textual/app.py", None),
    ("podium: PresenterScreen.watch_position", "watch_position", "tui/ui/screens/presenter.py", None),
    ("podium: SlideView._render_page", "_render_page", "tui/ui/widgets/slide_view.py", None),
    ("podium: SlideView.show", "show", "tui/ui/widgets/slide_view.py", None),
    ("podium: QuizScreen compose/ask", "ask", "tui/ui/screens/quiz.py", None),
    ("input parse: XTermParser", "feed", "textual/_parser.py", None),
]

profiler = Profiler(interval=0.0005)
state = {"running": False, "written": False}


def start() -> None:
    if not state["running"]:
        state["running"] = True
        profiler.start()


def summary(root) -> dict[str, float]:  # type: ignore[no-untyped-def]
    totals = {label: 0.0 for label, *_ in WATCH}

    def visit(frame, inside: frozenset[str]) -> None:  # type: ignore[no-untyped-def]
        now = set(inside)
        for label, function, path, cls in WATCH:
            if label in inside:
                continue
            if (frame.function == function and (frame.file_path or "").endswith(path or (frame.file_path or ""))
                    and (cls is None or cls in (frame.class_name or ""))):
                totals[label] += frame.time
                now.add(label)
        for child in frame.children:
            visit(child, frozenset(now))

    visit(root, frozenset())
    totals["total profiled"] = root.time
    return {key: round(value, 4) for key, value in totals.items()}


def stop() -> None:
    if state["running"] and not state["written"]:
        state["written"] = True
        session = profiler.stop()
        with open(OUT, "w", encoding="utf-8") as handle:
            handle.write(profiler.output_text(unicode=True, color=False, show_all=True))
        with open(OUT + ".summary.json", "w", encoding="utf-8") as handle:
            json.dump(summary(session.root_frame()), handle, indent=1)


_run = App.run
_write = LinuxDriver.write
_key = App._on_key if hasattr(App, "_on_key") else None


def run(self, *args, **kwargs):  # type: ignore[no-untyped-def]
    if MODE == "first-paint":
        start()
    return _run(self, *args, **kwargs)


def write(self, data):  # type: ignore[no-untyped-def]
    result = _write(self, data)
    if MODE == "first-paint" and len(data) > 500:
        stop()
    return result


App.run = run
LinuxDriver.write = write
if MODE == "session":
    from textual.app import App as _App

    _post = _App.post_message

    def post_message(self, message):  # type: ignore[no-untyped-def]
        from textual import events

        if isinstance(message, events.Key):
            start()
        return _post(self, message)

    _App.post_message = post_message
    atexit.register(stop)
