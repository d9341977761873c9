"""A loopback HTTP server for refresh tests: routes map a path (with query) to a response.

Besides ordinary responses a route can be a hostile behaviour (review F13/F14):
:class:`Raw` bytes written as they are (a broken status line, a truncated body, a header
line too long), or a :class:`Trickle` that sends its body (or its headers) one piece at a
time, for ever if asked. ``Feed.arrived`` is set when a request comes in, so a test can
wait on it; ``Feed.stop`` ends every trickle when the server shuts down.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Response = tuple[int, dict[str, str], bytes]


@dataclass
class Raw:
    """These bytes and nothing else (no status line is added); then the connection closes."""

    data: bytes


@dataclass
class Trickle:
    """``piece`` every ``every`` seconds, ``pieces`` times (None: for ever).

    With ``in_headers`` the status line and one header are sent and the header's value
    trickles, so the response never gets past its headers; otherwise the headers (with
    ``length`` as Content-Length when given) are sent at once and the body trickles.
    """

    every: float = 1.0
    pieces: int | None = None
    piece: bytes = b" "
    length: int | None = None
    in_headers: bool = False
    hold: bool = False  # after the pieces, keep the connection open (silent) until the end


Route = Response | Callable[[], Response] | Raw | Trickle


def json_response(document: Any, status: int = 200) -> Response:
    return status, {"Content-Type": "application/json"}, json.dumps(document).encode()


@dataclass
class Feed:
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    user_agents: list[str] = field(default_factory=list)
    base: str = ""
    arrived: threading.Event = field(default_factory=threading.Event)
    stop: threading.Event = field(default_factory=threading.Event)

    def set(self, path: str, route: Route | Any) -> None:
        if not (
            callable(route)
            or isinstance(route, Raw | Trickle)
            or (isinstance(route, tuple) and len(route) == 3)
        ):
            route = json_response(route)
        self.routes[path] = route


def _trickle(handler: BaseHTTPRequestHandler, route: Trickle, stop: threading.Event) -> None:
    if route.in_headers:
        handler.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
    else:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        if route.length is not None:
            handler.send_header("Content-Length", str(route.length))
        handler.end_headers()
    sent = 0
    while (route.pieces is None or sent < route.pieces) and not stop.wait(route.every):
        handler.wfile.write(route.piece)  # raises once the client has gone
        handler.wfile.flush()
        sent += 1
    if route.hold:
        stop.wait()


@contextmanager
def serve() -> Iterator[Feed]:
    feed = Feed()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            feed.requests.append(self.path)
            feed.user_agents.append(self.headers.get("User-Agent", ""))
            feed.arrived.set()
            route = feed.routes.get(self.path) or feed.routes.get(self.path.split("?")[0])
            try:
                if isinstance(route, Raw):
                    self.wfile.write(route.data)
                    self.close_connection = True
                    return
                if isinstance(route, Trickle):
                    _trickle(self, route, feed.stop)
                    self.close_connection = True
                    return
            except OSError:  # the client gave up (cancel, deadline): that is the point
                self.close_connection = True
                return
            if route is None:
                status, headers, body = 404, {}, b"not found"
            else:
                status, headers, body = route() if callable(route) else route
            try:
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = False  # server_close() then waits for every handler
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.02}, name="feed-server", daemon=True
    )
    thread.start()
    feed.base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield feed
    finally:
        feed.stop.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
