"""The review commands end to end: a real SQLite file, a real HTTP server on 127.0.0.1, ``main([...])``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_fetch import ARABIC, ARABIC_HTML, PageServer, running_server
from test_review_db import import_corpus

from cli import main
from db.engine import Database

Run = Any

pytestmark = pytest.mark.both_backends


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], db_url: str, monkeypatch: pytest.MonkeyPatch) -> Run:
    monkeypatch.setenv("FACTCHECK_REVIEWER", "dana")
    monkeypatch.setenv("COLUMNS", "200")  # keep table cells on one line

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(["--db", db_url, "--allow-private", *argv])  # the test server is on 127.0.0.1
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def web() -> Iterator[PageServer]:
    with running_server() as server:
        yield server


@pytest.fixture
def en(database: Database, corpus_dir: Path) -> list[int]:
    return import_corpus(database, corpus_dir)["en_defence_delegation.txt"]


def _json(result: tuple[int, str, str]) -> Any:
    code, out, err = result
    assert code == 0, err
    return json.loads(out)


def test_source_add_fetches_checks_the_quote_and_show_lists_it(cli: Run, en: list[int], web: PageServer) -> None:
    added = _json(
        cli("source", "add", str(en[0]), web.url("/page"), "--stance", "supports",
            "--quote", "the delegation MET on monday", "--note", "wire copy", "--json")
    )  # fmt: skip
    assert added["created"] and added["quote_found"] is True and added["stance"] == "supports"
    assert added["fetch"]["status"] == "ok" and added["fetch"]["http_status"] == 200
    assert added["title"] == "Defence talks" and added["reviewer"] == "dana"
    shown = _json(cli("show", str(en[0]), "--json"))
    assert [s["url"] for s in shown["review"]["sources"]] == [web.url("/page")]
    code, out, _ = cli("show", str(en[0]))
    assert code == 0 and "Sources" in out and "supports" in out and "Defence talks" in out and "found" in out
    listed = _json(cli("sources", "--claim", str(en[0]), "--json"))
    assert [(s["source_id"], s["claims"], s["snapshots"]) for s in listed] == [(added["source_id"], [en[0]], 1)]


def test_quote_not_found_is_told(cli: Run, en: list[int], web: PageServer) -> None:
    code, out, err = cli("source", "add", str(en[0]), web.url("/page"), "--quote", "met on Tuesday")
    assert code == 0
    assert "Attached source" in out
    assert "the quote was not found in the source text" in err


def test_failed_fetch_is_kept_and_retry_reports(cli: Run, en: list[int], web: PageServer) -> None:
    code, _, err = cli("source", "add", str(en[0]), web.url("/nope"))
    assert code == 0
    assert "fetch failed: not found (HTTP 404 Not Found)" in err and "factcheck source retry 1" in err
    listed = _json(cli("sources", "--json"))
    assert listed[0]["fetch"]["status"] == "failed"
    code, out, _ = cli("source", "retry")
    assert code == 1 and "source 1: failed: not found (HTTP 404 Not Found)" in out
    shown = _json(cli("show", str(en[0]), "--json"))
    assert shown["review"]["sources"][0]["fetch"]["error"] == "not found (HTTP 404 Not Found)"


def test_retry_refetches_and_says_whether_content_changed(cli: Run, en: list[int], web: PageServer) -> None:
    first = _json(cli("source", "add", str(en[0]), web.url("/changing"), "--json"))
    again = _json(cli("source", "retry", str(first["source_id"]), "--json"))
    assert again == [{"source_id": 1, "url": web.url("/changing"), "error": None, "changed": True}]
    code, out, _ = cli("source", "retry", "1")
    assert code == 0 and "fetched, content changed" in out
    assert _json(cli("sources", "--json"))[0]["snapshots"] == 3
    assert _json(cli("source", "retry", "--json")) == []  # nothing failed


def test_offline_url_and_local_file(cli: Run, en: list[int], tmp_path: Path) -> None:
    offline = _json(cli("source", "add", str(en[1]), "https://example.org/report", "--offline", "--json"))
    assert offline["fetch"]["status"] == "not fetched"
    page = tmp_path / "bayan.html"
    page.write_bytes(ARABIC_HTML.encode("cp1256"))
    local = _json(
        cli("source", "add", str(en[1]), str(page), "--offline", "--quote", "اجتماعا في عمان", "--stance", "refutes",
            "--json")
    )  # fmt: skip
    assert local["url"] == page.resolve().as_uri() and local["quote_found"] is True
    assert local["title"] == "اجتماع عمّان"
    code, _, err = cli("source", "add", str(en[1]), str(page))
    assert code == 1 and "attach it with --offline" in err
    code, _, err = cli("source", "add", str(en[1]), "ftp://example.org/x", "--offline")
    assert code == 1 and "bad URL" in err
    code, _, err = cli("source", "add", str(en[1]), str(tmp_path / "missing.html"), "--offline")
    assert code == 1 and "no such file" in err
    code, _, err = cli("source", "add", str(en[1]), "https://example.org/x", "--stance", "agrees")
    assert code == 1 and "supports, refutes, context" in err
    assert len(_json(cli("sources", "--json"))) == 2
    assert ARABIC in (tmp_path / "bayan.html").read_bytes().decode("cp1256")


def test_verdict_status_history_and_stale_version(cli: Run, en: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    verdict = _json(cli("verdict", str(en[2]), "half TRUE", "--rationale", "Two visits, not three.", "--json"))
    assert verdict["rating"] == "Half true" and verdict["textual_rating"] == "Half True"
    assert verdict["status"] == "drafted" and verdict["reviewer"] == "dana" and verdict["version"] == 2
    code, _, err = cli("verdict", str(en[2]), "Pants on fire", "--rationale", "x")
    assert code == 1 and err.count("\n") == 1 and "choose one of: True, Mostly true" in err
    code, _, err = cli("status", "--set", "published", str(en[2]))
    assert code == 1 and "at least one source" in err
    code, _, err = cli("verdict", str(en[2]), "False", "--rationale", "late", "--reviewer", "eve", "--version", "1")
    assert code == 1 and "changed by dana at" in err and "(verdict.set)" in err
    monkeypatch.delenv("FACTCHECK_REVIEWER")
    bulk = _json(cli("status", "--set", "dismissed", str(en[0]), str(en[1]), "--reviewer", "frank", "--json"))
    assert [b["after"] for b in bulk] == ["dismissed", "dismissed"]
    code, out, _ = cli("status", "--set", "dismissed", str(en[0]))
    assert code == 0 and "already dismissed" in out
    history = _json(cli("history", str(en[0]), "--json"))
    assert [(h["action"], h["reviewer"], h["before"], h["after"]) for h in history] == [
        ("claim.status", "frank", {"status": "new"}, {"status": "dismissed"})
    ]
    code, out, _ = cli("history", str(en[2]))
    assert code == 0 and "verdict.set" in out and "dana" in out


def test_claim_edit_split_merge_add(cli: Run, en: list[int]) -> None:
    edited = _json(
        cli("claim", "edit", str(en[2]), "--text", "a delegation from the Syrian defence ministry", "--json")
    )
    assert edited["origin"] == "edited" and edited["version"] == 2
    parts = _json(cli("claim", "split", str(en[3]), "--before", "for", "--json"))
    assert [p["text"] for p in parts] == [
        "Abu Qasra thanked his Turkish counterpart Yasar Guler on X",
        'for "his tangible efforts to support building the Syrian army".',
    ]
    merged = _json(cli("claim", "merge", str(parts[1]["id"]), str(en[3]), "--versions", "1", "2", "--json"))
    assert merged["id"] == en[3] and merged["text"].startswith("Abu Qasra") and merged["text"].endswith('army".')
    article = _json(cli("show", str(en[3]), "--json"))["article_id"]
    added = _json(cli("claim", "add", str(article), "--text", "three times", "--kind", "quantity", "--json"))
    assert added["origin"] == "manual" and added["text"] == "three times"
    code, _, err = cli("claim", "add", str(article), "--text", "four times")
    assert code == 1 and "does not occur in the article" in err
    code, _, err = cli("claim", "edit", str(en[2]), "--text", "x", "--version", "1")
    assert code == 1 and "since you read it" in err


def test_scale_show_and_replace(cli: Run, en: list[int], tmp_path: Path) -> None:
    default = _json(cli("scale", "--json"))
    assert [r["label"] for r in default["ratings"]][:3] == ["True", "Mostly true", "Half true"]
    code, out, _ = cli("scale")
    assert code == 0 and "Mostly False" in out and "Unverifiable" in out
    custom = tmp_path / "scale.json"
    custom.write_text(
        json.dumps(
            {"best": 1, "worst": 0, "ratings": [{"label": "Correct", "value": 1}, {"label": "Incorrect", "value": 0}]}
        )
    )
    assert [r["label"] for r in _json(cli("scale", "--set", str(custom), "--json"))["ratings"]] == [
        "Correct",
        "Incorrect",
    ]
    code, _, err = cli("verdict", str(en[0]), "True", "--rationale", "x")
    assert code == 1 and "choose one of: Correct, Incorrect" in err
    custom.write_text("{not json")
    code, _, err = cli("scale", "--set", str(custom))
    assert code == 1 and "not JSON" in err


def test_show_escapes_source_text(cli: Run, en: list[int], tmp_path: Path) -> None:
    page = tmp_path / "evil.html"
    page.write_text("<html><head><title>[bold red]Owned[/bold red] \x1b[2J</title></head><body><p>x</p></body></html>")
    assert cli("source", "add", str(en[0]), str(page), "--offline", "--quote", "[link=x]y[/link]")[0] == 0
    code, out, _ = cli("show", str(en[0]))
    assert code == 0
    assert "[bold red]Owned[/bold red]" in out and "\x1b[2J" not in out
    assert "[link=x]y[/link]" in out
