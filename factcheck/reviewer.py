"""Who is making a change: ``--reviewer``, else ``FACTCHECK_REVIEWER``, else the OS user."""

from __future__ import annotations

import getpass
import os

from factcheck.errors import InvalidValueError

__all__ = ["resolve_reviewer"]


def resolve_reviewer(explicit: str | None = None) -> str:
    for candidate in (explicit, os.environ.get("FACTCHECK_REVIEWER")):
        if candidate is not None:
            name = " ".join(candidate.split())
            if not name:
                raise InvalidValueError("reviewer name is empty")
            return name
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"
