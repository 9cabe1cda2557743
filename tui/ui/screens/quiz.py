"""One section's quiz: a question at a time, feedback after each, a `QuizResult` at the end."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar, Literal, Protocol

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static

from tui.domain.quizrun import AnsweredQuestion, QuizResult, QuizRun, response_text
from tui.ui.screens.dismiss_once import DismissOnce
from tui.ui.screens.styled_at_mount import StyledAtMount
from tui.ui.widgets.answer_inputs import (
    BlankInput,
    ChoicePicker,
    ClozeAnswer,
    ManyPicker,
    MatchPicker,
    OrderPicker,
    TextAnswer,
    current_response,
    focus_target,
    instructions,
    make_answer_widget,
    question_body,
)
from tui.ui.widgets.key_bar import KeyBar
from tui.ui.widgets.too_small import fit_screen

Phase = Literal["asking", "feedback"]


class Recorder(Protocol):
    """What the quiz tells about answers; returns a message when saving failed."""

    def answered(self, answered: AnsweredQuestion, seconds: float) -> str | None: ...

    def finished(self) -> str | None: ...

    def overridden(self, answered: AnsweredQuestion) -> str | None: ...
    def leave_detail(self) -> str: ...

VERDICT_TEXT = {
    "right": ("✓ Right", "-right"),
    "partial": ("◐ Partly right", "-partial"),
    "wrong": ("✗ Wrong", "-wrong"),
    "skipped": ("↷ Skipped", "-wrong"),
}


def points_text(points: float, possible: float) -> str:
    def fmt(value: float) -> str:
        return f"{value:g}" if value == int(value) else f"{value:.2f}".rstrip("0")

    return f"{fmt(points)}/{fmt(possible)} point{'s' if possible != 1 else ''}"


def verdict_note(answered: AnsweredQuestion) -> str:
    """What follows the verdict: a typo forgiven, or the learner's own call."""
    if answered.overridden:
        return " (counted right by you)"
    if answered.grade.accepted_as is not None:
        return f" (accepted '{answered.response}' as '{answered.grade.accepted_as}')"
    return ""


class QuestionText(Static):
    """The header, the prompt and how to answer, in one widget: one to style, lay out and draw.

    The prompt is brighter and bold, as the theme's `$text`; the rest muted (quiz.tcss).
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"question-text--prompt"}
    DEFAULT_CSS = """
    QuestionText {
        .question-text--prompt {
            color: $text;
            text-style: bold;
        }
    }
    """

    def __init__(self, header: Text, prompt: str, instructions: str, *, id: str | None = None) -> None:
        self.parts = (header, prompt, instructions)
        super().__init__(self.plain(), id=id, markup=False)

    def plain(self) -> Text:
        header, prompt, instructions = self.parts
        return Text.assemble(header, "\n\n", prompt, "\n\n", instructions)

    def show(self, header: Text, prompt: str, instructions: str) -> None:
        self.parts = (header, prompt, instructions)
        self.update(self.plain())

    def render(self) -> Text:
        header, prompt, instructions = self.parts
        prompt_style = self.get_component_rich_style("question-text--prompt")
        return Text.assemble(header, "\n\n", (prompt, prompt_style), "\n\n", instructions)


QUIZ_STYLES = (Path(__file__).resolve().parent.parent / "styles" / "quiz.tcss").read_text(encoding="utf-8")
"""The quiz and results screens' styles. They are the screens' default CSS, not the app's: Textual
then parses them when a quiz screen is first built (after the first paint, while the presenter
shows a quiz page), and a new widget's default CSS is parsed alone, without restyling every node as
a screen's CSS_PATH would (docs/performance.md)."""


class QuizScreen(DismissOnce, StyledAtMount[QuizResult]):
    """Asks the questions of one `QuizRun` and dismisses with its result."""

    DEFAULT_CSS = QUIZ_STYLES

    BINDINGS = [
        # Not priority: the answer widget reads Enter first (a text box submits, a list picks), so
        # keys typed fast, "3" then Enter, arrive in order.
        Binding("enter", "submit", "Answer"),
        # Priority: Enter on the feedback brings the next question, focused, before the keys
        # that came with it are handed on, so they are the start of its answer (and "s" or "h"
        # among them neither skips nor hints).
        Binding("enter", "continue", "Continue", priority=True),
        # Early in the bar, so that how to leave is shown even in a narrow terminal.
        Binding("escape", "leave", "Leave quiz"),
        # Priority: Enter on a cloze blank that is not the last moves on to the next one when
        # the key is read, so letters typed right after it land in that next blank.
        Binding("enter", "next_blank", show=False, priority=True),
        *[Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)],
        # Shown on true/false questions only (check_action hides them elsewhere).
        Binding("t", "truth(True)", "True"),
        Binding("f", "truth(False)", "False"),
        Binding("shift+up", "move(-1)", "Move up"),
        Binding("shift+down", "move(1)", "Move down"),
        # F2 and F3 work while typing an answer too; h and s only when no text box has focus.
        Binding("f2", "hint", "Hint"),
        Binding("h", "hint", show=False),
        Binding("f3", "skip", "Skip"),
        Binding("s", "skip", show=False),
        Binding("v", "read", "Read the slides"),
        # After a typed answer marked wrong: the learner counts it as right.
        Binding("r", "override", "I was right"),
    ]

    BLANK = True
    """The screen draws only its background (its widgets cover it), so Textual can paint it as
    blank lines instead of styling each line: showing the screen repaints all of it."""

    phase: reactive[Phase] = reactive("asking", init=False)

    def __init__(self, run: QuizRun, *, recorder: Recorder | None = None,
                 reader: Callable[[int], Screen[None]] | None = None) -> None:
        super().__init__()
        self.run = run
        self.recorder = recorder
        """Saves each answer as it is given (None: nothing is saved)."""
        self.reader = reader
        """Builds a screen of the slides behind question n, to re-read from the feedback."""
        self.hint_used = False
        self.asked_at = 0.0
        self.left = False
        """The learner left half way (the screen was dismissed with None)."""
        self.asking_to_leave = False
        """Whether the question "Leave the quiz?" is on screen, or about to be."""

    def compose(self) -> ComposeResult:
        # The first question is composed with the screen, so showing it needs no second mount.
        # The hint, the feedback and the too-small notice are mounted when first shown.
        with VerticalScroll(id="quiz"):
            yield QuestionText(*self.question_text(), id="quiz-question")
            yield self.new_answer_widget()
        yield KeyBar()

    def on_mount(self) -> None:
        if not self.query("#answer"):
            # A quiz built ahead and discarded while it was still mounting (the deck was reloaded,
            # or the presenter moved on): its widgets are already being removed.
            return
        self.fit(self.size.width, self.size.height)
        # At once, not after the app's queued messages: keys already waiting behind the Enter
        # that opened the quiz go to the answer.
        self.focus_answer()

    def on_resize(self, event) -> None:
        self.fit(event.size.width, event.size.height)

    def on_screen_resume(self) -> None:
        if not self.shown and self.phase == "asking":
            # A screen built ahead (see quiz_flow.prepare_section_quiz): the first question's
            # time starts when it is seen.
            self.asked_at = time.monotonic()

    def fit(self, width: int, height: int) -> None:
        if fit_screen(self, width, height):
            self.call_after_refresh(self.focus_answer)  # it lost the focus while hidden
            self.refresh_bindings()  # none were live while hidden

    def on_key(self, event: events.Key) -> None:
        # While the too-small notice hides the quiz, nothing has the focus: letters typed then
        # still go into a text answer, and no other key acts on a question the learner cannot see.
        if not self.has_class("-too-small"):
            return
        answer = self.query("#answer")
        target = focus_target(answer.first()) if answer else None
        if event.is_printable and event.character and self.phase == "asking" and isinstance(target, Input):
            target.insert_text_at_cursor(event.character)
        event.stop()

    def focus_answer(self) -> None:
        """Give the answer the focus now (if the screen still has one). `Widget.focus` would
        only ask the app to, after the messages it has queued, keys included."""
        answers = self.query("#answer")
        if answers:
            self.set_focus(focus_target(answers.first()))

    @property
    def answer_widget(self):
        return self.query_one("#answer")

    # -- asking ----------------------------------------------------------------------------

    def question_text(self) -> tuple[Text, str, str]:
        """The header, the prompt and how to answer the current question."""
        question = self.run.current.question
        worth = points_text(question.points, question.points).split("/", 1)[1]
        header = Text.assemble(
            ("Quiz", "bold"), f" · {self.run.section} · ",
            (f"question {self.run.index + 1} of {self.run.planned}", "bold"), f" · worth {worth}",
        )
        body = question_body(self.run.current)
        prompt = f"{question.prompt}\n\n{body}" if body else question.prompt
        return header, prompt, instructions(question)

    def new_answer_widget(self) -> Widget:
        """A fresh answer widget for the current question; its time starts now."""
        self.hint_used = False
        self.asked_at = time.monotonic()
        return make_answer_widget(self.run.current)

    async def ask(self) -> None:
        """Show the next question with a fresh answer widget."""
        self.query_one("#quiz-question", QuestionText).show(*self.question_text())
        for widget in self.query("#quiz-hint, #quiz-feedback"):
            widget.display = False
        await self.answer_widget.remove()
        widget = self.new_answer_widget()
        await self.query_one("#quiz", VerticalScroll).mount(widget, after="#quiz-question")
        self.phase = "asking"
        self.set_focus(focus_target(widget))

    def note(self, id: str) -> Static:
        """The hint or feedback Static, mounted the first time it is needed."""
        found = self.query(f"#{id}")
        if found:
            return found.first(Static)
        note = Static("", id=id, markup=False)
        quiz = self.query_one("#quiz", VerticalScroll)
        if id == "quiz-hint":
            quiz.mount(note, after="#answer")
        else:
            quiz.mount(note)
        return note

    def watch_phase(self, phase: Phase) -> None:
        self.set_class(phase == "feedback", "-feedback")
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.has_class("-too-small"):
            return False  # the quiz is hidden behind the notice
        if self.run.finished and action not in ("continue", "leave", "read", "override"):
            return False  # (the last question's feedback still re-reads and overrides)
        asking = self.phase == "asking"
        if action in ("submit", "skip", "hint", "pick"):
            if action == "hint" and asking:
                return bool(self.run.current.question.hint)
            if action == "pick" and asking:
                return self.run.current.question.type in ("single", "true_false", "multiple", "order", "match")
            return asking
        if action == "truth":
            return asking and self.run.current.question.type == "true_false"
        if action == "move":
            return asking and self.run.current.question.type == "order"
        if action == "continue":
            return not asking
        if action == "next_blank":
            return asking and self.next_blank() is not None
        if action == "read":
            return self.reader is not None and not asking
        if action == "override":
            return not asking and bool(self.run.answers) and self.run.answers[-1].can_override
        return True

    def action_pick(self, number: int) -> None:
        widget = self.answer_widget
        if isinstance(widget, MatchPicker):
            widget.pick(number)
            return
        if not isinstance(widget, (ChoicePicker, ManyPicker, OrderPicker)):
            return
        if number > widget.option_count:
            return
        if isinstance(widget, ChoicePicker) and self.run.current.question.type == "true_false" \
                and number > 2:
            return
        widget.highlighted = number - 1
        if isinstance(widget, ManyPicker):
            widget.toggle(number - 1)
        elif isinstance(widget, ChoicePicker):
            self.action_submit()

    def next_blank(self) -> Widget | None:
        """The cloze blank after the focused one, None when there is none."""
        answers = self.query("#answer")
        widget = answers.first() if answers else None
        if not isinstance(widget, ClozeAnswer) or not isinstance(self.focused, BlankInput):
            return None
        inputs = widget.inputs
        number = self.focused.number
        return inputs[number] if self.focused in inputs and number < len(inputs) else None

    def action_next_blank(self) -> None:
        following = self.next_blank()
        if following is not None:
            self.set_focus(following)
            # Once laid out, show the whole blank (its margin too) on a short terminal, however
            # the focus change itself was drawn.
            self.call_after_refresh(following.scroll_visible, animate=False)

    def action_truth(self, value: bool) -> None:
        self.action_pick(1 if value else 2)

    def action_move(self, offset: int) -> None:
        widget = self.answer_widget
        if isinstance(widget, OrderPicker):
            widget.move(offset)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        # A click (or Enter) on a single choice answers it; Enter on an order list answers too.
        if isinstance(event.option_list, (ChoicePicker, OrderPicker, MatchPicker)) and self.phase == "asking":
            event.stop()
            self.action_submit()

    def on_many_picker_submitted(self, event: ManyPicker.Submitted) -> None:
        event.stop()
        self.action_submit()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def action_submit(self) -> None:
        if self.phase != "asking" or self.run.finished:
            return
        widget = self.answer_widget
        if isinstance(widget, (TextAnswer, ClozeAnswer)):
            problem = widget.problem()
            if problem:
                self.notify(problem, severity="warning", timeout=3)
                return
        response = current_response(widget, self.run.current)
        if response is None:
            self.notify("Pick an answer first.", severity="warning", timeout=3)
            return
        self.record(response)

    def action_skip(self) -> None:
        if self.phase == "asking" and not self.run.finished:
            self.record(None)

    def record(self, response: object) -> None:
        """Grade the response, save it at once, and show the feedback."""
        answered = self.run.answer(response, self.hint_used)
        if self.recorder is not None:
            message = self.recorder.answered(answered, time.monotonic() - self.asked_at)
            if message:
                self.notify(message, title="History", severity="warning", timeout=8, markup=False)
        self.show_feedback(answered)

    def action_read(self) -> None:
        if self.reader is not None:
            self.app.push_screen(self.reader(self.run.index - 1))

    def action_override(self) -> None:
        """Count the last answer, a typed one marked wrong, as right ("I was right")."""
        if self.phase != "feedback" or not self.run.answers or not self.run.answers[-1].can_override:
            return
        answered = self.run.override()
        if self.recorder is not None:
            message = self.recorder.overridden(answered)
            if message:
                self.notify(message, title="History", severity="warning", timeout=8, markup=False)
        self.show_feedback(answered)
        self.refresh_bindings()

    def action_hint(self) -> None:
        question = self.run.current.question
        if not question.hint:
            return
        self.hint_used = True
        hint = self.note("quiz-hint")
        penalty = self.run.bank.hint_penalty
        cost = f" (costs {penalty:.0%} of this question's points)" if penalty else ""
        hint.update(Text.assemble(("Hint: ", "bold"), question.hint, cost))
        hint.display = True

    # -- feedback --------------------------------------------------------------------------

    def show_feedback(self, answered: AnsweredQuestion) -> None:
        question = answered.question
        verdict, css_class = VERDICT_TEXT[answered.grade.verdict]
        lines = Text.assemble(
            (verdict, "bold"), verdict_note(answered),
            f" · {points_text(answered.grade.points, answered.grade.possible)}\n",
            ("Your answer: ", "bold"), response_text(question, answered.response), "\n",
            ("Right answer: ", "bold"), question.right_answer(),
        )
        if question.explanation:
            lines.append("\n\n")
            lines.append(question.explanation)
        coming_back = getattr(self.run, "coming_back", None)
        if coming_back is not None and coming_back():
            lines.append("\n\n")
            lines.append("This question comes back later in this review.", style="bold")
        more = "Enter: next question" if not self.run.finished else "Enter: see your results"
        if answered.can_override:
            more += " · r: I was right (count it)"
        if self.reader is not None:
            more += " · v: re-read the slides"
        lines.append("\n\n")
        lines.append(more, style="italic")
        feedback = self.note("quiz-feedback")
        feedback.set_classes(css_class)
        feedback.update(lines)
        feedback.display = True
        self.answer_widget.disabled = True
        self.phase = "feedback"
        # After the next refresh: the feedback just shown has no height until it is laid out,
        # and scrolling now would stop short of it on a small terminal.
        quiz = self.query_one("#quiz", VerticalScroll)
        self.call_after_refresh(quiz.scroll_end, animate=False)

    async def action_continue(self) -> None:
        if self.run.finished:
            self.dismiss(self.run.result())
        else:
            await self.ask()

    def action_leave(self) -> None:
        """Ask, then leave the quiz half way: the answers given stay in the history and the quiz
        can be resumed (the screen dismisses with None). With every question answered there is
        nothing to lose: Esc goes on to the results."""
        if self.run.finished:
            self.dismiss(self.run.result())
            return
        if self.asking_to_leave:
            return  # a second Esc that came before the question was shown
        from tui.ui.screens.leave import LeaveQuizScreen

        detail = self.recorder.leave_detail() if self.recorder is not None else \
            "Your answers so far are not kept: this quiz cannot be resumed."
        done = len(self.run.answers)
        counted = f"{done} of {self.run.planned} question{'s' if self.run.planned != 1 else ''} answered. "

        def chosen(leave: bool | None) -> None:
            self.asking_to_leave = False
            if leave:
                self.left = True
                self.dismiss(None)
            else:
                self.call_after_refresh(self.focus_answer)

        self.asking_to_leave = True
        self.app.push_screen(LeaveQuizScreen(f"Leave the {self.run.kind}?", counted + detail), chosen)
