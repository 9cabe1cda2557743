"""A big slide cut into pieces that are drawn one at a time, as they come into view.

Rich draws a slide's Markdown in one go, in time and memory in proportion to the slide: a table of
20,000 rows took seconds, all of it before the slide could show. A slide of more than `LAZY_LINES`
lines is cut here instead, at the boundaries of its top-level blocks, and each table in it into
runs of `TABLE_ROWS` rows drawn with the column widths of the whole table, so the view draws the
first screenful at once and the rest later. Slides of usual size are never cut: they look exactly
as Rich draws them.

Only cuts that cannot change what Rich draws are made: before a line at column 0 that follows a
blank line (any open block ends there), never before a list item (a list is drawn whole), never in
a slide holding HTML or link reference definitions (they reach across blocks). A table is cut
only when it ends where markdown-it ends it (a blank line, or the end of the slide).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.markdown import Markdown, TableElement
from rich.measure import Measurement
from rich.table import Table

from tui.ui.measure import FENCE_CLOSE, FENCE_OPEN, ROW_START

LAZY_LINES = 300
"""A slide of more source lines than this is drawn piece by piece."""
PIECE_LINES = 60
"""Source lines gathered into one piece of Markdown outside tables (at least; a block is whole)."""
TABLE_ROWS = 32
"""Rows of a big table drawn together."""

_DELIMITER_ROW = re.compile(r" {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_LIST_ITEM = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_RULE = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:", re.MULTILINE)


@dataclass
class BigTable:
    """A table cut into runs of rows: its header, delimiter row and rows as written."""

    header: str
    delimiter: str
    rows: list[str]
    widest: list[int]
    """The widest cell of each column, as written."""
    widths: list[int] | None = None
    """The drawn width of each column (padding included), set when the first run is drawn."""


@dataclass
class Piece:
    """Markdown drawn on its own: a run of whole blocks, or rows `start:stop` of a big table."""

    text: str = ""
    table: BigTable | None = None
    start: int = 0
    stop: int = 0
    gap: bool = False
    """A blank line goes before it (Rich's line between top-level blocks)."""


@dataclass
class _Cutter:
    lines: list[str]
    pieces: list[Piece] = field(default_factory=list)
    block: list[str] = field(default_factory=list)
    gap_next: bool = False

    def flush(self) -> None:
        text = "\n".join(self.block).strip("\n")
        self.block = []
        if not text.strip():
            return
        # Rich draws a blank line above a block quote, a list or a table wherever it stands.
        own_gap = text.startswith(">") or bool(_LIST_ITEM.match(text)) or _table_at(text.split("\n"), 0)[0] > 0
        self.pieces.append(Piece(text=text, gap=self.gap_next and not own_gap))
        last = text.rstrip("\n").rsplit("\n", 1)[-1]
        self.gap_next = not _RULE.match(last)  # Rich puts no blank line after a rule


def _cells(row: str) -> list[str]:
    cells = row.strip(" \t").split("|")
    if cells and not cells[0].strip(" \t"):
        cells.pop(0)
    if cells and not cells[-1].strip(" \t"):
        cells.pop()
    return [cell.strip(" \t") for cell in cells]


def _table_at(lines: list[str], index: int) -> tuple[int, list[int]]:
    """The index after the table starting at `index` (after a blank line), when it is one this
    can cut exactly, else `index`; and the widest cell of each column, as written."""
    header = lines[index]
    if index + 1 >= len(lines) or "|" not in header or "\\" in header or "`" in header:
        return index, []
    delimiter = lines[index + 1]
    if not (ROW_START.match(header) and _DELIMITER_ROW.match(delimiter)):
        return index, []
    heads = _cells(header)
    columns = len(heads)
    if not columns or len(_cells(delimiter)) != columns:
        return index, []
    widest = [cell_len(cell) for cell in heads]
    row_start = ROW_START.match
    end = index + 2
    while end < len(lines):
        row = lines[end]
        cells = row.strip(" \t").split("|")
        if len(cells) == 1 and not cells[0]:
            break  # a blank line ends the table
        if cells[0] == "":
            del cells[0]
        if cells and cells[-1] == "":
            del cells[-1]
        if "\\" in row or "`" in row or not row_start(row) or len(cells) < columns:
            return index, []  # the table may run on in a way this does not follow: not cut
        ascii_row = row.isascii()
        for number in range(columns):
            cell = cells[number].strip(" \t")
            size = len(cell) if ascii_row else cell_len(cell)
            if size > widest[number]:
                widest[number] = size
        end += 1
    return end, widest


def cut_slide(markdown: str) -> list[Piece] | None:
    """The pieces of a big slide, or None for a slide drawn whole (not big, or not safely cut)."""
    if markdown.count("\n") < LAZY_LINES:
        return None
    lines = markdown.split("\n")
    if any(line.lstrip(" \t").startswith("<") for line in lines) or _REFERENCE.search(markdown):
        return None
    cutter = _Cutter(lines)
    fence = ""
    previous_blank = True
    index = 0
    while index < len(lines):
        line = lines[index]
        if fence:
            match = FENCE_CLOSE.match(line)
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = ""
            cutter.block.append(line)
            previous_blank = False
            index += 1
            continue
        boundary = previous_blank and line[:1] not in ("", " ", "\t") and not _LIST_ITEM.match(line)
        if boundary:
            end, widest = _table_at(lines, index)
            if end == index and "|" in line and index + 1 < len(lines) and _DELIMITER_ROW.match(lines[index + 1]):
                boundary = False  # perhaps a table this does not follow: not cut before it
        if boundary:
            if end - index - 2 > TABLE_ROWS:
                cutter.flush()
                table = BigTable(lines[index], lines[index + 1], lines[index + 2:end], widest)
                for start in range(0, len(table.rows), TABLE_ROWS):
                    stop = min(start + TABLE_ROWS, len(table.rows))
                    # No blank line is added: Rich draws one above a table wherever it stands.
                    cutter.pieces.append(Piece(table=table, start=start, stop=stop))
                cutter.gap_next = True
                previous_blank = False
                index = end
                continue
            if len(cutter.block) >= PIECE_LINES:
                cutter.flush()
        match = FENCE_OPEN.match(line)
        if match and not (match.group(1)[0] == "`" and "`" in match.group(2)):
            fence = match.group(1)
        cutter.block.append(line)
        previous_blank = not line.strip(" \t")
        index += 1
    cutter.flush()
    return cutter.pieces if len(cutter.pieces) > 1 else None


class _Span:
    """A cell that measures as the widest cells of a column do (never drawn)."""

    def __init__(self, least: int, most: int) -> None:
        self.least, self.most = least, most

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(self.least, self.most)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from ()


def _table(show_header: bool) -> Table:
    """A table set up as Rich's Markdown sets up a table."""
    return Table(box=box.SIMPLE, pad_edge=False, style="markdown.table.border", show_edge=True,
                 collapse_padding=True, show_header=show_header)


def column_widths(table: BigTable, console: Console, options: ConsoleOptions) -> list[int]:
    """The widths Rich gives the table's columns, measured from the cells as written (a cell's
    markup, dropped when drawn, counts: at worst a column is a little wider)."""
    measuring = _table(True)
    for _ in table.widest:
        measuring.add_column("")
    measuring.add_row(*(_Span(most, most) for most in table.widest))
    # As Table.__rich_console__ does: the columns share the width less the table's borders.
    options = options.update_width(options.max_width - measuring._extra_width)
    natural = sum(most + measuring._get_padding_width(number) for number, most in enumerate(table.widest))
    if natural <= options.max_width:
        # Every column as wide as its widest cell: how narrow a column could be does not matter.
        return measuring._calculate_column_widths(console, options)
    # Too wide: Rich narrows the columns down to their longest words, so those are measured too.
    least = [max((cell_len(word) for word in cell.split()), default=0) for cell in _cells(table.header)]
    for row in table.rows:
        for number, cell in enumerate(_cells(row)[:len(least)]):
            if len(cell) > least[number]:
                least[number] = max(least[number], max((cell_len(word) for word in cell.split()), default=0))
    measuring = _table(True)
    for _ in table.widest:
        measuring.add_column("")
    measuring.add_row(*(_Span(low, most) for low, most in zip(least, table.widest)))
    return measuring._calculate_column_widths(console, options)


class _FixedTable(TableElement):
    """Rich's Markdown table with the column widths of the whole big table, with or without its
    header."""

    big: BigTable
    show_header = True

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if self.big.widths is None:
            self.big.widths = column_widths(self.big, console, options)
        widths = self.big.widths
        table = _table(self.show_header)
        if self.header is not None and self.header.row is not None:
            for column in self.header.row.cells:
                heading = column.content.copy()
                heading.stylize("markdown.table.header")
                table.add_column(heading)
        for number, table_column in enumerate(table.columns):
            if number < len(widths):
                table_column.width = max(widths[number] - table._get_padding_width(number), 1)
        if self.body is not None:
            for row in self.body.rows:
                table.add_row(*(element.content for element in row.cells))
        yield table


def piece_markdown(piece: Piece, code_theme: str) -> Markdown:
    """The Markdown of a piece; a run of a big table's rows is drawn with the whole table's
    column widths (measured when the first run is drawn)."""
    table = piece.table
    if table is None:
        return Markdown(piece.text, code_theme=code_theme, hyperlinks=False)
    text = "\n".join([table.header, table.delimiter, *table.rows[piece.start:piece.stop]])
    markdown = Markdown(text, code_theme=code_theme, hyperlinks=False)
    element = type("RunOfRows", (_FixedTable,), {"big": table, "show_header": piece.start == 0})
    # Rich keeps the element table on the class; this one Markdown gets its own.
    markdown.elements = {**Markdown.elements, "table_open": element}  # type: ignore[misc]  # ClassVar set per instance
    return markdown


def trim_run(piece: Piece, lines: list) -> list:
    """A piece's drawn lines; for a run of a table's rows, without what belongs to other runs:
    the blank line and the top edge above the table (drawn by the first run only), and the bottom
    edge below it (by the last)."""
    table = piece.table
    if table is None:
        return lines
    first = piece.start == 0
    last = piece.stop == len(table.rows)
    return lines[(0 if first else 2):(len(lines) if last else len(lines) - 1)]
