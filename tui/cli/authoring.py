"""Commands for authors: check, new, import and export."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from tui.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_WARNINGS,
    SCHEMA_NAME,
    _deck_path,
    no_collections,
    plural,
    print_problems,
    say,
    write_schema,
)
from tui.domain.errors import PodiumError, Problem


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


def run_check(argv: Sequence[str]) -> int:
    from tui.domain.check import deck_warnings, problems_json
    from tui.domain.loader import load_presentation

    args = _check_parser().parse_args(argv)
    presentation = None
    try:
        with no_collections():
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


def summary(presentation, warnings: int) -> str:
    """The one-line summary of a deck that loaded."""
    deck = presentation.deck
    takeaways = sum(len(section.takeaways) for section in deck.sections)
    banks = len({id(bank) for bank in presentation.banks.values()})
    counts = ", ".join(plural(n, word) for n, word in (
        (len(deck.sections), "section"), (deck.slide_count, "slide"), (takeaways, "takeaway"),
        (banks, "quiz bank"), (presentation.question_count, "question")))
    return f"{deck.title}: {counts}; " + (plural(warnings, "warning") if warnings else "no problems")


KNOWN_THEMES = frozenset({
    "podium-dark", "podium-light", "textual-dark", "textual-light", "ansi-dark", "ansi-light",
    "atom-one-dark", "atom-one-light", "catppuccin-frappe", "catppuccin-latte", "catppuccin-macchiato",
    "catppuccin-mocha", "dracula", "flexoki", "gruvbox", "monokai", "nord", "rose-pine", "rose-pine-dawn",
    "rose-pine-moon", "solarized-dark", "solarized-light", "tokyo-night",
})
"""Theme names podium can show, known without importing Textual (its themes module alone takes
~0.27 s to import); any other name is looked up in Textual and podium's themes, as before.
tests/test_check_themes.py holds this to those lists."""


def _theme_problems(presentation) -> list[Problem]:
    """deck.yaml's theme must be one podium can show."""
    info = presentation.deck.info
    if not info.theme or info.theme in KNOWN_THEMES:
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


def _tall_slides(presentation) -> list[Problem]:
    from tui.ui.measure import tall_slides

    return tall_slides(presentation.deck)


def run_new(argv: Sequence[str]) -> int:
    from tui.domain.scaffold import new_deck, new_section

    if argv and argv[0] == "section":
        parser = argparse.ArgumentParser(prog="podium new section",
                                         description="Add the next numbered section file and its bank.")
        parser.add_argument("name", help="the section's title, e.g. \"Why it matters\"")
        parser.add_argument("dir", nargs="?", type=Path, default=Path("."), help="the deck folder (default: here)")
        args = parser.parse_args(argv[1:])
        make = lambda: new_section(args.dir, args.name, SCHEMA_NAME)  # noqa: E731
    else:
        parser = argparse.ArgumentParser(prog="podium new",
                                         description="Write a small working deck: a title, two sections with "
                                                     "takeaways and notes, and a bank with one question of each type.")
        parser.add_argument("dir", type=Path, help="the folder to write (made if needed)")
        args = parser.parse_args(argv)
        make = lambda: new_deck(args.dir, SCHEMA_NAME)  # noqa: E731
    try:
        written = make()
        written.append(write_schema(args.dir / "quizzes"))
    except PodiumError as error:
        print_problems(error.problems)
        return EXIT_PROBLEMS
    except OSError as error:
        say(f"podium new: {error.filename}: {error.strerror}")
        return EXIT_PROBLEMS
    for path in written:
        say(f"wrote {path}", file=sys.stdout)
    return EXIT_OK


def run_schema(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="podium schema",
        description="Write the JSON Schema of question banks (quizbank.schema.json) beside your banks, "
                    "for editors that check YAML while you type. A bank names it with the first line "
                    "'# yaml-language-server: $schema=quizbank.schema.json', which stays right when the "
                    "deck is moved or podium is reinstalled. Run it again after upgrading podium.",
    )
    parser.add_argument("dir", nargs="?", type=Path, default=Path("."),
                        help="a deck folder (the schema goes in its quizzes/) or the folder of your banks; "
                             "default: here")
    args = parser.parse_args(argv)
    folder = args.dir / "quizzes" if (args.dir / "quizzes").is_dir() else args.dir
    target = write_schema(folder)  # an OSError is reported by main as path: reason
    say(f"wrote {target}", file=sys.stdout)
    say(f"name it on a bank's first line: # yaml-language-server: $schema={SCHEMA_NAME}", file=sys.stdout)
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
        say(f"podium import: no question could be converted from {args.file} (read as {kind})")
        return EXIT_PROBLEMS
    schema = SCHEMA_NAME if args.output else None
    yaml_text = dump_bank(data, schema)
    if args.output is None:
        sys.stdout.write(yaml_text)
    else:
        if args.output.exists() and not args.force:
            say(f"podium import: {args.output} exists; use --force to overwrite it")
            return EXIT_PROBLEMS
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(yaml_text, encoding="utf-8")
        write_schema(args.output.parent)
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
                    "slide; write a question bank as GIFT; or write a deck's or a bank's questions as "
                    "an Anki package. An existing output file is replaced.",
    )
    parser.add_argument("deck", nargs="?", type=Path,
                        help="the deck (same default as podium); with --gift, a bank file; with --anki, "
                             "either")
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--html", type=Path, metavar="FILE", help="one self-contained HTML handout")
    target.add_argument("--markdown", type=Path, metavar="FILE", help="one plain Markdown handout")
    target.add_argument("--svg", type=Path, metavar="DIR",
                        help="one SVG per slide as the terminal shows it, and index.html")
    target.add_argument("--gift", action="store_true", help="write the bank given as DECK as GIFT")
    target.add_argument("--anki", type=Path, metavar="FILE",
                        help="an Anki package (.apkg): a deck per section, a note per question")
    parser.add_argument("--notes", action="store_true", help="include speaker notes (html, markdown)")
    parser.add_argument("--answers", action="store_true", help="add an answer key at the end (html, markdown)")
    parser.add_argument("--size", type=_size, default=(120, 40), help="terminal size for --svg (default 120x40)")
    parser.add_argument("--theme", default=None, help="theme for --svg (default: the deck's, else podium-dark)")
    parser.add_argument("-o", "--output", type=Path, help="with --gift: the file to write (default: standard output)")
    args = parser.parse_args(argv)
    try:
        if args.gift:
            return _export_gift(args)
        if args.anki is not None:
            return _export_anki(args)
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
            say(f"podium export: {error}")
            return EXIT_PROBLEMS
        say(f"wrote {len(written)} files to {args.svg}", file=sys.stdout)
        return EXIT_OK
    from tui.domain.handout import html_handout, markdown_handout

    if args.html is not None:
        out, text = args.html, html_handout(presentation, notes=args.notes, answers=args.answers)
    else:
        out, text = args.markdown, markdown_handout(presentation, notes=args.notes, answers=args.answers)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    say(f"wrote {out}", file=sys.stdout)
    return EXIT_OK


def _export_gift(args: argparse.Namespace) -> int:
    from tui.domain.errors import ProblemLog
    from tui.domain.gift import export_gift
    from tui.domain.quizbank import DEFAULT_HINT_PENALTY, load_bank

    if args.deck is None:
        print("podium export --gift: name the bank file, e.g. quizzes/01-intro.yaml", file=sys.stderr)
        return EXIT_PROBLEMS
    bank = load_bank(args.deck)
    log = ProblemLog()
    text = export_gift(bank, log)
    dropped = [name for name, given in (("pass_mark", bank.pass_mark is not None),
                                        ("hint_penalty", bank.hint_penalty != DEFAULT_HINT_PENALTY),
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
        say(f"wrote {args.output}")
    return EXIT_OK


def _export_anki(args: argparse.Namespace) -> int:
    from tui.domain.anki_export import bank_to_anki, deck_to_anki, write_package
    from tui.domain.errors import ProblemLog
    from tui.domain.loader import load_presentation
    from tui.domain.quizbank import load_bank

    log = ProblemLog()
    given = args.deck
    if given is not None and given.suffix.lower() in (".yaml", ".yml") and given.name != "deck.yaml":
        export = bank_to_anki(load_bank(given), given, log)
        what = str(given)
    else:
        path = given.parent if given is not None and given.name == "deck.yaml" else _deck_path(given)
        export = deck_to_anki(load_presentation(path), log)
        what = f"the deck {path}"
    print_problems(sorted(log.problems))
    if not export.notes:
        say(f"podium export --anki: {what} has no question to export; {args.anki} not written")
        return EXIT_PROBLEMS
    write_package(export, args.anki)
    decks = sum(1 for deck in export.decks if deck.notes)
    say(f"wrote {args.anki}: {plural(export.notes, 'note')} in {plural(decks, 'Anki deck')}", file=sys.stdout)
    return EXIT_OK
