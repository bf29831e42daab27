"""Source URLs: which strings are web addresses, and which network addresses a fetch may reach.

A URL inside an article is untrusted input. ``check_url`` refuses what cannot be fetched (no host, a
space in the host, port 99999, an unclosed ``[::1``) before anything is stored, with one clear reason.
``address_problem`` names loopback, private, link-local and cloud-metadata addresses, which a fetch
refuses unless the desk allows its intranet (``--allow-private``); legacy IPv4 spellings such as
``127.1`` or ``2130706433`` and IPv4 inside IPv6 (``::ffff:10.0.0.1``) are read as what they mean.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
import unicodedata

import httpx

from factcheck.errors import InvalidValueError

__all__ = [
    "MAX_URL_LENGTH",
    "IPAddress",
    "address_problem",
    "check_url",
    "literal_address",
    "peer_problem",
    "private_problem",
    "resolve_host",
]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
MAX_URL_LENGTH = 8192
_LABEL_RE = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?")
_BIDI_MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
_METADATA = {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def check_url(raw: str, *, redirect: bool = False) -> httpx.URL:
    """``raw`` as an http(s) URL with a valid host and port, or an ``InvalidValueError`` saying why."""
    what = "redirected to" if redirect else "bad URL"
    url = raw.strip().strip(_BIDI_MARKS).strip()
    if not url:
        raise InvalidValueError(f"{what} {raw!r}: empty; give a full http:// or https:// address")
    if len(url) > MAX_URL_LENGTH:
        raise InvalidValueError(f"{what} {url[:60]!r}…: longer than {MAX_URL_LENGTH} characters")
    odd = next((c for c in url if c.isspace() or unicodedata.category(c).startswith("C")), None)
    if odd is not None:
        name = unicodedata.name(odd, f"U+{ord(odd):04X}").lower()
        raise InvalidValueError(f"{what} {url!r}: contains a {name}; a URL has no spaces or control characters")
    authority = url.split("://", 1)[-1].split("/", 1)[0]
    if authority.count("[") != authority.count("]"):
        raise InvalidValueError(f"{what} {url!r}: the IPv6 address in brackets is not closed with ']'")
    try:
        parsed = httpx.URL(url)
        port = parsed.port
        host = parsed.raw_host.decode("ascii")
    except (httpx.InvalidURL, ValueError, TypeError, UnicodeError) as exc:
        raise InvalidValueError(f"{what} {url!r}: {exc}") from None
    if not parsed.scheme:
        raise InvalidValueError(f"{what} {url!r}: no scheme; give a full http:// or https:// address")
    if parsed.scheme not in {"http", "https"}:
        raise InvalidValueError(f"{what} {url!r}: scheme {parsed.scheme!r} is not fetched; only http and https")
    if not host:
        raise InvalidValueError(f"{what} {url!r}: no host name")
    if port is not None and not 1 <= port <= 65535:
        raise InvalidValueError(f"{what} {url!r}: port {port} is out of range (1 to 65535)")
    if not _valid_host(host):
        raise InvalidValueError(f"{what} {url!r}: {host!r} is not a valid host name")
    return parsed


def _valid_host(host: str) -> bool:
    if ":" in host:  # an IPv6 literal (httpx has removed the brackets)
        try:
            ipaddress.IPv6Address(host.split("%", 1)[0])
        except ValueError:
            return False
        return True
    name = host[:-1] if host.endswith(".") else host
    labels = name.split(".")
    if len(name) > 253 or not all(_LABEL_RE.fullmatch(label) for label in labels):
        return False
    return not _numeric_tail(name) or literal_address(name) is not None


def _numeric_tail(host: str) -> bool:
    """A host whose last label is a number is an IPv4 address in some spelling, never a name."""
    last = host.rsplit(".", 1)[-1].lower()
    return last.isdigit() or (last.startswith("0x") and all(c in "0123456789abcdef" for c in last[2:]))


def literal_address(host: str) -> IPAddress | None:
    """The address ``host`` spells out (any IPv4 form a resolver accepts), or None for a name."""
    host = host.strip("[]").split("%", 1)[0]
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    name = host[:-1] if host.endswith(".") else host
    if name and _numeric_tail(name):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(name))
        except OSError:
            return None
    return None


def address_problem(address: IPAddress) -> str | None:
    """Why a fetch must not reach ``address`` unless private addresses are allowed (None: public)."""
    if isinstance(address, ipaddress.IPv6Address):
        if address in _METADATA:
            return "a cloud metadata address"
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            return address_problem(embedded)
    if address in _METADATA:
        return "a cloud metadata address"
    if address.is_loopback:
        return "a loopback address"
    if address.is_link_local:
        return "a link-local address"
    if address.is_private:
        return "a private network address"
    if not address.is_global or address.is_multicast:
        return "not a public address"
    return None


async def resolve_host(host: str, port: int) -> list[IPAddress]:
    """Every address ``host`` resolves to (``socket.gaierror`` when it does not)."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]


async def private_problem(url: httpx.URL, *, resolve: bool = True) -> str | None:
    """Why fetching ``url`` could reach a non-public address ("10.0.0.7 is a private network address"),
    or None. An IP literal is judged as written; a name is resolved (unless ``resolve`` is off, for a
    test transport that never touches the network) and refused if any of its addresses is not public.
    A name that does not resolve is a failed DNS lookup, said as such."""
    host = url.raw_host.decode("ascii")
    literal = literal_address(host)
    if literal is not None:
        addresses = [literal]
    elif not resolve:
        return None
    else:
        try:
            addresses = await resolve_host(host, url.port or (443 if url.scheme == "https" else 80))
        except (OSError, UnicodeError):
            return None  # the fetch itself fails and names the DNS failure
    for address in addresses:
        if (problem := _named_problem(host, address)) is not None:
            return problem
    return None


def peer_problem(url: httpx.URL, peer: str) -> str | None:
    """As ``private_problem``, for the address a connection actually reached."""
    address = literal_address(peer)
    return None if address is None else _named_problem(url.raw_host.decode("ascii"), address)


def _named_problem(host: str, address: IPAddress) -> str | None:
    problem = address_problem(address)
    if problem is None:
        return None
    return f"{host if literal_address(host) == address else f'{host} ({address})'} is {problem}"
