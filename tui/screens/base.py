"""What every workbench screen shares: the typed app, the bidi watch, error notifications."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual.screen import Screen

from factcheck.errors import FactcheckError

if TYPE_CHECKING:
    from tui.app import WorkbenchApp

__all__ = ["WorkbenchScreen", "error_title"]


def error_title(exc: FactcheckError) -> str:
    """A short notification title from the error class: ``StaleEditError`` -> ``Stale edit``."""
    name = type(exc).__name__.removesuffix("Error") or "Error"
    words = "".join(f" {c.lower()}" if c.isupper() else c for c in name).strip()
    return words[:1].upper() + words[1:]


class WorkbenchScreen(Screen[None]):
    @property
    def workbench(self) -> WorkbenchApp:
        return cast("WorkbenchApp", self.app)

    _shown_before = False

    def on_mount(self) -> None:
        self.watch(self.app, "bidi", self._bidi_changed, init=False)

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
        self.notify(str(exc), title=error_title(exc), severity="error", timeout=8)
