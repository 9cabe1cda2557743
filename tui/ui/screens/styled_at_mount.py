"""A screen that skips Textual's redundant work on being shown: the restyle of its first
`ScreenResume`, and a layout on a `Resize` to the size it already has."""

from __future__ import annotations

from typing import Self

from textual import events
from textual.geometry import Region
from textual.screen import Screen, ScreenResultType


class StyledAtMount(Screen[ScreenResultType]):
    """Every widget of the screen was styled as it was mounted, with the theme already set, so
    Textual's restyle of all of them on the first `ScreenResume` would only delay the first frame
    (docs/performance.md). Textual does the same when it returns to a screen under a popped one;
    later resumes restyle as usual. A screen built ahead and shown after the theme changed (the
    quiz prepared on its page) is restyled as usual: it was styled with the theme of its mount.
    `shown` turns true once the first resume is handled, so the screen's own `on_screen_resume`
    still sees it false then.

    A `Resize` to the size the screen already has is dropped: Textual lays the whole screen out
    again for each one, and a start-up brings several right after the first frame (the app's,
    the driver's, the first layout's own), which kept the interpreter from the thread writing
    that frame to the terminal. A real change of size passes, as does the first one.

    A screen whose whole frame was written as it was pushed (`drawn_on_push`, set by
    `quiz_flow.draw_pushed`) skips the repaint of the whole screen that Textual's first
    `ScreenResume` asks for: it would draw and write the same frame a second time."""

    shown = False
    drawn_on_push = False
    _resuming_drawn = False
    _mounted_theme: str | None = None

    @property
    def styled_as_shown(self) -> bool:
        """Whether the app's theme is still the one the screen was styled with at its mount."""
        return self._mounted_theme == self.app.theme

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Resize) and self.is_mounted and event.size == self.outer_size:
            event.stop()
            return
        if isinstance(event, events.Mount):
            self._mounted_theme = self.app.theme
        first = isinstance(event, events.ScreenResume) and not self.shown
        if isinstance(event, events.ScreenResume) and first:
            event.refresh_styles = not self.styled_as_shown
            self._resuming_drawn = self.drawn_on_push
        try:
            await super().on_event(event)
        finally:
            self._resuming_drawn = False
        if first:
            self.shown = True

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> Self:
        if self._resuming_drawn and not (regions or layout or recompose):
            return self  # the whole screen is on the terminal already
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
