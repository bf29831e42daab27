"""What the review commands do: each handler calls ``db.review`` (or fetches first) and prints the outcome.

Network fetches run before the database transaction opens, so a slow site never holds the write lock.
The argument parsers are in ``cli.review``, the tables in ``cli.tables``, the JSON shapes in
``cli.review_json``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from rich.text import Text

from cli import tables
from cli.context import CliContext
from cli.review_json import audit_json, edited_claim_json, fetch_json, source_json, verdict_json
from factcheck.errors import InvalidValueError, UnreadableFileError
from factcheck.reviewer import resolve_reviewer
from factcheck.text import strip_control

if TYPE_CHECKING:
    from sqlmodel import Session

    from db.models import AuditEntry
    from factcheck.records import FetchResult

__all__ = [
    "render_review_section",
    "run_claim_add",
    "run_claim_edit",
    "run_claim_merge",
    "run_claim_split",
    "run_history",
    "run_scale",
    "run_source_add",
    "run_source_retry",
    "run_sources",
    "run_status",
    "run_verdict",
]


def render_review_section(ctx: CliContext, session: Session, claim_id: int) -> None:
    """Sources (stance, quote, fetch status) and verdict history of a claim, for ``factcheck show``."""
    from db import review

    rows = review.sources_for_claim(session=session, claim_id=claim_id)
    ctx.console.print()
    if rows:
        ctx.console.print(tables.sources_table(rows))
    else:
        ctx.console.print(Text("No sources yet (factcheck source add CLAIM_ID URL).", style="dim"))
    verdicts = review.verdicts_for_claim(session=session, claim_id=claim_id)
    if verdicts:
        ctx.console.print(tables.verdicts_table(verdicts))
    else:
        ctx.console.print(Text("No verdict yet.", style="dim"))


def _print_history(ctx: CliContext, entries: list[AuditEntry]) -> None:
    if not entries:
        ctx.console.print(Text("No recorded changes.", style="dim"))
        return
    ctx.console.print(tables.history_table(entries))


def _say(ctx: CliContext, message: str, style: str = "") -> None:
    ctx.console.print(tables.text(message, style))


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
                    "fetch": fetch_json(r.source),
                }
                for r in rows
            ]
        )
        return 0
    if not rows:
        _say(ctx, "No sources.")
        return 0
    table = tables.source_list_table(rows)
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


def _report_claims(ctx: CliContext, args: argparse.Namespace, verb: str, claims: list[Any]) -> int:
    if args.json:
        data = [edited_claim_json(c) for c in claims]
        ctx.print_json(data[0] if len(data) == 1 else data)
        return 0
    for claim in claims:
        line = tables.text(f"{verb} claim {claim.id} [{claim.start}:{claim.end}, version {claim.version}]: ", "bold")
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
    table = tables.scale_table(scale)
    ctx.console.print(table)
    return 0
