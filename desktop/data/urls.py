"""Web addresses from feeds and provider files: cleaning on the way in (pure, no I/O).

The one place that decides what a stored website may be. The UI's link allow-list
(``desktop.ui.actions``) asks this module too, so a link is judged the same way
wherever it is shown or opened.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit


def _s(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def clean_url(value: Any) -> str:
    """A website as stored: ``https://…`` (``www.`` gets ``https://``), else ''."""
    url = _s(value)
    if url.lower().startswith("www."):
        url = "https://" + url
    return url if url.lower().startswith("https://") and " " not in url else ""


# -- judging a link before it is opened ------------------------------------------------------
# A minimal judge written by helper net-sec for the UI's one allow-list (review F7); helper
# clean writes the full one in parallel with exactly this shape, and the lead keeps clean's.
@dataclass(frozen=True)
class UrlVerdict:
    allowed: bool  # may be opened at all
    insecure: bool  # http: the user is told it is not a secure site before it opens
    shown: str  # the address as shown and opened: the host in punycode (ASCII)
    reason: str  # why it is refused; for an allowed one, a caution to show first (or '')


_UNSAFE_CHARS = set('"<>\\^`{|}')


def _refused(text: str, reason: str) -> UrlVerdict:
    return UrlVerdict(False, False, text, reason)


def judge(url: Any) -> UrlVerdict:
    """May ``url`` be opened, and how should it be shown? Only ``https:`` and ``http:``."""
    text = url.strip() if isinstance(url, str) else ""
    if not text:
        return _refused("", "there is no address")
    if any(
        ord(c) <= 0x20 or ord(c) == 0x7F or c in _UNSAFE_CHARS or unicodedata.category(c) == "Cf"
        for c in text
    ):
        return _refused(text, "the address has spaces, quotes or hidden characters in it")
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in ("https", "http"):
        return _refused(text, "only web addresses (https://) are opened")
    if "@" in parts.netloc:
        return _refused(
            text, "the address has a name and '@' before the site, a trick to hide where it goes"
        )
    try:
        port = parts.port
        host = parts.hostname or ""
        ascii_host = host.encode("idna").decode("ascii").lower() if host else ""
    except (ValueError, UnicodeError):
        return _refused(text, "the site name or port in the address cannot be read")
    if not ascii_host or ascii_host.startswith(".") or ".." in ascii_host:
        return _refused(text, "the address has no site name")
    netloc = f"[{ascii_host}]" if ":" in ascii_host else ascii_host
    if port is not None:
        netloc += f":{port}"
    shown = urlunsplit((scheme, netloc, parts.path, parts.query, parts.fragment))
    foreign = ascii_host != host.lower() or any(
        label.startswith("xn--") for label in ascii_host.split(".")
    )
    caution = (
        f"its site name uses letters from other alphabets, so it may not be the site it "
        f"looks like: it is really {ascii_host}"
        if foreign
        else ""
    )
    return UrlVerdict(True, scheme == "http", shown, caution)
