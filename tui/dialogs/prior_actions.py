"""The workbench's side of prior fact-checks and verdict consistency.

``apply_prior_flow`` and ``reject_prior_flow`` are the claim detail's ``f`` and ``d``;
``confirm_consistent`` is asked before any verdict is saved: when a linked claim or a matched
fact-check carries a different rating, it lists both ratings and who gave them, and offers to save
anyway, to open the other claim, or to cancel.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from db.prior_review import PriorRow, apply_prior, reject_prior, verdict_disagreements
from factcheck.errors import FactcheckError
from tui.context import WorkbenchContext
from tui.dialogs.choice import ChoiceDialog
from tui.messages import OpenClaim

__all__ = ["apply_prior_flow", "confirm_consistent", "reject_prior_flow"]


async def confirm_consistent(screen: Screen[Any], ctx: WorkbenchContext, claim_id: int, rating: str) -> bool:
    """True when the verdict may be saved: nothing disagrees, or the reviewer says save anyway.

    Opening the other claim is asked of the app (``OpenClaim`` posted from ``screen``).
    """
    try:
        found = await ctx.read(verdict_disagreements, claim_id=claim_id, rating=rating)
    except FactcheckError as exc:
        ctx.fail(exc)
        return False
    if not found:
        return True
    title = "\n".join(["This verdict disagrees with:", *(f"• {d.message()}" for d in found)])
    options = [("save", f"Save {rating!r} anyway")]
    options += [(f"open:{d.other_id}", f"Open claim #{d.other_id}") for d in found if d.other_kind == "claim"]
    options.append(("cancel", "Cancel"))
    choice = await screen.app.push_screen_wait(ChoiceDialog(title, options, default="cancel"))
    if choice and choice.startswith("open:"):
        screen.post_message(OpenClaim(int(choice.split(":", 1)[1])))
        return False
    return choice == "save"


async def apply_prior_flow(
    screen: Screen[Any], ctx: WorkbenchContext, claim_id: int, prior: PriorRow, version: int | None
) -> bool:
    if not await confirm_consistent(screen, ctx, claim_id, prior.rating):
        return False
    try:
        await ctx.write(
            apply_prior, claim_id=claim_id, factcheck_id=prior.factcheck_id, reviewer=ctx.reviewer,
            expected_version=version,
        )  # fmt: skip
    except FactcheckError as exc:
        ctx.fail(exc)
        return False
    ctx.notify(
        f"Claim #{claim_id}: {prior.rating}, applied from fact-check #{prior.factcheck_id}.",
        title="Verdict applied",
        timeout=4,
    )
    return True


async def reject_prior_flow(ctx: WorkbenchContext, claim_id: int, prior: PriorRow) -> bool:
    try:
        await ctx.write(reject_prior, claim_id=claim_id, factcheck_id=prior.factcheck_id, reviewer=ctx.reviewer)
    except FactcheckError as exc:
        ctx.fail(exc)
        return False
    ctx.notify(f"Fact-check #{prior.factcheck_id} will not be suggested for claim #{claim_id} again.", timeout=3)
    return True
