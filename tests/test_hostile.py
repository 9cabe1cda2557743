"""The hostile-input corpus (tests/hostile/) and a byte-level mutation fuzzer over it.

Each case folder holds a tiny deck and `expected.txt`: the exit status, the command, then every
line `podium check` prints, standard error first, then standard output. The cases are run
through the real command line, in this process and (a few) as a subprocess; the ones whose text
reaches the screen are also opened in the app and walked through every page, quiz question,
feedback and result. See docs/reliability.md for the table of cases.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from hypothesis.database import DirectoryBasedExampleDatabase
from textual.widgets import Input, OptionList, Static

from tests.conftest import FIXTURES, build_app, shown
from tests.hostile import make_cases
from tests.quiz_driver import answer
from tests.support.pages import palette_options
from tests.support.waiting import settle_until
from tui.cli import main
from tui.domain.aiken import import_aiken
from tui.domain.bankwrite import dump_bank
from tui.domain.errors import PodiumError, Problem, ProblemLog
from tui.domain.gift import import_gift
from tui.domain.loader import load_presentation
from tui.domain.paths import bundled_deck
from tui.domain.quizbank import parse_bank
from tui.domain.source import MAX_FILE_BYTES, decode, read_source
from tui.ui.screens.presenter import PresenterScreen
from tui.ui.screens.quiz import QuizScreen
from tui.ui.screens.results import ResultsScreen
from tui.ui.screens.summary import SummaryScreen
from tui.ui.widgets.review_list import ReviewList
from tui.ui.widgets.slide_view import SlideView
from tui.ui.widgets.status_bar import StatusBar

ROOT = Path(__file__).resolve().parent.parent
CASES = make_cases.case_names()
DATABASE = DirectoryBasedExampleDatabase(str(Path(__file__).parent / ".hypothesis-db"))

# What must never reach a terminal: C0 controls but tab and newline, DEL, the C1 controls.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# The same in an SVG, which may hold tab, newline and carriage return as plain white space.
SVG_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

# With libyaml (PyYAML's usual wheels) nesting stops at depth 1000 with libyaml's message; the
# pure-Python parser runs out of stack instead. Both are refusals at a position.
LIBYAML_DEPENDENT = {"deep-nesting-bank", "deep-nesting-block-bank", "deep-nesting-deck-yaml",
                     "deep-nesting-unclosed-front-matter"}
BOMBS = ["alias-bomb-bank", "alias-bomb-deck-yaml", "alias-bomb-front-matter", "alias-count-limit",
         *sorted(LIBYAML_DEPENDENT)]
OUTSIDE = [name for name in CASES if name.startswith("symlink-")]


def test_the_corpus_is_complete() -> None:
    """Every case has an expected outcome, every generated case a folder, and the corpus covers
    every kind of hostile input the reliability table lists."""
    assert set(make_cases.GENERATED) <= set(CASES)
    for name in CASES:
        status, command, lines = make_cases.read_expected(name)
        assert status in (0, 1, 2), name
        assert command in ("$ podium check .", "$ podium check deck.md") or name in make_cases.GENERATED
        assert all(line.isprintable() for line in lines), name
    prefixes = {name.split("-")[0] for name in CASES}
    assert prefixes >= {"yaml", "types", "empty", "whitespace", "binary", "latin1", "utf8", "crlf", "mixed",
                        "alias", "deep", "oversize", "markup", "escapes", "path", "symlink", "tag"}
    assert len(CASES) >= 80


# -- podium check on every case: the exact output ---------------------------------------------


def run_case(name: str, scratch: Path, monkeypatch, capsys) -> tuple[int, str, list[str]]:
    case, argument = make_cases.materialise(name, scratch)
    monkeypatch.chdir(case)
    status = main(["check", argument])
    captured = capsys.readouterr()
    return status, make_cases.command(argument), (captured.err + captured.out).splitlines()


@pytest.mark.parametrize("name", CASES)
def test_check_prints_exactly_the_expected_lines(name: str, tmp_path: Path, monkeypatch, capsys) -> None:
    expected_status, expected_command, expected = make_cases.read_expected(name)
    status, command, lines = run_case(name, tmp_path, monkeypatch, capsys)
    text = "\n".join(lines)
    assert "Traceback" not in text
    assert not CONTROL.search(text), f"a control code reached the output: {text!r}"
    assert make_cases.SECRET not in text  # nothing of a file outside the deck is shown
    if name in LIBYAML_DEPENDENT and not yaml.__with_libyaml__:  # pragma: no cover - depends on PyYAML's build
        assert status == 2 and len(lines) == 2 and "nest" in lines[0]
        return
    assert command == expected_command
    assert lines == expected
    assert status == expected_status


# A few cases through a real process: the bytes written to the terminal, nothing else.
SUBPROCESS_CASES = ["escapes-everywhere", "escapes-in-file-names", "escapes-in-messages", "markup-everywhere",
                    "alias-bomb-bank", "oversize-slide-file", "binary-slide-file", "symlink-deck-yaml-outside",
                    "crlf-everywhere", "tag-python-object-bank"]


@pytest.mark.parametrize("name", SUBPROCESS_CASES)
def test_check_as_a_process_writes_only_the_expected_bytes(name: str, tmp_path: Path) -> None:
    expected_status, _, expected = make_cases.read_expected(name)
    case, argument = make_cases.materialise(name, tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "80", "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([sys.executable, "-m", "tui", "check", argument], cwd=case, env=env,
                          capture_output=True, timeout=60, check=False)
    for stream in (done.stdout, done.stderr):
        assert not re.search(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]", stream), stream
    assert b"Traceback" not in done.stderr
    lines = (done.stderr + done.stdout).decode("utf-8").splitlines()
    assert lines == expected
    assert done.returncode == expected_status


# -- bombs: refused fast, in bounded memory, at a position ------------------------------------


@pytest.mark.parametrize("name", BOMBS)
def test_bombs_are_refused_quickly_in_bounded_memory(name: str, tmp_path: Path, monkeypatch) -> None:
    case, _ = make_cases.materialise(name, tmp_path)
    monkeypatch.chdir(case)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(PodiumError) as caught:
            load_presentation(Path("."))
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < 2.0, elapsed
    assert peak < 50 * 1024 * 1024, peak
    (problem,) = caught.value.problems
    assert problem.line >= 1 and problem.col >= 1
    assert ("alias bomb" in problem.message or "exceeded maximum nesting depth" in problem.message
            or "nested too deeply" in problem.message), problem


def _max_rss_kib(argv: list[str], cwd: Path) -> tuple[int, int]:
    """Run a process; its exit status and its peak resident memory in KiB (Linux)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, usage.ru_maxrss


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ru_maxrss is in KiB on Linux only")
def test_the_alias_bomb_costs_a_process_no_more_memory_than_a_tiny_deck(tmp_path: Path) -> None:
    """tracemalloc sees Python's allocations only; libyaml's are C. The process's peak resident
    memory checking a bomb stays within 50 MB of checking a one-slide deck."""
    tiny, _ = make_cases.materialise("empty-deck-yaml", tmp_path / "a")
    status, baseline = _max_rss_kib([sys.executable, "-m", "tui", "check", "."], tiny)
    assert status == 0
    for name in ("alias-bomb-bank", "deep-nesting-bank"):
        case, _ = make_cases.materialise(name, tmp_path / name)
        status, peak = _max_rss_kib([sys.executable, "-m", "tui", "check", "."], case)
        assert status == 2
        assert peak < baseline + 50 * 1024, (name, peak, baseline)


# -- the size limit ----------------------------------------------------------------------------


@pytest.mark.parametrize("rel", ["slides/01.md", "quizzes/01.yaml", "deck.yaml"])
def test_an_oversize_file_is_refused_without_being_read(rel: str, tmp_path: Path, monkeypatch) -> None:
    """The size is checked before a byte is read: every way of reading the file fails here."""
    name = {"slides/01.md": "oversize-slide-file", "quizzes/01.yaml": "oversize-bank",
            "deck.yaml": "oversize-deck-yaml"}[rel]
    case, _ = make_cases.materialise(name, tmp_path)
    big = (case / rel).resolve()
    assert big.stat().st_size == MAX_FILE_BYTES + 1
    real_read_bytes, real_open = Path.read_bytes, Path.open

    def read_bytes(self: Path) -> bytes:
        assert self.resolve() != big, "the oversize file was read"
        return real_read_bytes(self)

    def path_open(self: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        assert self.resolve() != big, "the oversize file was opened"
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.setattr(Path, "open", path_open)
    monkeypatch.setattr(Path, "read_text", lambda self, *a, **k: pytest.fail("read_text is not how files are read"))
    monkeypatch.chdir(case)
    with pytest.raises(PodiumError) as caught:
        load_presentation(Path("."))
    assert [str(problem) for problem in caught.value.problems] == [
        f"{rel}:1:1: file is 2,097,153 bytes, over the 2 MiB limit for a deck file"]


def test_the_size_limit_is_inclusive(tmp_path: Path) -> None:
    at_limit = make_cases.sparse(tmp_path / "at.md", MAX_FILE_BYTES, "# At\n")
    over = make_cases.sparse(tmp_path / "over.md", MAX_FILE_BYTES + 1, "# Over\n")
    with pytest.raises(PodiumError) as caught:
        read_source(at_limit, "at.md")  # read whole: the zero bytes are found
    assert str(caught.value) == "at.md:2:1: binary file: it holds a NUL byte"
    with pytest.raises(PodiumError) as caught:
        read_source(over, "over.md")  # not read: refused by its size
    assert str(caught.value) == "over.md:1:1: file is 2,097,153 bytes, over the 2 MiB limit for a deck file"
    assert MAX_FILE_BYTES == 2 * 1024 * 1024


def test_a_file_at_the_limit_loads_in_reasonable_time(tmp_path: Path, monkeypatch) -> None:
    case, _ = make_cases.materialise("at-size-limit-slide-file", tmp_path)
    monkeypatch.chdir(case)
    started = time.perf_counter()
    presentation = load_presentation(Path("."))
    assert time.perf_counter() - started < 5.0
    assert presentation.deck.slide_count == 1


# -- paths that leave the deck -----------------------------------------------------------------


@pytest.mark.parametrize("name", OUTSIDE)
def test_nothing_outside_the_deck_is_loaded(name: str, tmp_path: Path, monkeypatch) -> None:
    case, _ = make_cases.materialise(name, tmp_path)
    outside = (tmp_path / f"outside-{name}").resolve()
    monkeypatch.chdir(case)
    opened: list[Path] = []
    real_read_bytes = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        opened.append(self.resolve())
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    with pytest.raises(PodiumError) as caught:
        load_presentation(Path("."))
    assert not [path for path in opened if path.is_relative_to(outside)]
    assert all("outside the deck" in p.message or "leaves the deck folder" in p.message
               for p in caught.value.problems)


# -- what reaches the screen -------------------------------------------------------------------


def _plain(prompt) -> str:  # type: ignore[no-untyped-def]
    return prompt.plain if hasattr(prompt, "plain") else str(prompt)


def _displayed(widget) -> bool:  # type: ignore[no-untyped-def]
    return all(node.display for node in widget.ancestors_with_self if hasattr(node, "display"))


def screen_texts(app) -> list[str]:  # type: ignore[no-untyped-def]
    """The text of every Static, option and text box shown on the current screen, as the user
    reads it."""
    texts: list[str] = []
    for widget in app.screen.query("*"):
        if not _displayed(widget):
            continue
        if isinstance(widget, (Static, SlideView, StatusBar)):
            texts.append(shown(widget, 200))
        elif isinstance(widget, ReviewList):
            texts.append(widget.whole_text())
        elif isinstance(widget, OptionList):  # a SelectionList is one too
            texts += [_plain(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]
        elif isinstance(widget, Input):
            texts.append(widget.value)
    return texts


def svg_text(svg: str) -> str:
    """The characters an SVG screenshot shows, tags dropped and entities read."""
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


def right_answer(question):  # type: ignore[no-untyped-def]
    return {"single": lambda q: q.correct[0], "true_false": lambda q: q.truth,
            "multiple": lambda q: list(q.correct), "numeric": lambda q: f"{q.low:g}",
            "order": lambda q: list(q.choices)}[question.type](question)


class Walk:
    """Everything shown while walking a deck: each screen's texts and its SVG screenshot."""

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        self.app = app
        self.texts: list[str] = []
        self.screens: list[str] = []
        self.questions: list[str] = []  # the id of each question answered

    def look(self, where: str) -> None:
        texts = screen_texts(self.app)
        for text in texts:
            assert not CONTROL.search(text), (where, text)
        svg = self.app.export_screenshot()
        assert not SVG_CONTROL.search(svg), where
        assert "<a " not in svg  # no hyperlink was made from markup
        self.texts += texts
        self.screens.append(svg_text(svg))

    def seen(self) -> str:
        return " ".join(" ".join(self.texts).split())


async def walk_everything(app, pilot) -> Walk:  # type: ignore[no-untyped-def]
    """Every page, with the notes panel open; every quiz: each question, its hint, its feedback,
    the results; then the overview and the quiz summary."""
    walk = Walk(app)
    await pilot.pause()
    await pilot.press("s")  # the speaker notes panel
    for _step in range(300):
        await pilot.pause()
        screen = app.screen
        if isinstance(screen, QuizScreen):
            walk.look(f"question {screen.run.index + 1}")
            question = screen.run.current.question
            walk.questions.append(question.id)
            if question.hint:
                await pilot.press("f2")
                await pilot.pause()
                walk.look("hint")
            if question.type in ("short",):
                await pilot.press("f3")
            else:
                await answer(pilot, screen.run.current, right_answer(question))
            await pilot.pause()
            walk.look("feedback")
            await pilot.press("enter")
            continue
        if isinstance(screen, (ResultsScreen, SummaryScreen)):
            walk.look(type(screen).__name__)
            await pilot.press("enter")
            continue
        assert isinstance(screen, PresenterScreen), type(screen)
        walk.look(f"page {screen.position.page + 1}")
        if screen.page.kind == "quiz" and screen.page.section not in screen.results:
            await pilot.press("enter")
        elif screen.walk.is_last(screen.position):
            break
        else:
            await pilot.press("right")
    else:  # pragma: no cover
        pytest.fail("the walk never reached the last page")
    await pilot.press("o")
    await pilot.pause()
    walk.look("overview")
    await pilot.press("escape")
    await pilot.pause()
    await pilot.press("r")
    await pilot.pause()
    walk.look("summary")
    return walk


MARKUP_SHOWN = [
    # deck.yaml
    "[bold]x[/bold] deck [/]", "[link=https://evil.example]y[/link]", "[unbalanced author",
    "[@click=app.quit]quit[/] date",
    # front matter
    "[link=https://evil.example]y[/link] section", "[bold]x[/bold] takeaway", "[/] closes nothing",
    "[unbalanced takeaway",
    # slide text and notes
    "Heading [bold]x[/bold] [/]",
    ("[link=https://evil.example]y[/link] and [unbalanced and [/] and "
     "[@click=app.quit]quit[/] and [red on white]styled?[/] and :smile: and $accent."),
    "item [i]italic?[/i]",
    "code [bold]x[/bold]", "notes [bold]x[/bold] [/] [unbalanced [link=https://evil.example]y[/link]",
    "Second [unbalanced", "More [/] text.",
    # the bank: prompts, choices, hints, explanations, right answers
    "Pick [bold]x[/bold] [/] [unbalanced", "1. [bold]x[/bold]", "2. [/]", "3. [link=https://evil.example]y[/link]",
    "4. [unbalanced", "hint [link=https://evil.example]y[/link]", "explained [@click=app.quit]quit[/] [unbalanced",
    "Several [link=https://evil.example]y[/link]", "multiple [bold]x[/bold]", "True? [bold]x[/bold]", "truth [/]",
    "Type [unbalanced", "Right answer: [bold]x[/bold]", "short [link=https://evil.example]y[/link]", "Number [/]",
    "number hint [bold]x[/bold]", "Order [bold]x[/bold]", "[unbalanced → [/] → [link=https://evil.example]y[/link]",
]


async def test_markup_in_every_text_field_is_shown_literally(tmp_path: Path) -> None:
    case, _ = make_cases.materialise("markup-everywhere", tmp_path)
    app = build_app(load_presentation(case))
    async with app.run_test(size=(120, 40)) as pilot:
        walk = await walk_everything(app, pilot)
        assert app.is_running  # the [@click=app.quit] links did nothing
    assert walk.questions == ["single", "multiple", "truth", "short", "number", "order"]
    seen = walk.seen()
    missing = [text for text in MARKUP_SHOWN if text not in seen]
    assert not missing
    screens = " ".join(walk.screens)
    for literal in ("[bold]x[/bold]", "[/]", "[unbalanced"):
        assert literal in screens  # drawn as those characters, not as styles


async def test_markup_in_a_single_file_deck_is_shown_literally(tmp_path: Path) -> None:
    case, _ = make_cases.materialise("markup-single-file", tmp_path)
    app = build_app(load_presentation(case / "deck.md"))
    async with app.run_test(size=(120, 40)) as pilot:
        walk = await walk_everything(app, pilot)
    seen = walk.seen()
    for text in ("[bold]x[/bold] file [/]", "[unbalanced", "[link=https://evil.example]y[/link]",
                 "One [bold]x[/bold]", "[/] [unbalanced"):
        assert text in seen


# Each escape-laden field, as it reads once its control codes are gone: the words stay.
ESCAPED = ("csi [31mred[0m osc52 ]52;c;cHduZWQ= osc8 ]8;;https://evil.example\\link]8;;\\ title ]0;pwned "
           "]2;pwned\\ bell c1csi 2J dcs qq bidi evil backspace x del end")


async def test_escape_sequences_in_every_text_field_never_reach_the_screen(tmp_path: Path) -> None:
    case, _ = make_cases.materialise("escapes-everywhere", tmp_path)
    presentation = load_presentation(case)
    app = build_app(presentation)
    async with app.run_test(size=(120, 40)) as pilot:
        walk = await walk_everything(app, pilot)
    assert walk.questions == ["single", "short", "order"]
    seen = walk.seen()
    for field in ("T", "S", "A", "D", "Section", "Take", "Raw", "Heading", "Body", "item", "code", "Notes",
                  "Prompt", "Right", "Hint", "Explain", "Short", "Order", "First", "Second"):
        assert f"{field} csi" in seen, field
    assert f"Right answer: Right {ESCAPED}" in seen  # a whole field, to the last word
    assert "pwned" in seen and "\x1b" not in seen


async def test_escape_sequences_in_file_and_folder_names_never_reach_the_screen(tmp_path: Path) -> None:
    case, argument = make_cases.materialise("escapes-in-file-names", tmp_path)
    presentation = load_presentation(case / argument)
    assert presentation.deck.title == "Deck ]0;pwned x"
    assert [section.title for section in presentation.deck.sections] == ["[2J wipe", "Newline: error: forged"]
    app = build_app(presentation)
    async with app.run_test(size=(120, 40)) as pilot:
        walk = await walk_everything(app, pilot)
    assert walk.questions == ["q1"]
    assert "Deck ]0;pwned x" in walk.seen() and "[2J wipe" in walk.seen()


async def test_command_palette_shows_markup_literally(tmp_path: Path) -> None:

    case, _ = make_cases.materialise("markup-everywhere", tmp_path)
    app = build_app(load_presentation(case))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        section = "Section: [link=https://evil.example]y[/link] section"
        await settle_until(pilot, lambda: any(section in text for text in palette_options(app)), 10.0,
                           message=f"the palette never listed {section!r}: {palette_options(app)}")
        await pilot.press(*"body")  # matches a slide by its text
        await settle_until(pilot, lambda: any("Heading [bold]x[/bold] [/]" in text for text in palette_options(app)),
                           10.0, message=f"no slide found by its text: {palette_options(app)}")
        found = palette_options(app)
        assert any("Heading [bold]x[/bold] [/]" in text and "[link=https://evil.example]y[/link]" in text
                   for text in found), found
        assert app.is_running


# -- mutation fuzzing: bytes in, a result or podium's own error out -----------------------------


def fuzz(examples: int) -> settings:
    return settings(max_examples=examples, deadline=None, database=DATABASE,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.large_base_example])


def _deck_files(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file() and not path.is_symlink() and path.name != "expected.txt"
            and path.stat().st_size < 64 * 1024}


def _seed_decks() -> list[dict[str, bytes]]:
    """Each committed corpus case, and each bundled section with its bank, as a mini deck."""
    decks = [files for name in CASES if name not in make_cases.GENERATED
             if (files := _deck_files(make_cases.HERE / name)) and any(k.endswith(".md") for k in files)]
    bundled = bundled_deck()
    for slide in sorted((bundled / "slides").glob("*.md")):
        files = {f"slides/{slide.name}": slide.read_bytes()}
        bank = bundled / "quizzes" / f"{slide.stem}.yaml"
        if bank.exists():
            files[f"quizzes/{bank.name}"] = bank.read_bytes()
        decks.append(files)
    decks.append({"deck.yaml": (bundled / "deck.yaml").read_bytes(),
                  "slides/01.md": make_cases.OK_SLIDE.encode(), "quizzes/01.yaml": make_cases.OK_BANK.encode()})
    return decks


SEEDS = _seed_decks()
NASTY = [bytes([b]) for b in (*range(32), 0x7f)] + [
    b"\x80", b"\x9b", b"\xc2\x9b", b"\xc2\x85", b"\xe2\x80\xae", b"\xef\xbb\xbf", b"\xff", b"\xfe", b"\xc0\xaf",
    b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xe9", b"\xc3", b"\r\n", b"\r", b"\t", b"\x00", b"\x1b[2J", b"\x1b]52;c;",
] + [c.encode() for c in "-#:[]{}\"'*&!|>%@`~.,?=\\ \n"] + [
    b"---", b"...", b"```", b"<!--", b"-->", b"&a ", b"*a", b"<<: *a", b"!!python/object:os.system ", b"!x ",
    b"\t- ", b"  - ", b"key: ", b"quiz: ../x.yaml", b"quiz: /etc/passwd", b"[" * 200, b"{a: " * 100,
    b"9" * 400, b"2026-02-30", b".inf", b"[bold]", b"[/]",
]


@st.composite
def mutated_deck(draw: st.DrawFn) -> tuple[dict[str, bytes], str]:
    """A seed deck with one of its files mutated byte by byte: bytes inserted, deleted, replaced,
    a run duplicated, or the file cut short."""
    files = dict(draw(st.sampled_from(SEEDS)))
    target = draw(st.sampled_from(sorted(files)))
    data = bytearray(files[target])
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["insert", "insert", "replace", "delete", "duplicate", "truncate", "byte"]))
        at = draw(st.integers(0, len(data)))
        if kind == "insert":
            data[at:at] = draw(st.sampled_from(NASTY))
        elif kind == "replace" and data:
            end = min(len(data), at + draw(st.integers(1, 8)))
            data[at:end] = draw(st.sampled_from(NASTY))
        elif kind == "delete":
            del data[at:at + draw(st.integers(1, 16))]
        elif kind == "duplicate":
            data[at:at] = data[at:at + draw(st.integers(1, 64))]
        elif kind == "truncate":
            del data[at:]
        else:
            data[at:at] = bytes([draw(st.integers(0, 255))])
    files[target] = bytes(data)
    return files, target


def check_error_or_result(root: Path, files: dict[str, bytes]) -> None:
    """Load the deck at `root`: a presentation, or a PodiumError whose every problem names a file
    of the deck (or the deck) at a real position; never another exception."""
    names = {str(Path(name)) for name in files} | {".", "slides"}
    try:
        presentation = load_presentation(Path("."))
    except PodiumError as error:
        assert error.problems and any(p.severity == "error" for p in error.problems)
        for problem in error.problems:
            assert isinstance(problem, Problem)
            assert problem.line >= 1 and problem.col >= 1, problem
            assert problem.path in names, problem
            assert problem.message.strip() and not CONTROL.search(problem.message), problem
        return
    for problem in presentation.warnings:
        assert problem.line >= 1 and problem.col >= 1 and problem.path in names, problem
    for section in presentation.deck.sections:
        assert not CONTROL.search(section.title)
        for slide in section.slides:
            assert slide.steps and not CONTROL.search(slide.markdown) and not CONTROL.search(slide.notes)
        if section.quiz_path is not None:
            assert section.quiz_path.resolve().is_relative_to(root.resolve())


@fuzz(2500)
@given(mutated_deck())
@example(({"slides/01.md": b"---\nquiz: quizzes/01.yaml\n---\r\n# A\x00\r\n",
           "quizzes/01.yaml": b"questions: [\xff"}, "slides/01.md"))
@example(({"slides/01.md": b"\xef\xbb\xbf\xef\xbb\xbf---\ntitle: \x9b\n---\n", "deck.yaml": b"title: *a\n"},
          "deck.yaml"))
@example(({"slides/01.md": b"---\r\ntakeaways: [" + b"[" * 3000 + b"\r\n---\r\n# A\n"}, "slides/01.md"))
def test_mutated_decks_load_or_fail_with_positions(case: tuple[dict[str, bytes], str]) -> None:
    files, _ = case
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name, data in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)
        (root / "slides").mkdir(exist_ok=True)
        before = os.getcwd()
        os.chdir(root)
        try:
            check_error_or_result(root, files)
        finally:
            os.chdir(before)


IMPORT_SEEDS = [(path.read_bytes(), import_gift if path.suffix == ".gift" else import_aiken)
                for path in sorted((FIXTURES / "gift").glob("*.gift")) + sorted((FIXTURES / "aiken").glob("*.txt"))]


@st.composite
def mutated_import(draw: st.DrawFn):  # type: ignore[no-untyped-def]
    data, importer = draw(st.sampled_from(IMPORT_SEEDS))
    data = bytearray(data)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["insert", "insert", "delete", "replace"]))
        piece = draw(st.sampled_from(NASTY + [c.encode() for c in "{}=~#%:$\\"] + [b"ANSWER: ", b"A) ", b"::"]))
        if kind == "insert":
            data[at:at] = piece
        elif kind == "delete":
            del data[at:at + draw(st.integers(1, 16))]
        else:
            data[at:at + len(piece)] = piece
    return bytes(data), importer


@fuzz(800)
@given(mutated_import())
def test_mutated_gift_and_aiken_files_import_or_report_positions(case) -> None:  # type: ignore[no-untyped-def]
    data, importer = case
    try:
        text = decode(data, "in.txt")
    except PodiumError as error:
        (problem,) = error.problems
        assert problem.line >= 1 and problem.col >= 1
        return
    bank, problems = importer(text, "in.txt")
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.path == "in.txt" and problem.line >= 1 and problem.col >= 1, problem
        assert problem.message.strip()
    if bank.get("questions"):
        # Whatever was converted loads as a podium bank, without a single problem.
        log = ProblemLog()
        assert parse_bank(dump_bank(bank), "out.yaml", log) is not None
        assert log.problems == []
