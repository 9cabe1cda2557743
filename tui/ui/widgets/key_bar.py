"""The key bar: one line at the bottom of every screen naming the keys that work there.

Textual's `Footer` is a container holding one widget per key, and it rebuilds all of them on every
`refresh_bindings()`; on a presenter that costs more than drawing the slide (docs/performance.md).
This bar is a single widget that draws one line of text, and redraws only when the keys it shows,
or whether they are live, change (a `OneLine`). Clicking a key presses it, as with Textual's footer.
"""

from __future__ import annotations

from functools import partial
from typing import Any, NamedTuple

from rich.text import Text
from textual import events
from textual.screen import Screen

from tui.ui.after_frame import after_frame
from tui.ui.widgets.one_line import OneLine


class Hint(NamedTuple):
    key: str
    """The key pressed when the hint is clicked."""
    display: str
    description: str
    enabled: bool


class KeyBar(OneLine):
    """Shows the screen's bindings that have `show=True`, one hint per action."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        background: $footer-background;
        color: $footer-foreground;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.hints: tuple[Hint, ...] = ()
        self.palette: Hint | None = None
        self._spans: list[tuple[int, int, Hint]] = []
        self._catching_up = False

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.take_bindings(self.screen)  # also for a screen built ahead, before it is shown

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        """The screen's bindings may have changed. A screen under another one in the stack
        (whose keys cannot be pressed; Textual still counts it as current when it is right below
        the top screen) is skipped: Textual refreshes its bindings again when it is resumed, and
        that is when the bar is brought up to date. Pushing a quiz screen then does not rebuild
        the presenter's bar. A screen built ahead, not in the stack yet, keeps its bar current, so
        that it is right in the screen's first frame.

        On the screen being shown, once the bar is on screen, it catches up just after the next
        frame (`after_frame`): what a key did reaches the terminal first, and a change of keys
        (rare: the quiz page adds Enter) follows a frame later. A bar not drawn yet (the
        presenter's, as the app starts) takes the keys at once, so its first frame is right."""
        if screen is self.app.screen and self.drawn:
            if not self._catching_up:
                self._catching_up = True
                after_frame(self, partial(self._catch_up, screen))
        elif screen is self.app.screen or screen not in self.app.screen_stack:
            self.take_bindings(screen)

    def _catch_up(self, screen: Screen[Any]) -> None:
        self._catching_up = False
        self.take_bindings(screen)

    def take_bindings(self, screen: Screen[Any]) -> None:
        """Take the screen's live bindings; repaint only when what is shown changes."""
        hints, palette = self.hints_of(screen)
        if (hints, palette) != (self.hints, self.palette):
            self.hints, self.palette = hints, palette
            self.refresh()

    def hints_of(self, screen: Screen[Any]) -> tuple[tuple[Hint, ...], Hint | None]:
        """The hints for the screen's live bindings, and the command palette's hint if any."""
        seen: dict[str, Hint] = {}
        active = screen.active_bindings
        for _node, binding, enabled, _tooltip in active.values():
            if binding.show and binding.action not in seen:
                seen[binding.action] = Hint(binding.key, self.app.get_key_display(binding),
                                            binding.description, enabled)
        palette: Hint | None = None
        if self.app.ENABLE_COMMAND_PALETTE and self.app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, _tooltip = active[self.app.COMMAND_PALETTE_BINDING]
            palette = Hint(binding.key, self.app.get_key_display(binding), binding.description, enabled)
        return tuple(seen.values()), palette

    def line_key(self) -> tuple[object, ...]:
        return (self.hints, self.palette)

    def render(self) -> Text:
        """The line as Rich text (what `render_line` draws)."""
        key_style = self.component_style("key-bar--key")
        description_style = self.component_style("key-bar--description")
        text = Text(no_wrap=True, overflow="ellipsis", end="", style=self.component_style("base"))
        self._spans = []
        for hint in self.hints:
            start = len(text)
            text.append(f" {hint.display} ", key_style)
            text.append(f"{hint.description} ", description_style)
            if not hint.enabled:
                text.stylize("dim", start)
            self._spans.append((start, len(text), hint))
        if self.palette is not None:
            label = Text.assemble((f" {self.palette.display} ", key_style),
                                  (f"{self.palette.description} ", description_style))
            gap = self.size.width - len(text) - len(label)
            if gap > 0:
                text.append(" " * gap)
                self._spans.append((len(text), len(text) + len(label), self.palette))
                text.append_text(label)
        return text

    def hint_at(self, x: int) -> Hint | None:
        """The hint drawn at column `x`, if any."""
        for start, end, hint in self._spans:
            if start <= x < end:
                return hint
        return None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        hint = self.hint_at(event.x)
        if hint is None:
            return
        if hint.enabled:
            self.app.simulate_key(hint.key)
        else:
            self.app.bell()
