"""Language routing by script: counting Arabic against Latin letters is enough for ar/en."""

from __future__ import annotations

__all__ = ["detect_language"]


def detect_language(text: str, *, sample: int = 4000) -> str:
    """Return "ar" or "en" from the letters in the first ``sample`` characters ("und" without letters)."""
    arabic = latin = 0
    for ch in text[:sample]:
        if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufeff":
            arabic += 1
        elif ch.isascii() and ch.isalpha():
            latin += 1
    if arabic == 0 and latin == 0:
        return "und"
    return "ar" if arabic >= latin else "en"
