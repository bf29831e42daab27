"""How far reading, and storing behind it, have got: for an import's progress bar and its ETA.

A single JSONL file is measured in bytes read (its lines vary in length, and the file is the whole
job); anything else in files read, counted before reading starts (a folder walk reads names only).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

__all__ = ["ReadProgress"]


@dataclass(slots=True)
class ReadProgress:
    unit: str = "files"  # "bytes" or "files"
    total: int | None = None
    done: int = 0
    stored_at: int = 0  # ``done`` as it was when the last stored article had been read
    _marks: deque[int] = field(default_factory=deque)

    def reset(self, unit: str, total: int) -> None:
        self.unit, self.total, self.done = unit, total, 0

    def at_byte(self, position: int) -> None:
        self.done = position

    def mark(self) -> None:
        """An article was handed on to be stored: remember how far reading had got (a file counts once
        its article is handed on)."""
        self._marks.append(self.done + (1 if self.unit == "files" else 0))

    def stored(self) -> int:
        """The progress of the article just stored: articles are stored in the order they are read,
        a batch or two behind reading, so this is what an ETA should go by."""
        if self._marks:
            self.stored_at = self._marks.popleft()
        return self.stored_at

    def file_done(self) -> None:
        if self.unit == "files":
            self.done += 1

    @property
    def fraction(self) -> float | None:
        """Share of the work read so far, or ``None`` while it is unknown."""
        if not self.total:
            return None
        return min(1.0, self.done / self.total)
