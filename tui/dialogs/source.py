"""Attach a source: URL, stance, the quote that supports the verdict, a note; fetched unless offline."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, OptionList
from textual.widgets.option_list import Option

from factcheck.errors import InvalidValueError
from factcheck.review import Stance
from sources.urls import check_url

__all__ = ["SourceDialog", "SourceInput"]


@dataclass(frozen=True, slots=True)
class SourceInput:
    url: str
    stance: Stance
    quote: str | None
    note: str | None
    offline: bool


class SourceDialog(ModalScreen[SourceInput | None]):
    """Enter in the note field (or ctrl+s) attaches; Esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Attach", tooltip="Attach (and fetch) the source", id="source-save", priority=True),
        Binding("escape", "cancel", "Cancel", id="source-cancel"),
    ]

    def __init__(self, claim_id: int) -> None:
        super().__init__()
        self.claim_id = claim_id

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="source-dialog"):
            yield Label(f"Attach a source to claim #{self.claim_id}", classes="dialog-title", markup=False)
            yield Input(placeholder="https://…", id="source-url")
            yield OptionList(*(Option(f"Stance: {s.value}", id=s.value) for s in Stance), id="source-stance")
            yield Input(placeholder="Quote from the source (optional; checked against its text)", id="source-quote")
            yield Input(placeholder="Note (optional)", id="source-note")
            yield Checkbox("Offline: attach without fetching", id="source-offline")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Attach (ctrl+s)", variant="primary", id="source-save-button")
                yield Button("Cancel (esc)", id="source-cancel-button")

    def on_mount(self) -> None:
        stances = self.query_one("#source-stance", OptionList)
        stances.highlighted = list(Stance).index(Stance.CONTEXT)
        self.query_one("#source-url", Input).focus()

    def _stance(self) -> Stance:
        highlighted = self.query_one("#source-stance", OptionList).highlighted
        return list(Stance)[highlighted] if highlighted is not None else Stance.CONTEXT

    @on(Input.Submitted, "#source-url")
    @on(Input.Submitted, "#source-quote")
    @on(OptionList.OptionSelected, "#source-stance")
    def _next_field(self) -> None:
        self.focus_next()

    @on(Input.Submitted, "#source-note")
    @on(Button.Pressed, "#source-save-button")
    def action_save(self) -> None:
        url = self.query_one("#source-url", Input).value.strip()
        if not url:
            self.notify("Give the address of the source.", title="No URL", severity="warning")
            self.query_one("#source-url", Input).focus()
            return
        offline = self.query_one("#source-offline", Checkbox).value
        try:
            if not offline or ("://" in url and not url.startswith("file://")):  # offline takes a local path
                check_url(url)
        except InvalidValueError as exc:
            self.notify(str(exc), title="Not a web address", severity="warning", markup=False)
            self.query_one("#source-url", Input).focus()
            return
        quote = self.query_one("#source-quote", Input).value.strip() or None
        note = self.query_one("#source-note", Input).value.strip() or None
        self.dismiss(SourceInput(url=url, stance=self._stance(), quote=quote, note=note, offline=offline))

    @on(Button.Pressed, "#source-cancel-button")
    def action_cancel(self) -> None:
        self.dismiss(None)
