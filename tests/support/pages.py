"""Finding pages of a deck, and the quiz screen as a test waits for and reads it."""

from __future__ import annotations

from tests.conftest import shown, wait_until
from tests.support.waiting import settle_until
from tui.domain.walk import Walk
from tui.ui import quiz_flow, textual_door


def quiz_page(presentation, section: int = 0) -> int:
    """The 1-based page number of a section's quiz page."""
    walk = Walk(presentation.deck)
    return next(n for n, page in enumerate(walk.pages, 1) if page.kind == "quiz" and page.section == section)


def among_slides(presentation) -> int:  # type: ignore[no-untyped-def]
    """A 1-based page number of a one-step slide, with one-step slides on the next three pages."""
    pages = Walk(presentation.deck).pages
    plain = [page.kind == "slide" and page.steps == 1 for page in pages]
    return next(n for n in range(1, len(pages) - 2) if all(plain[n - 1:n + 3]))


def screen_text(screen) -> str:
    return "\n".join(shown(widget, 110) for widget in screen.query("Static, QuestionText") if widget.display)


async def settled(pilot) -> None:
    """Until the quiz screen prepared on the page, if there is one, is built, laid out and drawn
    off screen (on a loaded machine that takes longer than the usual 0.1 s)."""
    await pilot.pause(0.3)
    prepared = quiz_flow.prepared_quiz(pilot.app)
    if prepared is not None:
        await wait_until(pilot, lambda: textual_door.frame_ahead(prepared.screen) is not None)



def ahead(app) -> quiz_flow.Prepared:  # type: ignore[no-untyped-def]
    """The quiz the app has built ahead for the quiz page it shows (fails the test if none)."""
    prepared = quiz_flow.prepared_quiz(app)
    assert prepared is not None, "no quiz was built ahead"
    return prepared


def palette_options(app) -> list[str]:  # type: ignore[no-untyped-def]
    """What the open command palette lists, top to bottom (empty when it is not open)."""
    from textual.command import CommandList

    found = app.screen.query(CommandList)
    if not found:
        return []
    listed = found.first()
    return [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]


async def palette_offers(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Until the open command palette's highlighted option is one that contains `text`, so Enter
    picks it."""
    from textual.command import CommandList

    def highlighted() -> str:
        found = pilot.app.screen.query(CommandList)
        if not found or found.first().highlighted is None:
            return ""
        listed = found.first()
        return str(listed.get_option_at_index(listed.highlighted).prompt)

    await settle_until(pilot, lambda: text in highlighted(), 10.0,
                       message=f"the palette never offered {text!r}")
