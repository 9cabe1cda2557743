"""One error type for every problem found in a user's files.

A `Problem` is a position and a message; a `PodiumError` carries all the problems found in one
load, so the user sees every mistake at once, each as `path:line:col: message`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, NamedTuple

Severity = Literal["error", "warning"]


class Problem(NamedTuple):
    """One mistake in a user's file. Lines and columns count from 1. Problems sort by file,
    line, column and message. A named tuple: this module is imported before the first paint."""

    path: str
    line: int
    col: int
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"

    def describe(self) -> str:
        """The problem with its severity, as `podium check` prints it."""
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"


class PodiumError(Exception):
    """Raised when a deck or bank cannot be used as written; holds every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = sorted(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


class ProblemLog:
    """Collects problems during one load, so loading goes on after the first mistake."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def error(self, path: str, line: int, col: int, message: str) -> None:
        self.problems.append(Problem(path, line, col, message, "error"))

    def warning(self, path: str, line: int, col: int, message: str) -> None:
        self.problems.append(Problem(path, line, col, message, "warning"))

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity == "warning"]

    def raise_if_errors(self) -> None:
        """When there are errors, raise a `PodiumError` holding every problem collected so far."""
        if self.errors:
            raise PodiumError(self.problems)


# -- the learner's history (tui.domain.history raises these; kept here so that catching them
# needs no database) ---------------------------------------------------------------------


class HistoryError(Exception):
    """Any history problem; the app shows the message and carries on.

    The message shows each control code as `?`: it names files, and a path may hold any character
    (an escape sequence in PODIUM_DATA_DIR must not reach the terminal as one)."""

    def __str__(self) -> str:
        from tui.domain.source import safe_text

        return safe_text(super().__str__())


class HistoryUnavailable(HistoryError):
    """History cannot be kept (read-only folder, newer schema, ...): the app runs with history off."""


class HistoryWriteFailed(HistoryError):
    """One write failed (a full disk, say); nothing of it was saved, and later writes may work."""


class HistoryReadOnly(HistoryUnavailable):
    """The history file or its folder cannot be written; it may still be read (`History.open`
    with `read_only=True`), which is all statistics and the export need."""


class AttemptClosed(HistoryError):
    """The attempt takes no more answers from this process; nothing of the answer was saved."""


class AttemptTakenElsewhere(AttemptClosed):
    """Another podium process finished this attempt, or answered this question of it first:
    this process saves nothing more of the attempt, so no answer counts twice."""


class AttemptDamaged(AttemptClosed):
    """The attempt's own row in the history holds bad data, so answers cannot be tied to it."""
