"""The command line: parse arguments, call the domain, build the app, map errors to exit codes.

Exit status: 0 success; 1 warnings under `check --strict`; 2 a problem in the user's files or
arguments.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from tui import __version__
from tui.domain.errors import PodiumError, Problem

EXIT_OK = 0
EXIT_WARNINGS = 1
EXIT_PROBLEMS = 2

EPILOG = """commands:
  podium [DECK]         present a deck (default: the deck here, else the bundled guide)
  podium check [PATH]   check a deck and its banks, print every problem as path:line:col
  podium notes [DECK]   speaker view for a second terminal: follows the presenting podium
  podium serve [DECK]   present in a web browser at http://localhost:8000 (--port N)
  podium quiz [DECK]    study mode: the quizzes without the slides (--section NAME|NUMBER)
  podium review [DECK]  ask the questions due for spaced review (--limit N)
  podium stats [DECK]   attempts, best, last and average per section; most missed (--json)
  podium history export [--format csv|json]   every answer recorded
  podium new DIR        write a small working deck to start from
  podium import FILE    convert a Moodle GIFT or Aiken question file into a podium bank
  podium export [DECK] --html FILE | --markdown FILE | --svg DIR    handouts and slide images
  podium export --gift BANK    a podium bank as GIFT, for Moodle and other LMSs
  podium new section NAME [DIR]   add the next numbered section and its quiz bank

keys while presenting: → Space PgDn next · ← PgUp back · number+Enter jump · ? help · q quit
docs: docs/authoring.md (deck and bank format), docs/presenting.md (keys and quizzes)
"""


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


def _check_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="podium check",
        description="Load a deck and every question bank it uses; print every problem, sorted by file "
                    "and line, as path:line:col: severity: message. Errors mean the deck cannot be "
                    "presented as written; warnings point at what is probably a mistake. Exit status: "
                    "0 no errors (warnings allowed), 1 warnings only with --strict, 2 errors.",
    )
    parser.add_argument("path", nargs="?", type=Path,
                        help="a deck folder or Markdown file; default: the deck in this folder, else the bundled guide")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="json: one JSON object per problem and line, for editors and CI")
    parser.add_argument("--strict", action="store_true", help="exit 1 when there are warnings")
    return parser


def _history_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", type=Path,
                        help="where the history lives (default: $PODIUM_DATA_DIR, else the user data folder)")
    parser.add_argument("--no-history", action="store_true", help="record nothing and read no history")


def _learner(args: argparse.Namespace, deck):  # type: ignore[no-untyped-def]
    """The learner's history for a deck, as the options say (off with --no-history)."""
    import os

    from tui.domain.datadir import data_dir, history_path
    from tui.domain.learner import Learner

    if getattr(args, "no_history", False):
        return Learner.open(None, deck)
    return Learner.open(history_path(data_dir(args.data_dir, os.environ)), deck)


def _deck_path(path: Path | None) -> Path:
    """The deck named, else the deck in the current folder, else the bundled guide."""
    from tui.domain.paths import bundled_deck

    if path is not None:
        return path
    return Path(".") if Path("slides").is_dir() else bundled_deck()


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(problem.describe(), file=sys.stderr)


def run_check(argv: Sequence[str]) -> int:
    from tui.domain.check import deck_warnings, problems_json
    from tui.domain.loader import load_presentation

    args = _check_parser().parse_args(argv)
    presentation = None
    try:
        presentation = load_presentation(_deck_path(args.path))
        problems = sorted([*presentation.warnings, *deck_warnings(presentation), *_theme_problems(presentation),
                           *_tall_slides(presentation)])
    except PodiumError as error:
        problems = error.problems
    errors = sum(1 for problem in problems if problem.severity == "error")
    warnings = len(problems) - errors
    if args.format == "json":
        if problems:
            print(problems_json(problems))
    else:
        print_problems(problems)
        if presentation is None or errors:
            print(plural(errors, "error") + (f", {plural(warnings, 'warning')}" if warnings else ""),
                  file=sys.stderr)
        else:
            print(summary(presentation, warnings))
    if errors:
        return EXIT_PROBLEMS
    return EXIT_WARNINGS if warnings and args.strict else EXIT_OK


def summary(presentation, warnings: int) -> str:  # type: ignore[no-untyped-def]
    """The one-line summary of a deck that loaded."""
    deck = presentation.deck
    takeaways = sum(len(section.takeaways) for section in deck.sections)
    banks = len({id(bank) for bank in presentation.banks.values()})
    counts = ", ".join(plural(n, word) for n, word in (
        (len(deck.sections), "section"), (deck.slide_count, "slide"), (takeaways, "takeaway"),
        (banks, "quiz bank"), (presentation.question_count, "question")))
    return f"{deck.title}: {counts}; " + (plural(warnings, "warning") if warnings else "no problems")


def _theme_problems(presentation) -> list[Problem]:  # type: ignore[no-untyped-def]
    """deck.yaml's theme must be one podium can show."""
    info = presentation.deck.info
    if not info.theme:
        return []
    from textual.theme import BUILTIN_THEMES

    from tui.ui.themes import PODIUM_THEMES

    names = sorted({*BUILTIN_THEMES, *(theme.name for theme in PODIUM_THEMES)})
    if info.theme in names:
        return []
    line, col = info.where.get("theme", (1, 1))
    if not info.source.endswith("deck.yaml"):
        # Another tool's Markdown deck (Marp, slides...) names its own themes: not podium's concern.
        return [Problem(info.source, line, col, f"theme '{info.theme}' is not a podium theme; "
                        "the default theme is used", "warning")]
    return [Problem(info.source, line, col, f"unknown theme '{info.theme}'; themes: {', '.join(names)}")]


def _tall_slides(presentation) -> list[Problem]:  # type: ignore[no-untyped-def]
    from tui.ui.measure import tall_slides

    return tall_slides(presentation.deck)


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


def _channel(presentation) -> Path:  # type: ignore[no-untyped-def]
    import os

    from tui.domain.channel import channel_path, runtime_dir
    from tui.domain.history import deck_key

    return channel_path(runtime_dir(os.environ), deck_key(presentation.deck))


def run_notes(argv: Sequence[str]) -> int:
    from tui.domain.channel import parse_duration
    from tui.domain.loader import load_presentation

    args = _notes_parser().parse_args(argv)
    duration = None
    if args.duration is not None:
        duration = parse_duration(args.duration)
        if duration is None:
            print(f"podium notes: --duration '{args.duration}' is not a duration like 20m or 1h15m",
                  file=sys.stderr)
            return EXIT_PROBLEMS
    try:
        presentation = load_presentation(_deck_path(args.deck))
    except PodiumError as error:
        print_problems(error.problems)
        return EXIT_PROBLEMS
    from tui.ui.notes_app import make_notes_app

    app = make_notes_app(presentation, _channel(presentation), duration=duration, theme=args.theme)
    if app.initial_theme not in app.available_themes:
        print(f"podium notes: unknown theme '{app.initial_theme}'", file=sys.stderr)
        return EXIT_PROBLEMS
    app.run()
    return EXIT_OK


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
    from tui.domain.loader import load_presentation

    args = _serve_parser().parse_args(argv)
    if not 1 <= args.port <= 65535:
        print(f"podium serve: --port {args.port} is not a port number (1-65535)", file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        presentation = load_presentation(_deck_path(args.deck))
    except PodiumError as error:
        print_problems(error.problems)
        return EXIT_PROBLEMS
    from tui.serve import serve

    print(f"podium: serving {presentation.deck.title} at http://localhost:{args.port} (Ctrl+C stops)")
    serve(args.deck if args.deck is not None else _deck_path(None), port=args.port, seed=args.seed,
          theme=args.theme, title=presentation.deck.title)
    return EXIT_OK


def _schema_for(bank_dir: Path) -> str:
    """The bank schema shipped in the package, as a path an editor can follow from `bank_dir`."""
    import os

    schema = Path(__file__).resolve().parent / "schemas" / "quizbank.schema.json"
    try:
        return os.path.relpath(schema, bank_dir.resolve())
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(schema)


def run_new(argv: Sequence[str]) -> int:
    from tui.domain.scaffold import new_deck, new_section

    if argv and argv[0] == "section":
        parser = argparse.ArgumentParser(prog="podium new section",
                                         description="Add the next numbered section file and its bank.")
        parser.add_argument("name", help="the section's title, e.g. \"Why it matters\"")
        parser.add_argument("dir", nargs="?", type=Path, default=Path("."), help="the deck folder (default: here)")
        args = parser.parse_args(argv[1:])
        make = lambda: new_section(args.dir, args.name, _schema_for(args.dir / "quizzes"))  # noqa: E731
    else:
        parser = argparse.ArgumentParser(prog="podium new",
                                         description="Write a small working deck: a title, two sections with "
                                                     "takeaways and notes, and a bank with one question of each type.")
        parser.add_argument("dir", type=Path, help="the folder to write (made if needed)")
        args = parser.parse_args(argv)
        make = lambda: new_deck(args.dir, _schema_for(args.dir / "quizzes"))  # noqa: E731
    try:
        written = make()
    except PodiumError as error:
        print_problems(error.problems)
        return EXIT_PROBLEMS
    except OSError as error:
        print(f"podium new: {error.filename}: {error.strerror}", file=sys.stderr)
        return EXIT_PROBLEMS
    for path in written:
        print(f"wrote {path}")
    return EXIT_OK


def run_import(argv: Sequence[str]) -> int:
    from tui.domain.aiken import import_aiken
    from tui.domain.bankwrite import detect_format, dump_bank
    from tui.domain.gift import import_gift
    from tui.domain.source import read_source

    parser = argparse.ArgumentParser(
        prog="podium import",
        description="Convert a Moodle GIFT or Aiken question file into a podium bank (YAML). Whatever "
                    "cannot be converted is reported with its line and left out; lossy conversions are "
                    "warnings. Exit 0 when every question came across, 1 when some were left out, 2 "
                    "when no bank was written (the file could not be read, held no convertible "
                    "question, or the output exists without --force).",
    )
    parser.add_argument("file", type=Path, help="a .gift, .aiken or .txt question file")
    parser.add_argument("-o", "--output", type=Path,
                        help="where to write the bank (e.g. quizzes/02-topic.yaml); default: standard output")
    parser.add_argument("--format", choices=("gift", "aiken"), help="the input format (default: guessed)")
    parser.add_argument("--force", action="store_true", help="overwrite the output file if it exists")
    args = parser.parse_args(argv)
    try:
        text = read_source(args.file)
    except PodiumError as error:
        print_problems(error.problems)
        return EXIT_PROBLEMS
    kind = args.format or detect_format(text, args.file.name)
    importer = import_gift if kind == "gift" else import_aiken
    data, problems = importer(text, str(args.file))
    print_problems(sorted(problems))
    questions = data.get("questions", [])
    if not questions:
        print(f"podium import: no question could be converted from {args.file} (read as {kind})", file=sys.stderr)
        return EXIT_PROBLEMS
    schema = _schema_for(args.output.parent) if args.output else None
    yaml_text = dump_bank(data, schema)
    if args.output is None:
        sys.stdout.write(yaml_text)
    else:
        if args.output.exists() and not args.force:
            print(f"podium import: {args.output} exists; use --force to overwrite it", file=sys.stderr)
            return EXIT_PROBLEMS
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(yaml_text, encoding="utf-8")
    left_out = sum(1 for problem in problems if problem.severity == "error")
    print(f"{plural(len(questions), 'question')} converted from {kind.upper() if kind == 'gift' else 'Aiken'}"
          + (f"; {left_out} left out" if left_out else ""), file=sys.stderr)
    return EXIT_WARNINGS if left_out else EXIT_OK


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size like 120x40") from None
    if not (30 <= width <= 400 and 8 <= height <= 200):
        raise argparse.ArgumentTypeError(f"'{text}' is outside 30x8 to 400x200")
    return width, height


def run_export(argv: Sequence[str]) -> int:
    from tui.domain.loader import load_presentation

    parser = argparse.ArgumentParser(
        prog="podium export",
        description="Write a deck as a self-contained HTML handout, a Markdown handout or one SVG per "
                    "slide; or write a question bank as GIFT.",
    )
    parser.add_argument("deck", nargs="?", type=Path, help="the deck (same default as podium); with --gift, a bank file")
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--html", type=Path, metavar="FILE", help="one self-contained HTML handout")
    target.add_argument("--markdown", type=Path, metavar="FILE", help="one plain Markdown handout")
    target.add_argument("--svg", type=Path, metavar="DIR", help="one SVG per slide as the terminal shows it, and index.html")
    target.add_argument("--gift", action="store_true", help="write the bank given as DECK as GIFT")
    parser.add_argument("--notes", action="store_true", help="include speaker notes (html, markdown)")
    parser.add_argument("--answers", action="store_true", help="add an answer key at the end (html, markdown)")
    parser.add_argument("--size", type=_size, default=(120, 40), help="terminal size for --svg (default 120x40)")
    parser.add_argument("--theme", default=None, help="theme for --svg (default: the deck's, else podium-dark)")
    parser.add_argument("-o", "--output", type=Path, help="with --gift: the file to write (default: standard output)")
    args = parser.parse_args(argv)
    try:
        if args.gift:
            return _export_gift(args)
        presentation = load_presentation(_deck_path(args.deck))
    except PodiumError as error:
        print_problems(error.problems)
        return EXIT_PROBLEMS
    if args.svg is not None:
        import asyncio

        from tui.ui.export_svg import export_svg

        try:
            written = asyncio.run(export_svg(presentation, args.svg, size=args.size, theme=args.theme))
        except ValueError as error:
            print(f"podium export: {error}", file=sys.stderr)
            return EXIT_PROBLEMS
        print(f"wrote {len(written)} files to {args.svg}")
        return EXIT_OK
    from tui.domain.handout import html_handout, markdown_handout

    if args.html is not None:
        out, text = args.html, html_handout(presentation, notes=args.notes, answers=args.answers)
    else:
        out, text = args.markdown, markdown_handout(presentation, notes=args.notes, answers=args.answers)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out}")
    return EXIT_OK


def _export_gift(args: argparse.Namespace) -> int:
    from tui.domain.errors import ProblemLog
    from tui.domain.gift import export_gift
    from tui.domain.quizbank import load_bank

    if args.deck is None:
        print("podium export --gift: name the bank file, e.g. quizzes/01-intro.yaml", file=sys.stderr)
        return EXIT_PROBLEMS
    bank = load_bank(args.deck)
    log = ProblemLog()
    text = export_gift(bank, log)
    dropped = [name for name, given in (("pass_mark", bank.pass_mark is not None),
                                        ("hint_penalty", bool(bank.hint_penalty)),
                                        ("shuffle: false", not bank.shuffle),
                                        ("shuffle_choices: false", not bank.shuffle_choices)) if given]
    if dropped:
        log.warning(bank.path, 1, 1, f"GIFT has no place for the bank's {', '.join(dropped)}; "
                    "set them in the LMS instead")
    print_problems(sorted(log.problems))
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    return EXIT_OK


def _section_numbers(presentation, wanted: list[str]) -> list[int] | str:  # type: ignore[no-untyped-def]
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


def _run_app(app) -> int:  # type: ignore[no-untyped-def]
    if app.initial_theme not in app.available_themes:
        print(f"podium: unknown theme '{app.initial_theme}'", file=sys.stderr)
        return EXIT_PROBLEMS
    app.run()
    return EXIT_OK


def run_quiz(argv: Sequence[str]) -> int:
    from tui.domain.loader import load_presentation
    from tui.ui.app import make_app

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
    try:
        presentation = load_presentation(_deck_path(args.deck))
    except PodiumError as error:
        print_problems(error.problems)
        return EXIT_PROBLEMS
    sections = _section_numbers(presentation, args.section)
    if isinstance(sections, str):
        print(f"podium quiz: {sections}", file=sys.stderr)
        return EXIT_PROBLEMS
    if not sections:
        print("podium quiz: this deck has no quizzes", file=sys.stderr)
        return EXIT_PROBLEMS
    app = make_app(presentation, seed=args.seed, theme=args.theme, learner=_learner(args, presentation.deck),
                   study=sections)
    return _run_app(app)


def run_review(argv: Sequence[str]) -> int:
    from tui.domain.history import HistoryError
    from tui.domain.loader import load_presentation
    from tui.ui.app import make_app

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
    try:
        presentation = load_presentation(_deck_path(args.deck))
    except PodiumError as error:
        print_problems(error.problems)
        return EXIT_PROBLEMS
    learner = _learner(args, presentation.deck)
    for notice in learner.notices:
        print(f"podium: {notice}", file=sys.stderr)
    if learner.history is None:
        return EXIT_PROBLEMS
    try:
        due = learner.due_questions(presentation.banks, args.limit)
    except HistoryError as error:
        print(f"podium review: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    if not due:
        learner.close()
        print("Nothing is due for review. Take a quiz (podium quiz) and come back later.")
        return EXIT_OK
    app = make_app(presentation, theme=args.theme, learner=learner, review=due)
    return _run_app(app)


def run_stats(argv: Sequence[str]) -> int:
    import json

    from tui.domain.history import HistoryError
    from tui.domain.loader import load_presentation
    from tui.domain.stats import section_stats, stats_json

    parser = argparse.ArgumentParser(prog="podium stats",
                                     description="Per section: attempts, best, last and average score, the "
                                                 "trend, and the questions most often missed.")
    parser.add_argument("deck", nargs="?", type=Path, help="the deck (same default as podium)")
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")
    parser.add_argument("--data-dir", type=Path, help="where the history lives")
    args = parser.parse_args(argv)
    try:
        presentation = load_presentation(_deck_path(args.deck))
    except PodiumError as error:
        print_problems(error.problems)
        return EXIT_PROBLEMS
    learner = _learner(args, presentation.deck)
    for notice in learner.notices:
        print(f"podium: {notice}", file=sys.stderr)
    if learner.history is None:
        return EXIT_PROBLEMS
    titles = [section.title for section in presentation.deck.sections]
    try:
        stats = [row for row in section_stats(learner.history, learner.key, titles)
                 if row.section in presentation.banks]
    except HistoryError as error:
        print(f"podium stats: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    finally:
        learner.close()
    if args.json:
        data = stats_json(stats)
        data["deck"] = presentation.deck.title
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return EXIT_OK
    from rich.console import Console

    from tui.ui.screens.statistics import missed_text, stats_table

    prompts = {(s, q.id): q.prompt for s, bank in presentation.banks.items() for q in bank.questions}
    console = Console()
    console.print(presentation.deck.title, style="bold", markup=False)
    console.print(stats_table(stats))
    console.print("Most often missed", style="bold")
    console.print(missed_text(stats, prompts))
    return EXIT_OK


def run_history(argv: Sequence[str]) -> int:
    import os

    from tui.domain.datadir import data_dir, history_path
    from tui.domain.history import History, HistoryError
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
        print(f"podium history: no history yet at {path}", file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        history, notice = History.open(path, _utc_now)
        if notice:
            print(f"podium: {notice}", file=sys.stderr)
        with history:
            text = export_answers(history.answers(), args.format)
    except HistoryError as error:
        print(f"podium history: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    return EXIT_OK


def _utc_now():  # type: ignore[no-untyped-def]
    from datetime import datetime, timezone

    return datetime.now(timezone.utc)


def run_present(argv: Sequence[str]) -> int:
    from tui.domain.loader import load_presentation

    args = _present_parser().parse_args(argv)
    try:
        presentation = load_presentation(_deck_path(args.deck))
    except PodiumError as error:
        print_problems(error.problems)
        return EXIT_PROBLEMS
    from tui.ui.app import make_app

    info = presentation.deck.info
    if not args.theme and info.theme and not info.source.endswith("deck.yaml"):
        problems = _theme_problems(presentation)
        if problems:  # another tool's theme name in a Markdown file: use podium's default
            print(problems[0].describe(), file=sys.stderr)
            args.theme = "podium-dark"
    app = make_app(presentation, seed=args.seed, theme=args.theme, start=args.slide,
                   channel=_channel(presentation), watch=_deck_path(args.deck) if args.watch else None,
                   learner=_learner(args, presentation.deck))
    if app.initial_theme not in app.available_themes:
        names = ", ".join(sorted(app.available_themes))
        info = presentation.deck.info
        if args.theme:
            print(f"podium: unknown theme '{args.theme}'; themes: {names}", file=sys.stderr)
        else:
            line, col = info.where.get("theme", (1, 1))
            print(Problem(info.source, line, col, f"unknown theme '{info.theme}'; themes: {names}").describe(),
                  file=sys.stderr)
        return EXIT_PROBLEMS
    app.run()
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `podium` command."""
    try:
        return _dispatch(argv)
    except BrokenPipeError:
        # Output piped into `head` and the like: stop quietly, as command-line tools do.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def _dispatch(argv: Sequence[str] | None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    commands = {"check": run_check, "notes": run_notes, "serve": run_serve, "new": run_new,
                "import": run_import, "export": run_export, "quiz": run_quiz, "review": run_review,
                "stats": run_stats, "history": run_history}
    if args and args[0] in commands:
        return commands[args[0]](args[1:])
    return run_present(args)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
