"""Refresh behaviour that depends on what a feed says about itself (issue 10 items 5–7).

A partial feed needs confirmation; "data as of" is the data's own date, never the import
day; every refresh reports its coverage; reports stay small whatever the feed holds.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.data.feeds import refresh
from desktop.data.feeds.fetch import Limits
from desktop.data.feeds.sources import Source
from tests.feedserver import json_response, serve

FAST = Limits(timeout=2.0, backoff=0.01, max_retry_wait=0.05, retries=0)


def services(n: int, **extra: object) -> list[dict]:
    return [{"id": f"s{i}", "name": f"Service {i}", **extra} for i in range(n)]


def write(path: Path, document: object) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def meta(live: Path) -> dict[str, str]:
    conn = sqlite3.connect(live)
    try:
        return dict(conn.execute("SELECT key, value FROM meta"))
    finally:
        conn.close()


# -- a partial feed is not silently whole --------------------------------------------------
@pytest.mark.parametrize(
    "envelope",
    [
        {"total_items": 874, "total_pages": 292, "page_number": 1},  # ORUK 3.0
        {"totalElements": 874, "totalPages": 292, "number": 0, "last": False},  # Spring / 1.0
        {"totalelements": 874, "totalpages": 292},  # lower-case keys (some ORUK 1.0 feeds)
    ],
)
def test_a_saved_single_page_needs_confirmation(
    db_copy: Path, tmp_path: Path, envelope: dict
) -> None:
    key = "contents" if "total_items" in envelope else "content"
    feed = write(tmp_path / "page.json", {**envelope, key: services(3)})
    before = meta(db_copy)
    result = refresh.prepare(db_copy, Source(str(feed)))
    assert result.partial and result.needs_confirmation
    assert result.drop_sentence() == "This file holds 3 of the 874 services the directory lists."
    assert "Only part of the directory: This file holds 3 of the 874" in "\n".join(
        result.report_lines()
    )
    with pytest.raises(refresh.NeedsConfirmation, match="holds 3 of the 874"):
        refresh.commit(result)
    assert meta(db_copy) == before  # nothing was used


def test_a_last_page_flag_alone_marks_a_partial_file(db_copy: Path, tmp_path: Path) -> None:
    feed = write(tmp_path / "page.json", {"content": services(3), "last": False})
    result = refresh.prepare(db_copy, Source(str(feed)))
    assert result.partial
    assert "only part of the directory" in result.drop_sentence()
    refresh.commit(result, force=True)  # --force uses it anyway
    assert meta(db_copy)["service_count"] == "3"


def test_a_whole_feed_needs_no_confirmation(db_copy: Path, tmp_path: Path) -> None:
    feed = write(
        tmp_path / "all.json", {"total_items": 3, "last_page": True, "contents": services(3)}
    )
    result = refresh.prepare(db_copy, Source(str(feed)))
    assert not result.partial and not result.needs_confirmation
    refresh.commit(result)


def test_an_api_that_lists_more_than_it_sends_is_partial(db_copy: Path) -> None:
    with serve() as server:
        server.set(
            "/services?page=1&per_page=200",
            {"total_items": 10, "total_pages": 2, "contents": services(2)},
        )
        server.set("/services?page=2&per_page=200", {"total_items": 10, "contents": []})
        result = refresh.prepare(db_copy, Source(server.base, FAST))
    try:
        assert result.partial
        assert result.drop_sentence() == "This feed holds 2 of the 10 services the directory lists."
    finally:
        refresh.discard(result)


def test_the_cli_needs_force_for_a_partial_file(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = write(tmp_path / "page.json", {"total_items": 874, "contents": services(3)})
    assert main(["info"]) == 0
    assert main(["refresh", str(feed)]) == 1
    assert "This file holds 3 of the 874 services" in capsys.readouterr().err
    assert main(["refresh", str(feed), "--force"]) == 0


# -- "data as of" tells the truth --------------------------------------------------------------
def test_data_as_of_is_the_newest_record_date(db_copy: Path, tmp_path: Path) -> None:
    rows = [
        {"id": "a", "name": "A", "last_modified": "2026-03-01T10:00:00Z"},
        {"id": "b", "name": "B", "updated_at": "2026-05-02T09:00:00Z", "min_age": 2},  # Outpost
        {"id": "c", "name": "C", "assured_date": "2026-04-01"},
        {"id": "d", "name": "D", "last_modified": "2999-01-01"},  # a date in the future is not used
    ]
    result = refresh.refresh(db_copy, Source(str(write(tmp_path / "f.json", rows))))
    assert (result.data_as_of, result.data_as_of_source) == (
        "2026-05-02",
        "the newest record's date",
    )
    stored = meta(db_copy)
    assert stored["data_as_of"] == "2026-05-02"
    assert stored["imported_at"] and stored["data_as_of"] != stored["imported_at"][:10]


def test_without_record_dates_the_file_date_is_used(db_copy: Path, tmp_path: Path) -> None:
    feed = write(tmp_path / "f.json", services(2))
    os.utime(feed, (1_700_000_000, 1_700_000_000))  # 14 November 2023
    result = refresh.refresh(db_copy, Source(str(feed)))
    assert (result.data_as_of, result.data_as_of_source) == ("2023-11-14", "the file's date")


def test_without_any_date_it_says_unknown(db_copy: Path) -> None:
    with serve() as server:
        server.set("/services?page=1&per_page=200", {"total_pages": 1, "contents": services(2)})
        result = refresh.refresh(db_copy, Source(server.base, FAST))
    assert result.data_as_of == "" and result.data_as_of_text == "unknown"
    assert meta(db_copy)["data_as_of"] == ""  # shown as "Data date unknown", never today's date


def test_the_servers_last_modified_date_is_used(db_copy: Path) -> None:
    body = json.dumps({"total_pages": 1, "contents": services(2)}).encode()
    headers = {"Content-Type": "application/json", "Last-Modified": "Wed, 21 Oct 2026 07:28:00 GMT"}
    with serve() as server:
        server.set("/services?page=1&per_page=200", (200, headers, body))
        result = refresh.refresh(db_copy, Source(server.base, FAST))
    assert (result.data_as_of, result.data_as_of_source) == ("2026-10-21", "the server's date")


# -- the coverage report --------------------------------------------------------------------
def test_coverage_is_in_the_result_the_report_file_and_the_cli(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        {
            "id": "a",
            "name": "Swimming club",
            "min_age": 5,
            "contacts": [
                {"name": "Desk", "phone": "0121 496 0123", "email": "Unknown-1@noemail.invalid"}
            ],
            "taxonomies": [{"name": "Transport", "slug": "transport"}],
        },
        {"id": "b", "name": "Quiet group", "min_age": "-1", "updated_at": "2026-01-01"},
    ]
    feed = write(tmp_path / "outpost.json", {"content": rows, "totalElements": 2, "last": True})
    assert main(["info"]) == 0
    assert main(["refresh", str(feed)]) == 0
    out = capsys.readouterr().out
    assert "Feed shape: Outpost / Scout directory" in out
    assert "  phone: 1 (50%)" in out
    assert "  ages: 1 (50%)" in out
    assert "  category: 1 (50%), 1 of them from the service's name" in out
    assert "e-mail: placeholder address, 1" in out
    assert "Most common terms without a category: Transport (1)" in out
    [report] = sorted((data_dir / "logs").glob("refresh-*.txt"))
    assert "Feed shape: Outpost / Scout directory" in report.read_text()


def test_unknown_fields_are_listed(db_copy: Path, tmp_path: Path) -> None:
    rows = [{"id": "a", "name": "A", "favourite_colour": "blue"}]
    result = refresh.refresh(db_copy, Source(str(write(tmp_path / "f.json", rows))))
    assert "Fields the app does not read: favourite_colour (1)" in result.report_lines()


# -- reports stay small (F10) ---------------------------------------------------------------
def test_huge_names_and_many_skips_do_not_blow_up_the_report(db_copy: Path, tmp_path: Path) -> None:
    rows = [{"name": "x" * 5_000} for _ in range(1100)] + services(2)
    result = refresh.refresh(db_copy, Source(str(write(tmp_path / "f.json", rows))))
    assert result.report.skipped_count == 1100 and len(result.report.skipped) == 1000
    lines = result.report_lines()
    assert "Records skipped: 1,100" in lines and "  … and 100 more skipped records" in lines
    assert max(len(line) for line in lines) < 1000
    assert result.report_path is not None and result.report_path.stat().st_size < 200_000


# -- Cancel while normalising ---------------------------------------------------------------
def test_cancel_is_checked_on_every_record(db_copy: Path, tmp_path: Path) -> None:
    feed = write(tmp_path / "f.json", services(50))
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 3  # the user presses Cancel after three records

    with pytest.raises(refresh.RefreshError, match="cancelled"):
        refresh.prepare(db_copy, Source(str(feed), cancelled=cancelled))
    assert len(calls) < 10  # it stopped at once, not at the next 500-record progress tick


# -- the category map an IT team adds ---------------------------------------------------------
def test_the_extra_category_map_is_used_and_a_bad_one_reported(
    db_copy: Path, tmp_path: Path
) -> None:
    rows = [{"id": "a", "name": "A", "taxonomies": [{"name": "Brookvale Buzz"}]}]
    feed = write(tmp_path / "f.json", rows)
    ours = tmp_path / "ours.toml"
    ours.write_text('[short-breaks]\nnames = ["Brookvale Buzz"]\n', encoding="utf-8")
    result = refresh.prepare(db_copy, Source(str(feed), taxonomy_map_file=str(ours)))
    try:
        assert result.coverage.have["category"] == 1 and not result.warnings
    finally:
        refresh.discard(result)
    ours.write_text("[short-breaks\n", encoding="utf-8")
    result = refresh.prepare(db_copy, Source(str(feed), taxonomy_map_file=str(ours)))
    try:
        assert result.coverage.have["category"] == 0
        assert any("extra category map was not used" in w for w in result.warnings)
    finally:
        refresh.discard(result)


def test_api_detail_urls_quote_the_service_id(db_copy: Path) -> None:
    hostile = "../../admin?delete=all#"
    with serve() as server:
        server.set(
            "/services?page=1&per_page=200",
            {
                "total_pages": 1,
                "contents": [{"id": hostile, "name": "Bare"}, {"id": "a b\r\nc", "name": "Spaces"}],
            },
        )
        server.set(
            "/services/..%2F..%2Fadmin%3Fdelete%3Dall%23",
            json_response({"id": hostile, "name": "Full", "contacts": []}),
        )
        result = refresh.refresh(db_copy, Source(server.base, FAST))
        requested = list(server.requests)
    assert "/services/..%2F..%2Fadmin%3Fdelete%3Dall%23" in requested
    assert "/services/a%20b%0D%0Ac" in requested
    assert not any("admin?delete" in r for r in requested)
    assert result.service_count == 2
