"""``factcheck prior``: has this claim been checked already? Its ranked prior fact-checks.

``prior CLAIM`` recomputes and lists one claim's candidates (or looks up a free text), ``--article N``
merges an article's claims' candidates (best first, each fact-check once), ``--rebuild`` recomputes
every claim, ``--apply``/``--reject`` are the workbench's two keys, ``--has-prior`` lists the claims
with a badge, and ``--disagreements`` lists verdicts that contradict a linked claim or a fact-check.
"""

from __future__ import annotations

import argparse
from typing import Any

from cli import tables
from cli.context import CliContext
from factcheck.errors import InvalidValueError
from factcheck.reviewer import resolve_reviewer

__all__ = ["register_prior"]


def register_prior(sub: Any) -> None:
    p = sub.add_parser(
        "prior",
        help="has it been checked already? a claim's ranked prior fact-checks",
        description="List prior fact-checks of a claim (CLAIM is a claim id, or any text in quotes), or of an "
        "article's claims (--article), best first.",
    )
    p.add_argument("claim", nargs="?", metavar="CLAIM", help="claim id, or a text to look up")
    p.add_argument("--article", type=int, metavar="N", help="all claims of article N, merged")
    p.add_argument("--rebuild", action="store_true", help="recompute the prior fact-checks of every claim")
    p.add_argument("--apply", type=int, metavar="FACTCHECK", help="give CLAIM this fact-check's verdict")
    p.add_argument("--reject", type=int, metavar="FACTCHECK", help="mark this fact-check as not the same claim")
    p.add_argument("--has-prior", action="store_true", help="list claims whose best prior fact-check has a badge")
    p.add_argument("--disagreements", action="store_true", help="verdicts that differ from a linked claim or prior")
    p.add_argument("--limit", type=int, default=5, help="candidates to show (default 5)")
    p.add_argument("--reviewer", help="who decides (default: $FACTCHECK_REVIEWER, else the OS user)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_prior)


def run_prior(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.rebuild:
        return _rebuild(args, ctx)
    if args.has_prior:
        return _has_prior(args, ctx)
    if args.disagreements:
        return _disagreements(args, ctx)
    if args.article is not None:
        return _article(args, ctx)
    if args.claim is None:
        raise InvalidValueError("give a claim id or text, --article N, --rebuild, --has-prior or --disagreements")
    if not args.claim.strip().isdigit():
        if args.apply or args.reject:
            raise InvalidValueError("--apply and --reject need a claim id")
        return _text(args, ctx)
    claim_id = int(args.claim)
    if args.apply is not None or args.reject is not None:
        return _decide(args, ctx, claim_id)
    from db.prior_review import prior_rows
    from db.priors import refresh_priors
    from db.review import get_claim

    with ctx.db.transaction() as session:
        get_claim(session=session, claim_id=claim_id)
        refresh_priors(session, [claim_id])
        rows = prior_rows(session, [claim_id])[: args.limit]
    _show([r.to_dict() for r in rows], args, ctx, title=f"Prior fact-checks of claim {claim_id}")
    return 0


def _text(args: argparse.Namespace, ctx: CliContext) -> int:
    from db.factchecks import factcheck_dict, get_factcheck
    from db.priors import make_queries, retrieve

    with ctx.db.session() as session:
        query = make_queries([args.claim])[0].query
        rows = []
        for item in retrieve(session, query, k=args.limit):
            data = factcheck_dict(get_factcheck(session, item.factcheck_id))
            rows.append(data | {"factcheck_id": item.factcheck_id, "score": item.score, "features": item.features})
    from factcheck.prior.model import default_model

    threshold = default_model().threshold
    for row in rows:
        row["badge"] = row["score"] >= threshold
    _show(rows, args, ctx, title="Prior fact-checks")
    return 0


def _article(args: argparse.Namespace, ctx: CliContext) -> int:
    from db.listing import claim_ids
    from db.prior_review import prior_rows
    from db.priors import refresh_priors

    with ctx.db.transaction() as session:
        ids = claim_ids(session, article_id=args.article)
        refresh_priors(session, ids)
        best: dict[int, dict[str, Any]] = {}
        for row in prior_rows(session, ids):
            if row.factcheck_id not in best or row.score > best[row.factcheck_id]["score"]:
                best[row.factcheck_id] = row.to_dict()
    rows = sorted(best.values(), key=lambda r: (-r["score"], r["factcheck_id"]))[: args.limit]
    _show(rows, args, ctx, title=f"Prior fact-checks of article {args.article}")
    return 0


def _rebuild(args: argparse.Namespace, ctx: CliContext) -> int:
    from db.factchecks import embed_missing
    from db.listing import claim_ids
    from db.priors import refresh_priors

    embed_missing(ctx.db)
    with ctx.db.transaction() as session:
        ids = claim_ids(session)
        stored = refresh_priors(session, ids)
    if args.json:
        ctx.print_json({"claims": len(ids), "prior_matches": stored})
    else:
        ctx.console.print(f"{len(ids)} claims: {stored} prior fact-checks stored", markup=False)
    return 0


def _decide(args: argparse.Namespace, ctx: CliContext, claim_id: int) -> int:
    from db.prior_review import apply_prior, disagreements, reject_prior

    reviewer = resolve_reviewer(args.reviewer)
    with ctx.db.transaction() as session:
        if args.apply is not None:
            verdict = apply_prior(session, claim_id=claim_id, factcheck_id=args.apply, reviewer=reviewer)
            warnings = [d.message() for d in disagreements(session, claim_id, verdict.rating)]
            result: dict[str, Any] = {
                "claim_id": claim_id, "factcheck_id": args.apply, "rating": verdict.rating,
                "rationale": verdict.rationale, "warnings": warnings,
            }  # fmt: skip
            line = f"Claim {claim_id}: {verdict.rating} ({verdict.rationale}) by {reviewer}"
        else:
            reject_prior(session, claim_id=claim_id, factcheck_id=args.reject, reviewer=reviewer)
            result = {"claim_id": claim_id, "factcheck_id": args.reject, "status": "rejected", "warnings": []}
            line = f"Claim {claim_id}: fact-check #{args.reject} marked not the same claim by {reviewer}"
    if args.json:
        ctx.print_json(result)
    else:
        for warning in result["warnings"]:
            ctx.warn(warning)
        ctx.console.print(line, markup=False)
    return 0


def _has_prior(args: argparse.Namespace, ctx: CliContext) -> int:
    from db.prior_review import badged_claims

    with ctx.db.session() as session:
        rows = badged_claims(session)
    if args.json:
        ctx.print_json([r.to_dict() for r in rows])
        return 0
    ctx.console.print(tables.badged_table(rows))
    return 0


def _disagreements(args: argparse.Namespace, ctx: CliContext) -> int:
    from db.prior_review import all_disagreements

    with ctx.db.session() as session:
        found = all_disagreements(session)
    if args.json:
        ctx.print_json([d.to_dict() for d in found])
    elif not found:
        ctx.console.print("No verdict disagrees with a linked claim or a prior fact-check.", markup=False)
    else:
        for d in found:
            ctx.console.print(d.message(), markup=False)
    return 0


def _show(rows: list[dict[str, Any]], args: argparse.Namespace, ctx: CliContext, *, title: str) -> None:
    if args.json:
        ctx.print_json(rows)
        return
    if not rows:
        ctx.console.print("No prior fact-check found.", markup=False)
        return
    ctx.console.print(tables.priors_table(rows, title=title))
    ctx.console.print("● above the decision threshold (a prior verdict badge)", markup=False)
