"""Claims: for one article or all of them, filtered and sorted, a page at a time."""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from rich.console import RenderableType
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Header, Input, Static

from db.queries import CLAIM_SORTS, ClaimFilter, ClaimRow, claim_page, count_claims
from factcheck.model import ClaimKind, ClaimStatus
from tui.bidi import fit_line
from tui.context import WorkbenchContext
from tui.messages import OpenClaim
from tui.screens.base import WorkbenchScreen
from tui.widgets.cells import count_cell, text_cell
from tui.widgets.key_bar import KeyBar
from tui.widgets.paged_table import Column, PagedTable

__all__ = ["ClaimsScreen"]

T = TypeVar("T")

STATUSES: list[str | None] = [None, *(str(s) for s in ClaimStatus)]
KINDS: list[str | None] = [None, *(str(k) for k in ClaimKind)]
THRESHOLDS: list[float | None] = [None, 0.3, 0.5, 0.7]
SORT_LABELS = {"checkworthiness": "check-worthiness ↓", "published": "newest first", "position": "article order"}

COLUMNS = [
    Column("#", width=5),
    Column("CW", width=4),
    Column("Status", width=9),
    Column("Kind", width=10),
    Column("Flags", width=5),
    Column("Claim", min_width=16, weight=4),
    Column("Outlet", min_width=8, max_width=20, hide_below=110),
    Column("Rating", width=12, hide_below=140),
]
PRIOR_COLUMN = Column("Prior", width=14)  # shown when the desk has a fact-check archive


def _cycle(options: list[T], current: T) -> T:
    return options[(options.index(current) + 1) % len(options)] if current in options else options[0]


class ClaimsScreen(WorkbenchScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Search", key_display="/", tooltip="Full-text search in claims", id="search"),
        Binding("s", "cycle_status", "Status", tooltip="Filter by review status (cycles)", id="filter-status"),
        Binding("k", "cycle_kind", "Kind", tooltip="Filter by claim kind (cycles)", id="filter-kind"),
        Binding("w", "cycle_worthiness", "Worth", tooltip="Minimum check-worthiness (cycles)", id="filter-cw"),
        Binding("f", "toggle_flagged", "Flagged", tooltip="Only claims with a contradiction", id="filter-flag"),
        Binding(
            "h",
            "toggle_prior",
            "Prior",
            tooltip="Only claims with a prior fact-check badge",
            id="filter-prior",
            show=False,
        ),
        Binding(
            "m",
            "cycle_queue",
            "Mine",
            tooltip="Claims assigned to me, then unassigned (cycles)",
            id="queue",
            show=False,
        ),
        Binding("o", "cycle_sort", "Sort", tooltip="Sort order (cycles)", id="sort"),
        Binding("z", "clear_filters", "Clear", tooltip="Remove every filter", id="clear-filters"),
        Binding("escape", "back", "Back", tooltip="Back to the articles", id="back"),
    ]

    def __init__(
        self, context: WorkbenchContext, *, article_id: int | None = None, article_label: str | None = None
    ) -> None:
        super().__init__(context)
        self.flt = ClaimFilter(article_id=article_id, sort="position" if article_id else "checkworthiness")
        self.article_label = article_label
        self.total: int | None = None
        self._shown = (0, 0)
        self.with_prior = False

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield Input(placeholder="Search claims (Enter to apply, Esc to close)", id="claims-search")
        yield Static("Loading claims…", id="claims-status", classes="status")
        from db.factchecks import archive_is_empty

        self.with_prior = not self.workbench.reader(archive_is_empty)()
        columns = [*COLUMNS, PRIOR_COLUMN] if self.with_prior else COLUMNS
        yield PagedTable[ClaimRow](
            columns=columns, render=self._render_row, id="claims-table", page_size=self.workbench.page_size
        )
        yield KeyBar()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = "Claims"
        self.table.focus()
        self.reload()

    @property
    def table(self) -> PagedTable[ClaimRow]:
        return self.query_one("#claims-table", PagedTable)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            searching = self.is_mounted and self.query_one("#claims-search", Input).display
            return self.flt.article_id is not None or bool(self.flt.search) or bool(searching)
        return True

    # --------------------------------------------------------------------------------------- loading

    def reload(self) -> None:
        flt, reader, size = self.flt, self.workbench.reader, self.workbench.page_size

        def fetch(after: Any, direction: Any) -> Any:
            return reader(claim_page, flt=flt, after=after, direction=direction, limit=size)()

        self.total = None
        self.table.reload(fetch)
        self._update_status()
        self.run_worker(self._count(flt), exclusive=True, group="claim-count", exit_on_error=False)

    async def _count(self, flt: ClaimFilter) -> None:
        total = await self.workbench.read(count_claims, flt=flt)
        if flt == self.flt:
            self.total = total
            self._update_status()

    @on(PagedTable.Loaded, "#claims-table")
    def _loaded(self, event: PagedTable.Loaded) -> None:
        self._shown = (event.first, event.count)
        self._update_status()

    def describe_filters(self) -> str:
        flt = self.flt
        parts = []
        if flt.status:
            parts.append(f"status {flt.status}")
        if flt.kind:
            parts.append(f"kind {flt.kind}")
        if flt.min_checkworthiness is not None:
            parts.append(f"CW ≥ {flt.min_checkworthiness:.1f}")
        if flt.has_contradiction:
            parts.append("flagged")
        if flt.has_prior:
            parts.append("prior verdict")
        if flt.assignee is not None:
            parts.append(f"assigned to {flt.assignee}")
        if flt.unassigned:
            parts.append("unassigned")
        if flt.search.strip():
            parts.append(f"search “{' '.join(flt.search.split())}”")
        return ", ".join(parts) if parts else "no filter"

    def _update_status(self) -> None:
        first, count = self._shown
        total = "…" if self.total is None else f"{self.total:,}"
        span = f"{first:,}–{first + count - 1:,}" if count else "0"
        line = Text(f"Claims {span} of {total} ")
        if self.article_label:
            line.append("in ")
            line.append_text(fit_line(self.article_label, 32, bidi=self.workbench.bidi))
        else:
            line.append("in all articles")
        line.append(f" · {SORT_LABELS[self.flt.sort]} · ")
        line.append(self.describe_filters(), style="bold" if self.describe_filters() != "no filter" else "dim")
        line.truncate(max(self.size.width - 2, 20), overflow="ellipsis")
        self.query_one("#claims-status", Static).update(line)

    def _render_row(self, row: ClaimRow, widths: list[int]) -> list[RenderableType]:
        bidi = self.workbench.bidi
        status_style = {"new": "bold", "published": "green", "dismissed": "dim", "drafted": "cyan"}
        cells: list[RenderableType] = [
            Text(str(row.id), justify="right"),
            Text(f"{row.checkworthiness:.2f}"[1:] if row.checkworthiness < 1 else "1.0", justify="right"),
            Text(row.status, style=status_style.get(row.status, "")),
            Text(row.kind),
            count_cell(row.contradictions, alert=True),
            text_cell(row.text, widths[5], bidi=bidi),
            text_cell(row.outlet, widths[6], bidi=bidi),
            text_cell(row.rating, widths[7], bidi=False),
        ]
        if self.with_prior:
            cells.append(Text(f"● {row.prior}", style="bold yellow") if row.prior else Text(""))
        return cells

    live_refresh = True  # other reviewers' changes re-read the visible page (the app's live refresh)

    def refresh_data(self) -> None:
        self.table.reload_window()
        self.run_worker(self._count(self.flt), exclusive=True, group="claim-count", exit_on_error=False)

    def bidi_changed(self) -> None:
        self.table.refresh_rows()
        self._update_status()

    # --------------------------------------------------------------------------------------- filters

    def _set(self, **changes: Any) -> None:
        self.flt = self.flt.with_(**changes)
        self.reload()

    def action_cycle_status(self) -> None:
        self._set(status=_cycle(STATUSES, self.flt.status))

    def action_cycle_kind(self) -> None:
        self._set(kind=_cycle(KINDS, self.flt.kind))

    def action_cycle_worthiness(self) -> None:
        self._set(min_checkworthiness=_cycle(THRESHOLDS, self.flt.min_checkworthiness))

    def action_toggle_flagged(self) -> None:
        self._set(has_contradiction=not self.flt.has_contradiction)

    def action_toggle_prior(self) -> None:
        self._set(has_prior=not self.flt.has_prior)

    def action_cycle_queue(self) -> None:
        """Every claim → assigned to me → assigned to nobody → every claim."""
        if self.flt.assignee is None and not self.flt.unassigned:
            self._set(assignee=self.workbench.reviewer, unassigned=False)
        elif self.flt.assignee is not None:
            self._set(assignee=None, unassigned=True)
        else:
            self._set(assignee=None, unassigned=False)

    def action_cycle_sort(self) -> None:
        self._set(sort=_cycle(list(CLAIM_SORTS), self.flt.sort))

    def action_clear_filters(self) -> None:
        self.query_one("#claims-search", Input).value = ""
        self._set(
            status=None, kind=None, min_checkworthiness=None, has_contradiction=False, has_prior=False, search="",
            assignee=None, unassigned=False,
        )  # fmt: skip

    def action_search(self) -> None:
        search = self.query_one("#claims-search", Input)
        search.display = True
        search.focus()

    @on(Input.Submitted, "#claims-search")
    def _search(self, event: Input.Submitted) -> None:
        self._set(search=event.value)
        self.table.focus()
        if not event.value.strip():
            event.input.display = False

    def action_back(self) -> None:
        search = self.query_one("#claims-search", Input)
        if search.has_focus or self.flt.search:
            search.value = ""
            search.display = False
            self.table.focus()
            if self.flt.search:
                self._set(search="")
            return
        if self.flt.article_id is not None:
            self.dismiss()

    @on(PagedTable.Chosen, "#claims-table")
    def _open(self, event: PagedTable.Chosen) -> None:
        row: ClaimRow = event.row
        self.post_message(OpenClaim(row.id))
