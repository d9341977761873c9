"""The log file rotates by size as the standard library's RotatingFileHandler does, without
importing ``logging.handlers`` (issue 16: ~7 ms of every start)."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

import pytest

from desktop import logs

FORMAT = logging.Formatter("%(levelname)s %(name)s: %(message)s")


def _records(n: int) -> list[logging.LogRecord]:
    # messages of varied lengths (some longer than the limit), with non-ASCII text
    return [
        logging.makeLogRecord(
            {"msg": f"record {i} " + "é—x" * (i * 7 % 40), "levelname": "INFO", "name": "t"}
        )
        for i in range(n)
    ]


def _write(handler: logging.Handler, records: list[logging.LogRecord]) -> None:
    handler.setFormatter(FORMAT)
    for record in records:
        handler.handle(record)
    handler.close()


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize(("max_bytes", "backups"), [(300, 3), (120, 1), (1500, 2), (40, 2)])
def test_rotation_writes_the_same_files_as_the_standard_library(
    tmp_path: Path, max_bytes: int, backups: int
) -> None:
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    ours.mkdir()
    theirs.mkdir()
    records = _records(60)
    _write(logs.QuietFileHandler(ours / "send-desk.log", max_bytes, backups), records)
    _write(
        logging.handlers.RotatingFileHandler(
            theirs / "send-desk.log", maxBytes=max_bytes, backupCount=backups, encoding="utf-8"
        ),
        records,
    )
    assert _files(ours) == _files(theirs)
    assert len(_files(ours)) == 1 + backups  # each case writes enough to fill every backup


def test_the_newest_records_are_kept_in_order_and_the_oldest_dropped(tmp_path: Path) -> None:
    path = tmp_path / "send-desk.log"
    _write(logs.QuietFileHandler(path, 200, 2), _records(40))
    text = "".join(
        (tmp_path / name).read_text(encoding="utf-8")
        for name in ("send-desk.log.2", "send-desk.log.1", "send-desk.log")
    )
    numbers = [int(line.split()[3]) for line in text.splitlines()]
    assert numbers == list(range(numbers[0], 40))  # contiguous, newest last
    assert numbers[0] > 0  # the oldest went with the third rotation
    assert not (tmp_path / "send-desk.log.3").exists()


def test_no_backups_means_the_file_only_grows(tmp_path: Path) -> None:
    path = tmp_path / "send-desk.log"
    _write(logs.QuietFileHandler(path, 100, 0), _records(20))
    assert [p.name for p in tmp_path.iterdir()] == ["send-desk.log"]
    assert path.stat().st_size > 100


def test_a_rotation_that_fails_says_so_once_and_stops(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "send-desk.log"
    (tmp_path / "send-desk.log.1").mkdir()  # a folder where the first backup goes
    (tmp_path / "send-desk.log.1" / "inside").write_text("x")
    handler = logs.QuietFileHandler(path, 100, 2)
    _write(handler, _records(30))  # must not raise
    err = capsys.readouterr().err
    assert err.count("cannot write its log file") == 1
    assert handler.failed


def test_a_record_that_lands_exactly_on_the_limit_rotates_first(tmp_path: Path) -> None:
    path = tmp_path / "send-desk.log"
    handler = logs.QuietFileHandler(path, 30, 2)
    handler.setFormatter(logging.Formatter("%(message)s"))
    handler.handle(logging.makeLogRecord({"msg": "a" * 9}))  # 10 bytes with its newline
    handler.handle(logging.makeLogRecord({"msg": "b" * 19}))  # 10 + 20 = 30: the limit
    handler.close()
    assert path.read_text(encoding="utf-8") == "b" * 19 + "\n"
    assert (tmp_path / "send-desk.log.1").read_text(encoding="utf-8") == "a" * 9 + "\n"


def test_an_empty_file_is_never_rotated_away(tmp_path: Path) -> None:
    """A first record longer than the limit is written, not preceded by an empty backup."""
    path = tmp_path / "send-desk.log"
    handler = logs.QuietFileHandler(path, 10, 2)
    handler.setFormatter(logging.Formatter("%(message)s"))
    handler.handle(logging.makeLogRecord({"msg": "x" * 50}))
    handler.close()
    assert [p.name for p in tmp_path.iterdir()] == ["send-desk.log"]


def test_a_bad_log_call_is_reported_and_logging_carries_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "send-desk.log"
    handler = logs.QuietFileHandler(path, 1000, 2)
    handler.setFormatter(FORMAT)
    handler.handle(logging.makeLogRecord({"msg": "first", "levelname": "INFO", "name": "t"}))
    # A bug in the caller: "%d" of a string. It must not raise into the caller's code.
    handler.handle(
        logging.makeLogRecord({"msg": "%d items", "args": ("x",), "levelname": "INFO", "name": "t"})
    )
    handler.handle(logging.makeLogRecord({"msg": "after", "levelname": "INFO", "name": "t"}))
    handler.close()
    assert not handler.failed
    assert path.read_text(encoding="utf-8").splitlines() == ["INFO t: first", "INFO t: after"]
    assert "cannot write its log file" not in capsys.readouterr().err


def test_a_new_file_that_cannot_be_opened_after_rotating_stops_the_log_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "send-desk.log"
    handler = logs.QuietFileHandler(path, 60, 2)
    handler.setFormatter(FORMAT)

    def no_room() -> object:
        raise OSError(28, "No space left on device")

    handler.handle(logging.makeLogRecord({"msg": "x" * 40, "levelname": "INFO", "name": "t"}))
    monkeypatch.setattr(handler, "_open", no_room)
    for _ in range(5):  # each would rotate and reopen: none may raise
        handler.handle(logging.makeLogRecord({"msg": "y" * 40, "levelname": "INFO", "name": "t"}))
    assert handler.failed
    assert capsys.readouterr().err.count("No space left on device") == 1


def test_a_log_deleted_while_open_starts_again_at_the_next_rotation(tmp_path: Path) -> None:
    path = tmp_path / "send-desk.log"
    handler = logs.QuietFileHandler(path, 200, 2)
    handler.setFormatter(FORMAT)
    for record in _records(3):
        handler.handle(record)
    path.unlink()  # someone tidied the folder while the app runs
    for record in _records(30):
        handler.handle(record)
    handler.close()
    assert path.exists() and (tmp_path / "send-desk.log.1").exists()
