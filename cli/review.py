"""Review commands' arguments: ``source add|retry``, ``sources``, ``verdict``, ``status``, ``history``,
``claim edit|split|merge|add`` and ``scale``. What each command does is in ``cli.review_actions``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from cli.context import positive_id, whole_number
from cli.review_actions import (
    run_claim_add,
    run_claim_edit,
    run_claim_merge,
    run_claim_split,
    run_history,
    run_scale,
    run_source_add,
    run_source_retry,
    run_sources,
    run_status,
    run_verdict,
)

__all__ = ["register"]


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
