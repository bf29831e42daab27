"""Hostile source URLs: refused up front with one clear line, and never fetched from private addresses."""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from test_fetch import PageServer, running_server

from cli import main
from factcheck.errors import InvalidValueError
from sources.fetch import FetchOptions, fetch_url
from sources.urls import IPAddress, address_problem, check_url, literal_address


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://[::1", "not closed"),
        ("http://a b/", "contains a space"),
        ("http://a:99999/", "port 99999 is out of range"),
        ("http://ex%41mple.com/", "not a valid host name"),
        ("http://1.2.3.4.5/", "not a valid host name"),
        ("ftp://example.org/", "scheme 'ftp' is not fetched"),
        ("http:///path", "no host name"),
        ("http://example.org/\x1b[31m", "a URL has no spaces or control characters"),
        ("", "empty"),
    ],
)
def test_bad_urls_are_refused_with_their_reason(url: str, reason: str) -> None:
    with pytest.raises(InvalidValueError, match="bad URL") as caught:
        check_url(url)
    assert reason in str(caught.value)


def test_good_urls_pass() -> None:
    assert check_url(" https://example.org/a?b=c ").host == "example.org"
    assert check_url("http://[2001:db8::1]:8080/").port == 8080
    assert check_url("https://موقع.مثال/خبر").raw_host.startswith(b"xn--")


@pytest.mark.parametrize(
    ("host", "problem"),
    [
        ("127.0.0.1", "a loopback address"),
        ("127.1", "a loopback address"),
        ("2130706433", "a loopback address"),
        ("0x7f000001", "a loopback address"),
        ("::1", "a loopback address"),
        ("10.1.2.3", "a private network address"),
        ("192.168.0.10", "a private network address"),
        ("fc00::5", "a private network address"),
        ("::ffff:10.0.0.1", "a private network address"),
        ("169.254.169.254", "a cloud metadata address"),
        ("fd00:ec2::254", "a cloud metadata address"),
        ("169.254.1.1", "a link-local address"),
        ("fe80::1", "a link-local address"),
        ("100.64.0.1", "not a public address"),
        ("0.0.0.0", "a private network address"),
        ("93.184.216.34", None),
        ("2606:4700::1111", None),
    ],
)
def test_addresses_are_judged_by_what_they_mean(host: str, problem: str | None) -> None:
    address = literal_address(host)
    assert address is not None
    assert address_problem(address) == problem


def _redirecting(target: str) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "news.example":
            return httpx.Response(302, headers={"location": target})
        return httpx.Response(200, text="<p>secret</p>", headers={"content-type": "text/html"})

    return httpx.MockTransport(handler)


@pytest.mark.parametrize(
    "target",
    ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.7/admin", "http://[::1]:8080/", "http://127.1/"],
)
def test_a_redirect_to_a_private_address_is_refused_at_that_hop(target: str) -> None:
    result = fetch_url("http://news.example/story", transport=_redirecting(target))
    assert result.error is not None and result.error.startswith("refused: redirected to ")
    assert "--allow-private" in result.error and result.text is None
    allowed = fetch_url(
        "http://news.example/story", transport=_redirecting(target), options=FetchOptions(allow_private=True)
    )
    assert allowed.ok and allowed.text == "secret"


@pytest.fixture
def web() -> Iterator[PageServer]:
    with running_server() as server:
        yield server


def test_names_are_resolved_before_fetching(web: PageServer) -> None:
    port = web.server_address[1]
    result = fetch_url(f"http://localhost:{port}/page")
    assert result.error == (
        "refused: localhost (127.0.0.1) is a loopback address; "
        "only public addresses are fetched (give --allow-private for a desk's intranet)"
    )
    assert web.seen == []  # nothing reached the server
    assert fetch_url(f"http://localhost:{port}/page", options=FetchOptions(allow_private=True)).ok


def _cli(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def claim_db(tmp_path: Path, corpus_dir: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    db = tmp_path / "f.db"
    assert _cli(capsys, db, "import", str(corpus_dir / "en_defence_delegation.txt"))[0] == 0
    return db


@pytest.mark.parametrize("offline", [False, True])
@pytest.mark.parametrize("url", ["http://[::1", "http://a b/", "https://example.org:99999/"])
def test_source_add_refuses_a_bad_url_in_one_line_and_stores_nothing(
    claim_db: Path, capsys: pytest.CaptureFixture[str], url: str, offline: bool
) -> None:
    code, _, err = _cli(capsys, claim_db, "source", "add", "1", url, *(["--offline"] if offline else []))
    assert code == 1
    assert err.startswith("factcheck: error: bad URL ") and err.count("\n") == 1
    assert json.loads(_cli(capsys, claim_db, "sources", "--json")[1]) == []


def test_a_private_source_is_attached_with_its_reason_and_fetched_once_allowed(
    claim_db: Path, capsys: pytest.CaptureFixture[str], web: PageServer
) -> None:
    url = web.url("/page")
    code, _, err = _cli(capsys, claim_db, "source", "add", "1", url)
    assert code == 0 and "refused: 127.0.0.1 is a loopback address" in err
    assert "factcheck source retry 1 --allow-private" in err and web.seen == []
    code, out, _ = _cli(capsys, claim_db, "source", "retry", "1", "--json", "--allow-private")
    assert code == 0 and json.loads(out)[0]["error"] is None
    assert [path for path, _ in web.seen] == ["/page"]


def test_the_connected_address_is_checked_before_the_request_is_sent(
    web: PageServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def public(host: str, port: int) -> list[IPAddress]:  # DNS rebinding: our lookup sees a public address
        return [ipaddress.ip_address("93.184.216.34")]

    monkeypatch.setattr("sources.urls.resolve_host", public)
    result = fetch_url(f"http://localhost:{web.server_address[1]}/page")
    assert result.error is not None
    assert result.error.startswith("refused: localhost (127.0.0.1) is a loopback address")
    assert web.seen == []  # refused after connecting, before a byte of the request was sent
