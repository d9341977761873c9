"""A loopback HTTP server for refresh tests: routes map a path (with query) to a response."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Response = tuple[int, dict[str, str], bytes]
Route = Response | Callable[[], Response]


def json_response(document: Any, status: int = 200) -> Response:
    return status, {"Content-Type": "application/json"}, json.dumps(document).encode()


@dataclass
class Feed:
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    user_agents: list[str] = field(default_factory=list)
    base: str = ""

    def set(self, path: str, route: Route | Any) -> None:
        if not (callable(route) or (isinstance(route, tuple) and len(route) == 3)):
            route = json_response(route)
        self.routes[path] = route


@contextmanager
def serve() -> Iterator[Feed]:
    feed = Feed()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            feed.requests.append(self.path)
            feed.user_agents.append(self.headers.get("User-Agent", ""))
            route = feed.routes.get(self.path) or feed.routes.get(self.path.split("?")[0])
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
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
