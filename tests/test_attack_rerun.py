"""What the re-run of the reliability attack (``tests/tools/attack_rerun.py``) found still
failing, kept as fast tests: each names the re-run's case number.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.data import livedb, provider_files
from desktop.data.dbcheck import open_error
from desktop.data.feeds import refresh
from desktop.data.feeds.refresh_lock import RefreshLock
from desktop.data.livedb import open_live
from tests.attack_helpers import digest, make_live, mark_refreshed, no_traceback
from tests.conftest import RESOURCES


def sqlite_error(name: str, text: str) -> sqlite3.OperationalError:
    error = sqlite3.OperationalError(text)
    error.sqlite_errorname = name  # type: ignore[attr-defined]
    return error


# -- case 28: build-db onto a full disk ---------------------------------------------------------
def test_case_28_build_db_on_a_full_disk_is_a_sentence_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.data import schema

    def full(conn: sqlite3.Connection) -> None:
        raise sqlite_error("SQLITE_FULL", "database or disk is full")

    monkeypatch.setattr(schema, "create", full)
    out = tmp_path / "out" / "bundle.sqlite"
    assert main(["build-db", str(out), "--resources", str(RESOURCES)]) == 1
    err = capsys.readouterr().err
    assert err.strip() == f"build-db failed: {out} cannot be written (database or disk is full)."
    assert sorted(p.name for p in out.parent.iterdir()) == []  # no half-built .building file


# -- case 29: an upgrade that finds the disk full ------------------------------------------------
def test_case_29_an_upgrade_on_a_full_disk_opens_the_users_data_as_it_is(
    data_dir: Path, bundled_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real SQLITE_FULL: the update's connection may not grow the file by a single page."""
    live = make_live(data_dir, bundled_db)
    mark_refreshed(live, services=12)
    conn = sqlite3.connect(live)
    with conn:
        conn.execute("UPDATE meta SET value = 'older bundle' WHERE key = 'sources_sha256'")
        conn.execute("UPDATE guidance_sections SET body = ''")  # the update must grow the file
    conn.execute("VACUUM")
    conn.close()
    before = digest(live)
    real_connect = sqlite3.connect

    def no_room(path: object, *args: object, **kwargs: object) -> sqlite3.Connection:
        opened = real_connect(path, *args, **kwargs)  # type: ignore[arg-type]
        pages = opened.execute("PRAGMA page_count").fetchone()[0]
        opened.execute(f"PRAGMA max_page_count = {pages}")
        return opened

    monkeypatch.setattr(livedb.sqlite3, "connect", no_room)
    opened = open_live(live, bundled_db, data_dir=data_dir)
    try:
        assert opened.store.count_services("") == 12
        assert "not enough free disk space" in opened.notice
        assert "added next time" in opened.notice
    finally:
        opened.store.close()
    assert digest(live) == before  # the failed update was rolled back


# -- case 27: restore-previous on a full disk ----------------------------------------------------
def test_case_27_a_restore_on_a_full_disk_is_not_called_a_refresh(
    data_dir: Path, bundled_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = make_live(data_dir, bundled_db)
    (data_dir / "send-desk.sqlite.bak").write_bytes(bundled_db.read_bytes())

    def full(*args: object, **kwargs: object) -> RefreshLock:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(RefreshLock, "acquire", full)
    with pytest.raises(refresh.RefreshError) as caught:
        refresh.restore_previous(live)
    assert str(caught.value).startswith(
        "There is not enough free disk space to restore the previous data: free some space"
    )
    with pytest.raises(refresh.RefreshError, match="free disk space to refresh: free"):
        refresh.take_lock(live)


# -- case 47: a data folder the user may not enter ------------------------------------------------
def test_case_47_a_providers_folder_that_cannot_be_entered_is_a_problem_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_is_file = Path.is_file

    def denied(self: Path) -> bool:
        if provider_files.FOLDER in self.parts:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_is_file(self)

    monkeypatch.setattr(Path, "is_file", denied)
    loaded = provider_files.load_org_providers([], tmp_path, "")
    assert loaded.providers == []
    assert [p for p in loaded.problems if "cannot be read (Permission denied)" in p]
    assert provider_files.has_imported(tmp_path) is False


# -- case 49: a hot journal in a folder that cannot be written ------------------------------------
@pytest.mark.parametrize("name", ["SQLITE_CANTOPEN", "SQLITE_IOERR", "SQLITE_READONLY_ROLLBACK"])
def test_case_49_a_hot_journal_that_cannot_be_rolled_back_asks_for_write_access(
    tmp_path: Path, name: str
) -> None:
    db = tmp_path / "send-desk.sqlite"
    db.write_bytes(b"")
    error = sqlite_error(name, "disk I/O error")
    assert "may be read by your account" in str(open_error(error, db))  # no journal: as before
    (tmp_path / "send-desk.sqlite-journal").write_bytes(b"x")
    sentence = str(open_error(error, db))
    assert "left half-written by a program that stopped" in sentence
    assert "ask for write access to the folder" in sentence and no_traceback(sentence)


# -- case 77: text that is not UTF-8 in the database --------------------------------------------
def test_case_77_text_that_is_not_utf8_reads_with_a_replacement_character(
    db_copy: Path, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    from desktop.data.store import Store

    conn = sqlite3.connect(db_copy)
    with conn:
        conn.execute("UPDATE services SET name = CAST(x'4175746973ff6d' AS TEXT) WHERE rid = 1")
    conn.close()
    with Store.open(db_copy, read_only=True) as store:
        names = [r.name for r in store.search_services("", limit=100)]
    assert "Autis\ufffdm" in names
    assert main(["--db", str(db_copy), "search", "--json"]) == 0
    assert "Autis\\ufffdm" in capsys.readouterr().out


# -- case 129: a CSV package saved by Excel on a UK Windows PC ----------------------------------
def test_case_129_a_windows_1252_csv_keeps_its_accents(tmp_path: Path) -> None:
    import zipfile

    from desktop.data.feeds.sources import Source

    path = tmp_path / "ansi.zip"
    with zipfile.ZipFile(path, "w") as archive:
        # One file mixing both, as a spreadsheet edited on two machines can be.
        data = "id,name,description\ns1,Café club,Crèche – £2\n".encode("cp1252")
        archive.writestr("services.csv", data + "s2,Plain,Ünïcödé ✓\n".encode())
    rows = [s for s in Source(str(path)).services() if isinstance(s, dict)]
    assert [r["name"] for r in rows] == ["Café club", "Plain"]
    assert rows[0]["description"] == "Crèche – £2"
    assert rows[1]["description"] == "Ünïcödé ✓"  # the UTF-8 part stays UTF-8


# -- cases 166, 167: a redirect to a scheme urllib itself refuses --------------------------------
@pytest.mark.parametrize("target", ["file:///etc/passwd", "javascript:alert(1)", "data:,x"])
def test_cases_166_167_a_redirect_to_another_scheme_names_it_not_error_302(target: str) -> None:
    from desktop.data.feeds.fetch import Fetcher, FetchError
    from tests.feedserver import serve

    with serve() as feed:
        feed.set("/services", (302, {"Location": target}, b""))
        with pytest.raises(FetchError) as caught:
            Fetcher().get(f"{feed.base}/services")
    assert str(caught.value).startswith(f"{target} is not a web address the app can fetch")
    assert "error 302" not in str(caught.value)


# -- case 183: an ftp:// (or file://) address as the source ---------------------------------------
@pytest.mark.parametrize("location", ["ftp://127.0.0.1/export.json", "file:///tmp/export.json"])
def test_case_183_an_address_of_another_scheme_is_not_taken_for_a_file_name(location: str) -> None:
    from desktop.data.feeds.sources import Source, SourceError

    with pytest.raises(SourceError, match=r"is not a web address the app can fetch \(it must start"):
        list(Source(location).services())


# -- case 177: the dialog destroyed after its task's thread, at interpreter exit -----------------
def test_case_177_abandoning_a_task_whose_thread_is_gone_is_quiet(qapp, tmp_path: Path) -> None:
    import shiboken6

    from desktop.ui.refresh_worker import RefreshTask

    task = RefreshTask(tmp_path / "send-desk.sqlite", "https://example.org/")
    shiboken6.delete(task._thread)  # what interpreter shutdown can do before the dialog goes
    assert task.running() is False
    task.abandon()  # raised RuntimeError: Internal C++ object (QThread) already deleted
    assert task.abandoned and task.wait(10)


# -- case 210: a providers list gets the feeds' text cleaning ------------------------------------
def test_case_210_provider_names_lose_bidi_zero_width_and_control_characters() -> None:
    from desktop.data.providers import parse_providers

    text = (
        '[[provider]]\nid = "bidi"\nname = "Free \u202egnp.exe Auti\u200bsm\\u0007"\nkind = "other"\n'
        'description = "Line one\\nLine\u200d two"\nphones = ["0121 496 0009"]\n'
        'source = "test"\nchecked_on = 2026-11-20\n'
    )
    [provider] = parse_providers(text, origin="test").providers
    assert provider.name == "Free gnp.exe Autism"  # "…exe.png" can no longer be faked
    assert provider.description == "Line one\nLine two"


# -- the re-run itself covers the review ---------------------------------------------------------
REVIEW_NUMBERS = {
    "F1": [227, 228, 230, 231, 232, 233], "F2": [234], "F3": [235], "F4": [251],
    "F5": [211, 212, 213, 215], "F6": [119, 120, 143], "F7": [241, 244, 245, 246, 248, 249],
    "F8": [179, 180, 181], "F9": [237], "F10": [111], "F11": [31, 32, 33, 82, 83, 84, 85],
    "F12": [58, 86, 87], "F14": [171, 175, 177, 178],
    "F15": [195, 198, 199, 202, 203, 204, 216, 218, 236], "F16": [205],
    "F17": [16, 18, 19, 20, 26], "F18": [11],
    "F19": [51, 67, 92, 99, 100, 101, 104, 149, 219, 220, 221, 222],
}  # fmt: skip


def test_the_rerun_has_the_reviews_251_cases_under_its_numbers() -> None:
    """Every failing case number the review lists is under its root cause; F13's 23 (the
    review gives no numbers) and the 159 that held fill the rest."""
    from tests.tools.rerun import cases  # noqa: F401  (registers them)
    from tests.tools.rerun.core import CASES, GROUPS, REVIEW_FAILED

    assert sorted(CASES) == list(range(1, 252))
    for cause, numbers in REVIEW_NUMBERS.items():
        assert sorted(n for n, c in CASES.items() if c.cause == cause) == numbers, cause
    by_cause = {cause: sum(1 for c in CASES.values() if c.cause == cause) for cause in REVIEW_FAILED}
    assert by_cause == REVIEW_FAILED and sum(by_cause.values()) == 92
    assert sum(1 for c in CASES.values() if c.cause in GROUPS) == 159
