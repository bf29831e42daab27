"""Stand-in titles for articles whose first line is not a heading (004_ in the corpus)."""

from __future__ import annotations

from pathlib import Path

from factcheck.text.titles import stand_in_title


def test_first_line_without_trailing_comma(corpus_dir: Path) -> None:
    body = (corpus_dir / "004_0960fe732d95aff5.txt").read_text(encoding="utf-8")
    assert stand_in_title(body) == "استقبل وزير الدفاع السوري مرهف أبو قصرة"


def test_long_first_line_is_cut_at_a_word() -> None:
    title = stand_in_title("alpha " * 40 + "\nsecond line")
    assert title.endswith("…") and len(title) <= 81
    assert title[:-1].split() == ["alpha"] * len(title[:-1].split())
    assert stand_in_title("x" * 200) == "x" * 80 + "…"
