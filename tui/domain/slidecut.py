"""Where a Markdown file splits: its front matter and its `---` slide separators, found without
YAML or anything else heavy (a deck's opening cuts the start of a file with these; slides.py
splits whole files with the same rules)."""

from __future__ import annotations

import re
from collections.abc import Iterator

SEPARATOR = re.compile(r"^ {0,3}-{3,}[ \t]*$")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
FRONT_MATTER_KEY = re.compile(r"^[A-Za-z_][\w-]*[ \t]*:")


def closes_fence(match: re.Match[str], fence: str) -> bool:
    """True when a fence line closes the open `fence`: same character, at least as long, no info."""
    return match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) and not match.group(2).strip()


def front_matter_end(lines: list[str]) -> int | None:
    """The index of the line closing the front matter: 0 when there is none, None when it is
    opened and never closed (an error `split_front_matter` reports). Reads no YAML."""
    if not lines or lines[0].rstrip() != "---":
        return 0
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    first = next((line for line in lines[1:end] if line.strip()), "")
    if not FRONT_MATTER_KEY.match(first):
        return 0
    return end


def separators(lines: list[str], start: int) -> Iterator[int]:
    """The indices of the `---` lines that split slides, from line `start` on, outside fenced
    code, as `_chunks` splits a file that does not use `end_slide`. Lazy: the lines before a
    separator decide it, so the start of a file can be cut into slides without the rest."""
    fence: str | None = None
    for index in range(start, len(lines)):
        line = lines[index]
        match = FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
        elif fence is not None and match and closes_fence(match, fence):
            fence = None
        elif fence is None and SEPARATOR.match(line):
            yield index
