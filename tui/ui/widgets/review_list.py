"""The results screen's review: every answered question, drawn only as far as it is looked at.

A quiz may hold thousands of questions; a widget per question (or one Rich render of them all)
makes opening the results cost time in proportion to the bank. Here each entry is drawn into lines
when a row of it is first painted, and the rest in small batches between keys, so the scroll bar
grows to the whole list while the screen stays responsive.
"""

from __future__ import annotations

import time
from bisect import bisect_right
from collections import OrderedDict
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

from tui.domain.quizrun import QuizResult, response_text
from tui.ui.screens.quiz import VERDICT_TEXT, points_text, verdict_note

CONTENT_WIDTH = 100
"""The widest the review is drawn (as the quiz screens)."""
MARGIN = 2
"""Blank columns each side of the review."""
BATCH_SECONDS = 0.01
"""Main-thread time each step of drawing the rest of the list may take, between keys."""
BATCH_EVERY = 0.01
"""Seconds between those steps."""
KEPT = 200
"""Entries whose lines are kept drawn (the screen's and those around it)."""


def score_line(result: QuizResult) -> Text:
    verdict = "PASSED" if result.passed else "NOT PASSED"
    return Text.assemble(
        (points_text(result.points, result.possible), "bold"),
        f" · {result.fraction:.0%} · ",
        (verdict, "bold"),
        f" (pass mark {result.pass_mark:.0%})",
    )


def review_text(number: int, result: QuizResult) -> Text:
    """What the review says about answer `number` (counted from 1)."""
    answered = result.answers[number - 1]
    question = answered.question
    verdict, _css_class = VERDICT_TEXT[answered.grade.verdict]
    body = Text.assemble(
        (f"{number}. {verdict}", "bold"), verdict_note(answered),
        f" · {points_text(answered.grade.points, answered.grade.possible)}\n",
        (question.asked_text(), "bold"), "\n",
        "Your answer: ", response_text(question, answered.response), "\n",
        "Right answer: ", question.right_answer(),
    )
    if answered.hint_used:
        body.append("\n(hint used)", style="italic")
    if question.explanation:
        body.append("\n")
        body.append(question.explanation, style="italic")
    return body


class ReviewList(ScrollView, can_focus=True):
    """The title, score, seed and one entry per answer, drawn lazily into lines.

    Only each measured entry's first row is kept, and the lines of the last `KEPT` entries drawn:
    keeping every line of 10,000 entries would give the garbage collector hundreds of thousands of
    objects to walk over and over, hundreds of milliseconds each time."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "review-list--title", "review-list--passed", "review-list--failed", "review-list--seed",
        "review-list--right", "review-list--partial", "review-list--wrong",
    }

    def __init__(self, result: QuizResult, seed: int | None, *, id: str | None = None,
                 replay: str | None = None) -> None:
        super().__init__(id=id)
        self.result = result
        self.seed = seed
        self.replay = replay or f"--seed {seed}"
        """The options that replay this order (a retake's differ from a quiz's)."""
        self._starts: list[int] = [0]
        """The first row of each entry measured, and the row after the last one. Entry 0 is the
        heading (title, score, seed), entry n the n-th answer."""
        self._kept: OrderedDict[int, list[Strip]] = OrderedDict()
        self._width = 0
        self._filler: Timer | None = None

    @property
    def entries(self) -> int:
        """How many entries there are: the heading and one per answer."""
        return len(self.result.answers) + 1

    @property
    def drawn(self) -> int:
        """How many entries are measured (drawn at least once) so far."""
        return len(self._starts) - 1

    def on_resize(self) -> None:
        width = self.scrollable_content_region.width
        if width != self._width:
            self._width = width
            self._starts = [0]
            self._kept.clear()
            self._grow(self.scrollable_content_region.height + self.scroll_offset.y)
            if self._filler is None:
                self._filler = self.set_interval(BATCH_EVERY, self._fill)

    def _fill(self) -> None:
        """Measure more of the list, for a bounded time, until it is all measured."""
        deadline = time.perf_counter() + BATCH_SECONDS
        while self.drawn < self.entries and time.perf_counter() < deadline:
            self._measure_next()
        self._resize_virtual()
        if self.drawn >= self.entries and self._filler is not None:
            self._filler.stop()
            self._filler = None

    def _grow(self, rows: int) -> None:
        """Measure entries until at least `rows` rows are known (or every entry is)."""
        while self._starts[-1] < rows and self.drawn < self.entries:
            self._measure_next()
        self._resize_virtual()

    def _resize_virtual(self) -> None:
        size = Size(self._width, self._starts[-1])
        if size != self.virtual_size:
            self.virtual_size = size

    def _measure_next(self) -> None:
        self._starts.append(self._starts[-1] + len(self._entry(self.drawn)))

    def _entry(self, index: int) -> list[Strip]:
        """The lines of entry `index`, drawn now unless kept."""
        kept = self._kept.get(index)
        if kept is not None:
            self._kept.move_to_end(index)
            return kept
        lines = self._draw(index)
        self._kept[index] = lines
        while len(self._kept) > KEPT:
            self._kept.popitem(last=False)
        return lines

    def _draw(self, index: int) -> list[Strip]:
        width = self._width
        block = max(min(CONTENT_WIDTH, width - 2 * MARGIN), 4)
        left = Segment(" " * max((width - block) // 2, 0))
        base = self.rich_style
        lines: list[Strip] = []
        if index == 0:
            result = self.result
            title = Text.assemble(("Results · ", "bold"), result.section)
            self._add(lines, title, block, left, self.get_component_rich_style("review-list--title"))
            lines.append(Strip.blank(width, base))
            kind = "passed" if result.passed else "failed"
            self._add(lines, score_line(result), block, left,
                      self.get_component_rich_style(f"review-list--{kind}"), padding=1)
            if self.seed is not None:  # None: no seed replays this order (a review)
                seed = Text(f"Seed {self.seed}: replay this order with {self.replay}")
                self._add(lines, seed, block, left, self.get_component_rich_style("review-list--seed"))
            lines.append(Strip.blank(width, base))
            return lines
        answered = self.result.answers[index - 1]
        _verdict, css_class = VERDICT_TEXT[answered.grade.verdict]
        bar = Style(color=self.get_component_rich_style(f"review-list-{css_class}").color)
        self._add(lines, review_text(index, self.result), block, left, base, Segment("█", base + bar), padding=1)
        lines.append(Strip.blank(width, base))  # margin below each entry
        return lines

    def _add(self, lines: list[Strip], text: Text, block: int, left: Segment, style: Style,
             bar: Segment | None = None, padding: int = 0) -> None:
        """Append `text` wrapped into the block, in `style`, after a coloured bar when given."""
        console = self.app.console
        inner = block - padding * 2 - (1 if bar is not None else 0)
        options = console.options.update(width=max(inner, 1), height=None, highlight=False)
        pad = Segment(" " * padding, style)
        for line in console.render_lines(text, options, style=style, pad=True):
            parts = [left] if bar is None else [left, bar]
            parts += [pad, *line, pad]
            strip = Strip(parts).apply_style(self.rich_style)
            lines.append(strip.extend_cell_length(self._width, self.rich_style).crop(0, self._width))

    def render_line(self, y: int) -> Strip:
        row = y + self.scroll_offset.y
        if row >= self._starts[-1] and self.drawn < self.entries:
            self._grow(row + self.scrollable_content_region.height)
        if row < self._starts[-1]:
            number = bisect_right(self._starts, row) - 1
            return self._entry(number)[row - self._starts[number]]
        return Strip.blank(self.scrollable_content_region.width, self.rich_style)

    def drawn_text(self) -> str:
        """The plain text of the entries measured so far, one line a row (what tests read)."""
        return "\n".join(strip.text.rstrip() for index in range(self.drawn) for strip in self._entry(index))

    def whole_text(self) -> str:
        """The plain text of the whole list, measured to the end first."""
        if self._width:
            self._grow(1 << 62)
        return self.drawn_text()
