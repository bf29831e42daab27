"""The fact-check archive: importing rated claims, embedding them once, listing them.

Imports are streamed in batches, each batch one transaction, so 100,000 fact-checks go in with flat
memory and a failure never leaves half a batch behind. ``ON CONFLICT DO NOTHING`` on the two unique keys
(review URL; folded text + fact-checker) makes a re-import change nothing. Verdicts reviewers make
here join the archive through ``sync_workbench_verdicts`` (origin ``workbench``, tied to the claim),
which retrieval calls first, so no review code has to know about the archive.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, func, select

from db.engine import Database
from db.models import Claim, FactCheck, Verdict
from db.vector_cache import bump_archive_version
from factcheck.errors import FactcheckError, NotFoundError
from factcheck.prior.records import FactCheckRecord, dedup_key, map_rating
from factcheck.review.scale import DEFAULT_SCALE, RatingScale
from factcheck.text import detect_language
from factcheck.text.terms import content_terms

__all__ = [
    "ArchiveImport",
    "archive_is_empty",
    "count_factchecks",
    "embed_missing",
    "factcheck_dict",
    "get_factcheck",
    "import_factchecks",
    "list_factchecks",
    "sync_workbench_verdicts",
]

BATCH = 1000
EMBED_BATCH = 256
_INSERT = text(
    "INSERT INTO factcheck (claim, title, rating, rating_original, fact_checker, url, review_date, "
    "language, external_id, origin, claim_id, dedup_key, terms, title_terms, imported_at) VALUES (:claim, :title, "
    ":rating, :rating_original, :fact_checker, :url, :review_date, :language, :external_id, :origin, :claim_id, "
    ":dedup_key, :terms, :title_terms, :imported_at) ON CONFLICT DO NOTHING"
)


@dataclass(slots=True)
class ArchiveImport:
    """What an import did: new fact-checks, ones already archived, and one line per bad record."""

    added: int = 0
    present: int = 0
    errors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"added": self.added, "present": self.present, "failed": len(self.errors), "errors": self.errors}


def _row(record: FactCheckRecord, scale: RatingScale, now: str) -> dict[str, Any]:
    return {
        "claim": record.claim,
        "title": record.title,
        "rating": map_rating(record, scale),
        "rating_original": record.rating_original,
        "fact_checker": record.fact_checker,
        "url": record.url,
        "review_date": record.review_date.isoformat() if record.review_date else None,
        "language": record.language or detect_language(record.claim),
        "external_id": record.external_id,
        "origin": "import",
        "claim_id": None,
        "dedup_key": dedup_key(record.claim, record.fact_checker),
        "terms": " ".join(content_terms(record.claim)),
        "title_terms": " ".join(content_terms(record.title or "")),
        "imported_at": now,
    }


def _now() -> str:
    from db.types import utcnow

    return utcnow().isoformat(sep=" ")


def _batches(
    records: Iterable[FactCheckRecord | FactcheckError], report: ArchiveImport
) -> Iterator[list[FactCheckRecord]]:
    """Batches of good records; a bad record (yielded as its error) or file costs one error line, not
    the import."""
    batch: list[FactCheckRecord] = []
    iterator = iter(records)
    while True:
        try:
            record = next(iterator)
        except StopIteration:
            break
        except FactcheckError as exc:  # the file itself: nothing more comes from it
            report.errors.append(str(exc))
            break
        if isinstance(record, FactcheckError):
            report.errors.append(str(record))
            continue
        batch.append(record)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def import_factchecks(
    database: Database,
    records: Iterable[FactCheckRecord | FactcheckError],
    *,
    on_batch: Callable[[int], None] | None = None,
    scale: RatingScale = DEFAULT_SCALE,
) -> ArchiveImport:
    """Store ``records`` (streamed, a transaction per batch), their ratings mapped onto ``scale`` (the
    database's own, ``db.review.load_scale``); vectors come after, in ``embed_missing``."""
    report = ArchiveImport()
    for batch in _batches(records, report):
        with database.transaction() as session:
            now = _now()
            result = session.connection().execute(_INSERT, [_row(r, scale, now) for r in batch])
            added = max(int(result.rowcount), 0)
            if added:
                bump_archive_version(session)
        report.added += added
        report.present += len(batch) - added
        if on_batch is not None:
            on_batch(len(batch))
    return report


def _unembedded() -> Any:
    """Fact-checks whose claim has no vector yet, or whose non-blank title has none."""
    titled = col(FactCheck.title).is_not(None) & (func.trim(col(FactCheck.title)) != "")
    return col(FactCheck.vector).is_(None) | (col(FactCheck.title_vector).is_(None) & titled)


def embed_missing(database: Database, *, on_batch: Callable[[int, int], None] | None = None) -> int:
    """Compute the sentence vectors (claim, and title when it has one) of every fact-check that lacks
    them; ``on_batch(done, total)``. An archive embedded before titles had vectors gets its titles'."""
    from factcheck.text.encoder import encode, to_bytes

    with database.session() as session:
        total = session.exec(select(func.count()).where(_unembedded())).one()
    done, last = 0, 0
    while True:
        with database.transaction() as session:
            rows = session.exec(
                select(FactCheck.id, FactCheck.claim, FactCheck.title, col(FactCheck.vector).is_(None))
                .where(_unembedded(), col(FactCheck.id) > last)
                .order_by(col(FactCheck.id))
                .limit(EMBED_BATCH)
            ).all()
            if not rows:
                break
            claims = [(fid, claim) for fid, claim, _, missing in rows if missing]
            titles = [(fid, title) for fid, _, title, _ in rows if title and title.strip()]
            vectors = encode([t for _, t in claims + titles])
            found = dict(zip([("vector", fid) for fid, _ in claims] + [("title", fid) for fid, _ in titles],
                             vectors, strict=True))  # fmt: skip
            connection = session.connection()
            if claims:
                connection.execute(
                    text("UPDATE factcheck SET vector = :v WHERE id = :id"),
                    [{"v": to_bytes(found["vector", fid]), "id": fid} for fid, _ in claims],
                )
            if titles:
                connection.execute(
                    text("UPDATE factcheck SET title_vector = :v WHERE id = :id"),
                    [{"v": to_bytes(found["title", fid]), "id": fid} for fid, _ in titles],
                )
            last = rows[-1][0] or last
            bump_archive_version(session)
        done += len(rows)
        if on_batch is not None:
            on_batch(done, total)
    return done


def sync_workbench_verdicts(session: Session) -> list[int]:
    """Bring each claim's current verdict into the archive; returns fact-check ids added or changed."""
    latest = select(Verdict.claim_id, func.max(Verdict.id).label("vid")).group_by(col(Verdict.claim_id)).subquery()
    stmt = (
        select(Verdict, Claim.text, FactCheck)
        .join(latest, col(latest.c.vid) == col(Verdict.id))
        .join(Claim, col(Claim.id) == col(Verdict.claim_id))
        .outerjoin(FactCheck, col(FactCheck.claim_id) == col(Verdict.claim_id))
        .where(
            (col(FactCheck.id).is_(None))
            | (col(FactCheck.rating) != col(Verdict.rating))
            | (col(FactCheck.claim) != Claim.text)
        )
    )
    changed: list[FactCheck] = []
    for verdict, claim_text, archived in session.exec(stmt).all():
        if archived is None:
            archived = FactCheck(
                claim=claim_text,
                origin="workbench",
                claim_id=verdict.claim_id,
                dedup_key=f"claim:{verdict.claim_id}",
                language=detect_language(claim_text),
            )
        if archived.claim != claim_text:
            archived.vector = None
        archived.claim = claim_text
        archived.terms = " ".join(content_terms(claim_text))
        archived.rating = archived.rating_original = verdict.rating
        archived.fact_checker = verdict.reviewer
        archived.review_date = verdict.created_at.date()
        session.add(archived)
        changed.append(archived)
    if changed:
        session.flush()
        _embed_rows(session, [f for f in changed if f.vector is None])
        bump_archive_version(session)
    return [int(f.id) for f in changed if f.id is not None]


def _embed_rows(session: Session, rows: Sequence[FactCheck]) -> None:
    if not rows:
        return
    from factcheck.text.encoder import encode, to_bytes

    for row, vector in zip(rows, encode([r.claim for r in rows]), strict=True):
        row.vector = to_bytes(vector)
        session.add(row)
    session.flush()


def archive_is_empty(*, session: Session) -> bool:
    return session.exec(select(FactCheck.id).limit(1)).first() is None


def count_factchecks(session: Session) -> int:
    return int(session.exec(select(func.count()).select_from(FactCheck)).one())


def list_factchecks(session: Session, *, limit: int | None = None, offset: int = 0) -> list[FactCheck]:
    stmt = select(FactCheck).order_by(col(FactCheck.id)).offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    return list(session.exec(stmt).all())


def get_factcheck(session: Session, factcheck_id: int) -> FactCheck:
    found = session.get(FactCheck, factcheck_id)
    if found is None:
        raise NotFoundError(f"no fact-check #{factcheck_id}")
    return found


def factcheck_dict(row: FactCheck) -> dict[str, Any]:
    """The JSON form of one archived fact-check (no terms, no vector)."""
    review_date: date | None = row.review_date
    return {
        "id": row.id,
        "claim": row.claim,
        "title": row.title,
        "rating": row.rating,
        "rating_original": row.rating_original,
        "fact_checker": row.fact_checker,
        "url": row.url,
        "date": review_date,
        "language": row.language,
        "external_id": row.external_id,
        "origin": row.origin,
        "claim_id": row.claim_id,
        "embedded": row.vector is not None,
    }
