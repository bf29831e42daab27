"""``factcheck articles``, ``claims`` and ``show``: read-only views, rich tables or stable JSON."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from rich.text import Text

from cli import tables
from cli.context import CliContext, positive_id, whole_number
from cli.review_actions import render_review_section
from cli.review_json import review_record
from factcheck.model import ClaimStatus, Slots
from factcheck.text import strip_control
from factcheck.text.sentences import sentence_around

if TYPE_CHECKING:  # the database layer loads when a command runs, not when the parser is built
    from db.models import Article, Claim

__all__ = ["article_json", "claim_json", "print_articles", "print_claims", "register"]


def register(sub: Any) -> None:
    a = sub.add_parser("articles", help="list imported articles")
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=run_articles)

    c = sub.add_parser("claims", help="list claims, most check-worthy first")
    c.add_argument("--article", type=positive_id, metavar="ID", help="only claims of this article")
    c.add_argument("--status", choices=[s.value for s in ClaimStatus], help="only claims in this review state")
    c.add_argument("--limit", type=whole_number, default=None, help="at most this many claims")
    c.add_argument("--has-prior", action="store_true", help="only claims with a prior fact-check badge")
    queue = c.add_mutually_exclusive_group()
    queue.add_argument("--mine", action="store_true", help="only claims assigned to you (see `factcheck reviewer`)")
    queue.add_argument("--unassigned", action="store_true", help="only claims nobody is assigned")
    queue.add_argument("--assigned-to", metavar="NAME", help="only claims assigned to NAME")
    c.add_argument("--reviewer", metavar="NAME", help="who you are, for --mine (default: $FACTCHECK_REVIEWER, …)")
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=run_claims)

    s = sub.add_parser("show", help="one claim with its slots, in its sentence")
    s.add_argument("claim_id", type=positive_id, metavar="CLAIM_ID")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=run_show)


def article_json(article: Article, claim_count: int) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "url": article.url,
        "language": article.language,
        "published": article.published.isoformat() if article.published else None,
        "imported_at": article.imported_at.isoformat(),
        "content_hash": article.content_hash,
        "source_path": article.source_path,
        "encoding": article.encoding,
        "claims": claim_count,
    }


def claim_json(claim: Claim) -> dict[str, Any]:
    return {
        "id": claim.id,
        "article_id": claim.article_id,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "kind": claim.kind,
        "checkworthiness": round(claim.checkworthiness, 3),
        "negated": claim.negated,
        "status": claim.status,
        "origin": claim.origin,
        "version": claim.version,
        "assignee": claim.assignee,
        "slots": Slots.from_dict(claim.slots).to_dict(),
    }


def _articles(ctx: CliContext) -> list[tuple[Article, int]]:
    from db.listing import articles_with_counts

    with ctx.db.session() as session:
        return articles_with_counts(session)


def print_articles(ctx: CliContext) -> None:
    ctx.console.print(tables.articles_table(_articles(ctx)))


def run_articles(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.json:
        ctx.print_json([article_json(article, n) for article, n in _articles(ctx)])
    else:
        print_articles(ctx)
    return 0


def _queue(args: argparse.Namespace) -> dict[str, Any]:
    """``claims``' assignment filter as ``db.assignment.assignee_condition`` arguments."""
    from factcheck.reviewer import resolve_reviewer

    assignee = resolve_reviewer(args.reviewer) if args.mine else args.assigned_to
    return {"assignee": assignee, "unassigned": args.unassigned}


def _claims(
    ctx: CliContext,
    *,
    article_id: int | None,
    status: str | None,
    limit: int | None,
    queue: dict[str, Any] | None = None,
    has_prior: bool = False,
) -> list[Claim]:
    from db.listing import list_claims

    with ctx.db.session() as session:
        return list_claims(
            session, article_id=article_id, status=status, limit=limit, has_prior=has_prior, **(queue or {})
        )


def print_claims(
    ctx: CliContext,
    *,
    article_id: int | None,
    status: str | None,
    limit: int | None,
    queue: dict[str, Any] | None = None,
    has_prior: bool = False,
) -> None:
    claims = _claims(ctx, article_id=article_id, status=status, limit=limit, queue=queue, has_prior=has_prior)
    ctx.console.print(tables.claims_table(claims))


def run_claims(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.json:
        claims = _claims(
            ctx, article_id=args.article, status=args.status, limit=args.limit, queue=_queue(args),
            has_prior=args.has_prior,
        )  # fmt: skip
        ctx.print_json([claim_json(claim) for claim in claims])
    else:
        print_claims(
            ctx, article_id=args.article, status=args.status, limit=args.limit, queue=_queue(args),
            has_prior=args.has_prior,
        )  # fmt: skip
    return 0


def _load_claim(ctx: CliContext, claim_id: int) -> tuple[Claim, Article]:
    from db.listing import claim_and_article

    with ctx.db.session() as session:
        return claim_and_article(session, claim_id)


def run_show(args: argparse.Namespace, ctx: CliContext) -> int:
    claim, article = _load_claim(ctx, args.claim_id)
    left, right = sentence_around(article.body, claim.start, claim.end)
    if args.json:
        data = claim_json(claim)
        data["article"] = article_json(article, 0) | {"claims": None}
        data["context"] = {"start": left, "end": right, "text": article.body[left:right]}
        with ctx.db.session() as session:
            data["review"] = review_record(session, args.claim_id)
        ctx.print_json(data)
        return 0
    title = strip_control(tables.title_of(article))
    ctx.console.print(Text(f"Claim {claim.id} · article {article.id}: {title}", style="bold"))
    context = Text(strip_control(article.body[left : claim.start]))
    context.append(strip_control(article.body[claim.start : claim.end]), style="bold black on yellow")
    context.append(strip_control(article.body[claim.end : right]))
    ctx.console.print(context)
    ctx.console.print()
    meta = tables.claim_meta_table(claim)
    ctx.console.print(meta)
    with ctx.db.session() as session:
        render_review_section(ctx, session, args.claim_id)
    return 0
