"""Property tests: whatever text a deck or bank holds, loading it ends in a result or in
problems with real positions, never in any other exception.

Inputs are arbitrary text, Markdown- and YAML-flavoured noise, and mutations of the bundled
slide files and banks (lines deleted, duplicated or swapped; syntax characters inserted).
Failing cases found by Hypothesis are kept in tests/.hypothesis-db and replayed on every run.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from hypothesis.database import DirectoryBasedExampleDatabase

from tui.domain.deck import Slide
from tui.domain.errors import PodiumError, Problem, ProblemLog
from tui.domain.loader import load_presentation
from tui.domain.paths import bundled_deck
from tui.domain.quizbank import QUESTION_TYPES, QuizBank, parse_bank
from tui.domain.slides import ParsedFile, parse_markdown
from tui.domain.source import clean_text, decode
from tui.domain.yamlsource import YamlMap

DATABASE = DirectoryBasedExampleDatabase(str(Path(__file__).parent / ".hypothesis-db"))


def fuzz(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        database=DATABASE,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


BUNDLED = bundled_deck()
SLIDE_TEXTS = [path.read_text(encoding="utf-8") for path in sorted((BUNDLED / "slides").glob("*.md"))]
BANK_TEXTS = [path.read_text(encoding="utf-8") for path in sorted((BUNDLED / "quizzes").glob("*.yaml"))]

SYNTAX = list("-#:[]{}\"'*&!\t\r\n|>%@`~.,?=") + [
    "---", "...", "```", "~~~", "<!--", "-->", "<!-- pause -->", "<!-- notes:", "<!-- end_slide -->",
    ". . .", "&a ", "*a", "<<: *a", "!!python/object:os.system ", "!tag ", "\t- ", "  - ", "key: ",
    "\"", "'", "\\", "\x00", "\x1b[31m", "\u202e", "\ufeff", "é", "\r\n", "===", "# ",
    # values that look like a type but do not hold one, and other constructor traps
    "2026-02-30", "2026-13-01 10:00:00", "9" * 400, "9" * 4400, "!!float x ", "!!bool x ", "!!int x ",
    "!!timestamp x ", "!!map ", "!!seq ", "!!set ", "!!binary ", "!!omap ", "1:2:3", ".inf", ".nan",
    "0x", "0b", "~", "? ", "a" * 300, "../", "/",
]

MD_LINES = [
    "", "---", "--- ", "   ---", "***", "# Title", "## Sub", "Setext", "===", "text line", "- item",
    "```", "```python", "~~~", "````", "<!-- pause -->", "<!-- stop -->", ". . .", "<!-- notes: n -->",
    "<!-- notes:", "-->", "<!-- note: x", "<!-- speaker_note: |", "  indented note", "<!-- end_slide -->",
    "<!-- speaker_notes: y -->", "<!-- puase -->", "<!--", "title: T", "takeaways:", "  - t",
    "quiz: false", "quiz: ../x.yaml", "quiz: quizzes/none.yaml", "marp: true", "<!-- _class: lead -->",
    "...", "\ttab", "key: [", "a: \"open", "date: 2026-02-30", "title: " + "9" * 400, "quiz: " + "a" * 300,
    "quiz: /etc/passwd", "quiz: quizzes/01-fuzz.yaml", "takeaways: !!set {a, b}",
]

YAML_LINES = [
    "questions:", "  - id: a", "  - id: a", "    type: single", "    type: multiple", "    type: true_false",
    "    type: short", "    type: numeric", "    type: order", "    type: bogus", "    prompt: P",
    "    prompt: \"\"", "    choices: [A, B]", "    choices: [A]", "    choices:", "      - A", "      - A",
    "    answer: A", "    answer: [A, B]", "    answer: true", "    answer: [5, 1]", "    answer: 3",
    "    answer:", "    pattern: \"[\"", "    pattern: a+", "    tolerance: -1", "    tolerance: 0.5",
    "    scoring: all_or_nothing", "    points: 0", "    points: 2", "    hint: h", "    explanation: e",
    "title: T", "pass_mark: 70%", "pass_mark: 150", "shuffle: maybe", "hint_penalty: 50%",
    "base: &b {x: 1}", "    <<: *b", "\t- id: t", "questions: [", "- not a mapping", "key: !!python/name:os.system",
    "    answer: 2026-02-30", "    points: " + "9" * 400, "    answer: " + "9" * 5000, "pass_mark: " + "9" * 400,
    "    tolerance: !!float nope", "    answer: !!map [1]", "    choices: !!seq {a: 1}", "date: 2026-13-01",
    "    answer: .nan", "    answer: [.inf, 1]", "    points: .inf", "    id: !!binary aGk=",
]


@st.composite
def mutated(draw: st.DrawFn, sources: list[str]) -> str:
    """A bundled file with a few lines deleted, duplicated or swapped and syntax inserted."""
    lines = draw(st.sampled_from(sources)).split("\n")
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "insert", "replace"]))
        index = draw(st.integers(0, max(0, len(lines) - 1)))
        if not lines:
            lines = [""]
        if kind == "delete" and len(lines) > 1:
            del lines[index]
        elif kind == "duplicate":
            lines.insert(index, lines[index])
        elif kind == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif kind == "insert":
            line = lines[index]
            at = draw(st.integers(0, len(line)))
            lines[index] = line[:at] + draw(st.sampled_from(SYNTAX)) + line[at:]
        else:
            lines[index] = draw(st.sampled_from(MD_LINES + YAML_LINES))
    return "\n".join(lines)


def lines_from(pool: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pool) | st.text(max_size=12), max_size=40).map("\n".join)


ANY_TEXT = st.text(max_size=400)
SYNTAX_NOISE = st.lists(st.sampled_from(SYNTAX) | st.text(max_size=3), max_size=80).map("".join)
MARKDOWN = st.one_of(ANY_TEXT, SYNTAX_NOISE, lines_from(MD_LINES), mutated(SLIDE_TEXTS))
BANKS = st.one_of(ANY_TEXT, SYNTAX_NOISE, lines_from(YAML_LINES), mutated(BANK_TEXTS))


def cleaned(text: str) -> str:
    """The text as a loader sees it: decoded (or, holding a NUL byte, cleaned of it)."""
    try:
        return decode(text.encode("utf-8"), "fuzz")
    except PodiumError as error:
        assert [p.message for p in error.problems] == ["binary file: it holds a NUL byte"]
        return clean_text(text)


def check_problems(problems: list[Problem], text: str, paths: set[str]) -> None:
    line_count = len(text.split("\n"))
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.path in paths, problem
        assert problem.line >= 1 and problem.col >= 1, problem
        assert problem.line <= line_count + 1, (problem, line_count)
        assert problem.severity in ("error", "warning")
        assert problem.message.strip()
        assert str(problem).startswith(f"{problem.path}:{problem.line}:{problem.col}: ")


def check_parsed(parsed: ParsedFile) -> None:
    assert isinstance(parsed.front_matter, YamlMap)
    for slide in parsed.slides:
        assert isinstance(slide, Slide)
        assert slide.steps and all(isinstance(step, str) for step in slide.steps)
        assert slide.markdown.strip()
        assert slide.line >= 1
        assert "\x00" not in slide.markdown  # the pause marker never leaks


def check_bank(bank: QuizBank | None, log: ProblemLog) -> None:
    if bank is None:
        assert log.errors
        return
    for question in bank.questions:
        assert question.type in QUESTION_TYPES
        assert question.id and question.prompt
        assert question.points > 0
        if question.type in ("single", "multiple", "order"):
            assert len(question.choices) >= 2
        if question.type in ("single", "multiple"):
            assert question.correct and set(question.correct) <= set(question.choices)
        if question.type == "true_false":
            assert isinstance(question.truth, bool)
        if question.type == "numeric":
            assert question.low <= question.high
    if not log.errors:
        assert bank.questions


# Cases that once crashed or hung a loader, replayed on every run.
BOMB = "\n".join(["a: &a [x,x,x,x,x,x,x,x,x]"] + [
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(8)])
BANK_REGRESSIONS = [
    BOMB + "\nquestions:\n  - id: q\n    type: single\n    prompt: P\n    choices: *i\n    answer: x\n",
    "questions:\n  - id: a\n    type: numeric\n    prompt: P\n    answer: " + "9" * 400 + "\n",
    "questions:\n  - id: a\n    type: true_false\n    prompt: P\n    answer: true\n    points: " + "9" * 5000,
    "questions:\n  - id: a\n    type: single\n    prompt: P\n    choices: [2026-02-30, b]\n    answer: b\n",
    'pass_mark: !!int ""\nquestions: !!seq {a: 1}\n',
    "!!map [1]\n",
    "questions:\n  - id:\n    type: true_false\n    prompt: P\n    answer: true\n  - id:\n",
]
MARKDOWN_REGRESSIONS = [
    "---\ndate: 2026-02-30\n---\n# A\n",
    "---\ntitle: " + "9" * 5000 + "\n---\n# A\n",
    "---\nquiz: " + "a" * 300 + ".yaml\n---\n# A\n",
    "# T\n<!-- a --> b <!-- c\nd -->\n",
    "````\n```\n<!-- pause -->\n```\n````\n",
]


@fuzz(1000)
@given(MARKDOWN)
@example(MARKDOWN_REGRESSIONS[0])
@example(MARKDOWN_REGRESSIONS[1])
@example(MARKDOWN_REGRESSIONS[2])
@example(MARKDOWN_REGRESSIONS[3])
@example(MARKDOWN_REGRESSIONS[4])
def test_parse_markdown_never_crashes(text: str) -> None:
    text = cleaned(text)
    log = ProblemLog()
    parsed = parse_markdown(text, "fuzz.md", log)
    check_parsed(parsed)
    check_problems(log.problems, text, {"fuzz.md"})


@fuzz(1000)
@given(BANKS)
@example(BANK_REGRESSIONS[0])
@example(BANK_REGRESSIONS[1])
@example(BANK_REGRESSIONS[2])
@example(BANK_REGRESSIONS[3])
@example(BANK_REGRESSIONS[4])
@example(BANK_REGRESSIONS[5])
@example(BANK_REGRESSIONS[6])
def test_parse_bank_never_crashes(text: str) -> None:
    text = cleaned(text)
    log = ProblemLog()
    bank = parse_bank(text, "fuzz.yaml", log)
    check_bank(bank, log)
    check_problems(log.problems, text, {"fuzz.yaml"})


@fuzz(400)
@given(markdown=MARKDOWN, bank=BANKS, raw=st.booleans())
@example(markdown=MARKDOWN_REGRESSIONS[0], bank=BANK_REGRESSIONS[1], raw=False)
@example(markdown=MARKDOWN_REGRESSIONS[2], bank=BANK_REGRESSIONS[0], raw=False)
@example(markdown="---\nquiz: quizzes/01-fuzz.yaml\n---\r\n# A\x00\r\n", bank=BANK_REGRESSIONS[3], raw=True)
def test_load_presentation_from_fuzzed_files(markdown: str, bank: str, raw: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "slides").mkdir()
        (root / "quizzes").mkdir()
        slides_file = root / "slides" / "01-fuzz.md"
        bank_file = root / "quizzes" / "01-fuzz.yaml"
        # Raw bytes reach the loaders as written: CR line ends, NUL bytes, control codes and all.
        slides_file.write_bytes(markdown.encode("utf-8") if raw else cleaned(markdown).encode("utf-8"))
        bank_file.write_bytes(bank.encode("utf-8") if raw else cleaned(bank).encode("utf-8"))
        try:
            presentation = load_presentation(root)
        except PodiumError as error:
            assert error.problems
            assert any(problem.severity == "error" for problem in error.problems)
            texts = {str(slides_file): clean_text(markdown), str(bank_file): clean_text(bank)}
            for problem in error.problems:
                check_problems([problem], texts[problem.path], set(texts))
            return
        (section,) = presentation.deck.sections
        for slide in section.slides:
            assert slide.steps and slide.line >= 1
        check_problems(list(presentation.warnings), clean_text(markdown), {str(slides_file)})
        if section.quiz_path is not None:
            assert section.quiz_path.resolve().is_relative_to(root.resolve())


@fuzz(60)
@given(st.sampled_from(range(len(SLIDE_TEXTS))), st.sampled_from(["\r\n", "\r"]))
def test_bundled_slides_with_other_line_endings_parse_the_same(index: int, ending: str) -> None:
    text = SLIDE_TEXTS[index]
    lf_log, other_log = ProblemLog(), ProblemLog()
    lf = parse_markdown(decode(text.encode("utf-8"), "s.md"), "s.md", lf_log)
    other = parse_markdown(decode(text.replace("\n", ending).encode("utf-8"), "s.md"), "s.md", other_log)
    assert other == lf
    assert other_log.problems == lf_log.problems == []
