"""What a report shows beyond the rows: per-claim look-ups, clusters, counts and the agreement matrix.

Computed once from a record (``build_report``) so every renderer tells the same story.

Clusters are connected groups of claims joined by links that were not rejected. The agreement matrix
has one row per cluster that spans two articles or more, or that has a contradiction; its anchor is
the claim's first appearance (earliest publication date, then lowest id), and the anchor's outlet
asserts it. Any other outlet ``contradicts`` when one of its claims is in a confirmed contradiction
with the anchor (or, from outside the cluster, with any member), ``disputed`` when that contradiction
is still open, ``asserts`` when one of its claims is in the cluster, and otherwise ``omits`` it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Final, TypeVar

from factcheck.errors import InvalidValueError
from factcheck.reports.record import (
    ArticleRow,
    ClaimRow,
    ClaimSourceRow,
    ContradictionRow,
    LinkRow,
    ReviewRecord,
    SourceRow,
    VerdictRow,
)
from factcheck.review.scale import Rating

__all__ = [
    "CELL_ORDER",
    "MatrixRow",
    "Methods",
    "Report",
    "Summary",
    "build_report",
]

ASSERTS: Final = "asserts"
CONTRADICTS: Final = "contradicts"
DISPUTED: Final = "disputed"
OMITS: Final = "omits"
CELL_ORDER: Final = (CONTRADICTS, DISPUTED, ASSERTS, OMITS)  # strongest first
UNRATED: Final = "Not yet rated"
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class MatrixRow:
    cluster: int  # the anchor claim's id names the cluster
    claim_ids: tuple[int, ...]
    cells: tuple[str, ...]  # one per outlet in ``Summary.outlets``


@dataclass(frozen=True, slots=True)
class Methods:
    extractors: tuple[tuple[str, int], ...]  # extractor or origin, claims
    link_methods: tuple[tuple[str, int, int], ...]  # method, links, confirmed
    contradiction_kinds: tuple[tuple[str, int], ...]
    text: tuple[str, ...]  # paragraphs for readers


@dataclass(frozen=True, slots=True)
class Summary:
    claims: int
    by_status: tuple[tuple[str, int], ...]
    by_rating: tuple[tuple[str, int], ...]  # scale order, then ratings outside it, then unrated
    open_contradictions: tuple[ContradictionRow, ...]
    confirmed_contradictions: tuple[ContradictionRow, ...]
    outlets: tuple[str, ...]
    matrix: tuple[MatrixRow, ...]
    methods: Methods


@dataclass(frozen=True, slots=True)
class Report:
    """A record with its look-ups; ``claims`` are the selected claims in id order."""

    record: ReviewRecord
    summary: Summary
    claims: tuple[ClaimRow, ...]
    articles: MappingProxyType[int, ArticleRow]
    claim_by_id: MappingProxyType[int, ClaimRow]
    sources: MappingProxyType[int, SourceRow]
    verdict_history: MappingProxyType[int, tuple[VerdictRow, ...]]
    attachments: MappingProxyType[int, tuple[ClaimSourceRow, ...]]
    cluster_of: MappingProxyType[int, tuple[int, ...]]
    links_of: MappingProxyType[int, tuple[LinkRow, ...]]
    contradictions_of: MappingProxyType[int, tuple[ContradictionRow, ...]]

    def verdict(self, claim_id: int) -> VerdictRow | None:
        history = self.verdict_history.get(claim_id, ())
        return history[-1] if history else None

    def rating(self, claim_id: int) -> Rating | None:
        verdict = self.verdict(claim_id)
        if verdict is None:
            return None
        try:
            return self.record.scale.lookup(verdict.rating)
        except InvalidValueError:  # a rating from a scale since changed: shown by name only
            return None

    def article_of(self, claim: ClaimRow) -> ArticleRow:
        return self.articles[claim.article_id]

    def others_in_cluster(self, claim_id: int) -> tuple[ClaimRow, ...]:
        return tuple(self.claim_by_id[c] for c in self.cluster_of.get(claim_id, ()) if c != claim_id)


def _group(pairs: Iterable[tuple[int, T]]) -> dict[int, tuple[T, ...]]:
    grouped: dict[int, list[T]] = defaultdict(list)
    for key, value in pairs:
        grouped[key].append(value)
    return {key: tuple(values) for key, values in grouped.items()}


def _clusters(claim_ids: list[int], links: tuple[LinkRow, ...]) -> dict[int, tuple[int, ...]]:
    parent = {cid: cid for cid in claim_ids}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for link in links:
        if link.status != "rejected" and link.claim_a_id in parent and link.claim_b_id in parent:
            ra, rb = find(link.claim_a_id), find(link.claim_b_id)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    members: dict[int, list[int]] = defaultdict(list)
    for cid in claim_ids:
        members[find(cid)].append(cid)
    return {cid: tuple(sorted(members[find(cid)])) for cid in claim_ids}


def _first_appearance(claims: list[ClaimRow], articles: dict[int, ArticleRow]) -> ClaimRow:
    return min(claims, key=lambda c: (articles[c.article_id].published or date.max, c.article_id, c.id))


def _opponents(anchor: int, group: tuple[int, ...], live: dict[int, list[ContradictionRow]]) -> dict[int, str]:
    """Claims that disagree with the anchor, or from outside the cluster with one of its members."""
    members = set(group)
    found: dict[int, str] = {}
    for member in group:
        for c in live.get(member, ()):
            other = c.claim_b_id if c.claim_a_id == member else c.claim_a_id
            if member != anchor and (other == anchor or other in members):
                continue  # seen from the anchor's side, or a quarrel between two non-anchor members
            strength = CONTRADICTS if c.status == "confirmed" else DISPUTED
            if found.get(other) != CONTRADICTS:
                found[other] = strength
    return found


def _matrix(
    record: ReviewRecord,
    articles: dict[int, ArticleRow],
    claim_by_id: dict[int, ClaimRow],
    cluster_of: dict[int, tuple[int, ...]],
    selected: list[int],
) -> tuple[tuple[str, ...], tuple[MatrixRow, ...]]:
    live: dict[int, list[ContradictionRow]] = defaultdict(list)
    for c in record.contradictions:
        if c.status in ("open", "confirmed"):
            live[c.claim_a_id].append(c)
            live[c.claim_b_id].append(c)
    pending: list[tuple[int, tuple[int, ...], dict[str, str]]] = []
    done: set[tuple[int, ...]] = set()
    for cid in selected:
        group = cluster_of[cid]
        if group in done:
            continue
        done.add(group)
        members = [claim_by_id[c] for c in group]
        anchor = _first_appearance(members, articles)
        opponents = _opponents(anchor.id, group, live)
        if len({m.article_id for m in members}) < 2 and not opponents:
            continue
        cells: dict[str, str] = {}
        for claim_id, cell in [(m.id, ASSERTS) for m in members] + list(opponents.items()):
            outlet = articles[claim_by_id[claim_id].article_id].label
            if CELL_ORDER.index(cell) < CELL_ORDER.index(cells.get(outlet, OMITS)):
                cells[outlet] = cell
        cells[articles[anchor.article_id].label] = ASSERTS  # the first appearance is what is asserted
        pending.append((anchor.id, group, cells))
    outlets = tuple(sorted({o for _, _, cells in pending for o in cells}, key=str.casefold))
    rows = tuple(
        MatrixRow(cluster=anchor, claim_ids=group, cells=tuple(cells.get(o, OMITS) for o in outlets))
        for anchor, group, cells in pending
    )
    return outlets, rows


METHODS_TEXT: Final = (
    "Claims were extracted from each article's stored text: the text is split into sentences and "
    "atomic statements (Arabic chained facts are split at و، حيث، كما), and each claim keeps the "
    "character span it came from, with its dates, numbers, places and actors read as slots. "
    "Reviewers may edit, split, merge or add claims; each claim's origin in the JSON export says which.",
    "Claims were matched across articles by comparing normalised text (diacritics, hamza forms and "
    "digits folded) together with their slots, so that a changed date or number is seen even when "
    "the wording is the same. A contradiction is flagged when matched claims disagree on a date, "
    "number, place, participants or negation; a reviewer confirms or dismisses each one.",
    "Each published verdict has a rating from the scale below, a rationale, a reviewer and at least "
    "one source; sources are fetched and fingerprinted (SHA-256) when attached.",
)


def _methods(record: ReviewRecord) -> Methods:
    extractors = Counter(c.extractor or c.origin for c in record.claims)
    link_counts = Counter(link.method for link in record.links)
    confirmed = Counter(link.method for link in record.links if link.status == "confirmed")
    kinds = Counter(c.kind for c in record.contradictions)
    return Methods(
        extractors=tuple(sorted(extractors.items())),
        link_methods=tuple((m, n, confirmed[m]) for m, n in sorted(link_counts.items())),
        contradiction_kinds=tuple(sorted(kinds.items())),
        text=METHODS_TEXT,
    )


def _label(record: ReviewRecord, rating: str) -> str:
    try:
        return record.scale.lookup(rating).label
    except InvalidValueError:
        return rating


def build_report(record: ReviewRecord) -> Report:
    articles = {a.id: a for a in record.articles}
    claim_by_id = {c.id: c for c in record.claims}
    selected = [cid for cid in record.selection.claim_ids if cid in claim_by_id]
    chosen = set(selected)
    verdicts = _group([(v.claim_id, v) for v in sorted(record.verdicts, key=lambda v: v.id)])
    attachments = _group([(a.claim_id, a) for a in record.claim_sources])
    links_of = _group(
        [(link.claim_a_id, link) for link in record.links] + [(link.claim_b_id, link) for link in record.links]
    )
    contradictions_of = _group(
        [(c.claim_a_id, c) for c in record.contradictions] + [(c.claim_b_id, c) for c in record.contradictions]
    )
    cluster_of = _clusters(sorted(claim_by_id), record.links)
    outlets, matrix = _matrix(record, articles, claim_by_id, cluster_of, sorted(selected))

    ratings: Counter[str] = Counter()
    for cid in selected:
        history = verdicts.get(cid, ())
        ratings[_label(record, history[-1].rating) if history else UNRATED] += 1
    scale_names = [r.label for r in record.scale.ratings]
    by_rating = [(name, ratings.pop(name, 0)) for name in scale_names]
    unrated = ratings.pop(UNRATED, 0)
    by_rating += [*sorted(ratings.items()), (UNRATED, unrated)]
    statuses = Counter(claim_by_id[cid].status for cid in selected)
    involved = [c for c in record.contradictions if c.claim_a_id in chosen or c.claim_b_id in chosen]
    summary = Summary(
        claims=len(selected),
        by_status=tuple(sorted(statuses.items())),
        by_rating=tuple(by_rating),
        open_contradictions=tuple(c for c in involved if c.status == "open"),
        confirmed_contradictions=tuple(c for c in involved if c.status == "confirmed"),
        outlets=outlets,
        matrix=matrix,
        methods=_methods(record),
    )
    return Report(
        record=record,
        summary=summary,
        claims=tuple(claim_by_id[cid] for cid in sorted(selected)),
        articles=MappingProxyType(articles),
        claim_by_id=MappingProxyType(claim_by_id),
        sources=MappingProxyType({s.id: s for s in record.sources}),
        verdict_history=MappingProxyType(verdicts),
        attachments=MappingProxyType(attachments),
        cluster_of=MappingProxyType(cluster_of),
        links_of=MappingProxyType(links_of),
        contradictions_of=MappingProxyType(contradictions_of),
    )
