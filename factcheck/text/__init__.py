"""Text handling shared by extraction, matching and display: normalisation, language, safety."""

from factcheck.text.language import detect_language
from factcheck.text.normalize import fold_digits, match_key, normalize_for_matching, strip_harakat
from factcheck.text.safety import escape_markup, neutralize_csv_cell, strip_control

__all__ = [
    "detect_language",
    "escape_markup",
    "fold_digits",
    "match_key",
    "neutralize_csv_cell",
    "normalize_for_matching",
    "strip_control",
    "strip_harakat",
]
