"""Display-only Arabic: the setting, reshaping and reordering per wrapped line, styles kept, no markup."""

from __future__ import annotations

from pathlib import Path

import arabic_reshaper
import pytest
from bidi import get_display
from rich.console import Console
from rich.text import Text

from factcheck.errors import InvalidValueError
from tui.bidi import (
    BidiParagraph,
    display_line,
    display_text,
    fit_line,
    has_rtl,
    parse_setting,
    resolve_bidi,
    terminal_reorders,
)

SENTENCE = "عُقد في 9 مارس الماضي اجتماع وزاري في الأردن ضم تركيا والعراق وسوريا ولبنان والأردن"


def render(renderable: object, width: int) -> list[str]:
    console = Console(width=width, color_system=None, force_terminal=False, record=True)
    console.print(renderable)
    return console.export_text().rstrip("\n").split("\n")


def test_setting_is_parsed_and_bad_values_list_the_good_ones() -> None:
    assert parse_setting(" ON ") == "on"
    with pytest.raises(InvalidValueError, match="auto, on, off"):
        parse_setting("sometimes")


@pytest.mark.parametrize(
    ("env", "reorders"),
    [
        ({"VTE_VERSION": "7600"}, True),
        ({"KONSOLE_VERSION": "230805"}, True),
        ({"TERM_PROGRAM": "Apple_Terminal"}, True),
        ({"TERM_PROGRAM": "iTerm.app", "TERM": "xterm-256color"}, False),
        ({"TMUX": "/tmp/tmux-1000/default,1,0"}, False),
    ],
)
def test_auto_is_off_only_where_the_terminal_reorders_itself(env: dict[str, str], reorders: bool) -> None:
    assert terminal_reorders(env) is reorders
    assert resolve_bidi("auto", env) is not reorders
    assert resolve_bidi("on", env) is True
    assert resolve_bidi("off", env) is False


def test_display_line_is_reshape_then_get_display_and_leaves_latin_alone() -> None:
    assert display_line(SENTENCE) == get_display(arabic_reshaper.reshape(SENTENCE))
    assert display_line(SENTENCE) != SENTENCE
    assert display_line("Abu Qasra visited Ankara") == "Abu Qasra visited Ankara"
    assert has_rtl(SENTENCE) and not has_rtl("Ankara 13")


def test_styled_reordering_matches_the_plain_form_on_every_corpus_line(corpus_dir: Path) -> None:
    checked = 0
    for path in sorted(corpus_dir.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for chunk in (line[i : i + 60] for i in range(0, len(line), 60)):
                if has_rtl(chunk):
                    assert display_text(Text(chunk)).plain == display_line(chunk)
                    checked += 1
    assert checked > 50


def test_a_highlight_stays_on_the_same_letters_after_reordering() -> None:
    line = Text(SENTENCE)
    start = SENTENCE.index("9 مارس")
    line.stylize("reverse", start, start + len("9 مارس"))
    shown = display_text(line)
    marked = "".join(ch for i, ch in enumerate(shown.plain) if any(s.start <= i < s.end for s in shown.spans))
    assert marked == get_display(arabic_reshaper.reshape("9 مارس"))


def test_paragraph_wraps_first_then_reorders_and_right_aligns() -> None:
    lines = render(BidiParagraph(Text(SENTENCE), bidi=True), 30)
    assert len(lines) > 2
    # The first screen line holds the first words (the start of the sentence sits at its right end).
    assert lines[0].rstrip().endswith(display_line("عُقد"))
    assert all(len(line) <= 30 for line in lines)
    assert lines[-1].startswith(" ")  # right-aligned: the short last line is padded on the left
    logical = render(BidiParagraph(Text(SENTENCE), bidi=False), 30)
    assert logical[0].startswith("عُقد")


def test_markup_and_escape_sequences_in_article_text_are_shown_as_data() -> None:
    hostile = "[bold red]not markup[/] \x1b[31mred\x1b[0m \x07 الأردن"
    out = "\n".join(render(BidiParagraph(hostile, bidi=True), 60))
    assert "[bold red]not markup[/]" in out
    assert "\x1b" not in out and "\x07" not in out


def test_fit_line_cuts_at_the_logical_start_and_fits_the_width() -> None:
    cell = fit_line(SENTENCE, 20, bidi=True)
    assert cell.cell_len <= 20
    assert display_line("عُقد") in cell.plain  # the first word survives the cut
    assert fit_line("a\x1b[2Jb", 10, bidi=False).plain == "ab"
