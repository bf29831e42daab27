"""Work in a forked child: pieces arrive whole and in order, and a failing child loses nothing."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from matching_corpus import corpus_claims

from factcheck.contradictions import Findings, rematch
from factcheck.forking import Forked
from factcheck.matching.features import MatchClaim

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fork is POSIX only")


def _pieces() -> Iterator[bytes]:
    yield b"first"
    yield b""
    yield bytes(range(256)) * 4096  # a megabyte: larger than a pipe's buffer
    yield "نص عربي".encode()


def test_pieces_arrive_whole_and_in_order() -> None:
    child = Forked(_pieces)
    received = child.ready() + child.rest()
    assert received == list(_pieces())
    assert child.finished


def _breaks_after_one() -> Iterator[bytes]:
    yield b"kept"
    raise RuntimeError("worker died")


def test_a_failing_child_is_reported_and_keeps_what_it_sent(capfd: pytest.CaptureFixture[str]) -> None:
    child = Forked(_breaks_after_one)
    assert child.rest() == [b"kept"]
    assert not child.finished
    assert "worker died" in capfd.readouterr().err


def _assert_split_rematch_finds(claims: list[MatchClaim], alone: Findings, candidates: int) -> None:
    """A re-match asked to split over two workers finds what the one-process re-match found."""
    split, candidates_split = rematch(claims, workers=2, min_chunk=10)
    assert candidates == candidates_split
    assert sorted(alone.links, key=lambda k: (k.claim_a_id, k.claim_b_id)) == sorted(
        split.links, key=lambda k: (k.claim_a_id, k.claim_b_id)
    )
    assert sorted(alone.flags, key=str) == sorted(split.flags, key=str)


def test_a_rematch_whose_workers_fail_still_finds_everything(
    corpus_dir: Path, manifest: dict[str, dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    claims = corpus_claims(corpus_dir, manifest)
    alone, candidates = rematch(claims)
    module = importlib.import_module("factcheck.contradictions.rematch")

    def broken(*_: object) -> Iterator[bytes]:
        raise RuntimeError("worker died")
        yield b""  # pragma: no cover

    monkeypatch.setattr(module, "MIN_CLAIMS_TO_SPLIT", 2)
    monkeypatch.setattr(module, "_encoded_shares", broken)
    monkeypatch.setattr(module, "_plain_share", broken)
    _assert_split_rematch_finds(claims, alone, candidates)


def test_a_rematch_where_fork_is_refused_runs_in_one_process(
    corpus_dir: Path, manifest: dict[str, dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    claims = corpus_claims(corpus_dir, manifest)
    alone, candidates = rematch(claims)
    module = importlib.import_module("factcheck.contradictions.rematch")

    def refused(*_: object) -> None:
        raise OSError("Resource temporarily unavailable")

    monkeypatch.setattr(module, "MIN_CLAIMS_TO_SPLIT", 2)
    monkeypatch.setattr("os.fork", refused)
    _assert_split_rematch_finds(claims, alone, candidates)
