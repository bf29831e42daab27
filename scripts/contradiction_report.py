"""How often the contradiction checks fire on labelled pairs: ANS stance, Arabic SICK and English SICK.

Each pair is treated as two reports of the same event (the gate the matcher will provide), its two
sides are run through the claim extractor, and every claim of one side is checked against every
claim of the other with the contradiction table (``factcheck.contradictions.kinds``). A side with no
claim is taken whole as one claim without slots, as recall-first extraction will give it. Prints,
per set and label, the share of pairs flagged and the share per kind.

    .venv/bin/python scripts/contradiction_report.py            # the train splits
    .venv/bin/python scripts/contradiction_report.py --split dev  # for checking only: never tune on it

Datasets come from ``FACTCHECK_DATASETS`` or ``../shared/datasets``; when absent it says so and exits 0.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from factcheck.contradictions import detect_contradictions
from factcheck.extraction import extract_claims
from factcheck.matching import Agreement, Candidate, Link, MatchClaim, features_of, slot_agreement
from factcheck.model import ArticleText, Slots

PUBLISHED = date(2020, 1, 1)
SICK_LABELS = {"0": "neutral", "1": "entailment", "2": "contradiction"}


def _datasets() -> Path:
    default = Path(__file__).resolve().parent.parent / ".." / "shared" / "datasets"
    return Path(os.environ.get("FACTCHECK_DATASETS", default))


def _ans(root: Path, split: str) -> Iterator[tuple[str, str, str]]:
    with (root / "ans" / f"stance_{split}.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield row["s1"], row["s2"], row["stance"]


def _arsick(root: Path, split: str) -> Iterator[tuple[str, str, str]]:
    with (root / "arabic_nli" / f"arsick_{split}.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield row["t"], row["h"], SICK_LABELS.get(row["label"], row["label"])


def _sick(root: Path, split: str) -> Iterator[tuple[str, str, str]]:
    with (root / "sick_en" / f"sick_{split}.txt").open(encoding="utf-8") as handle:
        for line in handle:
            cells = line.rstrip("\n").split("\t")
            if len(cells) >= 5 and cells[4] in ("ENTAILMENT", "NEUTRAL", "CONTRADICTION"):
                yield cells[1], cells[2], cells[4].lower()


SETS = (("ANS", "ar", _ans), ("Arabic SICK", "ar", _arsick), ("English SICK", "en", _sick))


def _claims(text: str, language: str, first_id: int, article: int) -> tuple[list[MatchClaim], bool]:
    """Match claims of one side, and whether the extractor found any (else the whole text)."""
    found = extract_claims(ArticleText(body=text, language=language, published=PUBLISHED))
    if not found:
        return [MatchClaim(first_id, article, text, language, Slots())], False
    claims = [
        MatchClaim(first_id + i, article, c.text, language, c.slots, negated=c.negated) for i, c in enumerate(found)
    ]
    return claims, True


def _candidates(a: list[MatchClaim], b: list[MatchClaim]) -> list[Candidate]:
    out: list[Candidate] = []
    for x in map(features_of, a):
        for y in map(features_of, b):
            link = Link(x.claim.id, y.claim.id, 1.0, 1.0, 1.0, "dataset pair", False)
            agreement: Agreement = slot_agreement(x, y)
            out.append(Candidate(x, y, 1.0, agreement, link, "dataset pair"))
    return out


def report(name: str, language: str, pairs: Iterator[tuple[str, str, str]]) -> None:
    totals: Counter[str] = Counter()
    flagged: Counter[str] = Counter()
    by_kind: Counter[tuple[str, str]] = Counter()
    fallback: Counter[str] = Counter()
    for n, (s1, s2, label) in enumerate(pairs):
        a, found_a = _claims(s1, language, 1_000 * (2 * n), 2 * n)
        b, found_b = _claims(s2, language, 1_000 * (2 * n + 1), 2 * n + 1)
        totals[label] += 1
        fallback[label] += not (found_a and found_b)
        kinds = {str(f.kind) for f in detect_contradictions(_candidates(a, b))}
        flagged[label] += bool(kinds)
        for kind in kinds:
            by_kind[label, kind] += 1
    kinds_seen = sorted({k for _, k in by_kind})
    print(f"\n{name}")
    header = f"  {'label':<14}{'pairs':>7}{'flagged':>9}{'no claim':>10}" + "".join(f"{k:>13}" for k in kinds_seen)
    print(header)
    for label in sorted(totals):
        total = totals[label]
        cells = "".join(f"{by_kind[label, k] / total:>13.3f}" for k in kinds_seen)
        print(f"  {label:<14}{total:>7}{flagged[label] / total:>9.3f}{fallback[label] / total:>10.3f}{cells}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("train", "dev"), default="train")
    args = parser.parse_args(argv)
    root = _datasets()
    if not root.is_dir():
        print(f"contradiction_report: no datasets at {root} (set FACTCHECK_DATASETS); nothing to report.")
        return 0
    print(f"split: {args.split}; shares of pairs; 'no claim': a side without any extracted claim, taken whole")
    for name, language, reader in SETS:
        try:
            report(name, language, reader(root, args.split))
        except FileNotFoundError as error:
            print(f"\n{name}: missing ({error.filename})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
