"""The bundled guide deck keeps to what its own slides teach.

Each bank is checked against the text of the section that uses it (its slides, speaker notes and
takeaways, with Markdown stripped). What "present" means per question type:

- short: at least one accepted answer appears in the section text (ignoring case and accents).
- single: every key word of the right choice appears in the section text.
- multiple: every key word of each right choice appears in the section text.
- numeric: the number (or both ends of its range) appears as a number in the section text.
- true_false: the truth of a statement cannot be found by looking words up, so instead every key
  word of the statement must appear in the section text. That keeps true statements to what the
  section says, and false ones to a twist of what it says (a swapped or negated claim) rather
  than an invented fact. Whether it is keyed true or false is read by a person.
- order: every key word of every item appears in the section text (the order itself is read by a
  person, like true/false).
- cloze: every blank's answer appears in the section text, like a short answer.
- match: every key word of every left and right item appears in the section text (which left
  goes with which right is read by a person).

A key word is a word of three or more letters that is not a common function word; it is found
when a word of the section starts with its first letters (all but up to three, at least four,
or the word without `-ing` or `-ed`), so that `catching` finds `catch`, `buying` finds `buy` and
`models` finds `model`.

Wording tells are checked too: a false true/false statement must not be given away by an
absolute word, and the keyed choice of a single-answer question is rarely the longest one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest

from tui.domain.deck import Section
from tui.domain.loader import Presentation, load_presentation
from tui.domain.paths import bundled_deck
from tui.domain.quizbank import Question

MAX_TAKEAWAY = 80
ABSOLUTE = ("only", "simply", "purely", "always", "never", "all", "every", "entirely", "solely")

STOP_WORDS = """
a an the and or but nor of to in on at by for with from into onto as is are was were be been being
it its it's this that these those they them their there than then so not no yes do does did
has have had can could will would should may might must our your you we he she his her
what which who whom whose why how when where while about over under more most less least very
also just still even own same other such any some each both per via like one two
guide guide's says say said according named names name describe describes described call calls
called list lists listed give gives given section slide slides
because though although rather means mean present presents come comes let lets
"""
STOP = frozenset(STOP_WORDS.split())


def plain(text: str) -> str:
    """Lower case, no accents, curly quotes made straight, Markdown marks and punctuation as spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("\u2019", "'").replace("\u2018", "'").casefold()
    return " ".join(re.sub(r"[^a-z0-9'.,-]+", " ", text).replace("'s ", " ").split())


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", plain(text))


def key_words(text: str) -> list[str]:
    return [word for word in words(text) if len(word) >= 3 and word not in STOP and not word.isdigit()]


def section_text(section: Section) -> str:
    parts = [section.title, *section.takeaways]
    for slide in section.slides:
        parts.extend((slide.markdown, slide.notes))
    return "\n".join(parts)


def found(word: str, vocabulary: set[str]) -> bool:
    stem = word[:max(4, len(word) - 3)] if len(word) > 4 else word
    if word.endswith(("ing", "ed")) and len(word) > 5:
        stem = min(stem, word.removesuffix("ing").removesuffix("ed"), key=len)
    return any(candidate.startswith(stem) for candidate in vocabulary)


def missing_words(text: str, section: str) -> list[str]:
    vocabulary = set(words(section))
    return [word for word in key_words(text) if not found(word, vocabulary)]


def _numbers(text: str) -> set[float]:
    return {float(match.replace(",", "")) for match in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}


def answer_problem(question: Question, section: str) -> str | None:
    """Why the question's answer is not in the section's text, or None when it is."""
    kind = question.type
    if kind == "short":
        text = plain(section)
        padded = f" {' '.join(words(section))} "
        if any(f" {' '.join(words(accepted))} " in padded or plain(accepted) in text
               for accepted in question.correct):
            return None
        return f"none of {list(question.correct)} appears in the section"
    if kind in ("single", "multiple"):
        gaps = {choice: missing_words(choice, section) for choice in question.correct}
        gaps = {choice: gap for choice, gap in gaps.items() if gap}
        return f"key words missing: {gaps}" if gaps else None
    if kind == "numeric":
        numbers = _numbers(section)
        wanted = {question.low, question.high}
        return None if wanted <= numbers else f"{sorted(wanted)} not among the section's numbers"
    if kind == "true_false":
        gap = missing_words(question.prompt, section)
        return f"statement words missing: {gap}" if gap else None
    if kind == "order":
        gaps = {item: missing_words(item, section) for item in question.choices}
        gaps = {item: gap for item, gap in gaps.items() if gap}
        return f"item words missing: {gaps}" if gaps else None
    if kind == "cloze":
        text = plain(section)
        gaps = [blank.answer for blank in question.blanks if plain(blank.answer) not in text]
        return f"blanks not in the section: {gaps}" if gaps else None
    if kind == "match":
        gaps = {item: missing_words(item, section) for pair in question.pairs for item in pair}
        gaps = {item: gap for item, gap in gaps.items() if gap}
        return f"pair words missing: {gaps}" if gaps else None
    return f"no check for type {kind}"


@pytest.fixture(scope="module")
def bundled() -> Presentation:
    return load_presentation(bundled_deck())


def test_every_takeaway_is_short(bundled: Presentation) -> None:
    long = [(section.title, text) for section in bundled.deck.sections for text in section.takeaways
            if len(text) >= MAX_TAKEAWAY]
    assert not long


def test_every_section_has_takeaways_and_a_quiz_named_like_it(bundled: Presentation) -> None:
    for index, section in enumerate(bundled.deck.sections):
        assert section.takeaways, section.title
        assert index in bundled.banks, f"{section.title} has no quiz"
        assert bundled.banks[index].title == section.title


def test_no_page_repeats_its_heading(bundled: Presentation) -> None:
    """The takeaways page is headed "Key takeaways" over the section title, so no section is called that."""
    assert all(section.title.casefold() != "key takeaways" for section in bundled.deck.sections)


def test_every_answer_is_in_its_sections_text(bundled: Presentation) -> None:
    problems = []
    for index, bank in bundled.banks.items():
        text = section_text(bundled.deck.sections[index])
        for question in bank.questions:
            problem = answer_problem(question, text)
            if problem:
                problems.append(f"{Path(bank.path).name} {question.id}: {problem}")
    assert not problems, "\n".join(problems)


BROKEN = {
    "short": lambda q: replace(q, correct=("zeppelin",)),
    "single": lambda q: replace(q, correct=("Lunar mining cooperatives",)),
    "multiple": lambda q: replace(q, correct=(*q.correct, "Submarine telegraphy")),
    "numeric": lambda q: replace(q, low=1789.0, high=1789.0),
    "true_false": lambda q: replace(q, prompt=q.prompt + " Volcanoes decide it."),
    "order": lambda q: replace(q, choices=(*q.choices, "Penguins migrate")),
}


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_a_broken_answer_is_caught(bundled: Presentation, kind: str) -> None:
    index, question = next((index, question) for index, bank in bundled.banks.items()
                           for question in bank.questions if question.type == kind)
    text = section_text(bundled.deck.sections[index])
    assert answer_problem(question, text) is None
    assert answer_problem(BROKEN[kind](question), text) is not None


def test_false_statements_carry_no_absolute_tell(bundled: Presentation) -> None:
    tells = []
    for bank in bundled.banks.values():
        for question in bank.questions:
            if question.type == "true_false" and question.truth is False:
                absolute = set(words(question.prompt)) & set(ABSOLUTE)
                if absolute:
                    tells.append((question.id, sorted(absolute)))
    assert not tells


def test_the_keyed_choice_is_seldom_the_longest(bundled: Presentation) -> None:
    singles = [question for bank in bundled.banks.values() for question in bank.questions
               if question.type == "single"]
    longest = [question.id for question in singles
               if all(len(question.correct[0]) > len(choice) for choice in question.choices
                      if choice != question.correct[0])]
    assert len(longest) <= len(singles) // 3, longest


def test_numeric_questions_do_not_count_list_items(bundled: Presentation) -> None:
    counting = [question.id for bank in bundled.banks.values() for question in bank.questions
                if question.type == "numeric" and re.search(r"\bhow many\b", question.prompt, re.I)]
    assert not counting


def test_short_answers_accept_more_than_one_wording(bundled: Presentation) -> None:
    narrow = [question.id for bank in bundled.banks.values() for question in bank.questions
              if question.type == "short" and len(question.correct) < 2]
    assert not narrow


def test_the_hint_of_weights_term_leads_to_an_accepted_answer(bundled: Presentation) -> None:
    from tui.domain.scoring import grade

    question = next(question for bank in bundled.banks.values() for question in bank.questions
                    if question.id == "weights-term")
    for typed in ("weight", "weights", "open weights"):
        assert grade(question, typed).verdict == "right", typed
