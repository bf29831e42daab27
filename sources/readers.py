"""Article files into ``ArticleRecord``s: .txt, .md, .html/.htm and .jsonl; directories recursively.

Reading never touches the database. Each problem is a ``FactcheckError`` naming the file (and line for
JSONL) so one bad file or line never stops the others. Metadata precedence, most specific first:
a JSONL record's own fields, then a ``manifest.json`` entry for the file, then command-line options,
then what is detected from the text (title from a heading first line, language from the script).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from factcheck.errors import (
    FactcheckError,
    InvalidValueError,
    MalformedRecordError,
    UnreadableFileError,
    UnsupportedFormatError,
)
from factcheck.model import MAX_ARTICLE_CHARS
from factcheck.text import detect_language, strip_control
from sources.decode import read_text_file
from sources.html_text import html_to_text

__all__ = [
    "SUPPORTED_SUFFIXES",
    "ArticleDefaults",
    "ArticleRecord",
    "ReadFailure",
    "iter_article_files",
    "load_manifest",
    "read_articles",
]

SUPPORTED_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".jsonl"}
MANIFEST_NAME = "manifest.json"
_HEADING_END = (".", "!", "?", "؟", "…", ":", "،", ",", ";", "؛")
_MD_HEADING_RE = re.compile(r"^ {0,3}#{1,6}[ \t]+", re.M)
_MD_EMPHASIS_RE = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_MD_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ArticleDefaults:
    """Options from the command line, used where the file itself says nothing."""

    outlet: str | None = None
    published: date | None = None
    language: str = "auto"  # auto | ar | en
    url: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    body: str
    title: str | None
    language: str
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    source_path: str | None = None
    line: int | None = None
    encoding: str | None = None

    @property
    def where(self) -> str:
        where = self.source_path or "<input>"
        return f"{where}:{self.line}" if self.line else where


@dataclass(frozen=True, slots=True)
class ReadFailure:
    path: str
    error: FactcheckError


def parse_date(value: Any, *, where: str) -> date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise InvalidValueError(f"{where}: publication date must be YYYY-MM-DD, got {value!r}")
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise InvalidValueError(f"{where}: publication date must be YYYY-MM-DD, got {value!r}") from None


def load_manifest(path: Path) -> dict[str, dict[str, Any]]:
    """Per-file metadata from a corpus manifest: a JSON list of {file, language, outlet, published}."""
    text, _ = read_text_file(path)
    try:
        entries = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedRecordError(path, exc.lineno, f"invalid JSON in manifest: {exc.msg}") from None
    if not isinstance(entries, list) or not all(isinstance(e, dict) and "file" in e for e in entries):
        raise UnreadableFileError(path, "a manifest must be a JSON list of objects with a 'file' key")
    return {str(entry["file"]): entry for entry in entries}


def iter_article_files(path: Path) -> Iterator[Path]:
    """``path`` itself, or every supported file below a directory in name order."""
    if not path.exists():
        raise UnreadableFileError(path, "no such file or directory")
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() and child.suffix.lower() in SUPPORTED_SUFFIXES:
                yield child
        return
    yield path


def _normalise_language(value: str | None, body: str) -> str:
    if value and value not in {"auto", ""}:
        return value.lower()
    return detect_language(body)


def _title_from_body(body: str) -> str | None:
    """The first line when it reads as a heading: short, no closing punctuation, more text after it."""
    stripped = body.strip()
    first, _, rest = stripped.partition("\n")
    first = first.strip().strip("“”\"'«»").strip()
    if not first or not rest.strip() or len(first) > 200:
        return None
    if first.endswith(_HEADING_END):
        return None
    return first


def _markdown_to_text(text: str) -> str:
    text = _MD_HEADING_RE.sub("", text)
    text = _MD_LINK_RE.sub(r"\1", text)
    return _MD_EMPHASIS_RE.sub(r"\2", text)


def _text_or_none(value: Any) -> bool:
    return value is None or isinstance(value, str)


def _record(
    body: str,
    *,
    title: str | None,
    meta: dict[str, Any],
    defaults: ArticleDefaults,
    source_path: str,
    line: int | None = None,
    encoding: str | None = None,
) -> ArticleRecord:
    where = f"{source_path}:{line}" if line else source_path
    body = strip_control(body).strip("\n")
    if len(body) > MAX_ARTICLE_CHARS:
        reason = f"article text is {len(body):,} characters; the limit is {MAX_ARTICLE_CHARS:,} (split it)"
        raise MalformedRecordError(source_path, line, reason) if line else UnreadableFileError(source_path, reason)
    if not body.strip():
        raise (
            MalformedRecordError(source_path, line, "empty article text")
            if line
            else UnreadableFileError(source_path, "empty article: no text")
        )
    wrong = next((key for key in ("outlet", "url", "published", "language") if not _text_or_none(meta.get(key))), None)
    if wrong is not None:
        reason = f"'{wrong}' must be a string, not {type(meta[wrong]).__name__}"
        raise MalformedRecordError(source_path, line, reason) if line else UnreadableFileError(source_path, reason)
    published = parse_date(meta.get("published"), where=where) if meta.get("published") else defaults.published
    language = _normalise_language(meta.get("language") or defaults.language, body)
    return ArticleRecord(
        body=body,
        title=title or _title_from_body(body),
        language=language,
        outlet=meta.get("outlet") or defaults.outlet,
        url=meta.get("url") or defaults.url,
        published=published,
        source_path=source_path,
        line=line,
        encoding=encoding,
    )


def _read_jsonl(
    path: Path, text: str, defaults: ArticleDefaults, encoding: str
) -> Iterator[ArticleRecord | ReadFailure]:
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        try:
            item = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield ReadFailure(f"{path}:{number}", MalformedRecordError(path, number, f"invalid JSON ({exc.msg})"))
            continue
        if not isinstance(item, dict):
            yield ReadFailure(f"{path}:{number}", MalformedRecordError(path, number, "expected a JSON object"))
            continue
        body = item.get("text", item.get("body"))
        if not isinstance(body, str):
            missing = MalformedRecordError(path, number, "missing 'text' (or 'body') string")
            yield ReadFailure(f"{path}:{number}", missing)
            continue
        try:
            title = item.get("title")
            yield _record(
                body,
                title=title if isinstance(title, str) and title.strip() else None,
                meta=item,
                defaults=defaults,
                source_path=str(path),
                line=number,
                encoding=encoding,
            )
        except FactcheckError as exc:
            yield ReadFailure(f"{path}:{number}", exc)


def read_file(
    path: Path, defaults: ArticleDefaults, meta: dict[str, Any] | None = None
) -> Iterator[ArticleRecord | ReadFailure]:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnsupportedFormatError(path, suffix)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UnreadableFileError(path, f"cannot read ({exc.strerror})") from exc
    if size > _MAX_FILE_BYTES:
        raise UnreadableFileError(path, f"file is {size // (1024 * 1024)} MiB; the limit is 20 MiB")
    text, encoding = read_text_file(path)
    meta = meta or {}
    if suffix == ".jsonl":
        yield from _read_jsonl(path, text, defaults, encoding)
        return
    title: str | None = None
    if suffix in {".html", ".htm"}:
        document = html_to_text(text)
        text, title = document.text, document.title
    elif suffix in {".md", ".markdown"}:
        text = _markdown_to_text(text)
    yield _record(text, title=title, meta=meta, defaults=defaults, source_path=str(path), encoding=encoding)


def read_articles(
    paths: list[Path], defaults: ArticleDefaults, *, manifest: Path | None = None
) -> Iterator[ArticleRecord | ReadFailure]:
    """Every article under ``paths``; failures are yielded, not raised, so the rest still import."""
    explicit = load_manifest(manifest) if manifest else None
    for root in paths:
        try:
            files = list(iter_article_files(root))
            local = explicit
            if local is None and root.is_dir() and (root / MANIFEST_NAME).is_file():
                local = load_manifest(root / MANIFEST_NAME)
        except FactcheckError as exc:
            yield ReadFailure(str(root), exc)
            continue
        for file in files:
            meta = (local or {}).get(file.name) or (local or {}).get(str(file)) or {}
            try:
                yield from read_file(file, defaults, meta)
            except FactcheckError as exc:
                yield ReadFailure(str(file), exc)
