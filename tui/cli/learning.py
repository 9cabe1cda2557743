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
    parser.add_argument("--missed", action="store_true",
                        help="retake only the questions answered wrong, partly right or skipped in the "
                             "last attempt of each section (needs the history)")
    parser.add_argument("--all", action="store_true", dest="every",
                        help="with --missed: the questions missed in any attempt, not only the last")
    parser.add_argument("--theme", help="a Textual theme name")
    _history_options(parser)
    args = parser.parse_args(argv)
    if args.every and not args.missed:
        say("podium quiz: --all goes with --missed")
        return EXIT_PROBLEMS
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
    learner = _learner(args, presentation.deck)
    missed = None
    if args.missed:
        found = _missed_or_say_why(learner, presentation, sections, args.every)
        if isinstance(found, int):
            return found
        missed = found
        sections = [section for section in sections if section in missed]
    app = make_app(presentation, AppOptions(seed=args.seed, theme=args.theme, learner=learner,
                                            study=tuple(sections), missed=missed))
    return _run_app(app, args.data_dir)


def _missed_or_say_why(learner, presentation, sections: list[int], every: bool) -> dict[int, tuple[str, ...]] | int:
    """The questions to retake in `sections`, or the exit status after saying why there are none."""
    from tui.domain.history import HistoryError

    _say_notices(learner.take_notices())
    if learner.history is None:
        say("podium quiz: --missed reads the history, which is off (--no-history or PODIUM_NO_HISTORY)")
        learner.close()
        return EXIT_PROBLEMS
    try:
        missed = learner.missed(presentation.banks, every)
    except HistoryError as error:
        say(f"podium quiz: {error}")
        learner.close()
        return EXIT_PROBLEMS
    _say_notices(learner.take_notices())
    chosen = {section: ids for section, ids in missed.items() if section in sections}
    if chosen:
        return chosen
    try:
        taken = any(attempt.section in sections for attempt in learner.history.attempts(learner.key))
    except HistoryError:
        taken = True
    learner.close()
    if not taken:
        print("Nothing to retake: no quiz of " + ("these sections" if len(sections) > 1 else "this section")
              + " has been answered yet. Take one with podium quiz first.")
    else:
        where = "any attempt" if every else "the last attempt of each section"
        print(f"Nothing to retake: every question was answered right in {where}.")
    return EXIT_OK


def run_review(argv: Sequence[str]) -> int:
    from tui.domain.history import HistoryError
    from tui.domain.relearn import (
        RELEARN_AFTER_MINUTES,
        RELEARN_AFTER_QUESTIONS,
        RELEARN_ROUNDS,
        RelearnRule,
        known_tags,
        narrow,
    )
    from tui.ui.app import AppOptions, make_app

    parser = argparse.ArgumentParser(
        prog="podium review",
        description="Spaced review: ask the questions that are due (FSRS), across all sections, most "
                    "overdue first, and schedule each one again by how it went. A question answered "
                    "wrong comes back later in the same session (relearning, as Anki does). The order "
                    "follows the due dates and your answers, so review takes no --seed.",
    )
    parser.add_argument("deck", nargs="?", type=Path, help="the deck (same default as podium)")
    parser.add_argument("--limit", type=int, help="ask at most N questions (not counting those that come back)")
    parser.add_argument("--section", action="append", default=[], metavar="NAME|NUMBER",
                        help="only this section's questions, by number (from 1) or title; repeat for several")
    parser.add_argument("--tag", action="append", default=[], metavar="TAG",
                        help="only questions with this tag (a bank's tags: list); repeat for any of several")
    parser.add_argument("--relearn-after", type=int, default=RELEARN_AFTER_QUESTIONS, metavar="N",
                        help="a question answered wrong or skipped comes back after N other questions "
                             f"(default {RELEARN_AFTER_QUESTIONS}), or sooner if --relearn-minutes have passed; "
                             f"at most {RELEARN_ROUNDS} times; 0 turns this off")
    parser.add_argument("--relearn-minutes", type=float, default=RELEARN_AFTER_MINUTES, metavar="M",
                        help=f"...or after M minutes (default {RELEARN_AFTER_MINUTES:g}), whichever comes first")
    parser.add_argument("--theme", help="a Textual theme name")
    parser.add_argument("--data-dir", type=Path, help="where the history lives")
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        print("podium review: --limit must be 1 or more", file=sys.stderr)
        return EXIT_PROBLEMS
    if args.relearn_after < 0 or not args.relearn_minutes >= 0 or args.relearn_minutes == float("inf"):
        print("podium review: --relearn-after and --relearn-minutes must be 0 or more", file=sys.stderr)
        return EXIT_PROBLEMS
    presentation = load_or_report(args.deck)
    if presentation is None:
        return EXIT_PROBLEMS
    sections = _section_numbers(presentation, args.section) if args.section else None
    if isinstance(sections, str):
        say(f"podium review: {sections}")
        return EXIT_PROBLEMS
    tags = [tag.strip() for tag in args.tag]
    if tags:
        used = known_tags(list(presentation.banks.values()))
        unknown = [tag for tag in tags if tag not in used]
        if unknown:
            say(f"podium review: no question has the tag '{unknown[0]}'; "
                + ("tags in this deck: " + ", ".join(used) if used else "this deck's questions have no tags"))
            return EXIT_PROBLEMS
    learner = _history_or_say_why(args, presentation.deck)
    if learner is None:
        return EXIT_PROBLEMS
    try:
        every = learner.due_questions(presentation.banks, None)
    except HistoryError as error:
        say(f"podium review: {error}")
        return EXIT_PROBLEMS
    due = narrow(every, sections, tags)
    if args.limit is not None:
        due = due[:args.limit]
    if not due:
        _say_notices(learner.take_notices())
        learner.close()
        if every:
            print(f"Nothing is due for review among the questions chosen ({len(every)} due in all).")
        else:
            print("Nothing is due for review. Take a quiz (podium quiz) and come back later.")
        return EXIT_OK
    rule = RelearnRule(args.relearn_after, args.relearn_minutes)
    app = make_app(presentation, AppOptions(theme=args.theme, learner=learner, review=tuple(due), relearn=rule))
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
