"""Archive-size imports: JSONL streamed record by record, per-record errors by line, .jsonl.gz, folders.

The files are generated here from the sample corpus; the large ones are made large by a padding field
(the importer ignores fields it does not know), so they pass the old 20 MiB per-file cap while
extraction stays quick.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from cli import main
from db.store import store_articles
from factcheck.records import ReadFailure
from sources.jsonl import MAX_RECORD_BYTES
from sources.readers import ArticleDefaults, ReadProgress, read_articles

CORPUS = Path(__file__).resolve().parent.parent / "sources" / "sample_corpus"
MIB = 1024 * 1024


def corpus_sentences() -> list[str]:
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt")))
    return [s for s in re.split(r"(?<=[.!?؟])\s+", " ".join(text.split())) if 30 < len(s) < 300]


def article_records(count: int, seed: int = 3) -> list[dict[str, Any]]:
    """``count`` distinct short articles made of sample-corpus sentences."""
    rng = random.Random(seed)
    sentences = corpus_sentences()
    return [
        {
            "text": "\n\n".join([*rng.sample(sentences, 3), f"The committee filed report number {i + 1}."]),
            "outlet": rng.choice(["A", "B", "C"]),
            "published": "2025-03-11",
        }
        for i in range(count)
    ]


def write_jsonl(path: Path, lines: list[str]) -> Path:
    opener: Any = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "wt", encoding="utf-8") as out:
        for line in lines:
            out.write(line + "\n")
    return path


def stored_hashes(db_path: Path) -> list[str]:
    with sqlite3.connect(db_path) as conn:
        return [row[0] for row in conn.execute("SELECT content_hash FROM article")]


@pytest.mark.parametrize("name", ["big.jsonl", "big.jsonl.gz"])
def test_a_jsonl_well_over_the_old_per_file_cap_imports(
    database: Any, db_path: Path, tmp_path: Path, name: str
) -> None:
    records = article_records(14)
    padding = "x" * (2 * MIB)  # each line about 2 MiB: 28 MiB in all, over the old 20 MiB per-file cap
    path = write_jsonl(tmp_path / name, [json.dumps({**r, "padding": padding}) for r in records])
    raw_size = 28 * MIB if name.endswith(".gz") else path.stat().st_size
    assert raw_size > 25 * MIB
    progress = ReadProgress()
    report = store_articles(database, read_articles([path], ArticleDefaults(), progress=progress), workers=2)
    assert report.count("imported") == 14 and not report.failed
    assert progress.unit == "bytes" and progress.done == progress.total == path.stat().st_size
    assert len(set(stored_hashes(db_path))) == 14


def test_broken_and_oversized_records_are_named_by_line_and_the_rest_imports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    good = [json.dumps(r, ensure_ascii=False) for r in article_records(3)]
    oversized = '{"text": "' + "a" * (MAX_RECORD_BYTES + 1) + '"}'
    path = write_jsonl(
        tmp_path / "mixed.jsonl", [good[0], "{not json", oversized, "", good[1], '{"title": "x"}', good[2]]
    )
    assert main(["--db", str(db_path), "import", str(path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"factcheck: error: {path}:2: invalid JSON (Expecting property name enclosed in double quotes)",
        f"factcheck: error: {path}:3: record over the 20 MiB limit",
        f"factcheck: error: {path}:6: missing 'text' (or 'body') string",
    ]
    assert len(stored_hashes(db_path)) == 3


def test_a_damaged_gzip_keeps_the_lines_before_the_damage(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl.gz", [json.dumps(r) for r in article_records(300)])
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # cut in the middle, as by an interrupted download
    entries = list(read_articles([path], ArticleDefaults()))
    failures = [e for e in entries if isinstance(e, ReadFailure)]
    assert len(failures) == 1 and len(entries) > 50
    assert str(failures[0].error).startswith(f"{path}: damaged after line {len(entries) - 1} (")


def test_a_folder_of_many_files_streams_with_progress_in_files(database: Any, tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    for i, record in enumerate(article_records(450)):
        sub = folder / f"day{i % 7}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{i:04}.txt").write_text(record["text"], encoding="utf-8")
    progress = ReadProgress()
    read: list[int] = []  # files read when each article was stored
    stored: list[int] = []  # files whose article was stored (what the ETA goes by)

    def on_item(_: object) -> None:
        read.append(progress.done)
        stored.append(progress.stored())

    report = store_articles(
        database, read_articles([folder], ArticleDefaults(), progress=progress), on_item=on_item, workers=2
    )
    assert report.count("imported") == 450
    assert (progress.unit, progress.total, progress.done) == ("files", 450, 450)
    assert stored == list(range(1, 451))
    assert read == sorted(read) and 1 < read[0] < 450  # read ahead of storing, but not read whole first


def test_extraction_in_workers_stores_what_one_process_stores(tmp_path: Path) -> None:
    from db.engine import open_database

    path = write_jsonl(tmp_path / "a.jsonl", [json.dumps(r, ensure_ascii=False) for r in article_records(120)])
    rows = []
    for workers in (0, 2):
        target = tmp_path / f"w{workers}.db"
        database = open_database(target)
        store_articles(database, read_articles([path], ArticleDefaults()), workers=workers, batch_size=50)
        database.dispose()
        with sqlite3.connect(target) as conn:
            query = 'SELECT article_id, start, "end", text, kind, slots FROM claim ORDER BY id'
            links = "SELECT claim_a_id, claim_b_id, score FROM claim_link ORDER BY 1, 2"
            rows.append((conn.execute(query).fetchall(), conn.execute(links).fetchall()))
    assert rows[0][0] and rows[0][1]
    assert rows[0] == rows[1]


def test_a_repeat_in_the_next_batch_is_present_not_stored_twice(database: Any, db_path: Path, tmp_path: Path) -> None:
    records = article_records(30)
    repeated = records + records[5:15]  # the repeats arrive a batch or two after their first copies
    path = write_jsonl(tmp_path / "a.jsonl", [json.dumps(r, ensure_ascii=False) for r in repeated])
    report = store_articles(database, read_articles([path], ArticleDefaults()), workers=2, batch_size=10)
    assert (report.count("imported"), report.count("present")) == (30, 10)
    by_line = {int(item.where.rsplit(":", 1)[1]): item.article_id for item in report.items}
    assert all(by_line[31 + k] == by_line[6 + k] for k in range(10))
    assert len(stored_hashes(db_path)) == 30
