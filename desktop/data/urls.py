"""Links from feeds and provider files: what may be stored, and what may be opened (pure).

``clean_url`` decides what a stored website may be; ``judge`` is the one allow-list for
every place a link can be opened (the Website button, the details panes, message boxes):
callers open ``verdict.shown``, never the text they were given. Both refuse user-info
(``https://good.example.org@evil.example/``), empty hosts and hidden or quoting
characters, and show an international host in the punycode form that will actually be
contacted (``https://аpple.com/`` → ``https://xn--pple-43d.com/``). docs/decisions.md
("Cleaning: text, phones, links, e-mails") says why bare domains get ``https://``.
"""

from __future__ import annotations

import functools
import ipaddress
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from desktop.data.emails import is_email

MAX_URL = 2_000  # longer is not a website anyone typed; it is data or an attack
WEB_SCHEMES = ("https", "http")

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]{0,31}):")
# 'example.org', 'www.example.org/x', 'example.org:8080/path?q': a dotted name whose last
# label starts with a letter, nothing before it.
_BARE = re.compile(r"^(?:[^\W_][\w-]*\.)+[^\W\d_][\w-]*\.?(?::\d{1,5})?(?:[/?#].*)?$", re.S)
# Never in a link we store or open: whitespace, quotes, angle brackets, backslash (browsers
# read it as '/'), backtick, controls, invisible and direction characters, lone surrogates.
_BAD_CHARS = re.compile(
    "[\\s\"'<>\\\\`\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff\ud800-\udfff]"
)
# The same, less the apostrophe: O'Brien's address is a real one (escaped wherever shown).
_BAD_IN_MAILTO = re.compile(_BAD_CHARS.pattern.replace("'", ""))
_ASCII_LABEL = re.compile(r"^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$")
_NUMERIC_LABEL = re.compile(r"^(?:0x[0-9a-f]*|\d+)$")
# Printable ASCII that may stay as it is in a path, query or fragment (the rest, and any
# non-ASCII text, is percent-encoded; '%' stays so an encoded link is not encoded twice).
_SAFE_IN_PATH = "!#$%&()*+,-./:;=?@[]_~"
_TEL = re.compile(r"^tel:\+([1-9]\d{6,14})(?:;ext=\d{1,6})?$", re.I)
_MAILTO_FIELDS = frozenset({"subject", "body"})


@dataclass(frozen=True)
class UrlVerdict:
    allowed: bool
    insecure: bool = False  # http: the UI says the site is not secure before opening it
    shown: str = ""  # the link to show and to open (punycode host); '' when refused
    # One sentence: why it was refused, or (allowed) a caution the UI shows before opening,
    # e.g. a site name in another alphabet that is really its punycode form.
    reason: str = ""


def clean_url(value: Any) -> str:
    """A website as stored: ``https://`` or ``http://`` with a checked host; a bare domain
    ('example.org', 'www.example.org/x') gets ``https://``; anything else ''."""
    text = value.strip() if isinstance(value, str) else ""
    if not text or len(text) > MAX_URL:
        return ""
    scheme = _SCHEME.match(text)
    if text.startswith("//"):
        text = "https:" + text
    elif not (scheme and scheme.group(1).lower() in WEB_SCHEMES):
        if not _BARE.match(text):
            return ""
        text = "https://" + text
    return _web(text)[0]


def judge(url: Any) -> UrlVerdict:
    """Whether a link may be opened, how to show it, and if not, why (one sentence)."""
    text = url.strip() if isinstance(url, str) else ""
    match = _SCHEME.match(text)
    if not match:
        return _refused("This is not a link the app can open.")
    scheme = match.group(1).lower()
    if scheme in WEB_SCHEMES:
        shown, reason = _web(text)
        if not shown:
            return _refused(reason)
        host = urlsplit(shown).hostname or ""
        caution = ""
        if any(label.startswith("xn--") for label in host.split(".")):
            caution = f"This site's name uses letters from another alphabet: it is really {host}."
        return UrlVerdict(True, insecure=scheme == "http", shown=shown, reason=caution)
    if scheme == "tel":
        return _judge_tel(text)
    if scheme == "mailto":
        return _judge_mailto(text)
    return _refused(f"Links that start with “{scheme}:” are not opened by this app.")


def ascii_host(host: str) -> str:
    """A host name in lower case with international labels in punycode ('' when invalid)."""
    host = host.lower().removesuffix(".")
    if not host or len(host) > 253:
        return ""
    if not host.isascii():
        try:
            import idna

            host = idna.encode(host, uts46=True, transitional=False).decode("ascii")
        except (UnicodeError, ValueError):  # idna.IDNAError is a UnicodeError
            return ""
    labels = host.split(".")
    if not all(_ASCII_LABEL.match(label) for label in labels):
        return ""
    if any(label.startswith("xn--") for label in labels) and not _punycode_ok(labels):
        return ""
    return host


def _punycode_ok(labels: list[str]) -> bool:
    import idna

    try:
        for label in labels:
            if label.startswith("xn--"):
                idna.decode(label)
    except (UnicodeError, ValueError):
        return False
    return True


# Most feed websites: a web scheme, a plain host and a path of unreserved characters. For
# these ``_web_general`` would lower-case the scheme, check the host and change nothing else
# (urlsplit finds no port, user or query; quote keeps every character), so ``_web`` builds
# the same link without them (tests/test_urls_fast_path.py compares the two).
_SIMPLE_WEB = re.compile(r"(https?)://([A-Za-z0-9.-]+)(/[A-Za-z0-9._~/-]*)?", re.IGNORECASE)


def _web(text: str) -> tuple[str, str]:
    """(the link as stored and shown, '') or ('', why it is refused)."""
    simple = _SIMPLE_WEB.fullmatch(text) if len(text) <= MAX_URL else None
    if simple:
        netloc = simple.group(2)
        host = _host(netloc, netloc.lower())
        if host:
            return f"{simple.group(1).lower()}://{host}{simple.group(3) or ''}", ""
    return _web_general(text)


def _web_general(text: str) -> tuple[str, str]:
    if len(text) > MAX_URL:
        return "", "This web address is too long to be a real one."
    if _BAD_CHARS.search(text):
        return "", "This web address has spaces, quotes or hidden characters in it."
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return "", "This web address is not written correctly."
    scheme = parts.scheme.lower()
    if scheme not in WEB_SCHEMES:
        return "", "Only https: and http: web addresses are opened."
    if "@" in parts.netloc:
        return "", "This web address names a user before its site, which can disguise where it goes."
    host = _host(parts.netloc, parts.hostname or "")
    if not host:
        return "", "This web address has no valid site name in it."
    netloc = host if port is None else f"{host}:{port}"
    link = f"{scheme}://{netloc}{_encode(parts.path)}"
    if parts.query:
        link += "?" + _encode(parts.query)
    if parts.fragment:
        link += "#" + _encode(parts.fragment)
    return link, ""


@functools.lru_cache(maxsize=4096)  # a feed's links share a few hosts (pure: text to text)
def _host(netloc: str, hostname: str) -> str:
    if netloc.startswith("["):  # an IPv6 literal
        try:
            return f"[{ipaddress.IPv6Address(hostname).compressed}]"
        except ValueError:
            return ""
    host = ascii_host(hostname)
    if host and _NUMERIC_LABEL.match(host.rsplit(".", 1)[-1]):
        # Browsers read a name ending in a number as an IPv4 address ('2130706433',
        # '0x7f.1' both mean 127.0.0.1): only the plain dotted form is accepted.
        try:
            return str(ipaddress.IPv4Address(host))
        except ValueError:
            return ""
    return host


def _encode(part: str) -> str:
    return quote(part, safe=_SAFE_IN_PATH)


def _judge_tel(text: str) -> UrlVerdict:
    match = _TEL.match(text)
    if not match:
        return _refused("This phone link is not a full international number.")
    if match.group(1).startswith("449"):
        return _refused("This is a premium-rate number, so the app does not dial it.")
    return UrlVerdict(True, shown="tel:" + text[4:])


def _judge_mailto(text: str) -> UrlVerdict:
    refused = _refused("This e-mail link is not one plain address, so it is not opened.")
    if len(text) > MAX_URL * 16 or _BAD_IN_MAILTO.search(text):
        return refused
    address, _, query = text[7:].partition("?")
    if not is_email(unquote(address)) or "%" in unquote(address):
        return refused
    seen: set[str] = set()
    for field in query.split("&") if query else ():
        key, _, value = field.partition("=")
        key = unquote(key).lower()
        if key not in _MAILTO_FIELDS or key in seen:
            return refused  # cc, bcc, to or another header: more than the one address
        seen.add(key)
        if key == "subject" and any(c in unquote(value) for c in "\r\n"):
            return refused
    return UrlVerdict(True, shown="mailto:" + text[7:])


def _refused(reason: str) -> UrlVerdict:
    return UrlVerdict(False, reason=reason)
