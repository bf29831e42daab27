"""Bytes to text for article files: UTF-8 (with or without BOM), UTF-16 with BOM, then Windows-1256.

Arabic news often arrives as Windows-1256. That code page maps almost every byte to some character, so
it is accepted only when the result reads as Arabic; binary files are refused before any guess.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from factcheck.errors import UnreadableFileError

__all__ = ["decode_bytes", "looks_binary", "read_text_file"]

_ARABIC_RANGE = ("\u0600", "\u06ff")


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB: not a text file."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(4, len(sample) // 100)


def _reads_as_arabic(text: str) -> bool:
    non_ascii = [ch for ch in text if ord(ch) > 127 and not ch.isspace()]
    if not non_ascii:
        return True
    arabic = sum(1 for ch in non_ascii if _ARABIC_RANGE[0] <= ch <= _ARABIC_RANGE[1])
    return arabic / len(non_ascii) >= 0.7


def decode_bytes(data: bytes, *, where: str | Path = "<bytes>") -> tuple[str, str]:
    """Return ``(text, encoding used)``; line endings become ``\\n``."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _clean(data.decode("utf-16")), "utf-16"
        except UnicodeDecodeError as exc:
            raise UnreadableFileError(where, f"invalid UTF-16 ({exc.reason})") from exc
    if looks_binary(data):
        raise UnreadableFileError(where, "binary file, not text")
    if data.startswith(codecs.BOM_UTF8):
        try:
            return _clean(data[3:].decode("utf-8")), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise UnreadableFileError(where, f"starts with a UTF-8 BOM but byte {exc.start + 3} is not UTF-8") from exc
    try:
        return _clean(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        text = ""
    if text and _reads_as_arabic(text):
        return _clean(text), "windows-1256"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding not in {"utf_8", "cp1256"}:
        return _clean(str(best)), best.encoding
    raise UnreadableFileError(where, "cannot decode: not UTF-8, UTF-16 or Windows-1256 text")


def _clean(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text_file(path: Path) -> tuple[str, str]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableFileError(path, "no such file") from None
    except IsADirectoryError:
        raise UnreadableFileError(path, "is a directory") from None
    except PermissionError:
        raise UnreadableFileError(path, "permission denied") from None
    except OSError as exc:
        raise UnreadableFileError(path, f"cannot read ({exc.strerror})") from exc
    return decode_bytes(data, where=path)
