"""Cases 150–176: hostile HTTP servers on loopback (F13's http.client errors, F14, what held)."""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.feedserver import Feed, Raw, Trickle, serve
from tests.tools.rerun.core import Check, case
from tests.tools.rerun.env import Env, Run, clean_exit, digest

PAGE1 = "/services?page=1&per_page=200"


def page(n: int, count: int = 2, last: bool = True, prefix: str = "h") -> dict[str, Any]:
    items = [{"id": f"{prefix}{n}-{i}", "name": f"Service {n}.{i}", "description": "Help."}
             for i in range(count)]  # fmt: skip
    return {"contents": items, "page_number": n, "last_page": last}


def http_case(
    env: Env, routes: dict[str, Any], *, rc: int | tuple[int, ...], said: str = "",
    url: Callable[[Feed], str] = lambda f: f.base, timeout: float = 200, args: tuple[str, ...] = (),
    then: Callable[[Feed, Check, Run], None] | None = None,
) -> Check:  # fmt: skip
    c = Check()
    env.make_live()
    before = digest(env.live)
    with serve() as feed:
        for path, route in routes.items():
            feed.set(path, route.make(feed) if isinstance(route, At) else route)
        run = env.cli("refresh", url(feed), *args, timeout=timeout, mem_gb=4)
        clean_exit(c, run, rc)
        c.that(not said or run.said(said), f"the sentence does not say '{said}'")
        if run.rc != 0:
            c.that(digest(env.live) == before, "refused but live changed")
        c.that(not env.leftovers(), f"left behind: {env.leftovers()}")
        if then is not None:
            then(feed, c, run)
    return c


@dataclass
class At:
    """A route that needs the server's address: ``make(feed)`` builds it."""

    make: Callable[[Feed], Any]


def raw(data: bytes) -> Raw:
    return Raw(data)


@case(150, "H-http", "404 Not Found")
def c150(env: Env) -> Check:
    return http_case(env, {}, rc=1, said="error 404")


@case(151, "H-http", "500 on every try: retried, then one sentence")
def c151(env: Env) -> Check:
    return http_case(env, {PAGE1: (500, {}, b"oops")}, rc=1, said="failed (error 500)")


@case(152, "H-http", "429 with Retry-After: 3600 (capped at 60 s), then an answer", slow=True)
def c152(env: Env) -> Check:
    answers = iter([(429, {"Retry-After": "3600"}, b"")])

    def busy_once() -> tuple[int, dict, bytes]:
        return next(answers, (200, {"Content-Type": "application/json"}, json.dumps(page(1)).encode()))

    def timing(feed: Feed, c: Check, run: Run) -> None:
        c.that(50 < run.seconds < 90, f"waited {run.seconds:.0f} s, not the 60 s cap")

    return http_case(env, {PAGE1: busy_once}, rc=0, then=timing)


@case(153, "H-http", "200 with a sign-in page (HTML) instead of JSON")
def c153(env: Env) -> Check:
    html = (200, {"Content-Type": "text/html"}, b"<html><body>Please sign in</body></html>")
    return http_case(env, {PAGE1: html}, rc=1, said="did not send services")


@case(154, "H-http", "200 with an empty body")
def c154(env: Env) -> Check:
    return http_case(env, {PAGE1: (200, {}, b"")}, rc=1)


@case(155, "F13", "a body shorter than its Content-Length (IncompleteRead)")
def c155(env: Env) -> Check:
    data = b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n[{\"id\":"
    return http_case(env, {PAGE1: raw(data)}, rc=1, said="stopped sending part-way")


@case(156, "F13", "a status line that is not HTTP (BadStatusLine)")
def c156(env: Env) -> Check:
    return http_case(env, {PAGE1: raw(b"HELLO THERE\r\n\r\n")}, rc=1, said="did not answer as a web server")


@case(157, "F13", "the connection closed without an answer (RemoteDisconnected)")
def c157(env: Env) -> Check:
    return http_case(env, {PAGE1: raw(b"")}, rc=1, said="closed the connection")


@case(158, "F13", "a header line of 70,000 characters (LineTooLong)")
def c158(env: Env) -> Check:
    data = b"HTTP/1.1 200 OK\r\nX-Long: " + b"a" * 70_000 + b"\r\n\r\n"
    return http_case(env, {PAGE1: raw(data)}, rc=1, said="line far too long")


@case(159, "F13", "more than 100 headers (HTTPException)")
def c159(env: Env) -> Check:
    data = b"HTTP/1.1 200 OK\r\n" + b"X-A: b\r\n" * 200 + b"Content-Length: 2\r\n\r\n[]"
    return http_case(env, {PAGE1: raw(data)}, rc=1, said="reply the app cannot read")


@case(160, "H-http", "nothing listening on the port (connection refused)")
def c160(env: Env) -> Check:
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return http_case(env, {}, rc=1, said="refused the connection", url=lambda f: f"http://127.0.0.1:{port}")


@case(161, "H-http", "a gzip body the app never asked for")
def c161(env: Env) -> Check:
    import gzip

    body = gzip.compress(json.dumps(page(1)).encode())
    return http_case(env, {PAGE1: (200, {"Content-Encoding": "gzip"}, body)}, rc=(0, 1))


@case(162, "H-http", "a Content-Length of 400 MB is refused before reading")
def c162(env: Env) -> Check:
    data = b"HTTP/1.1 200 OK\r\nContent-Length: 400000000\r\n\r\n[]"
    return http_case(env, {PAGE1: raw(data)}, rc=1, said="larger than the 300 MB limit")


@case(163, "H-endless", "an endless body (no length, as fast as loopback goes)", slow=True)
def c163(env: Env) -> Check:
    def memory(feed: Feed, c: Check, run: Run) -> None:
        c.that(run.rss_mb is not None and run.rss_mb < 1200, f"peak memory {run.rss_mb} MB")

    endless = Trickle(every=0.0, piece=b" " * 65536)
    return http_case(env, {PAGE1: endless}, rc=1, said="larger than the 300 MB limit", then=memory)


@case(164, "H-endless", "endless pages, each with new services (the 2,000-page cap)", slow=True)
def c164(env: Env) -> Check:
    def pages(feed: Feed) -> None:
        for n in range(1, 2003):
            feed.set(f"/services?page={n}&per_page=200", page(n, 1, last=False) | {"total_pages": 99_999})

    c = Check()
    env.make_live()
    before = digest(env.live)
    with serve() as feed:
        pages(feed)
        run = env.cli("refresh", feed.base, timeout=600, mem_gb=4)
    clean_exit(c, run, 1)
    c.that(run.said("more than 2,000 pages"), "the page cap is not named")
    c.that(digest(env.live) == before and not env.leftovers(), "live changed or leftovers")
    return c


@case(165, "H-endless", "the same page for ever (a page loop)")
def c165(env: Env) -> Check:
    same = page(1, last=False)
    routes = {PAGE1: same, "/services?page=2&per_page=200": same}
    return http_case(env, routes, rc=1, said="page loop")


def _redirect(to: str) -> tuple[int, dict[str, str], bytes]:
    return 302, {"Location": to}, b""


@case(166, "H-redirect", "a redirect to file:///etc/passwd")
def c166(env: Env) -> Check:
    return http_case(env, {PAGE1: _redirect("file:///etc/passwd")}, rc=1, said="not a web address the app can fetch")


@case(167, "H-redirect", "a redirect to javascript:")
def c167(env: Env) -> Check:
    return http_case(env, {PAGE1: _redirect("javascript:alert(1)")}, rc=1, said="not a web address")


@case(168, "H-redirect", "a redirect to ftp:")
def c168(env: Env) -> Check:
    return http_case(env, {PAGE1: _redirect("ftp://203.0.113.5/export.json")}, rc=1, said="not a web address")


@case(169, "H-redirect", "a redirect to plain http on another host")
def c169(env: Env) -> Check:
    return http_case(env, {PAGE1: _redirect("http://203.0.113.5/services")}, rc=1, said="not a secure (https:) address")


@case(170, "H-redirect", "a redirect loop")
def c170(env: Env) -> Check:
    routes = {PAGE1: At(lambda f: _redirect(f"{f.base}/b")), "/b": At(lambda f: _redirect(f"{f.base}{PAGE1}"))}
    return http_case(env, routes, rc=1, said="redirects in a loop")


@case(171, "F14", "a server sending 1 byte a second: the CLI ends at the deadline", slow=True)
def c171(env: Env) -> Check:
    def timing(feed: Feed, c: Check, run: Run) -> None:
        c.that(run.seconds < 150, f"took {run.seconds:.0f} s")

    trickle = Trickle(every=1.0, piece=b" ", length=10**6)
    return http_case(env, {PAGE1: trickle}, rc=1, said="did not finish sending within 120 seconds", then=timing)


@case(172, "H-redirect", "more than five redirects")
def c172(env: Env) -> Check:
    routes: dict[str, Any] = {PAGE1: At(lambda f: _redirect(f"{f.base}/r1"))}
    for n in range(1, 8):
        routes[f"/r{n}"] = At(lambda f, k=n: _redirect(f"{f.base}/r{k + 1}"))
    return http_case(env, routes, rc=1, said="Too many redirects")


@case(173, "H-http", "page 2 is broken JSON")
def c173(env: Env) -> Check:
    routes = {PAGE1: page(1, last=False), "/services?page=2&per_page=200": (200, {}, b'{"contents": [{"id":')}
    return http_case(env, routes, rc=1, said="did not send services")


@case(174, "H-http", "the detail address of a bare list entry answers 404")
def c174(env: Env) -> Check:
    bare = {"contents": [{"id": "b1", "name": "Bare one"}, {"id": "b2", "name": "Bare two"}], "last_page": True}
    return http_case(env, {PAGE1: bare}, rc=0, said="Used the list entry only")


@case(175, "F14", "headers trickling for ever: the CLI ends at the deadline", slow=True)
def c175(env: Env) -> Check:
    def timing(feed: Feed, c: Check, run: Run) -> None:
        c.that(run.seconds < 150, f"took {run.seconds:.0f} s")

    trickle = Trickle(every=1.0, piece=b"x", in_headers=True)
    return http_case(env, {PAGE1: trickle}, rc=1, said="did not finish sending", then=timing)


@case(176, "H-http", "a server that accepts and then says nothing", slow=True)
def c176(env: Env) -> Check:
    def silent(feed: Feed) -> Callable[[], tuple[int, dict, bytes]]:
        def wait() -> tuple[int, dict, bytes]:
            feed.stop.wait(300)
            return 500, {}, b""
        return wait

    return http_case(env, {PAGE1: At(silent)}, rc=1, said="took too long to answer")
