"""The `pattern` of a short question: compiled with RE2, so matching takes time linear in the answer.

Python's own `re` backtracks, and a pattern such as `(a+)+$` can keep it busy for hours on a
thirty-character answer. RE2 never backtracks; in exchange it has no backreferences, no
lookarounds and a few other Perl extras, which a bank's check reports as errors.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import re2

# RE2 is imported when a bank first has a pattern to compile: most decks have none, and the
# module with its library costs ~3 MiB of a presenter's memory.

# Constructs of Python's `re` that RE2 rejects, by how they begin, and what a message calls them.
_UNSUPPORTED_GROUPS = {
    "(?=": "a lookahead '(?=...)'",
    "(?!": "a negative lookahead '(?!...)'",
    "(?<=": "a lookbehind '(?<=...)'",
    "(?<!": "a negative lookbehind '(?<!...)'",
    "(?P=": "a backreference '(?P=name)'",
    "(?#": "a comment '(?#...)'",
    "(?(": "a conditional '(?(...)...)'",
    "(?>": "an atomic group '(?>...)'",
    "(?x": "the verbose flag '(?x)'",
    "(?a": "the ASCII flag '(?a)'",
    "(?u": "the unicode flag '(?u)'",
    "(?L": "the locale flag '(?L)'",
}

_BACKREFERENCE = re.compile(r"invalid escape sequence: \\([1-9]\d*)")


class PatternError(ValueError):
    """A pattern RE2 cannot compile, with a message that says why in a bank author's words."""


def _options() -> re2.Options:
    import re2

    options = re2.Options()
    options.case_sensitive = False
    # RE2 logs every rejected pattern to stderr by default; the message is ours to report.
    options.log_errors = False
    return options


def _explain(pattern: str, detail: str) -> str:
    """The message for a rejected pattern, naming the construct RE2 lacks when it is a known one."""
    if detail.startswith("invalid perl operator: "):
        # RE2 quotes the start of the group it stopped at, e.g. `(?<=` or just `(?P`.
        seen = detail.removeprefix("invalid perl operator: ")
        for start in sorted(_UNSUPPORTED_GROUPS, key=len, reverse=True):
            if (start.startswith(seen) or seen.startswith(start)) and start in pattern:
                return (f"'pattern' uses {_UNSUPPORTED_GROUPS[start]}, which podium's pattern engine "
                        f"(RE2) does not support")
    backreference = _BACKREFERENCE.match(detail)
    if backreference:
        return (f"'pattern' uses a backreference '\\{backreference.group(1)}', which podium's pattern "
                f"engine (RE2) does not support")
    return f"'pattern' is not a valid RE2 regular expression: {detail}"


@functools.lru_cache(maxsize=256)
def compile_pattern(pattern: str) -> re2._Regexp:
    """The compiled pattern, case-insensitive; raises PatternError when RE2 cannot take it."""
    import re2

    try:
        return re2.compile(pattern, _options())
    except re2.error as error:
        raw = error.args[0] if error.args else ""
        detail = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
        raise PatternError(_explain(pattern, detail)) from None
    except UnicodeEncodeError:
        raise PatternError("'pattern' is not a valid RE2 regular expression: it holds text that "
                           "is not valid Unicode") from None


def pattern_matches(pattern: str, text: str) -> bool:
    """Whether the whole of `text` matches `pattern`, ignoring case (False when it cannot compile)."""
    try:
        compiled = compile_pattern(pattern)
    except PatternError:
        return False
    # RE2 works on UTF-8: a lone surrogate (never typed, but possible in pasted text) is replaced.
    clean = text.encode("utf-8", "replace").decode("utf-8")
    return compiled.fullmatch(clean) is not None
