"""The one exception tree of the workbench.

Every failure a user can cause or meet is a ``FactcheckError``; the CLI prints its message as one
line and exits non-zero, so messages must read well on their own::

    FactcheckError
    ├── InputError                 bad input from a user or a file
    │   ├── UnreadableFileError    missing, unreadable, binary, empty, undecodable
    │   ├── UnsupportedFormatError unknown extension
    │   ├── MalformedRecordError   a bad JSONL line (carries path and line number)
    │   └── InvalidValueError      a bad rating, status, date, URL or option value
    ├── StorageError               the database
    │   ├── NotAFactcheckDatabase  a foreign or non-SQLite file
    │   ├── DatabaseLockedError    another process holds the write lock
    │   ├── ReadOnlyDatabaseError  the file or its folder cannot be written
    │   ├── SchemaVersionError     a schema revision this version does not know
    │   ├── NotFoundError          no row with that id
    │   └── StaleEditError         someone else changed the row since it was read
    ├── WorkflowError              a review step that the rules forbid
    └── FetchError                 fetching a source failed (carries the URL)
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "DatabaseLockedError",
    "FactcheckError",
    "FetchError",
    "InputError",
    "InvalidValueError",
    "MalformedRecordError",
    "NotAFactcheckDatabase",
    "NotAllowedError",
    "NotFoundError",
    "ReadOnlyDatabaseError",
    "SchemaVersionError",
    "StaleEditError",
    "StorageError",
    "UnreadableFileError",
    "UnsupportedFormatError",
    "WorkflowError",
]


class FactcheckError(Exception):
    """Root of every error the workbench raises on purpose."""


class InputError(FactcheckError):
    """Input from a user or a file that cannot be used as given."""


class UnreadableFileError(InputError):
    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class UnsupportedFormatError(InputError):
    def __init__(self, path: Path | str, suffix: str) -> None:
        self.path = Path(path)
        self.suffix = suffix
        super().__init__(
            f"{path}: unsupported file type {suffix or '(none)'!r}; expected .txt, .md, .html, .htm or .jsonl"
        )


class MalformedRecordError(InputError):
    def __init__(self, path: Path | str, line: int, reason: str) -> None:
        self.path = Path(path)
        self.line = line
        self.reason = reason
        super().__init__(f"{path}:{line}: {reason}")


class InvalidValueError(InputError):
    """A value outside what is allowed; the message lists what is."""


class StorageError(FactcheckError):
    """The database cannot do what was asked."""


class NotAFactcheckDatabase(StorageError):
    pass


class DatabaseLockedError(StorageError):
    pass


class NotFoundError(StorageError):
    pass


class ReadOnlyDatabaseError(StorageError):
    """A change asked of a database opened read-only (the file or its folder is not writable)."""


class SchemaVersionError(StorageError):
    """The database's schema revision is newer than this version, or its record is lost."""


class StaleEditError(StorageError):
    pass


class NotAllowedError(StorageError):
    """The connected database role may not do this (``factcheck db roles``: checker or editor)."""


class WorkflowError(FactcheckError):
    """A review step the workflow rules forbid (e.g. publishing without a source)."""


class FetchError(FactcheckError):
    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        self.reason = reason
        super().__init__(f"{url}: {reason}")
