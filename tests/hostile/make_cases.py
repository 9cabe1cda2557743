"""Build a hostile case, ready to check, in a scratch folder.

Most cases are plain files in this folder and are only copied. A few cannot live in git and
are made here at test time, always under the scratch folder, never in the repository:

- files over the size limit (sparse, so they cost no disk and no time to make);
- a file exactly at the size limit;
- symbolic links that point out of the deck folder (git would store them as links to
  nowhere on another machine, and some checkouts do not make links at all);
- file and folder names holding terminal escape sequences.

`materialise(name, scratch)` copies the case `name` to `scratch/name`, adds what this module
makes for it and returns the folder to run `podium check` in and the argument to give it.

Run `python tests/hostile/make_cases.py CASE...` to print what `podium check` says for a case
today, in the layout of its expected.txt (compare, never copy blindly).
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent.parent))  # the repository, when run as a script

from tui.domain.source import MAX_FILE_BYTES  # noqa: E402

OK_SLIDE = "---\ntakeaways: [One thing to keep]\n---\n\n# A slide\n\nText.\n"
NO_QUIZ_SLIDE = "---\ntakeaways: [One thing to keep]\nquiz: false\n---\n\n# A slide\n\nText.\n"
OK_BANK = "questions:\n  - id: q1\n    type: true_false\n    prompt: Is this fine?\n    answer: true\n"
SECRET = "SECRET-OUTSIDE-THE-DECK"
"""Text held only by files outside a deck: it must never appear in what podium prints."""

EVIL_DECK = "deck-\x1b]0;pwned\x07-x"
EVIL_SLIDE = "01-\x1b[2J-wipe.md"
EVIL_BANK = "01-\x1b[2J-wipe.yaml"
EVIL_NEWLINE = "02-new\nline: error: forged.md"


def _write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def sparse(path: Path, size: int, head: str) -> Path:
    """A file of `size` bytes: `head`, then zero bytes the file system does not store.

    Were it read, the NUL bytes would be reported as a binary file: a size message proves the
    loader looked at the size first.
    """
    _write(path, head)
    with path.open("r+b") as handle:
        handle.truncate(size)
    return path


def _outside(scratch: Path, name: str) -> Path:
    """A folder next to the case, outside the deck, holding files no deck may read."""
    folder = scratch / f"outside-{name}"
    _write(folder / "bank.yaml", OK_BANK.replace("Is this fine?", SECRET))
    _write(folder / "secret.md", f"# {SECRET}\n")
    _write(folder / "deck.yaml", f"title: {SECRET}\n")
    _write(folder / "slides" / "01.md", f"# {SECRET}\n")
    return folder


def _oversize(rel: str) -> Callable[[Path, Path], str]:
    def make(case: Path, _scratch: Path) -> str:
        if rel != "slides/01.md":
            _write(case / "slides" / "01.md", OK_SLIDE if rel.startswith("quizzes") else NO_QUIZ_SLIDE)
        sparse(case / rel, MAX_FILE_BYTES + 1, "title: big\n" if rel.endswith(".yaml") else "# Big\n")
        return "."
    return make


def _at_limit(case: Path, _scratch: Path) -> str:
    head = "---\ntakeaways: [t]\n---\n\n# At the limit\n\n<!-- "
    tail = " -->\n"
    filler = MAX_FILE_BYTES - len(head) - len(tail)
    _write(case / "slides" / "01.md", head + ("hidden line\n" * (filler // 12 + 1))[:filler] + tail)
    assert (case / "slides" / "01.md").stat().st_size == MAX_FILE_BYTES
    return "."


def _symlink_quiz(case: Path, scratch: Path) -> str:
    outside = _outside(scratch, case.name)
    _write(case / "slides" / "01.md", "---\ntakeaways: [t]\nquiz: quizzes/bank.yaml\n---\n\n# A\n")
    (case / "quizzes").mkdir(parents=True, exist_ok=True)
    os.symlink(os.path.relpath(outside / "bank.yaml", case / "quizzes"), case / "quizzes" / "bank.yaml")
    return "."


def _symlink_slide(case: Path, scratch: Path) -> str:
    outside = _outside(scratch, case.name)
    _write(case / "slides" / "01.md", NO_QUIZ_SLIDE)
    os.symlink(outside / "secret.md", case / "slides" / "02-linked.md")  # an absolute link
    return "."


def _symlink_slides_folder(case: Path, scratch: Path) -> str:
    outside = _outside(scratch, case.name)
    case.mkdir(parents=True, exist_ok=True)
    os.symlink(os.path.relpath(outside / "slides", case), case / "slides")
    return "."


def _symlink_deck_yaml(case: Path, scratch: Path) -> str:
    outside = _outside(scratch, case.name)
    _write(case / "slides" / "01.md", NO_QUIZ_SLIDE)
    os.symlink(os.path.relpath(outside / "deck.yaml", case), case / "deck.yaml")
    return "."


def _symlink_default_bank(case: Path, scratch: Path) -> str:
    outside = _outside(scratch, case.name)
    _write(case / "slides" / "01.md", OK_SLIDE)
    (case / "quizzes").mkdir(parents=True, exist_ok=True)
    os.symlink(os.path.relpath(outside / "bank.yaml", case / "quizzes"), case / "quizzes" / "01.yaml")
    return "."


def _names(case: Path, _scratch: Path) -> str:
    deck = case / EVIL_DECK
    _write(deck / "slides" / EVIL_SLIDE, "---\ntakeaways: [t]\n---\n\nNo heading, so the file name titles it.\n")
    _write(deck / "quizzes" / EVIL_BANK, OK_BANK)
    _write(deck / "slides" / EVIL_NEWLINE, "---\ntakeaways: [t]\nquiz: false\n---\n\nNo heading here either.\n")
    return EVIL_DECK


GENERATED: dict[str, Callable[[Path, Path], str]] = {
    "oversize-slide-file": _oversize("slides/01.md"),
    "oversize-bank": _oversize("quizzes/01.yaml"),
    "oversize-deck-yaml": _oversize("deck.yaml"),
    "at-size-limit-slide-file": _at_limit,
    "symlink-quiz-outside": _symlink_quiz,
    "symlink-slide-outside": _symlink_slide,
    "symlink-slides-folder-outside": _symlink_slides_folder,
    "symlink-deck-yaml-outside": _symlink_deck_yaml,
    "symlink-default-bank-outside": _symlink_default_bank,
    "escapes-in-file-names": _names,
}
"""Cases with files made at test time; their folders here hold the files that can be stored."""


def case_names() -> list[str]:
    """Every case: each folder here."""
    return sorted(path.name for path in HERE.iterdir() if path.is_dir() and path.name[0] not in "._")


def read_expected(name: str) -> tuple[int, str, list[str]]:
    """A case's expected exit status, the command as its second line shows it, and its output lines."""
    lines = (HERE / name / "expected.txt").read_text(encoding="utf-8").split("\n")
    assert lines[0].startswith("exit "), f"{name}/expected.txt must start with 'exit N'"
    assert lines[1].startswith("$ podium check"), f"{name}/expected.txt line 2 must be the command"
    assert lines[-1] == "", f"{name}/expected.txt must end with a newline"
    return int(lines[0].split()[1]), lines[1], lines[2:-1]


def materialise(name: str, scratch: Path) -> tuple[Path, str]:
    """Copy case `name` into `scratch/name` and make its generated files; return (folder, argument)."""
    case = scratch / name
    shutil.copytree(HERE / name, case, symlinks=True, ignore=shutil.ignore_patterns("expected.txt"))
    if name in GENERATED:
        return case, GENERATED[name](case, scratch)
    return case, "deck.md" if (case / "deck.md").exists() else "."


def run_check(case: Path, argument: str) -> tuple[int, list[str]]:
    """`podium check ARGUMENT` run in `case`, in this process: exit status and every line written,
    standard error first, then standard output (as a terminal shows them, stderr being unbuffered)."""
    from tui.cli import main

    out, err = io.StringIO(), io.StringIO()
    before = Path.cwd()
    os.chdir(case)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(["check", argument])
    finally:
        os.chdir(before)
    return status, (err.getvalue() + out.getvalue()).splitlines()


def command(argument: str) -> str:
    """The second line of expected.txt: the command, its argument as podium would print it."""
    from tui.domain.source import safe_name

    return f"$ podium check {safe_name(argument)}"


def main(names: list[str]) -> int:
    import tempfile

    for name in names or case_names():
        with tempfile.TemporaryDirectory() as scratch:
            case, argument = materialise(name, Path(scratch))
            status, lines = run_check(case, argument)
        print(f"== {name}\nexit {status}\n{command(argument)}")
        print("\n".join(line if line.isprintable() else repr(line)[1:-1] for line in lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
