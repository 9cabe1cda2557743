"""Answering quiz questions through the keyboard, as a learner would, in Pilot tests."""

from __future__ import annotations

from textual.pilot import Pilot

from tui.domain.quizrun import AskedQuestion


async def answer(pilot: Pilot, asked: AskedQuestion, response) -> None:
    """Press the keys that give `response` to the question on screen, then submit."""
    kind = asked.question.type
    if kind == "single":
        await pilot.press(str(asked.choices.index(response) + 1))
    elif kind == "true_false":
        await pilot.press("t" if response else "f")
    elif kind == "multiple":
        for choice in response:
            await pilot.press(str(asked.choices.index(choice) + 1))
        await pilot.press("enter")
    elif kind in ("short", "numeric"):
        await pilot.press(*list(str(response)))
        await pilot.press("enter")
    elif kind == "order":
        await _put_in_order(pilot, list(asked.choices), list(response))
        await pilot.press("enter")
    elif kind == "cloze":
        # Each blank typed, Enter after each: it moves to the next blank, and answers on the last.
        for typed in response:
            await pilot.press(*list(typed))
            await pilot.press("enter")
    elif kind == "match":
        # The highlight starts on the first left item and moves down after each pick.
        for pick in response:
            await pilot.press(str(asked.choices.index(pick) + 1) if pick else "down")
        await pilot.press("enter")
    await pilot.pause()


async def _put_in_order(pilot: Pilot, items: list[str], target: list[str]) -> None:
    cursor = 0
    for place, wanted in enumerate(target):
        where = items.index(wanted)
        await pilot.press(*(["down"] * (where - cursor) if where > cursor else ["up"] * (cursor - where)))
        cursor = where
        while cursor > place:
            await pilot.press("shift+up")
            items[cursor - 1], items[cursor] = items[cursor], items[cursor - 1]
            cursor -= 1
