"""The footer: the keys that work here, with what they do, drawn as one line of text.

Textual's Footer mounts one widget per key and recomposes on every focus change, which costs a
noticeable fraction of a second per screen change on a slow machine; this draws the same content
as a single ``Text``. Keys that do not fit are left out from the end (``?`` lists them all).
"""

from __future__ import annotations

from rich.text import Text
from textual.screen import Screen
from textual.widgets import Static

__all__ = ["KeyBar"]


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; background: $footer-background; color: $footer-foreground; }
    """

    _watched: Screen[object] | None = None

    def on_mount(self) -> None:
        self._watched = self.screen
        self._watched.bindings_updated_signal.subscribe(self, self._changed)
        self._draw()

    def on_unmount(self) -> None:
        if self._watched is not None:
            self._watched.bindings_updated_signal.unsubscribe(self)

    def on_resize(self) -> None:
        self._draw()

    def _changed(self, _screen: Screen[object]) -> None:
        self.call_after_refresh(self._draw)

    def _draw(self) -> None:
        if not self.is_attached:
            return
        width = self.size.width or 80
        tail = Text.assemble(("^p", "bold"), " palette")
        line = Text(no_wrap=True, end="")
        seen: set[str] = set()
        items: list[Text] = []
        pinned: list[Text] = []  # help stays visible however narrow the terminal is
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            key = binding.key_display or self.app.get_key_display(binding)
            item = Text.assemble((f" {key} ", "bold reverse" if active.enabled else "dim"), f" {binding.description} ")
            (pinned if binding.action == "help" else items).append(item)
        room = width - tail.cell_len - 1 - sum(item.cell_len for item in pinned)
        for item in items:
            if line.cell_len + item.cell_len > room:
                break
            line.append_text(item)
        for item in pinned:
            line.append_text(item)
        line.append(" " * max(width - line.cell_len - tail.cell_len - 1, 1))
        line.append_text(tail)
        self.update(line)
