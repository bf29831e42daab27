"""Article body into sentence spans: blocks, hard-wrapped lines, headings, list items, boilerplate.

Nothing here copies or rewrites the body: every span is a pair of offsets into it, so hard-wrapped
sentences (004_… breaks lines mid-sentence) stay one span that crosses newlines.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from factcheck.extraction.lexicon import FUNCTION_WORDS, fold, words

__all__ = ["Sentence", "split_sentences"]

MAX_SENTENCE = 600  # characters; longer runs are cut at commas, then at spaces (1 MB without a stop)
HARD_CUT = 400

_ITEM_RE = re.compile(r"[ \t]*(?:\d{1,3}[.)]|[•●▪◦·*\-–])[ \t]+")
# A list item's own line: as _ITEM_RE, but the first digit is an ASCII one (« ٣.» opens no list).
_ITEM_LINE_RE = re.compile(r"[ \t]*(?:[0-9]\d{0,2}[.)]|[•●▪◦·*\-–])[ \t]+")
_ITEM_FIRST = frozenset("0123456789•●▪◦·*-– \t")
_CLOSERS = "\"'”’»)]}>*"
_TERMINAL = frozenset(".!?؟…:")
_SOFT_END = frozenset(",،;؛")
# A stop that ends a sentence: runs of terminal marks, closing quotes, then space or end of text.
_STOP_RE = re.compile(r"[.!?؟…]+[\"'”’»)\]]*(?=\s|$)")
# The same for a text whose only stop mark is one character (often "."): a pattern that opens with a
# literal lets the regex engine jump between occurrences instead of testing every character.
_STOP_MARKS = ".!?؟…"
_ONE_MARK_STOP_RE = {
    mark: re.compile(rf"{re.escape(mark)}[{re.escape(mark)}]*[\"'”’»)\]]*(?=\s|$)") for mark in _STOP_MARKS
}
_ABBREVIATIONS = words("""
    mr mrs ms dr st gen col lt sgt capt prof sen rep gov jan feb mar apr jun jul aug sep sept oct nov dec
    no vs etc inc ltd co jr sr e.g i.e u.s u.k u.n""")
_LAST_WORD_RE = re.compile(r"(\w+(?:\.\w+)*)\W*$")
# Matched on the raw line (folding every line costs more than the rest of segmentation): hamza
# variants are spelled out as character classes.
_A = "[اأإآ]"
_BOILERPLATE_RE = re.compile(
    "|".join(
        [
            rf"{_A}ترك تعليق",
            rf"{_A}ضف تعليق",
            r"لن يتم نشر عنوان بريدك",
            rf"الحقول ال{_A}لزامي",
            r"الحقول المطلوب",
            r"شارك (?:هذا|على|المقال)",
            rf"{_A}قر{_A} {_A}يض",
            rf"{_A}قر{_A} المزيد",
            r"جميع الحقوق محفوظ",
            r"تابعونا على",
            r"leave a (?:reply|comment)",
            r"your email address will not be published",
            r"required fields are marked",
            r"share (?:this|on)",
            r"read more",
            r"related articles?:?\s*$",
            r"all rights reserved",
            r"subscribe to",
            r"follow us on",
            r"click here",
        ]
    ),
    re.IGNORECASE,
)
_BOILERPLATE_ANCHORS = (
    "تعليق", "بريدك", "الحقول", "شارك", "قرأ", "قرا ", "الحقوق", "تابعونا",
    "eply", "omment", "mail", "equired", "hare", "ead more", "elated", "ights", "ubscribe", "ollow", "lick",
)  # fmt: skip
_BOILERPLATE_MAX = 200  # characters; boilerplate lines are short


# Comment forms come at the end of a page; what follows them is never the article.
_COMMENT_FORM_RE = re.compile(rf"^\s*(?:{_A}ترك تعليق\S*|{_A}ضف تعليق\S*|leave a (?:reply|comment))\W*$", re.IGNORECASE)


class Sentence(NamedTuple):
    start: int
    end: int
    kind: str  # "text" | "heading" | "item"


def split_sentences(body: str) -> list[Sentence]:
    """Sentence spans of ``body`` in text order, boilerplate left out."""
    out: list[Sentence] = []
    blocks = _blocks(body)
    # Boilerplate is looked for on short lines only, and only for the anchors those lines hold at all.
    short = "\n".join([body[s:e] for block in blocks for s, e in block if e - s <= _BOILERPLATE_MAX])
    anchors = [anchor for anchor in _BOILERPLATE_ANCHORS if anchor in short] if short else []
    marks = [mark for mark in _STOP_MARKS if mark in body]
    stops = _ONE_MARK_STOP_RE[marks[0]] if len(marks) == 1 else _STOP_RE
    for block in blocks:
        if _process_block(body, block, out, anchors, stops):
            break
    return out


def _blocks(body: str) -> list[list[tuple[int, int]]]:
    """Lines (start, end without the newline) grouped into blank-line separated blocks."""
    blocks: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    pos = 0
    n = len(body)
    while pos <= n:
        nl = body.find("\n", pos)
        end = n if nl < 0 else nl
        if body[pos:end].strip():
            current.append((pos, end))
        elif current:
            blocks.append(current)
            current = []
        if nl < 0:
            break
        pos = nl + 1
    if current:
        blocks.append(current)
    return blocks


def _stripped(body: str, start: int, end: int) -> tuple[int, int]:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end


def _last_mark(text: str) -> str:
    """The last character of a line that is not space or a closing quote ('' for none)."""
    return text.rstrip().rstrip(_CLOSERS).rstrip()[-1:]


def _ends_terminal(text: str) -> bool:
    return _last_mark(text) in _TERMINAL


def _starts_sentence(text: str) -> bool:
    """Does a wrapped line look like the start of a new sentence (after a heading line)?"""
    first = text.lstrip()[:12].split(" ", 1)[0]
    if not first:
        return False
    if first[0].isupper():
        return True
    return first[0] in ("و", "ف") and len(first) > 3


def _is_heading(lines: list[str], marks: list[str], i: int, prev_heading: bool) -> bool:
    """A short line without final punctuation that stands between sentences, not inside one."""
    line = lines[i]
    if len(line) > 200 or marks[i] in _TERMINAL or marks[i] in _SOFT_END or not marks[i]:
        return False
    if i > 0 and not (prev_heading or marks[i - 1] in _TERMINAL):
        return False
    words = line.split()
    if len(words) > 14:
        return False
    if i == len(lines) - 1:
        return True
    if fold(words[-1]).strip(_CLOSERS) in FUNCTION_WORDS:
        return False
    nxt = lines[i + 1]
    if _ITEM_RE.match(nxt):
        return True
    if i == 0 and len(words) > 10 and not _starts_sentence(nxt):
        return False
    return _starts_sentence(nxt) and not (words[0][0] == "و" and _starts_sentence(line))


def _process_block(
    body: str, block: list[tuple[int, int]], out: list[Sentence], anchors: list[str], stops: re.Pattern[str]
) -> bool:
    """Append the block's sentences to ``out``; True when a comment form ends the article."""
    texts = [body[s:e] for s, e in block]
    if len(block) == 1:
        line = texts[0]
        if line.rstrip().endswith(":") and len(line.split(None, 6)) <= 5:
            return False  # a byline such as «صوت كوردستان:»
        if line.lstrip().startswith("By ") and len(line.split(None, 7)) <= 6:
            return False
    marks = [_last_mark(t) for t in texts]
    # Run the boilerplate patterns only on short lines holding one of their anchor words.
    suspects: set[int] = set()
    if anchors and min(map(len, texts)) <= _BOILERPLATE_MAX:
        block_text = body[block[0][0] : block[-1][1]]
        found = [anchor for anchor in anchors if anchor in block_text]
        suspects = {i for anchor in found for i, t in enumerate(texts) if anchor in t}
    para_start: int | None = None
    para_end = 0
    para_kind = "text"
    prev_heading = False

    def flush() -> None:
        nonlocal para_start
        if para_start is not None:
            _split_paragraph(body, para_start, para_end, para_kind, out, stops)
        para_start = None

    for i, (start, end) in enumerate(block):
        text = texts[i]
        if i in suspects and len(text) <= _BOILERPLATE_MAX:
            if _COMMENT_FORM_RE.match(text):
                flush()
                return True
            if _BOILERPLATE_RE.search(text):
                flush()
                prev_heading = False
                continue
        item = _ITEM_LINE_RE.match(text) if text[:1] in _ITEM_FIRST else None
        if item:
            flush()
            para_start, para_end, para_kind = start + item.end(), end, "item"
            prev_heading = False
            continue
        if (i == 0 or prev_heading or marks[i - 1] in _TERMINAL) and _is_heading(texts, marks, i, prev_heading):
            flush()
            s, e = _stripped(body, start, end)
            out.append(Sentence(s, e, "heading"))
            prev_heading = True
            continue
        prev_heading = False
        if para_start is None:
            para_start, para_kind = start, "text"
        elif para_kind == "item" and marks[i - 1] in _TERMINAL:
            flush()
            para_start, para_kind = start, "text"
        para_end = end
    flush()
    return False


def _split_paragraph(
    body: str, start: int, end: int, kind: str, out: list[Sentence], stops: re.Pattern[str] = _STOP_RE
) -> None:
    pos = start
    for m in stops.finditer(body, start, end):
        if _is_abbreviation(body, pos, m.start(), m.group()):
            continue
        _emit(body, pos, m.end(), kind, out)
        pos = m.end()
    _emit(body, pos, end, kind, out)


def _is_abbreviation(body: str, start: int, dot: int, mark: str) -> bool:
    if not mark.startswith(".") or mark.startswith("..."):
        return False
    if dot - 6 >= start and body[dot - 6 : dot].isalpha():
        return False  # a word of six letters or more: no initial, longer than any abbreviation
    before = body[max(start, dot - 2) : dot]
    if not before[-1:].isascii() and before[:1] not in (" ", "\n", ""):
        return False  # an Arabic word of two letters or more before the stop: a real stop
    m = _LAST_WORD_RE.search(body, max(start, dot - 12), dot)
    if not m:
        return False
    word = m.group(1)
    if len(word) == 1 and word.isalpha() and not word.isdigit():
        return True  # an initial: "J. Smith", «د. أحمد»
    return word.lower() in _ABBREVIATIONS


def _emit(body: str, start: int, end: int, kind: str, out: list[Sentence]) -> None:
    start, end = _stripped(body, start, end)
    if start >= end:
        return
    if end - start <= MAX_SENTENCE:
        out.append(Sentence(start, end, kind))
        return
    # Over-long run (no stops): cut after commas, then at spaces, then anywhere.
    pos = start
    while end - pos > MAX_SENTENCE:
        window_end = pos + MAX_SENTENCE
        cut = max(body.rfind("،", pos + 1, window_end), body.rfind(",", pos + 1, window_end))
        if cut <= pos + 50:
            cut = body.rfind(" ", pos + 1, pos + HARD_CUT)
        if cut <= pos + 50:
            cut = pos + HARD_CUT
        else:
            cut += 1
        s, e = _stripped(body, pos, cut)
        if s < e:
            out.append(Sentence(s, e, kind))
        pos = cut
    s, e = _stripped(body, pos, end)
    if s < e:
        out.append(Sentence(s, e, kind))
