"""Cases 177–194 and 221–222: the GUI against slow servers (F14), service ids in detail URLs
(F8), odd addresses and answers, start-up opening no socket, redirect failures named (F19)."""

from __future__ import annotations

import email.utils
import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.feedserver import Feed, Trickle, serve
from tests.tools.rerun.c_http import PAGE1, At, http_case, page
from tests.tools.rerun.core import Check, case
from tests.tools.rerun.env import SEND_DESK, Env, Run, clean_exit, digest


def _gui_slow(env: Env, scenario: str) -> tuple[Check, dict]:
    c = Check()
    env.make_live()
    before = digest(env.live)
    with serve() as feed:
        feed.set(PAGE1, Trickle(every=1.0, piece=b" ", length=10**6))
        run, answer = env.gui(scenario, feed.base, timeout=60)
    clean_exit(c, run, 0)
    c.see(json.dumps(answer))
    c.that(digest(env.live) == before, "live changed")
    c.that(not env.leftovers(), f"left behind (lock?): {env.leftovers()}")
    return c, answer


@case(177, "F14", "the window: Cancel during a 1 byte/s download answers within a second")
def c177(env: Env) -> Check:
    c, answer = _gui_slow(env, "cancel")
    took = answer.get("cancel_seconds")
    c.that(took is not None and took < 1.0, f"Cancel took {took} s")
    c.that(str(answer.get("message", "")).startswith("The refresh was cancelled"), "no sentence")
    c.that(answer.get("status_format") == 0, "the status label is not plain text")  # Qt.PlainText
    return c


@case(178, "F14", "the window: closing the dialog during a 1 byte/s download never freezes")
def c178(env: Env) -> Check:
    c, answer = _gui_slow(env, "close")
    c.that((answer.get("close_seconds") or 9) < 0.5, "closing the dialog blocked")
    c.that((answer.get("worst_gap") or 9) < 0.5 and answer.get("ticks", 0) >= 10, "the window froze")
    c.that((answer.get("window_close_seconds") or 99) < 6.5, "quitting waited too long")
    return c


def _ids_case(env: Env, bad_id: str) -> Check:
    bare = {"contents": [{"id": bad_id, "name": "Odd id"}, {"id": "ok", "name": "Fine"}], "last_page": True}

    def paths(feed: Feed, c: Check, run: Run) -> None:
        details = [p for p in feed.requests if p.startswith("/services/")]
        c.see(f"detail requests: {details}")
        c.that(not [p for p in feed.requests if p.startswith("/admin")], "the id reached another path")
        c.that(len(details) == 2 and all(" " not in p and "\r" not in p for p in details), "ids not encoded")

    return http_case(env, {PAGE1: bare}, rc=0, then=paths)


@case(179, "F8", "a service id of ../../../../admin?delete=all# in the detail URL")
def c179(env: Env) -> Check:
    return _ids_case(env, "../../../../admin?delete=all#")


@case(180, "F8", "a service id with a space")
def c180(env: Env) -> Check:
    return _ids_case(env, "abc def")


@case(181, "F8", "a service id with CR/LF and a header after it")
def c181(env: Env) -> Check:
    return _ids_case(env, "abc\r\nX-Injected: 1")


@case(182, "H-http", "https to a loopback port that speaks plain HTTP")
def c182(env: Env) -> Check:
    return http_case(env, {}, rc=1, said="secure connection", url=lambda f: f.base.replace("http:", "https:"))


@case(183, "H-http", "an ftp: address as the source")
def c183(env: Env) -> Check:
    return http_case(env, {}, rc=1, said="is not a web address the app can fetch",
                     url=lambda f: "ftp://127.0.0.1/export.json")  # fmt: skip


@case(184, "H-http", "plain http to another computer is refused without connecting")
def c184(env: Env) -> Check:
    def quick(feed: Feed, c: Check, run: Run) -> None:
        c.that(run.seconds < 5, f"took {run.seconds:.1f} s (did it try to connect?)")

    return http_case(env, {}, rc=1, said="not a secure (https:) address",
                     url=lambda f: "http://203.0.113.5/services", then=quick)  # fmt: skip


@case(185, "H-http", "a port out of range")
def c185(env: Env) -> Check:
    return http_case(env, {}, rc=1, said="port number", url=lambda f: "http://127.0.0.1:99999/")


@case(186, "H-http", "one page of 20,000 services")
def c186(env: Env) -> Check:
    def count(feed: Feed, c: Check, run: Run) -> None:
        c.that(env.count() == 20_000, f"{env.count()} services")

    return http_case(env, {PAGE1: page(1, 20_000)}, rc=0, then=count)


@case(187, "H-http", "503 with Retry-After as an HTTP date (3 s ahead)")
def c187(env: Env) -> Check:
    answers = iter([(503, {"Retry-After": email.utils.formatdate(time.time() + 3, usegmt=True)}, b"")])

    def busy_once() -> tuple[int, dict, bytes]:
        return next(answers, (200, {}, json.dumps(page(1)).encode()))

    def waited(feed: Feed, c: Check, run: Run) -> None:
        c.that(run.seconds >= 1.5, f"did not wait ({run.seconds:.1f} s)")

    return http_case(env, {PAGE1: busy_once}, rc=0, then=waited)


@case(188, "H-redirect", "a 301 to another path on the same server is followed")
def c188(env: Env) -> Check:
    routes = {PAGE1: At(lambda f: (301, {"Location": f"{f.base}/v2/list"}, b"")), "/v2/list": page(1)}
    return http_case(env, routes, rc=0)


@case(189, "H-http", "JSON sent as text/html")
def c189(env: Env) -> Check:
    return http_case(env, {PAGE1: (200, {"Content-Type": "text/html"}, json.dumps(page(1)).encode())}, rc=0)


@case(190, "H-http", "a page holding one record nested 100,000 deep")
def c190(env: Env) -> Check:
    body = ('{"contents": [{"id": "d", "name": "Deep", "x": ' + "[" * 100_000 + "]" * 100_000
            + '}, {"id": "g", "name": "Good"}], "last_page": true}').encode()  # fmt: skip
    return http_case(env, {PAGE1: (200, {}, body)}, rc=(0, 1), said="")


@case(191, "H-http", "a detail address that answers with something that is not JSON")
def c191(env: Env) -> Check:
    bare = {"contents": [{"id": "b1", "name": "Bare"}], "last_page": True}
    return http_case(env, {PAGE1: bare, "/services/b1": (200, {}, b"<html>nope</html>")}, rc=0,
                     said="did not send JSON")  # fmt: skip


@case(192, "H-http", "a detail address that answers with another service")
def c192(env: Env) -> Check:
    bare = {"contents": [{"id": "b1", "name": "Bare"}], "last_page": True}
    other = {"id": "zzz", "name": "Someone else", "description": "x"}
    return http_case(env, {PAGE1: bare, "/services/b1": other}, rc=0)


@case(193, "H-http", "bytes that are not UTF-8 in a page")
def c193(env: Env) -> Check:
    body = b'{"contents": [{"id": "u", "name": "Caf\xe9 \xff club"}], "last_page": true}'
    return http_case(env, {PAGE1: (200, {}, body)}, rc=0)


@case(194, "H-socket", "start-up opens no network socket (strace of info, search and --smoke)")
def c194(env: Env) -> Check:
    c = Check()
    env.make_live()
    for args in (["info"], ["search", "speech"], ["--smoke"]):
        trace = env.root / f"trace-{args[0]}.txt"
        run = env.run(["strace", "-f", "-qq", "-e", "trace=socket,connect", "-o", str(trace),
                       str(SEND_DESK), *args])  # fmt: skip
        clean_exit(c, run, 0)
        text = trace.read_text(errors="replace")
        inet = [line for line in text.splitlines() if "AF_INET" in line]
        c.that(not inet, f"{args[0]} opened a network socket: {inet[:2]}")
        c.see(f"{args[0]}: {text.count('socket(')} sockets, none AF_INET/AF_INET6")
    return c


@contextmanager
def other_loopback(status: int) -> Iterator[str]:
    """A second server on 127.0.0.2 (another loopback host) answering ``status`` to all."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.2", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.2:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@case(221, "F19", "a failed redirect names the address it failed at, not the first server")
def c221(env: Env) -> Check:
    probe = socket.socket()
    probe.bind(("127.0.0.2", 0))
    port = probe.getsockname()[1]
    probe.close()
    routes = {PAGE1: (302, {"Location": f"http://127.0.0.2:{port}/services"}, b"")}
    c = http_case(env, routes, rc=1, said="127.0.0.2 refused the connection")
    return c


@case(222, "F19", "an HTTP error after a redirect names the redirect target")
def c222(env: Env) -> Check:
    with other_loopback(500) as target:
        routes = {PAGE1: (302, {"Location": f"{target}/services"}, b"")}
        return http_case(env, routes, rc=1, said=f"The server at {target}/services failed (error 500)")
