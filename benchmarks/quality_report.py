"""Printing the quality figures, and issue 15's target table with pass/fail beside each figure."""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["print_saudi", "print_set", "print_targets", "print_tweets", "targets"]


def _f(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _seconds(seconds: dict[str, float]) -> str:
    total = sum(seconds.values())
    return f"{total:.1f} s (" + ", ".join(f"{name} {value:.1f}" for name, value in seconds.items()) + ")"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def print_set(result: dict[str, Any], *, sample: bool = True) -> None:
    print(
        f"\n== {result['name']}: {result['pairs']:,} pairs, {result['texts']:,} stored texts, "
        f"{result['claims']:,} claims; {_seconds(result['seconds'])}"
    )
    if result["pairs_not_imported"]:
        print(f"   ({result['pairs_not_imported']} pairs left out: a side failed to import)")
    print(f"   {'label':<14}{'pairs':>6}{'linked':>8}{'baseline':>10}{'flagged':>9}{'claims':>8}  flags by kind")
    for label in result["labels"]:
        e, b = result["engine"].get(label), result["baseline"].get(label)
        if e is None or b is None:
            continue
        kinds = ", ".join(f"{k} {n}" for k, n in e["flag_kinds"].items()) or "–"
        print(
            f"   {label:<14}{e['pairs']:>6}{e['linked']:>8.2f}{b['linked']:>10.2f}{e['flagged']:>9.2f}"
            f"{e['with_claims']:>8.2f}  {kinds}"
        )
    el, bl = result["engine_links"], result["baseline_links"]
    print(
        f"   text links: engine {el['links']:,}, {el['cross_story']:,} between different stories "
        f"({el['cross_share']:.2f} of them); baseline {bl['links']:,}, {bl['cross_story']:,} "
        f"({bl['cross_share']:.2f})"
    )
    auc = result["auc"]
    labels = "/".join(result["link_labels"])
    print(f"   pair-score ROC AUC ({labels} vs the rest): engine {_f(auc['engine'])}, baseline {_f(auc['baseline'])}")
    print("   (linked, flagged: share of pairs; claims: share with a claim on both sides; baseline: linked share of")
    print("    token_set_ratio >= 70 on normalised text; the baseline flags nothing)")
    if sample and result["cross_story_sample"]:
        print(f"   fixed-seed sample of {len(result['cross_story_sample'])} engine links between different stories:")
        for n, item in enumerate(result["cross_story_sample"], start=1):
            print(f"   {n:>3}. {item['score']:.2f}  {_one_line(item['a'])}")
            print(f"        ⇄  {_one_line(item['b'])}")


def print_tweets(result: dict[str, Any]) -> None:
    print(f"\n== {result['name']}: {result['tweets']:,} tweets, {result['claims']:,} claims; ", end="")
    print(_seconds(result["seconds"]))
    for label, figures in result["labels"].items():
        name = "claim" if label == "1" else "no claim"
        print(f"   label {label} ({name}): {figures['tweets']:>4} tweets, with at least one claim ", end="")
        print(f"{figures['with_claim']:.2f}")
    print(
        f"   ROC AUC of each tweet's highest check-worthiness (1 vs 0): engine {_f(result['auc'], 3)}; "
        f"baseline {_f(result['baseline_auc'], 3)} ({result['baseline']})"
    )


def print_saudi(result: dict[str, Any]) -> None:
    print(
        f"\n== SaudiNewsNet week: {result['articles']:,} articles stored of {result['articles_read']:,} read "
        f"({result['failed']} failed), {result['claims']:,} claims; {_seconds(result['seconds'])}"
    )
    part = "the whole week" if result.get("limit") is None else f"the first {result['limit']:,} articles"
    if result.get("skip"):
        part = f"{part.removeprefix('the first ')} after the first {result['skip']:,}"
    print(f"   {part}, sentence vectors at import {'on' if result.get('vectors', True) else 'off'}")
    print(f"   links {result['links']:,}: {result['links_per_claim']:.2f} per claim")
    kinds = ", ".join(f"{k} {v:.1f}" for k, v in result["flags_per_1000_by_kind"].items()) or "–"
    print(f"   flags {result['flags']:,}: {result['flags_per_1000_articles']:.1f} per 1,000 articles ({kinds})")
    for n, row in enumerate(result["link_sample"], start=1):
        print(f"   link {n:>2}. {row['score']}  [{row['outlet_a']} {row['date_a']}] {row['claim_a']}")
        print(f"             ⇄  [{row['outlet_b']} {row['date_b']}] {row['claim_b']}")
    for n, row in enumerate(result["flag_sample"], start=1):
        print(f"   flag {n:>2}. {row['kind']}: {row['value_a']} ≠ {row['value_b']}")
        print(f"             [{row['outlet_a']} {row['date_a']}] {row['claim_a']}")
        print(f"             [{row['outlet_b']} {row['date_b']}] {row['claim_b']}")
    print(f"   samples to judge (fill the judgement column with y/n): {', '.join(result['sample_files'])}")


def _row(name: str, value: float | None, target: str, ok: bool | None, digits: int = 2) -> dict[str, Any]:
    return {"target": name, "figure": value, "shown": _f(value, digits), "wanted": target, "pass": ok}


def _get(result: dict[str, Any], side: str, label: str, figure: str) -> float | None:
    stats = result[side].get(label)
    return None if stats is None else float(stats[figure])


def _le(value: float | None, limit: float) -> bool | None:
    return None if value is None else value <= limit


def _ge(value: float | None, limit: float) -> bool | None:
    return None if value is None else value >= limit


def _judged_row(name: str, judged: dict[str, dict[str, Any]], key: str, limit: float) -> dict[str, Any]:
    """A judged-precision target: from the ``--judged`` file whose name holds ``key``, else for a person."""
    found = [figures for path, figures in judged.items() if key in Path(path).name]
    if not found or found[0]["precision"] is None:
        return _row(name, None, f">= {limit:.2f} (judge the sample, then --judged FILE)", None)
    figures = found[0]
    wanted = f">= {limit:.2f} ({figures['right']} right, {figures['wrong']} wrong)"
    return _row(name, figures["precision"], wanted, figures["precision"] >= limit)


def targets(
    sets: dict[str, dict[str, Any]],
    tweets: dict[str, Any] | None,
    saudi: dict[str, Any] | None,
    judged: dict[str, dict[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """The targets of issue 15 beside today's figures; ``pass`` is None where a figure needs a person."""
    judged = judged or {}
    rows: list[dict[str, Any]] = []
    ans, arb = sets.get("ANS stance"), sets.get("ArbTEDS")
    if ans:
        for label in ("agree", "disagree"):
            value = _get(ans, "engine", label, "linked")
            rows.append(_row(f"ANS {label} linked", value, ">= 0.9", _ge(value, 0.90)))
        value = _get(ans, "engine", "agree", "flagged")
        rows.append(_row("ANS agree flagged", value, "<= 0.05", _le(value, 0.05)))
        value = _get(ans, "engine", "disagree", "flagged")
        rows.append(_row("ANS disagree flagged", value, ">= 0.5", _ge(value, 0.50)))
        value = _get(ans, "engine", "other", "linked")
        rows.append(_row("ANS other linked", value, "<= 0.10", _le(value, 0.10)))
        e, b = ans["engine_links"], ans["baseline_links"]
        recall_e = _related_recall(ans, "engine")
        recall_b = _related_recall(ans, "baseline")
        rows.append(
            _row(
                "ANS cross-story share of links",
                e["cross_share"],
                f"< baseline {b['cross_share']:.2f} at linked share of agree+disagree >= baseline "
                f"(engine {recall_e:.2f}, baseline {recall_b:.2f})",
                e["cross_share"] < b["cross_share"] and recall_e >= recall_b,
            )
        )
    if arb:
        value = _get(arb, "engine", "1", "linked")
        rows.append(_row("ArbTEDS 1 linked", value, ">= 0.85", _ge(value, 0.85)))
        value = _get(arb, "engine", "0", "linked")
        rows.append(_row("ArbTEDS 0 linked", value, "<= 0.30", _le(value, 0.30)))
        value = arb["auc"]["engine"]
        rows.append(_row("ArbTEDS pair-score ROC AUC", value, ">= 0.90", _ge(value, 0.90)))
    flagged = {}
    for name in ("Arabic SICK", "English SICK"):
        sick = sets.get(name)
        if not sick:
            continue
        flagged[name] = _get(sick, "engine", "contradiction", "flagged")
        rows.append(_row(f"{name} contradiction flagged", flagged[name], ">= 0.60", _ge(flagged[name], 0.60)))
        value = _get(sick, "engine", "entailment", "linked")
        rows.append(_row(f"{name} entailment linked", value, ">= 0.80", _ge(value, 0.80)))
        value = _get(sick, "engine", "entailment", "flagged")
        rows.append(_row(f"{name} entailment flagged", value, "<= 0.05", _le(value, 0.05)))
    if len(flagged) == 2 and None not in flagged.values():
        gap = abs(float(flagged["Arabic SICK"] or 0) - float(flagged["English SICK"] or 0))
        rows.append(_row("SICK contradiction flagged, |Arabic - English|", gap, "<= 0.10", gap <= 0.10))
    if tweets:
        auc, base = tweets["auc"], tweets["baseline_auc"]
        wanted = ">= 0.90 and above the TF-IDF baseline" + (f" ({base:.3f})" if base is not None else " (not run)")
        ok = None if auc is None else auc >= 0.90 and (base is None or auc > base)
        rows.append(_row("CheckThat best check-worthiness ROC AUC", auc, wanted, ok, 3))
        value = tweets["labels"]["1"]["with_claim"]
        rows.append(_row("CheckThat 1 tweets with a claim", value, ">= 0.95", _ge(value, 0.95)))
    for name, result in sets.items():
        for label in result["link_labels"]:
            e, b = _get(result, "engine", label, "linked"), _get(result, "baseline", label, "linked")
            if e is not None and b is not None:
                rows.append(_row(f"{name} {label} linked vs baseline", e, f">= baseline {b:.2f}", e >= b))
    if saudi:
        rate = saudi["flags_per_1000_articles"]
        rows.append(_row("SaudiNewsNet flags per 1,000 articles", rate, "<= 20", rate <= 20, 1))
    for name, key, limit, ran in (
        ("ANS cross-story links, judged precision", "ans_cross_story", 0.90, ans is not None),
        ("SaudiNewsNet link precision (judged sample)", "sample_links", 0.90, saudi is not None),
        ("SaudiNewsNet flag precision (judged sample)", "sample_flags", 0.60, saudi is not None),
    ):
        if ran or any(key in Path(path).name for path in judged):
            rows.append(_judged_row(name, judged, key, limit))
    return rows


def _related_recall(result: dict[str, Any], side: str) -> float:
    """Linked share over all pairs of the labels that should be linked."""
    pairs = linked = 0.0
    for label in result["link_labels"]:
        stats = result[side].get(label)
        if stats:
            pairs += stats["pairs"]
            linked += stats["linked"] * stats["pairs"]
    return linked / pairs if pairs else 0.0


def print_targets(rows: list[dict[str, Any]]) -> None:
    print("\n== Targets (issue 15, on the split above)")
    width = max(len(r["target"]) for r in rows) + 2
    for r in rows:
        verdict = {True: "pass", False: "FAIL", None: "needs a person"}[r["pass"]]
        print(f"   {r['target']:<{width}}{r['shown']:>7}  {verdict:<15} wanted {r['wanted']}")
    passed = sum(1 for r in rows if r["pass"] is True)
    checked = sum(1 for r in rows if r["pass"] is not None)
    print(f"   {passed} of {checked} measurable targets pass")
