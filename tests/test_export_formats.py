"""Every export format of the scripted review of the sample corpus, including the hostile article."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from test_report_support import (
    HOSTILE_ANSI,
    HOSTILE_FORMULA,
    HOSTILE_IMG,
    HOSTILE_MARKUP,
    HOSTILE_SCRIPT,
    scripted_review,
)

from db.engine import open_database
from db.report_data import gather_record
from factcheck.reports import Report, build_report, render_report
from factcheck.reports.csv_report import CSV_COLUMNS
from factcheck.reports.terminal import summary_renderables

ARABIC = re.compile("[\u0600-\u06ff]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Iterator[tuple[Report, dict[str, int]]]:
    """One reviewed database for the module: every test here only reads it."""
    database = open_database(tmp_path_factory.mktemp("export") / "factcheck.db")
    try:
        ids = scripted_review(database, corpus_dir)
        with database.session() as session:
            yield build_report(gather_record(session)), ids
    finally:
        database.dispose()


@pytest.fixture(scope="module")
def report(reviewed: tuple[Report, dict[str, int]]) -> Report:
    return reviewed[0]


@pytest.fixture(scope="module")
def ids(reviewed: tuple[Report, dict[str, int]]) -> dict[str, int]:
    return reviewed[1]


class _Page(HTMLParser):
    """What a reader sees (text outside head, script and style) and every element with its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self._stack: list[tuple[str, dict[str, str | None], list[str]]] = []
        self.blocks: list[tuple[str, dict[str, str | None], str]] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag in ("head", "script", "style"):
            self._hidden += 1
        if tag in ("p", "td", "th", "li", "blockquote", "h3"):
            self._stack.append((tag, dict(attrs), []))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("head", "script", "style"):
            self._hidden -= 1
        if self._stack and self._stack[-1][0] == tag:
            name, attrs, parts = self._stack.pop()
            self.blocks.append((name, attrs, "".join(parts)))

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.text.append(data)
            for _, _, parts in self._stack:
                parts.append(data)

    @property
    def visible(self) -> str:
        return " ".join(" ".join(self.text).split())


def _page(markup: str) -> _Page:
    page = _Page()
    page.feed(markup)
    page.close()
    return page


def _assert_reader_sees(visible: str, report: Report, ids: dict[str, int]) -> None:
    """The facts a reader must find in the HTML report, whichever way the page was read."""
    claim = report.claim_by_id[ids["meeting_10"]]
    assert " ".join(claim.text.split()) in visible
    assert "The meeting was on 9 March, not 10 March." in visible
    assert f"Claim #{ids['meeting_10']}: False" in visible
    assert "2025-03-09" in visible and "2025-03-10" in visible and "real_conflict" in visible
    source = report.sources[report.attachments[ids["meeting_10"]][0].source_id]
    assert source.sha256 and source.sha256 in visible
    assert "contradicts" in visible and "Rating scale" in visible
    # Hostile text is shown as the text it is, not run and not hidden.
    for hostile in (HOSTILE_SCRIPT, HOSTILE_IMG, HOSTILE_MARKUP, HOSTILE_FORMULA):
        assert hostile in visible, hostile
    assert HOSTILE_ANSI not in visible and "\x1b" not in visible and "[31m" not in visible


def test_markdown_has_every_claim_with_verdict_sources_and_contradictions(report: Report, ids: dict[str, int]) -> None:
    text = render_report(report, "md")
    for claim in report.claims:
        assert f'<a id="claim-{claim.id}"></a>' in text
    assert f"### Claim #{ids['meeting_9']}: True" in text
    assert f"### Claim #{ids['meeting_10']}: False" in text
    assert f"### Claim #{ids['four_states']}: not yet rated" in text
    assert report.claim_by_id[ids["meeting_10"]].text in text
    assert "**Rationale:** The meeting was on 9 March, not 10 March." in text
    assert "**Earlier verdicts:** 1" in text  # meeting_9 was rated twice
    assert "refutes: بيان وزارة الخارجية الأردنية" in text and "sha256 " in text
    assert f"date: 2025-03-09 (صوت كوردستان, claim #{ids['meeting_9']}) vs 2025-03-10 (fixture" in text
    assert f"number: 5 (صوت كوردستان, claim #{ids['support_5']}) vs 4" in text  # open, in the summary
    assert "dismissed" not in text.split("## Claims")[0]  # the dismissed contradiction is not open
    assert "| Mostly true | Mostly True | 1 |" in text
    assert "## Methods" in text and "| Unverifiable | Unverifiable | -1 |" in text


def test_markdown_defuses_hostile_text(report: Report) -> None:
    text = render_report(report, "md")
    assert "<script" not in text and "<img" not in text
    assert "&lt;script&gt;" in text
    assert "[bold red]" not in text and "\\[bold red\\]x\\[/\\]" in text
    assert "\x1b" not in text
    assert "javascript:alert" not in text.replace("javascript:alert(1)", "")  # shown only as text
    assert "](javascript:" not in text


def test_html_visible_text_pure_python(report: Report, ids: dict[str, int]) -> None:
    markup = render_report(report, "html")
    page = _page(markup)
    _assert_reader_sees(page.visible, report, ids)
    tags = [tag for tag, _ in page.elements]
    assert "script" not in tags and "img" not in tags and "link" not in tags
    assert not any(name.startswith("on") for _, attrs in page.elements for name in attrs)
    hrefs = [attrs.get("href") or "" for tag, attrs in page.elements if tag == "a"]
    assert hrefs and all(h.startswith(("#claim-", "http://", "https://")) for h in hrefs)
    assert not re.search(r"(src|href)=\"(?!#|https?://)", markup)  # no external or script URLs
    for name, attrs, text in page.blocks:
        if ARABIC.search(text) and name != "th":
            assert attrs.get("dir") == "auto", (name, text[:40])
    quotes = {text: attrs for name, attrs, text in page.blocks if name == "blockquote"}
    assert quotes[report.claim_by_id[ids["meeting_10"]].text]["lang"] == "ar"
    assert quotes[report.claim_by_id[ids["visit_13"]].text]["lang"] == "en"


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.skipif(_chromium() is None, reason="no chromium binary found (apt-get install -y chromium)")
def test_html_in_headless_chromium(report: Report, ids: dict[str, int], tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    path.write_text(render_report(report, "html"), encoding="utf-8")
    browser = _chromium()
    assert browser is not None
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    result = subprocess.run(
        [browser, *flags, "--dump-dom", path.as_uri()], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    page = _page(dom)
    assert "Verdict report" in page.visible
    _assert_reader_sees(page.visible, report, ids)
    assert "data-pwned" not in dom.split("<body", 1)[1].split(">", 1)[0]  # the hostile script never ran
    assert not any(tag in ("script", "img") for tag, _ in page.elements)


def test_csv_one_row_per_claim_with_bom_and_no_formulas(report: Report, ids: dict[str, int]) -> None:
    text = render_report(report, "csv")
    assert text.startswith("\ufeff")
    data = text.encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    body = [dict(zip(CSV_COLUMNS, row, strict=True)) for row in rows[1:]]
    assert [int(r["claim_id"]) for r in body] == sorted(ids.values())
    row = next(r for r in body if int(r["claim_id"]) == ids["meeting_10"])
    assert row["claim"] == report.claim_by_id[ids["meeting_10"]].text
    assert (row["rating"], row["claimreview_rating"], row["rating_value"]) == ("False", "False", "1")
    assert row["status"] == "published" and row["reviewer"] == "Amira" and row["outlet"] == "fixture"
    assert (
        row["sources"].startswith("refutes: https://mod.example.jo/statements/2025-03-09")
        and "sha256:" in row["sources"]
    )
    assert (
        row["confirmed_contradictions"]
        == f"date: 2025-03-09 (#{ids['meeting_9']}) vs 2025-03-10 (#{ids['meeting_10']})"
    )
    assert f"#{ids['meeting_9']} صوت كوردستان" in row["same_claim_in"]
    for cells in rows[1:]:
        for cell in cells:
            assert not cell.startswith(FORMULA_START), cell
            assert "\x1b" not in cell
    hostile = next(r for r in body if int(r["claim_id"]) == ids["hostile_formula"])
    assert hostile["outlet"] == "'" + HOSTILE_FORMULA
    assert hostile["claim"].startswith("'" + HOSTILE_FORMULA)


def test_claimreview_one_per_published_verdict(report: Report, ids: dict[str, int]) -> None:
    text = render_report(report, "claimreview", base_url="https://checks.example/")
    assert "<" not in text  # safe inside <script type="application/ld+json">
    reviews = json.loads(text)
    by_url = {r["url"]: r for r in reviews}
    assert set(by_url) == {
        f"https://checks.example/claims/{ids[n]}" for n in ("meeting_9", "meeting_10", "hostile_met")
    }
    review = by_url[f"https://checks.example/claims/{ids['meeting_10']}"]
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == " ".join(report.claim_by_id[ids["meeting_10"]].text.split())
    verdict = report.verdict(ids["meeting_10"])
    assert verdict is not None and review["datePublished"] == verdict.created_at.date().isoformat()
    assert review["author"] == {"@type": "Person", "name": "Amira"}
    assert review["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "False",
        "ratingValue": 1,
        "bestRating": 5,
        "worstRating": 1,
        "ratingExplanation": "The meeting was on 9 March, not 10 March.",
    }
    item = review["itemReviewed"]
    assert item["@type"] == "Claim" and item["datePublished"] == "2025-03-11"
    assert item["author"] == {"@type": "Organization", "name": "fixture"}
    urls = [a["url"] for a in item["appearance"]]
    assert urls == ["https://fixture.example/amman-meeting", "https://news.example/kurdistan/ministerial-meeting"]
    assert item["firstAppearance"]["url"] == "https://fixture.example/amman-meeting"
    assert item["firstAppearance"]["datePublished"] == "2025-03-11"
    hostile = by_url[f"https://checks.example/claims/{ids['hostile_met']}"]
    assert HOSTILE_IMG in hostile["claimReviewed"] and "\x1b" not in hostile["claimReviewed"]
    assert hostile["reviewRating"]["alternateName"] == "Misleading"
    default = json.loads(render_report(report, "claimreview", publisher="Fact Desk"))
    assert {r["url"] for r in default} == {f"#claim-{ids[n]}" for n in ("meeting_9", "meeting_10", "hostile_met")}
    assert all(r["author"] == {"@type": "Organization", "name": "Fact Desk"} for r in default)


def test_json_export_is_the_complete_record(report: Report, ids: dict[str, int]) -> None:
    data: dict[str, Any] = json.loads(render_report(report, "json"))
    assert data["format"] == "factcheck-review-record/1"
    assert len(data["articles"]) == 5 and len(data["claims"]) == len(ids)
    assert {v["rating"] for v in data["verdicts"]} == {"Half true", "True", "False", "Misleading", "Mostly true"}
    assert [c["status"] for c in data["contradictions"]].count("confirmed") == 1
    assert any(a["action"] == "verdict.set" for a in data["audit"])
    assert data["sources"][0]["sha256"] and data["snapshots"][0]["fetched_at"].endswith("+00:00")
    assert data["summary"]["by_rating"]["False"] == 1
    assert data["scale"]["ratings"][0] == {"label": "True", "textual_rating": "True", "value": 5}


def test_agreement_matrix_marks_asserts_contradicts_and_omits(report: Report, ids: dict[str, int]) -> None:
    summary = report.summary
    rows = {row.cluster: dict(zip(summary.outlets, row.cells, strict=True)) for row in summary.matrix}
    # First appearance of the ministerial meeting is the fixture report (published 2025-03-11).
    meeting = rows[ids["meeting_10"]]
    assert meeting["fixture"] == "asserts"
    assert meeting["صوت كوردستان"] == "contradicts"  # confirmed date contradiction
    assert meeting["article 2 (outlet unknown)"] == "omits"
    support = rows[ids["support_states"]]
    assert support["fixture"] == "asserts" and support["صوت كوردستان"] == "asserts"
    centre = rows[ids["centre_agreed"]]
    assert centre["fixture"] == "disputed"  # only an open contradiction
    assert ids["visits_2"] not in rows  # its contradiction was dismissed and it has no links
    assert [n for s, n in summary.by_status if s == "published"] == [3]
    assert {c.id for c in summary.open_contradictions} and all(c.status == "open" for c in summary.open_contradictions)


def test_terminal_summary_escapes_article_text(report: Report) -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, width=200, color_system="truecolor", force_terminal=True)
    console.print(summary_renderables(report))
    raw = buffer.getvalue()
    assert "\x1b[31mred" not in raw  # the article's ANSI codes are stripped; rich's own styling remains
    plain = Console(file=io.StringIO(), width=200, color_system=None, record=True)
    plain.print(summary_renderables(report))
    text = plain.export_text()
    assert HOSTILE_MARKUP in text  # shown literally, not applied as markup
    assert HOSTILE_FORMULA in text or HOSTILE_FORMULA[:20] in text
    assert "Verdicts by rating" in text and "Open contradictions" in text and "Agreement between outlets" in text
    bars = {line.split("│")[1].strip(): line.count("█") for line in text.splitlines() if "█" in line}
    assert bars["Not yet rated"] == 30 and bars["True"] == round(30 / 11) and "Half true" not in bars
