"""Hostile servers (review F13, F14, F19): every request ends by its deadline or on Cancel,
and every failure is one sentence naming the host that actually failed."""

from __future__ import annotations

import errno
import socket
import threading
from collections.abc import Callable

import pytest

from desktop.data.feeds import refresh
from desktop.data.feeds.fetch import OFFLINE, FetchCancelled, Fetcher, FetchError, Limits
from desktop.data.feeds.sources import Source, SourceError
from tests.feedserver import Raw, Trickle, serve

FAST = Limits(timeout=5, deadline=0.3, retries=0)


def fetch_error(url: str, limits: Limits = FAST, **kwargs: object) -> str:
    with pytest.raises(FetchError) as info:
        Fetcher(limits, **kwargs).get(url)  # type: ignore[arg-type]
    return str(info.value)


# -- F14: an overall deadline ------------------------------------------------------------------
@pytest.mark.parametrize(
    "route",
    [
        Trickle(every=0.02),  # case 171: a body that trickles for ever
        Trickle(every=0.02, length=10**6),  # ... with a Content-Length it never reaches
        Trickle(every=0.02, in_headers=True),  # headers that never end
        Trickle(pieces=0, hold=True),  # headers, then silence
    ],
    ids=["body", "body-with-length", "headers", "silence"],
)
def test_a_trickling_or_silent_server_meets_the_deadline(route: Trickle) -> None:
    with serve() as feed:
        feed.set("/slow", route)
        message = fetch_error(f"{feed.base}/slow")
    assert message == (
        "127.0.0.1 did not finish sending within 0.3 seconds: "
        "try again later, or refresh from a file."
    )


def run_in_thread(work: Callable[[], object]) -> tuple[threading.Thread, list[BaseException]]:
    errors: list[BaseException] = []

    def target() -> None:
        try:
            work()
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    return thread, errors


@pytest.mark.parametrize(
    "route", [Trickle(every=1.0), Trickle(pieces=0, hold=True)], ids=["1-byte/s", "silence"]
)
def test_cancel_stops_a_blocked_read_at_once(route: Trickle) -> None:
    """Case 175: the cancel flag was only looked at between 64 KB chunks."""
    cancel = threading.Event()
    with serve() as feed:
        feed.set("/slow", route)
        fetcher = Fetcher(Limits(timeout=30, deadline=60), cancel.is_set)
        thread, errors = run_in_thread(lambda: fetcher.get(f"{feed.base}/slow"))
        assert feed.arrived.wait(5)
        cancel.set()
        thread.join(1.0)  # the watch polls every 0.05 s
        assert not thread.is_alive(), "Cancel did not stop the request within a second"
    assert [type(e) for e in errors] == [FetchCancelled]


def test_cancel_during_a_name_lookup_that_hangs(monkeypatch: pytest.MonkeyPatch) -> None:
    release, asked = threading.Event(), threading.Event()

    def hanging_lookup(*args: object, **kwargs: object) -> list[object]:
        asked.set()
        release.wait(10)
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", hanging_lookup)
    cancel = threading.Event()
    fetcher = Fetcher(Limits(deadline=60), cancel.is_set)
    thread, errors = run_in_thread(lambda: fetcher.get("https://council.example.org/api"))
    assert asked.wait(5)
    cancel.set()
    thread.join(1.0)
    release.set()  # lets the abandoned lookup thread end
    assert not thread.is_alive()
    assert [type(e) for e in errors] == [FetchCancelled]


# -- F13: http.client's exceptions are not OSError ---------------------------------------------
@pytest.mark.parametrize(
    ("route", "sentence"),
    [
        (
            Raw(b'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{"a":'),
            "127.0.0.1 stopped sending part-way through: try again later, or refresh from a file.",
        ),
        (
            Raw(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab"),
            "127.0.0.1 stopped sending part-way through: try again later, or refresh from a file.",
        ),
        (
            Raw(b"SSH-2.0-OpenSSH_9.2\r\n\r\n"),
            "127.0.0.1 did not answer as a web server does: check the address, "
            "or tell the publisher.",
        ),
        (
            Raw(b"HTTP/1.1 200 OK\r\nX-Long: " + b"a" * 70_000 + b"\r\n\r\n"),
            "127.0.0.1 sent a reply with a line far too long to read: tell the publisher.",
        ),
        (
            Raw(b"HTTP/1.1 200 OK\r\n" + b"X-Many: 1\r\n" * 101 + b"\r\n"),
            "127.0.0.1 sent a reply the app cannot read (HTTPException): tell the publisher.",
        ),
        (
            Raw(b""),
            "127.0.0.1 closed the connection without answering: try again later, or use a file.",
        ),
    ],
    ids=[
        "IncompleteRead",
        "IncompleteRead-chunked",
        "BadStatusLine",
        "LineTooLong",
        "HTTPException",
        "RemoteDisconnected",
    ],
)
def test_every_http_client_failure_is_one_sentence(route: Raw, sentence: str) -> None:
    with serve() as feed:
        feed.set("/x", route)
        assert fetch_error(f"{feed.base}/x") == sentence


@pytest.mark.parametrize(
    ("path", "sentence"),
    [
        ("/services/a b", "/services/a b is not a web address the app can use"),
        ("/services/\u00e9", "is not a web address the app can use"),
    ],
)
def test_an_address_http_client_refuses_is_one_sentence(path: str, sentence: str) -> None:
    with serve() as feed:
        assert sentence in fetch_error(feed.base + path)


def test_a_port_out_of_range_is_refused_before_connecting() -> None:
    assert "has a port number that cannot be right" in fetch_error("http://127.0.0.1:99999/x")


def test_a_source_turns_them_into_a_refresh_sentence(tmp_path) -> None:
    """The CLI printed a traceback for these (F13): now the refresh ends with one sentence."""
    with serve() as feed:
        feed.set("/services", Raw(b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n[1"))
        source = Source(feed.base, FAST)
        with pytest.raises(SourceError, match=r"127\.0\.0\.1 stopped sending part-way through"):
            list(source.services())


# -- F19: the host that failed, and "offline" said plainly -------------------------------------
def test_a_failed_redirect_names_the_redirect_target() -> None:
    """Case: "A failed redirect to 203.0.113.5 is reported as Cannot reach 127.0.0.1"."""
    closed = socket.socket()
    closed.bind(("127.0.0.2", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there now: the connection is refused
    with serve() as feed:
        feed.set("/services", (302, {"Location": f"http://127.0.0.2:{port}/feed"}, b""))
        message = fetch_error(f"{feed.base}/services")
    assert message == "127.0.0.2 refused the connection: check the address, or try again later."


def test_a_redirect_to_an_unreachable_address_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    real_connect = socket.socket.connect

    def connect(self: socket.socket, address: object) -> None:
        if isinstance(address, tuple) and address[0] == "203.0.113.5":
            raise TimeoutError("timed out")  # as TEST-NET-3 does: nothing ever answers
        real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    with serve() as feed:
        feed.set("/services", (302, {"Location": "https://203.0.113.5/feed"}, b""))
        message = fetch_error(f"{feed.base}/services")
    assert (
        message == "203.0.113.5 took too long to answer: try again later, or refresh from a file."
    )


def test_an_http_error_after_a_redirect_names_the_target(monkeypatch: pytest.MonkeyPatch) -> None:
    # A minimal system (a fresh container) may have no /etc/hosts entry for "localhost":
    # the redirect target's name is resolved here, as any hosts file would.
    real = socket.getaddrinfo

    def resolve(host: object, *args: object, **kwargs: object) -> object:
        return real("127.0.0.1" if host == "localhost" else host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    with serve() as feed:
        feed.set(
            "/old", (301, {"Location": f"http://localhost:{feed.base.rsplit(':', 1)[1]}/new"}, b"")
        )
        feed.set("/new", (403, {}, b"no"))
        message = fetch_error(f"{feed.base}/old")
    assert message.startswith("The server refused access to http://localhost:")


def _lookup_fails(code: int, text: str) -> Callable[..., object]:
    def fail(*args: object, **kwargs: object) -> object:
        raise socket.gaierror(code, text)

    return fail


def test_offline_is_said_once_and_plainly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        _lookup_fails(socket.EAI_AGAIN, "Temporary failure in name resolution"),
    )
    assert fetch_error("https://council.example.org/api/services") == OFFLINE
    assert OFFLINE == (
        "This computer seems to be offline: connect and try again, or refresh from a file."
    )


def test_no_network_at_all_is_offline_too(monkeypatch: pytest.MonkeyPatch) -> None:
    def unreachable(self: socket.socket, address: object) -> None:
        raise OSError(errno.ENETUNREACH, "Network is unreachable")

    monkeypatch.setattr(socket.socket, "connect", unreachable)
    assert fetch_error("https://192.0.2.10/api/services") == OFFLINE


def test_an_unknown_name_is_not_called_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        socket, "getaddrinfo", _lookup_fails(socket.EAI_NONAME, "Name or service not known")
    )
    assert fetch_error("https://counci1.example.org/api") == (
        "counci1.example.org cannot be found: check the address and that this computer is "
        "online, or refresh from a file."
    )


def test_a_lookup_failure_after_a_server_answered_is_not_offline(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fetcher = Fetcher(FAST)
    fetcher.answered = True  # an earlier page of this refresh came through
    monkeypatch.setattr(socket, "getaddrinfo", _lookup_fails(socket.EAI_AGAIN, "try again"))
    with pytest.raises(FetchError, match=r"council\.example\.org cannot be found"):
        fetcher.get("https://council.example.org/api")


def test_the_refresh_says_offline_once(live, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket, "getaddrinfo", _lookup_fails(socket.EAI_AGAIN, "no network"))
    with pytest.raises(refresh.RefreshError) as info:
        refresh.prepare(live, Source("https://council.example.org/api", FAST))
    assert str(info.value) == f"{OFFLINE} {refresh.UNCHANGED}"
    assert str(info.value).count("offline") == 1


@pytest.fixture
def live(data_dir):
    from desktop.cli import main

    assert main(["info"]) == 0
    return data_dir / "send-desk.sqlite"


# -- the slow cases, as the review ran them (``-m attack``) -------------------------------------
@pytest.mark.attack
def test_a_one_byte_a_second_server_with_the_default_timeout_meets_the_deadline() -> None:
    """Case 171 with a 30 s socket timeout: each byte resets it, only the deadline ends it."""
    with serve() as feed:
        feed.set("/slow/services", Trickle(every=1.0))
        message = fetch_error(f"{feed.base}/slow/services", Limits(deadline=2.5, retries=0))
    assert "did not finish sending within 2.5 seconds" in message
