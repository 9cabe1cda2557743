"""Questions' `tags:` (issue 19): the loader, `podium check` at path:line:col, and the schema."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from jsonschema import Draft202012Validator

from tests.conftest import write_deck
from tests.support.cli import podium
from tui.domain.errors import ProblemLog
from tui.domain.quizbank import parse_bank
from tui.domain.yamlsource import load_yaml
from tui.schemas import __file__ as schemas_init

BANK = textwrap.dedent("""\
    questions:
      - id: q1
        type: true_false
        prompt: Is it?
        answer: true
        tags: [export-controls, "two words", 3.5, exports, exports]
      - id: q2
        type: true_false
        prompt: Is it?
        answer: true
        tags: single-word
      - id: q3
        type: true_false
        prompt: Fine?
        answer: true
        tags:
          - chips
          - 2026
    """)


def test_tags_load_into_the_question() -> None:
    log = ProblemLog()
    bank = parse_bank(BANK.split("  - id: q1")[0] + "  - id: q3" + BANK.split("  - id: q3")[1], "bank.yaml", log)
    assert not log.errors
    assert bank is not None and bank.questions[0].tags == ("chips", "2026")


def test_a_question_without_tags_has_none() -> None:
    log = ProblemLog()
    bank = parse_bank("questions:\n  - id: a\n    type: true_false\n    prompt: P\n    answer: true\n", "b.yaml", log)
    assert bank is not None and bank.questions[0].tags == ()


def test_check_reports_every_bad_tag_at_its_line_and_column(tmp_path: Path) -> None:
    write_deck(tmp_path, {"slides/01-a.md": "# A\n", "quizzes/01-a.yaml": BANK})
    result = podium("check", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "quizzes/01-a.yaml:6:29: error: tag 'two words' must be one word of 1 to 40 characters, without spaces "
        "or commas",
        "quizzes/01-a.yaml:6:42: error: a tag must be a short word, not a number",
        "quizzes/01-a.yaml:6:56: error: tag 'exports' is listed twice",
        "quizzes/01-a.yaml:11:11: error: 'tags' must be a list of short words, not text",
        "4 errors",
    ]


def test_the_schema_accepts_good_tags_and_flags_bad_ones() -> None:
    schema = json.loads((Path(schemas_init).parent / "quizbank.schema.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema)
    log = ProblemLog()
    data = load_yaml(BANK, "bank.yaml", log)
    flagged = sorted("/".join(map(str, error.absolute_path)) for error in validator.iter_errors(data))
    assert flagged == ["questions/0/tags", "questions/0/tags/1", "questions/0/tags/2", "questions/1/tags"]
