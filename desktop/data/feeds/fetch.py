"""The app's only network code: careful HTTPS GETs for a refresh the user asked for.

urllib with ``truststore`` (the operating system's certificate store, so TLS-inspecting
proxies on council laptops work) and urllib's own proxy discovery (``getproxies()``:
the ``https_proxy``/``no_proxy`` environment, the Windows registry's static proxy, the
macOS system settings; PAC scripts are not run). See docs/decisions.md.

Rules: only ``https:`` URLs, plus ``http:`` to the loopback address (tests); redirects
are followed only to allowed URLs, at most ``max_redirects`` times and never in a loop;
every body is read in small pieces (``read1``) against a size budget; 429 and 5xx are
retried with backoff, honouring ``Retry-After`` up to a ceiling. Each request (name
lookup, connect, redirects and every read) has an overall deadline, and Cancel shuts its
socket down within ``RequestWatch.poll`` seconds (``request_watch``, review F14). Every
failure, ``http.client``'s own exceptions and malformed addresses included, becomes one
sentence naming the host that failed (a redirect's target when it was the redirect).
"""

from __future__ import annotations

import email.utils
import errno
import http.client
import ipaddress
import logging
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from desktop import APP_NAME, __version__
from desktop.data.feeds.request_watch import RequestWatch, Tripped, handlers
from desktop.errors import UserError

log = logging.getLogger(__name__)

USER_AGENT = f"{APP_NAME.replace(' ', '')}/{__version__} (Local Offer refresh)"
RETRY_STATUSES = {429, 500, 502, 503, 504}
CHUNK = 1 << 16


class FetchError(UserError):
    """A request failed; the message is one sentence the user can act on."""


@dataclass
class Limits:
    timeout: float = 30.0  # seconds for the connection and for each single read
    deadline: float = 120.0  # seconds for a whole request: lookup, connect, redirects, body
    max_total_bytes: int = 300 * 1024 * 1024  # all responses of one refresh together
    max_pages: int = 2000
    max_record_chars: int = 5_000_000
    max_redirects: int = 5
    retries: int = 3
    backoff: float = 1.0  # first retry wait in seconds, doubled each time
    max_retry_wait: float = 60.0
    # Outpost-based directories refuse more than 200 a page ("Per page limit is 200").
    per_page: int = 200
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
    try:
        parts.port  # noqa: B018  # raises for a port out of range; getaddrinfo would wrap it
    except ValueError:
        raise FetchError(f"{url} has a port number that cannot be right: check it.") from None
    if scheme == "https" and parts.hostname:
        return url
    if scheme == "http" and parts.hostname and is_loopback(parts.hostname):
        return url
    if scheme == "http":
        raise FetchError(f"{url} is not a secure (https:) address; ask the publisher for one.")
    raise FetchError(f"{url} is not a web address the app can fetch (it must start https://).")


class _Redirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, limits: Limits, answered: Callable[[], None] = lambda: None) -> None:
        self.limits = limits
        self.chain: list[str] = []
        self.answered = answered

    def redirect_request(
        self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> Any:
        self.answered()  # a server did answer: the computer is online
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
    except (ImportError, OSError) as exc:  # truststore cannot load on this OS; a bug still raises
        log.warning("truststore unavailable (%s): using Python's default certificates", exc)
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
    answered: bool = False  # some server answered: a later lookup failure is not "offline"
    last_modified: str = ""  # ISO date of the newest Last-Modified header seen, '' if none
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def get(self, url: str, sink: Callable[[bytes], object] | None = None) -> bytes:
        """The body of ``url``; with ``sink`` each piece goes there instead (and b"" is
        returned), so a large file is never held whole. Retries happen only on an HTTP
        error status, before any of the body has been given to ``sink``."""
        check_url(url)
        attempt = 0
        while True:
            if self.cancelled():
                raise FetchCancelled()
            redirects = _Redirects(self.limits, self._answered)
            with RequestWatch(self.limits.deadline, self.cancelled) as watch:
                try:
                    return self._get_once(url, watch, redirects, sink)
                except urllib.error.HTTPError as exc:
                    exc.close()  # its body is not needed; do not leave the socket to the GC
                    self._answered()
                    failed = redirects.chain[-1] if redirects.chain else url
                    if 300 <= exc.code < 400 and (target := exc.headers.get("Location", "")):
                        # urllib refuses a redirect to file:, javascript:, data: itself and
                        # calls it "error 302": name the address the server sent instead.
                        check_url(urljoin(failed, target))
                    if exc.code in RETRY_STATUSES and attempt < self.limits.retries:
                        wait = self._retry_wait(exc, attempt)
                        log.info("HTTP %s from %s: retrying in %.1f s", exc.code, failed, wait)
                        attempt += 1
                    else:
                        raise FetchError(_http_message(failed, exc.code)) from exc
                except (FetchError, FetchCancelled):
                    raise
                except Tripped as exc:
                    raise self._stopped(exc.reason, redirects, url) from None
                except (OSError, http.client.HTTPException, ValueError) as exc:
                    if watch.tripped:  # the watch shut the socket: that is why it failed
                        raise self._stopped(watch.tripped, redirects, url) from None
                    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
                    if isinstance(reason, FetchError):
                        raise reason from exc
                    failed = redirects.chain[-1] if redirects.chain else url
                    raise FetchError(network_message(failed, reason, self.answered)) from exc
            self._wait(wait)

    def _answered(self) -> None:
        self.answered = True

    def _stopped(self, reason: str, redirects: _Redirects, url: str) -> Exception:
        if reason == "cancelled":
            return FetchCancelled()
        failed = redirects.chain[-1] if redirects.chain else url
        host = urlsplit(failed).hostname or failed
        return FetchError(
            f"{host} did not finish sending within {self.limits.deadline:g} seconds: "
            "try again later, or refresh from a file."
        )

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

    def _get_once(
        self,
        url: str,
        watch: RequestWatch,
        redirects: _Redirects,
        sink: Callable[[bytes], object] | None = None,
    ) -> bytes:
        opener = urllib.request.build_opener(redirects, *handlers(watch, _ssl_context()))
        request = urllib.request.Request(
            url, headers={"User-Agent": USER_AGENT, "Accept": "application/json"}
        )
        with self._lock:
            self.requests += 1
        with opener.open(request, timeout=self.limits.timeout) as response:
            self._answered()
            self._note_last_modified(response.headers.get("Last-Modified"))
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and self._over(int(length)):
                raise self._too_big()
            chunks = []
            # read1 returns whatever has arrived (up to CHUNK): a trickling server cannot
            # keep the loop from seeing Cancel or the deadline.
            while chunk := response.read1(CHUNK):
                watch.check()
                self.count(len(chunk))
                if sink is None:
                    chunks.append(chunk)
                else:
                    sink(chunk)
            watch.check()  # an end caused by the watch is not the end of the body
            if response.length:  # bytes the server promised and never sent
                raise http.client.IncompleteRead(b"", response.length)
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


# Name lookup failing for good, and the network itself missing: on a first request these
# mean the computer is offline (Windows reports both as "host not found").
_OFFLINE_LOOKUP = {getattr(socket, n) for n in ("EAI_AGAIN", "EAI_FAIL") if hasattr(socket, n)}
_OFFLINE_ERRNO = {errno.ENETUNREACH, errno.ENETDOWN}
_NO_SUCH_HOST = {getattr(socket, n) for n in ("EAI_NONAME", "EAI_NODATA") if hasattr(socket, n)}
_NO_SUCH_HOST |= {11001, 11004}  # WSAHOST_NOT_FOUND, WSANO_DATA
OFFLINE = "This computer seems to be offline: connect and try again, or refresh from a file."


def _short(value: object, limit: int = 120) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def network_message(url: str, reason: object, answered: bool = True) -> str:
    """One sentence for a failed request to ``url`` (the URL that actually failed).

    ``answered`` is False while no server has answered this refresh: a lookup failure or a
    missing network then means the computer is offline, and the sentence says so plainly.
    """
    host = urlsplit(url).hostname or url
    code = getattr(reason, "errno", None)
    if isinstance(reason, socket.gaierror) and code in _OFFLINE_LOOKUP | _NO_SUCH_HOST:
        if not answered and code not in _NO_SUCH_HOST:
            return OFFLINE
        return (
            f"{host} cannot be found: check the address and that this computer is online, "
            "or refresh from a file."
        )
    if isinstance(reason, OSError) and code in _OFFLINE_ERRNO and not answered:
        return OFFLINE
    if isinstance(reason, TimeoutError) or "timed out" in str(reason):
        return f"{host} took too long to answer: try again later, or refresh from a file."
    if isinstance(reason, ssl.SSLError):
        return f"The secure connection to {host} failed ({reason}): ask IT to check the network."
    if isinstance(reason, http.client.RemoteDisconnected | ConnectionResetError | BrokenPipeError):
        return f"{host} closed the connection without answering: try again later, or use a file."
    if isinstance(reason, ConnectionRefusedError):
        return f"{host} refused the connection: check the address, or try again later."
    if isinstance(reason, http.client.IncompleteRead):
        return f"{host} stopped sending part-way through: try again later, or refresh from a file."
    if isinstance(reason, http.client.LineTooLong):
        return f"{host} sent a reply with a line far too long to read: tell the publisher."
    if isinstance(reason, http.client.BadStatusLine):
        return (
            f"{host} did not answer as a web server does: check the address, or tell the publisher."
        )
    if isinstance(reason, http.client.InvalidURL | ValueError):
        return f"{_short(url)} is not a web address the app can use ({_short(reason)}): check it."
    if isinstance(reason, http.client.HTTPException):
        return (
            f"{host} sent a reply the app cannot read ({type(reason).__name__}): "
            "tell the publisher."
        )
    return (
        f"Cannot reach {host} ({_short(reason)}): check the network connection, "
        "or refresh from a file."
    )
