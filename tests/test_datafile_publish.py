"""``send-desk publish``: the central data file and its checksum, written for the laptops
(issue 14, item 3). Refuses what a laptop would refuse and keeps what was published before."""

from __future__ import annotations

import errno
import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop.data.feeds import central, publish
from tests.attack_helpers import corrupt_pages
from tests.datafile_helpers import central_db, published, sha256


@pytest.fixture
def share(tmp_path: Path) -> Path:
    folder = tmp_path / "share"
    folder.mkdir()
    return folder


def test_publish_writes_a_verified_copy_and_its_checksum(tmp_path: Path, bundled_db: Path, share: Path) -> None:
    db = central_db(tmp_path / "it", bundled_db)
    done = publish.publish(db, share)
    assert done.path == share / "send-desk.sqlite"
    assert sorted(p.name for p in share.iterdir()) == ["send-desk.sqlite", "send-desk.sqlite.sha256"]
    text = (share / "send-desk.sqlite.sha256").read_text(encoding="ascii")
    assert text == f"{sha256(done.path)}  send-desk.sqlite\n" and done.sha256 == sha256(done.path)
    assert (done.services, done.data_as_of) == (30, "2026-11-20")
    assert central.verify(done.path, "x")["imported_at"] == "2026-11-21T02:00:00+00:00"
    assert done.size == done.path.stat().st_size


@pytest.mark.parametrize(
    ("spoil", "said"),
    [
        ("demo", "holds the demo data: refresh it (send-desk refresh SOURCE --db PATH) before"),
        ("damaged", "is damaged"),
        ("foreign", "is an SQLite database of another program"),
    ],
)
def test_publish_refuses_what_laptops_would_refuse_and_keeps_the_last_one(
    tmp_path: Path, bundled_db: Path, share: Path, spoil: str, said: str
) -> None:
    good = published(share, bundled_db)
    before = {p.name: sha256(p) for p in share.iterdir()}
    db = tmp_path / "bad.sqlite"
    if spoil == "demo":
        shutil.copyfile(bundled_db, db)
    elif spoil == "damaged":
        shutil.copyfile(central_db(tmp_path / "x", bundled_db), db)
        corrupt_pages(db, "services", slice(0, 2))
    else:
        conn = sqlite3.connect(db)
        conn.execute("CREATE TABLE notes (t TEXT)")
        conn.close()
    db.chmod(0o644)
    with pytest.raises(publish.PublishError) as caught:
        publish.publish(db, good)
    assert said in str(caught.value)
    assert str(caught.value).endswith("What was published before is unchanged.")
    assert {p.name: sha256(p) for p in share.iterdir()} == before  # no temporary file left


def test_publish_refuses_a_missing_folder_and_the_database_itself(tmp_path: Path, bundled_db: Path) -> None:
    db = central_db(tmp_path / "it", bundled_db)
    with pytest.raises(publish.PublishError, match="does not exist"):
        publish.publish(db, tmp_path / "nowhere" / "send-desk.sqlite")
    with pytest.raises(publish.PublishError, match="is the database itself"):
        publish.publish(db, db)


def test_publish_waits_while_a_reader_holds_the_file_then_gives_up(
    tmp_path: Path, bundled_db: Path, share: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows refuses to replace a file another computer is reading: retried, then one sentence."""
    out = published(share, bundled_db)
    before = sha256(out)
    real = publish.os.replace
    refusals = []

    def refused(src: object, dest: object) -> None:
        if Path(str(dest)) == out and len(refusals) < 2:
            refusals.append(dest)
            raise PermissionError(errno.EACCES, "in use")
        real(src, dest)

    clock = iter(range(100)).__next__
    monkeypatch.setattr(publish.os, "replace", refused)
    db = central_db(tmp_path / "it2", bundled_db, as_of="2026-11-30")
    done = publish.publish(db, share, replace_wait=10, sleep=lambda s: None, clock=clock)
    assert len(refusals) == 2 and sha256(out) == done.sha256 != before
    refusals.clear()
    with pytest.raises(publish.PublishError, match=r"is in use .* for 0 seconds: try again later"):
        publish.publish(db, share, replace_wait=0, sleep=lambda s: None)
    assert sha256(out) == done.sha256
