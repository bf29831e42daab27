"""``factcheck vectors``: the sentence-vector pass, and the same pass at the end of ``import``.

An import matches on lexical features; this pass encodes the claims that have candidates (about 70
sentences/s on a 2-core machine) and decides their pairs again with the cosine. It commits in
chunks: Ctrl-C keeps what it finished, and running it again (or the next import) goes on from there.
The progress bar counts claims, with claims/s and an ETA; redrawn only when told (no refresh thread).
"""

from __future__ import annotations

import argparse
import time
from typing import Any

from cli.context import CliContext, whole_number

__all__ = ["register", "run_pass"]

_REDRAW_EVERY = 0.25  # seconds


def register(sub: Any) -> None:
    v = sub.add_parser(
        "vectors",
        help="encode sentence vectors for claims an import matched without them, and match them again",
        description="Finish matching with sentence vectors: claims stored since the last pass (an import "
        "run with --no-vectors, or interrupted during its vectors pass) that have candidate pairs get a "
        "sentence vector, and their pairs are decided again with it. Resumable: Ctrl-C keeps every "
        "finished chunk.",
    )
    v.add_argument("--json", action="store_true", help="print what the pass did as JSON")
    v.add_argument("--chunk", type=_chunk, default=None, metavar="N", help="claims per committed chunk")
    v.set_defaults(func=run_vectors_command)


def _chunk(text: str) -> int:
    value = whole_number(text)
    if value < 1:
        raise argparse.ArgumentTypeError("a chunk holds at least one claim")
    return value


def run_vectors_command(args: argparse.Namespace, ctx: CliContext) -> int:
    report = run_pass(ctx, quiet=args.json, chunk=args.chunk)
    if args.json:
        ctx.print_json(report)
    return 0


def run_pass(ctx: CliContext, *, quiet: bool = False, chunk: int | None = None) -> dict[str, float]:
    """Run the vectors pass on ``ctx.db`` with a progress bar (on a terminal); what it did, as a dict."""
    from db.claim_vectors import CHUNK, pending, run_vectors

    total = pending(ctx.db)
    if not total:
        if not quiet:
            ctx.console.print("vectors: every claim is done", markup=False)
        return {"claims": 0, "encoded": 0}
    bar = _Bar(ctx.console, total) if not quiet and ctx.console.is_terminal else None
    done = [0, 0]

    def tick(claims: int, encoded: int) -> None:
        done[0] += claims
        done[1] += encoded
        if bar is not None:
            bar.update(done[0], done[1])

    try:
        if bar is None:
            report = run_vectors(ctx.db, on_chunk=tick, chunk=chunk or CHUNK)
        else:
            with bar:
                report = run_vectors(ctx.db, on_chunk=tick, chunk=chunk or CHUNK)
    except KeyboardInterrupt:
        ctx.err_console.print(
            f"factcheck: interrupted: the vectors pass kept {done[0]:,} of {total:,} claims "
            f"({done[1]:,} encoded); run `factcheck vectors` to finish it",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
        raise
    if not quiet:
        rate = report.claims / max(report.seconds, 1e-9)
        ctx.console.print(
            f"vectors: {report.claims:,} claims ({report.encoded:,} encoded) in {report.seconds:,.0f} s, "
            f"{rate:,.1f} claims/s; links {report.links_added} added, {report.links_updated} updated, "
            f"{report.links_dropped} dropped; contradictions {report.contradictions_added} added, "
            f"{report.contradictions_dropped} withdrawn",
            markup=False,
        )
    return report.to_dict()


class _Bar:
    def __init__(self, console: Any, total: int) -> None:
        from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeRemainingColumn

        self._progress = Progress(
            SpinnerColumn(), TextColumn("vectors"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
            TextColumn("{task.fields[rates]}"), TextColumn("ETA"), TimeRemainingColumn(),
            console=console, transient=True, auto_refresh=False,
        )  # fmt: skip
        self._total = total
        self._task: Any = None
        self._started = time.perf_counter()
        self._drawn = 0.0

    def __enter__(self) -> _Bar:
        self._progress.__enter__()
        self._task = self._progress.add_task("vectors", total=self._total, rates="")
        self._progress.refresh()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.__exit__(*exc)  # type: ignore[arg-type]

    def update(self, claims: int, encoded: int) -> None:
        now = time.perf_counter()
        if now - self._drawn < _REDRAW_EVERY and claims < self._total:
            return
        self._drawn = now
        rate = claims / max(now - self._started, 1e-9)
        rates = f"{claims:,}/{self._total:,} claims · {encoded:,} encoded · {rate:,.1f} claims/s"
        self._progress.update(self._task, completed=claims, rates=rates)
        self._progress.refresh()
