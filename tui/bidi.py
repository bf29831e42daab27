"""Arabic for terminals that draw characters in logical order (xterm, tmux, most emulators).

Display only: stored text is never touched. Each line is wrapped FIRST and then reshaped
(``arabic_reshaper.reshape``: joined letter forms, lam-alef ligatures) and reordered (``bidi``:
visual order), otherwise the first screen line would show the end of the sentence. Terminals that
reorder by themselves (VTE, Konsole, Apple Terminal) must not get reordered text twice, hence the
``auto`` setting.

``display_line`` is the plain-string form (exactly ``get_display(reshape(line))``); ``display_text``
does the same to a styled ``rich.text.Text`` line and keeps each character's style, so a highlighted
claim stays highlighted after reordering. It runs the pure-Python reference implementation of the
Unicode bidi algorithm shipped with python-bidi to learn where each character goes.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any, Literal

import arabic_reshaper
from bidi import algorithm as _bidi_algorithm
from bidi import get_display
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from factcheck.errors import InvalidValueError
from factcheck.text import strip_control

__all__ = [
    "BIDI_SETTINGS",
    "BidiParagraph",
    "BidiSetting",
    "display_line",
    "display_text",
    "fit_line",
    "has_rtl",
    "parse_setting",
    "resolve_bidi",
    "terminal_reorders",
]

BidiSetting = Literal["auto", "on", "off"]
BIDI_SETTINGS: tuple[BidiSetting, ...] = ("auto", "on", "off")

# Hebrew, Arabic, Syriac, Thaana, NKo ... and the Arabic presentation forms.
_RTL_RE = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def parse_setting(value: str) -> BidiSetting:
    """The setting named by ``value``, or an error listing the valid ones."""
    for setting in BIDI_SETTINGS:
        if value.strip().lower() == setting:
            return setting
    raise InvalidValueError(f"bidi setting {value!r} is not one of: {', '.join(BIDI_SETTINGS)}")


def terminal_reorders(env: Mapping[str, str] | None = None) -> bool:
    """True for terminals known to apply the bidi algorithm themselves."""
    env = os.environ if env is None else env
    return bool(env.get("VTE_VERSION") or env.get("KONSOLE_VERSION") or env.get("TERM_PROGRAM") == "Apple_Terminal")


def resolve_bidi(setting: BidiSetting, env: Mapping[str, str] | None = None) -> bool:
    """Whether the app should reshape and reorder: ``auto`` is on unless the terminal does it."""
    if setting == "on":
        return True
    if setting == "off":
        return False
    return not terminal_reorders(env)


def has_rtl(text: str) -> bool:
    return _RTL_RE.search(text) is not None


def is_rtl_paragraph(text: str) -> bool:
    """The paragraph direction of the Unicode algorithm (P2/P3): the first strong character decides."""
    return has_rtl(text) and _bidi_algorithm.get_base_level(text) == 1


def display_line(line: str, *, rtl: bool | None = None) -> str:
    """One already wrapped line in visual order with joined letters (plain text)."""
    if not has_rtl(line):
        return line
    return _display_cached(line, None if rtl is None else ("R" if rtl else "L"))


@lru_cache(maxsize=8192)
def _display_cached(line: str, base_dir: str | None) -> str:
    """Reshaping is pure Python and a table page repeats when paging back and forth: keep results."""
    return str(get_display(arabic_reshaper.reshape(line), base_dir=base_dir))


def _visual_order(text: str, rtl: bool | None) -> list[tuple[str, int]]:
    """Each character of ``text`` in visual order, with its logical index (mirrored if needed)."""
    algo: Any = _bidi_algorithm
    storage = algo.get_empty_storage()
    base_level = (1 if rtl else 0) if rtl is not None else algo.get_base_level(text)
    storage["base_level"] = base_level
    storage["base_dir"] = ("L", "R")[base_level]
    algo.get_embedding_levels(text, storage, False, False)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    algo.explicit_embed_and_overrides(storage, False)
    algo.resolve_weak_types(storage, False)
    algo.resolve_neutral_types(storage, False)
    algo.resolve_implicit_levels(storage, False)
    algo.reorder_resolved_levels(storage, False)
    algo.apply_mirroring(storage, False)
    return [(char["ch"], char["index"]) for char in storage["chars"]]


def _reshape_runs(line: Text) -> Text:
    """Reshape each run of one style on its own, so the styles keep their character counts."""
    out = Text(style=line.style, end="")
    offsets = sorted({0, len(line.plain)} | {s.start for s in line.spans} | {s.end for s in line.spans})
    for part in line.divide(offsets[1:-1]):
        if not part.plain:
            continue
        reshaped = arabic_reshaper.reshape(part.plain) if has_rtl(part.plain) else part.plain
        piece = Text(reshaped, end="")
        for span in part.spans:
            piece.stylize(span.style, 0, len(reshaped))
        out.append_text(piece)
    return out


def display_text(line: Text, *, rtl: bool | None = None) -> Text:
    """``display_line`` for a styled one-line ``Text``: same characters, styles kept per character."""
    if not has_rtl(line.plain):
        return line
    shaped = _reshape_runs(line)
    styles: list[list[Any]] = [[] for _ in shaped.plain]
    for span in shaped.spans:
        for index in range(span.start, min(span.end, len(styles))):
            styles[index].append(span.style)
    out = Text(style=line.style, justify=line.justify, end=line.end, no_wrap=True)
    order = _visual_order(shaped.plain, rtl)
    # The Rust implementation resolves bracket pairs (rule N0); take its characters, our positions.
    reference = str(get_display(shaped.plain, base_dir=None if rtl is None else ("R" if rtl else "L")))
    if len(reference) == len(order):
        order = [(char, index) for char, (_, index) in zip(reference, order, strict=True)]
    for char, index in order:
        chain = [Style.parse(s) if isinstance(s, str) else s for s in styles[index]]
        out.append(char, Style.chain(*chain) if chain else None)
    return out


def fit_line(text: str, width: int, *, bidi: bool) -> Text:
    """One table cell: control characters gone, cut to ``width`` cells (logical start kept), reordered."""
    clean = " ".join(strip_control(text).split())
    line = Text(clean, no_wrap=True, end="")
    if cell_len(clean) > width:
        line.truncate(max(width, 1), overflow="ellipsis")
    if bidi and has_rtl(line.plain):  # one style: the fast plain form is enough
        return Text(display_line(line.plain), no_wrap=True, end="")
    return line


class BidiParagraph:
    """A Rich renderable: wraps at the width it is given, then reshapes/reorders each line.

    Right-to-left paragraphs are right-aligned when reordering is on; with it off the text is left in
    logical order for a terminal that applies the algorithm itself.
    """

    def __init__(self, text: Text | str, *, bidi: bool) -> None:
        if isinstance(text, str):
            text = Text(strip_control(text))
        self.text = text
        self.bidi = bidi

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.text)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(options.max_width, 1)
        new_line = Segment.line()
        for paragraph in self.text.split("\n", allow_blank=True):
            rtl = is_rtl_paragraph(paragraph.plain)
            for line in self._wrap(console, paragraph, width):
                line.rstrip()
                if self.bidi and rtl:
                    line = display_text(line, rtl=True)
                    pad = width - line.cell_len
                    if pad > 0:
                        yield Segment(" " * pad)
                elif self.bidi:
                    line = display_text(line, rtl=False)
                yield from line.render(console)
                yield new_line

    @staticmethod
    def _wrap(console: Console, paragraph: Text, width: int) -> Iterable[Text]:
        if not paragraph.plain:
            return [Text("")]
        return list(paragraph.wrap(console, width, justify="left", overflow="fold", no_wrap=False))
