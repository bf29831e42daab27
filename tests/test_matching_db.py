"""Links and contradictions in a real SQLite file: incremental hook, full re-match, reviewer decisions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from matching_corpus import ARTICLE_IDS, HAND_CLAIMS, store_hand_claims
from sqlmodel import Session, select

from db.claim_vectors import run_vectors
from db.engine import Database
from db.link_review import decide_contradiction, decide_link
from db.links import load_match_claims, match_all
from db.models import AuditEntry, Claim, ClaimLink, Contradiction
from db.pipeline import after_claims_stored
from factcheck.errors import InvalidValueError, NotFoundError

pytestmark = pytest.mark.both_backends


@pytest.fixture
def stored(database: Database, corpus_dir: Path, manifest: dict[str, dict[str, Any]]) -> Database:
    """All four articles imported one after the other, each through the import hook, then the vectors
    pass that ``factcheck import`` runs after it."""
    for name in ARTICLE_IDS:
        with database.transaction() as session:
            after_claims_stored(session, store_hand_claims(session, corpus_dir, manifest, [name]))
    run_vectors(database)
    return database


def _flags(session: Session) -> dict[tuple[int, int, str], Contradiction]:
    return {(c.claim_a_id, c.claim_b_id, c.kind): c for c in session.exec(select(Contradiction))}


def test_import_hook_stores_links_and_flags(stored: Database) -> None:
    with stored.session() as session:
        links = session.exec(select(ClaimLink)).all()
        flags = _flags(session)
    assert links and all(link.claim_a_id < link.claim_b_id for link in links)
    assert all(link.status == "suggested" and link.method for link in links)
    kinds = {kind for _, _, kind in flags}
    assert {"date", "number", "negation"} <= kinds
    dates = {(c.value_a, c.value_b) for c in flags.values() if c.kind == "date"}
    assert ("2025-03-09", "2025-03-10") in dates and ("2025-10-12", "2025-10-13") in dates
    assert all(c.status == "open" and c.explanation.endswith(".") for c in flags.values())


def test_full_rematch_after_incremental_finds_the_same_links(stored: Database) -> None:
    """The same links and flags; scores may move, since term weights (IDF) are counted over the whole
    store in a re-match and over the store as it was when each article came in incrementally."""
    with stored.session() as session:
        before = {(k.claim_a_id, k.claim_b_id) for k in session.exec(select(ClaimLink))}
        flags_before = set(_flags(session))
    with stored.transaction() as session:
        summary = match_all(session)
    assert summary.links_added == summary.links_dropped == 0
    assert summary.contradictions_added == summary.contradictions_dropped == 0
    with stored.session() as session:
        assert {(k.claim_a_id, k.claim_b_id) for k in session.exec(select(ClaimLink))} == before
        assert set(_flags(session)) == flags_before
    with stored.transaction() as session:
        again = match_all(session)
    assert again.links_added == again.links_dropped == again.links_updated == 0  # a re-match is stable


def test_decisions_survive_a_rematch_and_are_audited(stored: Database) -> None:
    with stored.transaction() as session:
        flags = _flags(session)
        date_flag = next(c for c in flags.values() if c.kind == "date")
        other = next(c for c in flags.values() if c.kind == "number")
        decide_contradiction(session, date_flag.id or 0, decision="dismiss", reason="different_event", reviewer="rana")
        decide_contradiction(session, other.id or 0, decision="confirm", reason="real_conflict", reviewer="rana")
        link = session.exec(select(ClaimLink)).first()
        assert link is not None
        decide_link(session, link.id or 0, decision="confirm", reviewer="omar")
    with stored.transaction() as session:
        session.exec(select(Claim))  # a re-match in a later transaction
        match_all(session)
    with stored.session() as session:
        after = _flags(session)
        assert after[(date_flag.claim_a_id, date_flag.claim_b_id, "date")].status == "dismissed"
        assert after[(date_flag.claim_a_id, date_flag.claim_b_id, "date")].reason == "different_event"
        assert after[(other.claim_a_id, other.claim_b_id, "number")].status == "confirmed"
        assert session.get(ClaimLink, link.id).status == "confirmed"  # type: ignore[union-attr]
        entries = session.exec(select(AuditEntry).order_by(AuditEntry.id)).all()
    actions = [(e.action, e.reviewer, e.before["status"], e.after["status"]) for e in entries]
    assert ("contradiction.dismiss", "rana", "open", "dismissed") in actions
    assert ("contradiction.confirm", "rana", "open", "confirmed") in actions
    assert ("link.confirm", "omar", "suggested", "confirmed") in actions


def test_rejecting_a_link_withdraws_its_open_flags_for_good(stored: Database) -> None:
    with stored.transaction() as session:
        flag = next(c for c in _flags(session).values() if c.kind == "negation")
        link = session.exec(
            select(ClaimLink).where(ClaimLink.claim_a_id == flag.claim_a_id, ClaimLink.claim_b_id == flag.claim_b_id)
        ).one()
        decide_link(session, link.id or 0, decision="reject", reviewer="omar")
    with stored.transaction() as session:
        match_all(session)
    with stored.session() as session:
        assert (flag.claim_a_id, flag.claim_b_id, "negation") not in _flags(session)
        assert session.get(ClaimLink, link.id).status == "rejected"  # type: ignore[union-attr]
        entry = session.exec(select(AuditEntry).where(AuditEntry.action == "link.reject")).one()
    assert entry.after["withdrawn_contradictions"] == [flag.id]


def test_bad_decisions_are_refused(stored: Database) -> None:
    with stored.transaction() as session:
        flag_id = next(iter(_flags(session).values())).id or 0
        with pytest.raises(InvalidValueError, match="real_conflict"):
            decide_contradiction(session, flag_id, decision="dismiss", reason="boring", reviewer="x")
        with pytest.raises(InvalidValueError):
            decide_link(session, 1, decision="maybe", reviewer="x")
        with pytest.raises(NotFoundError):
            decide_contradiction(session, 10_000, decision="confirm", reason="real_conflict", reviewer="x")
        with pytest.raises(NotFoundError):
            decide_link(session, 10_000, decision="reject", reviewer="x")


def test_loaded_claims_carry_their_sentence(stored: Database) -> None:
    with stored.session() as session:
        claims = {c.id: c for c in load_match_claims(session)}
    assert len(claims) == len(HAND_CLAIMS)
    date_claim = next(c for c in claims.values() if c.text.startswith("عُقد في 9 مارس"))
    assert "الدول الخمس" in date_claim.context
    assert date_claim.context_slots is not None and date_claim.context_slots.numbers[0].value == 5


def test_the_stored_index_is_reused_only_while_claims_are_unchanged(
    database: Database, corpus_dir: Path, manifest: dict[str, dict[str, Any]]
) -> None:
    from db import links

    names = list(ARTICLE_IDS)
    with database.transaction() as session:
        after_claims_stored(session, store_hand_claims(session, corpus_dir, manifest, names[:1]))
        key = links._cache_key(session)
    cached = links._INDEXES[key]
    assert len(cached.index) == len([c for c in HAND_CLAIMS if c.file == names[0]])

    with pytest.raises(RuntimeError), database.transaction() as session:  # a failed import
        after_claims_stored(session, store_hand_claims(session, corpus_dir, manifest, names[1:2]))
        raise RuntimeError("import failed after matching")
    assert key not in links._INDEXES  # nothing remembered from a rolled-back import

    with database.transaction() as session:
        after_claims_stored(session, store_hand_claims(session, corpus_dir, manifest, names[1:2]))
    grown = links._INDEXES[key]
    with database.transaction() as session:
        claim = session.exec(select(Claim)).first()
        assert claim is not None
        claim.version += 1  # a reviewer's edit
        session.add(claim)
    with database.transaction() as session:
        assert links._fingerprint(session, set()) != grown.fingerprint


def test_the_stored_index_ignores_edits_of_claims_older_than_it_holds(
    database: Database, corpus_dir: Path, manifest: dict[str, dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fingerprint reads only the claims from the index's lowest id on, so its cost does not grow with
    the store; an edit there still makes the next import build the index again."""
    from db import links

    monkeypatch.setattr(links, "MATCH_WINDOW", 3)
    names = list(ARTICLE_IDS)
    for name in names[:2]:
        with database.transaction() as session:
            after_claims_stored(session, store_hand_claims(session, corpus_dir, manifest, [name]))
            key = links._cache_key(session)
    held = links._INDEXES[key]
    assert held.since > 1  # the oldest claims left the index

    def edit(claim_id: int) -> None:
        with database.transaction() as session:
            claim = session.get(Claim, claim_id)
            assert claim is not None
            claim.version += 1
            session.add(claim)

    edit(1)  # older than anything the index holds: it stays valid
    with database.transaction() as session:
        assert links._stored_index(session, set()) is held.index
        links._INDEXES[key] = held
    edit(held.since)  # a claim it holds: built again
    with database.transaction() as session:
        assert links._stored_index(session, set()) is not held.index
