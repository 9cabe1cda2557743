"""Candidate: a one-line key-hint bar instead of Textual's Footer, on every screen.

Textual's Footer is a container of one FooterKey widget per key; mounting those restyles each one
(about 150 ms of the first paint here) and every `refresh_bindings()` rebuilds them all. This bar
is one Static whose text is rebuilt only when the keys it shows change. It keeps the class name
`Footer` so podium's CSS (`.-too-small Footer`) still applies. Loses: clicking a key in the footer.
In podium: tui/ui/widgets/key_hints.py, used by every screen instead of `textual.widgets.Footer`.
"""

from __future__ import annotations

import textual.widgets._footer as footer_module
from rich.text import Text
from textual.widgets import Static


class Footer(Static):  # the name podium's CSS selects on
    DEFAULT_CSS = """
    Footer { dock: bottom; height: 1; width: 1fr; background: $footer-background; color: $footer-foreground; }
    """

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__("", id=kwargs.get("id"), classes=kwargs.get("classes"), markup=False)
        self._shown: tuple | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen) -> None:  # type: ignore[no-untyped-def]
        seen: dict[str, tuple] = {}
        for _node, binding, enabled, _tooltip in screen.active_bindings.values():
            if binding.show and binding.action not in seen:
                seen[binding.action] = (binding, enabled)
        shown = tuple((b.key, b.description, enabled) for b, enabled in seen.values())
        if shown == self._shown:
            return
        self._shown = shown
        variables = self.app.theme_variables
        key_style = f"bold {variables.get('footer-key-foreground', variables.get('accent', ''))}"
        text = Text(no_wrap=True, overflow="ellipsis")
        for binding, enabled in seen.values():
            text.append(f" {self.app.get_key_display(binding)} ", style=key_style if enabled else "dim")
            text.append(binding.description + " ", style="" if enabled else "dim")
        self.update(text)


footer_module.Footer = Footer
