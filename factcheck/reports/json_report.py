"""The JSON export: the complete record (loadable by ``factcheck load``) plus its summary for readers.

Deterministic for a given database: keys sorted, rows in id order and no time of export, so that
loading an export and exporting again gives the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

from factcheck.reports.codec import record_to_obj
from factcheck.reports.summary import Report

__all__ = ["render_json", "summary_to_obj"]


def summary_to_obj(report: Report) -> dict[str, Any]:
    summary = report.summary
    return {
        "claims": summary.claims,
        "by_status": dict(summary.by_status),
        "by_rating": dict(summary.by_rating),
        "open_contradictions": [c.id for c in summary.open_contradictions],
        "confirmed_contradictions": [c.id for c in summary.confirmed_contradictions],
        "agreement": {
            "outlets": list(summary.outlets),
            "rows": [
                {"cluster": row.cluster, "claims": list(row.claim_ids), "cells": list(row.cells)}
                for row in summary.matrix
            ],
        },
        "methods": {
            "extractors": dict(summary.methods.extractors),
            "link_methods": {m: {"links": n, "confirmed": c} for m, n, c in summary.methods.link_methods},
            "contradiction_kinds": dict(summary.methods.contradiction_kinds),
            "text": list(summary.methods.text),
        },
    }


_dumps = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode  # built once: 25k rows per 10k claims


def render_json(report: Report) -> str:
    """One row per line: diffable like indented JSON, but written by the C encoder (indent disables it)."""
    obj = record_to_obj(report.record)
    obj["summary"] = summary_to_obj(report)  # derived; the loader ignores it
    parts = []
    for key in sorted(obj):
        value = obj[key]
        if isinstance(value, list) and value and isinstance(value[0], dict):
            parts.append(f"{_dumps(key)}: [\n" + ",\n".join(map(_dumps, value)) + "\n]")
        else:
            parts.append(f"{_dumps(key)}: {_dumps(value)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"
