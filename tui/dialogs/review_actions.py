"""Review steps from the claim detail screen: a dialog, then one call into ``db.review`` in a thread.

Each flow is a coroutine meant to run in a worker (dialogs are awaited with ``push_screen_wait``) and
returns True when the screen should read the claim again (it changed, or the reviewer asked to).
Every write passes the version the reviewer saw, so a claim changed by someone else meanwhile is
refused by ``db.review`` instead of being overwritten; a refused verdict, status or text opens
``StaleEditDialog`` (who, when, theirs beside yours; reload, or reload and apply yours again).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from db import review
from db.details import claim_detail
from factcheck.errors import FactcheckError, StaleEditError
from factcheck.model import ClaimStatus
from factcheck.records import FetchResult
from sources.fetch import fetch_many
from tui.context import WorkbenchContext
from tui.dialogs.choice import ChoiceDialog
from tui.dialogs.prompt import PromptDialog
from tui.dialogs.source import SourceDialog
from tui.dialogs.stale_edit import Unsaved, ask_after_refusal
from tui.dialogs.verdict import VerdictDialog
from tui.widgets.fetch_panel import FetchPanel

if TYPE_CHECKING:
    from db.details import ClaimDetail

__all__ = [
    "attach_source_flow",
    "edit_claim_flow",
    "fetch_failure_title",
    "merge_claim_flow",
    "set_status_flow",
    "set_verdict_flow",
    "split_claim_flow",
]


def fetch_failure_title(error: str) -> str:
    """A notification title that says what went wrong, from the fetcher's readable reason."""
    lowered = error.lower()
    for words, title in (
        (("timed out", "timeout"), "Source timed out"),
        (("dns", "name resolution", "lookup failed"), "Source host not found"),
        (("not found",), "Source not found"),
        (("too large", "size"), "Source too large"),
        (("tls", "certificate", "ssl"), "Source TLS failure"),
        (("not text", "content type"), "Source is not text"),
        (("server error",), "Source server error"),
        (("refused", "connect"), "Source unreachable"),
        (("scheme", "bad url", "no host"), "Bad source URL"),
    ):
        if any(word in lowered for word in words):
            return title
    return "Source fetch failed"


async def _write(ctx: WorkbenchContext, fn: object, **kwargs: object) -> object | None:
    try:
        return await ctx.transact(fn, **kwargs)  # type: ignore[arg-type]
    except FactcheckError as exc:
        ctx.fail(exc)
        return None


Again = Callable[[Screen[Any], WorkbenchContext, "ClaimDetail", Unsaved], Awaitable[bool]]


async def _save(
    screen: Screen[Any],
    ctx: WorkbenchContext,
    for_claim: int,
    unsaved: Unsaved,
    again: Again,
    fn: object,
    **kwargs: object,
) -> bool | None:
    """Write; True when saved. After a refusal the reviewer chooses: None = read the claim again,
    False = leave the screen as it was, or the same step again over the fresh claim, filled with yours."""
    try:
        await ctx.transact(fn, **kwargs)  # type: ignore[arg-type]
        return True
    except StaleEditError as exc:
        refusal = exc
    except FactcheckError as exc:
        ctx.fail(exc)
        return False
    try:
        fresh: ClaimDetail | None = await ctx.read(claim_detail, claim_id=for_claim)
    except FactcheckError:
        fresh = None  # the dialog says it could not be read
    choice = await ask_after_refusal(screen.app, refusal, fresh, unsaved, can_again=fresh is not None)
    if choice == "again" and fresh is not None:
        await again(screen, ctx, fresh, unsaved)
        return None
    return None if choice else False


async def set_verdict_flow(
    screen: Screen[Any], ctx: WorkbenchContext, detail: ClaimDetail, prefill: Unsaved | None = None
) -> bool:
    claim_id = int(detail.claim.id or 0)
    try:
        scale = await ctx.read(review.load_scale)
    except FactcheckError as exc:
        ctx.fail(exc)
        return False
    current = detail.verdicts[-1].rating if detail.verdicts else None
    if prefill is not None:
        current = prefill.rating
    rationale = prefill.value if prefill is not None else ""
    chosen = await screen.app.push_screen_wait(VerdictDialog(claim_id, scale, current=current, rationale=rationale))
    if chosen is None:
        return prefill is not None  # a cancelled second try still shows the claim as it is now
    from tui.dialogs.prior_actions import confirm_consistent

    if not await confirm_consistent(screen, ctx, claim_id, chosen.rating):
        return prefill is not None
    saved = await _save(
        screen,
        ctx,
        claim_id,
        Unsaved("verdict", chosen.rationale, rating=chosen.rating),
        set_verdict_flow,
        review.set_verdict,
        claim_id=claim_id,
        rating=chosen.rating,
        rationale=chosen.rationale,
        reviewer=ctx.reviewer,
        expected_version=detail.claim.version,
    )
    if saved:
        ctx.notify(f"Claim #{claim_id}: {chosen.rating}.", title="Verdict recorded", timeout=3)
    return saved is not False


async def attach_source_flow(screen: Screen[Any], ctx: WorkbenchContext, detail: ClaimDetail) -> bool:
    """Dialog, then the fetch (async httpx, cancellable with Esc, progress shown), then the attachment."""
    claim_id = int(detail.claim.id or 0)
    request = await screen.app.push_screen_wait(SourceDialog(claim_id))
    if request is None:
        return False
    fetched: FetchResult | None = None
    if not request.offline:
        panel = FetchPanel(request.url)
        await screen.mount(panel)
        try:
            fetched = (await fetch_many([request.url], options=ctx.fetch_options))[0]
        except asyncio.CancelledError:
            ctx.notify("Nothing was attached.", title="Fetch cancelled", severity="warning", timeout=4)
            raise
        finally:
            await panel.remove()
    outcome = await _write(
        ctx,
        review.attach_source,
        claim_id=claim_id,
        url=request.url,
        reviewer=ctx.reviewer,
        stance=request.stance,
        quote=request.quote,
        note=request.note,
        fetched=fetched,
        expected_version=detail.claim.version,
    )
    if not isinstance(outcome, review.AttachOutcome):
        return True  # refused: show the claim as it is now
    if fetched is not None and fetched.error:
        ctx.notify(
            f"{fetched.error}. The source is attached; retry later with: factcheck source retry {outcome.source_id}",
            title=fetch_failure_title(fetched.error),
            severity="error",
            timeout=10,
        )
    elif outcome.quote_found is False:
        ctx.notify(
            "The quote was not found in the fetched text; check it.", title="Quote not found", severity="warning"
        )
    else:
        how = "offline" if fetched is None else f"fetched, HTTP {fetched.http_status}"
        ctx.notify(f"{request.stance.value} · {how}", title="Source attached", timeout=3)
    return True


async def set_status_flow(
    screen: Screen[Any], ctx: WorkbenchContext, detail: ClaimDetail, prefill: Unsaved | None = None
) -> bool:
    claim_id = int(detail.claim.id or 0)
    options = [(s.value, s.value.replace("_", " ")) for s in ClaimStatus]
    default = prefill.value if prefill is not None else detail.claim.status
    code = await screen.app.push_screen_wait(ChoiceDialog(f"Status of claim #{claim_id}", options, default=default))
    if code is None or code == detail.claim.status:
        return prefill is not None
    saved = await _save(
        screen,
        ctx,
        claim_id,
        Unsaved("status", code),
        set_status_flow,
        review.set_status,
        claim_ids=[claim_id],
        status=ClaimStatus(code),
        reviewer=ctx.reviewer,
        expected_versions={claim_id: detail.claim.version},
    )
    return saved is not False


async def edit_claim_flow(
    screen: Screen[Any], ctx: WorkbenchContext, detail: ClaimDetail, prefill: Unsaved | None = None
) -> bool:
    claim = detail.claim
    stored = " ".join(claim.text.split())
    text = await screen.app.push_screen_wait(
        PromptDialog(
            f"Edit claim #{claim.id}",
            "The new text must appear in the article (the span moves there). Enter saves, Esc cancels.",
            value=prefill.value if prefill is not None else stored,
        )
    )
    if text is None or text == stored:
        return prefill is not None
    saved = await _save(
        screen,
        ctx,
        int(claim.id or 0),
        Unsaved("text", text),
        edit_claim_flow,
        review.edit_claim,
        claim_id=int(claim.id or 0),
        reviewer=ctx.reviewer,
        text=text,
        expected_version=claim.version,
    )
    return saved is not False


async def split_claim_flow(screen: Screen[Any], ctx: WorkbenchContext, detail: ClaimDetail) -> bool:
    claim = detail.claim
    before = await screen.app.push_screen_wait(
        PromptDialog(
            f"Split claim #{claim.id}",
            "Type the words the second part starts with. Enter splits, Esc cancels.",
            placeholder="the second part starts with…",
        )
    )
    if before is None:
        return False
    await _write(
        ctx,
        review.split_claim,
        claim_id=int(claim.id or 0),
        reviewer=ctx.reviewer,
        before=before,
        expected_version=claim.version,
    )
    return True  # changed, or refused: either way show the claim as it is now


async def merge_claim_flow(screen: Screen[Any], ctx: WorkbenchContext, detail: ClaimDetail) -> bool:
    claim = detail.claim
    other = await screen.app.push_screen_wait(
        PromptDialog(
            f"Merge claim #{claim.id} with…",
            "The id of another claim of the same article. Enter merges, Esc cancels.",
            placeholder="claim id",
        )
    )
    if other is None:
        return False
    if not other.lstrip("#").isdigit():
        ctx.notify(f"{other!r} is not a claim id.", title="Invalid value", severity="error")
        return False
    claim_id = int(claim.id or 0)
    await _write(
        ctx,
        review.merge_claims,
        claim_ids=[claim_id, int(other.lstrip("#"))],
        reviewer=ctx.reviewer,
        expected_versions={claim_id: claim.version},
    )
    return True  # changed, or refused: either way show the claim as it is now
