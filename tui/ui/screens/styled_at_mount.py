"""A screen that is not restyled the first time it is shown."""

from __future__ import annotations

from textual import events
from textual.screen import Screen, ScreenResultType


class StyledAtMount(Screen[ScreenResultType]):
    """Every widget of the screen was styled as it was mounted, with the theme already set, so
    Textual's restyle of all of them on the first `ScreenResume` would only delay the first frame
    (docs/performance.md). Textual does the same when it returns to a screen under a popped one;
    later resumes restyle as usual. `shown` turns true once the first resume is handled, so the
    screen's own `on_screen_resume` still sees it false then."""

    shown = False

    async def on_event(self, event: events.Event) -> None:
        first = isinstance(event, events.ScreenResume) and not self.shown
        if first:
            event.refresh_styles = False
        await super().on_event(event)
        if first:
            self.shown = True
