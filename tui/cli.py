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
        if presentation is None:
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
                    "when nothing could be read.",
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
    if not (20 <= width <= 400 and 5 <= height <= 200):
        raise argparse.ArgumentTypeError(f"'{text}' is outside 20x5 to 400x200")
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

        from tui.ui.app import make_app
        from tui.ui.export_svg import export_svg

        theme = args.theme or presentation.deck.info.theme or "podium-dark"
        if theme not in make_app(presentation, seed=0).available_themes:
            print(f"podium export: unknown theme '{theme}'", file=sys.stderr)
            return EXIT_PROBLEMS
        written = asyncio.run(export_svg(presentation, args.svg, size=args.size, theme=theme))
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
    print_problems(sorted(log.problems))
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    return EXIT_OK


def run_present(argv: Sequence[str]) -> int:
    from tui.domain.loader import load_presentation

    args = _present_parser().parse_args(argv)
    try:
        presentation = load_presentation(_deck_path(args.deck))
    except PodiumError as error:
        print_problems(error.problems)
        return EXIT_PROBLEMS
    from tui.ui.app import make_app

    app = make_app(presentation, seed=args.seed, theme=args.theme, start=args.slide,
                   channel=_channel(presentation), watch=_deck_path(args.deck) if args.watch else None)
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
    args = list(sys.argv[1:] if argv is None else argv)
    commands = {"check": run_check, "notes": run_notes, "serve": run_serve, "new": run_new,
                "import": run_import, "export": run_export}
    if args and args[0] in commands:
        return commands[args[0]](args[1:])
    return run_present(args)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
