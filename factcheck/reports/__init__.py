"""Verdict reports: the review record as plain data, and renderers for people and machines.

``build_report`` turns a ``ReviewRecord`` (gathered by ``db.report_data``) into a ``Report`` that
every renderer reads; ``render_report`` picks one by format name. Pure: no SQL, no terminal I/O.
"""

from __future__ import annotations

from datetime import datetime

from factcheck.errors import InvalidValueError
from factcheck.reports.claimreview import claim_reviews, render_claimreview
from factcheck.reports.codec import FORMAT, parse_record, record_from_obj, record_to_obj
from factcheck.reports.csv_report import render_csv
from factcheck.reports.html_report import render_html
from factcheck.reports.json_report import render_json
from factcheck.reports.markdown import render_markdown
from factcheck.reports.record import ReviewRecord, Selection
from factcheck.reports.summary import Report, Summary, build_report

__all__ = [
    "FORMAT",
    "FORMATS",
    "Report",
    "ReviewRecord",
    "Selection",
    "Summary",
    "build_report",
    "claim_reviews",
    "parse_record",
    "record_from_obj",
    "record_to_obj",
    "render_report",
]

FORMATS = ("md", "html", "json", "csv", "claimreview")


def render_report(
    report: Report,
    fmt: str,
    *,
    generated_at: datetime | None = None,
    base_url: str | None = None,
    publisher: str | None = None,
) -> str:
    """The report as text in ``fmt``; the JSON and ClaimReview forms carry no export time."""
    if fmt == "md":
        return render_markdown(report, generated_at=generated_at)
    if fmt == "html":
        return render_html(report, generated_at=generated_at)
    if fmt == "json":
        return render_json(report)
    if fmt == "csv":
        return render_csv(report)
    if fmt == "claimreview":
        return render_claimreview(report, base_url=base_url, publisher=publisher)
    raise InvalidValueError(f"unknown report format {fmt!r}; choose one of: {', '.join(FORMATS)}")
