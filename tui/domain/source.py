"""Reading a user's file into clean text: size limit, encoding, line endings, control codes.

Text from a deck or bank is data. Control codes (ESC, BEL, C1 controls...) are removed here,
once, so nothing a file holds can reach the terminal as an escape sequence.
"""

from __future__ import annotations

import re
from pathlib import Path

from tui.domain.errors import PodiumError, Problem

MAX_FILE_BYTES = 2 * 1024 * 1024
"""Files larger than this are refused before they are read whole."""

# Every C0 control but tab and newline, DEL, and the C1 controls; also the bidi overrides,
# which can make text display differently from what it says.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


# In a file or folder name every control code goes, tab and newline too: a name is one line.
_NAME_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe_name(name: str, replacement: str = "?") -> str:
    """A file or folder name fit to print: each control code becomes `replacement` (as `ls` shows it)."""
    return _NAME_CONTROL.sub(replacement, name)


def safe_text(text: str, replacement: str = "?") -> str:
    """A message fit to print: each control code but tab and newline becomes `replacement`."""
    return _CONTROL.sub(replacement, text)


def clean_text(text: str) -> str:
    """Normalise line endings to LF and remove control codes."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def decode(data: bytes, path: str) -> str:
    """Decode UTF-8 (with or without a BOM), or raise a `PodiumError` at the first bad byte."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        col = error.start - (before.rfind(b"\n") + 1) + 1
        message = f"not UTF-8 text: byte 0x{data[error.start]:02x} cannot be decoded"
        raise PodiumError([Problem(path, line, col, message)]) from None
    if "\x00" in text:
        index = text.index("\x00")
        line = text.count("\n", 0, index) + 1
        col = index - (text.rfind("\n", 0, index) + 1) + 1
        raise PodiumError([Problem(path, line, col, "binary file: it holds a NUL byte")])
    return clean_text(text)


def read_source(path: Path, shown_as: str | None = None) -> str:
    """Read a user's text file; every failure is a `PodiumError` naming the file."""
    name = shown_as or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            limit = MAX_FILE_BYTES // (1024 * 1024)
            message = f"file is {size:,} bytes, over the {limit} MiB limit for a deck file"
            raise PodiumError([Problem(name, 1, 1, message)])
        data = path.read_bytes()
    except IsADirectoryError:
        raise PodiumError([Problem(name, 1, 1, "is a folder, not a file")]) from None
    except FileNotFoundError:
        raise PodiumError([Problem(name, 1, 1, "no such file")]) from None
    except OSError as error:
        raise PodiumError([Problem(name, 1, 1, f"cannot be read: {error.strerror}")]) from None
    return decode(data, name)


def display_path(path: Path) -> str:
    """How a file is named in messages: relative to the working folder when inside it, with any
    control code in the name shown as '?', so a file name cannot send escapes to the terminal."""
    try:
        return safe_name(str(path.absolute().relative_to(Path.cwd())))
    except ValueError:
        return safe_name(str(path))
