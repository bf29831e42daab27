"""Fetching sources over HTTP(S) with httpx: bounded in time, size, redirects and content type.

A fetch never raises for a network or server problem: it returns a ``FetchResult`` whose ``error`` is a
reason a reviewer can read ("DNS lookup failed for example.invalid", "not found (HTTP 404)"), so the
attachment is kept and can be retried. Redirects are followed by hand so each hop's scheme is checked
and loops are named. Bodies are streamed and abandoned as soon as they pass the size cap.
"""

from __future__ import annotations

import asyncio
import codecs
import hashlib
import re
import socket
import ssl
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from email.message import Message
from pathlib import Path
from typing import Any

import httpx

from factcheck import __version__
from factcheck.errors import InvalidValueError, UnreadableFileError
from factcheck.records import FetchResult
from sources.decode import decode_bytes, read_text_file
from sources.html_text import html_to_text
from sources.urls import check_url, peer_problem, private_problem

__all__ = [
    "PRIVATE_HINT",
    "USER_AGENT",
    "FetchOptions",
    "fetch_many",
    "fetch_sources",
    "fetch_url",
    "read_local_source",
]

PRIVATE_HINT = "only public addresses are fetched (give --allow-private for a desk's intranet)"
USER_AGENT = f"factcheck/{__version__} (+fact-checking workbench)"
_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_TEXT_TYPES = _HTML_TYPES | {"application/xml", "application/json", "application/ld+json", "application/rss+xml"}
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
_DNS_WORDS = ("name or service not known", "nodename nor servname", "name resolution", "getaddrinfo", "no address")


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """Limits for one fetch; every network wait has an explicit bound."""

    timeout: float = 10.0  # connect, read, write and pool waits, each
    total_timeout: float = 30.0  # the whole fetch, redirects and body included
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    per_host: int = 2
    concurrency: int = 8
    user_agent: str = USER_AGENT
    verify: bool | ssl.SSLContext = True
    allow_private: bool = False  # fetch loopback, private and link-local addresses (a desk's intranet)


class _Failed(Exception):
    """A fetch stopped for ``reason``; the partial result says how far it got."""

    def __init__(self, reason: str, partial: FetchResult | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.partial = partial


def _checked_url(url: str | httpx.URL, *, redirect: bool = False) -> httpx.URL:
    try:
        return check_url(str(url), redirect=redirect)
    except InvalidValueError as exc:
        raise _Failed(str(exc)) from None


async def _check_reachable(url: httpx.URL, options: FetchOptions, *, resolve: bool, redirect: bool) -> None:
    if not options.allow_private:
        problem = await private_problem(url, resolve=resolve)
        if problem is not None:
            raise _Failed(f"refused: {'redirected to ' if redirect else ''}{problem}; {PRIVATE_HINT}")


def _peer_guard(url: httpx.URL, options: FetchOptions, *, redirect: bool) -> dict[str, Any]:
    """Request extensions that check the address a new connection reached, before a byte is sent:
    a name may resolve to a public address for our check and a private one for the connection."""
    if options.allow_private:
        return {}

    async def trace(event: str, info: dict[str, Any]) -> None:
        stream = info.get("return_value")
        if event != "connection.connect_tcp.complete" or stream is None:
            return
        peer = stream.get_extra_info("server_addr")
        if isinstance(peer, tuple) and peer and (problem := peer_problem(url, str(peer[0]))) is not None:
            await stream.aclose()  # httpcore does not close a connection whose trace hook raised
            raise _Failed(f"refused: {'redirected to ' if redirect else ''}{problem}; {PRIVATE_HINT}")

    return {"trace": trace}


def _media_type(header: str | None) -> tuple[str | None, str | None]:
    """``(media type, charset)`` from a Content-Type header."""
    if not header:
        return None, None
    message = Message()
    message["content-type"] = header
    charset = message.get_param("charset")
    return message.get_content_type(), charset if isinstance(charset, str) else None


def _is_text(media_type: str) -> bool:
    return media_type.startswith("text/") or media_type in _TEXT_TYPES or media_type.endswith("+xml")


def _status_reason(response: httpx.Response) -> str:
    code, phrase = response.status_code, response.reason_phrase
    label = f"HTTP {code} {phrase}".strip()
    if code == 404 or code == 410:
        return f"not found ({label})"
    if code in (401, 403):
        return f"access denied ({label})"
    if code == 429:
        return f"rate limited by the server ({label})"
    if code >= 500:
        return f"server error ({label})"
    if 300 <= code < 400:
        return f"redirect without a location ({label})"
    return f"refused by the server ({label})"


def _decode(body: bytes, media_type: str | None, charset: str | None) -> tuple[str, str]:
    """Text and the encoding used: the declared charset if it works, else detection (Windows-1256 too)."""
    declared = charset
    if declared is None and media_type in _HTML_TYPES:
        match = _META_CHARSET_RE.search(body[:4096])
        declared = match.group(1).decode("ascii") if match else None
    if declared:
        try:
            name = codecs.lookup(declared).name
            return body.decode(name).replace("\r\n", "\n").replace("\r", "\n"), declared.lower()
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown label: fall back to what the bytes say
    return decode_bytes(body)


def _document(body: bytes, media_type: str | None, charset: str | None) -> tuple[str | None, str, str]:
    """``(title, main text, encoding)``; a page without a content type is sniffed."""
    try:
        text, encoding = _decode(body, media_type, charset)
    except UnreadableFileError:
        raise _Failed(f"not text (content type {media_type or 'not given'}, binary body)") from None
    head = text[:1024].lstrip().lower()
    if media_type in _HTML_TYPES or (media_type is None and head.startswith(("<!doctype html", "<html"))):
        document = html_to_text(text)
        return document.title, document.text, encoding
    return None, text, encoding


def _exception_reason(exc: BaseException, url: httpx.URL, options: FetchOptions) -> str:
    """A reader's reason for a transport failure, found by walking the exception chain."""
    if isinstance(exc, TimeoutError | httpx.TimeoutException):
        return _timeout_reason(exc, options)
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    text = " ".join(str(e) for e in chain).lower()
    host = url.host
    if any(isinstance(e, ssl.SSLError) for e in chain) or "ssl" in text or "certificate" in text:
        detail = next((str(e) for e in chain if isinstance(e, ssl.SSLError)), str(exc))
        return f"TLS error talking to {host}: {detail}"
    if any(isinstance(e, socket.gaierror) for e in chain) or any(w in text for w in _DNS_WORDS):
        return f"DNS lookup failed for {host}"
    if any(isinstance(e, ConnectionRefusedError) for e in chain) or "connection refused" in text:
        return f"connection refused by {host}:{url.port or (443 if url.scheme == 'https' else 80)}"
    if isinstance(exc, httpx.ConnectError):
        return f"could not connect to {host}: {exc}"
    return f"network error: {exc or type(exc).__name__}"


def _timeout_reason(exc: BaseException, options: FetchOptions) -> str:
    if isinstance(exc, httpx.ConnectTimeout):
        return f"timed out connecting (after {options.timeout:g} s)"
    if isinstance(exc, httpx.TimeoutException):
        return f"timed out waiting for the server (after {options.timeout:g} s)"
    return f"timed out (the whole fetch took more than {options.total_timeout:g} s)"


async def _read_capped(response: httpx.Response, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > limit:
            raise _Failed(f"too large: more than {_size(limit)}")
        chunks.append(chunk)
    return b"".join(chunks)


def _size(count: int) -> str:
    return f"{count / 1024 / 1024:.1f} MB" if count >= 1024 * 1024 else f"{count} bytes"


async def _fetch(client: httpx.AsyncClient, url: str, options: FetchOptions, *, resolve: bool) -> FetchResult:
    current = _checked_url(url)
    seen = {str(current)}
    for hop in range(options.max_redirects + 1):
        await _check_reachable(current, options, resolve=resolve, redirect=hop > 0)
        request = client.build_request("GET", current, extensions=_peer_guard(current, options, redirect=hop > 0))
        response = await client.send(request, stream=True, follow_redirects=False)
        try:
            partial = FetchResult(
                url=url,
                final_url=str(current),
                http_status=response.status_code,
                content_type=response.headers.get("content-type"),
            )
            location = response.headers.get("location")
            if response.is_redirect and location:
                try:
                    joined = current.join(location)
                except (httpx.InvalidURL, ValueError, TypeError) as exc:
                    raise _Failed(f"redirected to {location!r}: {exc}", partial) from None
                target = _checked_url(joined, redirect=True)
                if str(target) in seen:
                    raise _Failed(f"redirect loop: {target} was already visited", partial)
                seen.add(str(target))
                current = target
                continue
            return await _read_response(response, partial, options)
        finally:
            await response.aclose()
    last = FetchResult(url=url, final_url=str(current))
    raise _Failed(f"too many redirects (more than {options.max_redirects})", last)


async def _read_response(response: httpx.Response, partial: FetchResult, options: FetchOptions) -> FetchResult:
    if response.status_code >= 300:
        raise _Failed(_status_reason(response), partial)
    media_type, charset = _media_type(partial.content_type)
    if media_type is not None and not _is_text(media_type):
        raise _Failed(f"not text (content type {media_type})", partial)
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > options.max_bytes:
        raise _Failed(f"too large: {_size(int(declared))}, the limit is {_size(options.max_bytes)}", partial)
    try:
        body = await _read_capped(response, options.max_bytes)
        title, text, encoding = _document(body, media_type, charset)
    except _Failed as failed:
        raise _Failed(failed.reason, partial) from None
    return replace(partial, title=title, text=text, encoding=encoding, sha256=hashlib.sha256(body).hexdigest())


async def _fetch_one(
    client: httpx.AsyncClient, url: str, options: FetchOptions, *, resolve: bool = True
) -> FetchResult:
    try:
        async with asyncio.timeout(options.total_timeout):
            return await _fetch(client, url, options, resolve=resolve)
    except _Failed as failed:
        return replace(failed.partial or FetchResult(url=url), error=failed.reason)
    except (httpx.HTTPError, OSError, TimeoutError) as exc:
        try:
            where = _checked_url(url)
        except _Failed as failed:
            return FetchResult(url=url, error=failed.reason)
        return FetchResult(url=url, error=_exception_reason(exc, where, options))


def _host_key(url: str) -> str:
    try:
        parsed = httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError):
        return ""
    return f"{parsed.host}:{parsed.port or ''}"


def make_client(options: FetchOptions, transport: httpx.AsyncBaseTransport | None = None) -> httpx.AsyncClient:
    kwargs: dict[str, Any] = {}
    if transport is not None:
        kwargs["transport"] = transport
    return httpx.AsyncClient(
        timeout=httpx.Timeout(options.timeout),
        headers={"User-Agent": options.user_agent, "Accept": "text/html, text/plain;q=0.9, */*;q=0.1"},
        limits=httpx.Limits(max_connections=options.concurrency),
        verify=options.verify,
        trust_env=False,
        **kwargs,
    )


async def fetch_many(
    urls: Sequence[str],
    *,
    options: FetchOptions | None = None,
    client: httpx.AsyncClient | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> list[FetchResult]:
    """Fetch ``urls`` concurrently (at most ``per_host`` at once per host); results in input order.

    Host names are resolved and checked against private addresses before each hop unless a test
    ``transport`` is given (it never reaches the network; IP literals are still checked).
    """
    options = options or FetchOptions()
    resolve = transport is None
    overall = asyncio.Semaphore(options.concurrency)
    per_host: dict[str, asyncio.Semaphore] = {}

    async def run(own: httpx.AsyncClient, url: str) -> FetchResult:
        host = per_host.setdefault(_host_key(url), asyncio.Semaphore(options.per_host))
        async with host, overall:
            return await _fetch_one(own, url, options, resolve=resolve)

    if client is not None:
        return list(await asyncio.gather(*(run(client, u) for u in urls)))
    async with make_client(options, transport) as own:
        return list(await asyncio.gather(*(run(own, u) for u in urls)))


def fetch_sources(
    urls: Iterable[str],
    *,
    options: FetchOptions | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> list[FetchResult]:
    """Blocking form of ``fetch_many`` for the command line."""
    return asyncio.run(fetch_many(list(urls), options=options, transport=transport))


def fetch_url(
    url: str, *, options: FetchOptions | None = None, transport: httpx.AsyncBaseTransport | None = None
) -> FetchResult:
    return fetch_sources([url], options=options, transport=transport)[0]


def read_local_source(path: Path) -> FetchResult:
    """A local file as a source snapshot (no network); raises UnreadableFileError if it cannot be read."""
    path = path.expanduser().resolve()
    text, encoding = read_text_file(path)
    is_html = path.suffix.lower() in {".html", ".htm", ".xhtml"}
    title = None
    if is_html:
        document = html_to_text(text)
        title, text = document.title, document.text
    return FetchResult(
        url=path.as_uri(),
        final_url=path.as_uri(),
        content_type="text/html" if is_html else "text/plain",
        title=title,
        text=text,
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        encoding=encoding,
    )
