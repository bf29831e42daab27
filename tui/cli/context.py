"""What every command handler gets: the database (opened on first use), consoles, JSON output."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

from rich.console import Console

from factcheck.text import strip_control

if TYPE_CHECKING:
    from db.engine import Database

__all__ = ["CliContext", "to_json"]


def to_json(data: Any) -> str:
    """Stable JSON for scripts: UTF-8 (Arabic stays readable), sorted keys, ISO dates."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2, default=_default)


def _default(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


class CliContext:
    def __init__(self, *, db_target: str | None) -> None:
        self.db_target = db_target
        self.console = Console(highlight=False)
        self.err_console = Console(stderr=True, highlight=False)
        self._db: Database | None = None

    @property
    def db(self) -> Database:
        if self._db is None:
            from db.engine import open_database

            self._db = open_database(self.db_target)
        return self._db

    def print_json(self, data: Any) -> None:
        sys.stdout.write(to_json(data) + "\n")

    def error(self, message: str) -> None:
        """One line on stderr, never interpreted as markup."""
        line = " ".join(strip_control(message).split())
        self.err_console.print(f"factcheck: error: {line}", markup=False, highlight=False, soft_wrap=True)

    def warn(self, message: str) -> None:
        line = " ".join(strip_control(message).split())
        self.err_console.print(f"factcheck: warning: {line}", markup=False, highlight=False, soft_wrap=True)

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()
            self._db = None
