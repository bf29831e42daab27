"""What the detail views draw: the claim inside its article, slots, the disagreeing values."""

from __future__ import annotations

from rich.text import Text

from tui.bidi import display_line
from tui.widgets.marking import CLAIM_STYLE, VALUE_STYLE, article_excerpt, mark_values, slot_lines

BODY = "First paragraph.\n\nSecond one: عُقد في 9 مارس الماضي اجتماع وزاري في الأردن.\n\nThird.\n\nFourth."


def styled(text: Text, style: str) -> str:
    return "".join(text.plain[s.start : s.end] for s in text.spans if str(s.style) == style)


def test_excerpt_marks_exactly_the_claim_with_a_paragraph_either_side() -> None:
    claim = "عُقد في 9 مارس الماضي اجتماع وزاري في الأردن"
    start = BODY.index(claim)
    excerpt, offset = article_excerpt(BODY, start, start + len(claim))
    assert styled(excerpt, CLAIM_STYLE) == claim
    assert excerpt.plain.startswith("First paragraph.") and excerpt.plain.endswith("Third.")
    assert "Fourth" not in excerpt.plain and offset == 0


def test_control_characters_become_spaces_so_offsets_still_hold() -> None:
    body = "a\x1b[31mb\x07 claim here"
    start = body.index("claim")
    excerpt, _ = article_excerpt(body, start, start + 5)
    assert "\x1b" not in excerpt.plain and "\x07" not in excerpt.plain
    assert styled(excerpt, CLAIM_STYLE) == "claim"


def test_the_slot_carrying_the_value_is_marked() -> None:
    text = "عُقد في 9 مارس الماضي اجتماع وزاري"
    surface = "9 مارس الماضي"
    claim_start = 100
    slots = {
        "dates": [
            {
                "surface": surface,
                "value": "2025-03-09",
                "precision": "day",
                "start": claim_start + text.index(surface),
                "end": claim_start + text.index(surface) + len(surface),
            }
        ]
    }
    assert styled(mark_values(text, slots, claim_start, "date", "2025-03-09"), VALUE_STYLE) == surface
    assert styled(mark_values(text, slots, claim_start, "date", "2025-03-10"), VALUE_STYLE) == ""
    assert styled(mark_values("bought 5 tanks", {}, 0, "number", 5.0), VALUE_STYLE) == "5"


def test_slot_lines_stay_readable_when_reordered() -> None:
    slots = {
        "dates": [{"surface": "9 مارس الماضي", "value": "2025-03-09", "precision": "day"}],
        "places": [{"surface": "الأردن", "country": "JO", "kind": "country"}],
        "numbers": [{"surface": "الخمس", "value": 5.0, "unit": "دول"}],
    }
    lines = slot_lines(slots).plain.split("\n")
    assert len(lines) == 3
    shown = [display_line(line) for line in lines]
    assert "2025-03-09 (day)" in shown[0] and shown[0].startswith("Dates")
    assert shown[1].startswith("Numbers      5 ·") and "JO country" in shown[2]
