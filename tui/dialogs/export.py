"""Export a report (``factcheck.reports``, gathered by ``db.report_data``) to a file from the workbench."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, OptionList
from textual.widgets.option_list import Option

from db.engine import Database
from factcheck.errors import FactcheckError
from tui.context import WorkbenchContext

__all__ = ["ExportDialog", "ExportRequest", "export_flow", "write_report"]

FORMATS = [
    ("md", "Markdown (.md)", "md"),
    ("html", "HTML, one self-contained page (.html)", "html"),
    ("csv", "CSV for spreadsheets (.csv)", "csv"),
    ("json", "JSON: the complete review record (.json)", "json"),
    ("claimreview", "ClaimReview JSON-LD (.jsonld)", "jsonld"),
]


@dataclass(frozen=True, slots=True)
class ExportRequest:
    fmt: str
    path: Path
    published_only: bool


class ExportDialog(ModalScreen[ExportRequest | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Export", tooltip="Write the report", id="export-save", priority=True),
        Binding("escape", "cancel", "Cancel", id="export-cancel"),
    ]

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export-dialog"):
            yield Label("Export a report", classes="dialog-title", markup=False)
            yield OptionList(*(Option(label, id=code) for code, label, _ in FORMATS), id="export-format")
            yield Input(value=str(self.folder / "factcheck-report.md"), id="export-path")
            yield Checkbox("Only published verdicts", id="export-published")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export (ctrl+s)", variant="primary", id="export-save-button")
                yield Button("Cancel (esc)", id="export-cancel-button")

    def on_mount(self) -> None:
        formats = self.query_one("#export-format", OptionList)
        formats.highlighted = 0
        formats.focus()

    @on(OptionList.OptionHighlighted, "#export-format")
    def _format_changed(self, event: OptionList.OptionHighlighted) -> None:
        path = self.query_one("#export-path", Input)
        suffix = {code: ext for code, _, ext in FORMATS}[event.option.id or "md"]
        path.value = str(Path(path.value or "factcheck-report").with_suffix(f".{suffix}"))

    @on(OptionList.OptionSelected, "#export-format")
    def _format_chosen(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-save-button")
    def action_save(self) -> None:
        formats = self.query_one("#export-format", OptionList)
        text = self.query_one("#export-path", Input).value.strip()
        if not text:
            self.notify("Give the file to write.", title="No file", severity="warning")
            return
        fmt = FORMATS[formats.highlighted or 0][0]
        published = self.query_one("#export-published", Checkbox).value
        self.dismiss(ExportRequest(fmt=fmt, path=Path(text).expanduser(), published_only=published))

    @on(Button.Pressed, "#export-cancel-button")
    def action_cancel(self) -> None:
        self.dismiss(None)


def write_report(database: Database, request: ExportRequest) -> int:
    """Gather, render and write (blocking: run it in a thread); the number of claims written."""
    from db.report_data import gather_record
    from db.roles import require_editor
    from db.types import utcnow
    from factcheck.files import write_atomically
    from factcheck.reports import build_report, render_report

    with database.transaction() as session:  # one consistent snapshot
        require_editor(session, "exporting the report")
        record = gather_record(session, status="published" if request.published_only else None)
    report = build_report(record)
    stamped = utcnow() if request.fmt in ("md", "html") else None
    text = render_report(report, request.fmt, generated_at=stamped)
    write_atomically(request.path, text.encode("utf-8"))
    return len(report.claims)


async def export_flow(app: App[Any], ctx: WorkbenchContext) -> None:
    """The dialog over ``app``, then the report written in a thread; a notification says how it went."""
    request = await app.push_screen_wait(ExportDialog(Path.cwd()))
    if request is None:
        return
    try:
        count = await ctx.call(write_report, ctx.database, request)
    except FactcheckError as exc:
        ctx.notify(str(exc), title="Export failed", severity="error", timeout=8)
        return
    ctx.notify(f"{count} claims in {request.path}", title=f"Report written ({request.fmt})", timeout=5)
