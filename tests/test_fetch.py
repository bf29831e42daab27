"""Fetching against a real HTTP server on 127.0.0.1: redirects, slow and huge pages, types, encodings."""

from __future__ import annotations

import hashlib
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from factcheck.errors import UnreadableFileError
from sources.fetch import USER_AGENT, FetchOptions, fetch_sources, fetch_url, read_local_source

ARABIC = "عقد وزراء خارجية الدول الخمس اجتماعاً في عمّان يوم الأحد 9 آذار لبحث الأوضاع في سوريا."
ARABIC_HTML = f"<html><head><title>اجتماع عمّان</title></head><body><article><p>{ARABIC}</p></article></body></html>"
PAGE_HTML = "<html><head><title>Defence talks</title></head><body><p>The delegation met on Monday.</p></body></html>"
FAST = FetchOptions(timeout=2.0, total_timeout=5.0, allow_private=True)  # the test server is on 127.0.0.1


class PageHandler(BaseHTTPRequestHandler):
    """Routes for every case the fetcher must handle; ``server.seen`` records what clients sent."""

    server: PageServer
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass

    def _send(self, status: int, body: bytes, content_type: str | None, **headers: str) -> None:
        self.send_response(status)
        if content_type is not None:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        # the client gives up first on timeouts and size caps: expected, not a server error
        with suppress(BrokenPipeError, ConnectionResetError):
            self._route()

    def _route(self) -> None:
        path = self.path
        self.server.seen.append((path, self.headers.get("User-Agent", "")))
        if path == "/page":
            self._send(200, PAGE_HTML.encode(), "text/html; charset=utf-8")
        elif path == "/changing":
            self.server.version += 1
            body = f"<html><body><p>Revision {self.server.version}</p></body></html>"
            self._send(200, body.encode(), "text/html")
        elif path == "/ar-header":
            self._send(200, ARABIC_HTML.encode("cp1256"), "text/html; charset=windows-1256")
        elif path == "/ar-bare":
            self._send(200, ARABIC_HTML.encode("cp1256"), "text/html")
        elif path == "/ar-plain":
            self._send(200, ARABIC.encode("cp1256"), "text/plain")
        elif path == "/ar-meta":
            html = ARABIC_HTML.replace("<head>", '<head><meta charset="windows-1256">')
            self._send(200, html.encode("cp1256"), "text/html")
        elif path == "/no-type":
            self._send(200, PAGE_HTML.encode(), None)
        elif path.startswith("/hop/"):
            left = int(path.rsplit("/", 1)[1])
            self._redirect(f"/hop/{left - 1}" if left > 1 else "/page")
        elif path == "/loop-a":
            self._redirect("/loop-b")
        elif path == "/loop-b":
            self._redirect("/loop-a")
        elif path == "/to-ftp":
            self._redirect("ftp://127.0.0.1/file.txt")
        elif path == "/slow":
            time.sleep(1.0)
            self._send(200, PAGE_HTML.encode(), "text/html")
        elif path == "/huge-declared":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(50 * 1024 * 1024))
            self.end_headers()
        elif path == "/huge-stream":
            self._stream_forever()
        elif path == "/png":
            self._send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")
        elif path == "/octet":
            self._send(200, b"\x00\x01\x02binary", "application/octet-stream")
        elif path == "/500":
            self._send(500, b"oops", "text/plain")
        else:
            self._send(404, b"no such page", "text/plain")

    def _stream_forever(self) -> None:
        """A body with no length that would go on for 100 MB: the client must hang up early."""
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.end_headers()
        chunk = b"lorem ipsum " * 5461  # about 64 KiB
        try:
            while self.server.streamed < 100 * 1024 * 1024:
                self.wfile.write(chunk)
                self.server.streamed += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass


class PageServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), PageHandler)
        self.seen: list[tuple[str, str]] = []
        self.streamed = 0
        self.version = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path


@contextmanager
def running_server() -> Iterator[PageServer]:
    """A PageServer answering on a thread for the duration of the block."""
    server = PageServer()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def page_server() -> Iterator[PageServer]:
    with running_server() as server:
        yield server


def test_fetches_an_html_page_with_title_text_hash_and_user_agent(page_server: PageServer) -> None:
    result = fetch_url(page_server.url("/page"), options=FAST)
    assert result.ok, result.error
    assert result.http_status == 200
    assert result.title == "Defence talks"
    assert result.text == "The delegation met on Monday."
    assert result.sha256 == hashlib.sha256(PAGE_HTML.encode()).hexdigest()
    assert result.content_type == "text/html; charset=utf-8"
    assert page_server.seen == [("/page", USER_AGENT)]
    assert USER_AGENT.startswith("factcheck/") and "fact-checking workbench" in USER_AGENT


@pytest.mark.parametrize("path", ["/ar-header", "/ar-bare", "/ar-meta"])
def test_windows_1256_pages_come_out_right(page_server: PageServer, path: str) -> None:
    result = fetch_url(page_server.url(path), options=FAST)
    assert result.ok, result.error
    assert result.text == ARABIC
    assert result.title == "اجتماع عمّان"
    assert result.encoding == "windows-1256"


def test_windows_1256_plain_text_without_charset(page_server: PageServer) -> None:
    result = fetch_url(page_server.url("/ar-plain"), options=FAST)
    assert result.text == ARABIC
    assert result.title is None
    assert result.encoding == "windows-1256"


def test_page_without_content_type_is_sniffed(page_server: PageServer) -> None:
    result = fetch_url(page_server.url("/no-type"), options=FAST)
    assert result.ok, result.error
    assert result.title == "Defence talks"


def test_follows_up_to_five_redirects_and_records_the_final_url(page_server: PageServer) -> None:
    result = fetch_url(page_server.url("/hop/5"), options=FAST)
    assert result.ok, result.error
    assert result.final_url == page_server.url("/page")
    assert result.text == "The delegation met on Monday."


def test_six_redirects_are_too_many(page_server: PageServer) -> None:
    result = fetch_url(page_server.url("/hop/6"), options=FAST)
    assert result.error == "too many redirects (more than 5)"
    assert result.text is None


def test_redirect_loop_is_named(page_server: PageServer) -> None:
    result = fetch_url(page_server.url("/loop-a"), options=FAST)
    assert result.error is not None and result.error.startswith("redirect loop")
    assert "/loop-a" in result.error
    assert [p for p, _ in page_server.seen] == ["/loop-a", "/loop-b"]


def test_redirect_to_another_scheme_is_refused(page_server: PageServer) -> None:
    result = fetch_url(page_server.url("/to-ftp"), options=FAST)
    assert result.error is not None and "only http and https" in result.error


def test_slow_server_times_out(page_server: PageServer) -> None:
    started = time.monotonic()
    result = fetch_url(page_server.url("/slow"), options=FetchOptions(timeout=0.3, total_timeout=2, allow_private=True))
    assert result.error == "timed out waiting for the server (after 0.3 s)"
    assert time.monotonic() - started < 0.9


def test_total_deadline_bounds_the_whole_fetch(page_server: PageServer) -> None:
    result = fetch_url(page_server.url("/slow"), options=FetchOptions(timeout=5, total_timeout=0.3, allow_private=True))
    assert result.error is not None and result.error.startswith("timed out (the whole fetch")


def test_declared_huge_body_is_refused_before_reading(page_server: PageServer) -> None:
    result = fetch_url(
        page_server.url("/huge-declared"), options=FetchOptions(max_bytes=1024 * 1024, allow_private=True)
    )
    assert result.error == "too large: 50.0 MB, the limit is 1.0 MB"
    assert result.http_status == 200


def test_streamed_huge_body_is_abandoned_at_the_cap(page_server: PageServer) -> None:
    result = fetch_url(
        page_server.url("/huge-stream"), options=FetchOptions(max_bytes=200_000, total_timeout=10, allow_private=True)
    )
    assert result.error == "too large: more than 200000 bytes"
    time.sleep(0.1)  # let the server notice the hang-up
    assert page_server.streamed < 20 * 1024 * 1024  # far from the 100 MB it would have sent


@pytest.mark.parametrize(("path", "kind"), [("/png", "image/png"), ("/octet", "application/octet-stream")])
def test_wrong_content_types_are_not_text(page_server: PageServer, path: str, kind: str) -> None:
    result = fetch_url(page_server.url(path), options=FAST)
    assert result.error == f"not text (content type {kind})"
    assert result.text is None and result.sha256 is None


def test_http_errors_have_readable_reasons(page_server: PageServer) -> None:
    missing, broken = fetch_sources([page_server.url("/nope"), page_server.url("/500")], options=FAST)
    assert missing.error == "not found (HTTP 404 Not Found)"
    assert missing.http_status == 404
    assert broken.error == "server error (HTTP 500 Internal Server Error)"


def test_connection_refused() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = fetch_url(f"http://127.0.0.1:{port}/", options=FAST)
    assert result.error == f"connection refused by 127.0.0.1:{port}"


def test_tls_failure_is_named(page_server: PageServer) -> None:
    result = fetch_url(page_server.base.replace("http://", "https://") + "/page", options=FAST)
    assert result.error is not None and result.error.startswith("TLS error talking to 127.0.0.1")


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("ftp://example.org/file", "only http and https"),
        ("file:///etc/passwd", "only http and https"),
        ("example.org/page", "no scheme"),
        ("http://", "no host name"),
    ],
)
def test_bad_urls_are_refused_without_network(url: str, words: str) -> None:
    result = fetch_url(url, options=FAST)
    assert result.error is not None and result.error.startswith("bad URL") and words in result.error


def test_concurrent_fetch_keeps_input_order(page_server: PageServer) -> None:
    urls = [page_server.url(p) for p in ("/ar-header", "/page", "/nope", "/hop/2")]
    results = fetch_sources(urls, options=FAST)
    assert [r.url for r in results] == urls
    assert [r.ok for r in results] == [True, True, False, True]


def test_local_files_read_as_sources(tmp_path: Path, corpus_dir: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(ARABIC_HTML.encode("cp1256"))
    result = read_local_source(page)
    assert result.text == ARABIC and result.title == "اجتماع عمّان"
    assert result.url == page.resolve().as_uri()
    assert result.sha256 == hashlib.sha256(page.read_bytes()).hexdigest()
    article = read_local_source(corpus_dir / "en_defence_delegation.txt")
    assert article.text == (corpus_dir / "en_defence_delegation.txt").read_text(encoding="utf-8")
    with pytest.raises(UnreadableFileError, match="no such file"):
        read_local_source(tmp_path / "missing.txt")
