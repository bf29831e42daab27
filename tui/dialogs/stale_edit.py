"""When another reviewer changed the claim first: who and when, what is there now, what you typed.

A refused change (``StaleEditError``) is never dropped silently: this dialog shows the refusal (who
changed the claim, when, which step), the claim's current value beside yours, and keeps yours in a
read-only box you can select or copy (``c``). Then you choose: ``r`` reload the claim (see theirs),
``a`` reload and open the same step again filled with yours (to apply it over theirs, on purpose), or
Esc to close and leave the screen as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static, TextArea

from factcheck.errors import StaleEditError

if TYPE_CHECKING:
    from db.details import ClaimDetail

__all__ = ["Choice", "StaleEditDialog", "Unsaved", "ask_after_refusal", "current_value"]

Choice = Literal["reload", "again"]


@dataclass(frozen=True, slots=True)
class Unsaved:
    """What the reviewer tried to save: ``what`` (verdict, status, text, …) and the value, in full."""

    what: str
    value: str
    rating: str | None = None  # a verdict's rating (``value`` is then its rationale)

    @property
    def shown(self) -> str:
        return f"{self.rating}: {self.value}" if self.rating else self.value


def current_value(detail: ClaimDetail | None, what: str) -> str:
    """The claim's value for ``what`` as stored now, in one line."""
    if detail is None:
        return "(the claim could not be read again)"
    if what == "verdict":
        verdict = detail.verdicts[-1] if detail.verdicts else None
        return f"{verdict.rating} by {verdict.reviewer}: {verdict.rationale}" if verdict else "no verdict"
    if what == "status":
        return detail.claim.status.replace("_", " ")
    return " ".join(detail.claim.text.split())


class StaleEditDialog(ModalScreen[Choice | None]):
    """r reloads, a reloads and reopens the step with your value, c copies yours, Esc closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "choose('reload')", "Reload", id="stale-reload"),
        Binding("a", "choose('again')", "Use mine again", id="stale-again"),
        Binding("c", "copy", "Copy mine", id="stale-copy"),
        Binding("escape", "close", "Close", id="stale-close"),
    ]

    def __init__(self, message: str, *, now: str, unsaved: Unsaved, can_again: bool = True) -> None:
        super().__init__()
        self.message = message
        self.now = now
        self.unsaved = unsaved
        self.can_again = can_again

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="stale-dialog"):
            yield Label("Not saved: another reviewer changed this claim first", classes="dialog-title")
            yield Static(self.message, id="stale-message", markup=False)
            yield Label(f"Now ({self.unsaved.what}):", classes="dialog-help", markup=False)
            yield Static(self.now, id="stale-now", markup=False)
            yield Label(f"Yours, not saved ({self.unsaved.what}):", classes="dialog-help", markup=False)
            yield TextArea(self.unsaved.shown, id="stale-mine", read_only=True, soft_wrap=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Reload (r)", variant="primary", id="stale-reload-button")
                if self.can_again:
                    yield Button("Reload, use mine (a)", id="stale-again-button")
                yield Button("Close (esc)", id="stale-close-button")

    def on_mount(self) -> None:
        self.query_one("#stale-reload-button", Button).focus()

    def action_choose(self, choice: Choice) -> None:
        if choice == "again" and not self.can_again:
            return
        self.dismiss(choice)

    @on(Button.Pressed, "#stale-reload-button")
    def _reload(self) -> None:
        self.dismiss("reload")

    @on(Button.Pressed, "#stale-again-button")
    def _again(self) -> None:
        self.dismiss("again")

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.unsaved.shown)
        self.notify("Your text is on the clipboard.", title="Copied", timeout=3)

    @on(Button.Pressed, "#stale-close-button")
    def action_close(self) -> None:
        self.dismiss(None)


async def ask_after_refusal(
    app: App[Any], exc: StaleEditError, fresh: ClaimDetail | None, unsaved: Unsaved, *, can_again: bool = True
) -> Choice | None:
    """Ask the reviewer what to do with their refused change, showing the claim as read ``fresh`` now."""
    dialog = StaleEditDialog(str(exc), now=current_value(fresh, unsaved.what), unsaved=unsaved, can_again=can_again)
    return await app.push_screen_wait(dialog)
