"""Tweets and posts made ready for retrieval: what identifies the poster is not what was claimed.

A tweet copied from a timeline ends with "— Name (@handle) January 6, 2020", carries links
(``https://t.co/…``, ``pic.twitter.com/…``), ``RT @x:`` prefixes and ``@mentions``. None of that is in a
fact-check, and the tail's name and date would otherwise pull in unrelated fact-checks about that
person. Hashtags keep their words (``#AustralianFires`` → "Australian Fires"), mentions inside the
text keep theirs ("@realDonaldTrump" → "real Donald Trump") because they often name the claim's subject.
"""

from __future__ import annotations

import re

__all__ = ["clean_text"]

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_TAIL_RE = re.compile(r"\s*[—–―-]+\s*[^—–―\n]{0,80}?\(@\w{1,30}\)\s*(?:" + _MONTH + r"\s+\d{1,2},\s+\d{4})?\s*$")
_URL_RE = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S*", re.IGNORECASE)
_RT_RE = re.compile(r"^\s*(?:RT\s+)?(?:@\w+[:\s]+)+")
_TAG_RE = re.compile(r"[#@](\w+)")
_CAMEL_RE = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)")
_SPACE_RE = re.compile(r"\s+")


def _split_tag(match: re.Match[str]) -> str:
    return _CAMEL_RE.sub(" ", match.group(1)).replace("_", " ")


def clean_text(text: str) -> str:
    """``text`` without the poster's signature tail, links and reply prefixes; tags become words."""
    text = _URL_RE.sub(" ", text)
    text = _TAIL_RE.sub("", text)
    text = _RT_RE.sub("", text)
    text = _TAG_RE.sub(_split_tag, text)
    cleaned = _SPACE_RE.sub(" ", text).strip()
    return cleaned or _SPACE_RE.sub(" ", text).strip()
