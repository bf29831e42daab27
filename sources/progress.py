"""How far reading has got, for an import's progress bar and its ETA.

A single JSONL file is measured in bytes read (its lines vary in length, and the file is the whole
job); anything else in files read, counted before reading starts (a folder walk reads names only).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ReadProgress"]


@dataclass(slots=True)
class ReadProgress:
    unit: str = "files"  # "bytes" or "files"
    total: int | None = None
    done: int = 0

    def reset(self, unit: str, total: int) -> None:
        self.unit, self.total, self.done = unit, total, 0

    def at_byte(self, position: int) -> None:
        self.done = position

    def file_done(self) -> None:
        if self.unit == "files":
            self.done += 1

    @property
    def fraction(self) -> float | None:
        """Share of the work read so far, or ``None`` while it is unknown."""
        if not self.total:
            return None
        return min(1.0, self.done / self.total)
