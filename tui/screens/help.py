"""``?``: every key that works where you are, and where it comes from."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

__all__ = ["PLACES", "HelpScreen"]

PLACES = {  # where a binding works, by the class that declares it (here and in the README)
    "WorkbenchApp": "everywhere",
    "ArticlesScreen": "articles",
    "ClaimsScreen": "claims",
    "ClaimDetailScreen": "claim detail",
    "ContradictionsScreen": "contradictions",
    "LinksTable": "linked claims",
    "PriorTable": "prior fact-checks",
    "ContradictionCard": "a contradiction",
    "PagedTable": "lists",
}


def _key(app: App[object] | None, binding: Binding) -> str:
    if binding.key_display:
        return binding.key_display
    return app.get_key_display(binding) if app else binding.key


class HelpScreen(ModalScreen[None]):
    """The key bindings active on the screen below, as a table."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,question_mark,q", "close", "Close", id="help-close")]

    def __init__(self, active: Mapping[str, ActiveBinding]) -> None:
        super().__init__()
        self.active = dict(active)

    def compose(self) -> ComposeResult:
        table = Table(title="Keys on this screen", expand=True, show_edge=False, pad_edge=False)
        table.add_column("Key", style="bold", no_wrap=True)
        table.add_column("Action", no_wrap=True)
        table.add_column("What it does", ratio=1)
        table.add_column("From", style="dim", no_wrap=True)
        seen: set[str] = set()
        mine = [a for a in self.active.values() if type(a.node).__module__.startswith("tui.")]
        others = [a for a in self.active.values() if not type(a.node).__module__.startswith("tui.")]
        for active in mine + others:
            binding = active.binding
            if not binding.description or not binding.tooltip or binding.action in seen:
                continue  # keys without a tooltip are Textual's generic scrolling and focus keys
            seen.add(binding.action)
            owner = PLACES.get(type(active.node).__name__, type(active.node).__name__)
            table.add_row(
                Text(_key(self.app, binding)),
                Text(binding.description),
                Text(binding.tooltip),
                Text(owner),
            )
        table.add_row(Text("ctrl+p"), Text("Commands"), Text("Every action by name"), Text("everywhere"))
        yield VerticalScroll(
            Static(table),
            Static(Text("Esc or ? closes this help.", style="dim"), markup=False),
            id="help-body",
        )

    def action_close(self) -> None:
        self.dismiss()
