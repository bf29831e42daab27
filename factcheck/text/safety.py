"""Article and web text is data, never markup or terminal commands."""

from __future__ import annotations

import re

__all__ = ["escape_markup", "neutralize_csv_cell", "strip_control"]

# ANSI/VT escape sequences (CSI, OSC, other ESC forms), then any remaining C0/C1 control except \t \n.
_ANSI_RE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def strip_control(text: str) -> str:
    """Remove terminal escape sequences and control characters; keep tabs and newlines."""
    return _CONTROL_RE.sub("", _ANSI_RE.sub("", text))


def escape_markup(text: str) -> str:
    """Text safe to embed in Rich/Textual markup: controls stripped, square brackets escaped."""
    from rich.markup import escape  # rich is light and display-only; keep it out of import time

    return escape(strip_control(text))


def neutralize_csv_cell(value: str) -> str:
    """Prefix a quote to cells a spreadsheet would run as a formula (OWASP CSV injection)."""
    if value.startswith(_FORMULA_START):
        return "'" + value
    return value
