"""On PostgreSQL the claim search is answered from its GIN index, not by reading every claim.

The index is over ``to_tsvector('factcheck_search'::regconfig, norm_text)``; the search condition must
be that very expression for the planner to use it (a configuration sent as a bound parameter is not,
and made every search at 100k claims take over a second). Sequential scans are switched off so the
plan shows whether the index *can* answer the query at all, whatever the table's size.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from db.engine import Database
from db.models import Claim
from db.search import claim_search_condition

pytestmark = pytest.mark.both_backends


def test_the_search_condition_uses_the_text_index(database: Database, backend: str) -> None:
    condition = claim_search_condition("الوزارة ministry")
    assert condition is not None
    stmt = select(func.count()).select_from(Claim).where(condition)
    with database.session() as session:
        connection = session.connection()
        assert connection.execute(stmt).scalar_one() == 0  # runs on both backends
        if backend != "postgresql":
            return  # SQLite's search is a lookup in the claim_fts table by construction
        connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
        compiled = stmt.compile(dialect=connection.dialect)
        plan = "\n".join(r[0] for r in connection.exec_driver_sql("EXPLAIN " + str(compiled), compiled.params))
    assert "ix_claim_norm_text_tsv" in plan, plan
