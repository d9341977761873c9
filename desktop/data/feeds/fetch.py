"""The app's only network code: careful HTTPS GETs for a refresh the user asked for.

urllib with ``truststore`` (the operating system's certificate store, so TLS-inspecting
proxies on council laptops work) and urllib's own proxy discovery (``getproxies()``:
the ``https_proxy``/``no_proxy`` environment, the Windows registry's static proxy, the
macOS system settings; PAC scripts are not run). See docs/decisions.md.

Rules: only ``https:`` URLs, plus ``http:`` to the loopback address (tests); redirects
are followed only to allowed URLs, at most ``max_redirects`` times and never in a loop;
every body is read in chunks against a size budget; 429 and 5xx are retried with
backoff, honouring ``Retry-After`` up to a ceiling.
"""

from __future__ import annotations

import email.utils
import ipaddress
import logging
import ssl
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from desktop import APP_NAME, __version__

log = logging.getLogger(__name__)

USER_AGENT = f"{APP_NAME.replace(' ', '')}/{__version__} (Local Offer refresh)"
RETRY_STATUSES = {429, 500, 502, 503, 504}


class FetchError(Exception):
    """A request failed; the message is one sentence the user can act on."""


@dataclass
class Limits:
    timeout: float = 30.0  # seconds per request (connect and each read)
    max_total_bytes: int = 300 * 1024 * 1024  # all responses of one refresh together
    max_pages: int = 2000
    max_record_chars: int = 5_000_000
    max_redirects: int = 5
    retries: int = 3
    backoff: float = 1.0  # first retry wait in seconds, doubled each time
    max_retry_wait: float = 60.0
    per_page: int = 500
    detail_workers: int = 4


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_url(url: str) -> str:
    """The URL if the app may fetch it; otherwise FetchError saying why."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "https" and parts.hostname:
        return url
    if scheme == "http" and parts.hostname and is_loopback(parts.hostname):
        return url
    if scheme == "http":
        raise FetchError(f"{url} is not a secure (https:) address; ask the publisher for one.")
    raise FetchError(f"{url} is not a web address the app can fetch (it must start https://).")


class _Redirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.chain: list[str] = []

    def redirect_request(
        self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> Any:
        check_url(newurl)
        if newurl in self.chain or newurl == req.full_url:
            raise FetchError(f"The server at {newurl} redirects in a loop; tell the publisher.")
        self.chain.append(newurl)
        if len(self.chain) > self.limits.max_redirects:
            raise FetchError(f"Too many redirects from {req.full_url}; tell the publisher.")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _ssl_context() -> ssl.SSLContext:
    try:
        import truststore

        return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    except Exception:  # pragma: no cover - only when truststore cannot load on this OS
        log.warning("truststore unavailable: using Python's default certificates")
        return ssl.create_default_context()


@dataclass
class Fetcher:
    """Fetches bodies within one shared budget; safe to share between the detail threads.

    ``bytes_read`` and ``requests`` change only under ``_lock``, and the budget check and
    the count happen together, so concurrent reads never lose bytes or overshoot the cap.
    """

    limits: Limits = field(default_factory=Limits)
    cancelled: Callable[[], bool] = lambda: False
    sleep: Callable[[float], None] = time.sleep
    bytes_read: int = 0
    requests: int = 0
    last_modified: str = ""  # ISO date of the newest Last-Modified header seen, '' if none
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def get(self, url: str) -> bytes:
        check_url(url)
        attempt = 0
        while True:
            if self.cancelled():
                raise FetchCancelled()
            try:
                return self._get_once(url)
            except urllib.error.HTTPError as exc:
                exc.close()  # its body is not needed; do not leave the socket to the GC
                if exc.code in RETRY_STATUSES and attempt < self.limits.retries:
                    wait = self._retry_wait(exc, attempt)
                    log.info("HTTP %s from %s: retrying in %.1f s", exc.code, url, wait)
                    attempt += 1
                    self._wait(wait)
                    continue
                raise FetchError(_http_message(url, exc.code)) from exc
            except FetchError:
                raise
            except (TimeoutError, ssl.SSLError, urllib.error.URLError, OSError) as exc:
                reason = getattr(exc, "reason", exc)
                if isinstance(reason, FetchError):
                    raise reason from exc
                raise FetchError(_network_message(url, reason)) from exc

    def _wait(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            if self.cancelled():
                raise FetchCancelled()
            self.sleep(min(left, 0.2))

    def _retry_wait(self, exc: urllib.error.HTTPError, attempt: int) -> float:
        wait = self.limits.backoff * (2**attempt)
        header = exc.headers.get("Retry-After") if exc.headers else None
        if header:
            try:
                wait = float(header)
            except ValueError:
                try:  # an HTTP date; anything else keeps the usual back-off
                    wait = email.utils.parsedate_to_datetime(header).timestamp() - time.time()
                except (TypeError, ValueError):
                    log.info("unreadable Retry-After %r: waiting %.1f s", header, wait)
        return max(0.0, min(wait, self.limits.max_retry_wait))

    def _get_once(self, url: str) -> bytes:
        opener = urllib.request.build_opener(
            _Redirects(self.limits), urllib.request.HTTPSHandler(context=_ssl_context())
        )
        request = urllib.request.Request(
            url, headers={"User-Agent": USER_AGENT, "Accept": "application/json"}
        )
        with self._lock:
            self.requests += 1
        with opener.open(request, timeout=self.limits.timeout) as response:
            self._note_last_modified(response.headers.get("Last-Modified"))
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and self._over(int(length)):
                raise self._too_big()
            chunks = []
            while chunk := response.read(1 << 16):
                if self.cancelled():
                    raise FetchCancelled()
                self.count(len(chunk))
                chunks.append(chunk)
        return b"".join(chunks)

    def _note_last_modified(self, header: str | None) -> None:
        """Keep the newest Last-Modified date: the data's own date when records carry none."""
        try:
            when = email.utils.parsedate_to_datetime(header).date().isoformat() if header else ""
        except (TypeError, ValueError, IndexError, OverflowError):
            when = ""
        with self._lock:
            self.last_modified = max(self.last_modified, when)

    def count(self, n: int) -> None:
        """Add ``n`` bytes to the shared budget, or raise FetchError if that would pass the cap."""
        with self._lock:
            self.bytes_read += n
            over = self.bytes_read > self.limits.max_total_bytes
        if over:
            raise self._too_big()

    def _over(self, extra: int) -> bool:
        with self._lock:
            return self.bytes_read + extra > self.limits.max_total_bytes

    def _too_big(self) -> FetchError:
        mb = self.limits.max_total_bytes / 1024 / 1024
        return FetchError(
            f"The export is larger than the {mb:,.0f} MB limit; ask IT to raise it or use a file."
        )


class FetchCancelled(Exception):
    pass


def _http_message(url: str, code: int) -> str:
    if code == 404:
        return f"The server has no Local Offer at {url} (error 404): check the address."
    if code in (401, 403):
        return f"The server refused access to {url} (error {code}): ask the publisher or IT."
    if code == 429:
        return f"The server at {url} is busy (error 429): try again later."
    if code >= 500:
        return f"The server at {url} failed (error {code}): try again later or use a file."
    return f"The server at {url} answered with error {code}: check the address."


def _network_message(url: str, reason: object) -> str:
    host = urlsplit(url).hostname or url
    if isinstance(reason, TimeoutError) or "timed out" in str(reason):
        return f"{host} took too long to answer: try again later, or refresh from a file."
    if isinstance(reason, ssl.SSLError):
        return f"The secure connection to {host} failed ({reason}): ask IT to check the network."
    return f"Cannot reach {host} ({reason}): check the network connection, or refresh from a file."
