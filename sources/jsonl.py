"""JSONL and ``.jsonl.gz`` read one line at a time: memory is bounded by one record, not by the file.

An archive dump is one article per line and can be any size, so the limit is per record
(``MAX_RECORD_BYTES``), not per file. A line over the limit is skipped without being held in memory
and reported with its number; a line that is not valid JSON, not an object or has no text is reported
the same way, and every other line still imports. Each line is decoded on its own (UTF-8, with or
without BOM, or Windows-1256 Arabic); a UTF-16 file (it has a BOM) is decoded as a stream.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import zlib
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any, cast

from factcheck.errors import FactcheckError, MalformedRecordError, UnreadableFileError
from sources.decode import decode_bytes, looks_binary

__all__ = ["MAX_RECORD_BYTES", "JsonlLine", "is_gzip_jsonl", "iter_jsonl"]

MAX_RECORD_BYTES = 20 * 1024 * 1024  # one article; the same limit as a single article file
_SKIP_CHUNK = 1 << 20

# (line number, the record as a dict or the error for that line, encoding of the line)
JsonlLine = tuple[int, dict[str, Any] | FactcheckError, str]


def is_gzip_jsonl(path: Path) -> bool:
    return path.name.lower().endswith(".jsonl.gz")


def _lines(handle: IO[Any], limit: int) -> Iterator[tuple[int, Any]]:
    """(number, line without its newline) for each line; ``None`` for a line longer than ``limit``,
    whose rest is read through in chunks and dropped."""
    text = isinstance(handle, io.TextIOBase)
    newline: Any = "\n" if text else b"\n"
    carriage: Any = "\r" if text else b"\r"
    number = 0
    while line := handle.readline(limit + 1):
        number += 1
        if len(line) > limit and not line.endswith(newline):
            while (rest := handle.readline(_SKIP_CHUNK)) and not rest.endswith(newline):
                pass
            yield number, None
            continue
        yield number, line.rstrip(newline).rstrip(carriage)


def _parse(path: Path, number: int, text: str) -> dict[str, Any] | FactcheckError:
    try:
        item = json.loads(text)
    except json.JSONDecodeError as exc:
        return MalformedRecordError(path, number, f"invalid JSON ({exc.msg})")
    if not isinstance(item, dict):
        return MalformedRecordError(path, number, "expected a JSON object")
    return item


def _decoded(path: Path, number: int, raw: bytes) -> tuple[str, str] | FactcheckError:
    if number == 1 and raw.startswith(codecs.BOM_UTF8):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return decode_bytes(raw, where=f"{path}:{number}")
    except UnreadableFileError:
        return MalformedRecordError(path, number, "cannot decode: not UTF-8 or Windows-1256 text")


def iter_jsonl(
    path: Path, *, limit: int = MAX_RECORD_BYTES, on_position: Callable[[int], None] | None = None
) -> Iterator[JsonlLine]:
    """Every non-blank line of ``path`` parsed, or the error for it; ``on_position`` gets the bytes of
    the file read so far (compressed bytes for ``.gz``) after each line, for a progress bar.

    Raises ``UnreadableFileError`` for a file that cannot be opened, is binary or is a corrupt gzip
    stream (after yielding the lines before the damage).
    """
    with ExitStack() as stack:
        try:
            raw = stack.enter_context(path.open("rb"))
        except OSError as exc:
            raise UnreadableFileError(path, f"cannot read ({exc.strerror})") from exc
        handle: IO[Any] = raw
        if is_gzip_jsonl(path):
            handle = cast(IO[bytes], stack.enter_context(gzip.GzipFile(fileobj=raw)))
        number = 0
        try:
            head = handle.peek(8192)[:8192] if hasattr(handle, "peek") else b""
            utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
            if not utf16 and looks_binary(head):
                raise UnreadableFileError(path, "binary file, not text")
            if utf16:
                handle = stack.enter_context(io.TextIOWrapper(handle, encoding="utf-16", newline="\n"))
            for number, line in _lines(handle, limit):
                if on_position is not None:
                    on_position(raw.tell())
                if line is None:
                    mib = limit / (1024 * 1024)
                    yield number, MalformedRecordError(path, number, f"record over the {mib:g} MiB limit"), ""
                    continue
                if not line.strip():
                    continue
                decoded = (line, "utf-16") if utf16 else _decoded(path, number, line)
                if isinstance(decoded, FactcheckError):
                    yield number, decoded, ""
                    continue
                text, encoding = decoded
                yield number, _parse(path, number, text), encoding
        except (OSError, EOFError, zlib.error) as exc:  # gzip.BadGzipFile is an OSError
            reason = str(exc) or type(exc).__name__
            raise UnreadableFileError(path, f"damaged after line {number} ({reason})") from exc
        except UnicodeDecodeError as exc:
            raise UnreadableFileError(path, f"invalid UTF-16 after line {number} ({exc.reason})") from exc
