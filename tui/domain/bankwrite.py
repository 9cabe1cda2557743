"""Writing bank data as podium YAML, checking one question, and telling GIFT from Aiken.

The importers (`gift`, `aiken`) build banks as plain data: a dict with an optional `title` and a
`questions` list of dicts using podium's keys. `dump_bank` turns that into the YAML an author
would write; `validate_question` runs one question through the real loader, so an importer
never hands back a question that `parse_bank` would refuse.
"""

from __future__ import annotations

import re
from typing import Any, Literal

import yaml

from tui.domain.errors import ProblemLog
from tui.domain.quizbank import BANK_KEYS, parse_bank

QUESTION_ORDER = ("id", "type", "prompt", "text", "choices", "pairs", "distractors", "answer", "tolerance",
                  "pattern", "explanation", "hint", "points", "scoring")
"""Keys of a question in the order authors read them: what is asked, then what is right."""

_WIDTH = 100


class _Dumper(yaml.SafeDumper):
    """A safe dumper that indents lists under their key and writes multi-line text as `|`."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # PyYAML puts `- item` flush with its parent key by default; the hand-written banks in
        # docs/authoring.md indent it, and generated banks should look the same.
        super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # A literal block keeps a multi-line prompt readable. PyYAML falls back to a quoted style
    # by itself when the text cannot be a block (trailing spaces, special characters).
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def _dump(value: Any) -> str:
    return yaml.dump(value, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=_WIDTH,
                     default_flow_style=False)


def _ordered(question: dict[str, Any]) -> dict[str, Any]:
    known = {key: question[key] for key in QUESTION_ORDER if key in question}
    # Keys podium does not know are kept (last) rather than dropped: the loader then names them.
    known.update({key: value for key, value in question.items() if key not in known})
    return known


def dump_bank(data: dict[str, Any], schema: str | None = None) -> str:
    """YAML text of a bank in podium's format, questions separated by blank lines.

    `schema` is the path of quizbank.schema.json as seen from where the file will be saved; when
    given, a `yaml-language-server` comment lets editors check and complete the file.
    """
    parts: list[str] = []
    if schema:
        parts.append(f"# yaml-language-server: $schema={schema}\n")
    head = {key: data[key] for key in BANK_KEYS if key in data and key != "questions"}
    head.update({key: value for key, value in data.items() if key not in BANK_KEYS})
    if head:
        parts.append(_dump(head))
    questions = data.get("questions") or []
    if not questions:
        parts.append("questions: []\n")
        return "".join(parts)
    items: list[str] = []
    for question in questions:
        # Each question is dumped on its own and indented as a whole, so a blank line can go
        # between questions without guessing where one ends inside the YAML text.
        dumped = _dump([_ordered(question)])
        items.append("".join(f"  {line}" if line.strip() else line
                             for line in dumped.splitlines(keepends=True)))
    parts.append("questions:\n" + "\n".join(items))
    return "".join(parts)


def validate_question(question: dict[str, Any]) -> str | None:
    """The first error the real loader finds in this one question, or None when it loads."""
    log = ProblemLog()
    parse_bank(dump_bank({"questions": [question]}), "<import>", log)
    return log.errors[0].message if log.errors else None


ImportFormat = Literal["gift", "aiken"]

_AIKEN_ANSWER = re.compile(r"^[ \t]*ANSWER:[ \t]*[A-Za-z]", re.MULTILINE | re.IGNORECASE)
_AIKEN_OPTION = re.compile(r"^[ \t]*[A-Z][.)][ \t]*\S", re.MULTILINE)
_GIFT_BLOCK = re.compile(r"(?<!\\)\{")
_GIFT_MARKS = re.compile(r"^[ \t]*(?:::|\$CATEGORY:)", re.MULTILINE)


def detect_format(text: str, filename: str) -> ImportFormat:
    """Which importer reads this file: `.gift` is GIFT, `.aiken` is Aiken, anything else (Moodle
    exports both as `.txt`) is decided by content.

    Aiken files have `ANSWER: X` lines after lettered options; GIFT files have `{...}` answer
    blocks, `::title::` names or `$CATEGORY:` lines. When both kinds of sign are present the
    more frequent wins; with none, GIFT is assumed (its importer then says what is wrong).
    """
    name = filename.lower()
    if name.endswith(".gift"):
        return "gift"
    if name.endswith(".aiken"):
        return "aiken"
    answers = len(_AIKEN_ANSWER.findall(text))
    if answers and _AIKEN_OPTION.search(text):
        gift_signs = len(_GIFT_BLOCK.findall(text)) + len(_GIFT_MARKS.findall(text))
        if answers > gift_signs:
            return "aiken"
    return "gift"
