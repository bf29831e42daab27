"""Storing what a matching run found: links and contradiction flags, upserted around reviewer decisions.

A re-run never overrides a reviewer: a confirmed or rejected link and a confirmed or dismissed
contradiction stay as decided; suggestions the matcher no longer makes are dropped (on a full
re-match) only while undecided, and contradictions are not re-raised on a link a reviewer rejected.
Rows are written in bulk (one multi-row statement per kind), never one by one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, bindparam, delete, insert, select, update
from sqlmodel import Session, SQLModel

import db.models  # noqa: F401  (registers the tables)
from db.types import utcnow
from factcheck.contradictions import ContradictionFlag, Findings
from factcheck.matching import Link

__all__ = ["MatchSummary", "store_findings"]

LINKS: Table = SQLModel.metadata.tables["claim_link"]
CONTRADICTIONS: Table = SQLModel.metadata.tables["contradiction"]
_SCORE_FIELDS = ("score", "text_score", "slot_score", "method")


@dataclass(frozen=True, slots=True)
class MatchSummary:
    claims: int  # claims matched (new ones, or all for a full re-match)
    candidates: int  # pairs proposed by blocking
    links_added: int
    links_updated: int
    links_dropped: int
    contradictions_added: int
    contradictions_dropped: int

    def to_dict(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in self.__slots__}


def _link_row(link: Link, now: Any) -> dict[str, Any]:
    return {
        "claim_a_id": link.claim_a_id,
        "claim_b_id": link.claim_b_id,
        "score": link.score,
        "text_score": link.text_score,
        "slot_score": link.slot_score,
        "method": link.method,
        "status": "suggested",
        "created_at": now,
    }


def _flag_row(flag: ContradictionFlag, now: Any) -> dict[str, Any]:
    return {
        "claim_a_id": flag.claim_a_id,
        "claim_b_id": flag.claim_b_id,
        "kind": str(flag.kind),
        "value_a": flag.value_a,
        "value_b": flag.value_b,
        "explanation": flag.explanation,
        "status": "open",
        "created_at": now,
    }


def _rows_of(session: Session, table: Table, pairs: set[tuple[int, int]] | None) -> list[Any]:
    """The rows of ``table`` on ``pairs`` (lower, higher claim id), or every row (None).

    Read by the higher claim of each pair (indexed), then kept by pair: all the rows touching the
    pairs' claims would include every earlier link of an old claim that many stories repeat, a read
    that grew with the store on every import batch."""
    stmt = select(table)
    if pairs is None:
        return list(session.execute(stmt))
    if not pairs:
        return []
    rows = session.execute(stmt.where(table.c.claim_b_id.in_({b for _, b in pairs})))
    return [r for r in rows if (r.claim_a_id, r.claim_b_id) in pairs]


def store_findings(
    session: Session,
    found: Findings,
    candidates: int,
    claims: int,
    *,
    full: bool,
    redecided: frozenset[tuple[int, int]] | None = None,
) -> MatchSummary:
    """Upsert ``found`` (touching only its claims' rows, or all rows when ``full``) and count the changes.

    ``redecided``: the pairs this run decided again (the vectors pass): an undecided link or open
    flag on one of them that the run no longer produces is dropped, as a full re-match drops it.
    """
    now = utcnow()
    # Only rows on the pairs this run produced or decided again can change (all rows on a full run).
    pairs = None
    if not full:
        pairs = {(link.claim_a_id, link.claim_b_id) for link in found.links}
        pairs.update((f.claim_a_id, f.claim_b_id) for f in found.flags)
        pairs.update(redecided or ())
    existing = {(r.claim_a_id, r.claim_b_id): r for r in _rows_of(session, LINKS, pairs)}
    produced = {(link.claim_a_id, link.claim_b_id): link for link in found.links}

    new_links = [_link_row(link, now) for pair, link in produced.items() if pair not in existing]
    updated = [
        {"row_id": existing[pair].id, **{f"new_{k}": getattr(link, k) for k in _SCORE_FIELDS}}
        for pair, link in produced.items()
        if pair in existing
        and existing[pair].status == "suggested"
        and any(getattr(existing[pair], k) != getattr(link, k) for k in _SCORE_FIELDS)
    ]
    stale_links = [
        r.id
        for pair, r in existing.items()
        if pair not in produced and r.status == "suggested" and (full or (redecided is not None and pair in redecided))
    ]
    if new_links:
        session.execute(insert(LINKS), new_links)
    if updated:
        session.execute(
            update(LINKS)
            .where(LINKS.c.id == bindparam("row_id"))
            .values({name: bindparam(f"new_{name}") for name in _SCORE_FIELDS}),
            updated,
        )
    if stale_links:
        session.execute(delete(LINKS).where(LINKS.c.id.in_(stale_links)))

    rejected = {pair for pair, r in existing.items() if r.status == "rejected"}
    flags = {
        (f.claim_a_id, f.claim_b_id, str(f.kind)): f
        for f in found.flags
        if (f.claim_a_id, f.claim_b_id) not in rejected
    }
    old_flags = {(r.claim_a_id, r.claim_b_id, r.kind): r for r in _rows_of(session, CONTRADICTIONS, pairs)}
    new_flags = [_flag_row(f, now) for key, f in flags.items() if key not in old_flags]
    refreshed = [
        {"row_id": old_flags[key].id, "new_a": f.value_a, "new_b": f.value_b, "new_text": f.explanation}
        for key, f in flags.items()
        if key in old_flags
        and old_flags[key].status == "open"
        and (old_flags[key].value_a, old_flags[key].value_b, old_flags[key].explanation)
        != (f.value_a, f.value_b, f.explanation)
    ]
    stale_flags = [
        r.id
        for key, r in old_flags.items()
        if key not in flags and r.status == "open" and (full or (redecided is not None and key[:2] in redecided))
    ]
    if new_flags:
        session.execute(insert(CONTRADICTIONS), new_flags)
    if refreshed:
        session.execute(
            update(CONTRADICTIONS)
            .where(CONTRADICTIONS.c.id == bindparam("row_id"))
            .values(
                value_a=bindparam("new_a", type_=CONTRADICTIONS.c.value_a.type),
                value_b=bindparam("new_b", type_=CONTRADICTIONS.c.value_b.type),
                explanation=bindparam("new_text"),
            ),
            refreshed,
        )
    if stale_flags:
        session.execute(delete(CONTRADICTIONS).where(CONTRADICTIONS.c.id.in_(stale_flags)))
    return MatchSummary(
        claims=claims,
        candidates=candidates,
        links_added=len(new_links),
        links_updated=len(updated),
        links_dropped=len(stale_links),
        contradictions_added=len(new_flags),
        contradictions_dropped=len(stale_flags),
    )
