"""The fact-check archive: ClaimReview JSON-LD and spreadsheets in, ratings mapped, nothing twice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli import main
from factcheck.prior.records import NOT_GIVEN, FactCheckRecord, map_rating
from factcheck.review.scale import RatingScale

DATA = Path(__file__).resolve().parent / "data" / "factchecks"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def listing(capsys: pytest.CaptureFixture[str], db: Path) -> list[dict[str, object]]:
    code, out, _ = run(capsys, "--db", str(db), "factchecks", "--json")
    assert code == 0
    rows: list[dict[str, object]] = json.loads(out)
    return rows


def test_claimreview_graph_and_single_object(capsys: pytest.CaptureFixture[str], db_path: Path) -> None:
    code, out, err = run(
        capsys, "--db", str(db_path), "factchecks", "import", "--no-embed",
        str(DATA / "claimreview_graph.json"), str(DATA / "claimreview_one.json"),
    )  # fmt: skip
    assert code == 0, err
    assert "3 fact-checks archived, 0 already present, 0 failed" in out
    rows = {r["url"]: r for r in listing(capsys, db_path)}
    amman = rows["https://checks.example.org/2025/amman-meeting-states"]
    assert (amman["rating"], amman["rating_original"]) == ("Mostly false", "Mostly False")
    assert (amman["fact_checker"], amman["date"], amman["language"]) == ("Example Checks", "2025-03-12", "en")
    bottles = rows["https://checks.example.org/2025/water-bottles"]
    assert (bottles["rating"], bottles["rating_original"]) == ("False", "Pants on Fire")
    arabic = rows["https://tahaqqaq.example.org/claims/defence-minister-visit"]
    assert (arabic["rating"], arabic["rating_original"], arabic["language"]) == ("True", "صحيح", "ar")


def test_csv_with_named_columns_and_overrides(capsys: pytest.CaptureFixture[str], db_path: Path) -> None:
    code, _out, err = run(
        capsys, "--db", str(db_path), "factchecks", "import", "--no-embed", str(DATA / "archive.csv"),
        "--column", "url=Link",
    )  # fmt: skip
    assert code == 0, err
    rows = {r["url"]: r for r in listing(capsys, db_path)}
    assert len(rows) == 4
    assert rows["https://sheet.example.org/1"]["rating"] == "False"
    assert rows["https://sheet.example.org/2"]["rating"] == "Half true"
    missing = rows["https://sheet.example.org/3"]
    assert (missing["rating"], missing["rating_original"], missing["date"]) == (NOT_GIVEN, None, None)
    odd = rows["https://sheet.example.org/4"]
    assert (odd["rating"], odd["rating_original"]) == (NOT_GIVEN, "Rated somewhat strange")
    assert rows["https://sheet.example.org/1"]["fact_checker"] == "Desk A"


def test_tsv_by_position_and_header(capsys: pytest.CaptureFixture[str], db_path: Path) -> None:
    code, _, err = run(
        capsys, "--db", str(db_path), "factchecks", "import", "--no-embed", str(DATA / "archive.tsv"),
        "--column", "id=#1", "--column", "claim=statement",
    )  # fmt: skip
    assert code == 0, err
    rows = listing(capsys, db_path)
    assert [(r["external_id"], r["rating"]) for r in rows] == [("7", "False"), ("8", "Half true")]


def test_reimport_changes_nothing(capsys: pytest.CaptureFixture[str], db_path: Path) -> None:
    args = ("--db", str(db_path), "factchecks", "import", "--no-embed", str(DATA / "claimreview_graph.json"))
    assert run(capsys, *args)[0] == 0
    before = listing(capsys, db_path)
    code, out, _ = run(capsys, *args)
    assert code == 0
    assert "0 fact-checks archived, 2 already present" in out
    assert listing(capsys, db_path) == before


def test_same_text_and_checker_is_one_fact_check(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "twice.csv"
    sheet.write_text("claim,fact_checker\nThe bridge  was closed in MAY.,Desk\nthe bridge was closed in may,desk\n")
    code, out, _ = run(capsys, "--db", str(db_path), "factchecks", "import", "--no-embed", str(sheet))
    assert code == 0
    assert "1 fact-checks archived, 1 already present" in out


@pytest.mark.parametrize(
    ("content", "suffix", "message"),
    [
        ("title,rating\nx,False\n", ".csv", "no claim column"),
        ('{"@type": "WebPage"}', ".json", "no ClaimReview object found"),
        ("{not json", ".json", "not JSON"),
        ("claim\nx\n", ".xlsx", "unsupported fact-check file"),
    ],
)
def test_bad_files_get_one_line(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path, content: str, suffix: str, message: str
) -> None:
    bad = tmp_path / f"bad{suffix}"
    bad.write_text(content, encoding="utf-8")
    code, _, err = run(capsys, "--db", str(db_path), "factchecks", "import", "--no-embed", str(bad))
    assert code == 1
    lines = [line for line in err.splitlines() if line]
    assert len(lines) == 1 and lines[0].startswith("factcheck: error:") and message in lines[0]
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("gap.csv", "claim,rating\nFirst good,False\n,True\nThird good,True\n", "gap.csv:3: the claim cell is empty"),
        ("gap.csv", "claim,date\nFirst good,2024-01-01\nSecond bad,someday\nThird good,\n", "date 'someday'"),
        (
            "gap.jsonl",
            '{"@type": "ClaimReview", "claimReviewed": "First good"}\n{"@type": "ClaimReview"}\nnot json\n'
            '{"@type": "ClaimReview", "claimReviewed": "Third good"}\n',
            "gap.jsonl:2: a ClaimReview without claimReviewed",
        ),
        (
            "gap.json",
            '[{"@type": "ClaimReview", "claimReviewed": "First good"}, {"@type": "ClaimReview", "url": "u"}, '
            '{"@type": "ClaimReview", "claimReviewed": "Third good"}]',
            "gap.json: review 2: a ClaimReview without claimReviewed",
        ),
    ],
)
def test_a_bad_record_costs_its_line_not_the_records_after_it(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    code, out, _ = run(capsys, "--db", str(db_path), "factchecks", "import", "--no-embed", "--json", str(path))
    assert code == 1
    report = json.loads(out)
    assert report["added"] == 2 and report["failed"] == len(report["errors"]) >= 1
    assert message in report["errors"][0]
    assert {r["claim"] for r in listing(capsys, db_path)} == {"First good", "Third good"}


def test_semicolon_separated_spreadsheet(capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text('claim;rating;url\n"Prices rose by 3,5 % in May";Mixture;https://s.example/1\n', encoding="utf-8")
    assert run(capsys, "--db", str(db_path), "factchecks", "import", "--no-embed", str(path))[0] == 0
    [row] = listing(capsys, db_path)
    assert row["claim"] == "Prices rose by 3,5 % in May" and row["rating"] == "Half true"
    assert row["url"] == "https://s.example/1"


def test_unknown_column_override_is_refused(capsys: pytest.CaptureFixture[str], db_path: Path) -> None:
    code, _, err = run(
        capsys, "--db", str(db_path), "factchecks", "import", str(DATA / "archive.csv"), "--column", "verdict=Verdict"
    )
    assert code == 1 and "expected FIELD=HEADER" in err


def test_rating_value_maps_onto_the_scale_when_words_are_unknown() -> None:
    record = FactCheckRecord(claim="x", rating_original="3 of 5", rating_value=5, best=5, worst=1)
    assert map_rating(record) == "True"
    assert map_rating(FactCheckRecord(claim="x", rating_value=1, best=5, worst=1)) == "False"
    assert map_rating(FactCheckRecord(claim="x")) == NOT_GIVEN


def test_custom_scale_gets_the_label_at_the_same_place() -> None:
    scale = RatingScale.from_dict(
        {"best": 3, "worst": 1, "ratings": [{"label": "Correct", "value": 3}, {"label": "Wrong", "value": 1}]}
    )
    assert map_rating(FactCheckRecord(claim="x", rating_original="Pants on Fire"), scale) == "Wrong"
    assert map_rating(FactCheckRecord(claim="x", rating_original="wrong"), scale) == "Wrong"
    assert map_rating(FactCheckRecord(claim="x", rating_original="Mostly true"), scale) == NOT_GIVEN


def test_our_own_claimreview_export_comes_back_in(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path, tmp_path: Path
) -> None:
    desk = str(tmp_path / "desk.db")
    assert run(capsys, "--db", desk, "import", str(corpus_dir))[0] == 0
    claims = json.loads(run(capsys, "--db", desk, "claims", "--json")[1])
    claim = claims[0]
    page = tmp_path / "statement.html"
    page.write_text("<html><body><p>Four states attended.</p></body></html>", encoding="utf-8")
    for argv in (
        ("verdict", str(claim["id"]), "mostly false", "--rationale", "Four states, not five.", "--reviewer", "rana"),
        ("source", "add", str(claim["id"]), str(page), "--offline", "--reviewer", "rana"),
        ("status", "--set", "published", str(claim["id"]), "--reviewer", "rana"),
    ):
        code, _, err = run(capsys, "--db", desk, *argv)
        assert code == 0, err
    export = tmp_path / "reviews.json"
    exported = ("--db", desk, "export", "--format", "claimreview", "--publisher", "Desk One")
    assert run(capsys, *exported, "--base-url", "https://desk.example.org", "-o", str(export))[0] == 0
    other = tmp_path / "other.db"
    code, _out, err = run(capsys, "--db", str(other), "factchecks", "import", "--no-embed", str(export))
    assert code == 0, err
    [row] = listing(capsys, other)
    assert row["claim"] == " ".join(claim["text"].split())
    assert (row["rating"], row["rating_original"]) == ("Mostly false", "Mostly False")
    assert row["fact_checker"] == "Desk One"
    assert row["url"] == f"https://desk.example.org/claims/{claim['id']}"
