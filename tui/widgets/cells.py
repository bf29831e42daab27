"""Table cells: article and claim text as plain data (never markup), fitted and bidi-aware."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from tui.bidi import fit_line

__all__ = ["count_cell", "date_cell", "number_cell", "text_cell"]


def text_cell(value: str | None, width: int, *, bidi: bool, placeholder: str = "—") -> Text:
    if not value:
        return Text(placeholder, style="dim")
    return fit_line(value, width, bidi=bidi)


def date_cell(value: date | None) -> Text:
    return Text(value.isoformat(), no_wrap=True) if value else Text("—", style="dim")


def count_cell(value: int, *, alert: bool = False) -> Text:
    style = "bold red" if alert and value else ("dim" if not value else "")
    return Text(str(value), style=style, justify="right")


def number_cell(value: float, fmt: str = "{:.2f}") -> Text:
    return Text(fmt.format(value), justify="right")
