"""Importing articles into a real SQLite file: formats, encodings, idempotence and bad input."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from db.models import Article, Claim
from db.store import content_hash, store_articles
from factcheck.errors import UnreadableFileError, UnsupportedFormatError
from factcheck.records import ArticleRecord, ReadFailure
from sources.readers import ArticleDefaults, read_articles

pytestmark = pytest.mark.both_backends


def _read(paths: list[Path], **defaults: Any) -> list[ArticleRecord | ReadFailure]:
    return list(read_articles(paths, ArticleDefaults(**defaults)))


def _articles(database: Any) -> list[Article]:
    with database.session() as session:
        return list(session.exec(select(Article).order_by(Article.id)).all())


def test_corpus_twice_gives_four_articles_with_manifest_dates(
    database: Any, corpus_dir: Path, manifest: dict[str, Any]
) -> None:
    first = store_articles(database, read_articles([corpus_dir], ArticleDefaults()))
    second = store_articles(database, read_articles([corpus_dir], ArticleDefaults()))
    assert first.count("imported") == 4 and not first.failed
    assert second.count("present") == 4 and second.count("imported") == 0
    assert {item.article_id for item in second.items} == {item.article_id for item in first.items}
    stored = _articles(database)
    assert len(stored) == 4
    by_file = {Path(a.source_path or "").name: a for a in stored}
    for name, entry in manifest.items():
        assert by_file[name].published == entry["published"]
        assert by_file[name].language == entry["language"]
        assert by_file[name].outlet == entry["outlet"]


def test_reimport_keeps_existing_claims_and_reviewer_work(database: Any, corpus_dir: Path) -> None:
    store_articles(database, read_articles([corpus_dir], ArticleDefaults()))
    with database.transaction() as session:
        claim = session.exec(select(Claim)).first()
        if claim is None:  # extraction disabled in this build: add a hand-made claim
            article = session.exec(select(Article)).first()
            assert article is not None and article.id is not None
            claim = Claim(article_id=article.id, text=article.body[:10], norm_text="", start=0, end=10)
        claim.status = "in_review"
        session.add(claim)
    before = _claim_rows(database)
    store_articles(database, read_articles([corpus_dir], ArticleDefaults()))
    assert _claim_rows(database) == before


def _claim_rows(database: Any) -> list[tuple[Any, ...]]:
    with database.session() as session:
        return [(c.id, c.status, c.text, c.start, c.end) for c in session.exec(select(Claim).order_by(Claim.id))]


def test_same_text_with_other_wrapping_is_a_duplicate(database: Any, tmp_path: Path) -> None:
    body = "The minister visited Ankara on 12 October.\n\nHe met his counterpart."
    (tmp_path / "a.txt").write_text(body, encoding="utf-8")
    (tmp_path / "b.txt").write_text(body.replace(" ", "  ").replace("\n\n", "\r\n\r\n"), encoding="utf-8")
    report = store_articles(database, read_articles([tmp_path], ArticleDefaults()))
    assert [item.status for item in report.items] == ["imported", "present"]
    assert report.items[1].article_id == report.items[0].article_id
    assert content_hash(body) == content_hash(" " + body.replace("\n", " \n "))


def test_windows_1256_arabic_is_decoded_and_reported(tmp_path: Path) -> None:
    text = "اجتماع وزاري في عمّان\n\nعُقد في العاصمة عمّان يوم 10 مارس اجتماع وزاري."
    path = tmp_path / "cp1256.txt"
    path.write_bytes(text.encode("cp1256"))
    [record] = _read([path])
    assert isinstance(record, ArticleRecord)
    assert record.encoding == "windows-1256"
    assert record.body == text
    assert record.language == "ar"
    assert record.title == "اجتماع وزاري في عمّان"


def test_utf8_bom_is_removed(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffHeadline here\n\nBody text that says something.".encode())
    [record] = _read([path])
    assert isinstance(record, ArticleRecord)
    assert record.encoding == "utf-8-sig" and record.body.startswith("Headline")


@pytest.mark.parametrize(
    ("name", "content", "error", "message"),
    [
        ("empty.txt", b"", UnreadableFileError, "empty article"),
        ("blank.md", b"   \n\n  \t\n", UnreadableFileError, "empty article"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", UnreadableFileError, "binary file"),
        ("report.pdf", b"%PDF-1.4", UnsupportedFormatError, "unsupported file type '.pdf'"),
        ("bad-bom.txt", b"\xef\xbb\xbfok \xff\xfe bytes", UnreadableFileError, "UTF-8 BOM"),
    ],
)
def test_bad_files_fail_with_a_specific_error(
    tmp_path: Path, name: str, content: bytes, error: type[Exception], message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    [failure] = _read([path])
    assert isinstance(failure, ReadFailure)
    assert isinstance(failure.error, error)
    assert message in str(failure.error) and name in str(failure.error)


def test_missing_path_is_reported(tmp_path: Path) -> None:
    [failure] = _read([tmp_path / "nope.txt"])
    assert isinstance(failure, ReadFailure)
    assert "no such file" in str(failure.error)


def test_malformed_jsonl_reports_lines_and_imports_the_rest(database: Any, tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"title": "One", "text": "Turkey and Syria agreed on 9 March.", "outlet": "A"}),
        "{not json",
        json.dumps(["a list"]),
        json.dumps({"title": "No text"}),
        "",
        json.dumps({"body": "Ankara hosted talks.", "published": "2025-10-13", "language": "en", "url": "http://x/1"}),
        json.dumps({"text": "Bad date.", "published": "13/10/2025"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = store_articles(database, read_articles([path], ArticleDefaults(outlet="Fallback")))
    failed = {item.where.rsplit(":", 1)[-1]: item.error for item in report.items if item.status == "failed"}
    assert set(failed) == {"2", "3", "4", "7"}
    assert all(isinstance(err, str) and "feed.jsonl" in err for err in failed.values())
    assert "invalid JSON" in (failed["2"] or "") and "13/10/2025" in (failed["7"] or "")
    stored = _articles(database)
    assert [(a.title, a.outlet, a.published, a.url) for a in stored] == [
        ("One", "A", None, None),
        (None, "Fallback", date(2025, 10, 13), "http://x/1"),
    ]


def test_html_import_keeps_main_text_only(database: Any, tmp_path: Path) -> None:
    page = """<html><head><title>Site | Talks in Ankara</title><script>var x = "alert";</script></head>
    <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Talks in Ankara</h1><p>The Syrian defence minister visited <b>Ankara</b> on 12 October.</p>
    <div class="share-buttons">Share this on X</div><p>He met Yasar Guler.</p></article>
    <section id="comments"><form>Leave a reply <textarea></textarea></form></section>
    <footer>© Site</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    store_articles(database, read_articles([path], ArticleDefaults()))
    [article] = _articles(database)
    assert article.body == (
        "Talks in Ankara\n\nThe Syrian defence minister visited Ankara on 12 October.\n\nHe met Yasar Guler."
    )
    assert article.title == "Site | Talks in Ankara"
    assert article.language == "en"


def test_markdown_heading_becomes_title(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("# Minister visits Ankara\n\nThe **minister** visited [Ankara](http://x).\n", encoding="utf-8")
    [record] = _read([path])
    assert isinstance(record, ArticleRecord)
    assert record.title == "Minister visits Ankara"
    assert record.body == "Minister visits Ankara\n\nThe minister visited Ankara."


def test_command_line_defaults_apply_where_the_file_is_silent(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Body text without a heading.", encoding="utf-8")
    [record] = _read([path], outlet="Daily", published=date(2025, 1, 2), language="en", url="http://a")
    assert isinstance(record, ArticleRecord)
    assert (record.outlet, record.published, record.language, record.url, record.title) == (
        "Daily", date(2025, 1, 2), "en", "http://a", None,
    )  # fmt: skip


def test_failed_batch_stores_no_partial_article(database: Any, tmp_path: Path) -> None:
    """An extractor failure inside a batch rolls the whole batch back: no article without its claims."""
    (tmp_path / "a.txt").write_text("Alpha article text.", encoding="utf-8")

    def broken(_: Any) -> list[Any]:
        raise RuntimeError("extractor crashed")

    with pytest.raises(RuntimeError):
        store_articles(database, read_articles([tmp_path], ArticleDefaults()), extract=broken)
    assert _articles(database) == []


def test_article_stored_by_another_importer_meanwhile_is_reported_present(
    database: Any, db_url: str, tmp_path: Path
) -> None:
    """Extraction runs outside the write transaction; a twin stored in that gap is not a crash."""
    from db.engine import open_database

    (tmp_path / "a.txt").write_text("Ankara hosted the talks on Monday.", encoding="utf-8")
    other = open_database(db_url)
    calls: list[str] = []

    def extract_while_another_imports(article: Any) -> list[Any]:
        if not calls:
            calls.append(article.body)
            store_articles(other, read_articles([tmp_path], ArticleDefaults()), extract=lambda _: [])
        return []

    try:
        report = store_articles(
            database, read_articles([tmp_path], ArticleDefaults()), extract=extract_while_another_imports
        )
    finally:
        other.dispose()
    assert [item.status for item in report.items] == ["present"]
    assert len(_articles(database)) == 1 and report.items[0].article_id == _articles(database)[0].id
