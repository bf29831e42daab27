"""Every table the command line prints, in one place: layout, styles and the escaping of untrusted text.

Article, web and archive text is data: it goes into a table as ``rich.text.Text`` (``text``) or through
``escape_markup``, with control sequences stripped, and is never read as markup. The command modules
read rows (through ``db/``) and hand them here; nothing here touches the database.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text

from factcheck.model import Slots
from factcheck.text import escape_markup, strip_control
from factcheck.text.titles import stand_in_title

if TYPE_CHECKING:
    from db.claim_sources import SourceListing
    from db.models import Article, AuditEntry, Claim, ClaimSource, Source, Verdict
    from db.prior_review import Disagreement, PriorRow, Reuse
    from factcheck.review import RatingScale

__all__ = [
    "archive_table",
    "articles_table",
    "badged_table",
    "claim_meta_table",
    "claims_table",
    "cluster_tables",
    "contradictions_table",
    "fetch_state",
    "history_table",
    "priors_table",
    "scale_table",
    "source_list_table",
    "sources_table",
    "text",
    "title_of",
    "verdicts_table",
    "when",
]


def text(value: object, style: str = "") -> Text:
    """Untrusted text as a Rich ``Text``: never markup, no control sequences."""
    return Text(strip_control("" if value is None else str(value)), style=style)


def when(value: Any) -> str:
    return f"{value:%Y-%m-%d %H:%M} UTC" if value is not None else "—"


def fold(value: str) -> str:
    """Hard-wrapped article lines read as one line in a table cell."""
    return " ".join(value.split())


def title_of(article: Article) -> str:
    return article.title or stand_in_title(article.body)


# ------------------------------------------------------------------------------------ browsing


def articles_table(rows: Iterable[tuple[Article, int]]) -> Table:
    table = Table(title="Articles", show_lines=False)
    for name in ("id", "title", "outlet", "published", "lang", "claims"):
        table.add_column(name, justify="right" if name in {"id", "claims"} else "left")
    for article, n in rows:
        table.add_row(
            str(article.id),
            Text(strip_control(title_of(article))),
            Text(strip_control(article.outlet or "—")),
            article.published.isoformat() if article.published else "—",
            article.language,
            str(n),
        )
    return table


def _slot_summary(slots: Slots) -> str:
    parts: list[str] = []
    parts += [d.value or f"{d.surface}?" for d in slots.dates]
    parts += [f"{n.value:g}" + (f" {n.unit}" if n.unit else "") for n in slots.numbers]
    parts += [p.country or p.name for p in slots.places]
    parts += [a.surface for a in slots.actors]
    return ", ".join(dict.fromkeys(parts))


def claims_table(claims: Iterable[Claim]) -> Table:
    table = Table(title="Claims", show_lines=False)
    for name in ("id", "art", "worth", "kind", "status", "assignee", "claim", "slots"):
        table.add_column(name, justify="right" if name in {"id", "art", "worth"} else "left")
    for claim in claims:
        slots = Slots.from_dict(claim.slots)
        kind = claim.kind + (" ¬" if claim.negated else "")
        table.add_row(
            str(claim.id),
            str(claim.article_id),
            f"{claim.checkworthiness:.2f}",
            kind,
            claim.status,
            Text(strip_control(claim.assignee or "")),
            Text(strip_control(claim.text)),
            Text(strip_control(_slot_summary(slots))),
        )
    return table


def claim_meta_table(claim: Claim) -> Table:
    """``factcheck show``: kind, worth, status, span and every slot of one claim."""
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="dim")
    meta.add_column()
    meta.add_row("kind", claim.kind + (" (negated)" if claim.negated else ""))
    meta.add_row("check-worthiness", f"{claim.checkworthiness:.2f}")
    meta.add_row("status", claim.status)
    meta.add_row("span", f"{claim.start}–{claim.end}")
    slots = Slots.from_dict(claim.slots)
    for d in slots.dates:
        meta.add_row("date", Text(f"{d.value or 'unresolved'} ({d.precision}) ← {strip_control(d.surface)}"))
    for n in slots.numbers:
        meta.add_row("number", Text(f"{n.value:g} {n.unit or ''} ← {strip_control(n.surface)}"))
    for p in slots.places:
        meta.add_row("place", Text(f"{p.name} [{p.country or '?'}] {p.kind} ← {strip_control(p.surface)}"))
    for a in slots.actors:
        meta.add_row("actor", Text(f"{strip_control(a.surface)} ({a.kind})"))
    if slots.participants:
        meta.add_row("participants", Text(", ".join(slots.participants)))
    if slots.attribution:
        who = slots.attribution.speaker or "unnamed"
        meta.add_row("attributed to", Text(f"{strip_control(who)} ({strip_control(slots.attribution.cue)})"))
    return meta


# -------------------------------------------------------------------------------------- review


def fetch_state(source: Source) -> str:
    if source.error:
        return "failed"
    return "ok" if source.fetched_at else "not fetched"


def _fetch_cell(source: Source) -> Text:
    state = fetch_state(source)
    if state == "failed":
        return text(f"failed: {source.error}", "red")
    if state == "ok":
        return text(f"ok {source.http_status or ''} · {when(source.fetched_at)}".replace("  ", " "), "green")
    return text("not fetched", "dim")


def _quote_cell(link: ClaimSource) -> Text:
    if not link.quote:
        return text("")
    mark = {True: ("✓ found", "green"), False: ("✗ not found", "red"), None: ("? unchecked", "yellow")}
    label, style = mark[link.quote_found]
    cell = text(f"«{link.quote}» ")
    cell.append(label, style=style)
    return cell


def _where(source: Source) -> Text:
    where = text(source.title or source.url)
    if source.title:
        where.append("\n" + strip_control(source.url), style="dim")
    return where


def sources_table(rows: Iterable[tuple[ClaimSource, Source]]) -> Table:
    """A claim's sources: stance, quote (found or not) and fetch status."""
    table = Table(title="Sources", title_justify="left", show_lines=False)
    for name in ("id", "stance", "source", "quote", "fetch"):
        table.add_column(name, overflow="fold")
    for link, source in rows:
        table.add_row(str(source.id), link.stance, _where(source), _quote_cell(link), _fetch_cell(source))
    return table


def verdicts_table(verdicts: Sequence[Verdict]) -> Table:
    table = Table(title="Verdicts (latest is current)", title_justify="left")
    for name in ("when", "rating", "reviewer", "rationale"):
        table.add_column(name)
    for i, verdict in enumerate(verdicts):
        style = "bold" if i == len(verdicts) - 1 else "dim"
        table.add_row(
            when(verdict.created_at), text(verdict.rating, style), text(verdict.reviewer), text(verdict.rationale)
        )
    return table


def history_table(entries: Iterable[AuditEntry]) -> Table:
    table = Table(title="History", title_justify="left")
    for name in ("when", "reviewer", "action", "before", "after"):
        table.add_column(name, overflow="fold")
    for e in entries:
        table.add_row(when(e.at), text(e.reviewer), text(e.action), text(_compact(e.before)), text(_compact(e.after)))
    return table


def _compact(value: Any) -> str:
    """A change as ``key: value`` lines, long values shortened (``history --json`` has them whole)."""
    if value is None:
        return ""
    if not isinstance(value, dict):
        return _short(value)
    return "\n".join(f"{key}: {_short(item)}" for key, item in sorted(value.items()) if item is not None)


def _short(value: Any, limit: int = 70) -> str:
    line = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    line = " ".join(line.split())
    if len(line) == 64 and all(c in "0123456789abcdef" for c in line):  # a sha256: its start is enough
        return line[:12] + "…"
    return line if len(line) <= limit else line[: limit - 1] + "…"


def source_list_table(rows: Iterable[SourceListing]) -> Table:
    """``factcheck sources``: every source, the claims it is attached to, its snapshots and fetch status."""
    table = Table()
    for name in ("id", "source", "claims", "snapshots", "fetch"):
        table.add_column(name, overflow="fold")
    for r in rows:
        table.add_row(
            str(r.source.id),
            _where(r.source),
            ", ".join(map(str, r.claim_ids)),
            str(r.snapshot_count),
            _fetch_cell(r.source),
        )
    return table


def scale_table(scale: RatingScale) -> Table:
    table = Table(title=f"Rating scale (best {scale.best}, worst {scale.worst})", title_justify="left")
    for name in ("rating", "ClaimReview textual rating", "value"):
        table.add_column(name)
    for rating in scale.ratings:
        table.add_row(text(rating.label), text(rating.textual_rating), str(rating.value))
    return table


# ------------------------------------------------------------------------------------ matching


def _value(value: Any) -> str:
    return escape_markup(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))


def _side(claim: dict[str, Any] | None) -> str:
    if claim is None:
        return "(deleted claim)"
    where = claim["outlet"] or claim["article"] or f"article {claim['article_id']}"
    return f"[dim]#{claim['id']} {escape_markup(str(where))}[/dim]\n{escape_markup(fold(claim['text']))}"


def cluster_tables(cluster: dict[str, Any]) -> tuple[Table, Table]:
    """One cluster of matched claims ("reported by N outlets") and the links that make it."""
    outlets = cluster["reported_by"]
    table = Table(
        title=f"Cluster {cluster['key']}: reported by {outlets} outlet{'s' if outlets != 1 else ''}",
        title_justify="left",
        show_lines=True,
    )
    table.add_column("Claim", no_wrap=True)
    table.add_column("Article")
    table.add_column("Text", overflow="fold")
    for claim in cluster["claims"]:
        table.add_row(
            str(claim["id"]),
            escape_markup(str(claim["outlet"] or claim["article"] or f"article {claim['article_id']}")),
            escape_markup(fold(claim["text"])),
        )
    links = Table(show_header=True, box=None, padding=(0, 1))
    for name in ("Link", "Pair", "Score", "Text", "Slots", "Status", "Why"):
        links.add_column(name, overflow="fold")
    for link in cluster["links"]:
        links.add_row(
            str(link["id"]),
            f"{link['claim_a_id']}–{link['claim_b_id']}",
            f"{link['score']:.2f}",
            f"{link['text_score']:.2f}",
            f"{link['slot_score']:.2f}",
            link["status"],
            escape_markup(link["method"]),
        )
    return table, links


def contradictions_table(found: Iterable[dict[str, Any]]) -> Table:
    table = Table(show_lines=True)
    for name in ("ID", "Kind", "Status", "Value A", "Value B", "Claim A", "Claim B", "Why"):
        table.add_column(name, overflow="fold")
    for item in found:
        status = item["status"] + (f"\n({item['reason']})" if item["reason"] else "")
        table.add_row(
            str(item["id"]),
            item["kind"],
            escape_markup(status),
            _value(item["value_a"]),
            _value(item["value_b"]),
            _side(item["claim_a"]),
            _side(item["claim_b"]),
            escape_markup(item["explanation"]),
        )
    return table


# ------------------------------------------------------------------------ prior fact-checks


def archive_table(rows: Iterable[Any], total: int) -> Table:
    """``factcheck factchecks``: the archive of past fact-checks (rows of ``db.factchecks``)."""
    table = Table(title=f"Fact-check archive: {total}", show_lines=False)
    for name in ("#", "Rating", "Original", "Fact-checker", "Date", "Claim"):
        table.add_column(name, overflow="fold")
    for r in rows:
        table.add_row(
            str(r.id), escape_markup(r.rating), escape_markup(r.rating_original or "—"),
            escape_markup(r.fact_checker or "—"), r.review_date.isoformat() if r.review_date else "—",
            escape_markup(r.claim[:160]),
        )  # fmt: skip
    return table


def badged_table(rows: Sequence[PriorRow]) -> Table:
    table = Table(title=f"Claims with a prior verdict: {len(rows)}")
    for name in ("Claim", "Fact-check", "Score", "Rating", "Fact-checker", "Text"):
        table.add_column(name, overflow="fold")
    for r in rows:
        table.add_row(
            str(r.claim_id), f"#{r.factcheck_id}", f"{r.score:.2f}", escape_markup(r.rating),
            escape_markup(r.fact_checker or "—"), escape_markup(r.claim[:120]),
        )  # fmt: skip
    return table


def priors_table(rows: Iterable[dict[str, Any]], *, title: str) -> Table:
    """Ranked prior fact-checks; ● marks those above the badge threshold."""
    table = Table(title=title)
    for name in ("#", "Score", "Rating", "Original", "Fact-checker", "Date", "Claim", "URL"):
        table.add_column(name, overflow="fold")
    for r in rows:
        mark = "●" if r.get("badge") else " "
        table.add_row(
            f"{mark} #{r['factcheck_id']}", f"{r['score']:.2f}", escape_markup(r["rating"]),
            escape_markup(r.get("rating_original") or "—"), escape_markup(r.get("fact_checker") or "—"),
            str(r.get("date") or "—"), escape_markup(r["claim"][:200]), escape_markup(r.get("url") or "—"),
        )  # fmt: skip
    return table


def reused_table(rows: Sequence[Reuse]) -> Table:
    """Verdicts applied from prior fact-checks: which claim, from which fact-check, by whom."""
    table = Table(title=f"Verdicts reused from prior fact-checks ({len(rows)})", title_justify="left")
    for name in ("Claim", "Rating", "From", "Fact-checker", "URL", "Applied by"):
        table.add_column(name, overflow="fold")
    for r in rows:
        table.add_row(
            f"#{r.claim_id}", escape_markup(r.rating), f"fact-check #{r.factcheck_id}",
            escape_markup(r.fact_checker or "—"), escape_markup(r.url or "—"), escape_markup(r.reviewer or "—"),
        )  # fmt: skip
    return table


def disagreements_table(rows: Sequence[Disagreement]) -> Table:
    """Verdicts that differ from a linked claim's or a matched fact-check's."""
    table = Table(title=f"Verdicts that disagree ({len(rows)})", title_justify="left")
    for name in ("Claim", "Rating", "Against", "Its rating", "By"):
        table.add_column(name, overflow="fold")
    for d in rows:
        against = f"claim #{d.other_id}" if d.other_kind == "claim" else f"fact-check #{d.other_id}"
        table.add_row(
            f"#{d.claim_id}", escape_markup(d.rating), against, escape_markup(d.other_rating),
            escape_markup(d.other_by or "—"),
        )  # fmt: skip
    return table
