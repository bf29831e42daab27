"""What one reviewer's or importer's process does in the race tests (run in a spawned process).

Each worker opens the database itself, waits at the shared barrier so both processes write at the same
moment, and puts ``(name, outcome)`` on the results queue: ``"saved"``/an import status, or the refusal.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

TIMEOUT_S = 120


def review_worker(url: str, who: str, tasks: list[tuple[str, int, int]], barrier: Any, results: Any) -> None:
    """For each ``(action, claim_id, version seen)``: wait for the other reviewer, then write."""
    from db import review
    from db.engine import open_database
    from factcheck.errors import StaleEditError
    from factcheck.model import ClaimStatus

    database = open_database(url)
    try:
        for action, claim_id, seen in tasks:
            barrier.wait(TIMEOUT_S)
            try:
                with database.transaction() as session:
                    if action == "verdict":
                        review.set_verdict(
                            session=session, claim_id=claim_id, rating="False", rationale=f"{who} read the source",
                            reviewer=who, expected_version=seen,
                        )  # fmt: skip
                    elif action == "status":
                        status = ClaimStatus.DISMISSED if who == "ann" else ClaimStatus.IN_REVIEW
                        review.set_status(
                            session=session, claim_ids=[claim_id], status=status, reviewer=who,
                            expected_versions={claim_id: seen},
                        )  # fmt: skip
                    else:
                        words = review.get_claim(session=session, claim_id=claim_id).text.split()
                        text = " ".join(words[: 3 if who == "ann" else 4])
                        review.edit_claim(
                            session=session, claim_id=claim_id, reviewer=who, text=text, expected_version=seen
                        )
                results.put((action, who, "saved"))
            except StaleEditError as exc:
                results.put((action, who, str(exc)))
    finally:
        database.dispose()


def import_worker(url: str, who: str, path: str, barrier: Any, results: Any) -> None:
    """Import one file at the same moment as the other importer."""
    from db.engine import open_database
    from db.store import store_articles
    from sources.readers import ArticleDefaults, read_articles

    database = open_database(url)
    try:
        records = list(read_articles([Path(path)], ArticleDefaults()))
        barrier.wait(TIMEOUT_S)
        report = store_articles(database, records)
        results.put((who, [item.status for item in report.items]))
    finally:
        database.dispose()
