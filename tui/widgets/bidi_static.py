"""A block of article text that wraps to its width and follows the app's bidi setting."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.widgets import Static

from tui.bidi import BidiParagraph

__all__ = ["BidiStatic"]


class BidiStatic(Static):
    """Shows ``Text`` (never markup) through ``BidiParagraph``; redraws when ``app.bidi`` changes."""

    DEFAULT_CSS = """
    BidiStatic { height: auto; }
    """

    def __init__(self, text: Text | str = "", *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self._source_text = text if isinstance(text, Text) else Text(text)

    def on_mount(self) -> None:
        self.watch(self.app, "bidi", self._redraw, init=False)
        self._redraw()

    def set_text(self, text: Text | str) -> None:
        self._source_text = text if isinstance(text, Text) else Text(text)
        self._redraw()

    @property
    def source_text(self) -> Text:
        return self._source_text

    def _redraw(self, _value: object = None) -> None:
        bidi = bool(getattr(self.app, "bidi", False))
        renderable: RenderableType = BidiParagraph(self._source_text, bidi=bidi)
        self.update(renderable)
