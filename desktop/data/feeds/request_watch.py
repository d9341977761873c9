"""One request's overall deadline and its Cancel, enforced by shutting its socket down.

A socket timeout only bounds each single read: a server trickling one byte a second
never trips it, and a blocked ``recv`` does not look at a cancel flag (review F14). So
every request gets a :class:`RequestWatch`: a small thread that, every ``poll`` seconds,
checks the cancel flag and the deadline, and when either trips shuts down every socket
the request opened (``shutdown`` wakes a blocked ``recv``, ``connect`` or TLS read on
Linux, macOS and Windows). The request then sees end-of-file or an error and asks the
watch why (:meth:`RequestWatch.check`).

The watch also owns name resolution and connecting (``create_connection``), so both
count against the deadline and both can be cancelled: ``getaddrinfo`` has no timeout,
so it runs in a short-lived helper thread that is abandoned (it ends by itself) when
the watch trips. urllib is given connection classes that use it (:func:`handlers`).
"""

from __future__ import annotations

import contextlib
import functools
import http.client
import ipaddress
import socket
import ssl
import threading
import time
import urllib.request
from collections.abc import Callable
from typing import Any

CANCELLED = "cancelled"
DEADLINE = "deadline"


class Tripped(Exception):
    """The watch stopped the request: ``reason`` is CANCELLED or DEADLINE."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _shutdown(sock: socket.socket) -> None:
    # The plain socket method: an SSLSocket's own would drop its TLS state mid-read.
    # OSError: already closed, or never connected.
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


class RequestWatch:
    """Use as ``with RequestWatch(seconds, cancelled) as watch:`` around one request."""

    def __init__(self, seconds: float, cancelled: Callable[[], bool], poll: float = 0.05) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.cancelled = cancelled
        self.poll = poll
        self.tripped = ""
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._ended = threading.Event()
        self._thread = threading.Thread(target=self._run, name="fetch-watch", daemon=True)

    def __enter__(self) -> RequestWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self._sockets.clear()
        self._done.set()
        # Not join(): called from a QThread, join() (via current_thread()) would leave a
        # Python "dummy thread" record behind for good.
        self._ended.wait()

    # -- the watching thread ---------------------------------------------------------------------
    def _run(self) -> None:
        try:
            while not self._done.wait(self.poll):
                if self.cancelled():
                    self._trip(CANCELLED)
                elif time.monotonic() >= self.deadline:
                    self._trip(DEADLINE)
                if self.tripped:
                    return
        finally:
            self._ended.set()

    def _trip(self, reason: str) -> None:
        with self._lock:
            self.tripped = reason
            for sock in self._sockets:
                _shutdown(sock)

    def register(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.tripped:
                _shutdown(sock)

    # -- for the request ---------------------------------------------------------------------------
    def remaining(self) -> float:
        return max(0.0, self.deadline - time.monotonic())

    def check(self) -> None:
        """Raise Tripped if the request was cancelled or ran out of time (else nothing)."""
        if not self.tripped:
            if self.cancelled():
                self.tripped = CANCELLED
            elif time.monotonic() >= self.deadline:
                self.tripped = DEADLINE
        if self.tripped:
            raise Tripped(self.tripped)

    def _resolve(self, host: str, port: int) -> list[Any]:
        try:
            ipaddress.ip_address(host)
        except ValueError:
            pass
        else:  # a literal address: getaddrinfo answers at once
            return socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM)
        box: dict[str, Any] = {}
        done = threading.Event()

        def lookup() -> None:
            try:
                box["infos"] = socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM)
            except BaseException as exc:  # handed to the request's thread below
                box["error"] = exc
            finally:
                done.set()

        threading.Thread(target=lookup, name="fetch-resolve", daemon=True).start()
        while not done.wait(self.poll):
            self.check()
        if "error" in box:
            raise box["error"]
        return box["infos"]

    def create_connection(
        self, address: tuple[str, int], timeout: Any = None, source_address: Any = None
    ) -> socket.socket:
        """``socket.create_connection`` within the deadline, each socket watched."""
        host, port = address
        error: OSError | None = None
        for family, kind, proto, _name, sockaddr in self._resolve(host, port):
            self.check()
            sock = socket.socket(family, kind, proto)
            self.register(sock)
            per_read = timeout if isinstance(timeout, int | float) else None
            try:
                sock.settimeout(max(min(self.remaining(), per_read or 1e9), 0.001))
                if source_address:
                    sock.bind(source_address)
                sock.connect(sockaddr)
            except OSError as exc:
                sock.close()
                error = exc
                continue
            sock.settimeout(per_read)  # each read; the watch keeps the overall deadline
            return sock
        raise error or OSError(f"no address found for {host}")


class _Watched:
    """Mixed into http.client's connections: connect through the watch, watch the socket."""

    _watch: RequestWatch

    def _use(self, watch: RequestWatch) -> None:
        self._watch = watch
        self._create_connection = watch.create_connection  # http.client's own hook

    def connect(self) -> None:
        super().connect()  # type: ignore[misc]  # a mixin: the HTTP(S)Connection's connect
        self._watch.register(self.sock)  # type: ignore[attr-defined]  # the TLS socket too


class _HTTPConnection(_Watched, http.client.HTTPConnection):
    def __init__(self, *args: Any, watch: RequestWatch, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._use(watch)


class _HTTPSConnection(_Watched, http.client.HTTPSConnection):
    def __init__(self, *args: Any, watch: RequestWatch, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._use(watch)


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, watch: RequestWatch) -> None:
        super().__init__()
        self.watch = watch

    def http_open(self, req: Any) -> Any:
        return self.do_open(functools.partial(_HTTPConnection, watch=self.watch), req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, context: ssl.SSLContext, watch: RequestWatch) -> None:
        super().__init__(context=context)
        self.ssl_context = context  # HTTPSHandler keeps it only as the undocumented _context
        self.watch = watch

    def https_open(self, req: Any) -> Any:
        return self.do_open(
            functools.partial(_HTTPSConnection, watch=self.watch), req, context=self.ssl_context
        )


def handlers(watch: RequestWatch, context: ssl.SSLContext) -> list[urllib.request.BaseHandler]:
    """urllib handlers whose connections resolve, connect and read under ``watch``."""
    return [_HTTPHandler(watch), _HTTPSHandler(context, watch)]
