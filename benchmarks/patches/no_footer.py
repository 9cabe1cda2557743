"""Upper bound, not a proposal: no Footer at all on any screen (what the Footer costs)."""

from __future__ import annotations

from textual.widgets import Footer


def compose(self):  # type: ignore[no-untyped-def]
    return iter(())


Footer.compose = compose
Footer.bindings_changed = lambda self, screen: None
