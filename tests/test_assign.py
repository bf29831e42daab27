"""Assignment and the personal queue, on SQLite and PostgreSQL: ``factcheck assign``, the reviewer
identity remembered in the (temporary) config dir, ``claims --mine/--unassigned/--assigned-to``, the
audit history, the report's metadata and the claims list's ``m`` key."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import col, func, select

from cli import main
from db.engine import Database
from db.models import AuditEntry, Claim
from factcheck.reviewer import config_path, resolve_reviewer

pytestmark = pytest.mark.both_backends


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _claim_ids(capsys: pytest.CaptureFixture[str], url: str, *flags: str) -> list[int]:
    code, out, err = run(capsys, "--db", url, "claims", "--json", *flags)
    assert code == 0, err
    return sorted(c["id"] for c in json.loads(out))


def _assign_entries(database: Database) -> list[AuditEntry]:
    with database.session() as session:
        stmt = select(AuditEntry).where(col(AuditEntry.action).in_(["claim.assign", "claim.unassign"]))
        return list(session.exec(stmt.order_by(col(AuditEntry.id))).all())


def test_assign_by_id_then_the_queues_and_history_follow(
    capsys: pytest.CaptureFixture[str], corpus_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = corpus_db.url
    everything = _claim_ids(capsys, url)
    chosen = everything[:3]
    code, out, _ = run(capsys, "--db", url, "assign", *map(str, chosen), "--to", "rana", "--reviewer", "editor")
    assert code == 0 and "3 of 3 claims assigned to rana by editor" in out

    assert _claim_ids(capsys, url, "--assigned-to", "rana") == chosen
    assert _claim_ids(capsys, url, "--unassigned") == everything[3:]
    assert _claim_ids(capsys, url, "--mine", "--reviewer", "rana") == chosen
    monkeypatch.setenv("FACTCHECK_REVIEWER", "rana")
    assert _claim_ids(capsys, url, "--mine") == chosen
    monkeypatch.setenv("FACTCHECK_REVIEWER", "sami")
    assert _claim_ids(capsys, url, "--mine") == []

    entries = _assign_entries(corpus_db)
    assert [(e.claim_id, e.reviewer, e.before, e.after) for e in entries] == [
        (i, "editor", {"assignee": None}, {"assignee": "rana"}) for i in chosen
    ]
    code, out, _ = run(capsys, "--db", url, "history", str(chosen[0]), "--json")
    assert code == 0 and any(e["action"] == "claim.assign" for e in json.loads(out))

    # the same command again changes nothing and logs nothing
    code, out, _ = run(capsys, "--db", url, "assign", *map(str, chosen), "--to", "rana")
    assert "0 of 3 claims assigned to rana" in out and len(_assign_entries(corpus_db)) == 3

    # re-assign one, unassign another: each is one more history row, by whoever did it
    run(capsys, "--db", url, "assign", str(chosen[0]), "--to", "omar")
    run(capsys, "--db", url, "assign", str(chosen[1]), "--unassign")
    assert _claim_ids(capsys, url, "--assigned-to", "rana") == [chosen[2]]
    last = _assign_entries(corpus_db)[-2:]
    assert [(e.action, e.reviewer, e.before, e.after) for e in last] == [
        ("claim.assign", "sami", {"assignee": "rana"}, {"assignee": "omar"}),
        ("claim.unassign", "sami", {"assignee": "rana"}, {"assignee": None}),
    ]


def test_bulk_assign_by_filter_and_all_or_nothing(capsys: pytest.CaptureFixture[str], corpus_db: Database) -> None:
    url = corpus_db.url
    with corpus_db.session() as session:
        article_id, n = session.execute(
            select(Claim.article_id, func.count()).group_by(col(Claim.article_id)).order_by(col(Claim.article_id))
        ).first()  # type: ignore[misc]
    first = _claim_ids(capsys, url, "--article", str(article_id))[0]
    run(capsys, "--db", url, "assign", str(first), "--to", "rana")

    code, out, _ = run(capsys, "--db", url, "assign", "--article", str(article_id), "--unassigned", "--to", "omar")
    assert code == 0 and f"{n - 1} of {n - 1} claims assigned to omar" in out
    assert _claim_ids(capsys, url, "--assigned-to", "rana") == [first]
    assert len(_claim_ids(capsys, url, "--assigned-to", "omar")) == n - 1

    code, _, err = run(capsys, "--db", url, "assign", str(first), "999999", "--to", "sami")
    assert code == 1 and err.strip() == "factcheck: error: no claim with id 999999; nothing was assigned"
    assert _claim_ids(capsys, url, "--assigned-to", "sami") == []  # the known claim was not assigned either

    code, _, err = run(capsys, "--db", url, "assign", "--to", "sami")
    assert code == 1 and "name the claims" in err and err.count("\n") == 1


def test_reviewer_name_is_remembered_in_the_config_dir(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTCHECK_CONFIG_DIR", str(tmp_path / "cfg"))
    code, _, err = run(capsys, "reviewer")
    assert code == 0 and "no name saved yet" in err
    code, out, _ = run(capsys, "reviewer", "  Rana   Haddad ")
    assert "saved in" in out
    assert code == 0 and config_path() == tmp_path / "cfg" / "config.toml"
    assert config_path().read_text(encoding="utf-8") == 'reviewer = "Rana Haddad"\n'
    assert resolve_reviewer() == "Rana Haddad"
    monkeypatch.setenv("FACTCHECK_REVIEWER", "sami")  # the environment, then --reviewer, win over the file
    assert resolve_reviewer() == "sami" and resolve_reviewer("omar") == "omar"
    code, _, err = run(capsys, "reviewer", "   ")
    assert code == 1 and err == "factcheck: error: reviewer name is empty\n"


def _export(capsys: pytest.CaptureFixture[str], url: str, fmt: str) -> str:
    code, out, err = run(capsys, "--db", url, "export", "--format", fmt)
    assert code == 0, err
    return out


def test_reports_show_who_is_assigned_and_old_records_still_load(
    capsys: pytest.CaptureFixture[str], corpus_db: Database, new_database: Any, tmp_path: Path
) -> None:
    url = corpus_db.url
    claim_id = _claim_ids(capsys, url)[0]
    run(capsys, "--db", url, "verdict", str(claim_id), "True", "--rationale", "checked", "--reviewer", "rana")
    run(capsys, "--db", url, "assign", str(claim_id), "--to", "رنا")
    record = json.loads(_export(capsys, url, "json"))
    assignees = {c["id"]: c["assignee"] for c in record["claims"]}
    assert assignees[claim_id] == "رنا" and set(assignees.values()) == {"رنا", None}
    assert "- **Assigned to:** رنا" in _export(capsys, url, "md")

    # a record written before assignment existed has no assignee field: it loads, nobody assigned
    for claim in record["claims"]:
        del claim["assignee"]
    old = tmp_path / "old.json"
    old.write_text(json.dumps(record), encoding="utf-8")
    target = new_database()
    try:
        code, _, err = run(capsys, "--db", target.url, "load", str(old))
        assert code == 0, err
        assert _claim_ids(capsys, target.url, "--unassigned") == sorted(assignees)
    finally:
        target.dispose()


async def test_claims_list_m_key_cycles_mine_unassigned_all(
    capsys: pytest.CaptureFixture[str], corpus_db: Database
) -> None:
    from test_tui_app import SIZE, settle, table, workbench

    from tui.screens.claims import ClaimsScreen

    ids = _claim_ids(capsys, corpus_db.url)
    run(capsys, "--db", corpus_db.url, "assign", *map(str, ids[:2]), "--to", "tester")
    run(capsys, "--db", corpus_db.url, "assign", str(ids[2]), "--to", "rana")
    app = workbench(corpus_db)  # the workbench's reviewer is "tester"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ClaimsScreen)
        assert len(table(app).rows_loaded) == len(ids)
        await pilot.press("m")
        await settle(pilot)
        assert sorted(r.id for r in table(app).rows_loaded) == ids[:2] and screen.total == 2
        assert "assigned to tester" in screen.describe_filters()
        await pilot.press("m")
        await settle(pilot)
        assert sorted(r.id for r in table(app).rows_loaded) == ids[3:]
        assert screen.describe_filters() == "unassigned"
        await pilot.press("m")
        await settle(pilot)
        assert len(table(app).rows_loaded) == len(ids) and screen.describe_filters() == "no filter"
