"""Filler article text shared by the benchmarks: mixed Arabic and English words, one numbered
sentence per claim, so every generated article and claim is distinct."""

from __future__ import annotations

import random

__all__ = ["WORDS", "filler_sentences"]

WORDS = [
    "وزير", "الدفاع", "اجتماع", "تركيا", "سوريا", "الأردن", "مركز", "عمليات", "مشترك",
    "the", "minister", "met", "in", "Ankara", "talks",
]  # fmt: skip


def filler_sentences(rng: random.Random, tag: int, count: int) -> list[str]:
    return [" ".join(rng.choices(WORDS, k=14)) + f" {tag}-{k}." for k in range(count)]
