"""The ``factcheck`` command line: one module per command group, each with a ``register``.

Every ``FactcheckError`` becomes one readable line on stderr and a non-zero exit; a traceback is a bug.
Modules are imported only when the parser is built, and heavy ones (Textual) only inside handlers.
The global options (``--db``, ``--allow-private``) are accepted before the command and after it.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Iterator, Sequence
from typing import Any

from cli.context import CliContext
from factcheck.errors import FactcheckError

__all__ = ["build_parser", "main"]

# Command groups, in the order ``factcheck --help`` lists them.
COMMAND_MODULES = [
    "cli.importing",
    "cli.browse",
    "cli.review",
    "cli.export",
    "cli.matching",
    "cli.vectors",
    "cli.factchecks",
    "cli.assign",
    "cli.dbcopy",
    "cli.workbench",
]


def build_parser() -> argparse.ArgumentParser:
    from factcheck import __version__

    parser = argparse.ArgumentParser(
        prog="factcheck",
        description="Claim and fact-checking workbench. With no command, opens the workbench.",
    )
    parser.add_argument("--version", action="version", version=f"factcheck {__version__}")
    _global_options(parser, default=None)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    for command in _subparsers(parser):
        # After the command too; SUPPRESS keeps a value given before the command when none is given after.
        _global_options(command, default=argparse.SUPPRESS)
    return parser


def _global_options(parser: argparse.ArgumentParser, *, default: Any) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=default,
        help="database file or SQLAlchemy URL (default: $FACTCHECK_DB, else ./factcheck.db)",
    )
    parser.add_argument(
        "--allow-private",
        action="store_true",
        default=default if default is argparse.SUPPRESS else False,
        help="let source fetches reach loopback, private and link-local addresses (a desk's intranet)",
    )


def _subparsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    """Every command and sub-command parser below ``parser``."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):  # aliases share a parser
                yield child
                yield from _subparsers(child)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    ctx = CliContext(db_target=args.db, allow_private=args.allow_private)
    handler = getattr(args, "func", None)
    try:
        if handler is None:
            from cli.workbench import open_workbench

            return open_workbench(args, ctx)
        return int(handler(args, ctx) or 0)
    except FactcheckError as exc:
        ctx.error(str(exc))
        return 1
    except KeyboardInterrupt:
        ctx.error("interrupted")
        return 130
    except OSError as exc:  # disk full, permissions, a file vanishing under us
        where = f"{exc.filename}: " if exc.filename else ""
        ctx.error(f"{where}{exc.strerror or exc}")
        return 1
    except Exception as exc:
        if type(exc).__module__.startswith("sqlalchemy"):  # a database failure not translated closer to it
            ctx.error(f"database error: {getattr(exc, 'orig', None) or exc}")
            return 1
        raise
    finally:
        ctx.close()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
