"""The central data file from a web server (policy DataFile = https://…), here a loopback
http server (``http:`` is fetched only from this computer): the same check as from a share,
through ``fetch`` (streamed, limits, one sentence for every failure)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from desktop.data import livefiles
from desktop.data.feeds import central, refresh
from desktop.data.feeds.central import Kind
from tests.attack_helpers import corrupt_pages, digest, make_live
from tests.datafile_helpers import leftovers, meta, published, sha256, write_checksum
from tests.feedserver import Raw, serve

UNCHANGED = "Your current data has not changed."


def check(live: Path, bundled: Path, where: str) -> central.Check:
    found = central.check(live, bundled, where)
    if found.kind is Kind.PROBLEM:  # every refusal: a sentence, and a few words for the bar
        assert found.sentence.endswith(UNCHANGED) and 0 < len(found.reason) <= 45, found
    return found


@pytest.fixture
def live(data_dir: Path, bundled_db: Path) -> Path:
    return make_live(data_dir, bundled_db)


def host(feed: object, out: Path, path: str = "/send/send-desk.sqlite") -> str:
    """Serve the published pair at ``path``; the DataFile address."""
    body = out.read_bytes()
    checksum = livefiles.sibling(out, ".sha256").read_bytes()
    feed.set(path, (200, {"Content-Type": "application/vnd.sqlite3"}, body))  # type: ignore[attr-defined]
    feed.set(path + ".sha256", (200, {"Content-Type": "text/plain"}, checksum))  # type: ignore[attr-defined]
    return feed.base + path  # type: ignore[attr-defined]


def test_a_newer_file_is_downloaded_then_only_the_checksum_is_read(
    live: Path, bundled_db: Path, tmp_path: Path
) -> None:
    out = published(tmp_path / "share", bundled_db)
    with serve() as feed:
        url = host(feed, out)
        found = check(live, bundled_db, url)
        assert found.kind is Kind.READY and found.result is not None
        refresh.commit(found.result, force=True)
        assert meta(live)["central_sha256"] == sha256(out)
        assert feed.requests == ["/send/send-desk.sqlite.sha256", "/send/send-desk.sqlite"]
        feed.requests.clear()
        assert check(live, bundled_db, url).kind is Kind.UP_TO_DATE
        assert feed.requests == ["/send/send-desk.sqlite.sha256"]  # a few bytes per start
        assert all("SENDAdviserDesk/" in agent for agent in feed.user_agents)


def test_a_folder_address_names_the_file_in_it(live: Path, bundled_db: Path, tmp_path: Path) -> None:
    out = published(tmp_path / "share", bundled_db)
    with serve() as feed:
        host(feed, out)
        found = check(live, bundled_db, feed.base + "/send/")
    assert found.kind is Kind.READY and found.result is not None
    assert sorted(leftovers(live)) == ["send-desk.sqlite.lock", livefiles.new_path(live).name]
    refresh.discard(found.result)  # holding the lock until committed or discarded
    assert leftovers(live) == []


def test_a_server_nobody_answers_on_is_silent(live: Path, bundled_db: Path) -> None:
    with socket.socket() as probe:  # a port with nothing listening: connection refused
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    before = digest(live)
    found = check(live, bundled_db, f"http://127.0.0.1:{port}/send-desk.sqlite")
    assert found.kind is Kind.UNREACHABLE
    assert digest(live) == before and leftovers(live) == []


def test_an_address_that_is_not_https_is_refused(live: Path, bundled_db: Path, no_network) -> None:
    found = check(live, bundled_db, "http://files.example.org/send-desk.sqlite")
    assert found.kind is Kind.PROBLEM
    assert "is not a secure (https:) address" in found.sentence and found.sentence.endswith(UNCHANGED)
    assert no_network == []  # refused before any connection


def test_no_checksum_on_the_server_is_refused(live: Path, bundled_db: Path) -> None:
    with serve() as feed:
        found = check(live, bundled_db, feed.base + "/send-desk.sqlite")
    assert found.kind is Kind.PROBLEM
    assert found.sentence.startswith(f"No central data is published at {feed.base}/send-desk.sqlite yet")


def test_a_half_written_file_on_the_server_is_refused(live: Path, bundled_db: Path, tmp_path: Path) -> None:
    out = published(tmp_path / "share", bundled_db)
    with serve() as feed:
        url = host(feed, out)
        data = out.read_bytes()
        feed.set("/send/send-desk.sqlite", (200, {}, data[: len(data) // 3]))  # the server's copy is cut off
        before = digest(live)
        found = check(live, bundled_db, url)
    assert found.kind is Kind.PROBLEM
    assert found.sentence == (
        f"The central data file {url} does not match its published checksum (it may be "
        "half-written or still being copied): ask IT to publish it again with send-desk "
        f"publish. {UNCHANGED}"
    )
    assert digest(live) == before and leftovers(live) == []


def test_a_download_cut_off_part_way_is_tried_again_later(
    live: Path, bundled_db: Path, tmp_path: Path
) -> None:
    out = published(tmp_path / "share", bundled_db)
    with serve() as feed:
        url = host(feed, out)
        data = out.read_bytes()
        head = f"HTTP/1.1 200 OK\r\nContent-Length: {len(data)}\r\n\r\n".encode()
        feed.set("/send/send-desk.sqlite", Raw(head + data[:5000]))  # then the connection drops
        before = digest(live)
        found = check(live, bundled_db, url)
    assert found.kind is Kind.RETRY and "stopped sending part-way through" in found.sentence
    assert digest(live) == before and leftovers(live) == []


def test_a_damaged_file_with_its_checksum_is_refused(live: Path, bundled_db: Path, tmp_path: Path) -> None:
    out = published(tmp_path / "share", bundled_db)
    corrupt_pages(out, "services", slice(0, 3))
    write_checksum(out)
    with serve() as feed:
        url = host(feed, out)
        before = digest(live)
        found = check(live, bundled_db, url)
    assert found.kind is Kind.PROBLEM and found.sentence.startswith(f"The central data file {url} is damaged (")
    assert digest(live) == before and leftovers(live) == []


def test_a_server_error_for_the_database_is_one_sentence(live: Path, bundled_db: Path, tmp_path: Path) -> None:
    out = published(tmp_path / "share", bundled_db)
    with serve() as feed:
        url = host(feed, out)
        feed.set("/send/send-desk.sqlite", (403, {}, b"no"))
        found = check(live, bundled_db, url)
    assert found.kind is Kind.PROBLEM
    assert found.sentence == f"The server refused access to {url} (error 403): ask the publisher or IT. {UNCHANGED}"
