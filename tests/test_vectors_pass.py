"""The vectors pass: an import matches on lexical features, the pass adds sentence vectors and decides
the candidate pairs again; the end state is the one matching with vectors at import gives, the pass
resumes where it stopped (chunks, a real Ctrl-C), and ``factcheck import --no-vectors`` leaves it out."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from matching_corpus import ARTICLE_IDS, store_hand_claims
from sqlmodel import select

from cli import main
from cli.importing import sample_corpus
from db.claim_vectors import VECTORS_DONE, done_through, pending, run_vectors
from db.engine import Database, open_database
from db.link_review import decide_link
from db.links import match_new_claims
from db.models import Claim, ClaimLink, Contradiction
from db.pipeline import after_claims_stored

ROOT = Path(__file__).resolve().parent.parent


def _state(database: Database) -> tuple[dict[tuple[int, int], tuple[float, str, str]], set[tuple[int, int, str]]]:
    with database.session() as session:
        links = {(k.claim_a_id, k.claim_b_id): (k.score, k.method, k.status) for k in session.exec(select(ClaimLink))}
        flags = {(c.claim_a_id, c.claim_b_id, c.kind) for c in session.exec(select(Contradiction))}
    return links, flags


def _hand_import(database: Database, corpus_dir: Path, manifest: dict[str, dict[str, Any]], *, vectors: bool) -> None:
    for name in ARTICLE_IDS:
        with database.transaction() as session:
            ids = store_hand_claims(session, corpus_dir, manifest, [name])
            if vectors:  # how imports matched before the vectors pass existed
                match_new_claims(session, ids, vectors=True)
            else:
                after_claims_stored(session, ids)


def test_the_pass_ends_where_matching_with_vectors_at_import_ends(
    tmp_path: Path, corpus_dir: Path, manifest: dict[str, dict[str, Any]]
) -> None:
    at_import = open_database(tmp_path / "at_import.db")
    _hand_import(at_import, corpus_dir, manifest, vectors=True)
    later = open_database(tmp_path / "later.db")
    _hand_import(later, corpus_dir, manifest, vectors=False)
    lexical = _state(later)
    report = run_vectors(later)
    expected, got = _state(at_import), _state(later)
    # The same links and flags; scores move a little, since term weights (IDF) are counted over the
    # store as it was when each batch came in, and the pass's chunks are not the import's batches.
    assert set(got[0]) == set(expected[0]) and got[1] == expected[1]
    for pair, (score, method, status) in got[0].items():
        assert status == expected[0][pair][2]
        assert score == pytest.approx(expected[0][pair][0], abs=0.02)
        assert ("with sentence vectors" in method) == ("with sentence vectors" in expected[0][pair][1])
    assert expected[0] and expected[1]
    assert set(lexical[0]) != set(got[0])  # the cosine changed decisions: the pass did real work
    assert report.encoded > 0 and report.links_added + report.links_dropped + report.links_updated > 0
    with later.session() as session:
        assert done_through(session) == max(c.id for c in session.exec(select(Claim)) if c.id is not None)
    assert pending(later) == 0


def test_the_pass_resumes_in_chunks_and_keeps_reviewer_decisions(
    tmp_path: Path, corpus_dir: Path, manifest: dict[str, dict[str, Any]]
) -> None:
    whole = open_database(tmp_path / "whole.db")
    _hand_import(whole, corpus_dir, manifest, vectors=False)
    run_vectors(whole)
    parts = open_database(tmp_path / "parts.db")
    _hand_import(parts, corpus_dir, manifest, vectors=False)
    with parts.transaction() as session:
        rejected = session.exec(select(ClaimLink).order_by(ClaimLink.id)).first()  # type: ignore[arg-type]
        assert rejected is not None and rejected.id is not None
        decide_link(session, rejected.id, decision="reject", reviewer="hala")
    total = pending(parts)
    first = run_vectors(parts, chunk=4, max_claims=10)
    assert first.claims == 10 and pending(parts) == total - 10
    run_vectors(parts, chunk=3)
    assert pending(parts) == 0 and run_vectors(parts).claims == 0
    links, flags = _state(parts)
    assert links[(rejected.claim_a_id, rejected.claim_b_id)][2] == "rejected"
    expected_links, expected_flags = _state(whole)
    pair = (rejected.claim_a_id, rejected.claim_b_id)
    assert set(links) - {pair} == set(expected_links) - {pair}
    for p in set(links) - {pair}:  # scores move a little with the chunks (term weights), decisions do not
        assert links[p][0] == pytest.approx(expected_links[p][0], abs=0.02)
    assert flags == {f for f in expected_flags if f[:2] != pair}


def _vector_rows(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM claim_vector").fetchone()[0])


def test_import_runs_the_pass_unless_told_not_to(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plain, later = tmp_path / "plain.db", tmp_path / "later.db"
    assert main(["--db", str(plain), "import", str(sample_corpus()), "--json"]) == 0
    done = json.loads(capsys.readouterr().out)
    assert done["vectors"]["claims"] == sum(item["claims"] for item in done["items"]) > 0
    assert done["vectors"]["encoded"] == _vector_rows(plain) > 0

    assert main(["--db", str(later), "import", str(sample_corpus()), "--json", "--no-vectors"]) == 0
    assert "vectors" not in json.loads(capsys.readouterr().out)
    assert _vector_rows(later) == 0
    assert main(["--db", str(later), "vectors", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["encoded"] == _vector_rows(later) == _vector_rows(plain)
    assert main(["--db", str(later), "vectors"]) == 0
    assert "every claim is done" in capsys.readouterr().out
    assert _state(open_database(later)) == _state(open_database(plain))
    with pytest.raises(SystemExit) as refused:
        main(["--db", str(later), "vectors", "--chunk", "0"])
    assert refused.value.code == 2
    assert "at least one claim" in capsys.readouterr().err


def _done_through(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            row = conn.execute("SELECT value FROM factcheck_meta WHERE key = ?", (VECTORS_DONE,)).fetchone()
    except sqlite3.OperationalError:
        return 0
    return int(row[0]) if row else 0


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_keeps_the_finished_chunks_and_a_rerun_finishes(tmp_path: Path) -> None:
    db = tmp_path / "factcheck.db"
    assert main(["--db", str(db), "import", str(sample_corpus()), "--no-vectors", "--json"]) == 0
    command = [sys.executable, "-m", "cli", "--db", str(db), "vectors", "--chunk", "2"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 180
    while _done_through(db) == 0:
        if process.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"the pass ended or stalled before a chunk was committed: {process.communicate()}")
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=120)
    kept = _done_through(db)
    if process.returncode == 0:
        pytest.skip("the pass finished before the interruption reached it")
    assert process.returncode == 130
    assert "run `factcheck vectors` to finish it" in err and "Traceback" not in err
    with sqlite3.connect(db) as conn:
        claims = int(conn.execute("SELECT max(id) FROM claim").fetchone()[0])
    assert 0 < kept < claims
    again = subprocess.run([*command, "--json"], cwd=ROOT, capture_output=True, text=True, timeout=300, check=True)
    assert json.loads(again.stdout)["claims"] == claims - kept
    assert _done_through(db) == claims
