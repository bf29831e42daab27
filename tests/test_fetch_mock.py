"""Fetching through httpx.MockTransport: per-host concurrency, failure mapping, headers."""

from __future__ import annotations

import asyncio
import socket
import ssl
from collections import Counter

import httpx

from sources.fetch import USER_AGENT, FetchOptions, fetch_many, fetch_url

HTML = b"<html><head><title>T</title></head><body><p>Body text.</p></body></html>"


async def test_per_host_limit_holds_while_hosts_run_side_by_side() -> None:
    in_flight: Counter[str] = Counter()
    peak: Counter[str] = Counter()
    peak_total = 0

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal peak_total
        host = request.url.host
        in_flight[host] += 1
        peak[host] = max(peak[host], in_flight[host])
        peak_total = max(peak_total, sum(in_flight.values()))
        await asyncio.sleep(0.02)
        in_flight[host] -= 1
        return httpx.Response(200, content=HTML, headers={"content-type": "text/html"})

    urls = [f"https://{host}.example/{i}" for host in ("a", "b", "c") for i in range(5)]
    results = await fetch_many(
        urls, options=FetchOptions(per_host=2, concurrency=8), transport=httpx.MockTransport(handler)
    )
    assert all(r.ok for r in results)
    assert [r.url for r in results] == urls
    assert max(peak.values()) == 2
    assert peak_total > 2  # different hosts were fetched at the same time


def test_sends_the_user_agent_and_reads_plain_text() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["user-agent"])
        return httpx.Response(200, content="línea\r\nدو".encode(), headers={"content-type": "text/plain"})

    result = fetch_url("http://x.example/", transport=httpx.MockTransport(handler))
    assert seen == [USER_AGENT]
    assert result.text == "línea\nدو"
    assert result.encoding == "utf-8"


def _raising(exc: Exception) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc

    return httpx.MockTransport(handler)


def _connect_error(cause: BaseException) -> httpx.ConnectError:
    error = httpx.ConnectError(str(cause))
    error.__cause__ = cause
    return error


def test_dns_failure_is_named() -> None:
    error = _connect_error(socket.gaierror(-2, "Name or service not known"))
    result = fetch_url("https://no-such-host.example/a", transport=_raising(error))
    assert result.error == "DNS lookup failed for no-such-host.example"


def test_certificate_failure_is_named() -> None:
    cause = ssl.SSLCertVerificationError(1, "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed")
    error = _connect_error(cause)
    result = fetch_url("https://self-signed.example/", transport=_raising(error))
    assert result.error is not None and result.error.startswith("TLS error talking to self-signed.example")
    assert "CERTIFICATE_VERIFY_FAILED" in result.error


def test_connect_timeout_and_other_errors() -> None:
    timeout = fetch_url("http://t.example/", transport=_raising(httpx.ConnectTimeout("slow")))
    assert timeout.error == "timed out connecting (after 10 s)"
    broken = fetch_url("http://r.example/", transport=_raising(httpx.RemoteProtocolError("peer closed")))
    assert broken.error == "network error: peer closed"


def test_access_denied_and_rate_limits() -> None:
    codes = iter([403, 429, 418])

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(next(codes))

    transport = httpx.MockTransport(handler)
    assert fetch_url("http://a.example/", transport=transport).error == "access denied (HTTP 403 Forbidden)"
    assert fetch_url("http://a.example/", transport=transport).error == (
        "rate limited by the server (HTTP 429 Too Many Requests)"
    )
    assert fetch_url("http://a.example/", transport=transport).error == (
        "refused by the server (HTTP 418 I'm a teapot)"
    )


def test_wrong_declared_charset_falls_back_to_detection() -> None:
    arabic = "قال الوزير إن الاجتماع عقد في عمان"
    body = f"<html><body><p>{arabic}</p></body></html>".encode("cp1256")

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body, headers={"content-type": "text/html; charset=utf-8"})

    result = fetch_url("http://w.example/", transport=httpx.MockTransport(handler))
    assert result.text == arabic
    assert result.encoding == "windows-1256"


def test_binary_body_without_content_type_is_not_text() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"\x00\x01\x02" * 100)

    result = fetch_url("http://b.example/", transport=httpx.MockTransport(handler))
    assert result.error == "not text (content type not given, binary body)"
