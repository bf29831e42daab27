"""The report as Markdown, for pasting into a wiki, an issue or a newsroom document.

Article and source text may hold HTML or Markdown of its own; Markdown renderers pass raw HTML
through, so every piece of it is flattened to one line, HTML-escaped and has Markdown punctuation
backslash-escaped.
"""

from __future__ import annotations

import html
import re
from datetime import datetime

from factcheck.reports.fmt import clean_line, contradiction_sides, selection_text, shorten, time_text
from factcheck.reports.record import ClaimRow
from factcheck.reports.summary import Report

__all__ = ["md_text", "render_markdown"]

_MD_PUNCTUATION = "\\`*_{}[]#|~"
_NEEDS_ESCAPE = re.compile(r"[&<>\\`*_{}\[\]#|~]")
_MD_LINE_START = re.compile(r"^(\d{0,9})([-+.)])(?=\s|$)")  # would open a list


def md_text(text: str | None) -> str:
    """One line of text that Markdown shows literally and never turns into markup or HTML."""
    escaped = clean_line(text or "")
    if _NEEDS_ESCAPE.search(escaped):  # most text has nothing to escape; str.translate is slow on Arabic
        escaped = html.escape(escaped, quote=False)
        for char in _MD_PUNCTUATION:
            if char in escaped:
                escaped = escaped.replace(char, "\\" + char)
    if escaped[:1] in ("-", "+") or escaped[:1].isdigit():
        return _MD_LINE_START.sub(r"\1\\\2", escaped)
    return escaped


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def _summary(report: Report) -> list[str]:
    summary = report.summary
    out = ["## Summary", "", f"{summary.claims} claims: " + ", ".join(f"{n} {s}" for s, n in summary.by_status), ""]
    scale = {r.label: r for r in report.record.scale.ratings}
    rows = []
    for label, count in summary.by_rating:
        rating = scale.get(label)
        bar = "█" * round(20 * count / summary.claims) if summary.claims else ""
        rows.append([md_text(label), md_text(rating.textual_rating if rating else ""), str(count), bar])
    out += ["### Verdicts by rating", "", *_table(["Rating", "ClaimReview", "Claims", ""], rows)]
    out += ["### Open contradictions", ""]
    if not summary.open_contradictions:
        out += ["None.", ""]
    for row in summary.open_contradictions:
        (a, va), (b, vb) = contradiction_sides(report, row)
        out.append(f"- {md_text(row.kind)}: {md_text(va)} ({_who(report, a)}) vs {md_text(vb)} ({_who(report, b)})")
    if summary.open_contradictions:
        out.append("")
    out += ["### Agreement between outlets", ""]
    if not summary.matrix:
        out += ["No claim appears in more than one article.", ""]
    else:
        rows = [
            [
                f"[#{row.cluster}](#claim-{row.cluster})",
                md_text(shorten(report.claim_by_id[row.cluster].text, 70)),
                *row.cells,
            ]
            for row in summary.matrix
        ]
        out += _table(["Claim", "First appearance"] + [md_text(o) for o in summary.outlets], rows)
    return out


def _who(report: Report, claim: ClaimRow) -> str:
    return f"{md_text(report.article_of(claim).label)}, claim #{claim.id}"


def _claim(report: Report, claim: ClaimRow) -> list[str]:
    article = report.article_of(claim)
    verdict = report.verdict(claim.id)
    rating = report.rating(claim.id)
    heading = md_text(rating.label if rating else verdict.rating if verdict else "not yet rated")
    out = [f'<a id="claim-{claim.id}"></a>', f"### Claim #{claim.id}: {heading}", "", f"> {md_text(claim.text)}", ""]
    published = article.published.isoformat() if article.published else "date unknown"
    out.append(f"- **Article:** {md_text(article.title or '(untitled)')} — {md_text(article.label)}, {published}")
    if article.url:
        out.append(f"- **URL:** {md_text(article.url)}")
    span = f"characters {claim.start}–{claim.end} of article {article.id}"
    out.append(f"- **Span:** {span} ({md_text(article.language)})")
    out.append(f"- **Status:** {md_text(claim.status)}")
    if claim.assignee:
        out.append(f"- **Assigned to:** {md_text(claim.assignee)}")
    if verdict:
        numeric = f", value {rating.value}" if rating else ""
        out.append(
            f"- **Verdict:** {md_text(verdict.rating)}{numeric} — by {md_text(verdict.reviewer)} "
            f"on {time_text(verdict.created_at)}"
        )
        out.append(f"- **Rationale:** {md_text(verdict.rationale)}")
        earlier = len(report.verdict_history[claim.id]) - 1
        if earlier:
            out.append(f"- **Earlier verdicts:** {earlier}")
    attachments = report.attachments.get(claim.id, ())
    if attachments:
        out.append("- **Sources:**")
    for attached in attachments:
        source = report.sources[attached.source_id]
        line = f"  - {md_text(attached.stance)}: {md_text(source.title or source.url)} — {md_text(source.url)}"
        if attached.quote:
            found = {True: "found in the source", False: "NOT found in the source", None: "not checked"}
            line += f"; quote “{md_text(attached.quote)}” ({found[attached.quote_found]})"
        if source.fetched_at:
            line += f"; fetched {time_text(source.fetched_at)}"
        if source.sha256:
            line += f"; sha256 {source.sha256}"
        if source.error:
            line += f"; fetch failed: {md_text(source.error)}"
        out.append(line)
    others = report.others_in_cluster(claim.id)
    if others:
        out.append("- **Same claim in other articles:**")
    for other in others:
        where = report.article_of(other)
        date = where.published.isoformat() if where.published else "date unknown"
        out.append(f"  - [#{other.id}](#claim-{other.id}) {md_text(where.label)}, {date}: {md_text(other.text)}")
    confirmed = [c for c in report.contradictions_of.get(claim.id, ()) if c.status == "confirmed"]
    if confirmed:
        out.append("- **Confirmed contradictions:**")
    for row in confirmed:
        (a, va), (b, vb) = contradiction_sides(report, row)
        reason = f" ({md_text(row.reason)})" if row.reason else ""
        out.append(
            f"  - {md_text(row.kind)}: {md_text(va)} ({_who(report, a)}) vs {md_text(vb)} ({_who(report, b)}){reason}"
        )
    return [*out, ""]


def _methods(report: Report) -> list[str]:
    methods = report.summary.methods
    out = ["## Methods", ""]
    for paragraph in methods.text:
        out += [paragraph, ""]
    if methods.extractors:
        out += ["Claims by extractor: " + ", ".join(f"{md_text(n)} ({c})" for n, c in methods.extractors), ""]
    if methods.link_methods:
        out += [
            "Links by matching method: "
            + ", ".join(f"{md_text(m)} ({n}, {c} confirmed)" for m, n, c in methods.link_methods),
            "",
        ]
    scale = report.record.scale
    rows = [[md_text(r.label), md_text(r.textual_rating), str(r.value)] for r in scale.ratings]
    out += [f"Rating scale (ClaimReview values, best {scale.best}, worst {scale.worst}):", ""]
    return out + _table(["Rating", "ClaimReview rating", "Value"], rows)


def render_markdown(report: Report, *, generated_at: datetime | None = None) -> str:
    out = ["# Verdict report", ""]
    line = f"Selection: {selection_text(report.record)}."
    if generated_at:
        line += f" Generated {time_text(generated_at)}."
    out += [line, ""]
    out += _summary(report)
    out += ["## Claims", ""]
    for claim in report.claims:
        out += _claim(report, claim)
    out += _methods(report)
    return "\n".join(out).rstrip() + "\n"
