"""What screens and dialogs get from the running workbench, handed down by the app that makes them.

Screens and dialogs never import the app (the app imports them): ``tui.app`` builds one
``WorkbenchContext`` and gives it to every screen it composes, and screens ask the app for navigation
with the messages in ``tui.messages`` ("attributes down, messages up"). So a screen can be read and
tested with nothing above it but a context.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, Protocol, TypeVar

from textual.dom import DOMNode
from textual.notifications import SeverityLevel

from db.engine import Database
from factcheck.errors import FactcheckError
from sources.fetch import FetchOptions

__all__ = ["Notifier", "WorkbenchContext", "error_title"]

T = TypeVar("T")


class Notifier(Protocol):
    """``App.notify``'s shape: a toast in the corner of the screen."""

    def __call__(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None: ...


def error_title(exc: FactcheckError) -> str:
    """A short notification title from the error class: ``StaleEditError`` -> ``Stale edit``."""
    name = type(exc).__name__.removesuffix("Error") or "Error"
    words = "".join(f" {c.lower()}" if c.isupper() else c for c in name).strip()
    return words[:1].upper() + words[1:]


@dataclass(frozen=True, slots=True)
class WorkbenchContext:
    """The database, who is reviewing, the bidi switch, the page size and the notifier, for one session.

    ``bidi_owner`` is the node whose reactive ``bidi`` says whether Arabic is reordered for display
    (the app, which toggles it on ``b``); ``watch_bidi`` follows it without knowing what it is.
    """

    database: Database
    reviewer: str
    page_size: int
    fetch_options: FetchOptions
    notify: Notifier
    bidi_owner: DOMNode

    @property
    def bidi(self) -> bool:
        return bool(getattr(self.bidi_owner, "bidi", False))

    def watch_bidi(self, node: DOMNode, callback: Callable[[bool], None]) -> None:
        """Call ``callback`` on ``node`` whenever the bidi switch changes (not now)."""
        node.watch(self.bidi_owner, "bidi", callback, init=False)

    def fail(self, exc: FactcheckError) -> None:
        """One error notification, titled from the error class."""
        self.notify(str(exc), title=error_title(exc), severity="error", timeout=8)

    # ------------------------------------------------------------------------------ database access

    def reader(self, fn: Callable[..., T], /, **kwargs: Any) -> Callable[[], T]:
        """A blocking call of ``fn(session=..., **kwargs)`` in a fresh session (for worker threads)."""
        database = self.database

        def call() -> T:
            with database.session() as session:
                return fn(session=session, **kwargs)

        return call

    async def read(self, fn: Callable[..., T], /, **kwargs: Any) -> T:
        """``fn(session=..., **kwargs)`` in a thread."""
        return await asyncio.to_thread(self.reader(fn, **kwargs))

    async def call(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """Any blocking call in a thread."""
        return await asyncio.to_thread(partial(fn, *args, **kwargs))

    async def transact(self, fn: Callable[..., T], /, **kwargs: Any) -> T:
        """``fn(session=..., **kwargs)`` in one transaction, in a thread (``db.review``'s shape)."""
        database = self.database

        def call() -> T:
            with database.transaction() as session:
                return fn(session=session, **kwargs)

        return await asyncio.to_thread(call)

    async def write(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """``fn(session, *args, **kwargs)`` in one transaction, in a thread (the review modules' shape)."""
        database = self.database

        def call() -> T:
            with database.transaction() as session:
                return fn(session, *args, **kwargs)

        return await asyncio.to_thread(call)
