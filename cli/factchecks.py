"""``factcheck factchecks`` (the archive of past fact-checks) and ``factcheck prior`` (has it been checked?).

Archive text is data from outside: every piece shown in a Rich table goes through ``escape_markup``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from cli import tables
from cli.context import CliContext
from factcheck.errors import FactcheckError

__all__ = ["register"]


LOOKUP_CHUNK = 256  # claims looked up per transaction after an archive import


def register(sub: Any) -> None:
    f = sub.add_parser(
        "factchecks",
        help="the archive of past fact-checks (list, or import ClaimReview JSON-LD / CSV / TSV)",
        description="List the archived fact-checks, or import more with `factchecks import PATH...`.",
    )
    f.add_argument("--json", action="store_true")
    f.add_argument("--limit", type=int, default=50, help="rows to list (default 50; 0 for all)")
    f.set_defaults(func=run_list)
    fsub = f.add_subparsers(dest="factchecks_command", metavar="COMMAND")
    i = fsub.add_parser(
        "import",
        help="import fact-checks: ClaimReview .json/.jsonld/.jsonl, or .csv/.tsv with named columns",
        description="Import fact-checks. Spreadsheet columns: claim (required), rating, url, fact_checker, date, "
        "title, language, id; --column FIELD=HEADER (or FIELD=#N for the N-th column) names others.",
    )
    i.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    i.add_argument("--column", action="append", default=[], metavar="FIELD=HEADER", help="column override")
    i.add_argument("--no-embed", action="store_true", help="skip sentence vectors now (computed on first use)")
    i.add_argument("--no-lookup", action="store_true", help="do not look the stored claims up in the grown archive now")
    i.add_argument("--json", action="store_true")
    i.set_defaults(func=run_import)

    from cli.prior import register_prior

    register_prior(sub)


def _progress(ctx: CliContext, quiet: bool) -> Any:
    if quiet or not ctx.console.is_terminal:
        return None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeRemainingColumn

    return Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=ctx.console, transient=True,
    )  # fmt: skip


def run_import(args: argparse.Namespace, ctx: CliContext) -> int:
    from contextlib import nullcontext

    from db.factchecks import ArchiveImport, embed_missing, import_factchecks
    from db.review import load_scale
    from sources.factcheck_readers import parse_column_overrides, read_factchecks

    columns = parse_column_overrides(args.column)
    database = ctx.db
    with database.session() as session:
        scale = load_scale(session=session)
    progress = _progress(ctx, args.json)
    total = ArchiveImport()
    with progress or nullcontext():
        for path in args.paths:
            task = progress.add_task(f"importing {path.name}", total=None) if progress else None

            def tick(n: int, task: Any = task) -> None:
                if progress is not None:
                    progress.advance(task, n)

            try:
                report = import_factchecks(database, read_factchecks(path, columns=columns), on_batch=tick, scale=scale)
            except FactcheckError as exc:
                total.errors.append(str(exc))
                continue
            total.added += report.added
            total.present += report.present
            total.errors.extend(report.errors)
        embedded = 0
        if not args.no_embed:
            task = progress.add_task("embedding", total=None) if progress else None

            def step(done: int, all_: int) -> None:
                if progress is not None:
                    progress.update(task, completed=done, total=all_)

            embedded = embed_missing(database, on_batch=step)
        looked_up = 0 if args.no_lookup or not total.added else _look_up_stored_claims(ctx, progress, args.no_embed)
    if args.json:
        ctx.print_json(total.to_dict() | {"embedded": embedded, "looked_up": looked_up})
    else:
        for line in total.errors:
            ctx.error(line)
        ctx.console.print(
            f"{total.added} fact-checks archived, {total.present} already present, {len(total.errors)} failed"
            + (f"; {embedded} embedded" if embedded else "")
            + (f"; {looked_up} stored claims looked up again" if looked_up else ""),
            markup=False,
        )
    return 1 if total.errors else 0


def _look_up_stored_claims(ctx: CliContext, progress: Any, lexical: bool) -> int:
    """The archive grew: the claims already stored get their prior fact-checks again (as on import),
    one transaction per chunk so a reviewer's save waits at most one chunk. Lexical only with
    ``--no-embed`` (the fact-checks have no vectors yet). Returns how many claims were looked up."""
    from db.listing import claim_ids
    from db.priors import refresh_priors

    with ctx.db.session() as session:
        ids = claim_ids(session)
    task = progress.add_task("looking up stored claims", total=len(ids)) if progress and ids else None
    for start in range(0, len(ids), LOOKUP_CHUNK):
        with ctx.db.transaction() as session:
            refresh_priors(session, ids[start : start + LOOKUP_CHUNK], vectors=not lexical)
        if task is not None:
            progress.advance(task, len(ids[start : start + LOOKUP_CHUNK]))
    return len(ids)


def run_list(args: argparse.Namespace, ctx: CliContext) -> int:
    from db.factchecks import count_factchecks, factcheck_dict, list_factchecks, sync_workbench_verdicts

    with ctx.db.transaction() as session:
        sync_workbench_verdicts(session)  # the desk's own verdicts are part of the archive
        rows = list_factchecks(session, limit=None if args.json or args.limit <= 0 else args.limit)
        total = count_factchecks(session)
    if args.json:
        ctx.print_json([factcheck_dict(r) for r in rows])
        return 0
    ctx.console.print(tables.archive_table(rows, total))
    if len(rows) < total:
        ctx.console.print(f"{len(rows)} of {total} shown (--limit 0 for all)", markup=False)
    return 0
