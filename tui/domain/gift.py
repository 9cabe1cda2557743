"""Moodle GIFT question files -> podium bank data, and a podium bank -> GIFT.

GIFT is Moodle's plain-text question format. The reading follows Moodle's own importer
(question/format/gift/format.php) so a file means here what it means in Moodle:

- Questions are separated by blank lines. A line whose first non-blank characters are `//` is a
  comment and is ignored (it does not end a question). Lines are trimmed.
- `\\`, `\\~`, `\\=`, `\\#`, `\\{`, `\\}`, `\\:` are the characters themselves; `\\n` is a line break.
- `$CATEGORY: path` starts a category. `::title::` names a question. `[html]`, `[moodle]`,
  `[plain]` or `[markdown]` before a text gives its format.
- The answer block `{...}` decides the type: empty is an essay; `#...` is numerical; any `~` is
  multiple choice; `=` with `->` is matching; `T`, `TRUE`, `F`, `FALSE` is true/false; anything
  else is short answer. Text after the block makes it a "missing word" question.
- `#text` after an answer is that answer's feedback; `####text` (the last one) is general feedback.
- `%n%` after `~` or `=` is an answer's weight in percent (negative weights are penalties).

How GIFT maps to podium (podium keeps fewer things, and every loss is reported, never silent):

- Bank title: the first `$CATEGORY:` path, without Moodle's context parts (`$course$`, `top`).
  A later, different category cannot be kept (one file is one bank): a warning.
- Question id: the `::title::` slugified (`Capital of France` -> `capital-of-france`), made
  unique with `-2`, `-3`...; with no title, `q` and the question's place in the file (`q4`).
- Missing word: the block's place in the prompt becomes `_____`; the type is the block's type.
- Multiple choice with `=`: type `single`. Exactly one answer must be worth 100%; several `=`
  answers (either is fully right, in Moodle) cannot be expressed: left out. Partial credit or
  penalties on the other answers (`~%50%x`, `~%-25%y`) are dropped with a warning.
- Multiple choice without `=`: type `multiple`. Answers with a positive weight are the right
  choices; zero or negative weight, wrong ones. podium scores multiple answers as 1/k of the
  points for each right pick and -1/k for each wrong pick (k = number of right choices), which in
  GIFT is every right choice at `~%100/k%` and every wrong one at `~%-100/k%`. Weights of other
  shapes are converted anyway, with a warning: uneven right weights (`%70%` and `%30%`) are
  evened out; wrong weights other than -100/k (`~x` is 0%) take podium's penalty.
- True/false: type `true_false`. Its first `#` feedback is for a wrong answer (lost: a warning),
  the second for a right answer (kept in `explanation`).
- Short answer: type `short`; every answer worth 100% (no weight, or `%100%`) is accepted. An
  answer with Moodle's `*` wildcard becomes a `pattern`. Answers worth less (partial credit, or a
  0% "wrong answer" carrying feedback) are dropped with a warning.
- Numerical: type `numeric`. `n:t` is `answer: n` with `tolerance: t`; `a..b` is `answer: [a, b]`.
  With several answers (`{#=3:0 =%50%4:0}`), the first 100% one is kept and a warning names
  the rest; `~#feedback` (Moodle's feedback for any other number) is lost with a warning.
- Feedback: podium has one `explanation` per question. It is the feedback of the right
  answer(s) followed by the general feedback. Feedback on wrong answers is lost: a warning.
- `[html]` text is reduced to plain text (tags removed, entities decoded, images reported);
  `[markdown]`, `[plain]` and `[moodle]` prefixes are removed, the text kept as written.
- Matching (`{=a -> b =c -> d}`): type `match`, each `=left -> right` a pair; `= -> x` (no left)
  is a right item that matches nothing, kept in `distractors`. Weights and feedback on a pair
  are dropped with a warning (podium counts every pair alike); fewer than two pairs, or a left
  item paired twice, leaves the question out.
- Left out, as errors: essay (`{}`) and description (no block) questions, and anything malformed.

`import_gift` returns `(data, problems)`. Problems point at the line and column where the
question starts; a message about one answer also names that answer's line. Errors are questions
left out, warnings are questions kept with something lost. When no question could be converted,
`data["questions"]` is empty and there is an error saying so: there is no bank to write.

`export_gift` writes a bank as GIFT so LMS users can take it to Moodle. It is the inverse of the
mapping above: single -> `=`/`~`; multiple -> `~%100/k%` / `~%-100/k%` (Moodle's own spelling:
50, 33.33333, 25...); true_false -> `{TRUE}`/`{FALSE}`; short -> `=` answers (a pattern made of
plain text and `.*` goes back to `*` wildcards); numeric -> `{#mid:half-width}` (how Moodle
itself stores ranges); match -> `=left -> right` pairs and `= -> distractor`; a cloze with one
blank -> a missing-word question (its text with `{=answer}` where the blank is; its own prompt,
an instruction, is dropped with a warning when it is not the default); explanation -> `####`
general feedback. What GIFT cannot hold (order questions, a cloze of several blanks, hints,
points, all-or-nothing scoring, other patterns) is written as a `//` comment above the question
and, when a log is passed, reported as a warning.
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from tui.domain.bankwrite import validate_question
from tui.domain.errors import Problem, ProblemLog, Severity
from tui.domain.quizbank import CLOZE_PROMPT, Question, QuizBank
from tui.domain.source import clean_text

BLANK = "_____"
"""What a missing-word question's answer block becomes in the prompt (as in Moodle)."""

MAX_ID_LENGTH = 48

# -- escapes -----------------------------------------------------------------------------------

# Escaped characters are swapped for Unicode noncharacters while the structure is parsed, so
# every `~ = # { } :` still in the text is a real marker. Noncharacters are reserved for exactly
# this kind of internal use; any already in the input are removed first.
_ESCAPABLE = "\\~=#{}:"
_PLACEHOLDER = {char: chr(0xFDD0 + index) for index, char in enumerate(_ESCAPABLE)}
_RESTORE = str.maketrans({holder: char for char, holder in _PLACEHOLDER.items()})
_NONCHARACTERS = re.compile("[\ufdd0-\ufdef]")
_ESCAPE = re.compile(r"\\([\\~=#{}:n])")


def _protect(line: str) -> str:
    return _ESCAPE.sub(lambda m: "\n" if m.group(1) == "n" else _PLACEHOLDER[m.group(1)], line)


def _restore(text: str) -> str:
    return text.translate(_RESTORE)


# -- plain text from the formats -------------------------------------------------------------

_FORMAT = re.compile(r"\[(html|moodle|plain|markdown)\]")


class _HtmlText(HTMLParser):
    """The text of an HTML fragment: block tags become line breaks, scripts and styles vanish."""

    BLOCKS = frozenset({"p", "div", "br", "li", "ul", "ol", "tr", "table", "blockquote", "pre",
                        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "section", "article"})
    HIDDEN = frozenset({"script", "style", "head", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.images = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag == "img":
            self.images += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def html_to_text(markup: str) -> tuple[str, int]:
    """Plain text of HTML and how many images it had. Entities are decoded; the result is run
    through `clean_text` again, because `&#27;` decodes to a terminal escape code."""
    parser = _HtmlText()
    parser.feed(markup)
    parser.close()
    text = clean_text("".join(parser.parts))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line), parser.images


# -- reading ---------------------------------------------------------------------------------


@dataclass
class _Chunk:
    """One blank-line-separated part of the file, comments removed, escapes protected."""

    text: str
    starts: list[int]
    """Offset in `text` where each kept source line starts."""
    numbers: list[int]
    """The 1-based source line number of each kept line."""
    cols: list[int]
    """The 1-based column where each kept line's text starts."""

    @property
    def line(self) -> int:
        return self.numbers[0]

    @property
    def col(self) -> int:
        return self.cols[0]

    def line_at(self, offset: int) -> int:
        return self.numbers[max(0, bisect_right(self.starts, offset) - 1)]

    def rest(self) -> _Chunk | None:
        """The chunk without its first line (what follows a `$CATEGORY:` line)."""
        if len(self.numbers) < 2:
            return None
        cut = self.starts[1]
        return _Chunk(self.text[cut:], [start - cut for start in self.starts[1:]], self.numbers[1:], self.cols[1:])


def _chunks(text: str) -> list[_Chunk]:
    chunks: list[_Chunk] = []
    lines: list[tuple[int, str, int]] = []

    def close() -> None:
        if lines:
            parts, starts, offset = [], [], 0
            for _, content, _ in lines:
                starts.append(offset)
                parts.append(content)
                offset += len(content) + 1
            chunks.append(_Chunk("\n".join(parts), starts, [n for n, _, _ in lines], [c for _, _, c in lines]))
            lines.clear()

    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        if not stripped:
            close()
        elif not stripped.startswith("//"):
            lines.append((number, _protect(stripped), len(raw) - len(raw.lstrip()) + 1))
    close()
    return chunks


@dataclass
class _Answer:
    mark: str
    """`=`, `~` or `` (text before the first mark)."""
    weight: float | None
    """The `%n%` weight in percent, None when not written."""
    text: str
    feedback: str
    line: int


_WEIGHT = re.compile(r"%(-?\d+(?:\.\d*)?)%")
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_CATEGORY = "$CATEGORY:"


class _Skip(Exception):
    """A question that cannot be converted; the message says why."""


def _percent(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


def _quote(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return f"'{text if len(text) <= limit else text[: limit - 1] + '…'}'"


def slugify(title: str) -> str:
    """A question id from a title: ASCII lower case, runs of other characters as one `-`."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9_]+", "-", ascii_text.lower()).strip("-")
    return slug[:MAX_ID_LENGTH].strip("-")


def _category_title(path: str) -> str:
    # `//` is Moodle's escape for a `/` inside a category name.
    parts = [part.replace("\0", "/").strip() for part in path.replace("//", "\0").split("/")]
    parts = [part for part in parts if part and not re.fullmatch(r"\$\w+\$", part)]
    if parts and parts[0] == "top":
        parts = parts[1:]
    return "/".join(parts)


class _GiftReader:
    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.ids: set[str] = set()
        self.title = ""
        self.title_line = 0
        # Per-question state, reset by `question`.
        self.lost: list[str] = []
        self.warnings: list[str] = []
        self.fmt = "moodle"
        self.chunk = _Chunk("", [0], [1], [1])

    def report(self, chunk: _Chunk, message: str, severity: Severity = "error") -> None:
        self.problems.append(Problem(self.path, chunk.line, chunk.col, message, severity))

    def read(self, text: str) -> tuple[dict[str, Any], list[Problem]]:
        text = _NONCHARACTERS.sub("", clean_text(text))
        questions: list[dict[str, Any]] = []
        number = 0
        for chunk in _chunks(text):
            current: _Chunk | None = chunk
            if chunk.text.startswith(_CATEGORY):
                self.category(chunk)
                current = chunk.rest()
            if current is None:
                continue
            number += 1
            question = self.question(current, number)
            if question is not None:
                questions.append(question)
        if not questions:
            self.problems.append(Problem(self.path, 1, 1, "no question could be imported: there is no bank to write"))
        data: dict[str, Any] = {"title": self.title} if self.title else {}
        data["questions"] = questions
        return data, sorted(self.problems)

    def category(self, chunk: _Chunk) -> None:
        first_line = chunk.text.split("\n", 1)[0]
        title = _category_title(_restore(first_line[len(_CATEGORY):]))
        if not title or title == self.title:
            return
        if not self.title:
            self.title, self.title_line = title, chunk.line
            return
        self.report(chunk, f"category {_quote(title)} ignored: one file makes one bank, titled "
                           f"{_quote(self.title)} after the first category (line {self.title_line})", "warning")

    # -- one question ----------------------------------------------------------------------------

    def question(self, chunk: _Chunk, number: int) -> dict[str, Any] | None:
        self.lost = []
        self.warnings = []
        try:
            question = self.convert(chunk, number)
            problem = validate_question(question)
            if problem:
                # A safety net: a case the checks above did not foresee still never reaches the bank.
                raise _Skip(f"it would not load as a podium question ({problem})")
        except _Skip as skip:
            self.report(chunk, f"question left out: {skip}")
            return None
        for warning in self.warnings:
            self.report(chunk, warning, "warning")
        if self.lost:
            self.report(chunk, f"feedback on {', '.join(self.lost)} is lost: podium keeps one explanation "
                               "per question (the right answer's feedback and the general feedback)", "warning")
        self.ids.add(question["id"])
        return question

    def convert(self, chunk: _Chunk, number: int) -> dict[str, Any]:
        text = chunk.text
        start = 0
        title = ""
        if text.startswith("::"):
            end = text.find("::", 2)
            if end < 0:
                raise _Skip("its '::title' is never closed by '::'")
            title = _restore(text[2:end])
            start = end + 2
        body = text[start:]
        lead = len(body) - len(body.lstrip())
        fmt = "moodle"
        found = _FORMAT.match(body, lead)
        if found:
            fmt, lead = found.group(1), found.end()
        opening = body.find("{", lead)
        if opening < 0:
            raise _Skip("a description (text with no answer block {...}) has nothing to answer")
        closing = body.find("}", opening)
        if closing < 0:
            raise _Skip("its answer block '{' is never closed by '}' (write \\{ for a literal brace)")
        if "{" in body[opening + 1:closing]:
            raise _Skip("'{' inside its answer block (write \\{ for a literal brace)")
        after = body[closing + 1:]
        if "{" in after:
            raise _Skip("it has more than one answer block; GIFT allows one (Moodle's Cloze format has several)")
        before = body[lead:opening]
        prompt_raw = before + BLANK + after if after.strip() else before
        self.fmt = fmt
        self.chunk = chunk
        prompt = self.plain(prompt_raw, keep_lines=True, prefixed=False)
        if not prompt:
            raise _Skip("its question text is empty")
        block = body[opening + 1:closing]
        block_at = start + opening + 1
        general = ""
        cut = block.rfind("####")
        if cut >= 0:
            general = self.plain(block[cut + 4:])
            block = block[:cut]
        question: dict[str, Any] = {"id": self.unique_id(title, number), "type": "", "prompt": prompt}
        stripped = block.strip()
        at = block_at + len(block) - len(block.lstrip())
        if not stripped:
            raise _Skip("an essay question ({}) has no answer podium can check")
        if stripped.startswith("#"):
            explanation = self.numerical(stripped[1:], at + 1, question)
        elif "~" in stripped:
            explanation = self.multichoice(stripped, at, question)
        elif "=" in stripped and "->" in stripped:
            explanation = self.matching(stripped, at, question)
        elif stripped.split("#", 1)[0].strip() in ("T", "TRUE", "F", "FALSE"):
            explanation = self.true_false(stripped, question)
        else:
            explanation = self.short(stripped, at, question)
        explanation = [part for part in [*explanation, general] if part]
        if explanation:
            question["explanation"] = " ".join(dict.fromkeys(explanation))
        return question

    def unique_id(self, title: str, number: int) -> str:
        base = slugify(title) or f"q{number}"
        candidate, suffix = base, 2
        while candidate in self.ids:
            candidate, suffix = f"{base}-{suffix}", suffix + 1
        return candidate

    def plain(self, raw: str, keep_lines: bool = False, prefixed: bool = True) -> str:
        """Text as podium shows it: escapes restored, format prefix removed, HTML reduced.

        `prefixed` is False for the prompt, whose `[format]` was read before the answer block.
        """
        text = _restore(raw).strip()
        fmt = self.fmt
        found = _FORMAT.match(text) if prefixed else None
        if found:
            fmt, text = found.group(1), text[found.end():].strip()
        if fmt == "html":
            text, images = html_to_text(text)
            if images:
                self.warnings.append(f"{images} image{'s' if images > 1 else ''} left out: only the text "
                                     "of [html] is imported")
        if keep_lines:
            return text.strip()
        return " ".join(text.split())

    def answers(self, block: str, at: int, marks: str) -> list[_Answer]:
        """Split an answer block at each mark; read each answer's weight and feedback."""
        pieces: list[tuple[str, str, int]] = []
        mark, begin = "", 0
        for index, char in enumerate(block):
            if char in marks:
                pieces.append((mark, block[begin:index], begin - 1 if mark else begin))
                mark, begin = char, index + 1
        pieces.append((mark, block[begin:], begin - 1 if mark else begin))
        result: list[_Answer] = []
        for mark, piece, offset in pieces:
            if not mark and not piece.strip():
                continue
            piece = piece.strip()
            line = self.chunk.line_at(at + offset)
            weight = None
            found = _WEIGHT.match(piece)
            if found:
                weight = float(found.group(1))
                if not -100 <= weight <= 100:
                    raise _Skip(f"weight {found.group(1)}% (line {line}) is outside -100% to 100%")
                piece = piece[found.end():]
            text, _, feedback = piece.partition("#")
            result.append(_Answer(mark, weight, self.plain(text), self.plain(feedback), line))
        return result

    # -- one method per GIFT type; each fills `question` and returns explanation parts -----------

    def multichoice(self, block: str, at: int, question: dict[str, Any]) -> list[str]:
        answers = self.answers(block, at, "=~")
        if answers and not answers[0].mark:
            raise _Skip(f"text {_quote(answers[0].text)} before the first '=' or '~' of its answers")
        self.check_choices(answers)
        single = any(answer.mark == "=" for answer in answers)
        for answer in answers:
            if answer.weight is None:
                answer.weight = 100.0 if answer.mark == "=" else 0.0
        choices = [answer.text for answer in answers]
        if single:
            right = [answer for answer in answers if answer.weight == 100]
            if not right:
                raise _Skip("no answer is worth 100%")
            if len(right) > 1:
                raise _Skip(f"{len(right)} answers are worth 100% ({', '.join(_quote(a.text) for a in right)}); "
                            "podium's single choice has one right answer")
            weighted = [a for a in answers if a is not right[0] and a.weight]
            if weighted:
                listed = ", ".join(f"{_quote(a.text)} ({_percent(a.weight or 0)}%)" for a in weighted)
                self.warnings.append(f"weights dropped: {listed} now count as plain wrong choices; podium's "
                                     "single choice has one right answer and no penalties")
            question.update(type="single", choices=choices, answer=right[0].text)
            return self.feedback(answers, right)
        right = [answer for answer in answers if (answer.weight or 0) > 0]
        if not right:
            raise _Skip("no right answer: mark one with '=' or give right answers a positive weight (~%50%)")
        share = 100 / len(right)
        uneven = [a for a in right if abs((a.weight or 0) - share) > 0.05]
        if uneven:
            weights = ", ".join(f"{_percent(a.weight or 0)}%" for a in right)
            self.warnings.append(f"weights evened out: each of the {len(right)} right choices now earns "
                                 f"{_percent(share)}% (the file gives {weights})")
        wrong = [a for a in answers if (a.weight or 0) <= 0]
        off = [a for a in wrong if abs((a.weight or 0) + share) > 0.05]
        if off:
            listed = ", ".join(f"{_quote(a.text)} ({_percent(a.weight or 0)}%)" for a in off)
            self.warnings.append(f"wrong choices now cost -{_percent(share)}% each, podium's rule for "
                                 f"multiple answers: {listed}")
        question.update(type="multiple", choices=choices, answer=[a.text for a in right])
        return self.feedback(answers, right)

    def check_choices(self, answers: list[_Answer]) -> None:
        seen: dict[str, int] = {}
        for answer in answers:
            if not answer.text:
                raise _Skip(f"an empty answer (line {answer.line})")
            if answer.text in seen:
                first = seen[answer.text]
                where = f"line {first}" if first == answer.line else f"lines {first} and {answer.line}"
                raise _Skip(f"answer {_quote(answer.text)} is given twice ({where})")
            seen[answer.text] = answer.line
        if len(answers) < 2:
            raise _Skip("a multiple-choice question needs at least 2 answers")

    def feedback(self, answers: list[_Answer], right: list[_Answer]) -> list[str]:
        """The right answers' feedback, for the explanation; the others' is reported as lost."""
        for answer in answers:
            if answer.feedback and answer not in right:
                self.lost.append(f"{_quote(answer.text)} (line {answer.line})")
        return [answer.feedback for answer in right]

    def matching(self, block: str, at: int, question: dict[str, Any]) -> list[str]:
        """`=left -> right` pairs; `= -> right` (no left) is a right item that matches nothing."""
        pairs: list[dict[str, str]] = []
        distractors: list[str] = []
        for answer in self.answers(block, at, "="):
            if answer.mark != "=":
                raise _Skip(f"text {_quote(answer.text)} (line {answer.line}) before its first '=' pair")
            left, arrow, right = answer.text.partition("->")
            left, right = " ".join(left.split()), " ".join(right.split())
            if not arrow or not right:
                raise _Skip(f"pair {_quote(answer.text)} (line {answer.line}) is not written 'item -> match'")
            if answer.weight is not None:
                self.warnings.append(f"the weight of pair {_quote(answer.text)} is dropped: pairs count alike")
            if answer.feedback:
                self.warnings.append(f"feedback on pair {_quote(answer.text)} (line {answer.line}) is lost")
            if not left:
                if right not in distractors:
                    distractors.append(right)
            elif any(pair["left"] == left for pair in pairs):
                raise _Skip(f"item {_quote(left)} (line {answer.line}) is paired twice")
            else:
                pairs.append({"left": left, "right": right})
        if len(pairs) < 2:
            raise _Skip("a matching question needs at least two pairs")
        question["type"] = "match"
        question["pairs"] = pairs
        rights = {pair["right"] for pair in pairs}
        distractors = [item for item in distractors if item not in rights]
        if distractors:
            question["distractors"] = distractors
        return []

    def true_false(self, block: str, question: dict[str, Any]) -> list[str]:
        word, *comments = block.split("#", 2)
        truth = word.strip() in ("T", "TRUE")
        wrong = self.plain(comments[0]) if comments else ""
        right = self.plain(comments[1]) if len(comments) > 1 else ""
        if wrong:
            # Moodle shows the first feedback to a learner who answered wrongly.
            self.lost.append(f"the answer {'False' if truth else 'True'} (line {self.chunk.line})")
        question.update(type="true_false", answer=truth)
        return [right]

    def short(self, block: str, at: int, question: dict[str, Any]) -> list[str]:
        answers = self.answers(block, at, "=")
        accepted: list[_Answer] = []
        wildcards: list[str] = []
        for answer in answers:
            if not answer.text:
                raise _Skip(f"an empty answer (line {answer.line})")
            if answer.weight is not None and answer.weight != 100:
                kind = "partial-credit answer" if answer.weight > 0 else "answer"
                self.warnings.append(f"{kind} {_quote(answer.text)} ({_percent(answer.weight)}%, line "
                                     f"{answer.line}) dropped: podium accepts an answer fully or not at all")
                continue
            accepted.append(answer)
            if "*" in answer.text:
                # Moodle's short-answer wildcard: `*` stands for any text.
                wildcards.append(".*".join(re.escape(part) for part in answer.text.split("*")))
        if not accepted:
            raise _Skip("no answer is worth 100%")
        plain = list(dict.fromkeys(a.text for a in accepted if "*" not in a.text))
        question["type"] = "short"
        if plain:
            question["answer"] = plain
        if wildcards:
            question["pattern"] = "|".join(wildcards)
        for answer in answers:
            if answer.feedback and answer not in accepted:
                self.lost.append(f"{_quote(answer.text)} (line {answer.line})")
        return [answer.feedback for answer in accepted]

    def numerical(self, block: str, at: int, question: dict[str, Any]) -> list[str]:
        other, tilde, rest = block.partition("~")
        if tilde:
            # Moodle's `~#feedback`: what a learner giving any other number is told.
            _, _, feedback = rest.partition("#")
            if self.plain(feedback):
                self.lost.append(f"any other number (line {self.chunk.line_at(at + len(other))})")
        answers = self.answers(other, at, "=")
        if not answers:
            raise _Skip("a numerical question with no number")
        parsed = [(answer, self.number_answer(answer)) for answer in answers]
        full = [item for item in parsed if item[0].weight in (None, 100)]
        if not full:
            raise _Skip("no numerical answer is worth 100%")
        kept, value = full[0]
        if len(parsed) > 1:
            others = ", ".join(f"{a.text} ({_percent(100 if a.weight is None else a.weight)}%)"
                               for a, _ in parsed if a is not kept)
            self.warnings.append(f"only the 100% answer {kept.text} is kept; podium has one numeric "
                                 f"answer, so these are dropped: {others}")
        question["type"] = "numeric"
        question.update(value)
        for answer, _ in parsed:
            if answer.feedback and answer is not kept:
                self.lost.append(f"{answer.text} (line {answer.line})")
        return [kept.feedback]

    def number_answer(self, answer: _Answer) -> dict[str, Any]:
        text = answer.text.replace(" ", "")

        def number(part: str) -> float:
            if not _NUMBER.fullmatch(part):
                raise _Skip(f"{_quote(part)} (line {answer.line}) is not a number")
            value = float(part)
            if not math.isfinite(value):
                raise _Skip(f"{_quote(part)} (line {answer.line}) is too large")
            return int(value) if value.is_integer() and abs(value) < 1e15 else value

        if ".." in text[1:]:
            low_text, _, high_text = text.partition("..")
            low, high = number(low_text), number(high_text)
            if low > high:
                raise _Skip(f"range {text} (line {answer.line}) is backwards: the low end comes first")
            return {"answer": [low, high]}
        if ":" in text[1:]:
            value_text, _, tolerance_text = text.partition(":")
            value, tolerance = number(value_text), number(tolerance_text)
            if tolerance < 0:
                raise _Skip(f"tolerance {tolerance_text} (line {answer.line}) is negative")
            if not math.isfinite(value - tolerance) or not math.isfinite(value + tolerance):
                raise _Skip(f"{text} (line {answer.line}) is too large")
            return {"answer": value, "tolerance": tolerance} if tolerance else {"answer": value}
        return {"answer": number(text)}


def import_gift(text: str, path: str) -> tuple[dict[str, Any], list[Problem]]:
    """Convert a GIFT file's text into bank data (`title`?, `questions`) plus the problems found.

    `path` is how the file is named in problems. Never raises for bad input: every question that
    cannot be converted is an error problem, every lossy conversion a warning.
    """
    return _GiftReader(path).read(text)


# -- writing ---------------------------------------------------------------------------------

_GIFT_SPECIAL = str.maketrans({"\\": "\\\\", "~": "\\~", "=": "\\=", "#": "\\#", "{": "\\{",
                               "}": "\\}", ":": "\\:", "\n": "\\n"})


def escape(text: str) -> str:
    """Text with GIFT's special characters escaped and line breaks written `\\n`."""
    return text.translate(_GIFT_SPECIAL)


def _answer_text(text: str) -> str:
    """An answer or feedback text, escaped; a leading `[html]`-like tag is kept as text by
    giving the text an explicit `[plain]` format first."""
    return ("[plain]" if _FORMAT.match(text) else "") + escape(text)


def _answer(mark: str, weight: str, text: str) -> str:
    """One answer line. An explicit weight is written when the text itself starts like one
    (`%5%...`), so it is not read as a weight."""
    if not weight and _WEIGHT.match(text):
        weight = "%100%" if mark == "=" else "%0%"
    return f"{mark}{weight}{_answer_text(text)}"


def _gift_number(value: float) -> str:
    # Twelve significant digits hide float noise like 3.1400000000000001 from low/high sums.
    return f"{value:.12g}"


def _wildcards(pattern: str) -> list[str] | None:
    """The `*` wildcard answers a pattern stands for, when it is plain text, `.*` and `|` only."""
    answers = []
    for alternative in pattern.split("|"):
        pieces = alternative.split(".*")
        plain = [re.sub(r"\\(.)", r"\1", piece) for piece in pieces]
        if any(re.escape(text) != piece for text, piece in zip(plain, pieces)) or "*" in "".join(plain):
            return None
        answers.append("*".join(plain))
    return answers if all(answers) else None


def _block(question: Question, notes: list[str]) -> str | None:
    """The `{...}` answer block for one question, or None when GIFT cannot hold it."""
    lines: list[str] = []
    if question.type == "single":
        lines = [_answer("=" if choice in question.correct else "~", "", choice) for choice in question.choices]
    elif question.type == "multiple":
        share = _percent(100 / len(question.correct))
        lines = [_answer("~", f"%{share}%" if choice in question.correct else f"%-{share}%", choice)
                 for choice in question.choices]
        if question.all_or_nothing:
            notes.append("all_or_nothing scoring is not kept: GIFT weights give partial credit")
    elif question.type == "short":
        answers = list(question.correct)
        if question.pattern:
            wildcards = _wildcards(question.pattern)
            if wildcards is None:
                notes.append(f"pattern {question.pattern!r} is not kept: GIFT short answers know only the * wildcard")
            else:
                answers += wildcards
        # A block with `=` and `->` but no `~` is a matching question, and GIFT has no escape
        # for `->`: such an answer cannot be written.
        unwritable = [answer for answer in answers if "->" in answer]
        if unwritable:
            notes.append(f"answer {', '.join(repr(a) for a in unwritable)} is not kept: '->' in a GIFT "
                         "short answer makes it a matching question")
            answers = [answer for answer in answers if "->" not in answer]
        if not answers:
            return None
        lines = [_answer("=", "", answer) for answer in answers]
    elif question.type == "true_false":
        head = "TRUE" if question.truth else "FALSE"
        tail = f"####{_answer_text(question.explanation)}" if question.explanation else ""
        return "{" + head + tail + "}"
    elif question.type == "match":
        unwritable = [text for pair in question.pairs for text in pair if "->" in text]
        unwritable += [text for text in question.choices if "->" in text]
        if unwritable:
            notes.append(f"{_quote(unwritable[0])} has '->', which GIFT cannot escape in a matching question")
            return None
        rights = {right for _, right in question.pairs}
        lines = [f"={_answer_text(left)} -> {_answer_text(right)}" for left, right in question.pairs]
        lines += [f"= -> {_answer_text(extra)}" for extra in question.choices if extra not in rights]
    elif question.type == "cloze":
        if len(question.blanks) != 1:
            notes.append(f"{len(question.blanks)} blanks: a GIFT missing-word question has one "
                         "(Moodle's Cloze format, not GIFT, has several)")
            return None
        blank = question.blanks[0]
        if "->" in blank.answer:
            notes.append(f"answer {blank.answer!r} has '->', which makes a GIFT short answer a matching question")
            return None
        if blank.hint:
            notes.append("its blank's hint is not kept: GIFT has no hints")
        if question.prompt != CLOZE_PROMPT:
            notes.append(f"its prompt {_quote(question.prompt)} is not kept: the cloze text is the GIFT question")
        lines = [_answer("=", "", blank.answer)]
    elif question.type == "numeric":
        if question.low == question.high:
            head = f"#{_gift_number(question.low)}"
        else:
            middle = (question.low + question.high) / 2
            head = f"#{_gift_number(middle)}:{_gift_number(question.high - middle)}"
        tail = f"####{_answer_text(question.explanation)}" if question.explanation else ""
        return "{" + head + tail + "}"
    else:
        return None
    if question.explanation:
        lines.append("####" + _answer_text(question.explanation))
    return "{\n" + "".join(f"\t{line}\n" for line in lines) + "}"


def _needs_plain(question: Question) -> bool:
    # Moodle's default text format renders HTML, and a leading `[word]` could read as a format:
    # `[plain]` keeps such text exactly as podium shows it.
    texts = [question.prompt, question.explanation, *question.choices, *question.correct, question.text,
             *(left for left, _ in question.pairs)]
    first = question.text if question.type == "cloze" else question.prompt
    return first.startswith("[") or any("<" in text or "&" in text for text in texts)


def export_gift(bank: QuizBank, log: ProblemLog | None = None) -> str:
    """A bank as GIFT text. What GIFT cannot hold is noted in `//` comments and, with `log`,
    reported as warnings at the question's line in the bank."""
    out = [f"// Exported by podium from {' '.join(bank.path.split())}", ""]
    if bank.title:
        category = " ".join(bank.title.split()).replace("/", "//")
        out += [f"$CATEGORY: {category}", ""]
    for question in bank.questions:
        notes: list[str] = []
        block = _block(question, notes)
        if block is None:
            reason = ("order questions have no GIFT equivalent" if question.type == "order"
                      else "; ".join(notes) if question.type in ("cloze", "match") and notes
                      else "none of its accepted answers can be written in GIFT")
            message = f"question '{question.id}' not exported: {reason}"
            out += [f"// {message}", ""]
            if log is not None:
                log.warning(bank.path, question.line, 1, message)
            continue
        if question.hint:
            notes.append("its hint is not kept: GIFT has no hints")
        if question.points != 1:
            notes.append(f"points: {question.points:g} is not kept: GIFT gives every question the default mark")
        if question.units:
            notes.append(f"unit {question.units[0]!r} is not kept: GIFT numbers have no unit, so a learner "
                         "must type the number alone")
        for note in notes:
            out.append(f"// {question.id}: {' '.join(note.split())}")
            if log is not None:
                log.warning(bank.path, question.line, 1, f"question '{question.id}': {note}")
        prompt = escape(question.prompt)
        if question.type == "cloze":
            # A cloze goes as missing-word: its text with the block where its one blank is.
            before, after = question.cloze.pieces
            prompt = escape(before) + BLANK + escape(after) if after.strip() else escape(before.rstrip())
        fmt = "[plain]" if _needs_plain(question) else ""
        head, blank, tail = prompt.partition(BLANK)
        # A missing-word question goes back to missing-word form: the block where the blank is.
        text = f"{head}{block}{tail}" if blank and tail.strip() and BLANK not in tail else f"{prompt} {block}"
        out += [f"::{escape(question.id)}:: {fmt}{text}", ""]
    return "\n".join(out)
