"""Commands for learners: study mode, spaced review, statistics and the history."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import UTC
from pathlib import Path

from tui.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    _history_options,
    _learner,
    _run_app,
    load_or_report,
    say,
)


def _section_numbers(presentation, wanted: list[str]) -> list[int] | str:
    """Sections named by number (from 1) or by (part of) their title; a message when one is unknown."""
    from tui.domain.suggest import closest

    deck = presentation.deck
    with_quiz = [i for i in range(len(deck.sections)) if i in presentation.banks]
    if not wanted:
        return with_quiz
    chosen: list[int] = []
    for name in wanted:
        if name.isdigit() and 1 <= int(name) <= len(deck.sections):
            index = int(name) - 1
        else:
            matches = [i for i, s in enumerate(deck.sections) if name.lower() in s.title.lower()]
            if len(matches) != 1:
                titles = [s.title for s in deck.sections]
                guess = closest(name, titles, cutoff=0.3)
                hint = f" (did you mean '{guess}'?)" if guess else ""
                why = "matches several sections" if matches else "matches no section"
                return f"--section '{name}' {why}{hint}; sections: " + "; ".join(
                    f"{i + 1} {t}" for i, t in enumerate(titles))
            index = matches[0]
        if index not in presentation.banks:
            return f"section {index + 1} ({deck.sections[index].title}) has no quiz"
        if index not in chosen:
            chosen.append(index)
    return chosen


def _history_or_say_why(args: argparse.Namespace, deck, reading: bool = False):
    """The learner's history for commands that need it; None after saying why it is off."""
    learner = _learner(args, deck, reading)
    _say_notices(learner.take_notices())
    return learner if learner.history is not None else None


def _say_notices(notices: list[str]) -> None:
    for notice in notices:
        say(f"podium: {notice}")


def run_quiz(argv: Sequence[str]) -> int:
    from tui.ui.app import AppOptions, make_app

    parser = argparse.ArgumentParser(
        prog="podium quiz",
        description="Study mode: take the quizzes without the slides, with the same scoring, feedback "
                    "and results. From a question's feedback, v re-reads that section's slides.",
    )
    parser.add_argument("deck", nargs="?", type=Path, help="the deck (same default as podium)")
    parser.add_argument("--section", action="append", default=[], metavar="NAME|NUMBER",
                        help="a section by number (from 1) or title; repeat for several; default: all")
    parser.add_argument("--seed", type=int, help="shuffle the same way every time")
    parser.add_argument("--theme", help="a Textual theme name")
    _history_options(parser)
    args = parser.parse_args(argv)
    presentation = load_or_report(args.deck)
    if presentation is None:
        return EXIT_PROBLEMS
    sections = _section_numbers(presentation, args.section)
    if isinstance(sections, str):
        say(f"podium quiz: {sections}")
        return EXIT_PROBLEMS
    if not sections:
        print("podium quiz: this deck has no quizzes", file=sys.stderr)
        return EXIT_PROBLEMS
    app = make_app(presentation, AppOptions(seed=args.seed, theme=args.theme,
                                            learner=_learner(args, presentation.deck), study=tuple(sections)))
    return _run_app(app, args.data_dir)


def run_review(argv: Sequence[str]) -> int:
    from tui.domain.history import HistoryError
    from tui.ui.app import AppOptions, make_app

    parser = argparse.ArgumentParser(
        prog="podium review",
        description="Spaced review: ask the questions that are due (FSRS), across all sections, most "
                    "overdue first, and schedule each one again by how it went.",
    )
    parser.add_argument("deck", nargs="?", type=Path, help="the deck (same default as podium)")
    parser.add_argument("--limit", type=int, help="ask at most N questions")
    parser.add_argument("--theme", help="a Textual theme name")
    parser.add_argument("--data-dir", type=Path, help="where the history lives")
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        print("podium review: --limit must be 1 or more", file=sys.stderr)
        return EXIT_PROBLEMS
    presentation = load_or_report(args.deck)
    if presentation is None:
        return EXIT_PROBLEMS
    learner = _history_or_say_why(args, presentation.deck)
    if learner is None:
        return EXIT_PROBLEMS
    try:
        due = learner.due_questions(presentation.banks, args.limit)
    except HistoryError as error:
        say(f"podium review: {error}")
        return EXIT_PROBLEMS
    if not due:
        _say_notices(learner.take_notices())
        learner.close()
        print("Nothing is due for review. Take a quiz (podium quiz) and come back later.")
        return EXIT_OK
    app = make_app(presentation, AppOptions(theme=args.theme, learner=learner, review=tuple(due)))
    return _run_app(app, args.data_dir)


def run_stats(argv: Sequence[str]) -> int:
    import json

    from tui.domain.stats import question_prompts, stats_json

    parser = argparse.ArgumentParser(prog="podium stats",
                                     description="Per section: attempts, best, last and average score, the "
                                                 "trend, and the questions most often missed.")
    parser.add_argument("deck", nargs="?", type=Path, help="the deck (same default as podium)")
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")
    parser.add_argument("--data-dir", type=Path, help="where the history lives")
    args = parser.parse_args(argv)
    presentation = load_or_report(args.deck)
    if presentation is None:
        return EXIT_PROBLEMS
    learner = _history_or_say_why(args, presentation.deck, reading=True)
    if learner is None:
        return EXIT_PROBLEMS
    every, problem = learner.statistics()
    _say_notices(learner.take_notices())
    learner.close()
    if problem:
        say(f"podium stats: {problem}")
        return EXIT_PROBLEMS
    stats = [row for row in every if row.section in presentation.banks]
    if args.json:
        data = stats_json(stats)
        data["deck"] = presentation.deck.title
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return EXIT_OK
    from rich.console import Console

    from tui.ui.screens.statistics import missed_text, overrides_text, stats_table

    prompts = question_prompts(presentation.banks)
    class PipedConsole(Console):
        def on_broken_pipe(self) -> None:
            # Rich's own handling exits with status 1; a reader that stopped early (`| head`)
            # is no failure: the command line's handler makes it a quiet exit 0.
            self.quiet = True
            raise BrokenPipeError

    console = PipedConsole()
    console.print(presentation.deck.title, style="bold", markup=False)
    console.print(stats_table(stats))
    overrides = sum(row.overrides for row in stats)
    if overrides:
        console.print(overrides_text(overrides), markup=False)
    console.print("Most often missed", style="bold")
    console.print(missed_text(stats, prompts))
    return EXIT_OK


def run_history(argv: Sequence[str]) -> int:
    import os

    from tui.domain.datadir import data_dir, history_path
    from tui.domain.history import History, HistoryError, HistoryReadOnly
    from tui.domain.stats import export_answers

    parser = argparse.ArgumentParser(prog="podium history", description="The learner's recorded answers.")
    sub = parser.add_subparsers(dest="action", required=True)
    export = sub.add_parser("export", help="write every recorded answer")
    export.add_argument("--format", choices=("csv", "json"), default="csv")
    export.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    export.add_argument("--data-dir", type=Path, help="where the history lives")
    args = parser.parse_args(argv)
    path = history_path(data_dir(args.data_dir, os.environ))
    if not path.exists():
        say(f"podium history: no history yet at {path}")
        return EXIT_PROBLEMS
    try:
        try:
            history, notice = History.open(path, _utc_now)
        except HistoryReadOnly:
            history, notice = History.open(path, _utc_now, read_only=True)  # reading is all it needs
        if notice:
            say(f"podium: {notice}")
        with history:
            text = export_answers(history.answers(), args.format)
            _say_notices(history.take_notices())
    except HistoryError as error:
        say(f"podium history: {error}")
        return EXIT_PROBLEMS
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
        say(f"wrote {args.output}")
    return EXIT_OK


def _utc_now():
    from datetime import datetime

    return datetime.now(UTC)
