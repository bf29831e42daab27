"""``factcheck import`` and ``factcheck demo``."""

from __future__ import annotations

import argparse
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from cli.context import CliContext, positive_id
from cli.vectors import run_pass
from factcheck.errors import InvalidValueError

__all__ = ["DEMO_DB", "register", "sample_corpus"]

DEMO_DB = "factcheck-demo.db"


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {value!r}") from None


def register(sub: Any) -> None:
    p = sub.add_parser(
        "import",
        help="import articles (.txt .md .html .jsonl .jsonl.gz, or folders) and extract their claims",
        description="Import articles. A folder is read recursively; a manifest.json beside the files "
        "(a list of {file, language, outlet, published}) supplies their metadata. JSONL is read line by "
        "line, and each batch is committed as it is done: an interrupted import keeps what it stored, and "
        "running it again finishes it.",
    )
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument("--outlet", help="outlet for articles that do not name one")
    p.add_argument("--published", type=_iso_date, metavar="YYYY-MM-DD", help="publication date")
    p.add_argument("--language", choices=["auto", "ar", "en"], default="auto")
    p.add_argument("--url", help="article URL (for a single file)")
    p.add_argument("--manifest", type=Path, help="a manifest.json to take metadata from")
    p.add_argument("--json", action="store_true", help="print the import report as JSON")
    p.add_argument(
        "--no-vectors",
        action="store_true",
        help="match on lexical features only and leave the sentence-vector pass for `factcheck vectors`",
    )
    p.set_defaults(func=run_import)

    e = sub.add_parser(
        "extract",
        help="run claim extraction again, keeping every claim a reviewer has touched",
        description="Re-extract claims of stored articles (all, or those given). Claims with reviewer work "
        "(status, edits, verdicts, sources, decisions, history) are kept as they are.",
    )
    e.add_argument("--article", type=positive_id, action="append", metavar="ID", help="only this article (repeatable)")
    e.add_argument("--json", action="store_true")
    e.set_defaults(func=run_extract)

    d = sub.add_parser("demo", help="fresh demo database from the bundled sample corpus, then the workbench")
    d.add_argument("--no-tui", action="store_true", help="print the articles and claims instead of opening the app")
    d.add_argument("--bidi", choices=["auto", "on", "off"], default="auto", help="Arabic display reordering")
    d.set_defaults(func=run_demo)


def run_import(args: argparse.Namespace, ctx: CliContext) -> int:
    from db.store import ImportItem, ImportReport, import_workers, store_articles
    from sources.readers import ArticleDefaults, ReadProgress, read_articles

    if args.url and len(args.paths) > 1:
        raise InvalidValueError("--url applies to one article; give a single file with it")
    defaults = ArticleDefaults(outlet=args.outlet, published=args.published, language=args.language, url=args.url)
    database = ctx.db
    reading = ReadProgress()
    entries = read_articles(list(args.paths), defaults, manifest=args.manifest, progress=reading)
    stored = ImportReport()  # what is committed so far, for the message on an interruption

    def show(item: ImportItem) -> None:
        stored.add(item, keep=False)
        if args.json:
            return
        if item.status == "failed":
            ctx.error(item.error or "failed")
        elif item.status == "present":
            ctx.console.print(f"already present: {item.where} (article {item.article_id})", markup=False)
        else:
            extra = f", {item.encoding}" if item.encoding not in (None, "utf-8") else ""
            ctx.console.print(
                f"imported: {item.where} → article {item.article_id}, {item.claims} claims{extra}", markup=False
            )

    progress = _progress(ctx, reading) if not args.json and _many(args.paths) else None
    try:
        if progress is None:
            report = store_articles(database, entries, on_item=show, keep_items=args.json, workers=import_workers())
        else:
            with progress:

                def tick(item: ImportItem) -> None:
                    show(item)
                    progress.tick(item)

                report = store_articles(database, entries, on_item=tick, keep_items=False, workers=import_workers())
    except KeyboardInterrupt:
        ctx.err_console.print(
            f"factcheck: interrupted: {stored.count('imported')} articles imported before the interruption "
            "are kept; run the same import again to finish it",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
        raise
    if not args.json:
        s = _summary(report)
        ctx.console.print(
            f"{s['imported']} imported, {s['present']} already present, {s['failed']} failed", markup=False
        )
        if progress is not None:
            ctx.console.print(f"{report.claims:,} claims; {progress.rates()}", markup=False)
    vectors = None if args.no_vectors else run_pass(ctx, quiet=args.json)
    if args.json:
        out: dict[str, Any] = {"items": [item.to_dict() for item in report.items], "summary": _summary(report)}
        ctx.print_json({**out, "vectors": vectors} if vectors is not None else out)
    return 1 if report.failed else 0


def run_extract(args: argparse.Namespace, ctx: CliContext) -> int:
    from db.reextract import reextract
    from factcheck.extraction import extract_claims

    report = reextract(ctx.db, extract=extract_claims, article_ids=args.article)
    run_pass(ctx, quiet=True)
    summary = {"articles": report.articles, "kept": report.kept, "removed": report.removed, "added": report.added}
    if args.json:
        ctx.print_json(summary)
    else:
        ctx.console.print(
            f"{report.articles} articles: {report.added} claims extracted, {report.removed} replaced, "
            f"{report.kept} kept because a reviewer touched them",
            markup=False,
        )
    return 0


def _many(paths: list[Path]) -> bool:
    return len(paths) > 1 or any(p.is_dir() or p.name.lower().endswith((".jsonl", ".jsonl.gz")) for p in paths)


def _progress(ctx: CliContext, reading: Any) -> Any:
    if not ctx.console.is_terminal:
        return None
    from cli.import_progress import ImportProgress

    return ImportProgress(ctx.console, reading)


def _summary(report: Any) -> dict[str, int]:
    return {status: report.count(status) for status in ("imported", "present", "failed")}


def sample_corpus() -> Path:
    """The sample articles shipped inside the package."""
    return Path(str(resources.files("sources") / "sample_corpus"))


def run_demo(args: argparse.Namespace, ctx: CliContext) -> int:
    from db.engine import database_url
    from db.store import store_articles
    from sources.readers import ArticleDefaults, read_articles

    # A fresh file every time; never delete a database the user named unless it is empty of articles.
    target = ctx.db_target or DEMO_DB
    if "://" not in target:
        path = Path(target)
        if ctx.db_target and path.exists() and path.stat().st_size > 0:
            raise InvalidValueError(f"{path} exists; the demo needs a new file (omit --db to use {DEMO_DB})")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    ctx.db_target = database_url(target)
    report = store_articles(ctx.db, read_articles([sample_corpus()], ArticleDefaults()))
    run_pass(ctx, quiet=True)
    ctx.console.print(
        f"demo database {target}: {report.count('imported')} articles imported from the sample corpus",
        markup=False,
    )
    if args.no_tui:
        from cli.browse import print_articles, print_claims

        print_articles(ctx)
        print_claims(ctx, article_id=None, status=None, limit=None)
        return 0
    from cli.workbench import open_workbench

    return open_workbench(args, ctx)
