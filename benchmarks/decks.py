"""Decks and banks to measure, and what each page should put on screen.

`generate_deck` writes a deck of N slides in sections of 50 (text slides, code slides, a slide with
a pause, takeaways and a small quiz per section). `generate_bank_deck` writes a one-section deck
whose quiz has N short questions of the six types in turn.

`plan` reads a deck with podium's own loader and walk and says, for every position in presenting
order, which text proves that position is on screen (a probe in the slide area, plus "n/N" in the
status line when the page changes).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

SECTION_SIZE = 50
WORDS = ("latency", "throughput", "weights", "tokens", "context", "routing", "experts", "kernels",
         "quantised", "distilled", "benchmarks", "licences", "inference", "training", "datasets")


# -- generated decks -----------------------------------------------------------------------------

def _topic(n: int) -> str:
    return f"{WORDS[n % len(WORDS)]} and {WORDS[(n * 7 + 3) % len(WORDS)]}"


def _text_slide(n: int) -> str:
    topic = _topic(n)
    return (f"# Slide {n}: {topic}\n\n"
            f"- Point one about {topic} on slide {n}\n"
            f"- Point two: **numbers** matter, and `code` too\n"
            f"- Point three: a [link](https://example.org/{n}) and _emphasis_\n\n"
            f"A closing paragraph for slide {n} that runs long enough to wrap on a narrow terminal, "
            f"so the renderer has real work: {topic}, again {topic}, and once more.\n\n"
            f"<!-- notes: Speaker notes for slide {n}. -->\n")


def _code_slide(n: int) -> str:
    return (f"# Slide {n}: code for {_topic(n)}\n\n"
            "```python\n"
            f"def slide_{n}(tokens: list[str]) -> dict[str, int]:\n"
            '    """Count the tokens."""\n'
            "    counts: dict[str, int] = {}\n"
            "    for token in tokens:\n"
            "        counts[token] = counts.get(token, 0) + 1\n"
            "    return counts\n"
            "```\n\n"
            f"Code slide {n} ends with a sentence.\n")


def _pause_slide(n: int) -> str:
    return (f"# Slide {n}: step by step\n\n"
            f"First we say one thing about {_topic(n)}.\n\n"
            "<!-- pause -->\n\n"
            f"Then we reveal the second thing on slide {n}.\n")


def _slide(n: int) -> str:
    return (_text_slide, _text_slide, _code_slide, _text_slide, _pause_slide)[n % 5](n)


def _questions(count: int, guide: Path, prefix: str) -> list[dict]:
    """`count` valid questions of every type, cycled from the guide's banks with unique ids."""
    source: list[dict] = []
    for bank in sorted((guide / "quizzes").glob("*.yaml")):
        source += yaml.safe_load(bank.read_text(encoding="utf-8"))["questions"]
    questions = []
    for n in range(count):
        question = copy.deepcopy(source[n % len(source)])
        question["id"] = f"{prefix}{n + 1}-{question['id']}"
        questions.append(question)
    return questions


def _compact_questions(count: int, prefix: str) -> list[dict]:
    """`count` short valid questions, the six types in turn (about 100 bytes each in YAML)."""
    questions: list[dict] = []
    for n in range(1, count + 1):
        kind = ("single", "multiple", "true_false", "short", "numeric", "order")[n % 6]
        question: dict = {"id": f"{prefix}{n}", "type": kind, "prompt": f"Question {n}: pick well"}
        if kind == "single":
            question.update(choices=[f"a{n}", f"b{n}", f"c{n}"], answer=f"a{n}")
        elif kind == "multiple":
            question.update(choices=[f"a{n}", f"b{n}", f"c{n}"], answer=[f"a{n}", f"c{n}"])
        elif kind == "true_false":
            question["answer"] = n % 4 == 0
        elif kind == "short":
            question["answer"] = [f"word{n}"]
        elif kind == "numeric":
            question["answer"] = n
        else:
            question["choices"] = [f"first{n}", f"second{n}", f"third{n}"]
        questions.append(question)
    return questions


def _write_bank(path: Path, title: str, questions: list[dict]) -> None:
    data = {"title": title, "pass_mark": "70%", "shuffle": True, "questions": questions}
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")


def generate_deck(root: Path, slides: int, guide: Path, quiz_size: int = 6) -> Path:
    """A deck of `slides` slides in sections of 50, each with takeaways and a quiz."""
    (root / "slides").mkdir(parents=True, exist_ok=True)
    (root / "quizzes").mkdir(exist_ok=True)
    (root / "deck.yaml").write_text(f"title: Generated deck of {slides} slides\nsubtitle: A benchmark deck\n"
                                    "author: benchmarks\ndate: \"2026\"\npass_mark: 70%\n", encoding="utf-8")
    sections = (slides + SECTION_SIZE - 1) // SECTION_SIZE
    number = 1
    for s in range(1, sections + 1):
        count = min(SECTION_SIZE, slides - number + 1)
        name = f"{s:04d}-section-{s}"
        front = (f"---\ntitle: Section {s}\ntakeaways:\n"
                 + "".join(f"  - Takeaway {t} of section {s}\n" for t in range(1, 4))
                 + f"quiz: quizzes/{name}.yaml\n---\n\n")
        body = "\n---\n\n".join(_slide(n) for n in range(number, number + count))
        (root / "slides" / f"{name}.md").write_text(front + body, encoding="utf-8")
        _write_bank(root / "quizzes" / f"{name}.yaml", f"Section {s}", _questions(quiz_size, guide, f"s{s}q"))
        number += count
    return root


def generate_bank_deck(root: Path, questions: int, guide: Path) -> Path:
    """One short section whose quiz bank holds `questions` questions of every type."""
    (root / "slides").mkdir(parents=True, exist_ok=True)
    (root / "quizzes").mkdir(exist_ok=True)
    (root / "deck.yaml").write_text(f"title: Bank of {questions} questions\npass_mark: 70%\n", encoding="utf-8")
    front = ("---\ntitle: The big bank\ntakeaways:\n  - A takeaway before the quiz\n"
             "quiz: quizzes/bank.yaml\n---\n\n")
    body = "\n---\n\n".join(_slide(n) for n in range(1, 4))
    (root / "slides" / "01-bank.md").write_text(front + body, encoding="utf-8")
    # Compact questions: podium refuses deck files over 2 MiB, and 10,000 questions the size of the
    # guide's (about 400 bytes each) would be 4 MB.
    _write_bank(root / "quizzes" / "bank.yaml", "The big bank", _compact_questions(questions, "q"))
    return root


# -- big legal input (benchmarks/bigdata.py) -----------------------------------------------------

def table_markdown(rows: int) -> str:
    """A Markdown table of `rows` rows of three short columns (about 27 bytes a row)."""
    return "| n | name | value |\n|---|---|---|\n" + "".join(
        f"| {n} | item{n} | {n * 7 % 1000} |\n" for n in range(1, rows + 1))


def generate_table_deck(root: Path, rows: int) -> Path:
    """A deck folder of one section: a short slide, a slide holding a table of `rows` rows, and a
    short slide after it (no deck.yaml, so the first page is the short slide)."""
    (root / "slides").mkdir(parents=True, exist_ok=True)
    body = ("---\ntitle: Tables\nquiz: false\n---\n\n# Before the table\n\nA short slide.\n\n---\n\n"
            f"# The table of {rows} rows\n\n{table_markdown(rows)}\n---\n\n# After the table\n\nThe end.\n")
    (root / "slides" / "01-tables.md").write_text(body, encoding="utf-8")
    return root


def generate_single_file(path: Path, slides: int, title: bool = True) -> Path:
    """One Markdown file of `slides` short slides, with a front matter title (a title page) or not."""
    path.parent.mkdir(parents=True, exist_ok=True)
    front = "---\ntitle: Single file deck\nauthor: benchmarks\n---\n\n" if title else ""
    body = "\n\n---\n\n".join(f"# Slide {n}: {_topic(n)}\n\n- A point about {_topic(n)}\n"
                                 f"- Another point on slide {n}" for n in range(1, slides + 1))
    path.write_text(front + body + "\n", encoding="utf-8")
    return path


# -- what each page shows ------------------------------------------------------------------------

@dataclass(frozen=True)
class Expect:
    """How to tell that a position is on screen."""

    kind: str
    """title, text, code, step (a pause revealed), takeaways, quiz_page."""
    probe: str
    """Text that must be in the slide area (every row but the status line and the footer)."""
    count: str | None
    """" n/N" that must be in the status line (None for a step within the same page)."""
    page: int
    last_of_section: bool = False


_LEADING = re.compile(r"^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+|\d+[.)]\s+)*")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"\*+|(?<!\w)_+|_+(?!\w)|`+")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def plain(line: str) -> str:
    """A Markdown line as Rich shows its text: markers, links and emphasis removed."""
    text = _LINK.sub(r"\1", _LEADING.sub("", line))
    return " ".join(_EMPHASIS.sub("", text).split())


def _probe(text: str, words: int) -> str:
    """The first words of the first line of `text` that shows something."""
    in_code = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            in_code = not in_code
            continue
        shown = " ".join(line.split()) if in_code else plain(line)
        if len(shown) >= 3:
            return " ".join(shown.split()[:words])
    raise ValueError(f"nothing to probe in {text!r}")


def plan(deck_path: Path) -> list[Expect]:
    """For every position of the deck in presenting order, what proves it is on screen."""
    from tui.domain.loader import load_presentation
    from tui.domain.walk import Walk

    presentation = load_presentation(deck_path)
    deck = presentation.deck
    walk = Walk(deck)
    total = len(walk.pages)
    expects: list[Expect] = []
    for index, page in enumerate(walk.pages):
        count = f" {index + 1}/{total}"
        last = index + 1 == total or walk.pages[index + 1].section != page.section
        if page.kind == "title":
            expects.append(Expect("title", " ".join(deck.title.split()[:6]), count, index))
            continue
        section = deck.sections[page.section]
        if page.kind == "takeaways":
            expects.append(Expect("takeaways", "Key takeaways", count, index, last))
            continue
        if page.kind == "quiz":
            expects.append(Expect("quiz_page", "start the quiz", count, index, last))
            continue
        slide = section.slides[page.slide]
        for step, text in enumerate(slide.steps):
            if step == 0:
                probe = " ".join(plain(slide.title).split()[:6]) if slide.title else _probe(text, 3)
                kind = "code" if any(_FENCE.match(line) for line in text.split("\n")) else "text"
                expects.append(Expect(kind, probe, count, index, last and step + 1 == len(slide.steps)))
            else:
                added = text[len(slide.steps[step - 1]):]
                expects.append(Expect("step", _probe(added, 3), None, index,
                                      last and step + 1 == len(slide.steps)))
    return expects
