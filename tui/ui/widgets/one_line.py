"""A widget that draws a single line of Rich text straight into a `Strip`.

Textual draws a `render()` result by converting it to `Content` and styling it on every refresh,
and forgets the widget's component styles on every `refresh()`; for the status line and the key
bar, repainted on most moves, that cost more than the slide (docs/performance.md). A `OneLine`
keeps its component styles until the theme or the stylesheet changes, and its drawn line until
what it shows changes; a line it will show next can be drawn ahead (`keep_ahead`).
"""

from __future__ import annotations

from collections.abc import Hashable

from rich.style import Style
from rich.text import Text
from textual.strip import Strip
from textual.widget import Widget


class OneLine(Widget):
    """Subclasses give `render()` (the line as Rich text) and `line_key()` (what it shows)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._styles: dict[str, Style] = {}
        self._styles_theme = ""
        self._strip: tuple[Hashable, Strip] | None = None
        self._ahead: dict[Hashable, Strip] = {}

    def line_key(self) -> Hashable:
        """Everything the line shows: it is drawn again only when this changes."""
        raise NotImplementedError

    def render(self) -> Text:
        raise NotImplementedError

    @property
    def drawn(self) -> bool:
        """Whether the line has been drawn (since the last change of styles)."""
        return self._strip is not None

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strip = None
        self._ahead.clear()

    def component_style(self, name: str) -> Style:
        """A component class's Rich style ("base": the widget's own), kept per theme."""
        if self._styles_theme != self.app.theme:
            self._styles.clear()
            self._styles_theme = self.app.theme
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.rich_style if name == "base" else self.get_component_rich_style(name)
        return style

    def keep_ahead(self, line_key: Hashable, text: Text) -> None:
        """Draw now the line the widget will show once `line_key()` returns `line_key`: `text` is
        what `render()` will return then. Lines drawn ahead are kept until shown or replaced."""
        key = (line_key, self.size.width, self.app.theme)
        if key in self._ahead or (self._strip is not None and self._strip[0] == key):
            return
        if len(self._ahead) >= AHEAD:
            self._ahead.pop(next(iter(self._ahead)))
        self._ahead[key] = self._draw(text)

    def _draw(self, text: Text) -> Strip:
        width = self.size.width
        text.truncate(width, overflow=text.overflow or "crop")
        line = Strip(text.render(self.app.console)).crop_extend(0, width, self.component_style("base"))
        return line.simplify()  # one segment per run of one style

    def render_line(self, y: int) -> Strip:
        key = (self.line_key(), self.size.width, self.app.theme)
        if self._strip is None or self._strip[0] != key:
            line = self._ahead.pop(key, None)
            self._strip = (key, line if line is not None else self._draw(self.render()))
        return self._strip[1]


AHEAD = 4
"""Lines kept drawn ahead: the neighbours of the current one, and a spare."""
