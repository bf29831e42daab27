"""How a source bears on a claim."""

from __future__ import annotations

from enum import StrEnum

from factcheck.errors import InvalidValueError

__all__ = ["Stance", "parse_stance"]


class Stance(StrEnum):
    SUPPORTS = "supports"
    REFUTES = "refutes"
    CONTEXT = "context"


def parse_stance(value: str) -> Stance:
    try:
        return Stance(value.strip().casefold())
    except ValueError:
        valid = ", ".join(s.value for s in Stance)
        raise InvalidValueError(f"unknown stance {value.strip()!r}; choose one of: {valid}") from None
