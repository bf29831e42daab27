"""The report summary for a terminal, as rich renderables (``factcheck report``).

Every string that came from an article, a source or a reviewer goes through ``escape_markup``, since
rich reads markup in table cells and titles. Right-to-left text can instead be handed to ``rtl_cell``
(the terminal layer's reshaping and reordering, for terminals that do not apply bidi themselves).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from factcheck.reports.fmt import contradiction_sides, selection_text, shorten
from factcheck.reports.summary import ASSERTS, CONTRADICTS, DISPUTED, Report
from factcheck.text import escape_markup

__all__ = ["summary_renderables"]

BAR_WIDTH = 30
CELL_STYLE = {ASSERTS: "green", CONTRADICTS: "bold red", DISPUTED: "yellow"}
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
TextCell = Callable[[str], RenderableType]


def _escaped(text: str) -> RenderableType:
    return escape_markup(text)


def _cells(rtl_cell: TextCell | None) -> TextCell:
    """How a piece of article text becomes a table cell: escaped, or handed to ``rtl_cell`` if RTL."""
    if rtl_cell is None:
        return _escaped
    return lambda text: rtl_cell(text) if _RTL.search(text) else escape_markup(text)


def _ratings(report: Report) -> Table:
    summary = report.summary
    table = Table(title="Verdicts by rating", title_justify="left")
    table.add_column("Rating")
    table.add_column("Claims", justify="right")
    table.add_column("", min_width=BAR_WIDTH)
    most = max((n for _, n in summary.by_rating), default=0)
    for label, count in summary.by_rating:
        width = round(BAR_WIDTH * count / most) if most else 0
        table.add_row(escape_markup(label), str(count), Text("█" * width, style="cyan"))
    return table


def _contradictions(report: Report, cell: TextCell) -> RenderableType:
    rows = report.summary.open_contradictions
    if not rows:
        return Text("No open contradictions.")
    table = Table(title=f"Open contradictions ({len(rows)})", title_justify="left")
    for name in ("Kind", "Says", "Outlet", "Other says", "Other outlet"):
        table.add_column(name)
    for row in rows:
        (a, va), (b, vb) = contradiction_sides(report, row)
        table.add_row(
            escape_markup(row.kind),
            cell(f"{va} (#{a.id})"),
            cell(report.article_of(a).label),
            cell(f"{vb} (#{b.id})"),
            cell(report.article_of(b).label),
        )
    return table


def _matrix(report: Report, cell: TextCell) -> RenderableType:
    summary = report.summary
    if not summary.matrix:
        return Text("No claim appears in more than one article.")
    table = Table(title="Agreement between outlets", title_justify="left")
    table.add_column("Claim", justify="right")
    table.add_column("First appearance", max_width=50)
    for outlet in summary.outlets:
        table.add_column(cell(shorten(outlet, 24)))
    for row in summary.matrix:
        text = shorten(report.claim_by_id[row.cluster].text, 60)
        cells = [Text(value, style=CELL_STYLE.get(value, "dim")) for value in row.cells]
        table.add_row(f"#{row.cluster}", cell(text), *cells)
    return table


def summary_renderables(report: Report, *, rtl_cell: TextCell | None = None) -> Group:
    summary = report.summary
    statuses = ", ".join(f"{n} {s}" for s, n in summary.by_status) or "none"
    head = Text.assemble(
        ("Verdict report", "bold"),
        f" — {selection_text(report.record)}: {summary.claims} claims ({statuses}); ",
        (f"{len(summary.confirmed_contradictions)} confirmed", "red"),
        " and ",
        (f"{len(summary.open_contradictions)} open contradictions", "yellow"),
    )
    scale = report.record.scale
    methods = Text(
        "Rating scale: " + ", ".join(f"{r.label} ({r.value})" for r in scale.ratings),
        style="dim",
    )
    cell = _cells(rtl_cell)
    return Group(head, _ratings(report), _contradictions(report, cell), _matrix(report, cell), methods)
