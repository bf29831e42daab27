"""The JSON export rebuilds a database (ids and all) and the command line around export, load and report."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from dataclasses import fields
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import select, update
from test_report_support import scripted_review

from cli import main
from db.engine import Database, open_database
from db.models import Claim, Verdict
from db.report_data import TABLES, gather_record, load_record
from db.review import load_scale, save_scale
from factcheck.errors import StorageError
from factcheck.reports import FORMATS, build_report, parse_record, render_report
from factcheck.reports.record import ROW_TABLES
from factcheck.review import Rating, RatingScale

T = datetime(2025, 11, 1, 12, 0, tzinfo=UTC)

pytestmark = pytest.mark.both_backends


def test_record_rows_mirror_every_table_column() -> None:
    """A column added to a table but not to the record would be silently lost by export and load."""
    for _key, table, cls in ROW_TABLES:
        assert {f.name for f in fields(cls)} == {c.name for c in TABLES[table].columns}, table


def _export(database: Database, **filters: object) -> str:
    with database.session() as session:
        return render_report(build_report(gather_record(session, **filters)), "json")  # type: ignore[arg-type]


def _load(database: Database, text: str) -> dict[str, int]:
    with database.transaction() as session:
        return load_record(session, parse_record(text))


@pytest.fixture
def reviewed(database: Database, corpus_dir: Path) -> tuple[Database, dict[str, int]]:
    return database, scripted_review(database, corpus_dir)


def test_load_into_empty_database_reproduces_the_export(
    reviewed: tuple[Database, dict[str, int]], new_database: Callable[[], Database]
) -> None:
    database, ids = reviewed
    first = _export(database)
    copy = new_database()
    try:
        written = _load(copy, first)
        assert written["claim"] == len(ids) and written["verdict"] == 5 and written["audit_log"] > 10
        assert _export(copy) == first
        with database.session() as a, copy.session() as b:
            original, rebuilt = build_report(gather_record(a)), build_report(gather_record(b))
        for fmt in FORMATS:  # every other format, ClaimReview included, comes out the same from the copy
            assert render_report(rebuilt, fmt, generated_at=T) == render_report(original, fmt, generated_at=T), fmt
        with copy.transaction() as session:  # ids were kept, and new rows continue after them
            claim = session.get(Claim, ids["meeting_10"])
            assert claim is not None and "10 مارس" in claim.text
            added = Claim(article_id=claim.article_id, text="x", norm_text="x", start=0, end=1)
            session.add(added)
            session.flush()
            assert added.id == max(ids.values()) + 1
    finally:
        copy.dispose()


def test_filtered_export_carries_linked_claims_and_loads_on_its_own(
    reviewed: tuple[Database, dict[str, int]], tmp_path: Path
) -> None:
    database, ids = reviewed
    with database.session() as session:
        article_id = session.exec(select(Claim.article_id).where(Claim.id == ids["meeting_10"])).one()
    text = _export(database, article_id=article_id)
    data = json.loads(text)
    selected = set(data["selection"]["claim_ids"])
    assert selected == {ids[n] for n in ("meeting_10", "support_states", "four_states", "centre_not_agreed")}
    carried = {c["id"] for c in data["claims"]}
    assert ids["meeting_9"] in carried and ids["support_5"] in carried  # linked or contradicting, as context
    assert ids["delegation_ar"] not in carried
    assert {a["id"] for a in data["articles"]} == {article_id, data["claims"][0]["article_id"]}
    copy = open_database(tmp_path / "part.db")
    try:
        _load(copy, text)
        assert _export(copy, article_id=article_id) == text
    finally:
        copy.dispose()


def test_a_custom_rating_scale_is_exported_and_restored(
    reviewed: tuple[Database, dict[str, int]], tmp_path: Path
) -> None:
    database, _ = reviewed
    scale = RatingScale(ratings=(Rating("صحيح", "True", 2), Rating("خطأ", "False", 1)), best=2, worst=1)
    with database.transaction() as session:
        save_scale(session=session, scale=scale, reviewer="Amira")
    text = _export(database)
    assert json.loads(text)["scale"] == scale.to_dict()
    copy = open_database(tmp_path / "scaled.db")
    try:
        _load(copy, text)
        with copy.session() as session:
            assert load_scale(session=session) == scale
    finally:
        copy.dispose()


def test_load_refuses_a_database_that_holds_data(reviewed: tuple[Database, dict[str, int]]) -> None:
    database, _ = reviewed
    text = _export(database)
    with pytest.raises(StorageError, match=r"not empty \(5 article rows, 15 claim rows"):
        _load(database, text)
    assert _export(database) == text


def test_since_selects_claims_changed_or_rated_on_or_after_the_date(
    reviewed: tuple[Database, dict[str, int]],
) -> None:
    database, ids = reviewed
    old, new = datetime(2025, 1, 1, tzinfo=UTC), datetime(2025, 7, 1, tzinfo=UTC)
    with database.transaction() as session:  # a review done last year, but one verdict given in July
        session.execute(update(Claim).values(updated_at=old))
        session.execute(update(Verdict).values(created_at=old))
        session.execute(update(Verdict).where(Verdict.claim_id == ids["meeting_10"]).values(created_at=new))  # type: ignore[arg-type]
        session.execute(update(Claim).where(Claim.id == ids["four_states"]).values(updated_at=new))  # type: ignore[arg-type]
    with database.session() as session:
        assert gather_record(session, since=date(2025, 6, 30)).selection.claim_ids == tuple(
            sorted([ids["meeting_10"], ids["four_states"]])
        )
        assert gather_record(session, since=date(2025, 7, 2)).selection.claim_ids == ()
        assert len(gather_record(session, since=date(2024, 12, 31)).selection.claim_ids) == len(ids)
        both = gather_record(session, since=date(2025, 6, 30), status="published")
        assert both.selection.claim_ids == (ids["meeting_10"],)


def _cli(db: Path | str, *args: str) -> int:
    return main(["--db", str(db), *args])


def test_cli_export_load_and_report(
    reviewed: tuple[Database, dict[str, int]],
    db_url: str,
    tmp_path: Path,
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    _, ids = reviewed
    out = tmp_path / "out"
    out.mkdir()
    assert _cli(db_url, "export", "--format", "json", "-o", str(out / "record.json")) == 0
    assert sorted(p.name for p in out.iterdir()) == ["record.json"]  # no temporary file left behind
    copy = tmp_path / "copy.db"
    assert _cli(copy, "load", str(out / "record.json")) == 0
    assert b"loaded" in capsysbinary.readouterr().out
    assert _cli(copy, "export", "--format", "json") == 0
    assert capsysbinary.readouterr().out.decode("utf-8") == (out / "record.json").read_text(encoding="utf-8")
    assert _cli(copy, "load", str(out / "record.json")) == 1
    assert b"not empty" in capsysbinary.readouterr().err

    assert _cli(db_url, "export", "--format", "csv", "--status", "published") == 0
    data = capsysbinary.readouterr().out
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert {int(r["claim_id"]) for r in rows} == {ids[n] for n in ("meeting_9", "meeting_10", "hostile_met")}

    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    assert _cli(db_url, "export", "--format", "csv", "--since", tomorrow) == 0
    assert capsysbinary.readouterr().out.decode("utf-8-sig").count("\r\n") == 1  # the header alone

    assert _cli(db_url, "export", "--format", "html", "-o", str(out / "r.html")) == 0
    assert "<!DOCTYPE html>" in (out / "r.html").read_text(encoding="utf-8")

    assert _cli(db_url, "report", "--bidi", "off") == 0
    shown = capsysbinary.readouterr().out.decode("utf-8")
    assert "Verdicts by rating" in shown and "Agreement between outlets" in shown and "[bold red]x[/]" in shown
    assert "صوت كوردستان" in shown  # logical order, for a terminal that reorders by itself
    assert _cli(db_url, "report", "--bidi", "on", "--status", "published") == 0
    shown = capsysbinary.readouterr().out.decode("utf-8")
    assert "صوت كوردستان" not in shown and re.search("[\ufe70-\ufefc]", shown)  # joined forms, visual order
    assert "3 claims (3 published)" in shown


def test_cli_errors_are_one_line_and_write_nothing(
    reviewed: tuple[Database, dict[str, int]],
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _cli(db_url, "export", "--article", "999") == 1
    assert "no article with id 999" in capsys.readouterr().err
    assert _cli(db_url, "export", "-o", str(tmp_path / "missing" / "r.md")) == 1
    assert "does not exist" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "factcheck-review-record/2"}', encoding="utf-8")
    empty = tmp_path / "empty.db"
    assert _cli(empty, "load", str(bad)) == 1
    assert "version 2 is not supported; this factcheck reads version 1" in capsys.readouterr().err
    assert _cli(empty, "load", str(tmp_path / "nope.json")) == 1
    assert "nope.json: no such file" in capsys.readouterr().err
    copy = open_database(empty)
    try:
        with copy.session() as session:
            assert session.exec(select(Claim)).first() is None
    finally:
        copy.dispose()
