"""A screen that skips Textual's redundant work on being shown: the restyle of its first
`ScreenResume`, and a layout on a `Resize` to the size it already has."""

from __future__ import annotations

from textual import events
from textual.screen import Screen, ScreenResultType


class StyledAtMount(Screen[ScreenResultType]):
    """Every widget of the screen was styled as it was mounted, with the theme already set, so
    Textual's restyle of all of them on the first `ScreenResume` would only delay the first frame
    (docs/performance.md). Textual does the same when it returns to a screen under a popped one;
    later resumes restyle as usual. `shown` turns true once the first resume is handled, so the
    screen's own `on_screen_resume` still sees it false then.

    A `Resize` to the size the screen already has is dropped: Textual lays the whole screen out
    again for each one, and a start-up brings several right after the first frame (the app's,
    the driver's, the first layout's own), which kept the interpreter from the thread writing
    that frame to the terminal. A real change of size passes, as does the first one."""

    shown = False

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Resize) and self.is_mounted and event.size == self.outer_size:
            event.stop()
            return
        first = isinstance(event, events.ScreenResume) and not self.shown
        if first:
            event.refresh_styles = False
        await super().on_event(event)
        if first:
            self.shown = True
