"""Pick the reason for a decision (and add a note): used for contradiction flags."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

__all__ = ["Reason", "ReasonDialog"]


@dataclass(frozen=True, slots=True)
class Reason:
    code: str
    note: str


class ReasonDialog(ModalScreen[Reason | None]):
    """Up/down to choose, Enter to decide, Esc to cancel; the note is optional."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="reason-cancel")]

    def __init__(self, title: str, reasons: list[tuple[str, str]], *, default: str | None = None) -> None:
        super().__init__()
        self.dialog_title = title
        self.reasons = reasons
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="reason-dialog"):
            yield Label(self.dialog_title, classes="dialog-title", markup=False)
            yield OptionList(*(Option(label, id=code) for code, label in self.reasons), id="reason-options")
            yield Input(placeholder="Note (optional)", id="reason-note")
            yield Label("Enter: decide · Tab: note · Esc: cancel", classes="dialog-help", markup=False)

    def on_mount(self) -> None:
        options = self.query_one("#reason-options", OptionList)
        codes = [code for code, _ in self.reasons]
        options.highlighted = codes.index(self.default) if self.default in codes else 0
        options.focus()

    @on(OptionList.OptionSelected, "#reason-options")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self._finish(event.option.id or self.reasons[0][0])

    @on(Input.Submitted, "#reason-note")
    def _note_done(self) -> None:
        options = self.query_one("#reason-options", OptionList)
        index = options.highlighted if options.highlighted is not None else 0
        self._finish(self.reasons[index][0])

    def _finish(self, code: str) -> None:
        self.dismiss(Reason(code=code, note=self.query_one("#reason-note", Input).value.strip()))

    def action_cancel(self) -> None:
        self.dismiss(None)
