"""The workbench's side of prior fact-checks and verdict consistency.

``apply_prior_flow`` and ``reject_prior_flow`` are the claim detail's ``f`` and ``d``;
``confirm_consistent`` is asked before any verdict is saved: when a linked claim or a matched
fact-check carries a different rating, it lists both ratings and who gave them, and offers to save
anyway, to open the other claim, or to cancel.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from db.prior_review import PriorRow, apply_prior, reject_prior, verdict_disagreements
from factcheck.errors import FactcheckError
from tui.dialogs.choice import ChoiceDialog

if TYPE_CHECKING:
    from tui.screens.base import WorkbenchScreen

__all__ = ["apply_prior_flow", "confirm_consistent", "reject_prior_flow"]


async def confirm_consistent(screen: WorkbenchScreen, claim_id: int, rating: str) -> bool:
    """True when the verdict may be saved: nothing disagrees, or the reviewer says save anyway."""
    app = screen.workbench
    try:
        found = await app.read(verdict_disagreements, claim_id=claim_id, rating=rating)
    except FactcheckError as exc:
        screen.fail(exc)
        return False
    if not found:
        return True
    title = "\n".join(["This verdict disagrees with:", *(f"• {d.message()}" for d in found)])
    options = [("save", f"Save {rating!r} anyway")]
    options += [(f"open:{d.other_id}", f"Open claim #{d.other_id}") for d in found if d.other_kind == "claim"]
    options.append(("cancel", "Cancel"))
    choice = await app.push_screen_wait(ChoiceDialog(title, options, default="cancel"))
    if choice and choice.startswith("open:"):
        await app.open_claim(int(choice.split(":", 1)[1]))
        return False
    return choice == "save"


async def apply_prior_flow(screen: WorkbenchScreen, claim_id: int, prior: PriorRow, version: int | None) -> bool:
    app = screen.workbench
    if not await confirm_consistent(screen, claim_id, prior.rating):
        return False
    try:
        await app.write(
            apply_prior, claim_id=claim_id, factcheck_id=prior.factcheck_id, reviewer=app.reviewer,
            expected_version=version,
        )  # fmt: skip
    except FactcheckError as exc:
        screen.fail(exc)
        return False
    screen.notify(
        f"Claim #{claim_id}: {prior.rating}, applied from fact-check #{prior.factcheck_id}.",
        title="Verdict applied",
        timeout=4,
    )
    return True


async def reject_prior_flow(screen: WorkbenchScreen, claim_id: int, prior: PriorRow) -> bool:
    app = screen.workbench
    try:
        await app.write(reject_prior, claim_id=claim_id, factcheck_id=prior.factcheck_id, reviewer=app.reviewer)
    except FactcheckError as exc:
        screen.fail(exc)
        return False
    screen.notify(f"Fact-check #{prior.factcheck_id} will not be suggested for claim #{claim_id} again.", timeout=3)
    return True
