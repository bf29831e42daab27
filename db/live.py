"""What other reviewers changed since we last looked: the workbench's live refresh.

Each backend says cheaply *whether* anything was committed by someone else — SQLite's
``PRAGMA data_version`` (it moves when another connection commits), PostgreSQL's ``LISTEN`` on the
channel the ``audit_log`` trigger notifies (migration ``0004_assignment``) — and only then is the
audit log read for *what*: the claims changed after the last entry seen, grouped by reviewer.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlmodel import col

from db.engine import Database
from db.models import AuditEntry

__all__ = ["CHANNEL", "ChangeWatcher", "Changes"]

CHANNEL = "factcheck_changes"  # PostgreSQL NOTIFY channel (the audit_log trigger of 0004_assignment)
_MAX_ENTRIES = 5_000  # read per poll at most; the rest is picked up by the next one


@dataclass(frozen=True, slots=True)
class Changes:
    """Claims changed by other reviewers: reviewer → claim ids."""

    by_reviewer: dict[str, frozenset[int]] = field(default_factory=dict)

    @property
    def claim_ids(self) -> frozenset[int]:
        return frozenset().union(*self.by_reviewer.values())

    def notice(self) -> str:
        """``2 claims changed by rana`` (``…, 1 by sami`` when several people were at work)."""
        parts = []
        for index, (who, ids) in enumerate(sorted(self.by_reviewer.items(), key=lambda kv: (-len(kv[1]), kv[0]))):
            n = len(ids)
            what = f"{n} claim{'s' if n != 1 else ''} changed by " if index == 0 else f"{n} by "
            parts.append(what + who)
        return ", ".join(parts)


class ChangeWatcher:
    """Polled from a worker thread; ``me`` (the workbench's reviewer) is never reported."""

    def __init__(self, database: Database, *, me: str) -> None:
        self.database = database
        self.me = me
        with database.session() as session:
            self.last_id = int(session.execute(select(func.coalesce(func.max(col(AuditEntry.id)), 0))).scalar_one())
        self._sqlite: Any = None
        self._pg: Any = None
        self._version: int | None = None
        if database.engine.dialect.name == "postgresql":
            import psycopg

            url = database.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
            self._pg = psycopg.connect(url, autocommit=True)
            self._pg.execute(f"LISTEN {CHANNEL}")
        else:
            self._sqlite = database.engine.raw_connection()
            self._version = self._data_version()

    def _data_version(self) -> int:
        cursor = self._sqlite.cursor()
        try:
            return int(cursor.execute("PRAGMA data_version").fetchone()[0])
        finally:
            cursor.close()

    def _signalled(self) -> bool:
        if self._pg is not None:
            return bool(list(self._pg.notifies(timeout=0, stop_after=10_000)))
        version = self._data_version()
        moved, self._version = version != self._version, version
        return moved

    def poll(self) -> Changes | None:
        """Changes by others since the last poll, or None when nobody else wrote anything."""
        if not self._signalled():
            return None
        stmt = (
            select(col(AuditEntry.id), col(AuditEntry.reviewer), col(AuditEntry.claim_id))
            .where(col(AuditEntry.id) > self.last_id)
            .order_by(col(AuditEntry.id))
            .limit(_MAX_ENTRIES)
        )
        with self.database.session() as session:
            rows = session.execute(stmt).all()
        if len(rows) == _MAX_ENTRIES and self._pg is None:
            self._version = None  # more to read: the next poll reads on without waiting for a signal
        by_reviewer: dict[str, set[int]] = defaultdict(set)
        for entry_id, reviewer, claim_id in rows:
            self.last_id = max(self.last_id, int(entry_id))
            if reviewer != self.me and claim_id is not None:
                by_reviewer[reviewer].add(int(claim_id))
        if not by_reviewer:
            return None
        return Changes({who: frozenset(ids) for who, ids in by_reviewer.items()})

    def close(self) -> None:
        for connection in (self._pg, self._sqlite):
            if connection is not None:
                connection.close()
        self._pg = self._sqlite = None
