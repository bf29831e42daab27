"""What screens ask of the app: they post these up, and the app (which composes screens) acts on them."""

from __future__ import annotations

from textual.message import Message

__all__ = ["OpenArticle", "OpenClaim"]


class OpenClaim(Message):
    """Show one claim's detail (in place when a claim detail is already on top)."""

    def __init__(self, claim_id: int) -> None:
        super().__init__()
        self.claim_id = claim_id


class OpenArticle(Message):
    """Show the claims of one article."""

    def __init__(self, article_id: int, label: str) -> None:
        super().__init__()
        self.article_id = article_id
        self.label = label
