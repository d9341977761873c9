"""The refresh report on disk: what it lists, when it is written, and the newest 10 kept."""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.data.feeds import refresh, refresh_report
from desktop.data.feeds.refresh_lock import RefreshLock
from desktop.data.feeds.sources import Source

DATA = Path(__file__).parent / "data"
NAME = re.compile(r"^refresh-\d{8}-\d{6}(-\d+)?\.txt$")


def reports(live: Path) -> list[Path]:
    return sorted((live.parent / "logs").glob("refresh-*.txt"))


def write(path: Path, rows: object) -> Source:
    path.write_text(json.dumps(rows))
    return Source(str(path))


def test_a_used_refresh_writes_everything_it_skipped(db_copy: Path, tmp_path: Path) -> None:
    rows = [
        {"id": "a", "name": "Kept A"},
        {"id": "b", "name": "Kept B"},
        {"name": "No id"},
        {"id": "c"},
        "not an object",
        {"id": "d", "name": "Closed", "status": "defunct"},
        {"id": "a", "name": "A again"},
    ]
    result = refresh.refresh(db_copy, write(tmp_path / "feed.json", rows))
    [path] = reports(db_copy)
    assert NAME.match(path.name) and result.report_path == path
    text = path.read_text()
    assert f"Source: {tmp_path / 'feed.json'}" in text
    assert re.search(r"^Time: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d", text, re.M)
    assert "Outcome: Used" in text
    assert "Services imported: 2" in text and "Records read: 7" in text
    assert "Records skipped: 3" in text
    assert "skipped: record 3: no id (name: No id)" in text
    assert "skipped: record 4: c: no name" in text
    assert "skipped: record 5: not a service object (str)" in text
    assert "Not shown (inactive or defunct): d" in text
    assert "Duplicate ids: a" in text


def test_a_failed_refresh_writes_why(db_copy: Path, tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text("<html>Sorry</html>")
    with pytest.raises(refresh.RefreshError) as info:
        refresh.refresh(db_copy, Source(str(tmp_path / "bad.json")))
    [path] = reports(db_copy)
    assert info.value.report_path == path
    text = path.read_text()
    assert "Outcome: Not used: " in text and "web page" in text
    assert str(info.value) in text


def test_a_refused_drop_and_a_discard_are_reported(db_copy: Path, tmp_path: Path) -> None:
    refresh.refresh(
        db_copy, write(tmp_path / "big.json", [{"id": f"s{i}", "name": "S"} for i in range(40)])
    )
    small = write(tmp_path / "small.json", [{"id": "s1", "name": "S"}])
    with pytest.raises(refresh.NeedsConfirmation):
        refresh.refresh(db_copy, small)
    prepared = refresh.prepare(db_copy, small)
    refresh.discard(prepared, "Not used: declined.")
    texts = [p.read_text() for p in reports(db_copy)]
    assert len(texts) == 3
    assert any("Not used: The new data has 1 services, less than half" in t for t in texts)
    assert any("Outcome: Not used: declined." in t for t in texts)


def test_no_report_when_another_refresh_holds_the_lock(db_copy: Path, tmp_path: Path) -> None:
    with RefreshLock.acquire(db_copy), pytest.raises(refresh.RefreshError):
        refresh.refresh(db_copy, write(tmp_path / "f.json", [{"id": "a", "name": "A"}]))
    assert reports(db_copy) == []


def test_only_the_newest_ten_are_kept(db_copy: Path, tmp_path: Path) -> None:
    logs = db_copy.parent / "logs"
    logs.mkdir()
    (logs / "send-desk.log").write_text("the app's own log stays")
    for n in range(12):
        old = logs / f"refresh-202601{n + 10:02d}-120000.txt"
        old.write_text("old")
        os.utime(old, (time.time() - 10_000 + n, time.time() - 10_000 + n))
    result = refresh.refresh(db_copy, write(tmp_path / "f.json", [{"id": "a", "name": "A"}]))
    kept = reports(db_copy)
    assert len(kept) == refresh_report.KEPT and result.report_path in kept
    assert logs / "refresh-20260110-120000.txt" not in kept  # the oldest went first
    assert (logs / "send-desk.log").exists()


def test_two_reports_in_one_second_do_not_overwrite(tmp_path: Path) -> None:
    live = tmp_path / "send-desk.sqlite"
    first = refresh_report.write_report(live, ["one"])
    second = refresh_report.write_report(live, ["two"])
    assert first and second and first != second
    assert first.read_text().endswith("one\n") and second.read_text().endswith("two\n")


def test_an_unwritable_logs_folder_does_not_stop_the_refresh(db_copy: Path, tmp_path: Path) -> None:
    (db_copy.parent / "logs").write_text("a file where the folder should be")
    result = refresh.refresh(db_copy, write(tmp_path / "f.json", [{"id": "a", "name": "A"}]))
    assert result.committed and result.report_path is None


def test_the_cli_says_where_the_report_is(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["refresh", str(DATA / "oruk-v3-page1.json"), "--force"]) == 0  # one page of two
    out = capsys.readouterr().out
    [path] = reports(data_dir / "send-desk.sqlite")
    assert f"The full report is saved in {path}." in out
    (tmp_path / "bad.json").write_text("{")
    assert main(["refresh", str(tmp_path / "bad.json")]) == 1
    err = capsys.readouterr().err
    assert "The full report is saved in" in err and "refresh-" in err
