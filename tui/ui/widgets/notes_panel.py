"""The speaker notes panel for single-screen rehearsal: the current slide's notes as Markdown."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static


class NotesPanel(VerticalScroll, can_focus=False):
    """Shows notes handed down by the presenter; hidden unless the screen asks for it."""

    def compose(self) -> ComposeResult:
        yield Static("Notes", id="notes-heading", markup=False)
        yield Static("", id="notes-body")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[str, str | None] | None = None

    def on_mount(self) -> None:
        if self._shown is not None:
            self._draw(*self._shown)

    def show(self, notes: str, next_title: str | None) -> None:
        self._shown = (notes, next_title)
        if self.is_mounted:  # else drawn on mount (the presenter mounts it when first needed)
            self._draw(notes, next_title)

    def _draw(self, notes: str, next_title: str | None) -> None:
        from rich.markdown import Markdown  # only when notes are shown

        body = self.query_one("#notes-body", Static)
        text = notes if notes.strip() else "*No notes for this slide.*"
        if next_title:
            text += f"\n\n---\n\n**Next:** {next_title}" if not next_title.startswith("*") else ""
        body.update(Markdown(text))
