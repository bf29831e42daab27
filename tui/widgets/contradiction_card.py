"""One contradiction flag: what disagrees, and both claims side by side with the values marked."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message

from db.details import ContradictionRow, SideRow
from tui.widgets.bidi_static import BidiStatic
from tui.widgets.marking import mark_values, value_label

__all__ = ["ContradictionCard", "describe_side"]


def describe_side(side: SideRow) -> Text:
    when = side.published.isoformat() if side.published else "no date"
    # Arabic last: digits after Arabic letters would join its right-to-left run when reordered.
    return Text(f"claim #{side.claim_id} · {when} · {side.language} · {side.outlet or 'unknown outlet'}", style="dim")


class ContradictionCard(Vertical, can_focus=True):
    """Focusable; ``y`` and ``d`` ask the screen to confirm or dismiss this flag."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "confirm", "Confirm flag", tooltip="The two claims really conflict", id="flag-confirm"),
        Binding("d", "dismiss_flag", "Dismiss flag", tooltip="Not a conflict: give a reason", id="flag-dismiss"),
    ]

    class Decide(Message):
        def __init__(self, card: ContradictionCard, decision: str) -> None:
            super().__init__()
            self.card = card
            self.decision = decision  # confirm | dismiss

        @property
        def control(self) -> ContradictionCard:
            return self.card

    def __init__(self, row: ContradictionRow, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="contradiction-card")
        self.row = row

    def compose(self) -> ComposeResult:
        row = self.row
        head = Text.assemble(
            (f"{row.kind}", "bold"),
            ": ",
            (value_label(row.value_a), "bold yellow"),
            " ≠ ",
            (value_label(row.value_b), "bold yellow"),
            f" · {row.status}",
        )
        if row.reason:
            head.append(f" ({row.reason})", style="dim")
        yield BidiStatic(head, classes="card-head")
        with Horizontal(classes="sides"):
            for side, value in ((row.side_a, row.value_a), (row.side_b, row.value_b)):
                with Vertical(classes="side"):
                    yield BidiStatic(describe_side(side))
                    yield BidiStatic(mark_values(side.text, side.slots, side.start, row.kind, value))

    def action_confirm(self) -> None:
        self.post_message(self.Decide(self, "confirm"))

    def action_dismiss_flag(self) -> None:
        self.post_message(self.Decide(self, "dismiss"))
