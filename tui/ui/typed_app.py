"""A screen's app with its real type: Textual types `app` as any `App`, so the attributes podium's
apps add (the learner, the options, the loading state...) are unknown to the type checker there.

Screens and widgets of the presenter, study and review reach their app only through
`podium_app(node)`, typed as `PodiumServices`: the few services they use, and nothing else of the
app. The app tells them of changes by messages (`tui.ui.messages`), and they tell it the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from pathlib import Path
    from typing import Protocol

    from textual.dom import DOMNode

    from tui.domain.channel import PresenterState
    from tui.domain.learner import Learner
    from tui.ui.app import AppOptions, PodiumApp
    from tui.ui.notes_app import NotesApp

    class PodiumServices(Protocol):
        """What podium's screens may use of their app (a type only: `PodiumApp` is checked to
        provide it where `podium_app` returns one)."""

        @property
        def options(self) -> AppOptions:
            """How the app was started (the clock, the seed...), frozen."""

        @property
        def learner(self) -> Learner:
            """The learner's history (off unless the command line opened one)."""

        @property
        def loading(self) -> bool:
            """True while only the deck's opening is shown and the rest is still to load."""

        @property
        def channel(self) -> Path | None:
            """Where a speaker view reads the presenter's position; None: no speaker view."""

        def publish(self, state: PresenterState) -> None:
            """Tell a speaker view where the presenter is (when `channel` is set)."""

        def show_history_notices(self) -> None:
            """Say once what the history could not do."""


def podium_app(node: DOMNode) -> PodiumServices:
    """The services of `node`'s app, which is a `PodiumApp` (the presenter, study and review)."""
    app: PodiumApp = cast("PodiumApp", node.app)
    return app  # the type checker holds `PodiumApp` to `PodiumServices` here


def notes_app(node: DOMNode) -> NotesApp:
    """The app of `node`, which runs under the `NotesApp` (the speaker view)."""
    return cast("NotesApp", node.app)
