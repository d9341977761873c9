"""The central data file from a folder standing in for the file share (issue 14, item 3):
``send-desk publish`` and the laptop's check (copy only when newer, verify, swap through the
refresh's own commit). A bad or half-written central file never replaces good data."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.data import livefiles
from desktop.data.feeds import central, central_copy, publish, refresh
from desktop.data.feeds.central import Kind
from desktop.data.feeds.refresh_lock import RefreshLock
from desktop.data.store import Store
from desktop.errors import ExitCode
from tests.attack_helpers import corrupt_pages, digest, make_live, one_sentence
from tests.datafile_helpers import central_db, leftovers, meta, published, sha256, write_checksum

UNCHANGED = "Your current data has not changed."


@pytest.fixture
def live(data_dir: Path, bundled_db: Path) -> Path:
    """A laptop's live copy: the demo data it was installed with."""
    return make_live(data_dir, bundled_db)


@pytest.fixture
def share(tmp_path: Path) -> Path:
    folder = tmp_path / "share"
    folder.mkdir()
    return folder


def check(live: Path, bundled: Path, where: Path | str, **kw: object) -> central.Check:
    found = central.check(live, bundled, str(where), **kw)  # type: ignore[arg-type]
    if found.kind is Kind.PROBLEM:  # every refusal: a sentence, and a few words for the bar
        assert found.sentence.endswith(UNCHANGED) and 0 < len(found.reason) <= 45, found
    return found


def take(live: Path, bundled: Path, where: Path | str) -> central.Check:
    """Check and, when ready, commit as the app does."""
    found = check(live, bundled, where)
    if found.kind is Kind.READY:
        assert found.result is not None and found.result.pending
        refresh.commit(found.result, force=True)
    return found


def assert_unchanged(live: Path, before: str) -> None:
    assert digest(live) == before
    assert leftovers(live) == []


def test_the_unchanged_sentence_is_the_refreshs() -> None:
    assert central.UNCHANGED == refresh.UNCHANGED == UNCHANGED


# -- the laptop's check -----------------------------------------------------------------------
def test_a_laptop_takes_newer_central_data_through_the_refresh_commit(
    live: Path, bundled_db: Path, share: Path
) -> None:
    out = published(share, bundled_db)
    demo = digest(live)
    found = take(live, bundled_db, share)  # the folder holding the file counts
    assert found.kind is Kind.READY and found.data_as_of == "2026-11-20"
    got = meta(live)
    assert got["is_demo"] == "0" and got["central_sha256"] == sha256(out)
    assert got["central_source"] == str(share)
    with Store.open(live, read_only=True) as store:
        assert store.count_services("") == 30
    assert digest(livefiles.bak_path(live)) == demo  # the previous data kept, as by a refresh
    assert leftovers(live) == []
    reports = list((live.parent / "logs").glob("refresh-*.txt"))
    assert len(reports) == 1 and "Outcome: Used" in reports[0].read_text(encoding="utf-8")


def test_an_up_to_date_laptop_reads_only_the_checksum(live: Path, bundled_db: Path, share: Path) -> None:
    out = published(share, bundled_db)
    take(live, bundled_db, out)
    before = digest(live)
    out.write_bytes(b"not even read")  # the checksum still names the copy the laptop has
    assert check(live, bundled_db, out).kind is Kind.UP_TO_DATE
    assert_unchanged(live, before)


def test_only_newer_data_is_used_and_older_is_not_copied_twice(
    live: Path, bundled_db: Path, share: Path
) -> None:
    published(share, bundled_db, as_of="2026-11-20")
    take(live, bundled_db, share)
    # IT refreshed again the same day: same data date, imported later: newer.
    out = published(share, bundled_db, as_of="2026-11-20", imported="2026-11-22T02:00:00+00:00")
    assert take(live, bundled_db, share).kind is Kind.READY
    assert meta(live)["central_sha256"] == sha256(out)
    before = digest(live)
    # An older file (restored by IT from a backup): copied and checked once, then remembered.
    old = published(share, bundled_db, as_of="2026-11-01", imported="2026-11-02T02:00:00+00:00")
    found = check(live, bundled_db, share)
    assert (found.kind, found.data_as_of) == (Kind.NOT_NEWER, "2026-11-01")
    assert_unchanged(live, before)
    old.write_bytes(b"would fail its checksum if it were copied again")
    assert check(live, bundled_db, share).kind is Kind.NOT_NEWER
    assert_unchanged(live, before)


@pytest.mark.parametrize(
    ("theirs", "ours", "newer"),
    [
        (("2026-11-20", "2026-11-21T02:00:00+00:00"), ("2026-11-19", "2026-11-25T02:00:00+00:00"), True),
        (("2026-11-19", "2026-11-25T02:00:00+00:00"), ("2026-11-20", "2026-11-21T02:00:00+00:00"), False),
        (("2026-11-20", "2026-11-21T03:00:00+01:00"), ("2026-11-20", "2026-11-21T02:30:00+00:00"), False),
        (("2026-11-20", "2026-11-21T04:00:00+01:00"), ("2026-11-20", "2026-11-21T02:30:00+00:00"), True),
        (("", "2026-11-22T02:00:00+00:00"), ("2026-11-20", "2026-11-21T02:00:00+00:00"), True),
        (("2026-11-20", "2026-11-21T02:00:00+00:00"), ("", "2026-11-22T02:00:00+00:00"), False),
    ],
)
def test_newer_is_the_later_data_date_then_the_later_import(
    theirs: tuple[str, str], ours: tuple[str, str], newer: bool
) -> None:
    def meta_of(pair: tuple[str, str]) -> dict[str, str]:
        return {"data_as_of": pair[0], "imported_at": pair[1], "is_demo": "0"}

    assert central.is_newer(meta_of(theirs), meta_of(ours)) is newer
    assert central.is_newer(meta_of(theirs), {"is_demo": "1", "data_as_of": "2099-01-01"})
    assert not central.is_newer(meta_of(theirs) | {"is_demo": "1"}, {"is_demo": "1"})


def test_this_versions_guidance_stays_only_the_local_offer_comes_from_the_centre(
    live: Path, bundled_db: Path, share: Path, tmp_path: Path
) -> None:
    db = central_db(tmp_path / "it", bundled_db)
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE guidance_sections SET title = 'From an older version'")
    conn.close()
    publish.publish(db, share)
    take(live, bundled_db, share)
    with Store.open(live, read_only=True) as now, Store.open(bundled_db, read_only=True) as ours:
        assert now.guidance_sections() == ours.guidance_sections()


def test_an_unreachable_share_is_silent_and_changes_nothing(live: Path, bundled_db: Path, tmp_path: Path) -> None:
    before = digest(live)
    found = check(live, bundled_db, tmp_path / "offline-share" / "send-desk.sqlite")
    assert found.kind is Kind.UNREACHABLE
    assert_unchanged(live, before)


def test_a_half_written_central_file_is_refused_in_one_sentence(
    live: Path, bundled_db: Path, share: Path
) -> None:
    out = published(share, bundled_db)
    data = out.read_bytes()
    out.write_bytes(data[: len(data) // 2])  # copied by hand and cut off; checksum of the whole
    before = digest(live)
    found = check(live, bundled_db, out)
    assert found.kind is Kind.PROBLEM
    assert one_sentence(found.sentence.removesuffix(" " + UNCHANGED)) == (
        f"The central data file {out} does not match its published checksum (it may be "
        "half-written or still being copied): ask IT to publish it again with send-desk publish."
    )
    assert found.sentence.endswith(UNCHANGED)
    assert_unchanged(live, before)


def test_a_damaged_central_file_with_a_matching_checksum_is_refused(
    live: Path, bundled_db: Path, share: Path
) -> None:
    out = published(share, bundled_db)
    corrupt_pages(out, "services", slice(0, 3))
    write_checksum(out)  # a checksum made by hand of the damaged file
    before = digest(live)
    found = check(live, bundled_db, out)
    assert found.kind is Kind.PROBLEM
    assert found.sentence.startswith(f"The central data file {out} is damaged (")
    assert found.sentence.endswith(f"ask IT to publish it again with send-desk publish. {UNCHANGED}")
    assert_unchanged(live, before)


@pytest.mark.parametrize(
    ("spoil", "said"),
    [
        ("foreign", "is not a SEND Adviser Desk database"),
        ("newer", "was written by a newer version of SEND Adviser Desk: ask IT to update the app on this computer"),
        ("empty", "holds no services"),
    ],
)
def test_a_central_file_the_app_cannot_use_is_refused(
    live: Path, bundled_db: Path, share: Path, spoil: str, said: str
) -> None:
    out = published(share, bundled_db)
    conn = sqlite3.connect(out)
    with conn:
        if spoil == "foreign":
            conn.execute("DELETE FROM meta")
        elif spoil == "newer":
            conn.execute("PRAGMA user_version = 99")
        else:
            for table in ("service_terms", "contacts", "services"):
                conn.execute(f"DELETE FROM {table}")
    conn.close()
    write_checksum(out)
    before = digest(live)
    found = check(live, bundled_db, out)
    assert found.kind is Kind.PROBLEM and said in found.sentence, found.sentence
    assert_unchanged(live, before)


def test_no_checksum_or_a_bad_one_is_refused(live: Path, bundled_db: Path, share: Path) -> None:
    before = digest(live)
    found = check(live, bundled_db, share)
    assert found.kind is Kind.PROBLEM
    assert found.sentence == (
        f"No central data is published at {share} yet (send-desk.sqlite.sha256 is missing): ask "
        f"IT to publish it with send-desk publish. {UNCHANGED}"
    )
    out = published(share, bundled_db)
    livefiles.sibling(out, ".sha256").write_text("made by hand\n", encoding="ascii")
    found = check(live, bundled_db, out)
    assert found.kind is Kind.PROBLEM and "does not hold a SHA-256 checksum" in found.sentence
    assert_unchanged(live, before)
    livefiles.sibling(out, ".sha256").write_text(f"SHA256  {sha256(out).upper()}  {out}\n")
    assert check(live, bundled_db, out).kind is Kind.READY  # Get-FileHash's table is read too


def test_a_checksum_without_its_database_is_refused(live: Path, bundled_db: Path, share: Path) -> None:
    out = published(share, bundled_db)
    out.unlink()
    found = check(live, bundled_db, share)
    assert found.kind is Kind.PROBLEM and "has a checksum but no database beside it" in found.sentence
    assert leftovers(live) == []


def test_a_file_published_again_while_it_is_copied_is_tried_later(
    live: Path, bundled_db: Path, share: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    published(share, bundled_db)
    real = central_copy.kept.meta_and_count

    def republished_meanwhile(path: Path) -> object:
        published(share, bundled_db, as_of="2026-11-29")  # between the checksum and the copy
        return real(path)

    monkeypatch.setattr(central_copy.kept, "meta_and_count", republished_meanwhile)
    before = digest(live)
    found = check(live, bundled_db, share)
    assert found.kind is Kind.RETRY and "was published again while it was copied" in found.sentence
    assert_unchanged(live, before)


def test_a_refresh_in_progress_postpones_the_check(live: Path, bundled_db: Path, share: Path) -> None:
    published(share, bundled_db)
    before = digest(live)
    with RefreshLock.acquire(live):
        assert check(live, bundled_db, share).kind is Kind.BUSY
        assert digest(live) == before


def test_cancel_stops_the_copy_and_leaves_nothing(live: Path, bundled_db: Path, share: Path) -> None:
    published(share, bundled_db)
    before = digest(live)
    assert check(live, bundled_db, share, cancelled=lambda: True).kind is Kind.CANCELLED
    assert_unchanged(live, before)


def test_a_full_disk_while_copying_says_so(
    live: Path, bundled_db: Path, share: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    published(share, bundled_db)
    real_open = open

    def full(path: object, mode: str = "r", *a: object, **kw: object) -> object:
        if str(path).endswith(".new") and "w" in mode:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_open(path, mode, *a, **kw)  # type: ignore[call-overload]

    monkeypatch.setattr(central_copy, "open", full, raising=False)
    before = digest(live)
    found = check(live, bundled_db, share)
    assert found.kind is Kind.PROBLEM
    assert found.sentence == (
        "There is not enough free disk space to copy the central data: free some space. "
        + UNCHANGED
    )
    assert_unchanged(live, before)


def test_a_discarded_ready_copy_leaves_the_live_data_alone(live: Path, bundled_db: Path, share: Path) -> None:
    published(share, bundled_db)
    before = digest(live)
    found = check(live, bundled_db, share)
    assert found.result is not None
    refresh.discard(found.result, "Not used: the shortlist was not empty.")
    assert_unchanged(live, before)


# -- the command line -------------------------------------------------------------------------
def test_cli_publish_then_fetch_data_from_the_policy(
    data_dir: Path, bundled_db: Path, share: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = central_db(tmp_path / "it", bundled_db)
    assert main(["publish", "--db", str(db), str(share)]) == ExitCode.OK
    out = capsys.readouterr().out
    assert out.startswith(f"Published {db} as {share / 'send-desk.sqlite'} (30 services, data as of 2026-11-20")
    assert main(["fetch-data"]) == ExitCode.USAGE
    assert "no DataFile policy is set" in capsys.readouterr().err
    policy = tmp_path / "policy.ini"
    policy.write_text(f"[Policy]\nDataFile = {share}\nRefreshDisabled = 1\n", encoding="utf-8")
    monkeypatch.setenv("SEND_DESK_POLICY", str(policy))
    assert main(["fetch-data"]) == ExitCode.OK  # RefreshDisabled does not stop the central copy
    assert capsys.readouterr().out.startswith(f"Updated from {share}: 30 services, data as of 2026-11-20.")
    assert main(["fetch-data"]) == ExitCode.OK
    assert capsys.readouterr().out == "Your data is up to date with the central data file.\n"


def test_cli_fetch_data_offline_or_bad_is_one_sentence_and_exit_1(
    data_dir: Path, bundled_db: Path, share: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["info"]) == ExitCode.OK
    live = data_dir / "send-desk.sqlite"
    before = digest(live)
    capsys.readouterr()
    offline = tmp_path / "offline" / "send-desk.sqlite"
    assert main(["fetch-data", str(offline)]) == ExitCode.FAILED
    err = capsys.readouterr().err
    assert err.startswith("The central data file cannot be reached (") and err.endswith(f"{UNCHANGED}\n")
    out = published(share, bundled_db)
    out.write_bytes(out.read_bytes()[:4096])
    assert main(["fetch-data", str(out)]) == ExitCode.FAILED
    assert "does not match its published checksum" in capsys.readouterr().err
    assert digest(live) == before
