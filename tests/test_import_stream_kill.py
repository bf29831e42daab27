"""An import killed midway (a real subprocess, a real SIGKILL or SIGINT) keeps the batches it committed,
and running it again completes it without duplicates."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_import_stream import article_records, write_jsonl

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = 600

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def _import(db: Path, archive: Path) -> subprocess.Popen[str]:
    # The import's own batches are what is interrupted here; the vectors pass after it has its own test.
    return subprocess.Popen(
        [sys.executable, "-m", "cli", "--db", str(db), "import", str(archive), "--json", "--no-vectors"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # A shell that starts the suite in the background hands its children SIGINT ignored, and Python
        # then never raises KeyboardInterrupt: the import must meet Ctrl-C as a terminal delivers it.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def _articles(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM article").fetchone()[0])
    except sqlite3.OperationalError:  # not created yet
        return 0


def _wait_for_a_commit(db: Path, process: subprocess.Popen[str]) -> int:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the import ended before it could be interrupted: {process.communicate()}")
        if (stored := _articles(db)) > 0:
            return stored
        time.sleep(0.05)
    pytest.fail("no batch committed within 120 s")


def _same_command_line(pid: int) -> list[int]:
    """Processes still running the killed import's command line (its extraction workers)."""
    wanted = Path(f"/proc/{pid}/cmdline").read_bytes()
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != pid:
            try:
                if (entry / "cmdline").read_bytes() == wanted:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_an_interrupted_import_keeps_its_batches_and_a_rerun_completes_it(tmp_path: Path, sig: signal.Signals) -> None:
    archive = write_jsonl(
        tmp_path / "archive.jsonl", [json.dumps(r, ensure_ascii=False) for r in article_records(ARTICLES)]
    )
    db = tmp_path / "factcheck.db"
    process = _import(db, archive)
    _wait_for_a_commit(db, process)
    workers = _same_command_line(process.pid) if Path("/proc").is_dir() else []
    os.kill(process.pid, sig)
    _, err = process.communicate(timeout=60)
    kept = _articles(db)
    assert 0 < kept < ARTICLES
    if sig == signal.SIGINT:
        assert process.returncode == 130
        assert err.splitlines()[-2:] == [
            f"factcheck: interrupted: {kept} articles imported before the interruption are kept; "
            "run the same import again to finish it",
            "factcheck: error: interrupted",
        ]
    else:
        assert process.returncode == -signal.SIGKILL
    deadline = time.monotonic() + 10  # the workers leave once the importer's end of their pipes closes
    while any(Path(f"/proc/{pid}").exists() for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()]

    rerun = _import(db, archive)
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    summary = json.loads(out)["summary"]
    assert summary == {"imported": ARTICLES - kept, "present": kept, "failed": 0}
    with sqlite3.connect(db) as conn:
        hashes = [row[0] for row in conn.execute("SELECT content_hash FROM article")]
        orphans = conn.execute("SELECT count(*) FROM claim WHERE article_id NOT IN (SELECT id FROM article)").fetchone()
        claims = conn.execute("SELECT count(*), count(DISTINCT article_id || ':' || start) FROM claim").fetchone()
    assert len(hashes) == len(set(hashes)) == ARTICLES
    assert orphans == (0,)
    assert claims[0] == claims[1]  # no claim stored twice
