"""One claim: where it sits in its article, its slots, links, contradictions, sources and verdicts."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Header, Static

from db.details import ClaimDetail, LinkRow, claim_detail
from db.prior_review import PriorRow, claim_priors
from factcheck.errors import FactcheckError
from tui.context import WorkbenchContext
from tui.screens.base import WorkbenchScreen
from tui.widgets.bidi_static import BidiStatic
from tui.widgets.cells import text_cell
from tui.widgets.contradiction_card import ContradictionCard
from tui.widgets.key_bar import KeyBar
from tui.widgets.marking import article_excerpt, slot_lines
from tui.widgets.prior_table import PriorTable, side_by_side

__all__ = ["ClaimDetailScreen", "LinksTable"]


def when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else "—"


class LinksTable(DataTable[Text]):
    """The claims linked to this one; ``y``/``r`` confirm or reject the highlighted link."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "decide('confirm')", "Confirm link", tooltip="Same claim: keep the link", id="link-confirm"),
        Binding("r", "decide('reject')", "Reject link", tooltip="Not the same claim", id="link-reject"),
    ]

    class Decide(Message):
        def __init__(self, table: LinksTable, link: LinkRow, decision: str) -> None:
            super().__init__()
            self.table = table
            self.link = link
            self.decision = decision  # confirm | reject

        @property
        def control(self) -> LinksTable:
            return self.table

    def __init__(self, links: list[LinkRow], *, bidi: bool, width: int) -> None:
        super().__init__(cursor_type="row", classes="links")
        self.links = links
        self.bidi = bidi
        self.text_width = max(width - 60, 16)

    def on_mount(self) -> None:
        self.add_column("Score", width=5)
        self.add_column("Status", width=9)
        self.add_column("Method", width=16)
        self.add_column("Date · outlet", width=14)
        self.add_column("Claim", width=self.text_width)
        for link in self.links:
            other = link.other
            self.add_row(
                Text(f"{link.score:.2f}", justify="right"),
                Text(link.status, style={"confirmed": "green", "rejected": "dim"}.get(link.status, "")),
                text_cell(link.method, 16, bidi=False),
                text_cell(f"{other.published or ''} {other.outlet or '?'}", 14, bidi=self.bidi),
                text_cell(other.text, self.text_width, bidi=self.bidi),
            )

    def action_decide(self, decision: str) -> None:
        if self.links and 0 <= self.cursor_row < len(self.links):
            self.post_message(self.Decide(self, self.links[self.cursor_row], decision))


class ClaimDetailScreen(WorkbenchScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="Back to the list (or cancel a running fetch)", id="detail-back"),
        Binding("v", "review('verdict')", "Verdict", tooltip="Set a verdict: rating and rationale", id="verdict"),
        Binding("s", "review('source')", "Source", tooltip="Attach a source (fetched in the background)", id="source"),
        Binding("u", "review('status')", "Status", tooltip="Change the review status", id="status"),
        Binding("e", "review('edit')", "Edit", tooltip="Edit the claim's text (a span of its article)", id="edit"),
        Binding("p", "review('split')", "Split", tooltip="Split the claim in two", id="split", show=False),
        Binding("m", "review('merge')", "Merge", tooltip="Merge with another claim", id="merge", show=False),
        Binding("t", "toggle_article", "Full text", tooltip="Whole article or the paragraphs around the claim"),
        Binding("r", "refresh", "Refresh", tooltip="Read this claim again", id="detail-refresh", show=False),
    ]

    def __init__(self, context: WorkbenchContext, claim_id: int) -> None:
        super().__init__(context)
        self.claim_id = claim_id
        self.detail: ClaimDetail | None = None
        self.priors: list[PriorRow] = []
        self.full_article = False

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield VerticalScroll(Static("Loading claim…", classes="status"), id="detail-body")
        yield KeyBar()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = f"Claim #{self.claim_id}"
        self.action_refresh()

    def action_back(self) -> None:
        running = [w for w in self.workers if w.group == "review" and w.is_running]
        if self.query("#fetch-panel") and running:
            for worker in running:
                worker.cancel()
            return
        self.dismiss()

    def action_review(self, step: str) -> None:
        if self.detail is None:
            return
        if any(w.group == "review" and w.is_running for w in self.workers):
            self.notify("Finish the current step first (esc cancels a fetch).", severity="warning")
            return
        self.run_worker(self._review(step, self.detail), group="review", exit_on_error=False)

    async def _review(self, step: str, detail: ClaimDetail) -> None:
        from tui.dialogs import review_actions as flows

        flow = {
            "verdict": flows.set_verdict_flow,
            "source": flows.attach_source_flow,
            "status": flows.set_status_flow,
            "edit": flows.edit_claim_flow,
            "split": flows.split_claim_flow,
            "merge": flows.merge_claim_flow,
        }[step]
        if await flow(self, self.workbench, detail):  # saved, or refused and the reviewer chose to reload
            await self._load(self.claim_id)

    def action_refresh(self) -> None:
        self.run_worker(self._load(self.claim_id), exclusive=True, group="detail", exit_on_error=False)

    async def show_claim(self, claim_id: int) -> None:
        self.claim_id = claim_id
        self.title = f"Claim #{claim_id}"
        self.action_refresh()

    def action_toggle_article(self) -> None:
        self.full_article = not self.full_article
        if self.detail is not None:
            self.run_worker(self._draw(self.detail), exclusive=True, group="detail-draw")

    async def _load(self, claim_id: int) -> None:
        try:
            detail = await self.workbench.read(claim_detail, claim_id=claim_id)
            self.priors = await self.workbench.read(claim_priors, claim_id=claim_id)
        except FactcheckError as exc:
            self.fail(exc)
            return
        if claim_id != self.claim_id:
            return
        self.detail = detail
        await self._draw(detail)

    def bidi_changed(self) -> None:
        if self.detail is not None:
            self.run_worker(self._draw(self.detail), exclusive=True, group="detail-draw")

    async def _draw(self, detail: ClaimDetail) -> None:
        body = self.query_one("#detail-body", VerticalScroll)
        focused_id = self.focused.id if self.focused else None
        await body.remove_children()
        await body.mount_all(self._sections(detail))
        if focused_id and (again := body.query(f"#{focused_id}")):
            again.first().focus()

    def _sections(self, detail: ClaimDetail) -> list[Static | DataTable[Text] | ContradictionCard]:
        claim, article = detail.claim, detail.article
        bidi = self.workbench.bidi
        width = max(self.size.width - 4, 40)
        widgets: list[Static | DataTable[Text] | ContradictionCard] = []

        def title(label: str, count: int | None = None) -> None:
            text = Text(label, style="bold")
            if count is not None:
                text.append(f" ({count})", style="dim")
            widgets.append(Static(text, classes="section-title", markup=False))

        verdict = detail.verdicts[-1].rating if detail.verdicts else "no verdict"
        widgets.append(
            Static(
                Text.assemble(
                    (f"#{claim.id} ", "bold"),
                    f"{claim.status} · {claim.kind} · check-worthiness {claim.checkworthiness:.2f} · ",
                    (verdict, "bold" if detail.verdicts else "dim"),
                    f" · v{claim.version}",
                ),
                classes="claim-meta",
                markup=False,
            )
        )
        widgets.append(BidiStatic(Text(claim.text, style="bold"), classes="claim-text"))

        published = article.published.isoformat() if article.published else "no date"
        title("In the article")
        widgets.append(
            BidiStatic(
                Text(
                    f"article #{article.id} · {published} · {article.language} · "
                    f"characters {claim.start}–{claim.end} · {article.outlet or 'unknown outlet'}",
                    style="dim",
                ),
            )
        )
        if self.full_article:
            excerpt, _ = article_excerpt(article.body, claim.start, claim.end, context=10_000)
        else:
            excerpt, _ = article_excerpt(article.body, claim.start, claim.end)
        widgets.append(BidiStatic(excerpt, classes="article-text"))

        title("Slots")
        widgets.append(BidiStatic(slot_lines(claim.slots), classes="slots"))

        title("Same claim in other articles", len(detail.links))
        if detail.links:
            widgets.append(LinksTable(detail.links, bidi=bidi, width=width))
        else:
            widgets.append(Static(Text("No links to other articles.", style="dim"), markup=False))

        if self.priors:  # only when the archive offers something: no empty section for desks without one
            title("Prior fact-checks · f: apply verdict · d: not the same claim", len(self.priors))
            widgets.append(PriorTable(self.priors, bidi=bidi, width=width))
            compare = side_by_side(claim.text, self.priors[0], bidi=bidi)
            widgets.append(Static(compare, id="prior-compare", classes="prior-compare"))

        title("Contradictions", len(detail.contradictions))
        for row in detail.contradictions:
            widgets.append(ContradictionCard(row, id=f"contradiction-{row.id}"))
        if not detail.contradictions:
            widgets.append(Static(Text("No contradiction flagged.", style="dim"), markup=False))

        title("Sources", len(detail.sources))
        sources = Text()
        for source in detail.sources:
            if sources.plain:
                sources.append("\n")
            sources.append(f"{source.stance:<9}", style={"supports": "green", "refutes": "red"}.get(source.stance))
            if source.error:
                sources.append(f"✗ {source.error} ", style="red")
            elif source.http_status:
                sources.append(f"{source.http_status} ", style="green" if source.http_status < 400 else "red")
            else:
                sources.append("not fetched ", style="dim")
            sources.append(source.url, style="underline")
            if source.title:
                sources.append(f" — {' '.join(source.title.split())}")
            if source.quote:
                found = {True: "found", False: "NOT found", None: "unchecked"}[source.quote_found]
                sources.append(f"\n{'':9}“{' '.join(source.quote.split())}” ({found})", style="italic")
        if not sources.plain:
            sources.append("No source attached yet (s: attach one).", style="dim")
        widgets.append(BidiStatic(sources, classes="sources"))

        title("Verdicts", len(detail.verdicts))
        verdicts = Text()
        for v in reversed(detail.verdicts):
            if verdicts.plain:
                verdicts.append("\n")
            verdicts.append(f"{when(v.created_at)} · {v.reviewer} · ", style="dim")
            verdicts.append(v.rating, style="bold")
            verdicts.append(f" — {' '.join(v.rationale.split())}")
        if not verdicts.plain:
            verdicts.append("No verdict yet (v: set one).", style="dim")
        widgets.append(BidiStatic(verdicts, classes="verdicts"))

        title("History", len(detail.history))
        history = Text()
        for entry in reversed(detail.history[-20:]):
            if history.plain:
                history.append("\n")
            history.append(f"{when(entry.at)} · {entry.reviewer} · {entry.action}")
        if not history.plain:
            history.append("No reviewer changes yet.", style="dim")
        widgets.append(Static(history, classes="history", markup=False))
        return widgets

    # -------------------------------------------------------------------------------- decisions

    @on(LinksTable.Decide)
    def _decide_link(self, event: LinksTable.Decide) -> None:
        self.run_worker(self._link_worker(event.link.id, event.decision), group="decide", exit_on_error=False)

    @on(DataTable.RowHighlighted, "#prior-table")
    def _compare_prior(self, event: DataTable.RowHighlighted) -> None:
        if self.detail is not None and 0 <= event.cursor_row < len(self.priors):
            compare = side_by_side(self.detail.claim.text, self.priors[event.cursor_row], bidi=self.workbench.bidi)
            self.query_one("#prior-compare", Static).update(compare)

    @on(PriorTable.Decide)
    def _decide_prior(self, event: PriorTable.Decide) -> None:
        self.run_worker(self._prior_worker(event.prior, event.decision), group="decide", exit_on_error=False)

    async def _prior_worker(self, prior: PriorRow, decision: str) -> None:
        from tui.dialogs.prior_actions import apply_prior_flow, reject_prior_flow

        version = self.detail.claim.version if self.detail else None
        if decision == "apply":
            done = await apply_prior_flow(self, self.workbench, self.claim_id, prior, version)
        else:
            done = await reject_prior_flow(self.workbench, self.claim_id, prior)
        if done:
            await self._load(self.claim_id)

    @on(ContradictionCard.Decide)
    def _decide_flag(self, event: ContradictionCard.Decide) -> None:
        self.run_worker(self._flag_worker(event.card.row.id, event.decision), group="decide", exit_on_error=False)

    async def _link_worker(self, link_id: int, decision: str) -> None:
        from tui.dialogs.decisions import decide_link

        if await decide_link(self.workbench, link_id, decision):
            await self._load(self.claim_id)

    async def _flag_worker(self, contradiction_id: int, decision: str) -> None:
        from tui.dialogs.decisions import decide_contradiction

        if await decide_contradiction(self, self.workbench, contradiction_id, decision):
            await self._load(self.claim_id)
