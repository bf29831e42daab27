"""``factcheck db copy SRC DST``: move a desk's whole database between SQLite files and PostgreSQL."""

from __future__ import annotations

import argparse
from typing import Any

from tui.cli.context import CliContext

__all__ = ["register"]


def register(sub: Any) -> None:
    group = sub.add_parser("db", help="whole-database operations (copy between SQLite and PostgreSQL)")
    db_sub = group.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    c = db_sub.add_parser(
        "copy",
        help="copy every table of SRC into DST (files or postgresql+psycopg:// URLs), keeping ids",
        description="Copy every table of SRC into DST, keeping ids; both are created or migrated first. "
        "A DST that already holds data is refused unless --force, which replaces it.",
    )
    c.add_argument("source", metavar="SRC", help="database file or SQLAlchemy URL to copy from")
    c.add_argument("destination", metavar="DST", help="database file or SQLAlchemy URL to copy into")
    c.add_argument(
        "--force", "--into-non-empty", action="store_true", dest="force",
        help="replace whatever DST holds (deleted in the same transaction as the copy)",
    )  # fmt: skip
    c.add_argument("--json", action="store_true", help="print the rows copied per table as JSON")
    c.set_defaults(func=run_copy)


def run_copy(args: argparse.Namespace, ctx: CliContext) -> int:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from db.copy import copy_database
    from db.engine import open_database

    source = open_database(args.source)
    try:
        destination = open_database(args.destination)
        try:
            quiet = args.json or not ctx.err_console.is_terminal  # a bar only for a person watching
            columns = (TextColumn("{task.description:<18}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
            with Progress(*columns, console=ctx.err_console, transient=True, disable=quiet) as bar:
                tasks: dict[str, Any] = {}

                def progress(table: str, done: int, total: int) -> None:
                    if table not in tasks:
                        tasks[table] = bar.add_task(table, total=total)
                    bar.update(tasks[table], completed=done)

                result = copy_database(source, destination, replace=args.force, progress=progress)
        finally:
            destination.dispose()
    finally:
        source.dispose()
    if args.json:
        ctx.print_json({"tables": result.rows, "rows": result.total})
    else:
        ctx.console.print(
            f"copied {result.total:,} rows in {len(result.rows)} tables from {source.where} to {destination.where}; "
            "every table's count matches",
            markup=False,
            soft_wrap=True,
        )
    return 0
