"""Bulk import: articles and their claims through SQLAlchemy Core, one transaction per batch.

Extraction runs before the transaction opens (CPU work should not hold the write lock), in worker
processes, one batch ahead of the batch being stored and matched. An article
whose content hash is already stored is reported as present and left untouched, with every claim and
every piece of reviewer work on it; so re-importing never duplicates and never throws work away.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import signal
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from sqlalchemy import Table, select, update
from sqlmodel import Session, SQLModel

import db.models  # noqa: F401  (registers the tables)
from db.bulk import insert_returning_ids
from db.engine import Database
from db.pipeline import after_claims_stored
from db.types import utcnow
from factcheck.bulk import CacheTrim, gc_paused
from factcheck.matching import ClaimFeatures
from factcheck.matching.prepared import Prepared, prepare, rebuild
from factcheck.model import ArticleText, ExtractedClaim
from factcheck.records import ArticleRecord, ReadFailure
from factcheck.text import normalize_for_matching
from factcheck.workpool import Job, WorkPool

__all__ = [
    "CLAIMS",
    "ImportItem",
    "ImportReport",
    "claim_row",
    "content_hash",
    "import_workers",
    "store_articles",
    "take_import_lock",
]

Extract = Callable[[ArticleText], list[ExtractedClaim]]
BATCH_SIZE = 200
# Each extraction worker empties its per-word caches every this many batches it has served (a
# worker takes half of each batch: about 2,000 articles), so its memory stays flat.
TRIM_EVERY = 20
ARTICLES: Table = SQLModel.metadata.tables["article"]
CLAIMS: Table = SQLModel.metadata.tables["claim"]
META: Table = SQLModel.metadata.tables["factcheck_meta"]


def content_hash(body: str) -> str:
    """Hash of the text with Unicode and whitespace normalised: the same article in another wrapper is
    still the same article."""
    folded = " ".join(unicodedata.normalize("NFC", body).split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class ImportItem:
    where: str
    status: str  # imported | present | failed
    article_id: int | None = None
    title: str | None = None
    claims: int = 0
    encoding: str | None = None
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "where": self.where,
            "status": self.status,
            "article_id": self.article_id,
            "title": self.title,
            "claims": self.claims,
            "encoding": self.encoding,
            "error": self.error,
        }


@dataclass(slots=True)
class ImportReport:
    """Counts of every outcome; the items themselves only when asked for (an archive has millions)."""

    items: list[ImportItem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    claims: int = 0

    def add(self, item: ImportItem, *, keep: bool) -> None:
        self.counts[item.status] = self.counts.get(item.status, 0) + 1
        self.claims += item.claims
        if keep:
            self.items.append(item)

    def count(self, status: str) -> int:
        return self.counts.get(status, 0)

    @property
    def failed(self) -> bool:
        return self.count("failed") > 0


# Each claim as the values of its row (``_CLAIM_VALUES``: text, normalised text, offsets, kind, check-
# worthiness, negation, stored slots as JSON text) and (when the import matches) its matching features,
# made by the extraction workers: plain values and slotted dataclasses pickle fast, and the importing
# process, which is the import's bottleneck, only puts ids on them (even the slots' JSON is written in
# the worker: serialising it cost the importer more than SQLite took to store it).
Extracted = list[tuple[tuple[Any, ...], Prepared | None]]
_CLAIM_VALUES = ("text", "norm_text", "start", "end", "kind", "checkworthiness", "negated", "slots")


def import_workers() -> int:
    """Extraction workers for an import: one per core, up to two (the importer itself stores and
    matches); none on a single core, where they would only compete with it."""
    cores = os.cpu_count() or 1
    return min(2, cores) if cores > 1 else 0


def _default_extract() -> Extract:
    from factcheck.extraction import extract_claims

    return extract_claims


def _clear_extraction_caches() -> None:
    from factcheck.extraction.lexicon import clear_caches

    clear_caches()  # the lexicon's memo of words and chunks (up to 300,000 entries each)


def _batches(items: Iterable[ArticleRecord], size: int) -> Iterator[list[ArticleRecord]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


@dataclass(slots=True)
class _Batch:
    """A batch on its way: hashes, what was stored when it was read, the new articles' extraction."""

    records: list[ArticleRecord]
    hashes: list[str]
    stored: dict[str, int]
    fresh: dict[str, ArticleRecord]
    job: Job[Extracted] | None = None
    extracted: list[Extracted] = field(default_factory=list)


def store_articles(
    database: Database,
    entries: Iterable[ArticleRecord | ReadFailure],
    *,
    extract: Extract | None = None,
    extractor_name: str = "rules",
    batch_size: int = BATCH_SIZE,
    on_item: Callable[[ImportItem], None] | None = None,
    workers: int = 0,
    keep_items: bool = True,
    match: bool = True,
) -> ImportReport:
    """Store new articles with their claims; report every input as imported, present or failed.

    Each batch commits on its own, so an interrupted import keeps every batch before the one it was
    in, and running it again stores the rest (the content hash says what is there). ``workers``
    forked processes (POSIX; only for a single-threaded caller such as the command line) extract the
    next batch while this one is stored and matched. ``match=False`` leaves matching out (benchmarks
    that measure storage alone).
    """
    report = ImportReport()
    run_extract = extract or _default_extract()

    def emit(item: ImportItem) -> None:
        report.add(item, keep=keep_items)
        if on_item:
            on_item(item)

    def records() -> Iterator[ArticleRecord]:
        for entry in entries:
            if isinstance(entry, ReadFailure):
                emit(ImportItem(where=entry.path, status="failed", error=str(entry.error)))
            else:
                yield entry

    def extract_one(article: ArticleText) -> Extracted:
        claims = run_extract(article)
        slots = [claim.slots.to_dict() for claim in claims]
        prepared: list[Prepared | None] = (
            list(prepare(article.body, article.language, claims, slots)) if match else [None] * len(claims)
        )
        return [
            ((*_claim_values(claim, stored)[:-1], json.dumps(stored)), ready)
            for claim, stored, ready in zip(claims, slots, prepared, strict=True)
        ]

    # The cyclic collector, left to run between batches, walked the whole matching index (millions of
    # objects) every few batches, more often and longer as the index and caches filled. It is paused
    # for the whole import; each batch's own cycles (its session's) are collected once it is stored,
    # in the young generations only, which never hold the long-lived index.
    trim = CacheTrim(TRIM_EVERY, also=[_clear_extraction_caches])
    with WorkPool(extract_one, workers, tidy=trim) as pool, gc_paused():
        previous: _Batch | None = None
        for records_batch in _batches(records(), batch_size):
            batch = _prepare(database, records_batch)
            if previous is not None and previous.job is not None:
                previous.extracted = previous.job.result()  # read in full before the next batch is sent
            batch.job = pool.submit([_article_text(record) for record in batch.fresh.values()])
            if previous is not None:
                _store_batch(database, previous, extractor_name, emit, match=match)
                gc.collect(1)
            previous = batch
        if previous is not None:
            previous.extracted = previous.job.result() if previous.job is not None else []
            _store_batch(database, previous, extractor_name, emit, match=match)
    return report


def _prepare(database: Database, records: list[ArticleRecord]) -> _Batch:
    hashes = [content_hash(record.body) for record in records]
    with database.transaction() as session:
        stored = _stored_ids(session, set(hashes))
    # First occurrence of each new hash is imported; later ones in the batch are duplicates of it.
    fresh: dict[str, ArticleRecord] = {}
    for record, digest in zip(records, hashes, strict=True):
        if digest not in stored and digest not in fresh:
            fresh[digest] = record
    return _Batch(records, hashes, stored, fresh)


def _store_batch(
    database: Database, batch: _Batch, extractor_name: str, emit: Callable[[ImportItem], None], *, match: bool
) -> None:
    stored = batch.stored
    extracted = dict(zip(batch.fresh, batch.extracted, strict=True))
    now = utcnow()
    interrupts = _InterruptHold()
    try:
        with database.transaction() as session:
            take_import_lock(session)
            # Stored since the batch was read (an earlier batch, or another importer): present now.
            stored.update(_stored_ids(session, set(batch.fresh)))
            fresh = {digest: record for digest, record in batch.fresh.items() if digest not in stored}
            new_ids: dict[str, int] = {}
            if fresh:
                rows = [_article_row(record, digest, now) for digest, record in fresh.items()]
                new_ids = dict(zip(fresh, insert_returning_ids(session, ARTICLES, rows), strict=True))
            claim_rows = [
                _claim_row(new_ids[digest], values, extractor_name, now)
                for digest in fresh
                for values, _ in extracted[digest]
            ]
            claim_ids = insert_returning_ids(session, CLAIMS, claim_rows, json_text=("slots",))
            if match:
                after_claims_stored(session, claim_ids, _features(fresh, new_ids, extracted, claim_ids))
            # From the commit until every item of the batch is reported, Ctrl-C waits: what the caller
            # was told is exactly what was stored, whenever the interruption comes.
            interrupts.hold()
        _emit_batch(batch, fresh, new_ids, stored, extracted, emit)
    finally:
        interrupts.release()


def _features(
    fresh: dict[str, ArticleRecord], new_ids: dict[str, int], extracted: dict[str, Extracted], claim_ids: list[int]
) -> list[ClaimFeatures]:
    """The stored claims' matching features, from what the extraction workers prepared."""
    out: list[ClaimFeatures] = []
    ids = iter(claim_ids)
    for digest, record in fresh.items():
        article_id, language = new_ids[digest], record.language
        for values, ready in extracted[digest]:
            assert ready is not None
            out.append(rebuild(next(ids), article_id, values[0], values[6], language, ready, record.published))
    return out


def _claim_values(claim: ExtractedClaim, slots: dict[str, Any]) -> tuple[Any, ...]:
    """The row values ``_CLAIM_VALUES`` of an extracted claim, ``slots`` its ``Slots.to_dict()``."""
    kind = str(claim.kind)
    return (claim.text, normalize_for_matching(claim.text), claim.start, claim.end, kind, claim.checkworthiness,
            claim.negated, slots)  # fmt: skip


def _emit_batch(
    batch: _Batch,
    fresh: dict[str, ArticleRecord],
    new_ids: dict[str, int],
    stored: dict[str, int],
    extracted: dict[str, Extracted],
    emit: Callable[[ImportItem], None],
) -> None:
    for record, digest in zip(batch.records, batch.hashes, strict=True):
        is_new = digest in new_ids and fresh[digest] is record
        emit(
            ImportItem(
                where=record.where,
                status="imported" if is_new else "present",
                article_id=new_ids.get(digest, stored.get(digest)),
                title=record.title,
                claims=len(extracted[digest]) if is_new else 0,
                encoding=record.encoding,
            )
        )


class _InterruptHold:
    """Ctrl-C deferred from ``hold`` to ``release`` (main thread only): a SIGINT meanwhile is raised again then.

    A handler that remembers the signal, rather than a blocked signal mask: the mask is per thread, and
    the kernel hands a blocked SIGINT to any other thread of the process (numpy's, the progress bar's).
    """

    def __init__(self) -> None:
        self.previous: Any = None
        self.pending = False

    def hold(self) -> None:
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGINT, self._remember)

    def _remember(self, signum: int, frame: object) -> None:
        self.pending = True

    def release(self) -> None:
        if self.previous is None:
            return
        signal.signal(signal.SIGINT, self.previous)
        self.previous = None
        if self.pending:
            signal.raise_signal(signal.SIGINT)


def take_import_lock(session: Session) -> None:
    """Importers write one at a time, so the check for stored articles sees every committed import.

    A no-op UPDATE of the schema's meta row takes SQLite's write lock, or that row's lock on PostgreSQL,
    before the check: two imports of one article at once store it once, the other reports it present.
    """
    session.execute(update(META).where(META.c.key == "schema").values(value=META.c.value))


def _stored_ids(session: Session, digests: set[str]) -> dict[str, int]:
    if not digests:
        return {}
    query = select(ARTICLES.c.content_hash, ARTICLES.c.id).where(ARTICLES.c.content_hash.in_(digests))
    return {digest: article_id for digest, article_id in session.execute(query).all()}


def _article_text(record: ArticleRecord) -> ArticleText:
    return ArticleText(body=record.body, language=record.language, published=record.published, title=record.title)


def _article_row(record: ArticleRecord, digest: str, now: Any) -> dict[str, Any]:
    return {
        "title": record.title,
        "outlet": record.outlet,
        "url": record.url,
        "language": record.language,
        "published": record.published,
        "body": record.body,
        "content_hash": digest,
        "source_path": record.source_path,
        "encoding": record.encoding,
        "imported_at": now,
    }


def claim_row(article_id: int, claim: ExtractedClaim, extractor: str, now: Any) -> dict[str, Any]:
    """The claim table row for an extracted claim (also used by re-extraction)."""
    return _claim_row(article_id, _claim_values(claim, claim.slots.to_dict()), extractor, now)


def _claim_row(article_id: int, values: tuple[Any, ...], extractor: str, now: Any) -> dict[str, Any]:
    return {
        "article_id": article_id,
        **dict(zip(_CLAIM_VALUES, values, strict=True)),
        "status": "new",
        "origin": "extracted",
        "extractor": extractor,
        "version": 1,
        "created_at": now,
        "updated_at": now,
    }
