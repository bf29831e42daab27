"""The contradictions queue: every open flag, both sides next to each other, decided from the keyboard."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Header, Static

from db.details import ContradictionRow, contradiction_page, count_contradictions
from tui.context import WorkbenchContext
from tui.messages import OpenClaim
from tui.screens.base import WorkbenchScreen
from tui.widgets.cells import text_cell
from tui.widgets.contradiction_card import ContradictionCard
from tui.widgets.key_bar import KeyBar
from tui.widgets.marking import value_label
from tui.widgets.paged_table import Column, PagedTable

__all__ = ["ContradictionsScreen"]

STATUSES: list[str | None] = ["open", "confirmed", "dismissed", None]

COLUMNS = [
    Column("#", width=4),
    Column("Kind", width=12),
    Column("Status", width=9),
    Column("A says", min_width=10, max_width=24),
    Column("B says", min_width=10, max_width=24),
    Column("Outlets", min_width=10, weight=2),
]


class ContradictionsScreen(WorkbenchScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "decide('confirm')", "Confirm", tooltip="The two claims really conflict", id="queue-confirm"),
        Binding("d", "decide('dismiss')", "Dismiss", tooltip="Not a conflict: give a reason", id="queue-dismiss"),
        Binding(
            "s", "cycle_status", "Status", tooltip="Show open, confirmed, dismissed or all flags", id="queue-status"
        ),
        Binding("r", "refresh", "Refresh", tooltip="Read the queue again", id="queue-refresh", show=False),
    ]

    def __init__(self, context: WorkbenchContext) -> None:
        super().__init__(context)
        self.status: str | None = "open"
        self.total: int | None = None
        self._shown = (0, 0)

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield Static("Loading contradictions…", id="queue-status", classes="status")
        yield PagedTable[ContradictionRow](columns=COLUMNS, render=self._render_row, id="queue-table")
        yield Vertical(id="queue-card")
        yield KeyBar()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = "Contradictions"
        self.action_refresh()

    @property
    def table(self) -> PagedTable[ContradictionRow]:
        return self.query_one("#queue-table", PagedTable)

    def action_refresh(self) -> None:
        status, reader, size = self.status, self.workbench.reader, self.workbench.page_size

        def fetch(after: Any, direction: Any) -> Any:
            return reader(contradiction_page, status=status, after=after, direction=direction, limit=size)()

        self.table.reload(fetch, keep_row=True)
        self.run_worker(self._count(status), exclusive=True, group="queue-count", exit_on_error=False)

    async def _count(self, status: str | None) -> None:
        total = await self.workbench.read(count_contradictions, status=status)
        if status == self.status:
            self.total = total
            self._update_status()

    def action_cycle_status(self) -> None:
        self.status = STATUSES[(STATUSES.index(self.status) + 1) % len(STATUSES)]
        self.total = None
        self.action_refresh()

    @on(PagedTable.Loaded, "#queue-table")
    async def _loaded(self, event: PagedTable.Loaded) -> None:
        self._shown = (event.first, event.count)
        self._update_status()
        await self._show_card(self.table.current)

    def _update_status(self) -> None:
        first, count = self._shown
        total = "…" if self.total is None else f"{self.total:,}"
        label = self.status or "all"
        if self.total == 0:
            line = Text(f"No {label} contradictions. s: show another status.")
        else:
            span = f"{first:,}–{first + count - 1:,}" if count else "0"
            line = Text(f"{label.capitalize()} contradictions {span} of {total} · y confirm · d dismiss · Enter: claim")
        self.query_one("#queue-status", Static).update(line)

    def _render_row(self, row: ContradictionRow, widths: list[int]) -> list[RenderableType]:
        bidi = self.workbench.bidi
        outlets = f"{row.side_a.outlet or '?'} / {row.side_b.outlet or '?'}"
        return [
            Text(str(row.id), justify="right"),
            Text(row.kind, style="bold"),
            Text(row.status),
            text_cell(value_label(row.value_a), widths[3], bidi=bidi),
            text_cell(value_label(row.value_b), widths[4], bidi=bidi),
            text_cell(outlets, widths[5], bidi=bidi),
        ]

    live_refresh = True  # other reviewers' changes re-read the visible page (the app's live refresh)

    def refresh_data(self) -> None:
        self.table.reload_window()
        self.run_worker(self._count(self.status), exclusive=True, group="queue-count", exit_on_error=False)

    def bidi_changed(self) -> None:
        self.table.refresh_rows()

    @on(DataTable.RowHighlighted, "#queue-table")
    async def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        await self._show_card(self.table.current)

    async def _show_card(self, row: ContradictionRow | None) -> None:
        holder = self.query_one("#queue-card", Vertical)
        current = holder.query(ContradictionCard)
        if row is not None and current and current.first().row == row:
            return
        await holder.remove_children()
        if row is not None:
            await holder.mount(ContradictionCard(row, id=f"queue-card-{row.id}"))

    @on(PagedTable.Chosen, "#queue-table")
    def _open(self, event: PagedTable.Chosen) -> None:
        row: ContradictionRow = event.row
        self.post_message(OpenClaim(row.side_a.claim_id))

    def action_decide(self, decision: str) -> None:
        row = self.table.current
        if row is not None:
            self.run_worker(self._decide(row, decision), group="decide", exit_on_error=False)

    @on(ContradictionCard.Decide)
    def _card_decide(self, event: ContradictionCard.Decide) -> None:
        event.stop()
        self.run_worker(self._decide(event.card.row, event.decision), group="decide", exit_on_error=False)

    async def _decide(self, row: ContradictionRow, decision: str) -> None:
        from tui.dialogs.decisions import decide_contradiction

        if await decide_contradiction(self, self.workbench, row.id, decision):
            self.action_refresh()
