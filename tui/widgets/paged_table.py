"""A DataTable that holds a window of a few pages and walks the rest through keyset queries.

Textual's DataTable takes ~15 s to first paint with 100k rows, so this one never holds more than
``WINDOW_PAGES`` pages. When the cursor comes near the end of the window, the page after the last
row's key is fetched in the background and appended (and the oldest page dropped), so moving down
never waits for the database. Moving above the first row replaces the window with the page before
the first row's key (a DataTable cannot insert rows at the top). Fetches run in a thread
(``asyncio.to_thread``) inside an exclusive worker, so a newer request drops an older one's result.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, Literal, Protocol, TypeVar

from rich.console import RenderableType
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

from factcheck.errors import FactcheckError

__all__ = ["Column", "Page", "PagedTable"]

Direction = Literal["next", "prev"]
Mode = Literal["replace", "append"]
WINDOW_PAGES = 3


class _Keyed(Protocol):
    @property
    def key(self) -> Any: ...


RowT = TypeVar("RowT", bound=_Keyed)


@dataclass(frozen=True, slots=True)
class Column:
    """A fixed ``width``, or a share (``weight``) of what is left between ``min_width`` and ``max_width``.

    ``hide_below``: left out when the table is narrower than this (the renderer gets width 0).
    """

    label: str
    width: int | None = None
    min_width: int = 8
    max_width: int = 10_000
    weight: int = 1
    hide_below: int = 0


@dataclass(frozen=True, slots=True)
class Page(Generic[RowT]):
    rows: Sequence[RowT]
    has_more: bool


Fetch = Callable[[Any, Direction], Page[RowT]]
Render = Callable[[RowT, list[int]], Sequence[RenderableType]]


class PagedTable(DataTable[RenderableType], Generic[RowT]):
    """Rows from ``fetch(after_key, direction)``; cells from ``render(row, column_widths)``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose", "Open", tooltip="Open the highlighted row", id="open-row"),
        Binding("home", "scroll_top", "First row", tooltip="First row of the page on show", show=False),
        Binding("end", "scroll_bottom", "Last row", tooltip="Last row of the page on show", show=False),
    ]

    class Chosen(Message):
        """A row was opened (Enter or click)."""

        def __init__(self, table: PagedTable[Any], row: Any) -> None:
            super().__init__()
            self.table = table
            self.row = row

        @property
        def control(self) -> PagedTable[Any]:
            return self.table

    class Loaded(Message):
        """A page arrived: ``first`` is the 1-based position of its first row in the whole list."""

        def __init__(self, table: PagedTable[Any], first: int, count: int) -> None:
            super().__init__()
            self.table = table
            self.first = first
            self.count = count

        @property
        def control(self) -> PagedTable[Any]:
            return self.table

    def __init__(
        self,
        *,
        columns: Sequence[Column],
        render: Render[RowT],
        page_size: int = 200,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=True)
        self.page_columns = list(columns)
        self.render_row = render
        self.page_size = page_size
        self.fetch: Fetch[RowT] | None = None
        self.rows_loaded: list[RowT] = []
        self.more_after = False
        self.more_before = False
        self.first_position = 1  # 1-based position of rows_loaded[0] in the whole list
        self._widths: list[int] = []
        self.loading_page = False
        self._window: tuple[Any, Direction, int] = (None, "next", 1)  # the request that filled the window
        self._keys: list[Any] = []  # DataTable row keys, parallel to rows_loaded

    # -------------------------------------------------------------------------------------- loading

    def reload(self, fetch: Fetch[RowT] | None = None, *, keep_row: bool = False) -> None:
        """Start again from the first page (with a new ``fetch`` when filters changed)."""
        if fetch is not None:
            self.fetch = fetch
        target = self.cursor_row if keep_row else 0
        self._request(None, "next", cursor=target, first=1)

    def reload_window(self) -> None:
        """Read the rows on show again (after an edit elsewhere), keeping the page and the cursor."""
        after, direction, first = self._window
        self._request(after, direction, cursor=self.cursor_row, first=first)

    def _request(
        self,
        after: Any,
        direction: Direction,
        *,
        cursor: int | Literal["last"],
        first: int,
        mode: Mode = "replace",
    ) -> None:
        if self.fetch is None:
            return
        self.loading_page = True
        self.run_worker(
            self._load(self.fetch, after, direction, cursor, first, mode),
            exclusive=True,
            group=f"page-{self.id}",
            exit_on_error=False,
        )

    async def _load(
        self,
        fetch: Fetch[RowT],
        after: Any,
        direction: Direction,
        cursor: int | Literal["last"],
        first: int,
        mode: Mode,
    ) -> None:
        try:
            page = await asyncio.to_thread(fetch, after, direction)
        except FactcheckError as exc:
            self.loading_page = False
            self.app.notify(str(exc), title="Could not read the database", severity="error")
            return
        if fetch is not self.fetch:
            return  # the filters changed while this page was loading
        self.loading_page = False
        if mode == "append":
            self._append(list(page.rows), page.has_more)
            return
        window = (after, direction, first)
        rows = list(page.rows)
        if direction == "next":
            self.more_after = page.has_more
            self.more_before = after is not None
        else:
            self.more_before = page.has_more
            self.more_after = True
            first = max(1, first - len(rows))
        if not rows and after is not None:
            return  # nothing further: keep what is shown
        self._window = window
        self.first_position = first
        self.rows_loaded = rows
        self._fill(len(rows) - 1 if cursor == "last" else min(cursor, max(len(rows) - 1, 0)))
        self.post_message(self.Loaded(self, first, len(rows)))

    # ------------------------------------------------------------------------------------ rendering

    def _column_widths(self) -> list[int]:
        """Widths for the current table width (0 for hidden columns); never wider than the table."""
        # The vertical scrollbar is always reserved: it appears once rows arrive and would push the
        # last column out of view.
        width = (self.size.width or 80) - self.styles.scrollbar_size_vertical
        shown = [c for c in self.page_columns if width >= c.hide_below]
        left = width - sum(c.width or 0 for c in shown) - 2 * self.cell_padding * len(shown) - 1
        sizes: dict[int, int] = {}
        flexible = [i for i, c in enumerate(self.page_columns) if c.width is None and c in shown]
        while flexible:  # capped columns take their cap, the others share what remains
            total_weight = sum(self.page_columns[i].weight for i in flexible)
            capped = [
                i
                for i in flexible
                if self.page_columns[i].max_width < max(left, 0) * self.page_columns[i].weight // total_weight
            ]
            if not capped:
                for i in flexible:
                    share = max(left, 0) * self.page_columns[i].weight // total_weight
                    sizes[i] = max(self.page_columns[i].min_width, share)
                break
            for i in capped:
                sizes[i] = self.page_columns[i].max_width
                left -= sizes[i]
                flexible.remove(i)
        return [(c.width or sizes.get(i, c.min_width)) if c in shown else 0 for i, c in enumerate(self.page_columns)]

    def _fill(self, cursor: int) -> None:
        widths = self._column_widths()
        if widths != self._widths or not self.columns:
            self.clear(columns=True)
            for column, width in zip(self.page_columns, widths, strict=True):
                if width:
                    self.add_column(column.label, width=width)
            self._widths = widths
        else:
            self.clear()
        self._keys = self._add(self.rows_loaded, widths)
        if self.rows_loaded:
            self.move_cursor(row=cursor, animate=False)

    def _add(self, rows: Sequence[RowT], widths: list[int]) -> list[Any]:
        return self.add_rows(
            [cell for cell, width in zip(self.render_row(row, widths), widths, strict=True) if width] for row in rows
        )

    def _append(self, rows: list[RowT], has_more: bool) -> None:
        """Rows after the window go at the end; the oldest page goes, the view does not move."""
        self.more_after = has_more
        if not rows:
            return
        self.rows_loaded.extend(rows)
        self._keys.extend(self._add(rows, self._widths))
        excess = len(self.rows_loaded) - WINDOW_PAGES * self.page_size
        if excess > 0:
            cursor, scroll = self.cursor_row, self.scroll_y
            for key in self._keys[:excess]:
                self.remove_row(key)
            self._window = (self.rows_loaded[excess - 1].key, "next", self.first_position + excess)
            del self._keys[:excess]
            del self.rows_loaded[:excess]
            self.first_position += excess
            self.more_before = True
            self.move_cursor(row=max(cursor - excess, 0), scroll=False)
            self.scroll_to(y=max(scroll - excess, 0), animate=False, immediate=True)
        self.post_message(self.Loaded(self, self.first_position, len(self.rows_loaded)))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Near the end of the window: fetch the next page before the cursor gets there."""
        near_end = self.cursor_row >= len(self.rows_loaded) - max(10, self.page_size // 4)
        if self.rows_loaded and near_end and self.more_after and not self.loading_page:
            self._request(self.rows_loaded[-1].key, "next", cursor=0, first=0, mode="append")

    def on_resize(self, event: events.Resize) -> None:
        if self.rows_loaded and self._column_widths() != self._widths:
            self._fill(self.cursor_row)

    def refresh_rows(self) -> None:
        """Draw the loaded rows again (e.g. after the bidi setting changed)."""
        if self.rows_loaded:
            self._widths = []
            self._fill(self.cursor_row)

    # ------------------------------------------------------------------------------------- movement

    @property
    def current(self) -> RowT | None:
        if not self.rows_loaded or not 0 <= self.cursor_row < len(self.rows_loaded):
            return None
        return self.rows_loaded[self.cursor_row]

    def _turn_page(self, forward: bool) -> bool:
        """At the edge of the window with more rows beyond it: fetch the next/previous page."""
        if not self.rows_loaded:
            return False
        if forward and self.cursor_row >= len(self.rows_loaded) - 1 and self.more_after:
            if not self.loading_page:  # the prefetch did not start (or failed): fetch now
                self._request(self.rows_loaded[-1].key, "next", cursor=0, first=0, mode="append")
            return True
        if not forward and self.cursor_row <= 0 and self.more_before:
            self._prev_page()
            return True
        return False

    def action_cursor_down(self) -> None:
        if not self._turn_page(True):
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if not self._turn_page(False):
            super().action_cursor_up()

    def action_page_down(self) -> None:
        if not self._turn_page(True):
            super().action_page_down()

    def action_page_up(self) -> None:
        if not self._turn_page(False):
            super().action_page_up()

    def _prev_page(self) -> None:
        first = self.rows_loaded[0]
        self._request(first.key, "prev", cursor="last", first=self.first_position)

    def action_choose(self) -> None:
        row = self.current
        if row is not None:
            self.post_message(self.Chosen(self, row))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_choose()
