"""The import's progress bar: articles and claims per second, and an ETA from what has been read.

The bar measures how far the stored articles had been read (bytes of a single JSONL file, else files):
reading runs a batch or two ahead of storing, so the ETA goes by what is stored. Rates count stored
articles. Rich redraws only when told (``auto_refresh=False``): the
import forks extraction workers, and forking while Rich's refresh thread holds a lock is unsafe.
"""

from __future__ import annotations

import time
from typing import Any

from db.store import ImportItem
from sources.progress import ReadProgress

__all__ = ["ImportProgress"]

_REDRAW_EVERY = 0.25  # seconds


class ImportProgress:
    def __init__(self, console: Any, reading: ReadProgress) -> None:
        from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeRemainingColumn

        self.reading = reading
        self._progress = Progress(
            SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
            TextColumn("{task.fields[rates]}"), TextColumn("ETA"), TimeRemainingColumn(),
            console=console, transient=True, auto_refresh=False,
        )  # fmt: skip
        self._task: Any = None
        self._started = time.perf_counter()
        self._drawn = 0.0
        self.articles = 0
        self.claims = 0

    def __enter__(self) -> ImportProgress:
        self._progress.__enter__()
        self._task = self._progress.add_task("importing", total=None, rates="")
        self._started = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.__exit__(*exc)  # type: ignore[arg-type]

    def rates(self) -> str:
        elapsed = max(time.perf_counter() - self._started, 1e-9)
        per_second = f"{self.articles / elapsed:,.0f} articles/s · {self.claims / elapsed:,.0f} claims/s"
        return f"{self.articles:,} articles · {per_second}"

    def tick(self, item: ImportItem) -> None:
        if item.status != "failed":  # failures are reported as they are read, stored articles later
            self.articles += 1
            self.claims += item.claims
            self.reading.stored()
        now = time.perf_counter()
        if now - self._drawn < _REDRAW_EVERY:
            return
        self._drawn = now
        self._progress.update(
            self._task, total=self.reading.total, completed=self.reading.stored_at, rates=self.rates()
        )
        self._progress.refresh()
