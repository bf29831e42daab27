"""The workbench application, built through ``make_app`` by the CLI, the demo and the tests.

Nothing here touches the database at import time: the app gets an open ``Database`` and every read
or write runs in a thread (``tui.context``) so the interface never waits on SQLite. The app is the top
of the workbench: it makes the screens, hands each the ``WorkbenchContext``, and answers the messages
they post (``tui.messages``); no screen or dialog imports this module.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import partial
from pathlib import PurePath
from typing import Any, ClassVar

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen

from db.engine import Database
from factcheck.reviewer import resolve_reviewer
from sources.fetch import FetchOptions
from tui.bidi import BidiSetting, parse_setting, resolve_bidi
from tui.context import WorkbenchContext
from tui.messages import OpenArticle, OpenClaim

__all__ = ["WorkbenchApp", "binding_reference", "make_app"]

LIVE_INTERVAL_S = 1.0  # how often the workbench looks for other reviewers' changes


def _articles(context: WorkbenchContext) -> Screen[Any]:
    from tui.screens.articles import ArticlesScreen

    return ArticlesScreen(context)


def _claims(context: WorkbenchContext) -> Screen[Any]:
    from tui.screens.claims import ClaimsScreen

    return ClaimsScreen(context)


def _contradictions(context: WorkbenchContext) -> Screen[Any]:
    from tui.screens.contradictions import ContradictionsScreen

    return ContradictionsScreen(context)


class WorkbenchApp(App[None]):
    """Triage, review and contradictions from the keyboard."""

    TITLE = "factcheck"
    CSS_PATH: ClassVar[list[str | PurePath]] = ["app.tcss"]
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "goto('articles')", "Articles", tooltip="List of articles", id="articles"),
        Binding("c", "goto('claims')", "Claims", tooltip="All claims, filtered and sorted", id="claims"),
        Binding(
            "x",
            "goto('contradictions')",
            "Conflicts",
            tooltip="Open contradiction flags between articles",
            id="contradictions",
        ),
        Binding(
            "n",
            "next_unreviewed",
            "Next",
            tooltip="Open the most check-worthy claim not reviewed yet",
            id="next-unreviewed",
        ),
        Binding(
            "ctrl+e", "export", "Export", tooltip="Write a report: Markdown, HTML, CSV, JSON, ClaimReview", id="export"
        ),
        Binding("b", "toggle_bidi", "Bidi", tooltip="Reorder Arabic for display (on/off)", id="bidi"),
        Binding("question_mark", "help", "Help", key_display="?", tooltip="All key bindings", id="help"),
        Binding("q", "quit", "Quit", tooltip="Leave the workbench", id="quit"),
    ]

    # The three lists are installed screens kept for the whole session (filters survive); everything
    # else is pushed on top of them. (Textual modes re-parse all CSS on first use: a slow first key.)
    LISTS: ClassVar[dict[str, Callable[[WorkbenchContext], Screen[Any]]]] = {
        "articles": _articles,
        "claims": _claims,
        "contradictions": _contradictions,
    }

    bidi: reactive[bool] = reactive(False)

    def __init__(
        self,
        *,
        database: Database,
        bidi: BidiSetting = "auto",
        env: Mapping[str, str] | None = None,
        reviewer: str | None = None,
        page_size: int = 100,
        fetch_options: FetchOptions | None = None,
        live_interval: float | None = LIVE_INTERVAL_S,
    ) -> None:
        super().__init__()
        self.live_interval = live_interval  # seconds between looks for other reviewers' changes; None: never
        self._watcher: Any = None  # db.live.ChangeWatcher, made on the first tick (in a thread)
        self._polling = False
        self.database = database
        self.bidi_setting = bidi
        self.set_reactive(WorkbenchApp.bidi, resolve_bidi(bidi, env))
        self.context = WorkbenchContext(
            database=database,
            reviewer=resolve_reviewer(reviewer),
            page_size=page_size,
            fetch_options=fetch_options or FetchOptions(),
            notify=self.notify,
            bidi_owner=self,
        )
        self.last_next_key: tuple[float, int] | None = None
        self.sub_title = database.path.name if database.path else database.url

    def on_mount(self) -> None:
        self.action_goto("articles")
        if self.live_interval:
            self.set_interval(self.live_interval, self._look_for_changes)

    def on_unmount(self) -> None:
        if self._watcher is not None:
            self._watcher.close()

    # ---------------------------------------------------------------------------------- live refresh

    def _look_for_changes(self) -> None:
        self.run_worker(self._poll_changes(), group="live", exclusive=False, exit_on_error=False)

    async def _poll_changes(self) -> None:
        """Other reviewers' changes: the visible list is read again (cursor kept) and a notice says who."""
        from db.live import ChangeWatcher

        if self._polling:  # the last look has not finished (a slow server): skip this tick
            return
        self._polling = True
        try:
            if self._watcher is None:
                self._watcher = await self.context.call(ChangeWatcher, self.database, me=self.context.reviewer)
                return
            changes = await self.context.call(self._watcher.poll)
        finally:
            self._polling = False
        if changes is None:
            return
        self.notify(changes.notice(), title="Changed by others", timeout=4)
        if getattr(self.screen, "live_refresh", False):  # the lists; a claim being edited is left alone
            self.screen.refresh_data()  # type: ignore[attr-defined]

    def action_goto(self, name: str) -> None:
        """Show one of the lists: whatever is stacked above the lists is closed."""
        if isinstance(self.screen, ModalScreen):
            return
        while len(self.screen_stack) > 1:
            self.pop_screen()
        if not self.is_screen_installed(name):
            self.install_screen(self.LISTS[name](self.context), name)
        self.push_screen(name)

    # ------------------------------------------------------------------------------------- actions

    def action_toggle_bidi(self) -> None:
        self.bidi = not self.bidi
        self.notify(
            "Arabic is reshaped and reordered for display" if self.bidi else "Arabic is shown in logical order",
            title=f"Bidi {'on' if self.bidi else 'off'}",
            timeout=2,
        )

    def action_export(self) -> None:
        from tui.dialogs.export import export_flow

        if not isinstance(self.screen, ModalScreen):
            self.run_worker(export_flow(self, self.context), group="export", exit_on_error=False)

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen.active_bindings))

    async def action_next_unreviewed(self) -> None:
        from db.queries import next_unreviewed

        key = await self.context.read(next_unreviewed, after=self.last_next_key)
        if key is None:
            self.notify("Every claim has been reviewed.", title="Nothing left to triage")
            return
        self.last_next_key = key
        await self.open_claim(key[1])

    async def open_claim(self, claim_id: int) -> None:
        from tui.screens.claim_detail import ClaimDetailScreen

        screen = self.screen
        if isinstance(screen, ClaimDetailScreen):
            await screen.show_claim(claim_id)
        else:
            await self.push_screen(ClaimDetailScreen(self.context, claim_id))

    # ------------------------------------------------------------------------ what screens ask for

    @on(OpenClaim)
    async def _open_claim(self, message: OpenClaim) -> None:
        await self.open_claim(message.claim_id)

    @on(OpenArticle)
    async def _open_article(self, message: OpenArticle) -> None:
        from tui.screens.claims import ClaimsScreen

        await self.push_screen(ClaimsScreen(self.context, article_id=message.article_id, article_label=message.label))

    # ----------------------------------------------------------------------------- command palette

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every action bound to a key in the current context, plus Textual's own commands."""
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description or binding.action in seen or not active.enabled:
                continue
            seen.add(binding.action)
            key = binding.key_display or self.get_key_display(binding)
            yield SystemCommand(
                f"{binding.description} ({key})",
                binding.tooltip or binding.description,
                partial(self.run_action, binding.action, active.node),
            )
        yield from super().get_system_commands(screen)


def make_app(
    *,
    database: Database,
    bidi: BidiSetting | str = "auto",
    env: Mapping[str, str] | None = None,
    reviewer: str | None = None,
    page_size: int = 100,
    fetch_options: FetchOptions | None = None,
    live_interval: float | None = LIVE_INTERVAL_S,
) -> WorkbenchApp:
    """The workbench over an open database (``bidi``: auto, on or off)."""
    setting = parse_setting(bidi) if isinstance(bidi, str) else bidi
    return WorkbenchApp(
        database=database,
        bidi=setting,
        env=env,
        reviewer=reviewer,
        page_size=page_size,
        fetch_options=fetch_options,
        live_interval=live_interval,
    )


def binding_reference() -> list[tuple[str, str, str, str]]:
    """(where, key, action, what it does) for every described binding: the README's key table."""
    from tui.screens.articles import ArticlesScreen
    from tui.screens.claim_detail import ClaimDetailScreen, LinksTable
    from tui.screens.claims import ClaimsScreen
    from tui.screens.contradictions import ContradictionsScreen
    from tui.screens.help import PLACES
    from tui.widgets.contradiction_card import ContradictionCard
    from tui.widgets.paged_table import PagedTable
    from tui.widgets.prior_table import PriorTable

    rows: list[tuple[str, str, str, str]] = []
    owners: list[type] = [
        WorkbenchApp,
        PagedTable,
        ArticlesScreen,
        ClaimsScreen,
        ClaimDetailScreen,
        LinksTable,
        PriorTable,
        ContradictionsScreen,
        ContradictionCard,
    ]
    for owner in owners:
        for binding in Binding.make_bindings(owner.__dict__.get("BINDINGS", [])):
            if binding.description:
                key = binding.key_display or binding.key
                rows.append((PLACES.get(owner.__name__, owner.__name__), key, binding.description, binding.tooltip))
    rows.append(("everywhere", "ctrl+p", "Commands", "The command palette: every action by name"))
    return rows
