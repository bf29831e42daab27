"""Matching, contradiction and claim-finding quality on real labelled news pairs, beside a plain baseline.

Drives the real pipeline — ``factcheck import`` in-process: read → extract → store → match → flag —
over the development splits in ``../shared/datasets`` (or ``FACTCHECK_DATASETS``): ANS stance,
ArbTEDS, Arabic SICK, English SICK (each side of a pair its own article from its own outlet, one
publication date, one temporary SQLite file per set) and CheckThat! 2022 Arabic tweets. For every set
it prints per label the share of pairs linked, flagged (and by kind) and with a claim on both sides;
links between texts of different stories; and in the same run the plain baseline
(``rapidfuzz.fuzz.token_set_ratio >= 70`` on normalised text) on the same pairs and pool. CheckThat!
gets the share of tweets with a claim per label and the ROC AUC of each tweet's best check-worthiness,
beside a TF-IDF character n-gram logistic regression trained on the train split. Then issue 15's
targets with pass/fail. ``--saudi`` imports the SaudiNewsNet week and writes samples to judge.

    python benchmarks/quality_bench.py [--split dev|train] [--json PATH] [--saudi [--saudi-limit N] [--saudi-skip N]]
                                       [--saudi-no-vectors] [--judged FILE ...] [--rematch] [--seed 15] [--no-sample]
                                       [--checkthat-only]

Reading the figures: see the README's "Quality" section. Never tune anything to these numbers by hand.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quality_data import datasets_dir, load_checkthat, load_pair_sets, missing_files
from quality_report import print_saudi, print_set, print_targets, print_tweets, targets
from quality_saudi import cell as _cell
from quality_saudi import judged_precision, run_saudi, write_samples
from quality_sets import evaluate_pairs, evaluate_tweets

HERE = Path(__file__).resolve().parent
SAUDI_FILE = Path("saudinewsnet") / "saudinewsnet_2015-07-21_27.jsonl.gz"
ANS_COLUMNS = ["link", "score", "text_a", "text_b", "judgement"]
TIME_BUDGET = 180.0  # seconds for the whole dev run on the 2-core machine (issue 15)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=["dev", "train"], default="dev", help="which split to score (default dev)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="write every figure as JSON to PATH")
    parser.add_argument("--saudi", action="store_true", help="also import the SaudiNewsNet week and sample it")
    parser.add_argument("--saudi-limit", type=int, metavar="N", help="only the week's first N articles")
    parser.add_argument(
        "--saudi-skip", type=int, default=0, metavar="N", help="start after the week's first N articles (another day)"
    )
    parser.add_argument("--saudi-only", action="store_true", help="skip the labelled sets (implies --saudi)")
    parser.add_argument(
        "--saudi-no-vectors", action="store_true", help="import the week without sentence vectors (hours faster)"
    )
    parser.add_argument(
        "--sample-dir", type=Path, default=HERE, help="where the SaudiNewsNet samples to judge go (default benchmarks/)"
    )
    parser.add_argument("--judged", type=Path, action="append", metavar="FILE", help="print precision of a judged TSV")
    parser.add_argument("--rematch", action="store_true", help="run `factcheck match --all` after each import too")
    parser.add_argument("--seed", type=int, default=15, help="seed of every sample (default 15)")
    parser.add_argument("--no-sample", action="store_true", help="do not print the sampled links")
    parser.add_argument(
        "--checkthat-only", action="store_true", help="of the labelled sets, only the CheckThat! tweets"
    )
    return parser


def _judged(paths: list[Path]) -> dict[str, Any]:
    out = {}
    for path in paths:
        if not path.is_file():
            raise SystemExit(f"quality_bench: no such file: {path}")
        figures = judged_precision(path)
        out[str(path)] = figures
        shown = "–" if figures["precision"] is None else f"{figures['precision']:.2f}"
        extra = f"; unreadable marks {figures['unreadable']}" if figures["unreadable"] else ""
        print(
            f"{path}: precision {shown} ({figures['right']} right, {figures['wrong']} wrong, "
            f"{figures['unjudged']} not judged of {figures['rows']}){extra}"
        )
    return out


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    report: dict[str, Any] = {"split": args.split, "seed": args.seed, "rematch": args.rematch}
    if args.judged:
        report["judged"] = _judged(args.judged)
        if not (args.saudi or args.saudi_only):
            print_targets(targets({}, None, None, report["judged"]))
            return _finish(report, args.json)
    root = datasets_dir()
    if not root.is_dir():
        print(f"quality_bench: no datasets at {root} (set FACTCHECK_DATASETS to their folder); nothing measured")
        return 0
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="factcheck-quality-") as tmp:
        workdir = Path(tmp)
        if not args.saudi_only:
            missing = missing_files(root, args.split)
            if missing:
                print(f"quality_bench: missing in {root}: {', '.join(str(p) for p in missing)}; nothing measured")
                return 0
            _labelled(report, root, workdir, args)
            elapsed = time.perf_counter() - started
            report["seconds_labelled"] = elapsed
            if args.split == "dev":
                verdict = "ok" if elapsed <= TIME_BUDGET else "OVER BUDGET"
                print(f"\nlabelled sets (dev): {elapsed:.0f} s (budget {TIME_BUDGET:.0f} s) {verdict}")
            else:
                print(f"\nlabelled sets ({args.split}): {elapsed:.0f} s (the time budget is for dev)")
        if args.saudi or args.saudi_only:
            source = root / SAUDI_FILE
            if not source.is_file():
                print(f"quality_bench: no SaudiNewsNet week at {source}; skipped")
            else:
                args.sample_dir.mkdir(parents=True, exist_ok=True)
                saudi = run_saudi(
                    source, workdir, limit=args.saudi_limit, seed=args.seed, sample_dir=args.sample_dir,
                    rematch=args.rematch, vectors=not args.saudi_no_vectors, skip=args.saudi_skip,
                )  # fmt: skip
                report["saudi"] = saudi
                print_saudi(saudi)
    rows = targets(report.get("sets", {}), report.get("checkthat"), report.get("saudi"), report.get("judged"))
    if rows:
        report["targets"] = rows
        print_targets(rows)
    return _finish(report, args.json)


def _labelled(report: dict[str, Any], root: Path, workdir: Path, args: argparse.Namespace) -> None:
    sets: dict[str, Any] = {}
    for pair_set in [] if args.checkthat_only else load_pair_sets(root, args.split):
        result = evaluate_pairs(pair_set, workdir, seed=args.seed, rematch=args.rematch)
        sets[pair_set.name] = result
        print_set(result, sample=not args.no_sample and pair_set.name == "ANS stance")
        if pair_set.name == "ANS stance" and args.split == "dev":
            args.sample_dir.mkdir(parents=True, exist_ok=True)
            rows = [
                {"link": str(n), "score": f"{item['score']:.3f}", "text_a": _cell(item["a"]),
                 "text_b": _cell(item["b"]), "judgement": ""}
                for n, item in enumerate(result["cross_story_sample"], start=1)
            ]  # fmt: skip
            path = write_samples(rows, ANS_COLUMNS, args.sample_dir / "judged_sample_ans_cross_story.tsv")
            print(f"   the sample to judge (same story? y/n): {path}")
    report["sets"] = sets
    tweets = load_checkthat(root, args.split)
    train = tweets if args.split == "train" else load_checkthat(root, "train")
    report["checkthat"] = evaluate_tweets(tweets, train, workdir, seed=args.seed, same_split=args.split == "train")
    print_tweets(report["checkthat"])


def _finish(report: dict[str, Any], path: Path | None) -> int:
    if path is not None:
        path.write_text(json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True, default=str) + "\n")
        print(f"figures written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
