"""Property tests: random and adversarial text, HTML, JSONL and URLs never crash or hang the workbench.

Each input either works or gets one ``FactcheckError``, within a generous time bound per input
(hypothesis ``deadline``), and nothing stored before changes. Runs are derandomised, so CI sees the same
examples every time; the whole module stays well under 30 s.
"""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
from contextlib import redirect_stderr, redirect_stdout
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli import main
from db.engine import open_database
from db.store import store_articles
from factcheck.errors import FactcheckError, InvalidValueError
from factcheck.extraction import extract_claims
from factcheck.model import ArticleText
from factcheck.records import ReadFailure
from sources.fetch import FetchOptions, fetch_url
from sources.html_text import html_to_text
from sources.readers import ArticleDefaults, read_articles
from sources.urls import address_problem, check_url, literal_address

BOUNDED = settings(
    max_examples=20,
    derandomize=True,
    database=None,  # nothing written beside the repository; derandomised runs need no replay store
    deadline=timedelta(seconds=10),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# Letters of both languages, digits of both, every stop and soft mark the segmenter knows, space and
# line breaks, bidi and control characters.
ALPHABET = st.sampled_from(
    [
        *"abcXYZ ابتثجحو٠١٢0129 .,،؛;:!?؟…\"'«»()-–•*\n\n\t",
        "\u200f",
        "\u200e",
        "\x00",
        "\x1b",
        "\u202e",
        "\ufeff",
        "Mr.",
        "U.S.",
        "9 March",
        "آذار",
        "الماضي",
    ]
)
TEXT = st.lists(ALPHABET, max_size=400).map("".join)
LONG_RUN = st.builds(lambda word, n, sep: sep.join([word] * n), st.sampled_from(["a", "وزير", "x1"]),
                     st.integers(1, 5_000), st.sampled_from([" ", "", ",", "\n", " و "]))  # fmt: skip


@BOUNDED
@given(body=st.one_of(TEXT, LONG_RUN), language=st.sampled_from(["ar", "en", "fr"]))
def test_extraction_takes_any_text(body: str, language: str) -> None:
    claims = extract_claims(ArticleText(body=body, language=language))
    for claim in claims:
        assert 0 <= claim.start < claim.end <= len(body)
        assert claim.end - claim.start <= 600


TAGS = st.sampled_from(["div", "p", "span", "b", "article", "main", "script", "table", "td", "li", "br", "!--"])


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    depth = draw(st.integers(0, 2000))
    tag = draw(TAGS)
    closed = draw(st.booleans())
    text = draw(TEXT)
    noise = draw(
        st.lists(st.sampled_from(["<", ">", "</", "&amp", "&#0;", "<!", "<?x", "]]>", "<p ", '"']), max_size=20)
    )
    opening = "<!--" if tag == "!--" else f"<{tag} class=x>"
    closing = "" if tag == "!--" or not closed else f"</{tag}>"
    return f"<html><body>{opening * depth}{text}{''.join(noise)}{closing * depth}</body></html>"


@BOUNDED
@given(page=html_pages())
def test_html_to_text_takes_any_page(page: str) -> None:
    document = html_to_text(page)
    assert isinstance(document.text, str)


@pytest.fixture(scope="module")
def stored_template(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    path = tmp_path_factory.mktemp("props") / "template.db"
    database = open_database(path)
    store_articles(database, read_articles([corpus_dir], ArticleDefaults()))
    database.dispose()
    return path


def _rows(path: Path) -> list[Any]:
    with sqlite3.connect(path) as conn:
        return (
            conn.execute("SELECT id, body, title FROM article ORDER BY id").fetchall()
            + conn.execute("SELECT id, article_id, text, status, version FROM claim ORDER BY id").fetchall()
        )


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | TEXT, lambda inner: st.lists(inner, max_size=3), max_leaves=6
)
RECORDS = st.fixed_dictionaries(
    {"text": st.one_of(TEXT, LONG_RUN, JSON_VALUES)},
    optional={"title": JSON_VALUES, "published": st.one_of(TEXT, st.just("2025-13-45"), st.just("2025-03-09")),
              "language": st.sampled_from(["ar", "en", "xx", "", "auto"]), "url": TEXT, "outlet": JSON_VALUES},
)  # fmt: skip
LINES = st.one_of(RECORDS.map(lambda r: json.dumps(r, ensure_ascii=False)), TEXT.map(lambda t: t.replace("\n", " ")))


@BOUNDED
@given(lines=st.lists(LINES, max_size=6))
def test_jsonl_import_takes_any_lines_and_keeps_what_is_stored(
    lines: list[str], stored_template: Path, tmp_path: Path
) -> None:
    db = tmp_path / "copy.db"
    shutil.copyfile(stored_template, db)
    before = _rows(db)
    source = tmp_path / "input.jsonl"
    source.write_text("\n".join(lines), encoding="utf-8")
    entries = list(read_articles([source], ArticleDefaults()))
    assert all(isinstance(e.error, FactcheckError) for e in entries if isinstance(e, ReadFailure))
    database = open_database(db)
    try:
        report = store_articles(database, entries)
    finally:
        database.dispose()
    assert all(item.status != "failed" or item.error for item in report.items)
    after = _rows(db)
    old_ids = {(row[0], len(row)) for row in before}
    assert [row for row in after if (row[0], len(row)) in old_ids] == before


URL_PARTS = st.sampled_from(
    ["http://", "https://", "ftp://", "//", "[", "]", "::1", "127.0.0.1", "10.0.0.1", "169.254.169.254", "a b",
     "example.org", "موقع.مثال", ":99999", ":80", ":", "/", "?", "#", "%", "%00", "@", "user:pw@", "\x00", " ",
     "0x7f000001", "2130706433", "xn--", "-", ".", "..", "\u200f", "\n"]
)  # fmt: skip
URLS = st.lists(URL_PARTS, max_size=8).map("".join) | st.text(max_size=40)


@BOUNDED
@given(url=URLS)
def test_check_url_returns_a_url_or_one_clear_error(url: str) -> None:
    try:
        parsed = check_url(url)
    except InvalidValueError as exc:
        assert str(exc).startswith("bad URL")
        return
    assert parsed.scheme in {"http", "https"} and parsed.host


@BOUNDED
@given(url=URLS, location=URLS, status=st.sampled_from([200, 301, 302, 307, 404, 500]), body=TEXT)
def test_the_fetcher_returns_a_result_for_anything_and_never_reaches_private_addresses(
    url: str, location: str, status: int, body: str
) -> None:
    reached: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        reached.append(request.url.raw_host.decode("ascii"))
        headers = {"content-type": "text/html", "location": location}
        return httpx.Response(status, content=body.encode("utf-8", "surrogatepass"), headers=headers)

    options = FetchOptions(total_timeout=5, max_redirects=2)
    result = fetch_url(url, transport=httpx.MockTransport(handler), options=options)
    assert result.ok or result.error
    for host in reached:
        address = literal_address(host)
        assert address is None or address_problem(address) is None


FILES = st.tuples(st.sampled_from([".txt", ".md", ".html", ".jsonl"]), st.one_of(TEXT, html_pages(), LONG_RUN))


@BOUNDED
@given(files=st.lists(FILES, min_size=1, max_size=3))
def test_the_import_command_takes_any_files_with_one_line_per_failure(
    files: list[tuple[str, str]], stored_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("files")
    db = folder / "copy.db"
    shutil.copyfile(stored_template, db)
    before = _rows(db)
    paths = []
    for i, (suffix, content) in enumerate(files):
        path = folder / f"in{i}{suffix}"
        path.write_bytes(content.encode("utf-8", "surrogatepass"))
        paths.append(str(path))
    err = io.StringIO()
    with redirect_stdout(io.StringIO()), redirect_stderr(err):
        code = main(["--db", str(db), "import", *paths])
    assert code in (0, 1)
    lines = err.getvalue().splitlines()
    assert all(line.startswith("factcheck: error: ") for line in lines) and (code == 1) == bool(lines)
    after = _rows(db)
    old_ids = {(row[0], len(row)) for row in before}
    assert [row for row in after if (row[0], len(row)) in old_ids] == before


@pytest.fixture(scope="module")
def source_db(stored_template: Path) -> Path:
    copy = stored_template.with_name("sources.db")
    shutil.copyfile(stored_template, copy)
    return copy


@BOUNDED
@given(url=URLS)
def test_source_add_offline_takes_any_url_or_path_without_a_traceback(url: str, source_db: Path) -> None:
    # Offline, so nothing reaches the network; fetching is covered by the fetcher property above.
    err = io.StringIO()
    with redirect_stdout(io.StringIO()), redirect_stderr(err):
        code = main(["--db", str(source_db), "source", "add", "--offline", "--json", "1", "--", url])
    lines = err.getvalue().splitlines()
    assert (code, lines) == (0, []) or (code == 1 and len(lines) == 1 and lines[0].startswith("factcheck: error: "))
