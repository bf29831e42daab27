"""``factcheck match``, ``matches``, ``contradictions``, ``contradiction`` and ``link``.

Cross-article matching on demand, the clusters it found ("reported by N outlets"), the contradiction
flags, and the reviewer's decisions on both. Article text is data: every piece of it shown in a Rich
table goes through ``escape_markup``.
"""

from __future__ import annotations

import argparse
import os
from typing import Any

from cli import tables
from cli.context import CliContext, positive_id
from factcheck.reviewer import resolve_reviewer

__all__ = ["register"]

REASONS = ("real_conflict", "different_event", "different_period", "later_correction")
STATUSES = ("open", "confirmed", "dismissed")


def register(sub: Any) -> None:
    m = sub.add_parser("match", help="match claims across articles and flag contradictions")
    m.add_argument("--all", action="store_true", required=True, help="re-match every stored claim")
    m.add_argument("--json", action="store_true")
    m.set_defaults(func=run_match)

    c = sub.add_parser("matches", help="clusters of claims reported by several articles")
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=run_matches)

    x = sub.add_parser("contradictions", help="claims that disagree across articles")
    x.add_argument("--status", choices=STATUSES, help="only contradictions in this state")
    x.add_argument("--json", action="store_true")
    x.set_defaults(func=run_contradictions)

    d = sub.add_parser("contradiction", help="confirm or dismiss a contradiction")
    d.add_argument("decision", choices=("confirm", "dismiss"))
    d.add_argument("contradiction_id", type=positive_id, metavar="ID")
    d.add_argument("--reason", required=True, choices=REASONS)
    d.add_argument("--reviewer", help="who decides (default: $FACTCHECK_REVIEWER, else the OS user)")
    d.add_argument("--json", action="store_true")
    d.set_defaults(func=run_contradiction_decision)

    k = sub.add_parser("link", help="confirm or reject a suggested link between two claims")
    k.add_argument("decision", choices=("confirm", "reject"))
    k.add_argument("link_id", type=positive_id, metavar="ID")
    k.add_argument("--reviewer", help="who decides (default: $FACTCHECK_REVIEWER, else the OS user)")
    k.add_argument("--json", action="store_true")
    k.set_defaults(func=run_link_decision)


def run_match(args: argparse.Namespace, ctx: CliContext) -> int:
    from db.claim_vectors import mark_done
    from db.links import match_all

    with ctx.db.transaction() as session:
        summary = match_all(session, workers=os.cpu_count() or 1)
        mark_done(session)  # every claim was decided with its vector: the vectors pass has nothing left
    if args.json:
        ctx.print_json(summary.to_dict())
        return 0
    ctx.console.print(
        f"Matched {summary.claims} claims ({summary.candidates} candidate pairs): "
        f"{summary.links_added} new links, {summary.links_updated} updated, {summary.links_dropped} dropped; "
        f"{summary.contradictions_added} new contradictions, {summary.contradictions_dropped} withdrawn.",
        markup=False,
    )
    return 0


def run_matches(args: argparse.Namespace, ctx: CliContext) -> int:
    from db.link_review import list_clusters

    with ctx.db.session() as session:
        found = list_clusters(session)
    if args.json:
        ctx.print_json(found)
        return 0
    if not found:
        ctx.console.print("No matched claims yet. Import articles, or run: factcheck match --all", markup=False)
        return 0
    for cluster in found:
        for table in tables.cluster_tables(cluster):
            ctx.console.print(table)
    return 0


def run_contradictions(args: argparse.Namespace, ctx: CliContext) -> int:
    from db.link_review import list_contradictions

    with ctx.db.session() as session:
        found = list_contradictions(session, args.status)
    if args.json:
        ctx.print_json(found)
        return 0
    if not found:
        ctx.console.print("No contradictions" + (f" with status {args.status}." if args.status else "."))
        return 0
    ctx.console.print(tables.contradictions_table(found))
    return 0


def run_contradiction_decision(args: argparse.Namespace, ctx: CliContext) -> int:
    from db.link_review import decide_contradiction

    reviewer = resolve_reviewer(args.reviewer)
    with ctx.db.transaction() as session:
        row = decide_contradiction(
            session, args.contradiction_id, decision=args.decision, reason=args.reason, reviewer=reviewer
        )
        result = {"id": row.id, "kind": row.kind, "status": row.status, "reason": row.reason, "reviewer": reviewer}
    if args.json:
        ctx.print_json(result)
    else:
        ctx.console.print(
            f"Contradiction {result['id']} ({result['kind']}) {result['status']} by {reviewer}: {result['reason']}.",
            markup=False,
        )
    return 0


def run_link_decision(args: argparse.Namespace, ctx: CliContext) -> int:
    from db.link_review import decide_link

    reviewer = resolve_reviewer(args.reviewer)
    with ctx.db.transaction() as session:
        row = decide_link(session, args.link_id, decision=args.decision, reviewer=reviewer)
        result = {
            "id": row.id,
            "claim_a_id": row.claim_a_id,
            "claim_b_id": row.claim_b_id,
            "status": row.status,
            "reviewer": row.reviewer,
        }
    if args.json:
        ctx.print_json(result)
    else:
        ctx.console.print(
            f"Link {result['id']} ({result['claim_a_id']}–{result['claim_b_id']}) {result['status']} by {reviewer}.",
            markup=False,
        )
    return 0
