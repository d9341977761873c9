"""One refresh at a time: the lock beside the live database, stale locks, and two processes."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.data.feeds import refresh, refresh_lock
from desktop.data.feeds.refresh_lock import RefreshLock, lock_path
from desktop.data.feeds.sources import Source
from tests.feedserver import serve

DATA = Path(__file__).parent / "data"
BUSY = "Another refresh is running"
UNCHANGED = "your current data has not changed."


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def feed(tmp_path: Path, n: int = 5, name: str = "feed.json") -> Source:
    path = tmp_path / name
    rows = [{"id": f"s{i}", "name": f"Service {i}"} for i in range(n)]
    path.write_text(json.dumps(rows))
    return Source(str(path))


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def write_lock(live: Path, pid: int, started: float, host: str | None = None) -> Path:
    path = lock_path(live)
    holder = {"pid": pid, "host": host or socket.gethostname(), "started": started, "token": "x"}
    path.write_text(json.dumps(holder))
    return path


def test_a_second_refresh_is_refused_and_leaves_the_first_ones_files(
    db_copy: Path, tmp_path: Path
) -> None:
    before = digest(db_copy)
    with RefreshLock.acquire(db_copy):
        new, _ = refresh.paths(db_copy)
        new.write_bytes(b"the first refresh's half-built database")
        with pytest.raises(refresh.RefreshError) as info:
            refresh.refresh(db_copy, feed(tmp_path))
        message = str(info.value)
        assert message.startswith(BUSY) and message.endswith(UNCHANGED)
        assert f"process {os.getpid()}" in message
        assert new.read_bytes() == b"the first refresh's half-built database"
        assert digest(db_copy) == before
    assert not lock_path(db_copy).exists()
    assert refresh.refresh(db_copy, feed(tmp_path)).service_count == 5
    assert not lock_path(db_copy).exists()


def test_restore_previous_respects_the_lock(db_copy: Path, tmp_path: Path) -> None:
    refresh.refresh(db_copy, feed(tmp_path))
    before = digest(db_copy)
    with RefreshLock.acquire(db_copy), pytest.raises(refresh.RefreshError, match=BUSY):
        refresh.restore_previous(db_copy)
    assert digest(db_copy) == before
    refresh.restore_previous(db_copy)
    assert digest(db_copy) != before and not lock_path(db_copy).exists()


def test_the_lock_is_released_on_every_ending(db_copy: Path, tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text("{")
    with pytest.raises(refresh.RefreshError):
        refresh.refresh(db_copy, Source(str(tmp_path / "bad.json")))
    assert not lock_path(db_copy).exists()
    refresh.refresh(db_copy, feed(tmp_path, 40, "big.json"))
    with pytest.raises(refresh.NeedsConfirmation):
        refresh.refresh(db_copy, feed(tmp_path, 3, "small.json"))
    assert not lock_path(db_copy).exists()
    prepared = refresh.prepare(db_copy, feed(tmp_path, 3, "small.json"))
    assert prepared.pending and lock_path(db_copy).exists()
    refresh.discard(prepared)
    assert not prepared.pending and not lock_path(db_copy).exists()
    refresh.discard(prepared)  # a second discard does nothing
    with pytest.raises(refresh.RefreshError, match="already ended"):
        refresh.commit(prepared, force=True)


def test_a_discarded_refresh_no_longer_touches_the_files(db_copy: Path, tmp_path: Path) -> None:
    first = refresh.prepare(db_copy, feed(tmp_path))
    refresh.discard(first)
    second = refresh.prepare(db_copy, feed(tmp_path, 6, "second.json"))
    refresh.discard(first)  # late: must not delete the second refresh's .new
    assert second.new_path.exists()
    refresh.commit(second)
    assert second.committed and not lock_path(db_copy).exists()


def test_a_lock_whose_process_has_gone_is_taken_over(db_copy: Path, tmp_path: Path) -> None:
    write_lock(db_copy, dead_pid(), time.time())
    assert refresh.refresh(db_copy, feed(tmp_path)).service_count == 5
    assert not lock_path(db_copy).exists()


def test_a_very_old_lock_is_taken_over_even_if_its_process_runs(
    db_copy: Path, tmp_path: Path
) -> None:
    write_lock(db_copy, os.getpid(), time.time() - refresh_lock.STALE_AFTER - 60)
    assert refresh.refresh(db_copy, feed(tmp_path)).service_count == 5


def test_another_computers_lock_is_kept_until_it_is_old(db_copy: Path, tmp_path: Path) -> None:
    write_lock(db_copy, dead_pid(), time.time() - 3600, host="another-laptop.example.org")
    with pytest.raises(refresh.RefreshError, match="on another-laptop"):
        refresh.refresh(db_copy, feed(tmp_path))
    write_lock(db_copy, dead_pid(), time.time() - refresh_lock.STALE_AFTER - 1, "elsewhere")
    assert refresh.refresh(db_copy, feed(tmp_path)).service_count == 5


def test_an_unreadable_lock_waits_a_minute(db_copy: Path, tmp_path: Path) -> None:
    path = lock_path(db_copy)
    path.write_text("")  # a lock still being written
    with pytest.raises(refresh.RefreshError, match=BUSY):
        refresh.refresh(db_copy, feed(tmp_path))
    old = time.time() - refresh_lock.UNREADABLE_GRACE - 5
    os.utime(path, (old, old))  # a lock left half-written by a crash
    assert refresh.refresh(db_copy, feed(tmp_path)).service_count == 5


def test_releasing_a_lock_taken_over_by_another_leaves_theirs(db_copy: Path) -> None:
    mine = RefreshLock.acquire(db_copy)
    theirs = write_lock(db_copy, os.getpid(), time.time())
    mine.release()
    assert theirs.exists()


def test_cli_refuses_while_another_refresh_runs(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["info"]) == 0
    live = data_dir / "send-desk.sqlite"
    with RefreshLock.acquire(live):
        assert main(["refresh", str(DATA / "oruk-v3-page1.json")]) == 1
        err = capsys.readouterr().err
        assert BUSY in err and UNCHANGED in err
        assert main(["restore-previous"]) == 1  # there is no previous data either way
    assert main(["refresh", str(DATA / "oruk-v3-page1.json"), "--force"]) == 0  # 2 of 4
    with RefreshLock.acquire(live):
        assert main(["restore-previous"]) == 1
        assert BUSY in capsys.readouterr().err
    assert main(["restore-previous"]) == 0


def test_two_processes(data_dir: Path, tmp_path: Path) -> None:
    """A CLI refresh waits on page 2; a refresh here is refused; the CLI then finishes."""
    assert main(["info"]) == 0
    live = data_dir / "send-desk.sqlite"
    before = digest(live)
    asked, release = threading.Event(), threading.Event()
    page1 = json.loads((DATA / "oruk-v3-page1.json").read_text())

    def slow_page2():
        asked.set()
        release.wait(20)
        return 200, {}, json.dumps({"contents": [], "last_page": True}).encode()

    with serve() as server:
        server.set("/services?page=1&per_page=200", page1 | {"last_page": False})
        server.set("/services?page=2&per_page=200", slow_page2)
        env = dict(os.environ, PYTHONPATH=str(Path(__file__).parent.parent))
        proc = subprocess.Popen(
            [sys.executable, "-m", "desktop", "refresh", server.base, "--force"],  # 2 of 4
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert asked.wait(30), "the CLI refresh never asked for page 2"
            holder = refresh_lock.read_holder(lock_path(live))
            assert holder is not None and holder.pid == proc.pid
            with pytest.raises(refresh.RefreshError, match=BUSY):
                refresh.refresh(live, feed(tmp_path))
            assert refresh.paths(live)[0].exists()  # the CLI's half-built data is untouched
            assert digest(live) == before
        finally:
            release.set()
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "Done:" in out and not lock_path(live).exists()


# -- review F17 and F18 ---------------------------------------------------------------------
def test_case_16_a_full_disk_leaves_no_empty_lock(
    db_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lock content could not be written: no 0-byte lock blocks the next minute."""
    import errno

    before = digest(db_copy)

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", disk_full)
        with pytest.raises(refresh.RefreshError, match="not enough free disk space"):
            refresh.refresh(db_copy, feed(tmp_path))
    assert sorted(p.name for p in db_copy.parent.iterdir() if p.name.startswith("copy")) == [
        "copy.sqlite"
    ]
    assert digest(db_copy) == before
    assert refresh.refresh(db_copy, feed(tmp_path)).service_count == 5  # space freed: at once


def test_a_full_disk_without_hard_links_removes_the_half_lock(
    db_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    real_fdopen = os.fdopen

    class FullFile:
        def __init__(self, handle: object) -> None:
            self.handle = handle

        def __enter__(self) -> FullFile:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()  # type: ignore[attr-defined]

        def write(self, text: str) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "link", lambda *a: (_ for _ in ()).throw(OSError(errno.EPERM, "no")))
    monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: FullFile(real_fdopen(fd, *a, **k)))
    with pytest.raises(OSError):
        RefreshLock.acquire(db_copy)
    assert not lock_path(db_copy).exists()


def test_case_11_a_pid_reused_by_another_process_is_a_stale_lock(
    db_copy: Path, tmp_path: Path
) -> None:
    """After a kill -9 and a reboot, or on Windows, the PID in the lock is someone else's."""
    other = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    try:
        real_mark = refresh_lock.process_start_mark(other.pid)
        assert real_mark
        path = write_lock(db_copy, other.pid, time.time())
        data = json.loads(path.read_text())
        path.write_text(json.dumps(data | {"process_started": real_mark}))
        with pytest.raises(refresh.RefreshError, match=f"process {other.pid}"):
            refresh.refresh(db_copy, feed(tmp_path))  # the holder itself: still running
        path.write_text(json.dumps(data | {"process_started": "another-boot:12345"}))
        assert refresh.refresh(db_copy, feed(tmp_path)).service_count == 5
    finally:
        other.communicate(b"", timeout=10)
    assert not lock_path(db_copy).exists()


def test_a_lock_records_when_its_process_started(db_copy: Path) -> None:
    with RefreshLock.acquire(db_copy) as lock:
        holder = refresh_lock.read_holder(lock.path)
        assert holder is not None and holder.pid == os.getpid()
        assert holder.process_started == refresh_lock.process_start_mark(os.getpid())
        assert holder.process_started  # known on Linux (boot id and start ticks)


class FakeKernel32:
    """Stands in for kernel32 so the Windows path runs here (OpenProcess, GetProcessTimes)."""

    def __init__(self, processes: dict[int, int]) -> None:
        self.processes = processes  # pid → creation FILETIME; absent: no such process
        self.closed: list[int] = []

    def OpenProcess(self, access: int, inherit: bool, pid: int) -> int:
        return pid if pid in self.processes else 0

    def GetExitCodeProcess(self, handle: int, code: object) -> int:
        code._obj.value = 259  # type: ignore[attr-defined]  # STILL_ACTIVE
        return 1

    def GetProcessTimes(self, handle: int, created: object, *rest: object) -> int:
        created._obj.value = self.processes[handle]  # type: ignore[attr-defined]
        return 1

    def CloseHandle(self, handle: int) -> int:
        self.closed.append(handle)
        return 1


def test_windows_a_reused_pid_is_told_apart_by_its_creation_time(
    db_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kernel = FakeKernel32({4242: 133_000_000_000_000_000})
    monkeypatch.setattr(refresh_lock, "WINDOWS", True)
    monkeypatch.setattr(refresh_lock, "_kernel32", lambda: (kernel, lambda: 0))
    assert refresh_lock.process_start_mark(4242) == "133000000000000000"
    assert refresh_lock.process_start_mark(4243) is None and not refresh_lock.pid_running(4243)
    path = write_lock(db_copy, 4242, time.time())
    data = json.loads(path.read_text())
    path.write_text(json.dumps(data | {"process_started": "133000000000000000"}))
    with pytest.raises(refresh.RefreshError, match="process 4242"):
        refresh.refresh(db_copy, feed(tmp_path))
    kernel.processes[4242] = 133_000_000_999_999_999  # PID 4242 now names a newer process
    assert refresh.refresh(db_copy, feed(tmp_path)).service_count == 5
    assert kernel.closed and set(kernel.closed) == {4242}
