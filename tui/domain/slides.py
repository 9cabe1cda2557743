"""Markdown text -> slides: front matter, separators, pauses and speaker notes.

The format (see docs/authoring.md):
- optional YAML front matter between `---` lines at the very top of the file;
- slides split on a `---` line outside fenced code, or on `<!-- end_slide -->` (when a file uses
  `end_slide`, as presenterm decks do, only `end_slide` splits and `---` stays a rule);
- `<!-- pause -->`, `<!-- stop -->` and a `. . .` line reveal a slide step by step;
- `<!-- notes: ... -->`, `<!-- note: ... -->` and `<!-- speaker_note: ... -->` are speaker notes;
  in a Marp deck (`marp: true`) every comment that is not a directive is a note too;
- any other HTML comment is never shown.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass

from tui.domain.deck import Slide
from tui.domain.errors import ProblemLog
from tui.domain.slidecut import FENCE, FRONT_MATTER_KEY, SEPARATOR, closes_fence
from tui.domain.suggest import closest
from tui.domain.yamlsource import YamlMap, load_yaml

# A closing run of `#` counts only after a space, so `# C#` is titled "C#" (CommonMark).
_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_END_SLIDE = re.compile(r"^\s*<!--\s*end_slide\s*-->\s*$")
_PANDOC_PAUSE = re.compile(r"^\.[ \t]\.[ \t]\.[ \t]*$")
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_NOTE_KEYWORD = re.compile(r"^\s*([A-Za-z_]+)\s*:", re.DOTALL)
# Marp's directives (https://marpit.marp.app/directives): a comment holding one is not a note.
MARP_DIRECTIVES = ("theme", "style", "headingDivider", "size", "math", "marp", "title", "description",
                   "author", "image", "keywords", "url", "lang", "paginate", "header", "footer", "class",
                   "backgroundColor", "backgroundImage", "backgroundPosition", "backgroundRepeat",
                   "backgroundSize", "color")
_MARP_DIRECTIVE = re.compile(r"^\s*_?(" + "|".join(MARP_DIRECTIVES) + r")\s*:[^\n]*$")

NOTE_KEYWORDS = ("notes", "note", "speaker_note")
PAUSE_KEYWORDS = ("pause", "stop")
_PAUSE = "\x00pause\x00"  # a marker no cleaned text can hold


@dataclass(frozen=True)
class ParsedFile:
    """What one Markdown file holds before it becomes a section."""

    front_matter: YamlMap
    slides: tuple[Slide, ...]


def split_front_matter(
    lines: list[str], path: str, log: ProblemLog
) -> tuple[YamlMap, int]:
    """Front matter and the index of the first body line (0 when there is none)."""
    empty = YamlMap()
    if not lines or lines[0].rstrip() != "---":
        return empty, 0
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    first = next((line for line in lines[1:end] if line.strip()), "")
    if end is None or not FRONT_MATTER_KEY.match(first):
        if end is None and FRONT_MATTER_KEY.match(first):
            log.error(path, 1, 1, "front matter opened with '---' is never closed with '---'")
            return empty, len(lines)
        return empty, 0  # a leading separator, not front matter
    data = load_yaml("\n".join(lines[1:end]), path, log, line_offset=1)
    if data is None:
        return empty, end + 1
    if not isinstance(data, YamlMap):
        log.error(path, 2, 1, "front matter must be a mapping of keys to values")
        return empty, end + 1
    return data, end + 1


def _unclosed_comment(text: str) -> int:
    """Where a `<!--` in `text` opens a comment that is never closed, or -1."""
    return _COMMENT.sub(lambda m: " " * len(m.group(0)), text).find("<!--")


def _uses_end_slide(lines: list[str]) -> bool:
    """True when an `<!-- end_slide -->` line stands outside fenced code."""
    fence: str | None = None
    for line in lines:
        match = FENCE.match(line)
        if match and (fence is None or closes_fence(match, fence)):
            fence = match.group(1) if fence is None else None
        elif fence is None and _END_SLIDE.match(line):
            return True
    return False


_METADATA_LINE = re.compile(r"^(?:[A-Za-z_][\w-]*[ \t]*:(?:[ \t].*)?|[ \t]+\S.*|[ \t]*-[ \t].*)$")


def slide_metadata(chunk: list[str]) -> bool:
    """True for Slidev-style per-slide front matter: `key: value` lines right between two `---`.

    It starts and ends without a blank line and holds only keys (with indented or list
    continuations), so it is never mistaken for a slide that merely begins with `Note: ...`.
    """
    if not chunk or not chunk[0].strip() or not chunk[-1].strip():
        return False
    if not FRONT_MATTER_KEY.match(chunk[0]):
        return False
    return all(_METADATA_LINE.match(line) for line in chunk if line.strip())


def _chunks(lines: list[str], start: int, path: str, log: ProblemLog) -> list[tuple[int, list[str]]]:
    """Split body lines into slides: (first line number, lines) pairs."""
    fence: str | None = None
    fence_line = 0
    uses_end_slide = _uses_end_slide(lines[start:])
    chunks: list[tuple[int, list[str]]] = [(start + 1, [])]
    for index in range(start, len(lines)):
        line = lines[index]
        match = FENCE.match(line)
        if fence is None and match:
            fence, fence_line = match.group(1), index + 1
        elif fence is not None and match and closes_fence(match, fence):
            fence = None
        elif fence is None and (_END_SLIDE.match(line) if uses_end_slide else SEPARATOR.match(line)):
            previous = lines[index - 1] if index > start else ""
            if not uses_end_slide and previous.strip() and not SEPARATOR.match(previous) \
                    and not slide_metadata(chunks[-1][1]):
                log.warning(path, index + 1, 1,
                            "'---' directly under a text line is a heading in CommonMark; "
                            "put a blank line before the slide separator")
            chunks.append((index + 2, []))
            continue
        chunks[-1][1].append(line)
    if fence is not None:
        log.warning(path, fence_line, 1, "code fence is never closed; it runs to the end of the file")
    return chunks


def _parse_slide(first_line: int, lines: list[str], path: str, log: ProblemLog,
                 marp: bool) -> Slide | None:
    """One chunk of lines -> a slide, or None when it shows nothing and has no notes."""
    notes: list[str] = []
    fence: str | None = None
    out: list[str] = []
    # Fenced code is kept verbatim; comments and pause lines are read only outside it.
    index = 0
    while index < len(lines):
        line = lines[index]
        match = FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
        elif fence is not None and match and closes_fence(match, fence):
            fence = None
        if fence is not None or match:
            out.append(line)
            index += 1
            continue
        if _PANDOC_PAUSE.match(line):
            out.append(_PAUSE)
            index += 1
            continue
        if "<!--" in line:
            # Gather the whole comment, which may span lines (as may one opened after another).
            gathered = [line]
            end = index
            opened = _unclosed_comment(line)
            while opened >= 0 and end + 1 < len(lines):
                end += 1
                gathered.append(lines[end])
                if "-->" in lines[end]:
                    opened = _unclosed_comment("\n".join(gathered))
            joined = "\n".join(gathered)
            if opened >= 0:
                before = joined[:opened]
                line_number = first_line + index + before.count("\n")
                column = opened - (before.rfind("\n") + 1) + 1
                log.error(path, line_number, column, "HTML comment '<!--' is never closed with '-->'")
                out.append(_COMMENT.sub("", before))
                index = end + 1
                continue
            classify = _classifier(notes, path, first_line + index, line.find("<!--") + 1, log, marp)
            kept = _COMMENT.sub(classify, joined)
            if kept.strip() or not joined.strip().startswith("<!--"):
                out.append(kept)
            index = end + 1
            continue
        out.append(line)
        index += 1
    body = "\n".join(out)
    parts = [part.strip("\n") for part in body.split(_PAUSE)]
    steps = tuple("\n\n".join(part for part in parts[: k + 1] if part.strip()) for k in range(len(parts)))
    if not steps[-1].strip():
        if notes:
            log.warning(path, first_line, 1, "a slide with only speaker notes and nothing to show "
                        "is left out; put the notes on the slide they belong to")
        return None
    return Slide(steps=steps, notes="\n\n".join(notes), title=_title(out), line=first_line)


_BLOCK_SCALAR = re.compile(r"^[ \t]*([|>])[-+]?[ \t]*\n")


def _note_text(text: str) -> str:
    """A note's text; a YAML block scalar (`speaker_note: |` then indented lines, as presenterm
    writes multi-line notes) is read as the lines it holds."""
    block = _BLOCK_SCALAR.match(text)
    if not block:
        return text.strip()
    lines = textwrap.dedent(text[block.end():]).strip()
    if block.group(1) == ">":  # folded: single line breaks become spaces
        lines = re.sub(r"(?<!\n)\n(?!\n)", " ", lines)
    return lines


def _classifier(notes: list[str], path: str, line: int, col: int, log: ProblemLog,
                marp: bool) -> Callable[[re.Match[str]], str]:
    """`_classify` for each comment `re.sub` finds, all reported at `line`:`col`."""
    return lambda match: _classify(match.group(1), notes, path, line, col, log, marp)


def _classify(body: str, notes: list[str], path: str, line: int, col: int,
              log: ProblemLog, marp: bool) -> str:
    """What a comment becomes on the slide: a pause marker, or nothing (notes are collected)."""
    word = body.strip().lower()
    if word in PAUSE_KEYWORDS:
        return _PAUSE
    keyword = _NOTE_KEYWORD.match(body)
    if keyword:
        name = keyword.group(1).lower()
        if name in NOTE_KEYWORDS:
            notes.append(_note_text(body[keyword.end():]))
            return ""
        guess = closest(name, NOTE_KEYWORDS + PAUSE_KEYWORDS + ("end_slide",), cutoff=0.75)
        if guess in NOTE_KEYWORDS:
            log.warning(path, line, col,
                        f"comment keyword '{name}:' is not a notes keyword (did you mean '{guess}:'?); "
                        "it is hidden, not shown as notes")
            return ""
    elif closest(word, PAUSE_KEYWORDS, cutoff=0.75) and word not in PAUSE_KEYWORDS and " " not in word:
        log.warning(path, line, col, f"comment '{word}' is not a pause (did you mean 'pause'?)")
    if marp and not _MARP_DIRECTIVE.match(body):
        notes.append(body.strip())
    return ""


def _title(lines: list[str]) -> str | None:
    fence: str | None = None
    for index, line in enumerate(lines):
        match = FENCE.match(line)
        if match:
            if fence is None:
                fence = match.group(1)
            elif closes_fence(match, fence):
                fence = None
            continue
        if fence:
            continue
        heading = _HEADING.match(line)
        if heading:
            return heading.group(2).strip() or None
        if index + 1 < len(lines) and line.strip() and re.match(r"^ {0,3}=+\s*$", lines[index + 1]):
            return line.strip()
    return None


def parse_markdown(text: str, path: str, log: ProblemLog) -> ParsedFile:
    """Parse one cleaned Markdown file into its front matter and slides."""
    lines = text.split("\n")
    front_matter, start = split_front_matter(lines, path, log)
    marp = front_matter.get("marp") is True
    slides = []
    for first_line, chunk in _chunks(lines, start, path, log):
        if slide_metadata(chunk):
            continue  # per-slide settings of another tool (Slidev): not a slide of its own
        slide = _parse_slide(first_line, chunk, path, log, marp)
        if slide is not None:
            slides.append(slide)
    return ParsedFile(front_matter=front_matter, slides=tuple(slides))
