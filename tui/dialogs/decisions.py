"""Reviewer decisions on links and contradiction flags, through ``db.links`` (never re-implemented here).

Run these inside a worker: the reason dialog is awaited with ``push_screen_wait``.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from db import link_review
from factcheck.errors import FactcheckError
from tui.context import WorkbenchContext
from tui.dialogs.choice import ChoiceDialog

__all__ = ["REASON_LABELS", "decide_contradiction", "decide_link"]

REASON_LABELS = {
    "real_conflict": "Real conflict: the articles disagree",
    "different_event": "Different event: not the same fact",
    "different_period": "Different period: both can be true",
    "later_correction": "Later correction: one report corrects the other",
}
_FIRST = {"confirm": "real_conflict", "dismiss": "different_event"}


async def decide_contradiction(
    screen: Screen[Any], ctx: WorkbenchContext, contradiction_id: int, decision: str
) -> bool:
    """Ask for the reason (a dialog over ``screen``), record the decision; True when it was recorded."""
    reasons = [(code, REASON_LABELS.get(code, code.replace("_", " "))) for code in link_review.CONTRADICTION_REASONS]
    verb = "Confirm" if decision == "confirm" else "Dismiss"
    dialog = ChoiceDialog(f"{verb} contradiction #{contradiction_id}: why?", reasons, default=_FIRST.get(decision))
    reason = await screen.app.push_screen_wait(dialog)
    if reason is None:
        return False
    try:
        await ctx.write(
            link_review.decide_contradiction, contradiction_id, decision=decision, reason=reason, reviewer=ctx.reviewer
        )
    except FactcheckError as exc:
        ctx.fail(exc)
        return False
    done = "confirmed" if decision == "confirm" else "dismissed"
    ctx.notify(f"Contradiction #{contradiction_id} {done}: {reason.replace('_', ' ')}.", timeout=3)
    return True


async def decide_link(ctx: WorkbenchContext, link_id: int, decision: str) -> bool:
    try:
        await ctx.write(link_review.decide_link, link_id, decision=decision, reviewer=ctx.reviewer)
    except FactcheckError as exc:
        ctx.fail(exc)
        return False
    ctx.notify(f"Link #{link_id} {'confirmed' if decision == 'confirm' else 'rejected'}.", timeout=3)
    return True
