"""Review F3 and the swap observations: .bak replaced only once the new file is in place,
read-only live files keep their mode (Windows included), leftovers cleaned at start,
kept copies listed and restored, and a bad .bak named as the problem (F19)."""

from __future__ import annotations

import errno
import json
import os
import shutil
import socket
import stat
import time
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.data import livefiles
from desktop.data.feeds import kept, refresh
from desktop.data.feeds.refresh_lock import RefreshLock, lock_path
from desktop.data.feeds.sources import Source
from desktop.data.store import Store
from desktop.errors import ExitCode
from tests.attack_helpers import DB_NAME, digest, make_live, no_traceback, one_sentence


def feed(tmp_path: Path, n: int, name: str = "feed.json") -> Source:
    path = tmp_path / name
    path.write_text(json.dumps([{"id": f"{name}{i}", "name": f"Service {i}"} for i in range(n)]))
    return Source(str(path))


@pytest.fixture
def with_backup(data_dir: Path, bundled_db: Path, tmp_path: Path) -> tuple[Path, str, str]:
    """live = B (a refresh of 30), .bak = A (the demo data): the review's set-up for case 235."""
    live = make_live(data_dir, bundled_db)
    refresh.refresh(live, feed(tmp_path, 30, "b.json"))
    return live, digest(live), digest(livefiles.bak_path(live))


def failing_replace(monkeypatch: pytest.MonkeyPatch, fail_on: int, error: OSError) -> None:
    """``os.replace`` raises ``error`` on its ``fail_on``-th call (of this test)."""
    real = os.replace
    calls = {"n": 0}

    def replace(src: object, dest: object) -> None:
        calls["n"] += 1
        if calls["n"] == fail_on:
            raise error
        real(src, dest)

    monkeypatch.setattr(os, "replace", replace)


def test_case_235_a_swap_that_fails_keeps_the_older_backup(
    with_backup: tuple[Path, str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    live, b, a = with_backup
    prepared = refresh.prepare(live, feed(tmp_path, 30, "c.json"))
    failing_replace(monkeypatch, 1, OSError(errno.EACCES, "file in use (Windows)"))
    with pytest.raises(refresh.RefreshError, match="could not be put in place") as info:
        refresh.commit(prepared)
    assert str(info.value).endswith("Your current data has not changed.")
    assert digest(live) == b and digest(livefiles.bak_path(live)) == a  # A survives
    assert sorted(p.name for p in live.parent.iterdir()) == ["logs", DB_NAME, f"{DB_NAME}.bak"]


def test_a_backup_rename_that_fails_after_the_swap_is_finished_later(
    with_backup: tuple[Path, str, str], tmp_path: Path
) -> None:
    live, b, _ = with_backup
    prepared = refresh.prepare(live, feed(tmp_path, 30, "c.json"))
    new = digest(prepared.new_path)
    with pytest.MonkeyPatch.context() as patch:
        failing_replace(patch, 2, OSError(errno.EIO, "I/O error"))
        patch.setattr(livefiles, "finish_interrupted_swap", lambda live: None)
        refresh.commit(prepared)  # the new data is in place; the .bak rename waits
    assert digest(live) == new and digest(livefiles.swap_path(live)) == b
    assert main(["info"]) == ExitCode.OK  # the next start finishes it
    assert digest(livefiles.bak_path(live)) == b and not livefiles.swap_path(live).exists()


def test_a_read_only_live_file_keeps_its_mode_after_a_refresh_and_a_restore(
    with_backup: tuple[Path, str, str], tmp_path: Path
) -> None:
    live, _, _ = with_backup
    live.chmod(0o444)
    refresh.refresh(live, feed(tmp_path, 30, "c.json"))
    assert stat.S_IMODE(live.stat().st_mode) == 0o444
    refresh.restore_previous(live)
    assert stat.S_IMODE(live.stat().st_mode) == 0o444


@pytest.fixture
def windows_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows semantics, injected: a read-only file can be neither replaced nor deleted."""
    real_replace, real_unlink = os.replace, os.unlink

    def read_only(path: object) -> bool:
        return os.path.exists(path) and not os.stat(path).st_mode & stat.S_IWUSR

    def replace(src: object, dest: object) -> None:
        if read_only(dest):
            raise PermissionError(errno.EACCES, "Access is denied", str(dest))
        real_replace(src, dest)

    def unlink(path: object, *args: object, **kwargs: object) -> None:
        if read_only(path):
            raise PermissionError(errno.EACCES, "Access is denied", str(path))
        real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(os, "unlink", unlink)


def test_on_windows_a_read_only_live_file_is_made_writable_only_for_the_rename(
    with_backup: tuple[Path, str, str], tmp_path: Path, windows_files: None
) -> None:
    live, _, _ = with_backup
    live.chmod(0o444)
    for n, name in ((30, "c.json"), (20, "d.json")):  # the second swap meets a read-only .bak
        result = refresh.refresh(live, feed(tmp_path, n, name))
        assert result.committed and stat.S_IMODE(live.stat().st_mode) == 0o444
        with Store.open(live, read_only=True) as store:
            assert store.count_services("") == n
    refresh.restore_previous(live)
    assert stat.S_IMODE(live.stat().st_mode) == 0o444
    with Store.open(live, read_only=True) as store:
        assert store.count_services("") == 30
    assert not livefiles.swap_path(live).exists()


def test_on_windows_a_swap_undone_keeps_the_read_only_live_file(
    with_backup: tuple[Path, str, str],
    tmp_path: Path,
    windows_files: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The swap fails after .bak.tmp was linked to the read-only live file: deleting that
    link must not leave the live file writable."""
    live, b, a = with_backup
    live.chmod(0o444)
    prepared = refresh.prepare(live, feed(tmp_path, 30, "c.json"))

    def in_use(src: object, dest: object) -> None:
        raise PermissionError(errno.EACCES, "The file is in use by another process")

    monkeypatch.setattr(livefiles, "replace_keeping_mode", lambda src, dest, keep=True: in_use(src, dest))
    with pytest.raises(refresh.RefreshError, match="could not be put in place"):
        refresh.commit(prepared)
    assert digest(live) == b and digest(livefiles.bak_path(live)) == a
    assert stat.S_IMODE(live.stat().st_mode) == 0o444
    assert not livefiles.swap_path(live).exists()


def test_leftovers_of_a_killed_refresh_are_cleaned_at_the_next_start(
    data_dir: Path, bundled_db: Path
) -> None:
    live = make_live(data_dir, bundled_db)
    before = digest(live)
    for suffix in (".new", ".new-journal", ".copying", ".bak.tmp.copying"):
        livefiles.sibling(live, suffix).write_bytes(b"half written")
    livefiles.sibling(live, ".bak.tmp").hardlink_to(live)  # killed before the swap
    livefiles.sibling(live, ".corrupt-1").write_bytes(b"")  # a name reserved, then killed
    dead = {"pid": 999_999_999, "host": socket.gethostname(), "started": time.time(), "token": "t"}
    lock_path(live).write_text(json.dumps(dead))
    stray = livefiles.sibling(live, ".lock.tmp-1-abc")
    stray.write_text("{}")
    os.utime(stray, (time.time() - 3600,) * 2)
    assert main(["info"]) == ExitCode.OK
    assert sorted(p.name for p in data_dir.iterdir()) == ["logs", DB_NAME]
    assert digest(live) == before


def test_start_up_leaves_a_running_refresh_alone(data_dir: Path, bundled_db: Path) -> None:
    live = make_live(data_dir, bundled_db)
    with RefreshLock.acquire(live):
        refresh.paths(live)[0].write_bytes(b"another refresh is building this")
        assert main(["info"]) == ExitCode.OK
        assert refresh.paths(live)[0].read_bytes() == b"another refresh is building this"


@pytest.mark.parametrize("name", [".new", ".bak.tmp", ".bak"])
def test_a_folder_in_the_way_is_named_never_removed(
    data_dir: Path, bundled_db: Path, tmp_path: Path, name: str, capsys
) -> None:
    """Case (F13): a directory named .new or .bak.tmp gave IsADirectoryError."""
    live = make_live(data_dir, bundled_db)
    folder = livefiles.sibling(live, name)
    folder.mkdir()
    (folder / "keep.txt").write_text("mine")
    before = digest(live)
    assert main(["info"]) == ExitCode.OK
    capsys.readouterr()
    export = tmp_path / "feed.json"
    export.write_text('[{"id": "a", "name": "A"}]')
    assert main(["refresh", str(export)]) == ExitCode.FAILED
    err = capsys.readouterr().err
    assert no_traceback(err)
    assert f"{folder} is in the way: move it elsewhere. Your current data has not changed." in err
    assert (folder / "keep.txt").read_text() == "mine" and digest(live) == before


# -- restoring -----------------------------------------------------------------------------
def test_f19_a_bad_backup_is_named_as_the_problem(
    with_backup: tuple[Path, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    live, b, _ = with_backup
    livefiles.bak_path(live).write_bytes(b"SQLite format 3\x00" + b"\x01" * 4000)
    assert main(["restore-previous"]) == ExitCode.FAILED
    err = capsys.readouterr().err
    assert one_sentence(err) == (
        f"The previous data ({DB_NAME}.bak) cannot be used: it is damaged; your current data "
        "has not changed."
    )
    assert "start the app once" not in err and digest(live) == b


def test_a_set_aside_copy_can_be_listed_and_restored(
    with_backup: tuple[Path, str, str], data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """F2's victims: the refreshed data set aside as .corrupt by an earlier version."""
    live, b, a = with_backup
    shutil.copyfile(live, livefiles.sibling(live, ".corrupt"))  # what 0.1 did to locked data
    refresh.restore_previous(live)  # live = A (demo), .bak = B
    assert digest(live) == a
    assert main(["restore-previous", "--list"]) == ExitCode.OK
    listing = capsys.readouterr().out
    assert f"{DB_NAME}.bak " in listing and f"{DB_NAME}.corrupt " in listing
    assert "30 services, data as of" in listing
    assert main(["restore-previous", "--from", f"{DB_NAME}.corrupt"]) == ExitCode.OK
    assert digest(live) == b
    # What was live is now .bak; the older .bak is kept too, nothing was lost.
    assert digest(livefiles.bak_path(live)) == a
    assert digest(livefiles.sibling(live, ".bak-1")) == b
    assert not livefiles.sibling(live, ".corrupt").exists()


def test_restore_refuses_names_that_are_not_kept_copies(
    with_backup: tuple[Path, str, str], tmp_path: Path, capsys
) -> None:
    live, b, _ = with_backup
    outside = tmp_path / "elsewhere.sqlite"
    shutil.copyfile(live, outside)
    for name in (str(outside), "../elsewhere.sqlite", "send-desk.sqlite"):
        assert main(["restore-previous", "--from", name]) == ExitCode.FAILED
        assert "No kept copy is called" in capsys.readouterr().err
    assert digest(live) == b


def test_listing_says_why_a_copy_cannot_be_used(
    with_backup: tuple[Path, str, str],
) -> None:
    live, _, _ = with_backup
    livefiles.sibling(live, ".old-1").write_text("not a database")
    found = {c.name: c for c in kept.list_kept(live)}
    assert found[f"{DB_NAME}.bak"].usable
    old = found[f"{DB_NAME}.old-1"]
    assert not old.usable and old.summary == "cannot be used: it is not a database"


def test_an_ordinary_start_never_takes_the_refresh_lock(
    data_dir: Path, bundled_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Start-up stays cheap: the lock is only taken when there is something to tidy."""
    from desktop.data.feeds import refresh_lock

    make_live(data_dir, bundled_db)
    taken: list[Path] = []
    real = refresh_lock.maintenance

    def counting(live: Path):
        taken.append(live)
        return real(live)

    monkeypatch.setattr(refresh_lock, "maintenance", counting)
    assert main(["info"]) == ExitCode.OK
    assert taken == []
    livefiles.new_path(data_dir / DB_NAME).write_bytes(b"left by a kill")
    assert main(["info"]) == ExitCode.OK
    assert taken == [data_dir / DB_NAME] and not livefiles.new_path(data_dir / DB_NAME).exists()
