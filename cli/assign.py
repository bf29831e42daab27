"""Team commands: ``assign`` (claims to a reviewer, by id or by filter; ``--unassign``) and ``reviewer``
(show or remember who you are on this machine)."""

from __future__ import annotations

import argparse
from typing import Any

from cli.context import CliContext, positive_id
from factcheck.errors import InvalidValueError
from factcheck.model import ClaimStatus
from factcheck.reviewer import config_path, remember_reviewer, resolve_reviewer

__all__ = ["register"]

REVIEWER_HELP = "who is making the change (default: $FACTCHECK_REVIEWER, else `factcheck reviewer`, else the OS user)"


def register(sub: Any) -> None:
    a = sub.add_parser(
        "assign",
        help="assign claims to a reviewer (by id, or every claim matching --article/--status/--unassigned)",
    )
    a.add_argument("claim_ids", type=positive_id, nargs="*", metavar="CLAIM_ID")
    who = a.add_mutually_exclusive_group(required=True)
    who.add_argument("--to", metavar="NAME", help="the reviewer the claims go to")
    who.add_argument("--unassign", action="store_true", help="take the claims off whoever holds them")
    a.add_argument("--article", type=positive_id, metavar="ID", help="every claim of this article")
    a.add_argument("--status", choices=[s.value for s in ClaimStatus], help="every claim in this review state")
    a.add_argument("--unassigned", action="store_true", help="only claims nobody holds yet")
    a.add_argument("--reviewer", metavar="NAME", help=REVIEWER_HELP)
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=run_assign)

    r = sub.add_parser("reviewer", help="show your reviewer name, or remember NAME as it on this machine")
    r.add_argument("name", nargs="?", metavar="NAME")
    r.set_defaults(func=run_reviewer)


def run_assign(args: argparse.Namespace, ctx: CliContext) -> int:
    from db.assignment import assign_claims, select_claim_ids

    by_filter = args.article is not None or args.status is not None or args.unassigned
    if not args.claim_ids and not by_filter:
        raise InvalidValueError("name the claims: CLAIM_ID…, or a filter (--article, --status, --unassigned)")
    if args.claim_ids and by_filter:
        raise InvalidValueError("give claim ids or a filter, not both")
    reviewer = resolve_reviewer(args.reviewer)
    with ctx.db.transaction() as session:
        ids = args.claim_ids or select_claim_ids(
            session=session, article_id=args.article, status=args.status, unassigned=args.unassigned
        )
        outcomes = assign_claims(
            session=session, claim_ids=ids, assignee=None if args.unassign else args.to, reviewer=reviewer
        )
    changed = sum(o.changed for o in outcomes)
    if args.json:
        ctx.print_json(
            [{"claim_id": o.claim_id, "before": o.before, "after": o.after, "changed": o.changed} for o in outcomes]
        )
        return 0
    target = "unassigned" if args.unassign else f"assigned to {' '.join(args.to.split())}"
    ctx.console.print(
        f"{changed} of {len(outcomes)} claims {target} by {reviewer}"
        + (f" ({len(outcomes) - changed} already were)" if changed < len(outcomes) else ""),
        markup=False,
        soft_wrap=True,
    )
    return 0


def run_reviewer(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.name is not None:
        path = remember_reviewer(args.name)
        saved = f"reviewer name {resolve_reviewer(args.name)!r} saved in {path}"
        ctx.console.print(saved, markup=False, soft_wrap=True)
        return 0
    ctx.console.print(resolve_reviewer(), markup=False)
    if not config_path().exists():
        ctx.warn(f"no name saved yet; `factcheck reviewer NAME` remembers one in {config_path()}")
    return 0
