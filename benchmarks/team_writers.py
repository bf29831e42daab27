"""Several reviewers' processes giving verdicts at once, then a check that nothing was lost.

Each reviewer is its own process with its own connection: for ``seconds`` it picks one of a small
pool of claims (so reviewers collide often), reads the claim's version and gives a verdict naming
it, as the workbench does. A refusal because another reviewer got there first (``StaleEditError``)
is the guard working, counted, and the reviewer reads the claim again; anything else is an error.
Afterwards, against what each process says it saved: every saved verdict is stored once with its
rationale, nothing else is stored, each one is in the history (``verdict.set``, right reviewer,
right rating), and each claim's version grew by exactly its saved verdicts.
"""

from __future__ import annotations

import multiprocessing
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

__all__ = ["WritersResult", "run_writers"]

RATINGS = ("False", "Misleading", "True", "Mostly true")
POOL = 40  # claims the reviewers share


@dataclass
class WritersResult:
    saved: int = 0
    refused: int = 0
    errors: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # lost, extra or unlogged writes
    per_second: float = 0.0


def _reviewer(url: str, who: str, claim_ids: list[int], seconds: float, start: Any, results: Any) -> None:
    from db import review
    from db.engine import open_database
    from factcheck.errors import StaleEditError

    rng = random.Random(who)
    database = open_database(url)
    saved: list[tuple[int, str, str]] = []
    refused, errors = 0, []
    start.wait(120)
    deadline = time.monotonic() + seconds
    n = 0
    try:
        while time.monotonic() < deadline:
            claim_id, rating = rng.choice(claim_ids), rng.choice(RATINGS)
            rationale = f"{who} verdict {n}"
            n += 1
            try:
                with database.session() as session:
                    seen = review.get_claim(session=session, claim_id=claim_id).version
                with database.transaction() as session:
                    review.set_verdict(
                        session=session, claim_id=claim_id, rating=rating, rationale=rationale, reviewer=who,
                        expected_version=seen,
                    )  # fmt: skip
                saved.append((claim_id, rating, rationale))
            except StaleEditError:
                refused += 1
            except Exception as exc:  # counted and reported: any error fails the run
                errors.append(f"{who}: {type(exc).__name__}: {exc}")
    finally:
        database.dispose()
    results.put((who, saved, refused, errors))


def run_writers(url: str, *, reviewers: int, seconds: float) -> WritersResult:
    """``reviewers`` processes writing verdicts on the migrated database at ``url`` for ``seconds``."""
    from sqlmodel import col, select

    from db.engine import open_database
    from db.models import AuditEntry, Claim, Verdict

    database = open_database(url)
    with database.session() as session:
        open_claims = col(Claim.status).in_(("new", "in_review", "drafted"))  # a verdict is allowed on them
        ids = [int(i) for i in session.exec(select(Claim.id).where(open_claims).order_by(col(Claim.id)).limit(POOL))]
        versions_before = {c.id: c.version for c in session.exec(select(Claim).where(col(Claim.id).in_(ids)))}
    context = multiprocessing.get_context("spawn")
    start, results = context.Event(), context.Queue()
    names = [f"reviewer{k + 1}" for k in range(reviewers)]
    procs = [context.Process(target=_reviewer, args=(url, who, ids, seconds, start, results)) for who in names]
    for proc in procs:
        proc.start()
    time.sleep(3)  # each process has opened its database before the clock starts
    start.set()
    outcome = WritersResult()
    saved: list[tuple[str, int, str, str]] = []
    for _ in procs:
        who, done, refused, errors = results.get(timeout=seconds + 180)
        saved += [(who, *write) for write in done]
        outcome.refused += refused
        outcome.errors += errors
    for proc in procs:
        proc.join(30)
    outcome.saved = len(saved)
    outcome.per_second = len(saved) / seconds
    with database.session() as session:
        stored = {v.rationale: v for v in session.exec(select(Verdict).where(col(Verdict.claim_id).in_(ids)))}
        history = Counter(
            (e.reviewer, e.claim_id, (e.after or {}).get("rating"), (e.after or {}).get("rationale"))
            for e in session.exec(select(AuditEntry).where(col(AuditEntry.action) == "verdict.set"))
        )
        versions = {c.id: c.version for c in session.exec(select(Claim).where(col(Claim.id).in_(ids)))}
    database.dispose()
    outcome.problems = _check(saved, stored, history, versions_before, versions)
    return outcome


def _check(
    saved: list[tuple[str, int, str, str]],
    stored: dict[str, Any],
    history: Counter[tuple[Any, ...]],
    before: dict[Any, int],
    after: dict[Any, int],
) -> list[str]:
    problems = []
    for who, claim_id, rating, rationale in saved:
        verdict = stored.get(rationale)
        if verdict is None or verdict.claim_id != claim_id or verdict.rating != rating:
            problems.append(f"lost: {who}'s {rating!r} on claim {claim_id} ({rationale})")
        if history[(who, claim_id, rating, rationale)] != 1:
            problems.append(f"not in the history once: {who}'s {rating!r} on claim {claim_id} ({rationale})")
    if extra := set(stored) - {rationale for *_, rationale in saved}:
        problems.append(f"{len(extra)} verdicts stored that no reviewer saved")
    writes = Counter(claim_id for _, claim_id, _, _ in saved)
    for claim_id, version in after.items():
        if version != before[claim_id] + writes[claim_id]:
            problems.append(f"claim {claim_id}: version {version}, expected {before[claim_id] + writes[claim_id]}")
    return problems
