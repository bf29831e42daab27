"""The labelled sets of ``../shared/datasets`` (or ``FACTCHECK_DATASETS``) as plain pairs and tweets.

Only the benchmark reads these files; they are never copied into the repository (licences in the
datasets' README). Each set says which labels are "related" (the two texts tell one story: used for
story grouping), which should be linked, and its language.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["PairSet", "Tweets", "datasets_dir", "load_ans", "load_checkthat", "load_pair_sets", "missing_files"]

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, slots=True)
class PairSet:
    name: str
    language: str
    pairs: list[tuple[str, str, str]]  # (text a, text b, label)
    labels: tuple[str, ...]  # in display order
    related: frozenset[str]  # labels whose two texts report one story
    link: frozenset[str]  # labels the product should link


@dataclass(frozen=True, slots=True)
class Tweets:
    name: str
    language: str
    rows: list[tuple[str, str]]  # (tweet text, label "1" claim / "0" no claim)


def datasets_dir() -> Path:
    """``FACTCHECK_DATASETS``, else ``../shared/datasets`` beside the repository."""
    env = os.environ.get("FACTCHECK_DATASETS")
    return Path(env) if env else ROOT.parent / "shared" / "datasets"


def _csv(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


def load_ans(root: Path, split: str) -> PairSet:
    """ANS stance: an Arabic headline and an annotator's rewrite (paraphrase, corruption or other story)."""
    ans = _csv(root / "ans" / f"stance_{split}.csv")
    return PairSet(
        "ANS stance",
        "ar",
        [(r["s1"], r["s2"], r["stance"]) for r in ans],
        ("agree", "disagree", "other"),
        frozenset({"agree", "disagree"}),
        frozenset({"agree", "disagree"}),
    )


def load_pair_sets(root: Path, split: str) -> list[PairSet]:
    """ANS stance, ArbTEDS, Arabic SICK and English SICK for ``split`` (``dev`` or ``train``)."""
    arbteds = _csv(root / "arabic_nli" / f"arbteds_{split}.csv")
    arsick = _csv(root / "arabic_nli" / f"arsick_{split}.csv")
    sick_names = {"0": "neutral", "1": "entailment", "2": "contradiction"}
    with (root / "sick_en" / f"sick_{split}.txt").open(encoding="utf-8") as handle:
        sick_rows = [line.rstrip("\n").split("\t") for line in handle if line.strip()]
    return [
        load_ans(root, split),
        PairSet(
            "ArbTEDS",
            "ar",
            [(r["t"], r["h"], r["label"]) for r in arbteds],
            ("1", "0"),
            frozenset({"1"}),
            frozenset({"1"}),
        ),
        PairSet(
            "Arabic SICK",
            "ar",
            [(r["t"], r["h"], sick_names[r["label"]]) for r in arsick],
            ("entailment", "contradiction", "neutral"),
            frozenset({"entailment", "contradiction"}),
            frozenset({"entailment"}),
        ),
        PairSet(
            "English SICK",
            "en",
            [(r[1], r[2], r[4].lower()) for r in sick_rows if len(r) >= 5 and r[4] != "entailment_judgment"],
            ("entailment", "contradiction", "neutral"),
            frozenset({"entailment", "contradiction"}),
            frozenset({"entailment"}),
        ),
    ]


def load_checkthat(root: Path, split: str) -> Tweets:
    rows = _csv(root / "checkthat2022_ar" / f"claim_{split}.tsv", delimiter="\t")
    return Tweets("CheckThat 2022 Arabic", "ar", [(r["tweet_text"], r["class_label"]) for r in rows])


def missing_files(root: Path, split: str) -> list[Path]:
    """The files a run over ``split`` needs that are not there."""
    wanted = [
        root / "ans" / f"stance_{split}.csv",
        root / "arabic_nli" / f"arbteds_{split}.csv",
        root / "arabic_nli" / f"arsick_{split}.csv",
        root / "sick_en" / f"sick_{split}.txt",
        root / "checkthat2022_ar" / f"claim_{split}.tsv",
    ]
    return [path for path in wanted if not path.is_file()]
