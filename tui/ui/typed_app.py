"""A screen's app with its real type: Textual types `app` as any `App`, so the attributes podium's
apps add (the learner, the clock, the loading state...) are unknown to the type checker there."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from tui.ui.app import PodiumApp
    from tui.ui.notes_app import NotesApp


def podium_app(node: DOMNode) -> PodiumApp:
    """The app of `node`, which runs under the `PodiumApp` (the presenter, study and review)."""
    return cast("PodiumApp", node.app)


def notes_app(node: DOMNode) -> NotesApp:
    """The app of `node`, which runs under the `NotesApp` (the speaker view)."""
    return cast("NotesApp", node.app)
