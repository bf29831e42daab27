"""One row per claim, for spreadsheets.

UTF-8 with a byte-order mark, because Excel otherwise reads Arabic as mojibake; every text cell is
stripped of control characters and neutralised against formula injection (``=``, ``+``, ``-``, ``@``,
tab, CR); numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from factcheck.reports.fmt import clean, contradiction_sides, time_text
from factcheck.reports.summary import Report
from factcheck.text import neutralize_csv_cell

__all__ = ["CSV_COLUMNS", "render_csv"]

CSV_COLUMNS = (
    "claim_id",
    "article_id",
    "outlet",
    "published",
    "article_url",
    "language",
    "span_start",
    "span_end",
    "claim",
    "status",
    "rating",
    "claimreview_rating",
    "rating_value",
    "rationale",
    "reviewer",
    "verdict_at",
    "sources",
    "same_claim_in",
    "confirmed_contradictions",
    "open_contradictions",
)


def _cell(value: Any) -> Any:
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return neutralize_csv_cell(clean(value))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return neutralize_csv_cell(clean(str(value)))


def _row(report: Report, claim_id: int) -> list[Any]:
    claim = report.claim_by_id[claim_id]
    article = report.article_of(claim)
    verdict = report.verdict(claim.id)
    rating = report.rating(claim.id)
    sources = []
    for attached in report.attachments.get(claim.id, ()):
        source = report.sources[attached.source_id]
        piece = f"{attached.stance}: {source.url}"
        if attached.quote:
            piece += f" “{attached.quote}”"
        if source.sha256:
            piece += f" sha256:{source.sha256}"
        sources.append(piece)
    others = [f"#{o.id} {report.article_of(o).label}" for o in report.others_in_cluster(claim.id)]
    contradictions: dict[str, list[str]] = {"confirmed": [], "open": []}
    for row in report.contradictions_of.get(claim.id, ()):
        if row.status in contradictions:
            (a, va), (b, vb) = contradiction_sides(report, row)
            contradictions[row.status].append(f"{row.kind}: {va} (#{a.id}) vs {vb} (#{b.id})")
    values: list[Any] = [
        claim.id,
        article.id,
        article.outlet,
        article.published.isoformat() if article.published else None,
        article.url,
        article.language,
        claim.start,
        claim.end,
        claim.text,
        claim.status,
        rating.label if rating else verdict.rating if verdict else None,
        rating.textual_rating if rating else None,
        rating.value if rating else None,
        verdict.rationale if verdict else None,
        verdict.reviewer if verdict else None,
        time_text(verdict.created_at) if verdict else None,
        "; ".join(sources),
        "; ".join(others),
        "; ".join(contradictions["confirmed"]),
        "; ".join(contradictions["open"]),
    ]
    return [_cell(v) for v in values]


def render_csv(report: Report) -> str:
    """The CSV text, starting with the BOM; write it out as UTF-8."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for claim in report.claims:
        writer.writerow(_row(report, claim.id))
    return buffer.getvalue()
