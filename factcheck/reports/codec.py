"""The JSON form of a review record, and its validating reader.

The JSON is the complete record, so it must read back exactly: every row keeps every field, dates and
times are ISO 8601 (times aware UTC), and ``format`` names the layout and its version. The reader
checks everything before anything is written to a database and says where a file is wrong.
"""

from __future__ import annotations

import json
import types
from dataclasses import MISSING, fields
from datetime import date, datetime
from typing import Any, Union, get_args, get_origin, get_type_hints

from factcheck.errors import InputError, InvalidValueError
from factcheck.reports.record import (
    ROW_TABLES,
    ReviewRecord,
    Selection,
)
from factcheck.review.scale import RatingScale

__all__ = ["FORMAT", "FORMAT_NAME", "FORMAT_VERSION", "parse_record", "record_from_obj", "record_to_obj"]

FORMAT_NAME = "factcheck-review-record"
FORMAT_VERSION = 1
FORMAT = f"{FORMAT_NAME}/{FORMAT_VERSION}"


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


_LAYOUTS: dict[type[Any], tuple[tuple[str, ...], tuple[str, ...]]] = {}


def _layout(cls: type[Any]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Field names of a row class, and those holding dates or times (written as ISO 8601)."""
    if cls not in _LAYOUTS:
        hints = get_type_hints(cls)
        names = tuple(f.name for f in fields(cls))
        timed = tuple(n for n in names if {date, datetime} & {hints[n], *get_args(hints[n])})
        _LAYOUTS[cls] = (names, timed)
    return _LAYOUTS[cls]


def row_to_obj(row: Any) -> dict[str, Any]:
    names, timed = _layout(type(row))
    obj = {name: getattr(row, name) for name in names}
    for name in timed:
        if obj[name] is not None:
            obj[name] = obj[name].isoformat()
    return obj


def record_to_obj(record: ReviewRecord) -> dict[str, Any]:
    """The record as JSON-ready data, tables in foreign-key order, rows in id order."""
    obj: dict[str, Any] = {
        "format": FORMAT,
        "meta": dict(sorted(record.meta.items())),
        "scale": record.scale.to_dict(),
        "selection": {
            "article_id": record.selection.article_id,
            "status": record.selection.status,
            "since": _plain(record.selection.since),
            "claim_ids": list(record.selection.claim_ids),
        },
    }
    for key, _table, _cls in ROW_TABLES:
        obj[key] = [row_to_obj(row) for row in getattr(record, key)]
    return obj


# --- reading ---------------------------------------------------------------------------------------


class _Bad(Exception):
    """A wrong value at a path inside the document; becomes one InputError."""

    def __init__(self, where: str, what: str) -> None:
        super().__init__(f"{where}: {what}")


def _describe(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


_SCALARS: dict[Any, tuple[tuple[type, ...], str]] = {
    bool: ((bool,), "true or false"),
    int: ((int,), "a whole number"),
    float: ((int, float), "a number"),
    str: ((str,), "text"),
}


def _parser(hint: Any) -> Any:
    """A checking converter for one annotated field type."""
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(hint) if a is not type(None)]
        inner = _parser(options[0])

        def optional(value: Any, where: str) -> Any:
            return None if value is None else inner(value, where)

        return optional
    if hint is Any:
        return lambda value, where: value
    if origin is dict:

        def mapping(value: Any, where: str) -> Any:
            if not isinstance(value, dict):
                raise _Bad(where, f"expected an object, got {_describe(value)}")
            return value

        return mapping
    if hint in _SCALARS:
        accepted, noun = _SCALARS[hint]

        def scalar(value: Any, where: str) -> Any:
            if not isinstance(value, accepted) or (isinstance(value, bool) and hint is not bool):
                raise _Bad(where, f"expected {noun}, got {_describe(value)}")
            return hint(value)

        return scalar
    if hint is datetime:
        return _datetime
    if hint is date:
        return _date
    raise TypeError(f"no JSON reader for {hint!r}")  # pragma: no cover - a programming error


def _datetime(value: Any, where: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        raise _Bad(where, f"expected an ISO 8601 time with a UTC offset, got {_describe(value)}")
    return parsed


def _date(value: Any, where: str) -> date:
    try:
        if isinstance(value, str) and len(value) == 10:
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise _Bad(where, f"expected an ISO 8601 date (YYYY-MM-DD), got {_describe(value)}")


_READERS: dict[type[Any], tuple[tuple[str, Any], ...]] = {}


def _row_reader(cls: type[Any]) -> tuple[tuple[str, Any], ...]:
    if cls not in _READERS:
        hints = get_type_hints(cls)
        _READERS[cls] = tuple((f.name, _parser(hints[f.name])) for f in fields(cls))
    return _READERS[cls]


def _read_row(cls: type[Any], value: Any, where: str) -> Any:
    if not isinstance(value, dict):
        raise _Bad(where, f"expected an object, got {_describe(value)}")
    reader = _row_reader(cls)
    names = {name for name, _ in reader}
    optional = {f.name for f in fields(cls) if f.default is not MISSING}  # added since format 1 was written
    missing = [name for name, _ in reader if name not in value and name not in optional]
    if missing:
        raise _Bad(where, f"missing {', '.join(missing)}")
    unknown = sorted(set(value) - names)
    if unknown:
        raise _Bad(where, f"unknown field(s) {', '.join(unknown)} (written by a newer factcheck?)")
    return cls(**{name: parse(value[name], f"{where}.{name}") for name, parse in reader if name in value})


def _list(obj: dict[str, Any], key: str) -> list[Any]:
    value = obj.get(key)
    if not isinstance(value, list):
        raise _Bad(key, "missing" if value is None else f"expected a list, got {_describe(value)}")
    return value


def _read_scale(value: Any) -> RatingScale:
    try:
        return RatingScale.from_dict(value)
    except InvalidValueError as exc:
        raise _Bad("scale", str(exc)) from None


def _read_selection(value: Any) -> Selection:
    if not isinstance(value, dict):
        raise _Bad("selection", f"expected an object, got {_describe(value)}")
    ids = _list(value, "claim_ids")
    return Selection(
        article_id=_parser(int | None)(value.get("article_id"), "selection.article_id"),
        status=_parser(str | None)(value.get("status"), "selection.status"),
        since=_parser(date | None)(value.get("since"), "selection.since"),
        claim_ids=tuple(_parser(int)(v, f"selection.claim_ids[{i}]") for i, v in enumerate(ids)),
    )


def _check_format(obj: Any) -> None:
    if not isinstance(obj, dict):
        raise _Bad("document", f'expected a JSON object with a "format" key, got {_describe(obj)}')
    if "format" not in obj:
        if "@context" in obj or (isinstance(obj, dict) and obj.get("@type") == "ClaimReview"):
            raise _Bad("format", "this is ClaimReview JSON-LD, which cannot rebuild a database; use --format json")
        raise _Bad("format", "missing: not a factcheck review record")
    fmt = obj["format"]
    if fmt == FORMAT:
        return
    name, _, version = str(fmt).rpartition("/")
    if name == FORMAT_NAME:
        raise _Bad("format", f"version {version} is not supported; this factcheck reads version {FORMAT_VERSION}")
    raise _Bad("format", f"{_describe(fmt)} is not a factcheck review record (expected {FORMAT!r})")


def _check_references(record: ReviewRecord) -> None:
    """Every id a row points at must be in the record, or the database would refuse it half-way."""
    articles = {a.id for a in record.articles}
    claims = {c.id for c in record.claims}
    sources = {s.id for s in record.sources}
    checks: list[tuple[str, tuple[Any, ...], str, set[int]]] = [
        ("claims", record.claims, "article_id", articles),
        ("links", record.links, "claim_a_id", claims),
        ("links", record.links, "claim_b_id", claims),
        ("contradictions", record.contradictions, "claim_a_id", claims),
        ("contradictions", record.contradictions, "claim_b_id", claims),
        ("snapshots", record.snapshots, "source_id", sources),
        ("claim_sources", record.claim_sources, "claim_id", claims),
        ("claim_sources", record.claim_sources, "source_id", sources),
        ("verdicts", record.verdicts, "claim_id", claims),
    ]
    for key, rows, column, known in checks:
        for i, row in enumerate(rows):
            if getattr(row, column) not in known:
                raise _Bad(f"{key}[{i}].{column}", f"{getattr(row, column)} is not in the record")
    for key, _table, _cls in ROW_TABLES:
        seen: set[int] = set()
        for i, row in enumerate(getattr(record, key)):
            if row.id in seen:
                raise _Bad(f"{key}[{i}].id", f"{row.id} appears twice")
            seen.add(row.id)
    missing = [cid for cid in record.selection.claim_ids if cid not in claims]
    if missing:
        raise _Bad("selection.claim_ids", f"{missing[0]} is not in the record")


def record_from_obj(obj: Any, *, origin: str = "record") -> ReviewRecord:
    """A record from parsed JSON; any problem is an InputError naming the place."""
    try:
        _check_format(obj)
        meta = obj.get("meta", {})
        if not isinstance(meta, dict) or not all(isinstance(v, str) for v in meta.values()):
            raise _Bad("meta", "expected an object of text values")
        tables = {
            key: tuple(_read_row(cls, item, f"{key}[{i}]") for i, item in enumerate(_list(obj, key)))
            for key, _table, cls in ROW_TABLES
        }
        record = ReviewRecord(
            meta=dict(meta),
            scale=_read_scale(obj.get("scale")),
            selection=_read_selection(obj.get("selection")),
            **tables,
        )
        _check_references(record)
    except _Bad as exc:
        raise InputError(f"{origin}: {exc}") from None
    return record


def parse_record(text: str | bytes, *, origin: str = "record") -> ReviewRecord:
    """Read a JSON export; malformed JSON is reported with its line and column."""
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{origin}: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{origin}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    return record_from_obj(obj, origin=origin)
