"""``factcheck db copy SRC DST``: move a desk's whole database between SQLite files and PostgreSQL;
``factcheck db roles``: the desk's PostgreSQL roles and reviewers' logins."""

from __future__ import annotations

import argparse
from typing import Any

from cli.context import CliContext

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
    r = db_sub.add_parser(
        "roles",
        help="PostgreSQL: create factcheck_checker and factcheck_editor with their grants, or add a login",
        description="Create the desk roles factcheck_checker (import, edit, propose verdicts, attach sources) and "
        "factcheck_editor (also assign and publish) with their grants on every table; run as the database "
        "owner, again after an upgrade. With --add-login, create a reviewer's login in one of them; the history "
        "then records that login as the reviewer, whatever --reviewer says.",
    )
    r.add_argument("--add-login", metavar="NAME", help="create (or move) the login NAME into --role")
    r.add_argument("--role", choices=("checker", "editor"), default="checker", help="the login's role")
    r.add_argument(
        "--password-stdin", action="store_true", help="set the login's password from the first line of stdin"
    )
    r.set_defaults(func=run_roles)


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


def run_roles(args: argparse.Namespace, ctx: CliContext) -> int:
    import sys

    from db.roles import add_login, create_roles

    database = ctx.db
    if args.add_login:
        password = sys.stdin.readline().rstrip("\r\n") if args.password_stdin else None
        new = add_login(database, args.add_login, args.role, password=password)
        said = "created" if new else "now"
        ctx.console.print(f"login {args.add_login} {said} in factcheck_{args.role}", markup=False, soft_wrap=True)
    else:
        outcome = create_roles(database)
        made = f"created {', '.join(outcome.created)}; " if outcome.created else ""
        ctx.console.print(
            f"{made}factcheck_checker and factcheck_editor granted on {outcome.tables} tables",
            markup=False,
            soft_wrap=True,
        )
    return 0
