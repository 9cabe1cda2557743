"""The browser and bench markers: a missing tool skips the test with a reason, except in CI,
where every tool is installed and a missing one fails the test."""

from __future__ import annotations

import pytest

from tests.support import markers


class Item:
    """A test item as the hook sees it: only its markers matter."""

    def __init__(self, *names: str) -> None:
        self.names = names

    def get_closest_marker(self, name: str) -> object | None:
        return name if name in self.names else None


def outcome(item: Item) -> BaseException | None:
    """What the hook raised for `item` (a skip or a failure), caught so the test itself is never
    skipped by it."""
    try:
        markers.pytest_runtest_setup(item)  # type: ignore[arg-type]
    except BaseException as raised:  # noqa: BLE001 - pytest's outcomes are BaseExceptions
        return raised
    return None


@pytest.mark.parametrize("marker", ["browser", "bench"])
def test_a_missing_tool_skips_with_its_reason(monkeypatch, marker: str) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(markers, "missing_for", lambda name: f"needs the {name} tool")
    raised = outcome(Item(marker))
    assert isinstance(raised, pytest.skip.Exception) and f"needs the {marker} tool" in str(raised)


@pytest.mark.parametrize("marker", ["browser", "bench"])
def test_in_ci_a_missing_tool_fails(monkeypatch, marker: str) -> None:
    monkeypatch.setenv("CI", "true")
    monkeypatch.setattr(markers, "missing_for", lambda name: f"needs the {name} tool")
    raised = outcome(Item(marker))
    assert isinstance(raised, pytest.fail.Exception) and f"needs the {marker} tool" in str(raised)


def test_tools_present_or_no_marker_run_as_usual(monkeypatch) -> None:
    monkeypatch.setenv("CI", "true")
    monkeypatch.setattr(markers, "missing_for", lambda name: None)
    assert outcome(Item("browser", "bench", "slow")) is None
    monkeypatch.setattr(markers, "missing_for", lambda name: "needs it")
    assert outcome(Item("slow")) is None


def test_the_reasons_name_what_is_missing(monkeypatch) -> None:
    monkeypatch.setattr(markers, "chromium_path", lambda: None)
    assert "Chromium" in (markers.missing_for("browser") or "")
    monkeypatch.setattr(markers, "installed", lambda module: module != "pyte")
    assert "pyte" in (markers.missing_for("bench") or "")
    monkeypatch.setattr(markers, "installed", lambda module: True)
    assert markers.missing_for("bench") is None
