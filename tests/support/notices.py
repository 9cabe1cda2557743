"""The notices an app was asked to show, read from `App.notify` (Textual's public way to raise a
toast) instead of the app's private list of notifications.

conftest records them for every test; `said(app)` is what that app was told to show, in order.
Live reload's toasts, which replace each other through the door, are not raised by `notify` when
the door is open (see tests/test_live_reload.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

import pytest
from textual.app import App


@dataclass(frozen=True)
class Notice:
    title: str
    message: str
    severity: str


_said: WeakKeyDictionary[App[Any], list[Notice]] = WeakKeyDictionary()


def record_notices(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on until the test ends, keep every notice an app is asked to show."""
    notify = App.notify

    def recorded(app, message, *, title="", severity="information", **options):  # type: ignore[no-untyped-def]
        _said.setdefault(app, []).append(Notice(str(title), str(message), str(severity)))
        return notify(app, message, title=title, severity=severity, **options)

    monkeypatch.setattr(App, "notify", recorded)


def said(app: App[Any]) -> list[Notice]:
    """Every notice `app` was asked to show, in order."""
    return list(_said.get(app, []))


def messages(app: App[Any]) -> list[str]:
    """The message of every notice `app` was asked to show, in order."""
    return [notice.message for notice in said(app)]
