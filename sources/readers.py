"""Article files into ``ArticleRecord``s: .txt, .md, .html/.htm, .jsonl and .jsonl.gz; directories recursively.

Reading never touches the database. Each problem is a ``FactcheckError`` naming the file (and line for
JSONL) so one bad file or line never stops the others. Metadata precedence, most specific first:
a JSONL record's own fields, then a ``manifest.json`` entry for the file, then command-line options,
then what is detected from the text (title from a heading first line, language from the script).
"""

from __future__ import annotations

import json
import os
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
from factcheck.records import ArticleRecord, ReadFailure
from factcheck.text import detect_language, strip_control
from sources.decode import read_text_file
from sources.html_text import html_to_text
from sources.jsonl import MAX_RECORD_BYTES, is_gzip_jsonl, iter_jsonl
from sources.progress import ReadProgress

__all__ = [
    "SUPPORTED_SUFFIXES",
    "ArticleDefaults",
    "ReadProgress",
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


@dataclass(frozen=True, slots=True)
class ArticleDefaults:
    """Options from the command line, used where the file itself says nothing."""

    outlet: str | None = None
    published: date | None = None
    language: str = "auto"  # auto | ar | en
    url: str | None = None


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
    """``path`` itself, or every supported file below a directory in path order, found one folder at
    a time (only names are held, never the files' contents)."""
    if not path.exists():
        raise UnreadableFileError(path, "no such file or directory")
    if not path.is_dir():
        yield path
        return
    try:
        with os.scandir(path) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as exc:
        raise UnreadableFileError(path, f"cannot list ({exc.strerror})") from exc
    for entry in entries:
        child = Path(entry.path)
        if entry.is_dir():
            yield from iter_article_files(child)
        elif entry.is_file() and _kind(child) in SUPPORTED_SUFFIXES:
            yield child


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
    path: Path, defaults: ArticleDefaults, progress: ReadProgress | None
) -> Iterator[ArticleRecord | ReadFailure]:
    on_position = progress.at_byte if progress is not None and progress.unit == "bytes" else None
    for number, item, encoding in iter_jsonl(path, on_position=on_position):
        where = f"{path}:{number}"
        if isinstance(item, FactcheckError):
            yield ReadFailure(where, item)
            continue
        body = item.get("text", item.get("body"))
        if not isinstance(body, str):
            yield ReadFailure(where, MalformedRecordError(path, number, "missing 'text' (or 'body') string"))
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
            yield ReadFailure(where, exc)


def _kind(path: Path) -> str:
    return ".jsonl" if is_gzip_jsonl(path) else path.suffix.lower()


def read_file(
    path: Path, defaults: ArticleDefaults, meta: dict[str, Any] | None = None, progress: ReadProgress | None = None
) -> Iterator[ArticleRecord | ReadFailure]:
    """The articles of one file: one for a text or HTML file, one per line of JSONL (streamed)."""
    suffix = _kind(path)
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnsupportedFormatError(path, path.suffix.lower())
    if suffix == ".jsonl":
        yield from _read_jsonl(path, defaults, progress)
        return
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UnreadableFileError(path, f"cannot read ({exc.strerror})") from exc
    if size > MAX_RECORD_BYTES:
        mib = 1024 * 1024
        limit = f"the limit for one article is {MAX_RECORD_BYTES // mib} MiB"
        raise UnreadableFileError(path, f"file is {size // mib} MiB; {limit}")
    text, encoding = read_text_file(path)
    meta = meta or {}
    title: str | None = None
    if suffix in {".html", ".htm"}:
        document = html_to_text(text)
        text, title = document.text, document.title
    elif suffix in {".md", ".markdown"}:
        text = _markdown_to_text(text)
    yield _record(text, title=title, meta=meta, defaults=defaults, source_path=str(path), encoding=encoding)


def _start_progress(progress: ReadProgress, paths: list[Path]) -> None:
    """Bytes for a single JSONL file, else files: counted now, by name only."""
    if len(paths) == 1 and paths[0].is_file() and _kind(paths[0]) == ".jsonl":
        progress.reset("bytes", paths[0].stat().st_size)
        return
    total = 0
    for root in paths:
        try:
            total += sum(1 for _ in iter_article_files(root))
        except FactcheckError:
            continue  # reported when the files are read
    progress.reset("files", total)


def read_articles(
    paths: list[Path],
    defaults: ArticleDefaults,
    *,
    manifest: Path | None = None,
    progress: ReadProgress | None = None,
) -> Iterator[ArticleRecord | ReadFailure]:
    """Every article under ``paths``, read lazily; failures are yielded, not raised, so the rest still
    import. ``progress`` is kept up to date for an ETA: bytes read of a single JSONL file, else files."""
    explicit = load_manifest(manifest) if manifest else None
    if progress is not None:
        _start_progress(progress, paths)
    for root in paths:
        try:
            files = iter_article_files(root)
            local = explicit
            if local is None and root.is_dir() and (root / MANIFEST_NAME).is_file():
                local = load_manifest(root / MANIFEST_NAME)
            for file in files:
                meta = (local or {}).get(file.name) or (local or {}).get(str(file)) or {}
                try:
                    for entry in read_file(file, defaults, meta, progress):
                        if progress is not None and isinstance(entry, ArticleRecord):
                            progress.mark()
                        yield entry
                except FactcheckError as exc:
                    yield ReadFailure(str(file), exc)
                if progress is not None:
                    progress.file_done()
        except FactcheckError as exc:
            yield ReadFailure(str(root), exc)
