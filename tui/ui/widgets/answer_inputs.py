"""The widgets a learner answers with, one per question type.

Each takes its choices as plain text (never markup) and can report the current response in the
form the domain's scoring expects. They post nothing of their own: the quiz screen asks them.
"""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Checkbox, Input, OptionList, SelectionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist
from textual.widgets.selection_list import Selection

from tui.domain.cloze import blanked
from tui.domain.quizbank import Question, left_label
from tui.domain.quizrun import TRUE_FALSE_CHOICES, AskedQuestion
from tui.domain.scoring import parse_number
from tui.ui.widgets.paged_list import PagedWhenLaidOut


def _label(number: int, text: str) -> Text:
    return Text.assemble((f"{number}. ", "bold"), text)


class ChoicePicker(PagedWhenLaidOut, OptionList):
    """One choice from a list (single and true_false)."""

    def __init__(self, choices: tuple[str, ...]) -> None:
        super().__init__(*[Option(_label(n, c), id=f"choice-{n}") for n, c in enumerate(choices, 1)],
                         id="answer")
        self.choices = choices
        self.highlighted = 0

    def response(self, as_bool: bool) -> Any:
        if self.highlighted is None:
            return None
        choice = self.choices[self.highlighted]
        return choice == TRUE_FALSE_CHOICES[0] if as_bool else choice


TICKED = "✓"
"""The glyph in a ticked box of a multiple-choice list; an unticked box is blank, so the two
differ without colour (NO_COLOR, a monochrome terminal)."""
UNTICKED = " "


class ManyPicker(PagedWhenLaidOut, SelectionList[int]):
    """Any number of choices (multiple); Space toggles, Enter answers. A ticked box holds a tick
    and an unticked one is empty: the state shows by glyph, not by colour alone."""

    BINDINGS = [Binding("enter", "submit_answer", "Answer", show=False)]

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        # Textual draws each box as three segments (left edge, the inner "X", right edge) before
        # the choice; only the inner one changes, to a tick or a blank.
        if len(segments) < 3 or segments[1].text != Checkbox.BUTTON_INNER:
            return strip
        try:
            ticked = self.get_option_at_index(self.scroll_offset.y + y).value in self.selected
        except OptionDoesNotExist:
            return strip
        inner = segments[1]
        segments[1] = Segment(TICKED if ticked else UNTICKED, inner.style, inner.control)
        return Strip(segments, strip.cell_length)

    class Submitted(Message):
        """Enter was pressed: the choices toggled so far are the answer."""

    def __init__(self, choices: tuple[str, ...]) -> None:
        super().__init__(*[Selection(_label(n, c), n - 1) for n, c in enumerate(choices, 1)], id="answer")
        self.choices = choices

    def response(self) -> frozenset[str]:
        return frozenset(self.choices[index] for index in self.selected)

    def action_submit_answer(self) -> None:
        self.post_message(self.Submitted())


class OrderPicker(PagedWhenLaidOut, OptionList):
    """Items put in order: the highlighted item moves with Shift+Up / Shift+Down."""

    def __init__(self, choices: tuple[str, ...]) -> None:
        super().__init__(id="answer")
        self.items = list(choices)
        self._redraw()
        self.highlighted = 0

    def _redraw(self) -> None:
        highlighted = self.highlighted
        self.clear_options()
        self.add_options([Option(_label(n, item)) for n, item in enumerate(self.items, 1)])
        self.highlighted = highlighted

    def move(self, offset: int) -> None:
        """Move the highlighted item up (-1) or down (+1)."""
        if self.highlighted is None:
            return
        here = self.highlighted
        there = here + offset
        if 0 <= there < len(self.items):
            self.items[here], self.items[there] = self.items[there], self.items[here]
            self.highlighted = there
            self._redraw()

    def response(self) -> tuple[str, ...]:
        return tuple(self.items)


class TextAnswer(Input):
    """A typed answer (short, numeric and pattern).

    Getting the focus back (after the terminal was too small a moment) selects nothing: the next
    key goes on with the answer instead of replacing it."""

    def __init__(self, numeric: bool, units: tuple[str, ...] = ()) -> None:
        placeholder = "Type a number, then Enter" if numeric else "Type your answer, then Enter"
        super().__init__(placeholder=placeholder, id="answer", select_on_focus=False)
        self.numeric = numeric
        self.units = units
        """The units a numeric answer may end with (the question's `unit`)."""

    def problem(self) -> str | None:
        """Why the typed text cannot be submitted yet, or None."""
        if not self.value.strip():
            return "Type an answer first (or skip with F3)."
        if self.numeric and parse_number(self.value, self.units) is None:
            return f"'{self.value.strip()}' is not a number."
        return None


class BlankInput(Input):
    """The typed answer of one cloze blank."""

    def __init__(self, number: int, hint: str) -> None:
        placeholder = f"Blank {number}" + (f" ({hint})" if hint else "")
        super().__init__(placeholder=placeholder, id=f"blank-{number}", select_on_focus=False)
        self.number = number


class ClozeAnswer(Vertical):
    """One text box per blank of a cloze: Enter (the quiz screen's `next_blank`) or Tab goes to
    the next blank, Enter on the last answers. The blanked text itself is shown with the prompt."""

    can_focus = False

    def __init__(self, asked: AskedQuestion) -> None:
        super().__init__(id="answer")
        self.blanks = asked.question.blanks
        self.last_focused = 0
        """The index of the blank typed into last (where letters go back to after a hidden spell)."""

    def compose(self) -> ComposeResult:
        for number, blank in enumerate(self.blanks, 1):
            with Horizontal(classes="cloze-row"):
                yield Static(f"[{number}]", classes="cloze-number", markup=False)
                yield BlankInput(number, blank.hint)

    @property
    def inputs(self) -> list[BlankInput]:
        return list(self.query(BlankInput))

    def focus_target(self) -> Widget:
        inputs = self.inputs
        return inputs[min(self.last_focused, len(inputs) - 1)] if inputs else self

    def on_descendant_focus(self, event) -> None:
        if isinstance(event.widget, BlankInput):
            self.last_focused = event.widget.number - 1

    def response(self) -> tuple[str, ...]:
        return tuple(field.value.strip() for field in self.inputs)

    def problem(self) -> str | None:
        """Why the blanks cannot be submitted yet, or None."""
        if not any(self.response()):
            return "Fill in a blank first (or skip with F3)."
        return None


class MatchPicker(PagedWhenLaidOut, OptionList):
    """A match: ↑ ↓ choose a left item, a number key (or ← →) picks its right item from the
    numbered list shown with the prompt, Backspace clears it, Enter answers."""

    BINDINGS = [
        Binding("right", "cycle(1)", "Next match", show=False),
        Binding("left", "cycle(-1)", "Previous match", show=False),
        Binding("backspace,delete", "clear_pick", "Clear", show=False),
    ]

    def __init__(self, asked: AskedQuestion) -> None:
        super().__init__(id="answer")
        self.lefts = tuple(left for left, _ in asked.question.pairs)
        self.rights = asked.choices
        self.picks: list[int | None] = [None] * len(self.lefts)
        """For each left item, the index in `rights` of its pick."""
        self._redraw()
        self.highlighted = 0

    def _option(self, index: int) -> Option:
        pick = self.picks[index]
        chosen = (Text.assemble((f"{pick + 1}. ", "bold"), self.rights[pick]) if pick is not None
                  else Text("?", style="dim"))
        return Option(Text.assemble((f"{left_label(index)}. ", "bold"), self.lefts[index], "  →  ", chosen))

    def _redraw(self) -> None:
        highlighted = self.highlighted
        self.clear_options()
        self.add_options([self._option(index) for index in range(len(self.lefts))])
        self.highlighted = highlighted

    def pick(self, number: int) -> None:
        """Match the highlighted left item with right item `number` (from 1), then go to the next."""
        here = self.highlighted
        if here is None or not 1 <= number <= len(self.rights):
            return
        self.picks[here] = number - 1
        self._redraw()
        self.highlighted = min(here + 1, len(self.lefts) - 1)

    def action_cycle(self, step: int) -> None:
        here = self.highlighted
        if here is None:
            return
        current = self.picks[here]
        count = len(self.rights)
        self.picks[here] = (step - 1 if step > 0 else count - 1) % count if current is None \
            else (current + step) % count
        self._redraw()

    def action_clear_pick(self) -> None:
        if self.highlighted is not None:
            self.picks[self.highlighted] = None
            self._redraw()

    def response(self) -> tuple[str, ...] | None:
        if all(pick is None for pick in self.picks):
            return None
        return tuple("" if pick is None else self.rights[pick] for pick in self.picks)


def question_body(asked: AskedQuestion) -> str:
    """What a question shows below its prompt: a cloze's text with numbered blanks, or a match's
    numbered right items; nothing for the other types."""
    question = asked.question
    if question.type == "cloze":
        return blanked(question.cloze)
    if question.type == "match":
        return "\n".join(f"{number}. {right}" for number, right in enumerate(asked.choices, 1))
    return ""


def focus_target(widget: Widget) -> Widget:
    """The widget in an answer widget that takes the keys (a cloze's first or last-used blank)."""
    return widget.focus_target() if isinstance(widget, ClozeAnswer) else widget


def make_answer_widget(asked: AskedQuestion) -> Widget:
    """The widget for answering `asked`."""
    kind = asked.question.type
    if kind in ("single", "true_false"):
        return ChoicePicker(asked.choices)
    if kind == "multiple":
        return ManyPicker(asked.choices)
    if kind == "order":
        return OrderPicker(asked.choices)
    if kind == "cloze":
        return ClozeAnswer(asked)
    if kind == "match":
        return MatchPicker(asked)
    return TextAnswer(numeric=kind == "numeric", units=asked.question.units)


def current_response(widget: Widget, asked: AskedQuestion) -> Any:
    """The learner's response as the domain grades it."""
    if isinstance(widget, ChoicePicker):
        return widget.response(as_bool=asked.question.type == "true_false")
    if isinstance(widget, (ManyPicker, OrderPicker, ClozeAnswer, MatchPicker)):
        return widget.response()
    if isinstance(widget, TextAnswer):
        return widget.value.strip()
    return None


INSTRUCTIONS = {
    "single": "Pick one: a number key, or ↑ ↓ and Enter, or click.",
    "true_false": "True or false: t or f, 1 or 2, or ↑ ↓ and Enter.",
    "multiple": "Pick all that apply: number keys or Space toggle, Enter answers.",
    "order": "Put in order: ↑ ↓ choose an item, Shift+↑ ↓ move it, Enter answers.",
    "short": "Type your answer and press Enter",
    "numeric": "Type a number and press Enter",
    "cloze": "Type each blank: Enter or Tab goes to the next, Enter on the last answers",
    "match": "For each lettered item (↑ ↓), press the number of its match (or ← →); Enter answers.",
}
"""How to answer each question type; `instructions` adds what depends on the question."""


def instructions(question: Question) -> str:
    """How to answer `question`: the keys of its type, F2 only when it has a hint, and the unit
    a numeric answer may carry."""
    text = INSTRUCTIONS[question.type]
    if question.type in ("short", "numeric", "cloze"):
        if question.type == "numeric" and question.units:
            text += f" (in {question.units[0]}; the unit may be typed or left out)"
        keys = ["F2 hint"] if question.hint else []
        return f"{text} ({', '.join([*keys, 'F3 skip'])})."
    return text
