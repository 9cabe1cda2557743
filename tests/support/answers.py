"""Right and wrong answers to the fixture's questions: as domain responses (`right`, `wrong`) and
as a learner types them on the quiz screen (`right_answer`, `wrong_answer`, `take_quiz`)."""

from __future__ import annotations

from tests.quiz_driver import answer
from tui.ui.screens.quiz import QuizScreen


def right(question):
    """The right response to a question, in the domain's response types."""
    return {
        "single": lambda: question.correct[0],
        "multiple": lambda: frozenset(question.correct),
        "true_false": lambda: question.truth,
        "short": lambda: question.correct[0],
        "numeric": lambda: "3",
        "order": lambda: tuple(question.choices),
    }[question.type]()


def wrong(question):
    """A wrong (but well-formed) response to a question."""
    return {
        "single": lambda: next(c for c in question.choices if c not in question.correct),
        "multiple": lambda: frozenset(c for c in question.choices if c not in question.correct),
        "true_false": lambda: not question.truth,
        "short": lambda: "Mars",
        "numeric": lambda: "99",
        "order": lambda: tuple(reversed(question.choices)),
    }[question.type]()


def right_answer(question):
    return {"single": lambda q: q.correct[0], "true_false": lambda q: q.truth,
            "multiple": lambda q: list(q.correct), "short": lambda q: q.correct[0],
            "numeric": lambda q: f"{q.low:g}", "order": lambda q: list(q.choices)}[question.type](question)


def wrong_answer(question):
    if question.type == "single":
        return next(c for c in question.choices if c != question.correct[0])
    if question.type == "true_false":
        return not question.truth
    if question.type == "multiple":
        return [next(c for c in question.choices if c not in question.correct)]
    if question.type == "numeric":
        return f"{question.high + 1000:g}"
    if question.type == "order":
        return list(reversed(question.choices))
    return "certainly not this"


async def take_quiz(pilot, app, wrong_ids: set[str]) -> None:
    """Answer every question on the quiz screen: wrong for `wrong_ids`, right otherwise."""
    quiz = app.screen
    assert isinstance(quiz, QuizScreen)
    while not quiz.run.finished:
        question = quiz.run.current.question
        response = wrong_answer(question) if question.id in wrong_ids else right_answer(question)
        await answer(pilot, quiz.run.current, response)
        await pilot.press("enter")
        await pilot.pause()


def burst(app, *keys: str) -> None:  # type: ignore[no-untyped-def]
    """Send keys as one read from the terminal brings them: all queued at once, none waited for
    (Pilot.press lets the app settle after each key)."""
    from textual import events

    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        app._driver.send_message(event)
