"""Clusters of claims that report the same fact: connected components of the links (union-find)."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["clusters"]


def clusters(pairs: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Connected components of ``pairs`` of claim ids, each sorted, largest first then by first id.

    Rejected links must be left out by the caller: a reviewer's "not the same" splits a cluster.
    """
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        root = x
        while parent.setdefault(root, root) != root:
            root = parent[root]
        while parent[x] != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for x in parent:
        groups.setdefault(find(x), []).append(x)
    return sorted((sorted(g) for g in groups.values()), key=lambda g: (-len(g), g[0]))
