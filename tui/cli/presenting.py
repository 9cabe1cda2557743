"""Commands for presenting: the presenter itself, the speaker view and the browser server."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tui import __version__
from tui.cli.common import (
    EPILOG,
    EXIT_OK,
    EXIT_PROBLEMS,
    _deck_path,
    _history_options,
    _learner,
    load_or_report,
    print_problems,
    run_app,
    say,
)
from tui.domain.errors import Problem

if TYPE_CHECKING:
    from tui.ui.startup import CollectorPolicy


def _present_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="podium",
        description="Present a deck of Markdown slides in the terminal, with a scored quiz after "
                    "each section.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("deck", nargs="?", type=Path,
                        help="a deck folder (with slides/) or one Markdown file; default: the deck in this "
                             "folder (if it has slides/), else the bundled guide")
    parser.add_argument("--seed", type=int, help="shuffle quizzes the same way every time (shown in results)")
    parser.add_argument("--theme", help="a Textual theme name, e.g. textual-dark, textual-light, nord")
    parser.add_argument("--slide", type=int, metavar="N", help="open on slide N (counted from 1)")
    parser.add_argument("--watch", action="store_true",
                        help="reload the deck when its files change, keeping the current slide")
    _history_options(parser)
    parser.add_argument("--version", action="version", version=f"podium {__version__}")
    return parser


def _notes_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="podium notes",
        description="The speaker view: run it in a second terminal while `podium DECK` presents the "
                    "same deck. It shows the current slide's notes, the next slide, slide n of N, "
                    "the time and, with --duration, how the pace goes. Either may start first.",
    )
    parser.add_argument("deck", nargs="?", type=Path, help="the deck being presented (same default as podium)")
    parser.add_argument("--duration", help="planned length of the talk, e.g. 20m, 1h15m, 90s")
    parser.add_argument("--theme", help="a Textual theme name")
    return parser


def _channel(presentation) -> Path:
    import os

    from tui.domain.channel import channel_path, runtime_dir
    from tui.domain.identity import deck_key

    return channel_path(runtime_dir(os.environ), deck_key(presentation.deck))


def run_notes(argv: Sequence[str]) -> int:
    from tui.domain.channel import parse_duration

    args = _notes_parser().parse_args(argv)
    duration = None
    if args.duration is not None:
        duration = parse_duration(args.duration)
        if duration is None:
            say(f"podium notes: --duration '{args.duration}' is not a duration like 20m or 1h15m")
            return EXIT_PROBLEMS
    presentation = load_or_report(args.deck)
    if presentation is None:
        return EXIT_PROBLEMS
    from tui.ui.notes_app import make_notes_app

    app = make_notes_app(presentation, _channel(presentation), duration=duration, theme=args.theme)
    if app.initial_theme not in app.available_themes:
        say(f"podium notes: unknown theme '{app.initial_theme}'")
        return EXIT_PROBLEMS
    return run_app(app)


def _serve_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="podium serve",
        description="Serve the presenter to web browsers on this machine (localhost only), so an "
                    "audience or a remote learner can follow in a browser. Each tab runs its own podium.",
    )
    parser.add_argument("deck", nargs="?", type=Path, help="the deck (same default as podium)")
    parser.add_argument("--port", type=int, default=8000, help="port on localhost (default 8000)")
    parser.add_argument("--seed", type=int, help="quiz shuffling seed for every session")
    parser.add_argument("--theme", help="a Textual theme name")
    return parser


def run_serve(argv: Sequence[str]) -> int:

    args = _serve_parser().parse_args(argv)
    if not 1 <= args.port <= 65535:
        print(f"podium serve: --port {args.port} is not a port number (1-65535)", file=sys.stderr)
        return EXIT_PROBLEMS
    presentation = load_or_report(args.deck)
    if presentation is None:
        return EXIT_PROBLEMS
    from tui.serve import serve

    print(f"podium: serving {presentation.deck.title} at http://localhost:{args.port} (Ctrl+C stops)")
    serve(args.deck if args.deck is not None else _deck_path(None), port=args.port, seed=args.seed,
          theme=args.theme, title=presentation.deck.title)
    return EXIT_OK


def run_present(argv: Sequence[str]) -> int:
    # The collector's policy for the talk, entered before Textual is imported (`tui.ui.startup`).
    from tui.ui.startup import CollectorPolicy

    with CollectorPolicy().start_up() as collector:
        return _present(argv, collector)


def _present(argv: Sequence[str], collector: CollectorPolicy) -> int:
    args = _present_parser().parse_args(argv)
    from tui.domain.opening import open_deck
    from tui.domain.presentation import Presentation

    deck_path = _deck_path(args.deck)
    # Paint the first page from the deck's opening and load the rest right after (a deck of
    # thousands of slides opens as fast as a short one); --slide N needs the whole deck first.
    opening = open_deck(deck_path) if args.slide is None else None
    if opening is not None:
        presentation = Presentation(opening)
    else:
        presentation = load_or_report(args.deck)
        if presentation is None:
            return EXIT_PROBLEMS
    from tui.ui.app import AppOptions, make_app

    info = presentation.deck.info
    if not args.theme and info.theme and not info.source.endswith("deck.yaml"):
        from tui.cli.authoring import _theme_problems

        problems = _theme_problems(presentation)
        if problems:  # another tool's theme name in a Markdown file: use podium's default
            print_problems(problems[:1])
            args.theme = "podium-dark"

    def complete() -> Presentation:
        # Loaded after the first paint, in a thread, with the collector on: pausing it (as
        # `load_or_report` does) would keep ~7 MiB more of a 5,000-slide deck's loading garbage.
        from tui.domain.loader import load_presentation

        return load_presentation(deck_path)

    def loaded(whole: Presentation) -> None:
        app.channel = _channel(whole)
        app.learner = _learner(args, whole.deck)

    whole = opening is None
    app = make_app(presentation, AppOptions(
        seed=args.seed, theme=args.theme, start=args.slide,
        channel=_channel(presentation) if whole else None,
        watch=deck_path if args.watch else None,
        learner=_learner(args, presentation.deck) if whole else None,
        complete=None if whole else complete, loaded=None if whole else loaded))
    if app.initial_theme not in app.available_themes:
        names = ", ".join(sorted(app.available_themes))
        info = presentation.deck.info
        if args.theme:
            say(f"podium: unknown theme '{args.theme}'; themes: {names}")
        else:
            line, col = info.where.get("theme", (1, 1))
            print_problems([Problem(info.source, line, col, f"unknown theme '{info.theme}'; themes: {names}")])
        return EXIT_PROBLEMS
    app.collector = collector  # a real talk: one app in the process
    status = run_app(app, args.data_dir)
    if app.load_problems:
        print_problems(app.load_problems)
        return EXIT_PROBLEMS
    return status
