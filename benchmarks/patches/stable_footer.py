"""Candidate: the Footer recomposes only when the keys it shows change.

Textual's Footer rebuilds all its FooterKey widgets on every `refresh_bindings()`, and the
presenter calls that on every slide change. The shown keys change only at the first and last
page, on quiz pages and while a slide number is typed. In podium this would be a `Footer`
subclass (tui/ui/widgets/) used by every screen; here the method is patched on Textual's Footer.
"""

from __future__ import annotations

from textual.widgets import Footer

_bindings_changed = Footer.bindings_changed


def _shown(footer: Footer, screen) -> tuple:  # type: ignore[no-untyped-def]
    return tuple((binding.key, binding.action, binding.description, enabled, tooltip)
                 for (_, binding, enabled, tooltip) in screen.active_bindings.values() if binding.show)


def bindings_changed(self: Footer, screen) -> None:  # type: ignore[no-untyped-def]
    shown = _shown(self, screen)
    if self._bindings_ready and shown == getattr(self, "_podium_shown", None):
        return
    self._podium_shown = shown
    _bindings_changed(self, screen)


Footer.bindings_changed = bindings_changed
