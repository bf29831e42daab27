"""What every workbench screen shares: the context it was made with, the bidi watch, error notifications."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from factcheck.errors import FactcheckError
from tui.context import WorkbenchContext

__all__ = ["WorkbenchScreen"]


class WorkbenchScreen(Screen[None]):
    """A screen over the workbench's context (given by the app that composes it, never looked up)."""

    def __init__(self, context: WorkbenchContext) -> None:
        super().__init__()
        self.workbench = context

    _shown_before = False

    def on_mount(self) -> None:
        self.workbench.watch_bidi(self, self._bidi_changed)

    def on_screen_resume(self) -> None:
        if self._shown_before:
            self.refresh_data()
        self._shown_before = True

    def refresh_data(self) -> None:
        """Read what is shown again when the screen comes back (a review elsewhere may have changed it)."""

    def _bidi_changed(self, _value: Any) -> None:
        self.bidi_changed()

    def bidi_changed(self) -> None:
        """Redraw what depends on the bidi setting."""

    def fail(self, exc: FactcheckError) -> None:
        self.workbench.fail(exc)
