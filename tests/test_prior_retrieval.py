"""Has it been checked already? The archive is searched for every stored claim, and the reviewer
applies or rejects what it finds (real SQLite files, the sample corpus, the project's own archive)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from cli import main

DATA = Path(__file__).resolve().parent / "data" / "factchecks"
ABU_QASRA = "https://desk-two.example.org/reviews/abu-qasra-turkish-delegation"
AMMAN = "https://desk-two.example.org/reviews/amman-four-states"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def as_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


@pytest.fixture(scope="module")
def desk_template(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    """A database with the archive imported first, then the sample corpus (retrieval runs on import)."""
    db = tmp_path_factory.mktemp("desk") / "desk.db"
    assert main(["--db", str(db), "factchecks", "import", "--json", str(DATA / "desk_archive.json")]) == 0
    assert main(["--db", str(db), "import", "--json", str(corpus_dir)]) == 0
    return db


@pytest.fixture
def desk(desk_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A copy of the template for one test."""
    capsys.readouterr()
    copy = tmp_path / "desk.db"
    for suffix in ("", "-wal"):
        if Path(f"{desk_template}{suffix}").exists():
            shutil.copyfile(f"{desk_template}{suffix}", f"{copy}{suffix}")
    return str(copy)


def claim_id(capsys: pytest.CaptureFixture[str], db: str, starts: str) -> int:
    claims = as_json(capsys, "--db", db, "claims")
    [found] = [c["id"] for c in claims if c["text"].startswith(starts)]
    return int(found)


def factcheck_id(capsys: pytest.CaptureFixture[str], db: str, url: str) -> int:
    [found] = [f["id"] for f in as_json(capsys, "--db", db, "factchecks") if f["url"] == url]
    return int(found)


def test_archived_fact_checks_get_vectors(capsys: pytest.CaptureFixture[str], desk: str) -> None:
    rows = as_json(capsys, "--db", desk, "factchecks")
    assert len(rows) == 5 and all(r["embedded"] for r in rows)


def test_import_stores_the_best_prior_fact_check(capsys: pytest.CaptureFixture[str], desk: str) -> None:
    english = claim_id(capsys, desk, "DAMASCUS — Syria's Defence Minister")
    rows = as_json(capsys, "--db", desk, "prior", str(english))
    assert rows[0]["url"] == ABU_QASRA
    assert rows[0]["badge"] is True and rows[0]["rating"] == "True"
    assert {"factcheck_id", "score", "claim", "rating", "fact_checker", "url", "features"} <= set(rows[0])
    assert rows[0]["features"]["cosine"] > 0.5
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    unrelated = {r["url"] for r in rows if r["badge"]}
    assert unrelated == {ABU_QASRA}


def test_arabic_claim_finds_the_arabic_fact_check(capsys: pytest.CaptureFixture[str], desk: str) -> None:
    arabic = claim_id(capsys, desk, "بمشاركة أربع دول")
    rows = as_json(capsys, "--db", desk, "prior", str(arabic))
    assert rows[0]["url"] == AMMAN and rows[0]["rating"] == "Mostly true"


def test_free_text_and_article_lookups(capsys: pytest.CaptureFixture[str], desk: str) -> None:
    rows = as_json(capsys, "--db", desk, "prior", "is it true that moon landing footage was shot in a Nevada studio?")
    assert rows[0]["url"] == "https://desk-two.example.org/reviews/moon-footage"
    english = claim_id(capsys, desk, "DAMASCUS — Syria's Defence Minister")
    article = as_json(capsys, "--db", desk, "claims")
    article_id = next(c["article_id"] for c in article if c["id"] == english)
    merged = as_json(capsys, "--db", desk, "prior", "--article", str(article_id))
    assert merged[0]["url"] == ABU_QASRA
    assert len({r["factcheck_id"] for r in merged}) == len(merged)  # each fact-check once


def test_has_prior_filter(capsys: pytest.CaptureFixture[str], desk: str) -> None:
    badged = as_json(capsys, "--db", desk, "claims", "--has-prior")
    english = claim_id(capsys, desk, "DAMASCUS — Syria's Defence Minister")
    assert english in {c["id"] for c in badged}
    assert 0 < len(badged) < len(as_json(capsys, "--db", desk, "claims"))
    listed = as_json(capsys, "--db", desk, "prior", "--has-prior")
    assert {r["claim_id"] for r in listed} == {c["id"] for c in badged}


def test_apply_records_where_the_verdict_came_from(capsys: pytest.CaptureFixture[str], desk: str) -> None:
    english = claim_id(capsys, desk, "DAMASCUS — Syria's Defence Minister")
    fid = factcheck_id(capsys, desk, ABU_QASRA)
    result = as_json(capsys, "--db", desk, "prior", str(english), "--apply", str(fid), "--reviewer", "rana")
    assert result["rating"] == "True"
    assert result["rationale"] == f"applied from fact-check #{fid} by Desk Two: {ABU_QASRA}"
    history = as_json(capsys, "--db", desk, "history", str(english))
    assert [e["action"] for e in history][-2:] == ["verdict.set", "prior.apply"]
    shown = as_json(capsys, "--db", desk, "show", str(english))
    assert shown["status"] == "drafted"


def test_rejected_is_never_suggested_again(capsys: pytest.CaptureFixture[str], desk: str) -> None:
    english = claim_id(capsys, desk, "DAMASCUS — Syria's Defence Minister")
    fid = factcheck_id(capsys, desk, ABU_QASRA)
    code, out, _ = run(capsys, "--db", desk, "prior", str(english), "--reject", str(fid), "--reviewer", "rana")
    assert code == 0 and "not the same claim" in out
    assert run(capsys, "--db", desk, "prior", "--rebuild")[0] == 0
    rows = as_json(capsys, "--db", desk, "prior", str(english))
    assert fid not in {r["factcheck_id"] for r in rows}
    assert english not in {c["id"] for c in as_json(capsys, "--db", desk, "claims", "--has-prior")}


def test_a_verdict_against_the_prior_fact_check_is_warned(capsys: pytest.CaptureFixture[str], desk: str) -> None:
    english = claim_id(capsys, desk, "DAMASCUS — Syria's Defence Minister")
    fid = factcheck_id(capsys, desk, ABU_QASRA)
    code, _, err = run(capsys, "--db", desk, "verdict", str(english), "false", "--rationale", "No visit.")
    assert code == 0
    assert f"fact-check #{fid} is rated 'True' by Desk Two" in err and err.startswith("factcheck: warning:")
    listed = as_json(capsys, "--db", desk, "prior", "--disagreements")
    assert {"claim_id": english, "other": "factcheck", "other_id": fid} == {
        k: listed[0][k] for k in ("claim_id", "other", "other_id")
    }


def test_workbench_verdicts_join_the_archive(capsys: pytest.CaptureFixture[str], desk: str) -> None:
    english = claim_id(capsys, desk, "DAMASCUS — Syria's Defence Minister")
    arabic = claim_id(capsys, desk, "استقبل وزير الدفاع السوري")
    assert run(capsys, "--db", desk, "verdict", str(english), "mostly true", "--rationale", "Confirmed.")[0] == 0
    rows = as_json(capsys, "--db", desk, "prior", str(arabic))
    ours = [r for r in rows if r["claim"].startswith("DAMASCUS")]
    assert ours and ours[0]["rating"] == "Mostly true"
    archive = as_json(capsys, "--db", desk, "factchecks")
    assert [r["claim_id"] for r in archive if r["origin"] == "workbench"] == [english]
    mine = as_json(capsys, "--db", desk, "prior", str(english))
    assert all(r["claim_id"] == english and not r["claim"].startswith("DAMASCUS") for r in mine)


def test_no_archive_means_no_work(capsys: pytest.CaptureFixture[str], tmp_path: Path, corpus_dir: Path) -> None:
    db = str(tmp_path / "plain.db")
    assert run(capsys, "--db", db, "import", str(corpus_dir))[0] == 0
    assert as_json(capsys, "--db", db, "prior", "1") == []
    code, _, err = run(capsys, "--db", db, "prior", "9999")
    assert code == 1 and "no claim" in err.lower()


def test_import_pass_is_lexical_and_the_vectors_pass_refreshes(capsys: pytest.CaptureFixture[str], desk: str) -> None:
    from db.engine import open_database
    from db.models import PriorMatch
    from db.priors import refresh_priors, refresh_with_vectors

    english = claim_id(capsys, desk, "DAMASCUS — Syria's Defence Minister")
    database = open_database(desk)
    try:
        with database.transaction() as session:
            assert refresh_priors(session, [english], vectors=False) > 0
            lexical = session.exec(select(PriorMatch).where(PriorMatch.claim_id == english)).all()
            assert lexical and all("cosine" not in m.features for m in lexical)
            assert refresh_with_vectors(session, [english]) > 0
            full = session.exec(select(PriorMatch).where(PriorMatch.claim_id == english)).all()
            assert all("cosine" in m.features for m in full)
    finally:
        database.dispose()
    rows = as_json(capsys, "--db", desk, "prior", str(english))
    assert rows[0]["url"] == ABU_QASRA


def test_report_says_where_a_verdict_was_reused_and_lists_disagreements(
    capsys: pytest.CaptureFixture[str], desk: str
) -> None:
    english = claim_id(capsys, desk, "DAMASCUS — Syria's Defence Minister")
    arabic = claim_id(capsys, desk, "بمشاركة أربع دول")
    fid = factcheck_id(capsys, desk, ABU_QASRA)
    amman = factcheck_id(capsys, desk, AMMAN)
    code, out, _ = run(capsys, "--db", desk, "report")
    assert code == 0 and "reused from prior" not in out and "disagree (" not in out
    assert run(capsys, "--db", desk, "prior", str(english), "--apply", str(fid), "--reviewer", "rana")[0] == 0
    assert run(capsys, "--db", desk, "verdict", str(arabic), "false", "--rationale", "Five states.")[0] == 0
    code, out, _ = run(capsys, "--db", desk, "report")
    flat = " ".join(out.split())
    assert code == 0 and "Verdicts reused from prior fact-checks (1)" in flat
    assert f"#{english} │ True │ fact-check #{fid} │ Desk Two" in flat and "rana" in flat
    assert "Verdicts that disagree (1)" in flat
    assert f"#{arabic} │ False │ fact-check #{amman} │ Mostly true │ Desk Two" in flat
    article = next(c["article_id"] for c in as_json(capsys, "--db", desk, "claims") if c["id"] == arabic)
    code, out, _ = run(capsys, "--db", desk, "report", "--article", str(article))
    assert "Verdicts that disagree (1)" in out and "reused from prior" not in out


def test_an_archive_imported_after_the_claims_is_looked_up(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, corpus_dir: Path
) -> None:
    db = str(tmp_path / "later.db")
    assert run(capsys, "--db", db, "import", str(corpus_dir))[0] == 0
    claims = len(as_json(capsys, "--db", db, "claims"))
    report = as_json(capsys, "--db", db, "factchecks", "import", str(DATA / "desk_archive.json"))
    assert report["added"] == 5 and report["looked_up"] == claims
    english = claim_id(capsys, db, "DAMASCUS — Syria's Defence Minister")
    assert english in {c["id"] for c in as_json(capsys, "--db", db, "claims", "--has-prior")}
    again = as_json(capsys, "--db", db, "factchecks", "import", str(DATA / "desk_archive.json"))
    assert again["added"] == 0 and again["looked_up"] == 0
    skipped = as_json(capsys, "--db", db, "factchecks", "import", "--no-lookup", str(DATA / "archive.tsv"))
    assert skipped["added"] == 2 and skipped["looked_up"] == 0
