"""Two reviewers' processes writing the same claims at the same moment, on SQLite and PostgreSQL.

Real processes with their own connections, released together by a barrier: one write of each pair is
saved, the other is refused naming who changed the claim and when, and after reloading the loser's
write is saved too, so the history holds both. Two imports of one article at once store it once.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any

import pytest
from race_workers import TIMEOUT_S, import_worker, review_worker
from sqlmodel import func, select

from db import review
from db.engine import Database
from db.models import Article, Claim
from db.store import store_articles
from factcheck.model import ClaimStatus
from sources.readers import ArticleDefaults, read_articles

pytestmark = pytest.mark.both_backends
SPAWN = multiprocessing.get_context("spawn")  # a fresh interpreter each, as two reviewers' machines
ACTIONS = ("verdict", "status", "text")


def _race(target: Any, args: list[tuple[Any, ...]]) -> list[Any]:
    """Run one process per argument tuple (each gets the barrier and the results queue last)."""
    barrier, results = SPAWN.Barrier(len(args)), SPAWN.Queue()
    processes = [SPAWN.Process(target=target, args=(*a, barrier, results)) for a in args]
    for process in processes:
        process.start()
    for process in processes:
        process.join(TIMEOUT_S)
    assert [p.exitcode for p in processes] == [0] * len(args)  # a worker that raised shows its traceback
    expected = sum(len(a[2]) if target is review_worker else 1 for a in args)
    return [results.get(timeout=10) for _ in range(expected)]


def test_same_claims_edited_at_once_one_is_refused_by_name_and_both_are_kept(
    database: Database, db_url: str, corpus_dir: Path
) -> None:
    store_articles(database, read_articles([corpus_dir / "en_defence_delegation.txt"], ArticleDefaults()))
    with database.session() as session:
        ids = list(session.exec(select(Claim.id).order_by(Claim.id).limit(3)).all())
    tasks = [(action, claim_id, 1) for action, claim_id in zip(ACTIONS, ids, strict=True)]
    outcomes = _race(review_worker, [(db_url, "ann", tasks), (db_url, "ben", tasks)])

    for action, claim_id in zip(ACTIONS, ids, strict=True):
        by_who = {who: outcome for act, who, outcome in outcomes if act == action}
        assert sorted(by_who.values()).count("saved") == 1, (action, by_who)
        winner = next(who for who, outcome in by_who.items() if outcome == "saved")
        loser = "ben" if winner == "ann" else "ann"
        refusal = by_who[loser]
        assert f"claim {claim_id} was changed by {winner} at " in refusal and "nothing was saved" in refusal
        # the loser reloads and writes again: now it is saved, after the winner's change
        with database.transaction() as session:
            claim = review.get_claim(session=session, claim_id=claim_id)
            assert claim.version == 2
            if action == "verdict":
                review.set_verdict(
                    session=session, claim_id=claim_id, rating="True", rationale="reloaded", reviewer=loser,
                    expected_version=claim.version,
                )  # fmt: skip
            elif action == "status":
                other = ClaimStatus.IN_REVIEW if claim.status == ClaimStatus.DISMISSED else ClaimStatus.DISMISSED
                review.set_status(
                    session=session, claim_ids=[claim_id], status=other, reviewer=loser,
                    expected_versions={claim_id: claim.version},
                )  # fmt: skip
            else:
                review.edit_claim(
                    session=session, claim_id=claim_id, reviewer=loser, text=" ".join(claim.text.split()[:2]),
                    expected_version=claim.version,
                )  # fmt: skip
        with database.session() as session:
            history = review.claim_history(session=session, claim_id=claim_id)
        assert [entry.reviewer for entry in history] == [winner, loser], (action, history)


def test_the_same_article_imported_at_once_is_stored_once(database: Database, db_url: str, corpus_dir: Path) -> None:
    path = str(corpus_dir / "ar_jordan_meeting_report.txt")
    outcomes = dict(_race(import_worker, [(db_url, "first", path), (db_url, "second", path)]))
    assert sorted(status for statuses in outcomes.values() for status in statuses) == ["imported", "present"]
    with database.session() as session:
        assert session.exec(select(func.count()).select_from(Article)).one() == 1
        claims = session.exec(select(func.count()).select_from(Claim)).one()
    assert claims > 0
    store_articles(database, read_articles([Path(path)], ArticleDefaults()))  # once more, for the claim count
    with database.session() as session:
        assert session.exec(select(func.count()).select_from(Claim)).one() == claims
