"""The report as one self-contained HTML file: no scripts, no external assets, a little inline CSS.

Every piece of article, source and reviewer text goes through ``html.escape`` (``_t``); only URLs with
an http(s) scheme become links. Paragraphs and cells carry ``dir="auto"`` so each one takes the
direction of its own first strong letter, and article text carries the article's ``lang``.
"""

from __future__ import annotations

import html
from datetime import datetime
from urllib.parse import urlsplit

from factcheck.reports.fmt import clean, contradiction_sides, selection_text, shorten, time_text
from factcheck.reports.record import ArticleRow, ClaimRow, ContradictionRow
from factcheck.reports.summary import Report

__all__ = ["render_html"]

CSS = """
body{font-family:system-ui,"Noto Sans","Noto Naskh Arabic","Segoe UI",Tahoma,sans-serif;
 max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b;background:#fff}
h1,h2,h3{line-height:1.2}
table{border-collapse:collapse;margin:.5rem 0 1rem}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:start;vertical-align:top}
th{background:#f3f3f3}
.claim{border-top:2px solid #ddd;padding-top:.5rem;margin-top:1.5rem}
blockquote{margin:.5rem 0;padding:.25rem 1rem;border-inline-start:4px solid #888;background:#fafafa;font-size:1.1em}
.bar{display:inline-block;height:.8em;background:#4a6fa5}
.asserts{background:#e4f2e4}.contradicts{background:#f8d7d7}.disputed{background:#fff1c9}.omits{color:#888}
.rating{font-weight:bold}
.muted{color:#666;font-size:.9em}
code{word-break:break-all}
"""


def _t(text: object) -> str:
    """Text as HTML content or attribute value: controls stripped, every markup character escaped."""
    return html.escape(clean(str(text)), quote=True)


def _link(url: str | None, label: str | None = None) -> str:
    """A link only for http(s) URLs; anything else (javascript:, data:) is shown as text."""
    if not url:
        return ""
    shown = _t(label if label is not None else url)
    if urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return f'<a href="{_t(url.strip())}" rel="noopener noreferrer">{shown}</a>'
    return f"<span>{shown}</span>"


def _lang(article: ArticleRow) -> str:
    return f' lang="{_t(article.language)}"' if article.language and article.language != "und" else ""


def _summary(report: Report) -> list[str]:
    summary = report.summary
    out = [
        '<section id="summary"><h2>Summary</h2>',
        f'<p dir="auto">{summary.claims} claims: ' + _t(", ".join(f"{n} {s}" for s, n in summary.by_status)) + "</p>",
        "<h3>Verdicts by rating</h3>",
        '<table class="ratings"><tr><th>Rating</th><th>ClaimReview</th><th>Value</th><th>Claims</th><th></th></tr>',
    ]
    scale = {r.label: r for r in report.record.scale.ratings}
    for label, count in summary.by_rating:
        rating = scale.get(label)
        width = round(200 * count / summary.claims) if summary.claims else 0
        out.append(
            f'<tr><td dir="auto">{_t(label)}</td><td dir="auto">{_t(rating.textual_rating if rating else "")}</td>'
            f"<td>{_t(rating.value if rating else '')}</td><td>{count}</td>"
            f'<td><span class="bar" style="width:{width}px"></span></td></tr>'
        )
    out.append("</table><h3>Open contradictions</h3>")
    if not summary.open_contradictions:
        out.append('<p dir="auto">None.</p>')
    else:
        out.append("<ul>")
        out += [f'<li dir="auto">{_contradiction(report, row)}</li>' for row in summary.open_contradictions]
        out.append("</ul>")
    out.append("<h3>Agreement between outlets</h3>")
    if not summary.matrix:
        out.append('<p dir="auto">No claim appears in more than one article.</p>')
    else:
        head = "".join(f'<th dir="auto">{_t(o)}</th>' for o in summary.outlets)
        out.append(f'<table class="matrix"><tr><th>Claim</th><th>First appearance</th>{head}</tr>')
        for row in summary.matrix:
            anchor = report.claim_by_id[row.cluster]
            cells = "".join(f'<td class="{c}">{c}</td>' for c in row.cells)
            out.append(
                f'<tr><td><a href="#claim-{row.cluster}">#{row.cluster}</a></td>'
                f'<td dir="auto"{_lang(report.article_of(anchor))}>{_t(shorten(anchor.text, 90))}</td>{cells}</tr>'
            )
        out.append("</table>")
    out.append("</section>")
    return out


def _who(report: Report, claim: ClaimRow, value: str) -> str:
    article = report.article_of(claim)
    return (
        f"<bdi{_lang(article)}>{_t(value)}</bdi> (<bdi>{_t(article.label)}</bdi>, "
        f'<a href="#claim-{claim.id}">claim #{claim.id}</a>)'
    )


def _contradiction(report: Report, row: ContradictionRow) -> str:
    (a, va), (b, vb) = contradiction_sides(report, row)
    reason = f" — {_t(row.reason)}" if row.reason else ""
    return f"{_t(row.kind)}: {_who(report, a, va)} vs {_who(report, b, vb)}{reason}"


def _claim(report: Report, claim: ClaimRow) -> list[str]:
    article = report.article_of(claim)
    verdict = report.verdict(claim.id)
    rating = report.rating(claim.id)
    title = rating.label if rating else verdict.rating if verdict else "not yet rated"
    published = article.published.isoformat() if article.published else "date unknown"
    out = [
        f'<article class="claim" id="claim-{claim.id}">',
        f'<h3 dir="auto">Claim #{claim.id}: <span class="rating">{_t(title)}</span></h3>',
        f'<blockquote dir="auto"{_lang(article)}>{_t(claim.text)}</blockquote>',
        "<table>",
        f'<tr><th>Article</th><td dir="auto"><bdi{_lang(article)}>{_t(article.title or "(untitled)")}</bdi>'
        f" — <bdi>{_t(article.label)}</bdi>, {published}</td></tr>",
    ]
    if article.url:
        out.append(f'<tr><th>URL</th><td dir="ltr">{_link(article.url)}</td></tr>')
    out.append(
        f"<tr><th>Span</th><td>characters {claim.start}–{claim.end} of article {article.id} "
        f"({_t(article.language)})</td></tr>"
    )
    out.append(f"<tr><th>Status</th><td>{_t(claim.status)}</td></tr>")
    if verdict:
        value = f", value {rating.value}" if rating else ""
        out.append(
            f'<tr><th>Verdict</th><td dir="auto">{_t(verdict.rating)}{value} — by <bdi>{_t(verdict.reviewer)}</bdi>'
            f" on {time_text(verdict.created_at)}</td></tr>"
        )
        out.append(f'<tr><th>Rationale</th><td dir="auto">{_t(verdict.rationale)}</td></tr>')
    out.append("</table>")
    attachments = report.attachments.get(claim.id, ())
    if attachments:
        out.append(
            "<h4>Sources</h4><table><tr><th>Stance</th><th>Source</th><th>Quote</th><th>Fetched</th><th>SHA-256</th></tr>"
        )
    for attached in attachments:
        source = report.sources[attached.source_id]
        quote = ""
        if attached.quote:
            found = {True: "found in the source", False: "not found in the source", None: "not checked"}
            quote = f'<bdi>{_t(attached.quote)}</bdi> <span class="muted">({found[attached.quote_found]})</span>'
        fetched = time_text(source.fetched_at) or "not fetched"
        if source.error:
            fetched += f" — failed: {_t(source.error)}"
        out.append(
            f"<tr><td>{_t(attached.stance)}</td>"
            f'<td dir="auto">{_link(source.url, source.title or source.url)}'
            f'<div class="muted" dir="ltr">{_t(source.url)}</div></td>'
            f'<td dir="auto">{quote}</td><td>{fetched}</td><td><code>{_t(source.sha256 or "")}</code></td></tr>'
        )
    if attachments:
        out.append("</table>")
    others = report.others_in_cluster(claim.id)
    if others:
        out.append("<h4>Same claim in other articles</h4><ul>")
    for other in others:
        where = report.article_of(other)
        date = where.published.isoformat() if where.published else "date unknown"
        out.append(
            f'<li dir="auto"><a href="#claim-{other.id}">#{other.id}</a> <bdi>{_t(where.label)}</bdi>, {date}: '
            f"<bdi{_lang(where)}>{_t(other.text)}</bdi></li>"
        )
    if others:
        out.append("</ul>")
    confirmed = [c for c in report.contradictions_of.get(claim.id, ()) if c.status == "confirmed"]
    if confirmed:
        out.append("<h4>Confirmed contradictions</h4><ul>")
        out += [f'<li dir="auto">{_contradiction(report, row)}</li>' for row in confirmed]
        out.append("</ul>")
    out.append("</article>")
    return out


def _methods(report: Report) -> list[str]:
    methods = report.summary.methods
    out = ['<section id="methods"><h2>Methods</h2>']
    out += [f'<p dir="auto">{_t(paragraph)}</p>' for paragraph in methods.text]
    if methods.extractors:
        out.append(
            '<p dir="auto">Claims by extractor: ' + _t(", ".join(f"{n} ({c})" for n, c in methods.extractors)) + "</p>"
        )
    if methods.link_methods:
        text = ", ".join(f"{m} ({n}, {c} confirmed)" for m, n, c in methods.link_methods)
        out.append(f'<p dir="auto">Links by matching method: {_t(text)}</p>')
    scale = report.record.scale
    out.append(f'<p dir="auto">Rating scale (ClaimReview values, best {scale.best}, worst {scale.worst}):</p>')
    out.append("<table><tr><th>Rating</th><th>ClaimReview rating</th><th>Value</th></tr>")
    out += [
        f'<tr><td dir="auto">{_t(r.label)}</td><td dir="auto">{_t(r.textual_rating)}</td><td>{r.value}</td></tr>'
        for r in scale.ratings
    ]
    out.append("</table></section>")
    return out


def render_html(report: Report, *, generated_at: datetime | None = None) -> str:
    line = f"Selection: {selection_text(report.record)}."
    if generated_at:
        line += f" Generated {time_text(generated_at)}."
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
        # No scripts at all, even if an escaping bug let markup through.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>Verdict report</title><style>{CSS}</style></head>",
        "<body>",
        "<h1>Verdict report</h1>",
        f'<p class="muted" dir="auto">{_t(line)}</p>',
    ]
    out += _summary(report)
    out.append('<section id="claims"><h2>Claims</h2>')
    for claim in report.claims:
        out += _claim(report, claim)
    out.append("</section>")
    out += _methods(report)
    out.append("</body></html>")
    return "\n".join(out) + "\n"
