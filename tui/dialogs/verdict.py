"""Set a verdict: a rating from the database's scale and a rationale."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList, TextArea
from textual.widgets.option_list import Option

from factcheck.review import RatingScale

__all__ = ["VerdictDialog", "VerdictInput"]


@dataclass(frozen=True, slots=True)
class VerdictInput:
    rating: str
    rationale: str


class VerdictDialog(ModalScreen[VerdictInput | None]):
    """Rating list, rationale box; ctrl+s saves, Esc cancels. An empty rationale is refused here."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", tooltip="Record the verdict", id="verdict-save", priority=True),
        Binding("escape", "cancel", "Cancel", id="verdict-cancel"),
    ]

    def __init__(self, claim_id: int, scale: RatingScale, *, current: str | None = None, rationale: str = "") -> None:
        super().__init__()
        self.claim_id = claim_id
        self.scale = scale
        self.current = current
        self.rationale = rationale  # filled in when the reviewer applies a refused verdict again

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="verdict-dialog"):
            yield Label(f"Verdict for claim #{self.claim_id}", classes="dialog-title", markup=False)
            yield OptionList(
                *(Option(f"{r.label}  ({r.value})", id=r.label) for r in self.scale.ratings), id="verdict-rating"
            )
            yield Label("Rationale", markup=False)
            yield TextArea(self.rationale, id="verdict-rationale", soft_wrap=True, show_line_numbers=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="verdict-save-button")
                yield Button("Cancel (esc)", id="verdict-cancel-button")

    def on_mount(self) -> None:
        ratings = self.query_one("#verdict-rating", OptionList)
        labels = list(self.scale.labels)
        ratings.highlighted = labels.index(self.current) if self.current in labels else 0
        ratings.focus()

    @on(OptionList.OptionSelected, "#verdict-rating")
    def _rating_chosen(self) -> None:
        self.query_one("#verdict-rationale", TextArea).focus()

    @on(Button.Pressed, "#verdict-save-button")
    def action_save(self) -> None:
        ratings = self.query_one("#verdict-rating", OptionList)
        rationale = self.query_one("#verdict-rationale", TextArea).text.strip()
        if ratings.highlighted is None:
            self.notify("Choose a rating first.", title="No rating", severity="warning")
            return
        if not rationale:
            self.notify("Say why: a verdict needs a rationale.", title="No rationale", severity="warning")
            self.query_one("#verdict-rationale", TextArea).focus()
            return
        self.dismiss(VerdictInput(rating=self.scale.ratings[ratings.highlighted].label, rationale=rationale))

    @on(Button.Pressed, "#verdict-cancel-button")
    def action_cancel(self) -> None:
        self.dismiss(None)
