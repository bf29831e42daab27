"""Styled text for the detail views: a claim inside its article, slots, disagreeing values marked.

Everything starts from stored text run through ``strip_control`` and is built as ``rich.text.Text``,
never as markup, so brackets or escape sequences in an article are shown as they are.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.text import Text

from factcheck.text import strip_control

__all__ = ["CLAIM_STYLE", "VALUE_STYLE", "article_excerpt", "mark_values", "slot_lines", "value_label"]

CLAIM_STYLE = "bold reverse"
VALUE_STYLE = "bold black on yellow"


def _clean(text: str) -> str:
    """Control characters out; length kept (each one becomes a space) so span offsets still hold."""
    return "".join(ch if ch in "\n\t" or strip_control(ch) else " " for ch in text)


def article_excerpt(body: str, start: int, end: int, *, context: int = 1) -> tuple[Text, int]:
    """The paragraphs around ``[start, end)`` with the claim highlighted, and the excerpt's offset."""
    paragraphs: list[tuple[int, int]] = []
    pos = 0
    for block in body.split("\n\n"):
        paragraphs.append((pos, pos + len(block)))
        pos += len(block) + 2
    first = next((i for i, (a, b) in enumerate(paragraphs) if b >= start), 0)
    last = next((i for i, (a, b) in enumerate(paragraphs) if b >= end), len(paragraphs) - 1)
    lo = paragraphs[max(first - context, 0)][0]
    hi = paragraphs[min(last + context, len(paragraphs) - 1)][1]
    excerpt = Text(_clean(body[lo:hi]))
    excerpt.stylize(CLAIM_STYLE, max(start - lo, 0), max(end - lo, 0))
    return excerpt, lo


def value_label(value: Any) -> str:
    """A contradiction value as a reader wants it: lists joined, floats without a useless .0."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list | tuple):
        return ", ".join(value_label(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {value_label(v)}" for k, v in value.items())
    return "—" if value is None else str(value)


_KIND_SLOTS = {"date": ("dates",), "number": ("numbers",), "place": ("places",), "participants": ("places",)}


def _slot_matches(slot: dict[str, Any], value: Any) -> bool:
    wanted = {value_label(v) for v in (value if isinstance(value, list | tuple) else [value])}
    found = {value_label(slot.get(key)) for key in ("value", "country", "name", "key")}
    return bool(wanted & found)


def mark_values(text: str, slots: dict[str, Any], claim_start: int, kind: str, value: Any) -> Text:
    """The claim text with the slot(s) carrying ``value`` marked; falls back to the value's surface."""
    out = Text(_clean(text))
    marked = False
    for group in _KIND_SLOTS.get(kind, ()):
        for slot in slots.get(group, []) or []:
            if not isinstance(slot, dict) or not _slot_matches(slot, value):
                continue
            a, b = int(slot.get("start", 0)) - claim_start, int(slot.get("end", 0)) - claim_start
            if 0 <= a < b <= len(text):
                out.stylize(VALUE_STYLE, a, b)
                marked = True
    if not marked and value is not None and kind != "negation":
        for label in {value_label(value)} if not isinstance(value, list) else {value_label(v) for v in value}:
            if label and label in text:
                i = text.index(label)
                out.stylize(VALUE_STYLE, i, i + len(label))
    if kind == "negation":
        for cue in ("لم ", "لا ", "ليس", "not ", "no ", "never "):
            i = text.find(cue)
            if i >= 0:
                out.stylize(VALUE_STYLE, i, i + len(cue.strip()))
    return out


def slot_lines(slots: dict[str, Any]) -> Text:
    """One line per slot: canonical value first, the text's own words last.

    Arabic goes at the end of each line on purpose: digits that follow Arabic letters join its
    right-to-left run when the line is reordered, which would scramble "→ 2025-03-09".
    """
    out = Text()

    def group(label: str, items: Iterable[str]) -> None:
        for index, body in enumerate(items):
            if out.plain:
                out.append("\n")
            out.append(f"{label if index == 0 else '':<13}", style="bold")
            out.append(_clean(body))

    group(
        "Dates",
        (
            f"{d.get('value') or 'unresolved'} ({d.get('precision', '?')}) · {d.get('surface', '')}"
            for d in slots.get("dates", [])
        ),
    )
    group(
        "Numbers",
        (
            f"{value_label(n.get('value'))} · {n.get('surface', '')}" + (f" · {n['unit']}" if n.get("unit") else "")
            for n in slots.get("numbers", [])
        ),
    )
    group(
        "Places",
        (f"{p.get('country') or '?'} {p.get('kind', '?')} · {p.get('surface', '')}" for p in slots.get("places", [])),
    )
    group(
        "Actors",
        (f"{a.get('kind', '?')} [{a.get('key', '')}] · {a.get('surface', '')}" for a in slots.get("actors", [])),
    )
    participants = [str(p) for p in slots.get("participants", []) or []]
    if participants:
        group("Participants", [", ".join(participants)])
    attribution = slots.get("attribution")
    if isinstance(attribution, dict):
        group("Attribution", [f"cue {attribution.get('cue', '')} · {attribution.get('speaker') or '?'}"])
    if not out.plain:
        out.append("No slots were found in this claim.", style="dim")
    return out
