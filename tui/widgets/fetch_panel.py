"""Shown while a source is fetched: what, for how long, and how to stop it."""

from __future__ import annotations

from time import monotonic

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar

from factcheck.text import strip_control

__all__ = ["FetchPanel"]


class FetchPanel(Horizontal):
    DEFAULT_CSS = """
    FetchPanel { dock: bottom; height: 1; background: $boost; padding: 0 1; }
    FetchPanel ProgressBar { width: 24; }
    FetchPanel Label { width: 1fr; }
    """

    def __init__(self, url: str) -> None:
        super().__init__(id="fetch-panel")
        self.url = " ".join(strip_control(url).split())
        self.started = monotonic()

    def compose(self) -> ComposeResult:
        yield ProgressBar(total=None, show_eta=False, show_percentage=False)
        yield Label(self._line(), id="fetch-label", markup=False)

    def on_mount(self) -> None:
        self.set_interval(0.2, self._tick)

    def _line(self) -> Text:
        return Text.assemble(
            "Fetching ", (self.url, "underline"), f" · {monotonic() - self.started:.1f} s · ", ("esc cancels", "bold")
        )

    def _tick(self) -> None:
        self.query_one("#fetch-label", Label).update(self._line())
