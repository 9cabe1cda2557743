"""The command line when what surrounds it is not as expected: no terminal, a crash inside the
app, a reader that stops early, a data folder whose path holds escape codes, a deck file over
the size limit."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, write_deck
from tests.support.pty_driver import PtySession, plain
from tui.cli import common
from tui.domain.paths import bundled_deck
from tui.domain.source import MAX_FILE_BYTES

REPO = Path(__file__).resolve().parent.parent
NEEDS_TERMINAL = "podium: needs a terminal (use podium export or podium check for files)"
ESCAPE = "\x1b[31m"


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "TERM": "xterm-256color", "PYTHONPATH": str(REPO),
           "PODIUM_RUNTIME_DIR": str(tmp_path / "run"), "PODIUM_DATA_DIR": str(tmp_path / "data"), **extra}
    env.pop("TEXTUAL_DRIVER", None)
    return env


# -- no terminal ---------------------------------------------------------------------------------

def _something_due(data: Path) -> Path:
    """A history in `data` where the every-type deck's first quiz, answered wrong long ago, is due."""
    from datetime import datetime

    from tui.domain.history import History
    from tui.domain.identity import deck_key
    from tui.domain.loader import load_presentation
    from tui.domain.quizrun import QuizRun

    deck = FIXTURES / "every-type"
    presentation = load_presentation(deck)
    bank = presentation.banks[0]
    history, _ = History.open(data / "history.db", lambda: datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    run = QuizRun(bank, presentation.deck.sections[0].title, 0.7, 1)
    attempt = history.start_attempt(deck_key(presentation.deck), presentation.deck.title, 0,
                                    presentation.deck.sections[0].title, 1, run.asked)
    while not run.finished:
        history.record_answer(attempt, run.answer(None), 3.0)
    history.finish_attempt(attempt)
    history.close()
    return deck


@pytest.mark.parametrize("command", [[], ["quiz"], ["review"], ["notes"], ["--slide", "3"]],
                         ids=["present", "quiz", "review", "notes", "present-slide"])
def test_without_a_terminal_the_app_is_refused_at_once(tmp_path: Path, command: list[str]) -> None:
    """Input from /dev/null and output to a file: before, the app ran on and on, writing escape
    codes into the file; now it says why and stops with status 2."""
    out = tmp_path / "out.txt"
    deck = _something_due(tmp_path / "data") if command == ["review"] else bundled_deck()
    with open(os.devnull, "rb") as nothing, open(out, "wb") as sink:
        started = time.monotonic()
        try:
            done = subprocess.run([sys.executable, "-m", "tui", *command, str(deck)], stdin=nothing,
                                  stdout=sink, stderr=subprocess.PIPE, env=_env(tmp_path), cwd=tmp_path,
                                  timeout=60)
        except subprocess.TimeoutExpired:
            pytest.fail("podium kept running without a terminal")
        took = time.monotonic() - started
    assert done.returncode == 2
    assert done.stderr.decode().splitlines() == [NEEDS_TERMINAL]
    assert out.read_bytes() == b""
    assert took < 30, took


def test_a_terminal_for_input_but_output_to_a_file_is_refused(tmp_path: Path) -> None:
    master, slave = os.openpty()
    out = tmp_path / "out.txt"
    try:
        with open(out, "wb") as sink:
            done = subprocess.run([sys.executable, "-m", "tui", str(bundled_deck())], stdin=slave, stdout=sink,
                                  stderr=subprocess.PIPE, env=_env(tmp_path), cwd=tmp_path, timeout=60)
    finally:
        os.close(slave)
        os.close(master)
    assert (done.returncode, done.stderr.decode().strip()) == (2, NEEDS_TERMINAL)
    assert out.read_bytes() == b""


def test_a_driver_named_in_the_environment_needs_no_terminal(monkeypatch) -> None:
    """`podium serve` starts each session with TEXTUAL_DRIVER set to the web driver, on pipes."""
    monkeypatch.setattr(os, "isatty", lambda descriptor: False)  # pipes, as textual-serve gives
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    assert common.without_terminal() is True
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")
    assert common.without_terminal() is False


def test_help_and_version_still_print_without_a_terminal(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "tui", "--version"], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, env=_env(tmp_path), timeout=60)
    assert done.returncode == 0 and done.stdout.startswith("podium ")


# -- a crash -------------------------------------------------------------------------------------

CRASHING = """
import sys
from tui.ui.screens.presenter import PresenterScreen

def action_next(self):
    raise RuntimeError("a bug in podium")

PresenterScreen.action_next = action_next
from tui.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


def test_a_crash_in_the_app_exits_non_zero_and_leaves_a_report(tmp_path: Path) -> None:
    """Before, `app.return_code` was ignored: every crash exited 0, its traceback only on screen."""
    data = tmp_path / "data"
    argv = [sys.executable, "-c", CRASHING, str(bundled_deck()), "--data-dir", str(data)]
    with PtySession(argv, _env(tmp_path), cwd=tmp_path, size=(120, 40)) as session:
        assert session.wait_for(" 1/", 60), plain(session.text())[-2000:]
        # Right: the next page, whose action raises. Sent again until the app reads it (keys
        # typed while it starts may be dropped with the terminal's pending input).
        for _ in range(30):
            session.write(b"\x1b[C")
            try:
                session.wait(2)
                break
            except subprocess.TimeoutExpired:
                continue
        status = session.wait(60)
        session.close()  # all it wrote read
        screen = plain(session.text())
    assert status == common.EXIT_CRASH
    (report,) = (data / "crashes").iterdir()
    assert report.name.startswith("crash-") and report.suffix == ".txt"
    text = report.read_text(encoding="utf-8")
    assert "RuntimeError: a bug in podium" in text and "action_next" in text
    assert f"podium: crashed; the details are in {report}" in screen.replace("\n", "")


def test_a_crash_outside_the_app_is_reported_too(tmp_path: Path, monkeypatch, capsys) -> None:
    from tui.cli import learning, main

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise KeyError("no such thing")

    monkeypatch.setattr(learning, "run_stats", broken)
    assert main(["stats", "--data-dir", str(tmp_path)]) == common.EXIT_CRASH
    (report,) = (tmp_path / "crashes").iterdir()
    assert "KeyError: 'no such thing'" in report.read_text(encoding="utf-8")
    assert capsys.readouterr().err == f"podium: crashed; the details are in {report}\n"


def test_a_report_that_cannot_be_written_is_printed(tmp_path: Path, monkeypatch, capsys) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("")
    monkeypatch.setattr("tempfile.gettempdir", lambda: str(blocked))
    assert common.report_crash(ValueError("oops"), blocked) is None
    err = capsys.readouterr().err
    assert "ValueError: oops" in err and err.endswith("could not be written to a file\n")


# -- a reader that stops early -------------------------------------------------------------------

def test_stats_into_a_reader_that_stops_early_exits_0(tmp_path: Path) -> None:
    """`podium stats | head -1`: Rich's console exited 1 on the broken pipe."""
    env = _env(tmp_path)
    stats = subprocess.Popen([sys.executable, "-m", "tui", "stats", str(bundled_deck())], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env=env, cwd=tmp_path)
    assert stats.stdout is not None and stats.stderr is not None
    stats.stdout.readline()
    stats.stdout.close()  # what `head -1` does after its line
    errors = stats.stderr.read()
    assert stats.wait(timeout=60) == 0, errors
    assert errors == b""


def test_stats_through_a_real_head_exits_0(tmp_path: Path) -> None:
    env = _env(tmp_path)
    done = subprocess.run(f"{sys.executable} -m tui stats {bundled_deck()} | head -1; "
                          "echo \"status=${PIPESTATUS[0]}\"", shell=True, executable="/bin/bash",
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)
    assert done.stdout.splitlines()[-1] == "status=0"
    assert done.stderr == ""


# -- escape codes in a path ----------------------------------------------------------------------

@pytest.mark.parametrize("command", [["stats", str(bundled_deck())], ["history", "export"]], ids=["stats", "history"])
def test_an_escape_code_in_the_data_folder_never_reaches_the_terminal(tmp_path: Path, command: list[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    data = f"{blocker}/{ESCAPE}red"  # under a file: cannot be created, so messages name it
    done = subprocess.run([sys.executable, "-m", "tui", *command], capture_output=True,
                          env=_env(tmp_path, PODIUM_DATA_DIR=data), cwd=tmp_path, timeout=60)
    shown = (done.stdout + done.stderr).decode()
    assert "\x1b" not in shown
    assert done.returncode == 2 and "?[31mred" in shown


def test_messages_naming_files_show_control_codes_as_question_marks(tmp_path: Path, capsys) -> None:
    from tui.cli import main

    bank = tmp_path / f"bank{ESCAPE}.gift"
    bank.write_text("// nothing to convert\n", encoding="utf-8")
    main(["import", str(bank)])
    err = capsys.readouterr().err
    assert "\x1b" not in err and "bank?[31m.gift" in err


def test_a_history_error_shows_no_control_code() -> None:
    from tui.domain.errors import HistoryUnavailable

    assert str(HistoryUnavailable(f"cannot open /tmp/{ESCAPE}x\x07")) == "cannot open /tmp/?[31mx?"


# -- a deck file over the size limit -------------------------------------------------------------

def _oversize_folder_deck(tmp_path: Path) -> Path:
    root = write_deck(tmp_path / "deck", {
        "deck.yaml": "title: A talk\n",
        "slides/01-intro.md": "# Intro\n\nHello\n",
    })
    (root / "slides" / "02-big.md").write_text("# Big\n\n" + "x" * (MAX_FILE_BYTES + 10), encoding="utf-8")
    return root


@pytest.mark.parametrize("kind", ["folder", "single-file"])
def test_an_oversize_deck_is_refused_before_the_app_runs(tmp_path: Path, monkeypatch, capsys, kind: str) -> None:
    """Before, a folder deck with deck.yaml painted its title page, then failed on the big file."""
    from tui.cli import main
    from tui.ui.app import PodiumApp

    if kind == "folder":
        deck = _oversize_folder_deck(tmp_path)
        big = "slides/02-big.md"
    else:
        deck = tmp_path / "talk.md"
        deck.write_text("# Talk\n\n" + "x" * (5 * 1024 * 1024), encoding="utf-8")
        big = "talk.md"
    ran: list[PodiumApp] = []
    monkeypatch.setattr(PodiumApp, "run", lambda app, *args, **kwargs: ran.append(app))
    monkeypatch.setattr(common, "without_terminal", lambda: False)
    monkeypatch.chdir(deck if kind == "folder" else tmp_path)
    assert main(["." if kind == "folder" else "talk.md", "--no-history"]) == 2
    assert ran == []
    err = capsys.readouterr().err
    assert f"{big}:1:1: error: file is" in err and "over the 2 MiB limit" in err


def test_the_opening_of_a_deck_with_an_oversize_file_is_none(tmp_path: Path) -> None:
    from tui.domain.opening import open_deck

    deck = _oversize_folder_deck(tmp_path)
    assert open_deck(deck) is None
    (deck / "slides" / "02-big.md").write_text("# Small\n", encoding="utf-8")
    opening = open_deck(deck)
    assert opening is not None and opening.info.title == "A talk"


def test_a_crash_during_an_exit_already_under_way_is_still_a_crash(tmp_path: Path, monkeypatch,
                                                                   capsys) -> None:
    """A key flood that quit the app and then failed in its exit left return code 0: the crash
    exited 0 with its traceback on screen only."""

    class ExitedThenFailed:
        return_code = 0
        _exception = LookupError("a widget gone during the exit")

        def run(self) -> None:
            pass

    monkeypatch.setattr(common, "refuse_without_terminal", lambda: False)
    assert common.run_app(ExitedThenFailed(), tmp_path) == common.EXIT_CRASH
    (report,) = (tmp_path / "crashes").iterdir()
    assert "LookupError: a widget gone during the exit" in report.read_text(encoding="utf-8")
    assert capsys.readouterr().err == f"podium: crashed; the details are in {report}\n"


def test_an_exit_the_app_chose_keeps_its_status(monkeypatch) -> None:
    class ChoseToExit:
        return_code = 2
        _exception = None

        def run(self) -> None:
            pass

    monkeypatch.setattr(common, "refuse_without_terminal", lambda: False)
    assert common.run_app(ChoseToExit()) == common.EXIT_PROBLEMS
