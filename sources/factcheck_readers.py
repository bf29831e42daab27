"""Fact-check archives into ``FactCheckRecord``s: ClaimReview JSON-LD and CSV/TSV spreadsheets.

ClaimReview comes as one object, a list, a ``@graph``, or (for large exports) one object per line
(``.jsonl``); our own ``factcheck export --format claimreview`` is a list of them. A spreadsheet has
named columns (``claim``, ``rating``, ``url``, ``fact_checker``, ``date``, ``title``, ``language``,
``id``); ``columns`` maps those names onto the file's own headers, or onto a position (``#1``).
Rows are yielded one at a time, so a 100,000-row file is read with flat memory. A bad record is
yielded as its error (``FactcheckError``), so the records after it still come in; a file that cannot
be read at all raises.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from factcheck.errors import FactcheckError, InvalidValueError, MalformedRecordError, UnreadableFileError
from factcheck.prior.records import FactCheckRecord
from factcheck.text import strip_control
from sources.decode import decode_bytes

__all__ = ["FACTCHECK_SUFFIXES", "FIELDS", "parse_column_overrides", "read_factchecks"]

FIELDS = ("claim", "rating", "url", "fact_checker", "date", "title", "language", "id")
FACTCHECK_SUFFIXES = {".json", ".jsonld", ".jsonl", ".csv", ".tsv"}
_ALIASES: dict[str, tuple[str, ...]] = {
    "claim": ("claim", "claim_text", "claimreviewed", "claim_reviewed", "text", "vclaim", "statement"),
    "rating": ("rating", "verdict", "textual_rating", "textualrating", "label", "alternatename"),
    "url": ("url", "review_url", "link", "claimreview_url"),
    "fact_checker": ("fact_checker", "factchecker", "publisher", "author", "organisation", "organization"),
    "date": ("date", "review_date", "datepublished", "published"),
    "title": ("title", "headline"),
    "language": ("language", "lang", "inlanguage"),
    "id": ("id", "claim_id", "external_id"),
}
csv.field_size_limit(10_000_000)


def parse_column_overrides(pairs: list[str]) -> dict[str, str]:
    """``["claim=vclaim", "id=#1"]`` → ``{"claim": "vclaim", "id": "#1"}``; unknown fields refused."""
    out: dict[str, str] = {}
    for pair in pairs:
        field, sep, header = pair.partition("=")
        field = field.strip().lower()
        if not sep or field not in FIELDS:
            raise InvalidValueError(f"--column {pair!r}: expected FIELD=HEADER with FIELD one of {', '.join(FIELDS)}")
        out[field] = header.strip()
    return out


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if isinstance(value, list):
        value = value[0] if value else None
        return _text(value)
    text = " ".join(strip_control(str(value)).split())
    return text or None


def _date(value: str | None, where: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        pass
    for fmt in ("%d/%m/%Y", "%B %d, %Y", "%b %d, %Y", "%d %B %Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise InvalidValueError(f"{where}: date {value!r} is not YYYY-MM-DD")


def _number(value: Any) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _from_claimreview(obj: Mapping[str, Any], where: str) -> FactCheckRecord:
    claim = _text(obj.get("claimReviewed"))
    if not claim:
        raise InvalidValueError(f"{where}: a ClaimReview without claimReviewed")
    rating = obj.get("reviewRating")
    rating = rating[0] if isinstance(rating, list) and rating else rating
    rating = rating if isinstance(rating, dict) else {}
    item = obj.get("itemReviewed") if isinstance(obj.get("itemReviewed"), dict) else {}
    language = _text(obj.get("inLanguage")) or _text(item.get("inLanguage") if item else None)
    return FactCheckRecord(
        claim=claim,
        rating_original=_text(rating.get("alternateName")) or _text(rating.get("name")),
        rating_value=_number(rating.get("ratingValue")),
        best=_number(rating.get("bestRating")),
        worst=_number(rating.get("worstRating")),
        fact_checker=_text(obj.get("author")) or _text(obj.get("publisher")),
        url=_text(obj.get("url")),
        review_date=_date(_text(obj.get("datePublished")), where),
        title=_text(obj.get("name")) or _text(obj.get("headline")),
        language=language,
        where=where,
    )


def _reviews(data: Any) -> Iterator[Mapping[str, Any]]:
    """Every ClaimReview object in a JSON-LD document, wherever the list or graph puts it."""
    if isinstance(data, list):
        for item in data:
            yield from _reviews(item)
    elif isinstance(data, dict):
        kind = data.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if "ClaimReview" in kinds:
            yield data
        elif "@graph" in data:
            yield from _reviews(data["@graph"])


def _read_json(path: Path) -> Iterator[FactCheckRecord | FactcheckError]:
    text, _ = decode_bytes(_read_bytes(path), where=path)
    if path.suffix.lower() == ".jsonl":
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                yield MalformedRecordError(path, number, f"not JSON ({exc.msg})")
                continue
            for obj in _reviews(data):
                yield _record(_from_claimreview, obj, f"{path}:{number}")
        return
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedRecordError(path, exc.lineno, f"not JSON ({exc.msg})") from exc
    found = False
    for index, obj in enumerate(_reviews(data), 1):
        found = True
        yield _record(_from_claimreview, obj, f"{path}: review {index}")
    if not found:
        raise InvalidValueError(f"{path}: no ClaimReview object found (expected @type ClaimReview)")


def _read_bytes(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFileError(path, exc.strerror or "cannot read") from exc
    if not data.strip():
        raise UnreadableFileError(path, "the file is empty")
    return data


def _resolve(headers: list[str], overrides: Mapping[str, str], path: Path) -> dict[str, int]:
    folded = [h.strip().lower().replace(" ", "_") for h in headers]
    where: dict[str, int] = {}
    for field in FIELDS:
        wanted = overrides.get(field)
        if wanted is not None:
            if wanted.startswith("#") and wanted[1:].isdigit():
                index = int(wanted[1:]) - 1
                if not 0 <= index < len(headers):
                    raise InvalidValueError(f"{path}: --column {field}={wanted}: the file has {len(headers)} columns")
            elif wanted.lower().replace(" ", "_") in folded:
                index = folded.index(wanted.lower().replace(" ", "_"))
            else:
                raise InvalidValueError(f"{path}: --column {field}={wanted}: no such column in {headers}")
            where[field] = index
            continue
        for alias in _ALIASES[field]:
            if alias in folded:
                where[field] = folded.index(alias)
                break
    if "claim" not in where:
        raise InvalidValueError(
            f"{path}: no claim column (headers: {', '.join(h or '(empty)' for h in headers)}); "
            "name one with --column claim=HEADER"
        )
    return where


def _encoding(path: Path) -> str:
    """The file's encoding, judged from its first 64 KiB (cut at a line end) as articles are."""
    try:
        with path.open("rb") as handle:
            head = handle.read(65536)
            more = bool(handle.read(1))
    except OSError as exc:
        raise UnreadableFileError(path, exc.strerror or "cannot read") from exc
    if not head.strip():
        raise UnreadableFileError(path, "the file is empty")
    if more and b"\n" in head:
        head = head[: head.rindex(b"\n") + 1]
    return decode_bytes(head, where=path)[1]


def _delimiter(path: Path, header: str) -> str:
    """Tab for .tsv; for .csv a comma, or a semicolon when the header has more of those (spreadsheets
    saved where the decimal mark is a comma write ``claim;rating``)."""
    if path.suffix.lower() == ".tsv":
        return "\t"
    return ";" if header.count(";") > header.count(",") else ","


def _read_table(path: Path, overrides: Mapping[str, str]) -> Iterator[FactCheckRecord | FactcheckError]:
    with path.open(encoding=_encoding(path), newline="", errors="strict") as handle:
        try:
            delimiter = _delimiter(path, handle.readline())
            handle.seek(0)
            yield from _table_rows(path, csv.reader(handle, delimiter=delimiter), overrides)
        except UnicodeDecodeError as exc:
            raise UnreadableFileError(path, f"cannot decode past byte {exc.start}: mixed encodings") from exc


def _table_rows(path: Path, reader: Any, overrides: Mapping[str, str]) -> Iterator[FactCheckRecord | FactcheckError]:
    headers = next(reader, None)
    if not headers:
        raise UnreadableFileError(path, "no header row")
    columns = _resolve(headers, overrides, path)
    for number, row in enumerate(reader, 2):
        if not any(cell.strip() for cell in row):
            continue

        def cell(field: str, row: list[str] = row) -> str | None:
            index = columns.get(field)
            return _text(row[index]) if index is not None and index < len(row) else None

        if not cell("claim"):
            yield MalformedRecordError(path, number, "the claim cell is empty")
            continue
        yield _record(_table_record, cell, f"{path}:{number}")


def _table_record(cell: Callable[[str], str | None], where: str) -> FactCheckRecord:
    return FactCheckRecord(
        claim=cell("claim") or "",
        rating_original=cell("rating"),
        fact_checker=cell("fact_checker"),
        url=cell("url"),
        review_date=_date(cell("date"), where),
        title=cell("title"),
        language=cell("language"),
        external_id=cell("id"),
        where=where,
    )


def _record(make: Callable[[Any, str], FactCheckRecord], source: Any, where: str) -> FactCheckRecord | FactcheckError:
    """One record, or its error: a bad record is handed on as a value, since a generator that raised
    is finished and the records after it would be lost."""
    try:
        return make(source, where)
    except FactcheckError as exc:
        return exc


def read_factchecks(
    path: Path, *, columns: Mapping[str, str] | None = None
) -> Iterator[FactCheckRecord | FactcheckError]:
    """The fact-checks in one file, in file order (a bad one as its error); the format comes from the
    extension."""
    suffix = path.suffix.lower()
    if path.is_dir() or suffix not in FACTCHECK_SUFFIXES:
        raise InvalidValueError(
            f"{path}: unsupported fact-check file {suffix or '(no extension)'}; expected .json, .jsonld, .jsonl, "
            ".csv or .tsv"
        )
    if suffix in {".csv", ".tsv"}:
        yield from _read_table(path, columns or {})
    else:
        yield from _read_json(path)
