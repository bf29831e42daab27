"""The report model without a database: reading records strictly, and what the summary derives."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from typing import Any

import pytest

from factcheck.errors import InputError
from factcheck.reports import build_report, parse_record, record_to_obj
from factcheck.reports.markdown import md_text
from factcheck.review.scale import DEFAULT_SCALE

T = "2025-10-20T09:00:00+00:00"


def _article(aid: int, outlet: str | None, published: str | None) -> dict[str, Any]:
    return {
        "id": aid, "title": f"Article {aid}", "outlet": outlet, "url": None, "language": "en",
        "published": published, "body": "The meeting was on 9 March. Five states took part.",
        "content_hash": f"h{aid}", "source_path": None, "encoding": None, "imported_at": T,
    }  # fmt: skip


def _claim(cid: int, aid: int, status: str = "new") -> dict[str, Any]:
    return {
        "id": cid, "article_id": aid, "text": "The meeting was on 9 March.", "norm_text": "the meeting",
        "start": 0, "end": 27, "kind": "event", "checkworthiness": 0.5, "negated": False, "slots": {},
        "status": status, "origin": "extracted", "extractor": "rules", "version": 1, "created_at": T,
        "updated_at": T, "assignee": None,
    }  # fmt: skip


def _link(lid: int, a: int, b: int, status: str) -> dict[str, Any]:
    return {
        "id": lid, "claim_a_id": a, "claim_b_id": b, "score": 90.0, "text_score": 90.0, "slot_score": 1.0,
        "method": "slots", "status": status, "reviewer": None, "decided_at": None, "created_at": T,
    }  # fmt: skip


def _contradiction(xid: int, a: int, b: int, status: str) -> dict[str, Any]:
    return {
        "id": xid, "claim_a_id": a, "claim_b_id": b, "kind": "date", "value_a": "2025-03-09",
        "value_b": "2025-03-10", "explanation": "", "status": status, "reason": None, "reviewer": None,
        "decided_at": None, "created_at": T,
    }  # fmt: skip


def _document() -> dict[str, Any]:
    """Three outlets: A and B carry the same claim, C contradicts it (confirmed), B's second claim stands alone."""
    return {
        "format": "factcheck-review-record/1",
        "meta": {"schema": "factcheck"},
        "scale": DEFAULT_SCALE.to_dict(),
        "selection": {"article_id": None, "status": None, "since": None, "claim_ids": [1, 2, 3, 4]},
        "articles": [_article(1, "A", "2025-03-11"), _article(2, "B", "2025-03-10"), _article(3, None, None)],
        "claims": [_claim(1, 1, "published"), _claim(2, 2), _claim(3, 3), _claim(4, 2)],
        "links": [_link(1, 1, 2, "confirmed"), _link(2, 1, 4, "rejected")],
        "contradictions": [_contradiction(1, 1, 3, "confirmed")],
        "sources": [],
        "snapshots": [],
        "claim_sources": [],
        "verdicts": [
            {"id": 1, "claim_id": 1, "rating": "mostly-TRUE", "rationale": "ok", "reviewer": "R", "created_at": T}
        ],
        "audit": [],
    }


def test_a_valid_document_reads_back_to_the_same_data() -> None:
    document = _document()
    record = parse_record(json.dumps(document))
    assert record.articles[0].published is not None and record.claims[0].created_at.tzinfo is not None
    assert record_to_obj(record) == document


def test_summary_counts_clusters_and_matrix() -> None:
    report = build_report(parse_record(json.dumps(_document())))
    summary = report.summary
    assert dict(summary.by_rating)["Mostly true"] == 1  # the rating is matched ignoring case and dashes
    assert dict(summary.by_rating)["Not yet rated"] == 3
    assert summary.by_status == (("new", 3), ("published", 1))
    assert report.others_in_cluster(1) == (report.claim_by_id[2],)  # the rejected link does not join 4
    assert summary.outlets == ("A", "article 3 (outlet unknown)", "B")
    rows = {row.cluster: dict(zip(summary.outlets, row.cells, strict=True)) for row in summary.matrix}
    # B published first: its claim is the first appearance of the cluster {1, 2}.
    assert rows[2] == {"A": "asserts", "article 3 (outlet unknown)": "contradicts", "B": "asserts"}
    # Claim 3 stands alone but is contradicted, so it has its own row, seen from its side.
    assert rows[3] == {"A": "contradicts", "article 3 (outlet unknown)": "asserts", "B": "omits"}
    assert set(rows) == {2, 3}  # claim 4: one article, no contradiction
    assert [c.id for c in summary.confirmed_contradictions] == [1] and summary.open_contradictions == ()


def _error(document: Any) -> str:
    with pytest.raises(InputError) as info:
        parse_record(document if isinstance(document, str) else json.dumps(document), origin="r.json")
    return str(info.value)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("format"), "r.json: format: missing: not a factcheck review record"),
        (lambda d: d.update(format="factcheck-review-record/7"), "version 7 is not supported"),
        (lambda d: d.update(format="something-else/1"), "is not a factcheck review record"),
        (lambda d: d["claims"][0].pop("text"), "r.json: claims[0]: missing text"),
        (lambda d: d["claims"][1].update(extra=1), "claims[1]: unknown field(s) extra"),
        (lambda d: d["articles"][0].update(published="9 March"), "articles[0].published: expected an ISO 8601 date"),
        (lambda d: d["claims"][0].update(created_at="2025-10-20T09:00:00"), "claims[0].created_at: expected an ISO"),
        (lambda d: d["claims"][0].update(start="0"), "claims[0].start: expected a whole number, got '0'"),
        (lambda d: d["claims"][0].update(negated=1), "claims[0].negated: expected true or false"),
        (lambda d: d["claims"][2].update(article_id=99), "claims[2].article_id: 99 is not in the record"),
        (lambda d: d["verdicts"][0].update(claim_id=42), "verdicts[0].claim_id: 42 is not in the record"),
        (lambda d: d["claims"].append(_claim(1, 1)), "claims[4].id: 1 appears twice"),
        (lambda d: d.update(claims={}), "claims: expected a list"),
        (lambda d: d["scale"].update(ratings=[]), "scale: a rating scale needs at least one rating"),
        (lambda d: d["selection"]["claim_ids"].append(9), "selection.claim_ids: 9 is not in the record"),
    ],
)
def test_bad_documents_are_refused_with_where_and_what(change: Any, message: str) -> None:
    document = copy.deepcopy(_document())
    change(document)
    assert message in _error(document)


def test_malformed_and_foreign_json_is_refused_clearly() -> None:
    assert "not valid JSON (Expecting ',' delimiter at line 1, column 14)" in _error('{"format": 1 2}')
    assert "expected a JSON object" in _error("[1, 2]")
    review = [{"@context": "https://schema.org", "@type": "ClaimReview"}]
    assert "expected a JSON object" in _error(review)
    assert "ClaimReview JSON-LD" in _error(review[0])
    with pytest.raises(InputError, match="not UTF-8"):
        parse_record(b'{"format": "\xff"}')


def test_markdown_text_cannot_open_markup_or_lists() -> None:
    assert md_text("- item") == "\\- item"
    assert md_text("12. item") == "12\\. item"
    assert md_text("2025-03-09") == "2025-03-09"
    assert md_text("<b>[x](javascript:y)</b> *e* | #") == "&lt;b&gt;\\[x\\](javascript:y)&lt;/b&gt; \\*e\\* \\| \\#"
    assert md_text("a\nb\x1b[31m") == "a b"


@pytest.mark.parametrize("module", ["factcheck.reports", "factcheck.reports.terminal"])
def test_report_core_imports_no_storage_or_ui(module: str) -> None:
    forbidden = ("textual", "sqlalchemy", "sqlmodel", "db", "tui", "sources", "httpx")
    code = (
        f"import sys, importlib; importlib.import_module({module!r}); "
        f"print(','.join(m for m in {forbidden!r} if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
