"""Review commands: ``source add|retry``, ``sources``, ``verdict``, ``status``, ``history``, ``claim
edit|split|merge|add`` and ``scale``; plus the review section that ``factcheck show`` prints.

Network fetches run before the database transaction opens, so a slow site never holds the write lock.
Web and article text is printed as ``rich.text.Text`` (never markup) with control sequences stripped.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from rich.table import Table
from rich.text import Text

from factcheck.errors import InvalidValueError, UnreadableFileError
from factcheck.reviewer import resolve_reviewer
from factcheck.text import strip_control
from tui.cli.context import CliContext, positive_id, whole_number

if TYPE_CHECKING:
    from sqlmodel import Session

    from db.models import AuditEntry, ClaimSource, Source, Verdict
    from factcheck.records import FetchResult
    from factcheck.review import RatingScale

__all__ = ["register", "render_review_section", "review_record"]


def _reviewer_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--reviewer", metavar="NAME", help="who is making the change (default: $FACTCHECK_REVIEWER, else the OS user)"
    )


def _version_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--version", type=whole_number, metavar="N", help="the claim version you reviewed; refused if it has moved on"
    )


def register(sub: Any) -> None:
    source = sub.add_parser("source", help="attach a source to a claim, or fetch failed sources again")
    source_sub = source.add_subparsers(dest="source_command", metavar="ACTION", required=True)
    add = source_sub.add_parser(
        "add",
        help="fetch a URL (or, with --offline, take a URL or a local file as is) and attach it to a claim",
    )
    add.add_argument("claim_id", type=positive_id, metavar="CLAIM_ID")
    add.add_argument("target", metavar="URL", help="http(s) URL, or a local file path with --offline")
    add.add_argument("--stance", default="context", help="supports, refutes or context (default: context)")
    add.add_argument("--quote", metavar="TEXT", help="a passage the source must contain")
    add.add_argument("--note", metavar="TEXT")
    add.add_argument("--offline", action="store_true", help="do not fetch; a local file is read from disk")
    add.add_argument("--json", action="store_true")
    _reviewer_option(add)
    add.set_defaults(func=run_source_add)
    retry = source_sub.add_parser("retry", help="fetch sources again: those given, else every failed one")
    retry.add_argument("source_ids", type=positive_id, nargs="*", metavar="SOURCE_ID")
    retry.add_argument("--json", action="store_true")
    _reviewer_option(retry)
    retry.set_defaults(func=run_source_retry)

    listing = sub.add_parser("sources", help="list sources with their fetch status")
    listing.add_argument("--claim", type=positive_id, metavar="ID", help="only sources of this claim")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=run_sources)

    verdict = sub.add_parser("verdict", help="give a claim a rating (the claim becomes drafted)")
    verdict.add_argument("claim_id", type=positive_id, metavar="CLAIM_ID")
    verdict.add_argument("rating", metavar="RATING", help="a rating of the scale (see factcheck scale)")
    verdict.add_argument("--rationale", required=True, metavar="TEXT")
    verdict.add_argument("--json", action="store_true")
    _reviewer_option(verdict)
    _version_option(verdict)
    verdict.set_defaults(func=run_verdict)

    status = sub.add_parser("status", help="move claims through review: in_review, published, dismissed, new")
    status.add_argument("--set", required=True, dest="status", metavar="STATUS")
    status.add_argument("claim_ids", type=positive_id, nargs="+", metavar="CLAIM_ID")
    status.add_argument("--json", action="store_true")
    _reviewer_option(status)
    status.set_defaults(func=run_status)

    history = sub.add_parser("history", help="every recorded change of a claim: who, when, before and after")
    history.add_argument("claim_id", type=positive_id, metavar="CLAIM_ID")
    history.add_argument("--json", action="store_true")
    history.set_defaults(func=run_history)

    _register_claim(sub)

    scale = sub.add_parser("scale", help="show the rating scale of this database (or replace it)")
    scale.add_argument("--set", dest="scale_file", type=Path, metavar="FILE", help="a JSON rating scale to use")
    scale.add_argument("--json", action="store_true")
    _reviewer_option(scale)
    scale.set_defaults(func=run_scale)


def _register_claim(sub: Any) -> None:
    claim = sub.add_parser("claim", help="edit, split, merge or add claims by hand")
    claim_sub = claim.add_subparsers(dest="claim_command", metavar="ACTION", required=True)

    def span_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--text", metavar="TEXT", help="the claim text, as it appears in the article")
        p.add_argument("--start", type=whole_number, metavar="N", help="span start (character offset in the article)")
        p.add_argument("--end", type=whole_number, metavar="N", help="span end (exclusive)")
        p.add_argument("--json", action="store_true")
        _reviewer_option(p)

    edit = claim_sub.add_parser("edit", help="move a claim to another span of its article")
    edit.add_argument("claim_id", type=positive_id, metavar="CLAIM_ID")
    span_options(edit)
    _version_option(edit)
    edit.set_defaults(func=run_claim_edit)

    split = claim_sub.add_parser("split", help="cut a claim in two")
    split.add_argument("claim_id", type=positive_id, metavar="CLAIM_ID")
    where = split.add_mutually_exclusive_group(required=True)
    where.add_argument(
        "--at", type=whole_number, metavar="N", help="offset in the claim text where the second part starts"
    )
    where.add_argument("--before", metavar="TEXT", help="the words the second part starts with")
    split.add_argument("--json", action="store_true")
    _reviewer_option(split)
    _version_option(split)
    split.set_defaults(func=run_claim_split)

    merge = claim_sub.add_parser("merge", help="join two claims of one article into one")
    merge.add_argument("claim_ids", type=positive_id, nargs=2, metavar="CLAIM_ID")
    merge.add_argument(
        "--versions", type=whole_number, nargs=2, metavar="N", help="the versions you reviewed, in order"
    )
    merge.add_argument("--json", action="store_true")
    _reviewer_option(merge)
    merge.set_defaults(func=run_claim_merge)

    add = claim_sub.add_parser("add", help="add a claim the extractor missed, at a span of an article")
    add.add_argument("article_id", type=positive_id, metavar="ARTICLE_ID")
    add.add_argument("--kind", default="event", help="event, quantity, quote, background or opinion")
    span_options(add)
    add.set_defaults(func=run_claim_add)


# ------------------------------------------------------------------------------------------- JSON


def source_json(link: ClaimSource, source: Source) -> dict[str, Any]:
    return {
        "source_id": source.id,
        "url": source.url,
        "final_url": source.final_url,
        "title": source.title,
        "stance": link.stance,
        "quote": link.quote,
        "quote_found": link.quote_found,
        "note": link.note,
        "reviewer": link.reviewer,
        "attached_at": link.created_at,
        "fetch": _fetch_json(source),
    }


def _fetch_state(source: Source) -> str:
    if source.error:
        return "failed"
    return "ok" if source.fetched_at else "not fetched"


def _fetch_json(source: Source) -> dict[str, Any]:
    return {
        "status": _fetch_state(source),
        "error": source.error,
        "http_status": source.http_status,
        "content_type": source.content_type,
        "sha256": source.sha256,
        "fetched_at": source.fetched_at,
    }


def verdict_json(verdict: Verdict, scale: RatingScale) -> dict[str, Any]:
    try:
        rating = scale.lookup(verdict.rating)
        textual, value = rating.textual_rating, rating.value
    except InvalidValueError:  # a rating of a scale since replaced
        textual, value = verdict.rating, None
    return {
        "id": verdict.id,
        "rating": verdict.rating,
        "textual_rating": textual,
        "rating_value": value,
        "rationale": verdict.rationale,
        "reviewer": verdict.reviewer,
        "created_at": verdict.created_at,
    }


def audit_json(entry: AuditEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "at": entry.at,
        "reviewer": entry.reviewer,
        "action": entry.action,
        "entity": entry.entity,
        "entity_id": entry.entity_id,
        "claim_id": entry.claim_id,
        "before": entry.before,
        "after": entry.after,
    }


def review_record(session: Session, claim_id: int) -> dict[str, Any]:
    """A claim's review record for ``--json``: status, version, sources, verdicts (current last)."""
    from db import review

    claim = review.get_claim(session=session, claim_id=claim_id)
    scale = review.load_scale(session=session)
    verdicts = [verdict_json(v, scale) for v in review.verdicts_for_claim(session=session, claim_id=claim_id)]
    return {
        "status": claim.status,
        "version": claim.version,
        "sources": [
            source_json(link, src) for link, src in review.sources_for_claim(session=session, claim_id=claim_id)
        ],
        "verdicts": verdicts,
        "current_verdict": verdicts[-1] if verdicts else None,
    }


# ---------------------------------------------------------------------------------------- display


def _t(value: object, style: str = "") -> Text:
    """Untrusted text as a Rich ``Text``: never markup, no control sequences."""
    return Text(strip_control("" if value is None else str(value)), style=style)


def _when(value: Any) -> str:
    return f"{value:%Y-%m-%d %H:%M} UTC" if value is not None else "—"


def _fetch_cell(source: Source) -> Text:
    state = _fetch_state(source)
    if state == "failed":
        return _t(f"failed: {source.error}", "red")
    if state == "ok":
        return _t(f"ok {source.http_status or ''} · {_when(source.fetched_at)}".replace("  ", " "), "green")
    return _t("not fetched", "dim")


def _quote_cell(link: ClaimSource) -> Text:
    if not link.quote:
        return _t("")
    mark = {True: ("✓ found", "green"), False: ("✗ not found", "red"), None: ("? unchecked", "yellow")}
    label, style = mark[link.quote_found]
    text = _t(f"«{link.quote}» ")
    text.append(label, style=style)
    return text


def render_review_section(ctx: CliContext, session: Session, claim_id: int) -> None:
    """Sources (stance, quote, fetch status) and verdict history of a claim, for ``factcheck show``."""
    from db import review

    rows = review.sources_for_claim(session=session, claim_id=claim_id)
    ctx.console.print()
    if rows:
        table = Table(title="Sources", title_justify="left", show_lines=False)
        for name in ("id", "stance", "source", "quote", "fetch"):
            table.add_column(name, overflow="fold")
        for link, source in rows:
            where = _t(source.title or source.url)
            if source.title:
                where.append("\n" + strip_control(source.url), style="dim")
            table.add_row(str(source.id), link.stance, where, _quote_cell(link), _fetch_cell(source))
        ctx.console.print(table)
    else:
        ctx.console.print(Text("No sources yet (factcheck source add CLAIM_ID URL).", style="dim"))
    verdicts = review.verdicts_for_claim(session=session, claim_id=claim_id)
    if verdicts:
        table = Table(title="Verdicts (latest is current)", title_justify="left")
        for name in ("when", "rating", "reviewer", "rationale"):
            table.add_column(name)
        for i, verdict in enumerate(verdicts):
            style = "bold" if i == len(verdicts) - 1 else "dim"
            table.add_row(
                _when(verdict.created_at), _t(verdict.rating, style), _t(verdict.reviewer), _t(verdict.rationale)
            )
        ctx.console.print(table)
    else:
        ctx.console.print(Text("No verdict yet.", style="dim"))


def _print_history(ctx: CliContext, entries: list[AuditEntry]) -> None:
    if not entries:
        ctx.console.print(Text("No recorded changes.", style="dim"))
        return
    table = Table(title="History", title_justify="left")
    for name in ("when", "reviewer", "action", "before", "after"):
        table.add_column(name, overflow="fold")
    for e in entries:
        table.add_row(_when(e.at), _t(e.reviewer), _t(e.action), _t(_compact(e.before)), _t(_compact(e.after)))
    ctx.console.print(table)


def _compact(value: Any) -> str:
    """A change as ``key: value`` lines, long values shortened (``history --json`` has them whole)."""
    if value is None:
        return ""
    if not isinstance(value, dict):
        return _short(value)
    return "\n".join(f"{key}: {_short(item)}" for key, item in sorted(value.items()) if item is not None)


def _short(value: Any, limit: int = 70) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    text = " ".join(text.split())
    if len(text) == 64 and all(c in "0123456789abcdef" for c in text):  # a sha256: its start is enough
        return text[:12] + "…"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _say(ctx: CliContext, message: str, style: str = "") -> None:
    ctx.console.print(_t(message, style))


# --------------------------------------------------------------------------------------- handlers


def _local_path(target: str) -> Path:
    if target.startswith("file://"):
        return Path(url2pathname(urlsplit(target).path))
    return Path(target).expanduser()


def _target_result(target: str, *, offline: bool, allow_private: bool) -> tuple[str, FetchResult | None]:
    """The source URL to store and what was fetched or read (None for an offline URL).

    Bad URLs are refused here, before anything is stored; a fetch that fails is kept with its reason.
    """
    from sources.fetch import FetchOptions, fetch_url, read_local_source
    from sources.urls import check_url

    target = target.strip()
    if target.startswith("file://") or "://" not in target:
        path = _local_path(target)
        if not offline:
            hint = "attach it with --offline" if path.exists() else "give a full http:// or https:// address"
            raise InvalidValueError(f"{target!r} is not a web address; {hint}")
        result = read_local_source(path)
        return result.url, result
    check_url(target)  # InvalidValueError, before anything is stored: no host, bad port, spaces
    return target, None if offline else fetch_url(target, options=FetchOptions(allow_private=allow_private))


def run_source_add(args: argparse.Namespace, ctx: CliContext) -> int:
    from db import review
    from db.models import ClaimSource, Source
    from factcheck.review import parse_stance

    reviewer = resolve_reviewer(args.reviewer)
    stance = parse_stance(args.stance)
    with ctx.db.session() as session:
        review.get_claim(session=session, claim_id=args.claim_id)  # fail before fetching
    url, fetched = _target_result(args.target, offline=args.offline, allow_private=ctx.allow_private)
    with ctx.db.transaction() as session:
        outcome = review.attach_source(
            session=session, claim_id=args.claim_id, url=url, reviewer=reviewer, stance=stance,
            quote=args.quote, note=args.note, fetched=fetched,
        )  # fmt: skip
        link, source = session.get(ClaimSource, outcome.link_id), session.get(Source, outcome.source_id)
        assert link is not None and source is not None
        data = {"claim_id": args.claim_id, "created": outcome.created, **source_json(link, source)}
    if args.json:
        ctx.print_json(data)
        return 0
    verb = "Attached" if outcome.created else "Updated"
    _say(ctx, f"{verb} source {outcome.source_id} to claim {args.claim_id} ({stance.value}): {source.title or url}")
    if fetched is None:
        _say(ctx, "Not fetched (offline).", "dim")
    elif fetched.error:
        retry = f"factcheck source retry {outcome.source_id}"
        retry += " --allow-private" if fetched.error.startswith("refused:") else ""
        ctx.warn(f"fetch failed: {fetched.error}; the source is attached, retry with: {retry}")
    elif outcome.fetch is not None and outcome.fetch.changed is not None:
        _say(
            ctx,
            "Content changed since the last fetch."
            if outcome.fetch.changed
            else "Content unchanged since the last fetch.",
        )
    if outcome.quote_found is False:
        ctx.warn("the quote was not found in the source text")
    elif outcome.quote_found:
        _say(ctx, "Quote found in the source text.", "green")
    elif args.quote:
        _say(ctx, "The quote could not be checked: the source has no text yet.", "yellow")
    return 0


def run_source_retry(args: argparse.Namespace, ctx: CliContext) -> int:
    from db import review
    from db.models import Source
    from factcheck.records import FetchResult
    from sources.fetch import FetchOptions, fetch_sources, read_local_source

    reviewer = resolve_reviewer(args.reviewer)
    with ctx.db.session() as session:
        targets = [(s.id, s.url) for s in review.sources_to_retry(session=session, source_ids=args.source_ids)]
    if not targets:
        if args.json:
            ctx.print_json([])
        else:
            _say(ctx, "No failed sources to fetch again.")
        return 0
    web = [url for _, url in targets if not url.startswith("file://")]
    options = FetchOptions(allow_private=ctx.allow_private)
    fetched = dict(zip(web, fetch_sources(web, options=options), strict=True))
    outcomes = []
    for source_id, url in targets:
        if url.startswith("file://"):
            try:
                result = read_local_source(_local_path(url))
            except UnreadableFileError as exc:
                result = FetchResult(url=url, error=exc.reason)
        else:
            result = fetched[url]
        with ctx.db.transaction() as session:
            source = session.get(Source, source_id)
            assert source is not None
            outcome = review.record_fetch(session=session, source=source, result=result, reviewer=reviewer)
        outcomes.append((url, outcome))
    if args.json:
        ctx.print_json(
            [{"source_id": o.source_id, "url": url, "error": o.error, "changed": o.changed} for url, o in outcomes]
        )
    change = {None: "fetched", True: "fetched, content changed", False: "fetched, content unchanged"}
    for _url, o in [] if args.json else outcomes:
        if o.error:
            _say(ctx, f"source {o.source_id}: failed: {o.error}", "red")
        else:
            _say(ctx, f"source {o.source_id}: {change[o.changed]}", "green")
    return 1 if any(o.error for _, o in outcomes) else 0


def run_sources(args: argparse.Namespace, ctx: CliContext) -> int:
    from db import review

    with ctx.db.session() as session:
        rows = review.list_sources(session=session, claim_id=args.claim)
    if args.json:
        ctx.print_json(
            [
                {
                    "source_id": r.source.id,
                    "url": r.source.url,
                    "final_url": r.source.final_url,
                    "title": r.source.title,
                    "claims": r.claim_ids,
                    "snapshots": r.snapshot_count,
                    "fetch": _fetch_json(r.source),
                }
                for r in rows
            ]
        )
        return 0
    if not rows:
        _say(ctx, "No sources.")
        return 0
    table = Table()
    for name in ("id", "source", "claims", "snapshots", "fetch"):
        table.add_column(name, overflow="fold")
    for r in rows:
        where = _t(r.source.title or r.source.url)
        if r.source.title:
            where.append("\n" + strip_control(r.source.url), style="dim")
        table.add_row(
            str(r.source.id), where, ", ".join(map(str, r.claim_ids)), str(r.snapshot_count), _fetch_cell(r.source)
        )
    ctx.console.print(table)
    return 0


def run_verdict(args: argparse.Namespace, ctx: CliContext) -> int:
    from db import review
    from db.prior_review import disagreements

    reviewer = resolve_reviewer(args.reviewer)
    with ctx.db.transaction() as session:
        verdict = review.set_verdict(
            session=session, claim_id=args.claim_id, rating=args.rating, rationale=args.rationale,
            reviewer=reviewer, expected_version=args.version,
        )  # fmt: skip
        data = verdict_json(verdict, review.load_scale(session=session))
        version = review.get_claim(session=session, claim_id=args.claim_id).version
        warnings = [d.message() for d in disagreements(session, args.claim_id, verdict.rating)]
    if args.json:
        ctx.print_json(
            data | {"claim_id": args.claim_id, "status": "drafted", "version": version, "warnings": warnings}
        )
    else:
        for warning in warnings:  # a linked claim or a matched fact-check rated otherwise
            ctx.warn(warning)
        _say(ctx, f"Claim {args.claim_id}: {verdict.rating} (drafted, version {version}) by {reviewer}")
    return 0


def run_status(args: argparse.Namespace, ctx: CliContext) -> int:
    from db import review
    from factcheck.review import parse_status

    reviewer = resolve_reviewer(args.reviewer)
    target = parse_status(args.status)
    with ctx.db.transaction() as session:
        outcomes = review.set_status(session=session, claim_ids=args.claim_ids, status=target, reviewer=reviewer)
    if args.json:
        ctx.print_json(
            [{"claim_id": o.claim_id, "before": o.before, "after": o.after, "changed": o.changed} for o in outcomes]
        )
        return 0
    for o in outcomes:
        _say(
            ctx,
            f"claim {o.claim_id}: {o.before} → {o.after}" if o.changed else f"claim {o.claim_id}: already {o.after}",
        )
    return 0


def run_history(args: argparse.Namespace, ctx: CliContext) -> int:
    from db import review

    with ctx.db.session() as session:
        entries = review.claim_history(session=session, claim_id=args.claim_id)
    if args.json:
        ctx.print_json([audit_json(e) for e in entries])
    else:
        _print_history(ctx, entries)
    return 0


def _claim_json(claim: Any) -> dict[str, Any]:
    return {
        "id": claim.id,
        "article_id": claim.article_id,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "status": claim.status,
        "origin": claim.origin,
        "version": claim.version,
    }


def _report_claims(ctx: CliContext, args: argparse.Namespace, verb: str, claims: list[Any]) -> int:
    if args.json:
        data = [_claim_json(c) for c in claims]
        ctx.print_json(data[0] if len(data) == 1 else data)
        return 0
    for claim in claims:
        line = _t(f"{verb} claim {claim.id} [{claim.start}:{claim.end}, version {claim.version}]: ", "bold")
        line.append(strip_control(claim.text))
        ctx.console.print(line)
    return 0


def run_claim_edit(args: argparse.Namespace, ctx: CliContext) -> int:
    from db import review

    reviewer = resolve_reviewer(args.reviewer)
    with ctx.db.transaction() as session:
        claim = review.edit_claim(
            session=session, claim_id=args.claim_id, reviewer=reviewer, text=args.text, start=args.start,
            end=args.end, expected_version=args.version,
        )  # fmt: skip
    return _report_claims(ctx, args, "Edited", [claim])


def run_claim_split(args: argparse.Namespace, ctx: CliContext) -> int:
    from db import review

    reviewer = resolve_reviewer(args.reviewer)
    with ctx.db.transaction() as session:
        parts = review.split_claim(
            session=session, claim_id=args.claim_id, reviewer=reviewer, at=args.at, before=args.before,
            expected_version=args.version,
        )  # fmt: skip
    return _report_claims(ctx, args, "Split into", list(parts))


def run_claim_merge(args: argparse.Namespace, ctx: CliContext) -> int:
    from db import review

    reviewer = resolve_reviewer(args.reviewer)
    expected = dict(zip(args.claim_ids, args.versions, strict=True)) if args.versions else None
    with ctx.db.transaction() as session:
        claim = review.merge_claims(
            session=session, claim_ids=args.claim_ids, reviewer=reviewer, expected_versions=expected
        )
    return _report_claims(ctx, args, "Merged into", [claim])


def run_claim_add(args: argparse.Namespace, ctx: CliContext) -> int:
    from db import review

    reviewer = resolve_reviewer(args.reviewer)
    with ctx.db.transaction() as session:
        claim = review.add_claim(
            session=session, article_id=args.article_id, reviewer=reviewer, text=args.text, start=args.start,
            end=args.end, kind=args.kind,
        )  # fmt: skip
    return _report_claims(ctx, args, "Added", [claim])


def run_scale(args: argparse.Namespace, ctx: CliContext) -> int:
    from db import review
    from factcheck.review import RatingScale

    if args.scale_file is not None:
        try:
            data = json.loads(args.scale_file.read_text(encoding="utf-8"))
        except OSError as exc:
            raise UnreadableFileError(args.scale_file, exc.strerror or "cannot read") from exc
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise UnreadableFileError(args.scale_file, f"not JSON ({exc})") from exc
        scale = RatingScale.from_dict(data)
        with ctx.db.transaction() as session:
            review.save_scale(session=session, scale=scale, reviewer=resolve_reviewer(args.reviewer))
    with ctx.db.session() as session:
        scale = review.load_scale(session=session)
    if args.json:
        ctx.print_json(scale.to_dict())
        return 0
    table = Table(title=f"Rating scale (best {scale.best}, worst {scale.worst})", title_justify="left")
    for name in ("rating", "ClaimReview textual rating", "value"):
        table.add_column(name)
    for rating in scale.ratings:
        table.add_row(_t(rating.label), _t(rating.textual_rating), str(rating.value))
    ctx.console.print(table)
    return 0
