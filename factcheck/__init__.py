"""factcheck: the domain core of the claim and fact-checking workbench.

Pure Python: no user interface, no SQL. Storage lives in ``db``, fetching and importing in
``sources``, the terminal interfaces in ``tui``.
"""

from factcheck.errors import FactcheckError
from factcheck.model import ArticleText, ClaimKind, ClaimStatus, ExtractedClaim, Slots

__version__ = "0.1.0"

__all__ = [
    "ArticleText",
    "ClaimKind",
    "ClaimStatus",
    "ExtractedClaim",
    "FactcheckError",
    "Slots",
    "__version__",
]
