"""Measuring slides as the presenter draws them, for the checker's 'too tall' warning.

Drawing a slide with Rich's Markdown costs about 2 ms, so `podium check` of thousands of slides
first bounds each slide's height from its source (`height_bound`, no Rich at all) and draws only
the slides whose bound exceeds the screen. The bound must never be below the drawn height;
tests/test_measure_bound.py compares the two on many kinds of Markdown.
"""

from __future__ import annotations

import io
import re

from tui.domain.deck import Deck
from tui.domain.errors import Problem

# The presenter's slide area at 120x40: a status line and a footer below it, a line of padding
# above, and content at most 100 columns wide less two of padding.
SLIDE_WIDTH = 98
SLIDE_HEIGHT = 37


def slide_height(markdown: str, width: int = SLIDE_WIDTH) -> int:
    """How many lines a slide's Markdown takes when drawn `width` columns wide."""
    from rich.console import Console
    from rich.markdown import Markdown

    console = Console(width=width, file=io.StringIO(), color_system=None, legacy_windows=False)
    return len(console.render_lines(Markdown(markdown, hyperlinks=False), pad=False))


DRAWN_LINES = 400
"""Slides of more source lines than this are not drawn when their table rows alone make them
too tall: drawing costs time and memory in proportion to the slide (a table of 67,000 rows took
half a minute and half a gigabyte), and the warning needs no more than a floor."""


def tall_slides(deck: Deck) -> list[Problem]:
    """A warning for every slide taller than the presenter shows at 120x40 (it would scroll)."""
    problems = []
    for section in deck.sections:
        for slide in section.slides:
            bound = height_bound(slide.markdown)
            if bound is not None and bound <= SLIDE_HEIGHT:
                continue  # cannot be too tall: no need to draw it
            if slide.markdown.count("\n") > DRAWN_LINES:
                floor = table_rows_floor(slide.markdown)
                if floor > SLIDE_HEIGHT:
                    problems.append(Problem(section.path, slide.line, 1,
                                            f"this slide is at least {floor} lines tall; at 120x40 only "
                                            f"{SLIDE_HEIGHT} show without scrolling", "warning"))
                    continue
            height = slide_height(slide.markdown)
            if height > SLIDE_HEIGHT:
                problems.append(Problem(section.path, slide.line, 1,
                                        f"this slide is {height} lines tall; at 120x40 only {SLIDE_HEIGHT} "
                                        "show without scrolling", "warning"))
    return problems


# -- a lower bound of the drawn height: the rows of plain tables ---------------------------------
#
# markdown-it tries the table rule first at every block start, and Rich draws every row of a
# table on at least one line. A table is counted only where nothing else can claim its lines: it
# starts after a blank line (not inside an HTML block or a paragraph), at most 3 spaces in, on a
# line that cannot open another block, under a delimiter row of as many columns; a body row counts
# while it starts like the header, holds no backslash (escaped pipes change the column count) and
# has all the columns (markdown-it ends a table whose rows miss too many cells). Any fence or HTML
# outside column-0 fenced code makes the floor 0: they may hold what looks like a table.

ROW_START = re.compile(r" {0,3}(?:\||[A-Za-z0-9](?!\d{0,8}[.)](?:[ \t]|$)))")
"""A line that may be a table row (markdown-it's rule, as Rich's Markdown parses it)."""
_DELIMITER_CELL = re.compile(r"^:?-+:?$")


def _row_cells(line: str) -> list[str]:
    cells = line.strip(" \t").split("|")
    if cells and cells[0].strip(" \t") == "":
        cells.pop(0)
    if cells and cells[-1].strip(" \t") == "":
        cells.pop()
    return cells


def table_rows_floor(markdown: str) -> int:
    """At most as many lines as `slide_height(markdown)`: the rows of the plain tables in it (see
    above), read from the source in one pass."""
    lines = markdown.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    floor = 0
    index = 0
    fence = ""
    previous_blank = True
    while index < len(lines):
        line = lines[index]
        if fence:
            match = FENCE_CLOSE.match(line)
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = ""
            index += 1
            previous_blank = False
            continue
        match = FENCE_OPEN.match(line)
        if match and not (match.group(1)[0] == "`" and "`" in match.group(2)):
            fence = match.group(1)
            index += 1
            previous_blank = False
            continue
        if _FENCE_ISH.match(line) or line.lstrip(" \t").startswith("<"):
            return 0
        if (previous_blank and index + 1 < len(lines) and "|" in line and "\\" not in line
                and ROW_START.match(line) and ROW_START.match(lines[index + 1])
                and _DELIMITER_ROW.match(lines[index + 1])):
            columns = len(_row_cells(line))
            delimiter = [cell.strip(" \t") for cell in _row_cells(lines[index + 1])]
            if columns and len(delimiter) == columns and all(_DELIMITER_CELL.match(cell) for cell in delimiter):
                floor += 1  # the header
                index += 2
                while (index < len(lines) and "\\" not in lines[index] and ROW_START.match(lines[index])
                       and len(_row_cells(lines[index])) >= columns):
                    floor += 1
                    index += 1
                previous_blank = False
                continue
        previous_blank = not line.strip(" \t")
        index += 1
    return floor


# -- an upper bound of the drawn height, from the source -----------------------------------------
#
# How Rich draws Markdown (rich.markdown, which the bound follows):
# - top-level blocks are drawn one after another with one blank line between them (none after a
#   rule); blocks inside a list item or block quote get no blank line between them;
# - a paragraph or heading is one Text, word-wrapped (rich._wrap.divide_line: a line breaks
#   before a word that does not fit; a word wider than the line is folded); a hard break starts a
#   new line; its text is never wider than its source (markup is dropped, a link `[t](u)` becomes
#   `t (u)`), except through entities, autolinks, reference links, images and link destinations
#   that get percent-encoded: a slide holding any of those is not bounded (None);
# - a list item is drawn 3 cells narrower (a numbered one len(str(last number)) + 2), a block
#   quote 4: at most 4 cells for each column of its marker or indentation in the source;
# - a code block is padded by a line above and below and a cell each side, its lines wrapped;
# - a rule is 2 lines; a table is not bounded (None); HTML is dropped (a block of it still gets
#   the blank lines around it).
#
# Wrapping: a paragraph of C cells whose words are at most the line width w wide, drawn in n
# lines, breaks each line i < n before a word W_i that did not fit: cells(line i) + |W_i| > w.
# Summed over the paragraphs of a run of lines: (lines beyond one per paragraph) * (w + 1) <=
# (their cells) + (the widest such words), so N extra lines need N (w + 1) <= C + (the N widest
# words). When a word is wider than w, two consecutive lines hold at least w cells together, so
# a paragraph takes at most 2 floor(C / w) + 1 lines. A line of at most w cells is one line.
#
# Blank lines: each source line counts for at least one drawn line, so a blank line pays for the
# blank line Rich puts before the next top-level block. A block that starts right under another
# line without a blank line between costs one more, unless the line is known to continue the
# same top-level block (the next line of a paragraph, the next item of the same list, the next
# line of the same block quote, more lines of an open list item, code inside a fence). Rich
# puts a blank line before a list or quote even when it opens the slide: one more then.

_BULLET = re.compile(r"[-*+](?=[ \t]|$)")
_ORDERED = re.compile(r"(\d{1,9})[.)](?=[ \t]|$)")
_ATX = re.compile(r"#{1,6}(?:[ \t]|$)")
_HR = re.compile(r"([-*_])(?:[ \t]*\1){2,}[ \t]*$")
FENCE_OPEN = re.compile(r"(`{3,}|~{3,})(.*)$")
"""A line opening fenced code where these measures and slide_pieces look for one (at its start)."""
FENCE_CLOSE = re.compile(r" {0,3}(`{3,}|~{3,})[ \t]*$")
"""A line that may close fenced code: the fence alone, indented up to 3 spaces."""
_FENCE_ISH = re.compile(r"[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+[ \t>]*)*(?:```|~~~)")
_RULE_CHARS = re.compile(r"[ \t>*+\-_\d.)]*$")
_SETEXT = re.compile(r"(?:=+|-+)[ \t]*$")
_DELIMITER_ROW = re.compile(r"[ \t>]*[|:-][|:\- \t]+$")
# What the bound does not cover: entities, images, reference definitions, raw HTML (`<` then a
# letter, `/`, `?` or `!`) and autolinks (`<...>` without blanks, e.g. <1a@b.org>).
_UNBOUNDED = re.compile(r"&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{0,40});|!\[|\]:"
                        r"|<[A-Za-z/?!]|<[^\s<>]*>")
# Control characters but tab and newline, and Unicode's line and paragraph separators.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
# Characters a link destination keeps as they are (markdown-it percent-encodes the others).
_URL_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789;/?:@&=+$,-_.!~*'#")
# First characters of a line (after its blanks) that may start a container, or a rule.
_MARKER_HEADS = frozenset(">-*+0123456789")
_RULE_HEADS = frozenset(">-*+_0123456789")
# Characters Rich draws one cell wide (its own fast path); any other is counted as two.
_WIDE = re.compile("[^\x00-\x7f\xa0-\u02ff\u0370-\u0482]")
# A word, as far as wrapping goes: whitespace next to a backtick does not end it, since a code
# span drops the space just inside it (`` x` a `y `` draws as "xay").
_WORD = re.compile(r"(?:\S|(?<=`)\s+|\s+(?=`))+")
_NON_BLANK = re.compile(r"\S+")


class _Unbounded(Exception):
    """The slide holds something `height_bound` does not bound."""


def _cells(text: str) -> int:
    """At least as many cells as Rich gives `text` (a tab as 8, any non-Latin character as 2)."""
    if text.isascii():
        return len(text) + 7 * text.count("\t") if "\t" in text else len(text)
    return len(text) + 7 * text.count("\t") + len(_WIDE.findall(text))


def _columns(blank: str) -> int:
    """The most columns a run of spaces and tabs can take (a tab as 4)."""
    return len(blank) + 3 * blank.count("\t")


def _prefix(line: str) -> tuple[int, int, int, list[str]]:
    """A line's container markers: (the most columns they take with the blanks around them,
    where the text after them starts, the widest run of blanks after a marker, the markers:
    '>', a bullet or a number with its '.' or ')')."""
    index = 0
    columns = 0
    widest = 0
    markers: list[str] = []
    end = len(line)
    while True:
        start = index
        while index < end and line[index] in " \t":
            index += 1
        run = _columns(line[start:index])
        columns += run
        if markers:
            widest = max(widest, run)
        if index < end and line[index] == ">":
            markers.append(">")
            index += 1
            columns += 1
            continue
        match = _BULLET.match(line, index) or _ORDERED.match(line, index)
        if not match:
            return columns, index, widest, markers
        markers.append(match.group())
        columns += match.end() - index
        index = match.end()


def _content_col(line: str, lead: int) -> int:
    """The column where the text of the list item opened at `lead` in `line` starts, as
    markdown-it reads it (a line indented that much or more is in the item); a tab in the way
    makes it unknown, taken as very large."""
    match = _BULLET.match(line, lead) or _ORDERED.match(line, lead)
    assert match is not None
    after = line[match.end():]
    spaces = len(after) - len(after.lstrip(" \t"))
    if "\t" in line[:match.end() + spaces]:
        return 1 << 30
    if spaces == 0 or spaces > 4 or not after.strip():
        spaces = 1
    return match.end() + spaces


def _is_text(content: str) -> bool:
    """True when `content` (a line's text after its container markers) reads as paragraph text."""
    return bool(content) and not (_ATX.match(content) or content.startswith(("```", "~~~", "<", "|"))
                                  or _SETEXT.match(content) or _might_be_rule(content))


def _might_be_rule(text: str) -> bool:
    """True when `text` could hold a thematic break (after list or quote markers)."""
    return _RULE_CHARS.match(text) is not None and (
        text.count("-") >= 3 or text.count("*") >= 3 or text.count("_") >= 3)


def _wrapped(cells: list[int], words: list[int], width: int, single: bool) -> int:
    """At most how many lines a run of source lines (`cells` wide each, plus one for the break
    after each unless `single`: a paragraph that is exactly one line) takes when wrapped `width`
    wide, whatever paragraphs they make; `words` are the widths of the words they hold."""
    count = len(cells)
    if single and cells[0] <= width:
        return 1
    total = sum(cells) + (0 if single else count)
    if words and max(words) > width:
        return 2 * (total // width) + count
    ranked = sorted(words, reverse=True)
    extra = 0
    widest = 0  # the widest `extra + 1` words together
    while extra <= total:
        if extra < len(ranked):
            widest += ranked[extra]
        if (extra + 1) * (width + 1) > total + widest:
            break
        extra += 1
    return count + extra


def _links_bounded(text: str) -> bool:
    """True when every inline link destination in `text` is drawn as it is written: plain
    characters only, no title, nothing markdown-it would percent-encode or punycode."""
    start = text.find("](")
    while start >= 0:
        index = start + 2
        depth = 0
        while True:
            if index >= len(text):
                return False
            char = text[index]
            if char == "(":
                depth += 1
            elif char == ")":
                if depth == 0:
                    break
                depth -= 1
            elif char not in _URL_SAFE:
                return False
            index += 1
        start = text.find("](", index)
    return True


def height_bound(markdown: str, width: int = SLIDE_WIDTH) -> int | None:
    """At least as many lines as `slide_height(markdown, width)`, read from the source alone; None
    when the slide holds something this does not bound (tables, images, HTML, entities...)."""
    if "\r" in markdown:  # markdown-it reads CR and CRLF as line ends too
        markdown = markdown.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL.search(markdown):  # (podium's files hold none: read_source removes them)
        return None
    lines = markdown.split("\n")
    # Fenced code opened at column 0 is top-level code whatever comes before it: found first,
    # and left out of what the rest looks at.
    kind: list[str] = []  # per line: "open", "code", "close", or "" outside such code
    fence = ""
    indented_fence = False  # a fence indented 1 to 3 spaces was seen: it may hold what follows
    for line in lines:
        if fence:
            match = FENCE_CLOSE.match(line)
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                kind.append("close")
                fence = ""
            else:
                kind.append("code")
            continue
        match = FENCE_OPEN.match(line)
        if match and not (match.group(1)[0] == "`" and "`" in match.group(2)):
            if indented_fence:
                return None
            kind.append("open")
            fence = match.group(1)
        else:
            kind.append("")
            if line[:1] == " " and line.lstrip(" ").startswith(("```", "~~~")):
                indented_fence = True
    outside = [line for line, what in zip(lines, kind) if not what]
    text = "\n".join(outside)
    if _UNBOUNDED.search(text) or ("](" in text and not _links_bounded(text)):
        return None
    if "|" in text and any(_DELIMITER_ROW.match(line) for line in outside):
        return None
    try:
        return _bound(lines, kind, width, careful=any(_FENCE_ISH.match(line) for line in outside))
    except _Unbounded:
        return None


def _bound(lines: list[str], kind: list[str], width: int, careful: bool) -> int:
    """`height_bound` once the slide is known to hold only what it bounds. `careful`: there may
    be code outside column-0 fences (the line rules then assume little)."""
    total = 0
    chunk: list[int] = []  # the current run of non-blank lines outside fenced code
    starts: list[bool] = []  # for each: a paragraph surely starts on it
    counted: list[str] = []  # for each: its text, as counted
    prefixes: list[int] = []  # for each: the most columns its container markers take
    previous_blank = True  # (the start of the slide counts as a blank line)
    paragraph = False  # the previous line is surely paragraph text
    not_paragraph = False  # the previous line is surely not paragraph text (a heading, a rule)
    heading = False  # the previous line is surely an ATX heading
    top_list: str | None = None  # the kind of the top-level list the lines are in, when sure
    content_col = 0  # the least column the text of that list's last item starts at
    first_block = True  # no line outside fenced code seen yet

    def close_chunk() -> int:
        if not chunk:
            return 0
        usable = width - 4 * max(prefixes) - (2 if careful else 0)
        if usable < 8:
            raise _Unbounded
        cells = [_cells(item) for item in counted]
        words: list[tuple[int, int, int]] | None = None  # spans in `joined` and their cells, found when needed
        rows = 0
        first = 0
        for position in range(1, len(chunk) + 1):
            if position < len(chunk) and not starts[position]:
                continue
            if position - first == 1 and cells[first] <= usable:
                rows += 1  # one line that is one paragraph, and fits
            else:
                if words is None:
                    joined = "\n".join(lines[index] for index in chunk)
                    found = (_WORD if "`" in joined else _NON_BLANK).finditer(joined)
                    if joined.isascii() and "\t" not in joined:
                        words = [(a, b, b - a) for a, b in map(re.Match.span, found)]
                    else:
                        words = [(match.start(), match.end(), _cells(match.group())) for match in found]
                    offsets = []
                    offset = 0
                    for index in chunk:
                        offsets.append(offset)
                        offset += len(lines[index]) + 1
                low = offsets[first]
                high = offsets[position - 1] + len(lines[chunk[position - 1]])
                widths = [cells_ for a, b, cells_ in words if a < high and b > low]
                rows += _wrapped(cells[first:position], widths, usable, position - first == 1)
            first = position
        chunk.clear()
        starts.clear()
        counted.clear()
        prefixes.clear()
        return rows

    for index, line in enumerate(lines):
        what = kind[index]
        if what:  # column-0 fenced code: the fences, a line above and below, the code wrapped
            total += close_chunk()
            if what == "open":
                total += 3 + (0 if previous_blank else 1)
            elif what == "code":
                total += _wrapped([_cells(line)], [_cells(word) for word in line.split()], width - 2, True)
            else:
                total += 1
            previous_blank = paragraph = heading = first_block = False
            not_paragraph = True
            top_list = None
            continue
        if not line.strip(" \t"):
            total += close_chunk() + 1
            previous_blank = True
            paragraph = not_paragraph = heading = False
            continue

        rest = line.lstrip(" \t")
        lead = len(line) - len(rest)  # leading blanks, a tab as 1 column: the least they take
        lead_most = _columns(line[:lead]) if lead else 0  # ... a tab as 4: the most
        head = rest[0]
        if head in _MARKER_HEADS:
            columns, start, widest, markers = _prefix(line)
            content = line[start:].strip(" \t")
        else:  # the usual line of text: no container markers
            columns, widest, markers = lead_most, 0, []
            content = rest.rstrip(" \t")
        first = markers[0] if markers else ""
        atx = head == "#" and _ATX.match(rest) is not None
        rule = head in _RULE_HEADS and _might_be_rule(rest)
        hr = rule and lead_most <= 3 and _HR.match(rest) is not None  # `* * *` is a rule, not a list
        listed = first not in ("", ">") and not hr
        plain = not (head in "><|" or listed or atx or rule or (head in "=-" and _SETEXT.match(rest))
                     or (head in "`~" and rest.startswith(("```", "~~~"))))
        # Surely a list item: a bullet, or the number 1, followed by text (such an item ends a
        # paragraph wherever it stands).
        item = listed and lead_most <= 3 and bool(line[lead + len(first):].strip(" \t")) and (
            first[0] in "-*+" or first[:-1] == "1")
        continues = not previous_blank and plain and paragraph  # the next line of a paragraph
        sibling = not careful and not previous_blank and lead == 0 and listed and top_list == first[-1]

        if first_block:
            first_block = False
            if markers:
                total += 1  # Rich puts a blank line before a list or quote even at the top
        if rule:
            total += 1  # a rule is drawn as two lines
        if content and not content.strip("# \t").strip():
            # An empty heading, or a paragraph of Unicode spaces that markdown-it strips to nothing:
            # Rich puts a blank line before it even at the top.
            total += 1
        # Code the line rules cannot follow: an indented code block, or code in a list or quote.
        if not careful and (widest >= 4 or (lead_most >= 4 and not continues and not (
                top_list is not None and content_col <= lead and lead_most < content_col + 4))):
            careful = True
        if careful and (widest >= 4 or lead_most >= 4 or _FENCE_ISH.match(line)):
            total += 2  # the lines above and below a code block

        # A blank line Rich puts before a top-level block starting right under another line.
        if not previous_blank:
            same_block = not careful and (
                continues or sibling
                or (lead == 0 and rest.startswith(">") and lines[index - 1].startswith(">"))
                or (top_list is not None and lead >= content_col))
            if not same_block:
                total += 1

        # Does a paragraph (a new Text) surely start here?
        sure = previous_blank or heading or item or sibling or hr or (lead_most <= 3 and atx)
        # The text as counted: container markers are left out where they surely are markers.
        if careful:
            text = line
        elif previous_blank or not_paragraph or item or sibling:
            text = content
        else:
            text = rest

        # The top-level list, when sure of it.
        if careful:
            top_list = None
        elif lead == 0 and listed:
            if top_list == first[-1]:
                content_col = _content_col(line, 0)
            elif previous_blank or not_paragraph or item:
                top_list = first[-1]  # the bullet, or the '.' or ')' after the number
                content_col = _content_col(line, 0)
            else:
                top_list = None
        elif top_list is not None and not continues and not (lead > 0 and lead >= content_col):
            top_list = None

        chunk.append(index)
        starts.append(sure)
        counted.append(text)
        prefixes.append(columns)
        previous_blank = False
        paragraph = not careful and _is_text(content)
        heading = lead_most <= 3 and atx
        not_paragraph = heading or hr
    return total + close_chunk()
