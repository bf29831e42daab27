"""Reviewer decisions on links and contradiction flags, through ``db.links`` (never re-implemented here).

Run these inside a worker: the reason dialog is awaited with ``push_screen_wait``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcheck.errors import FactcheckError
from tui.dialogs.reason import ReasonDialog

if TYPE_CHECKING:
    from tui.screens.base import WorkbenchScreen

__all__ = ["CONFIRM_REASONS", "DISMISS_REASONS", "decide_contradiction", "decide_link"]

CONFIRM_REASONS = [
    ("real_conflict", "Real conflict: the articles disagree"),
    ("later_correction", "Later correction: one article corrects the other"),
]
DISMISS_REASONS = [
    ("different_event", "Different event: not the same fact"),
    ("different_period", "Different period: both can be true"),
    ("later_correction", "Later correction: one article corrects the other"),
]


async def decide_contradiction(screen: WorkbenchScreen, contradiction_id: int, decision: str) -> bool:
    """Ask for the reason, record the decision; True when something changed."""
    app = screen.workbench
    reasons = CONFIRM_REASONS if decision == "confirm" else DISMISS_REASONS
    title = f"{'Confirm' if decision == 'confirm' else 'Dismiss'} contradiction #{contradiction_id}: why?"
    reason = await app.push_screen_wait(ReasonDialog(title, reasons))
    if reason is None:
        return False
    try:
        from db import links
    except ImportError:
        screen.notify("Contradiction decisions are not available in this build.", severity="warning")
        return False
    try:
        await app.call(
            links.decide_contradiction,
            app.database,
            contradiction_id,
            decision=decision,
            reason=reason.code,
            note=reason.note or None,
            reviewer=app.reviewer,
        )
    except FactcheckError as exc:
        screen.fail(exc)
        return False
    screen.notify(f"Contradiction #{contradiction_id} {decision}ed ({reason.code.replace('_', ' ')}).", timeout=3)
    return True


async def decide_link(screen: WorkbenchScreen, link_id: int, decision: str) -> bool:
    app = screen.workbench
    try:
        from db import links
    except ImportError:
        screen.notify("Link decisions are not available in this build.", severity="warning")
        return False
    try:
        await app.call(links.decide_link, app.database, link_id, decision=decision, reviewer=app.reviewer)
    except FactcheckError as exc:
        screen.fail(exc)
        return False
    screen.notify(f"Link #{link_id} {decision}ed.", timeout=3)
    return True
