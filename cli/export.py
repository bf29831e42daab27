"""``factcheck export``, ``factcheck load`` and ``factcheck report``: the review record out and back in."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from cli.context import CliContext, positive_id
from factcheck.errors import UnreadableFileError
from factcheck.files import write_atomically
from factcheck.model import ClaimStatus

__all__ = ["register"]

FORMATS = ("md", "html", "json", "csv", "claimreview")


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {value!r}") from None


def _filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--article", type=positive_id, metavar="ID", help="only the claims of this article")
    parser.add_argument(
        "--status", choices=[s.value for s in ClaimStatus], help="only claims in this review state (e.g. published)"
    )
    parser.add_argument(
        "--since", type=_iso_date, metavar="YYYY-MM-DD", help="only claims changed or given a verdict on or after"
    )


def register(sub: Any) -> None:
    e = sub.add_parser(
        "export",
        help="export the verdict report (md, html, json, csv, claimreview)",
        description="Export claims with their verdicts, sources, clusters and contradictions. Text goes to "
        "stdout unless -o is given. The json format is the complete record that `factcheck load` reads; "
        "claimreview is schema.org ClaimReview JSON-LD, one object per published verdict.",
    )
    e.add_argument("--format", "-f", choices=FORMATS, default="md", help="output format (default: md)")
    e.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE (atomically) instead of stdout")
    _filters(e)
    e.add_argument("--base-url", metavar="URL", help="claimreview: reviews live at URL/claims/ID")
    e.add_argument("--publisher", metavar="NAME", help="claimreview: the fact-checking organisation as author")
    e.set_defaults(func=run_export)

    load = sub.add_parser(
        "load",
        help="rebuild an empty database from a JSON export",
        description="Load a `factcheck export --format json` file into an empty database, keeping every id.",
    )
    load.add_argument("file", type=Path, metavar="FILE")
    load.set_defaults(func=run_load)

    r = sub.add_parser("report", help="print the verdict summary: ratings, contradictions, agreement")
    _filters(r)
    r.add_argument(
        "--bidi",
        choices=["auto", "on", "off"],
        default="auto",
        help="reshape and reorder Arabic for terminals that do not (auto: unless the terminal does it)",
    )
    r.set_defaults(func=run_report)


def _gather(args: argparse.Namespace, ctx: CliContext, *, export: bool = False) -> Any:
    from db.report_data import gather_record
    from db.roles import require_editor
    from factcheck.reports import build_report

    with ctx.db.transaction() as session:  # one read transaction: a consistent snapshot
        if export:
            require_editor(session, "exporting the report")
        record = gather_record(session, article_id=args.article, status=args.status, since=args.since)
    return build_report(record)


def run_export(args: argparse.Namespace, ctx: CliContext) -> int:
    from db.types import utcnow
    from factcheck.reports import render_report

    report = _gather(args, ctx, export=True)
    text = render_report(
        report,
        args.format,
        generated_at=utcnow() if args.format in ("md", "html") else None,
        base_url=args.base_url,
        publisher=args.publisher,
    )
    data = text.encode("utf-8")
    if args.output is None:
        stream = getattr(sys.stdout, "buffer", None)
        if stream is not None:
            sys.stdout.flush()
            stream.write(data)
            stream.flush()
        else:  # pragma: no cover - a text-only stdout
            sys.stdout.write(text)
        return 0
    write_atomically(args.output, data)
    ctx.err_console.print(
        f"wrote {len(report.claims)} claims to {args.output} ({args.format})", markup=False, highlight=False
    )
    return 0


def run_load(args: argparse.Namespace, ctx: CliContext) -> int:
    from db.report_data import load_record
    from factcheck.reports import parse_record

    path: Path = args.file
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableFileError(path, "no such file") from None
    except OSError as exc:
        raise UnreadableFileError(path, f"cannot read ({exc.strerror})") from exc
    record = parse_record(data, origin=str(path))
    with ctx.db.transaction() as session:
        written = load_record(session, record)
    summary = ", ".join(f"{n} {table}" for table, n in written.items() if n)
    ctx.console.print(f"loaded {path}: {summary or 'nothing'}", markup=False, highlight=False)
    return 0


def run_report(args: argparse.Namespace, ctx: CliContext) -> int:
    from factcheck.reports.terminal import summary_renderables
    from tui.bidi import BidiParagraph, resolve_bidi

    report = _gather(args, ctx)
    reorder = resolve_bidi(args.bidi)
    rtl_cell = (lambda text: BidiParagraph(text, bidi=True)) if reorder else None
    ctx.console.print(summary_renderables(report, rtl_cell=rtl_cell))
    _print_prior_sections(ctx, report.record.selection.claim_ids)
    return 0


def _print_prior_sections(ctx: CliContext, claim_ids: Sequence[int]) -> None:
    """Where a verdict was reused from a prior fact-check, and which verdicts disagree with a linked
    claim or a matched fact-check (each only when there is any)."""
    from cli import tables
    from db.prior_review import all_disagreements, reused_verdicts

    with ctx.db.session() as session:
        reused = reused_verdicts(session, claim_ids)
        disagreeing = all_disagreements(session, claim_ids)
    if reused:
        ctx.console.print(tables.reused_table(reused))
    if disagreeing:
        ctx.console.print(tables.disagreements_table(disagreeing))
