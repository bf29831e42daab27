"""The SaudiNewsNet week through the real importer: links per claim, flags per 1,000 articles, and
fixed-seed samples of links and flags written as TSV files for a person to judge.

The week's file is already one article a JSON line in the importer's own format; it is only
decompressed into chunks (the reader takes files up to 20 MiB) and imported as ``factcheck import``
would. A judged file (the ``judgement`` column filled with y/n) gives the precision with ``--judged``.
"""

from __future__ import annotations

import csv
import gzip
import random
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from quality_pipeline import Stored, import_files

from factcheck.text import neutralize_csv_cell

__all__ = ["cell", "judged_precision", "run_saudi", "write_samples"]

SAMPLE = 30
RIGHT = {"y", "yes", "1", "true", "right", "correct", "ok"}
WRONG = {"n", "no", "0", "false", "wrong", "incorrect"}
LINK_COLUMNS = ["link", "score", "method", "outlet_a", "date_a", "title_a", "claim_a", "outlet_b", "date_b",
                "title_b", "claim_b", "judgement"]  # fmt: skip
FLAG_COLUMNS = ["flag", "kind", "value_a", "value_b", "explanation", "outlet_a", "date_a", "title_a", "claim_a",
                "outlet_b", "date_b", "title_b", "claim_b", "judgement"]  # fmt: skip


def _chunks(source: Path, workdir: Path, limit: int | None, size: int = 2000, skip: int = 0) -> tuple[list[Path], int]:
    """The week's articles after the first ``skip`` (up to ``limit``) as JSONL files of ``size`` each."""
    paths: list[Path] = []
    count = 0
    skipped = 0
    handle = None
    with gzip.open(source, "rt", encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            if skipped < skip:
                skipped += 1
                continue
            if limit is not None and count >= limit:
                break
            if count % size == 0:
                if handle:
                    handle.close()
                paths.append(workdir / f"saudi-{count // size:04d}.jsonl")
                handle = paths[-1].open("w", encoding="utf-8")
            assert handle is not None
            handle.write(line if line.endswith("\n") else line + "\n")
            count += 1
    if handle:
        handle.close()
    return paths, count


def cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return neutralize_csv_cell(" ".join(text.split()))


def _side(stored: Stored, claim_id: int, tag: str) -> dict[str, str]:
    article = stored.claim_article[claim_id]
    meta = stored.meta.get(article, {})
    return {
        f"outlet_{tag}": cell(meta.get("outlet")),
        f"date_{tag}": cell(meta.get("published")),
        f"title_{tag}": cell(meta.get("title")),
        f"claim_{tag}": cell(stored.claim_text.get(claim_id)),
    }


def sample_rows(stored: Stored, seed: int) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Fixed-seed random samples of ``SAMPLE`` links and ``SAMPLE`` flags, with both sides' texts."""
    rng = random.Random(seed)
    links = rng.sample(stored.links, min(SAMPLE, len(stored.links)))
    flags = rng.sample(stored.flags, min(SAMPLE, len(stored.flags)))
    link_rows = [
        {
            "link": str(n),
            "score": f"{link['score']:.3f}",
            "method": cell(link["method"]),
            **_side(stored, link["claim_a"], "a"),
            **_side(stored, link["claim_b"], "b"),
            "judgement": "",
        }
        for n, link in enumerate(links, start=1)
    ]
    flag_rows = [
        {
            "flag": str(n),
            "kind": cell(flag["kind"]),
            "value_a": cell(flag["value_a"]),
            "value_b": cell(flag["value_b"]),
            "explanation": cell(flag["explanation"]),
            **_side(stored, flag["claim_a"], "a"),
            **_side(stored, flag["claim_b"], "b"),
            "judgement": "",
        }
        for n, flag in enumerate(flags, start=1)
    ]
    return link_rows, flag_rows


def _has_judgements(path: Path) -> bool:
    if not path.is_file():
        return False
    with path.open(encoding="utf-8", newline="") as handle:
        return any((row.get("judgement") or "").strip() for row in csv.DictReader(handle, delimiter="\t"))


def write_samples(rows: list[dict[str, str]], columns: list[str], path: Path) -> Path:
    """Write a sample TSV; a file someone has started judging is never overwritten (``.new.tsv`` beside it)."""
    if _has_judgements(path):
        path = path.with_suffix(".new.tsv")
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def judged_precision(path: Path) -> dict[str, Any]:
    """Right, wrong and unjudged rows of a filled sample file, and the precision over the judged ones."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    if rows and "judgement" not in rows[0]:
        raise SystemExit(f"{path}: no 'judgement' column")
    marks = Counter((row.get("judgement") or "").strip().lower() for row in rows)
    right = sum(n for mark, n in marks.items() if mark in RIGHT)
    wrong = sum(n for mark, n in marks.items() if mark in WRONG)
    unknown = sorted(mark for mark in marks if mark and mark not in RIGHT | WRONG)
    return {
        "rows": len(rows),
        "right": right,
        "wrong": wrong,
        "unjudged": marks.get("", 0),
        "unreadable": unknown,
        "precision": right / (right + wrong) if right + wrong else None,
    }


@contextmanager
def _vectors_at_import(on: bool) -> Iterator[None]:
    """The import's matching with or without sentence vectors (``match_new_claims(vectors=…)``).

    Encoding runs at about 70 sentences/s here, so the week with vectors takes hours; without them
    the lexical model judges every pair, as it does for any claim stored without a vector, and no
    vectors pass follows the import (``import --no-vectors``).
    """
    if on:
        yield
        return
    import db.links

    original = db.links.match_new_claims
    db.links.match_new_claims = partial(original, vectors=False)
    try:
        yield
    finally:
        db.links.match_new_claims = original


def run_saudi(
    source: Path,
    workdir: Path,
    *,
    limit: int | None,
    seed: int,
    sample_dir: Path,
    rematch: bool = False,
    vectors: bool = True,
    skip: int = 0,
) -> dict[str, Any]:
    """Import the week (or ``limit`` articles after the first ``skip``: another day of it) and measure;
    the samples go to ``sample_dir``. ``vectors=False`` matches without sentence vectors (said in the output)."""
    start = time.perf_counter()
    paths, count = _chunks(source, workdir, limit, skip=skip)
    unpacked = time.perf_counter() - start
    last = [time.perf_counter()]

    def progress(done: int) -> None:
        if done % 1000 == 0 or done == count:
            now = time.perf_counter()
            print(f"  saudinewsnet: {done:,}/{count:,} articles ({now - last[0]:.0f} s)", file=sys.stderr)
            last[0] = now

    print(
        f"  saudinewsnet: {count:,} articles ({'the whole week' if limit is None else f'{limit:,}'}"
        f"{f' after the first {skip:,}' if skip else ''}), "
        f"sentence vectors at import {'on' if vectors else 'off'}",
        file=sys.stderr,
    )
    with _vectors_at_import(vectors):
        stored = import_files(paths, workdir / "saudi.db", rematch=rematch, on_item=progress, vectors=vectors)
    articles = len(stored.bodies)
    claims = sum(stored.claims.values())
    kinds = Counter(str(flag["kind"]) for flag in stored.flags)
    link_rows, flag_rows = sample_rows(stored, seed)
    written = [
        str(write_samples(link_rows, LINK_COLUMNS, sample_dir / "judged_sample_links.tsv")),
        str(write_samples(flag_rows, FLAG_COLUMNS, sample_dir / "judged_sample_flags.tsv")),
    ]
    per_k = 1000 / articles if articles else 0.0
    return {
        "limit": limit,
        "skip": skip,
        "vectors": vectors,
        "articles_read": count,
        "articles": articles,
        "failed": stored.failed,
        "claims": claims,
        "links": len(stored.links),
        "links_per_claim": len(stored.links) / claims if claims else 0.0,
        "flags": len(stored.flags),
        "flags_per_1000_articles": len(stored.flags) * per_k,
        "flags_per_1000_by_kind": {kind: n * per_k for kind, n in sorted(kinds.items())},
        "seconds": {"unpack": unpacked, **stored.seconds},
        "sample_files": written,
        "link_sample": link_rows,
        "flag_sample": flag_rows,
    }
