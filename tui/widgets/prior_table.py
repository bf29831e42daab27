"""The claim's prior fact-checks, best first: ``f`` applies the highlighted one's verdict, ``d`` marks
it as not the same claim. Below the table, the claim and the highlighted fact-check side by side."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

from db.prior_review import PriorRow
from tui.bidi import BidiParagraph
from tui.widgets.cells import text_cell

__all__ = ["PriorTable", "side_by_side"]


class PriorTable(DataTable[Text]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "decide('apply')", "Apply verdict", tooltip="Give the claim this fact-check's verdict"),
        Binding("d", "decide('reject')", "Not the same", tooltip="Not the same claim: never suggest it again"),
    ]

    class Decide(Message):
        def __init__(self, table: PriorTable, prior: PriorRow, decision: str) -> None:
            super().__init__()
            self.table = table
            self.prior = prior
            self.decision = decision  # apply | reject

        @property
        def control(self) -> PriorTable:
            return self.table

    def __init__(self, priors: list[PriorRow], *, bidi: bool, width: int) -> None:
        super().__init__(cursor_type="row", classes="priors", id="prior-table")
        self.priors = priors
        self.bidi = bidi
        self.text_width = max(width - 62, 16)

    def on_mount(self) -> None:
        self.add_column("Score", width=6)
        self.add_column("Rating", width=12)
        self.add_column("Fact-checker · date", width=24)
        self.add_column("#", width=7)
        self.add_column("Fact-checked claim", width=self.text_width)
        for prior in self.priors:
            score = Text(f"{'●' if prior.badge else ' '}{prior.score:.2f}", justify="right")
            if prior.badge:
                score.stylize("bold yellow")
            by = f"{prior.fact_checker or '?'} · {prior.review_date.isoformat() if prior.review_date else '—'}"
            self.add_row(
                score,
                Text(prior.rating, style="dim" if prior.rating == "not given" else "bold"),
                text_cell(by, 24, bidi=self.bidi),
                Text(f"#{prior.factcheck_id}" + (" ✓" if prior.status == "applied" else "")),
                text_cell(prior.claim, self.text_width, bidi=self.bidi),
            )

    def action_decide(self, decision: str) -> None:
        if self.priors and 0 <= self.cursor_row < len(self.priors):
            self.post_message(self.Decide(self, self.priors[self.cursor_row], decision))


def side_by_side(claim_text: str, prior: PriorRow, *, bidi: bool) -> Table:
    """The claim and the fact-checked claim in two columns, with the review's URL and original rating."""
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(ratio=1)
    grid.add_column(ratio=1)
    right = Text(f"fact-check #{prior.factcheck_id} · {prior.rating}", style="bold")
    if prior.rating_original and prior.rating_original != prior.rating:
        right.append(f" (“{prior.rating_original}”)", style="dim")
    grid.add_row(Text("this claim", style="bold"), right)
    grid.add_row(BidiParagraph(Text(claim_text), bidi=bidi), BidiParagraph(Text(prior.claim), bidi=bidi))
    if prior.url:
        grid.add_row(Text(""), Text(prior.url, style="underline", overflow="fold"))
    return grid
