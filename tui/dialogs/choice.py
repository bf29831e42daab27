"""Choose one of a few options (a reason, a status): up/down, Enter; Esc cancels."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

__all__ = ["ChoiceDialog"]


class ChoiceDialog(ModalScreen[str | None]):
    """Returns the chosen option's code, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="choice-cancel")]

    def __init__(self, title: str, options: list[tuple[str, str]], *, default: str | None = None) -> None:
        super().__init__()
        self.dialog_title = title
        self.options = options
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="choice-dialog"):
            yield Label(self.dialog_title, classes="dialog-title", markup=False)
            yield OptionList(*(Option(label, id=code) for code, label in self.options), id="choice-options")
            yield Label("Enter: choose · Esc: cancel", classes="dialog-help", markup=False)

    def on_mount(self) -> None:
        options = self.query_one("#choice-options", OptionList)
        codes = [code for code, _ in self.options]
        options.highlighted = codes.index(self.default) if self.default in codes else 0
        options.focus()

    @on(OptionList.OptionSelected, "#choice-options")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id or self.options[0][0])

    def action_cancel(self) -> None:
        self.dismiss(None)
