"""Writing a file so that it is never seen half-written: what the command line and the workbench share."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from factcheck.errors import InputError

__all__ = ["write_atomically"]


def write_atomically(path: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder and rename it, so FILE is never half-written."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"{path}: the folder {folder} does not exist")
    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise InputError(f"{path}: cannot write here ({exc.strerror})") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise InputError(f"{path}: cannot write ({exc.strerror})") from exc
