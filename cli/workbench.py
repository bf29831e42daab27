"""``factcheck`` with no command, ``factcheck tui``: open the Textual workbench."""

from __future__ import annotations

import argparse
from typing import Any

from cli.context import CliContext

__all__ = ["open_workbench", "register"]


def register(sub: Any) -> None:
    p = sub.add_parser(
        "tui",
        help="open the workbench (the same as running factcheck with no command)",
        description="Open the keyboard workbench: articles, claims, claim detail, contradictions queue.",
    )
    p.add_argument(
        "--bidi",
        choices=["auto", "on", "off"],
        default="auto",
        help="reshape and reorder Arabic for terminals that do not (auto: off in VTE, Konsole and "
        "Apple Terminal, which reorder by themselves; on elsewhere)",
    )
    p.set_defaults(func=open_workbench)


def open_workbench(args: argparse.Namespace, ctx: CliContext) -> int:
    """Run the app until the user quits; the database is opened (and migrated) before the first paint."""
    from sources.fetch import FetchOptions
    from tui.app import make_app

    options = FetchOptions(allow_private=ctx.allow_private)
    app = make_app(database=ctx.db, bidi=getattr(args, "bidi", None) or "auto", fetch_options=options)
    app.run()
    return int(app.return_code or 0)
