"""HTML to main text: the article, not the page around it.

BeautifulSoup with the standard-library parser (no compiled dependency). Scripts, styles, navigation,
headers/footers, asides, forms and comment sections are dropped; when the page marks its content with
``<article>`` or ``<main>`` only that is kept. Block elements become paragraphs separated by blank lines,
which is what the claim segmenter expects.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from bs4 import BeautifulSoup, Comment, Tag
from bs4.element import PageElement

__all__ = ["HtmlDocument", "html_to_text"]

_DROP_TAGS = (
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "button", "iframe", "svg", "canvas", "select", "input", "textarea", "figure",
)  # fmt: skip
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
    "blockquote", "pre", "table", "tr", "td", "th", "dd", "dt", "dl", "br", "hr",
}  # fmt: skip
_BOILERPLATE_RE = re.compile(r"comment|share|social|related|newsletter|subscribe|cookie|banner|breadcrumb|menu")
_SPACES_RE = re.compile(r"[ \t\u00a0\u200f\u200e]+")


@dataclass(frozen=True, slots=True)
class HtmlDocument:
    title: str | None
    text: str


def _is_boilerplate(tag: Tag) -> bool:
    if tag.attrs is None:
        return False
    marks = " ".join([str(tag.get("id") or ""), *(str(c) for c in tag.get_attribute_list("class") if c)])
    role = str(tag.get("role") or "")
    return bool(marks and _BOILERPLATE_RE.search(marks.lower())) or role in {"navigation", "complementary"}


def html_to_text(html: str) -> HtmlDocument:
    soup = BeautifulSoup(html, "html.parser")
    title_tag = soup.find("title")
    title = " ".join(title_tag.get_text(" ").split()) if title_tag else None
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(_is_boilerplate):
        if not tag.decomposed:
            tag.decompose()
    found = soup.find("article") or soup.find("main") or soup.body
    root: Tag = found if isinstance(found, Tag) else soup
    if title is None:
        heading = root.find("h1")
        title = " ".join(heading.get_text(" ").split()) if heading else None
    return HtmlDocument(title=title or None, text=_block_text(root))


def _block_text(root: Tag) -> str:
    """Text with a blank line between blocks and inline runs joined by single spaces.

    The tree is walked with an explicit stack, not recursion: a page nested 100,000 elements deep
    is hostile input, not a reason for a ``RecursionError``.
    """
    parts: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = _SPACES_RE.sub(" ", "".join(current)).strip()
        line = " ".join(line.split())
        if line:
            parts.append(line)
        current.clear()

    stack: list[tuple[Iterator[PageElement], bool]] = [(iter(root.contents), False)]
    while stack:
        children, block = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if block:
                flush()
        elif isinstance(child, Tag):
            is_block = child.name in _BLOCK_TAGS
            if is_block:
                flush()
            stack.append((iter(child.contents), is_block))
        elif isinstance(child, str):
            current.append(str(child))
    flush()
    return "\n\n".join(parts)
