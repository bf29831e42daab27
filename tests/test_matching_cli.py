"""The matching commands end to end on a real SQLite file: JSON shapes, tables, decisions, bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from matching_corpus import ARTICLE_IDS, store_hand_claims
from sqlmodel import col, select

from cli import main
from db.engine import open_database
from db.models import Claim

pytestmark = pytest.mark.both_backends


@pytest.fixture
def db_file(db_url: str, corpus_dir: Path, manifest: dict[str, dict[str, Any]]) -> str:
    """The four articles stored without matching; ``factcheck match --all`` does it."""
    database = open_database(db_url)
    with database.transaction() as session:
        store_hand_claims(session, corpus_dir, manifest, list(ARTICLE_IDS))
    database.dispose()
    return db_url


def _json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> Any:
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_match_all_then_list_clusters_and_contradictions(db_file: str, capsys: pytest.CaptureFixture[str]) -> None:
    summary = _json(capsys, ["--db", db_file, "match", "--all", "--json"])
    assert summary["links_added"] > 0 and summary["contradictions_added"] >= 5

    clusters = _json(capsys, ["--db", db_file, "matches", "--json"])
    abu_qasra = next(c for c in clusters if any("Murhaf Abu Qasra" in m["text"] for m in c["claims"]))
    assert abu_qasra["reported_by"] == len(abu_qasra["outlets"]) >= 2
    assert {m["language"] for m in abu_qasra["claims"]} == {"ar", "en"}
    assert all({"score", "text_score", "slot_score", "method", "status"} <= set(k) for k in abu_qasra["links"])

    flags = _json(capsys, ["--db", db_file, "contradictions", "--json"])
    dates = {(f["value_a"], f["value_b"]) for f in flags if f["kind"] == "date"}
    assert ("2025-10-12", "2025-10-13") in dates
    assert all(f["status"] == "open" and f["claim_a"]["id"] < f["claim_b"]["id"] for f in flags)
    assert all(f["link"] is not None for f in flags)


def test_decisions_from_the_command_line(
    db_file: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _json(capsys, ["--db", db_file, "match", "--all", "--json"])
    flag = _json(capsys, ["--db", db_file, "contradictions", "--json"])[0]
    monkeypatch.setenv("FACTCHECK_REVIEWER", "Rana")
    decided = _json(
        capsys,
        ["--db", db_file, "contradiction", "dismiss", str(flag["id"]), "--reason", "later_correction", "--json"],
    )
    assert decided == {"id": flag["id"], "kind": flag["kind"], "status": "dismissed", "reason": "later_correction",
                       "reviewer": "Rana"}  # fmt: skip
    assert _json(capsys, ["--db", db_file, "contradictions", "--status", "open", "--json"]) == [
        f for f in _json(capsys, ["--db", db_file, "contradictions", "--json"]) if f["id"] != flag["id"]
    ]
    link_id = flag["link"]["id"]
    rejected = _json(capsys, ["--db", db_file, "link", "reject", str(link_id), "--reviewer", "Omar", "--json"])
    assert rejected["status"] == "rejected" and rejected["reviewer"] == "Omar"
    _json(capsys, ["--db", db_file, "match", "--all", "--json"])
    dismissed = _json(capsys, ["--db", db_file, "contradictions", "--status", "dismissed", "--json"])
    assert [f["id"] for f in dismissed] == [flag["id"]]  # the decision survived the re-match


def test_tables_show_article_text_as_data(
    db_file: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "300")
    assert main(["--db", db_file, "match", "--all"]) == 0
    database = open_database(db_file)
    with database.transaction() as session:
        claim = session.exec(select(Claim).where(col(Claim.text).startswith("Syria's Defence"))).one()
        claim.text += " [bold]\x1b[31mred[/]"
        session.add(claim)
    database.dispose()
    assert main(["--db", db_file, "matches"]) == 0
    out = capsys.readouterr().out
    assert "reported by 2 outlets" in out and "[bold]" in out and "red[/]" in out and "\x1b" not in out
    assert main(["--db", db_file, "contradictions"]) == 0
    out = capsys.readouterr().out
    assert "2025-03-09" in out and "The date disagrees" in out


def test_bad_ids_and_reasons_fail_with_one_line(db_file: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", db_file, "contradiction", "confirm", "999", "--reason", "real_conflict"]) == 1
    assert "no contradiction with id 999" in capsys.readouterr().err
    assert main(["--db", db_file, "link", "confirm", "999"]) == 1
    assert "no link with id 999" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--db", db_file, "contradiction", "confirm", "1", "--reason", "nope"])
