"""What every command handler gets: the database (opened on first use), consoles, JSON output."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from rich.console import Console

from factcheck.text import strip_control

if TYPE_CHECKING:
    from db.engine import Database

__all__ = ["MAX_ID", "CliContext", "positive_id", "to_json", "whole_number"]

MAX_ID = 2**63 - 1  # SQLite's largest integer; a bigger one overflows the driver


def positive_id(text: str) -> int:
    """An argparse type for row ids: a whole number from 1 to ``MAX_ID``."""
    value = _integer(text, "an id")
    if not 1 <= value <= MAX_ID:
        raise argparse.ArgumentTypeError(f"{text!r} is not an id (a whole number from 1 to {MAX_ID})")
    return value


def whole_number(text: str) -> int:
    """An argparse type for offsets, counts and versions: 0 to ``MAX_ID``."""
    value = _integer(text, "a number")
    if not 0 <= value <= MAX_ID:
        raise argparse.ArgumentTypeError(f"{text!r} is out of range (a whole number from 0 to {MAX_ID})")
    return value


def _integer(text: str, what: str) -> int:
    stripped = text.strip()
    if len(stripped) > 25 and stripped.lstrip("+-").isdigit():
        raise argparse.ArgumentTypeError(f"{text[:25]!r}… is far too large for {what}")
    try:
        return int(stripped)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None


def to_json(data: Any) -> str:
    """Stable JSON for scripts: UTF-8 (Arabic stays readable), sorted keys, ISO dates."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2, default=_default)


def _default(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


class CliContext:
    def __init__(self, *, db_target: str | None, allow_private: bool = False) -> None:
        self.db_target = db_target
        self.allow_private = allow_private  # fetches may reach loopback, private and link-local addresses
        self.console = Console(highlight=False)
        self.err_console = Console(stderr=True, highlight=False)
        self._db: Database | None = None

    @property
    def db(self) -> Database:
        if self._db is None:
            from db.engine import open_database

            self._db = open_database(self.db_target)
            if self._db.read_only:
                self.warn(f"{self._db.path} cannot be written; opened read-only (changes will be refused)")
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
