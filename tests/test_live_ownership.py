"""Review F1 and F19: the app only sets aside or replaces files it owns.

Cases 227, 228, 230–233 (``--db PATH`` on a document, a folder, a device, a pipe, another
program's database, a link to a system file) and the F19 sentences (a zero-length file,
a link to /dev/null). Each asserts the user's bytes, the one sentence, and no traceback.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.data import livefiles
from desktop.data.livedb import open_live
from desktop.data.store import DatabaseDamaged, NotADatabase, Store
from desktop.errors import ExitCode
from tests.attack_helpers import (
    DB_NAME,
    POSIX_ONLY,
    digest,
    make_live,
    no_traceback,
    one_sentence,
    run_cli,
    tree,
)


@pytest.fixture
def scratch(tmp_path: Path, data_dir: Path) -> Path:
    """A user's folder beside (not inside) the app's data folder."""
    folder = tmp_path / "user"
    (folder / "Documents").mkdir(parents=True)
    (folder / "Documents" / "notes.txt").write_text("n")
    (folder / "report.docx").write_text("essay")
    return folder


def refused(capsys: pytest.CaptureFixture[str], args: list[str], code: ExitCode) -> str:
    assert main(args) == code
    err = capsys.readouterr().err
    assert no_traceback(err)
    return one_sentence(err)


def test_case_227_a_document_named_by_db_is_left_untouched(
    scratch: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = tree(scratch)
    doc = scratch / "report.docx"
    sentence = refused(capsys, ["--db", str(doc), "info"], ExitCode.DATA)
    assert sentence == (
        f"{doc} is not a SEND Adviser Desk database (it is not an SQLite file), so it was left "
        "as it is: move it away, or use --db to name another file."
    )
    assert tree(scratch) == before


def test_case_228_a_folder_named_by_db_is_left_untouched(
    scratch: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = tree(scratch)
    sentence = refused(capsys, ["info", "--db", str(scratch / "Documents")], ExitCode.DATA)
    assert "is a folder, not a SEND Adviser Desk database, so it was left as it is" in sentence
    assert tree(scratch) == before


@POSIX_ONLY
def test_case_230_a_device_is_never_opened_or_replaced(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    sentence = refused(capsys, ["--db", os.devnull, "info"], ExitCode.DATA)
    assert sentence.startswith(f"{os.devnull} is a device, not a SEND Adviser Desk database")
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
    assert not Path(os.devnull + ".corrupt").exists()


@POSIX_ONLY
def test_case_231_a_pipe_is_refused_at_once(scratch: Path, data_dir: Path, bundled_db: Path) -> None:
    """A FIFO would block whoever reads it: the real CLI must answer without opening it."""
    fifo = scratch / "pipe.sqlite"
    os.mkfifo(fifo)
    result = run_cli(["info", "--db", str(fifo)], data_dir, bundled_db, timeout=60)
    assert result.returncode == ExitCode.DATA
    assert "is a pipe, not a SEND Adviser Desk database" in one_sentence(result.stderr)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and no_traceback(result.stderr)


def test_case_232_another_programs_database_is_left_untouched(
    scratch: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = scratch / "accounts.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE meta (key, value)")  # even a table called meta
    conn.execute("INSERT INTO meta VALUES ('owner', 'someone else')")
    conn.commit()
    conn.close()
    before = tree(scratch)
    sentence = refused(capsys, ["search", "x", "--db", str(other)], ExitCode.DATA)
    assert "is an SQLite database of another program" in sentence
    assert tree(scratch) == before


@POSIX_ONLY
def test_case_233_a_link_to_a_system_file_is_left_untouched(
    scratch: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    system = tmp_path / "etc-hosts"
    system.write_text("127.0.0.1 localhost\n")
    link = scratch / "data.sqlite"
    link.symlink_to(system)
    before, system_before = tree(scratch), digest(system)
    refused(capsys, ["--db", str(link), "info"], ExitCode.DATA)
    assert tree(scratch) == before and digest(system) == system_before


def test_damaged_database_outside_the_data_folder_is_never_set_aside(
    scratch: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damaged = scratch / "old-copy.sqlite"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xee" * 9000)
    before = tree(scratch)
    sentence = refused(capsys, ["--db", str(damaged), "info"], ExitCode.DATA)
    assert "damaged" in sentence and "outside the app's data folder" in sentence
    assert tree(scratch) == before


def test_a_missing_db_is_made_only_in_a_folder_that_exists(
    scratch: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nowhere = scratch / "no-such-folder" / "x.sqlite"
    sentence = refused(capsys, ["--db", str(nowhere), "info"], ExitCode.DATA)
    assert sentence.startswith(f"The folder {nowhere.parent} does not exist")
    assert not nowhere.parent.exists()
    fresh = scratch / "fresh.sqlite"
    assert main(["info", "--db", str(fresh)]) == ExitCode.OK
    with Store.open(fresh, read_only=True) as store:
        assert store.is_demo
    assert sorted(p.name for p in scratch.iterdir()) == ["Documents", "fresh.sqlite", "report.docx"]


# -- F19: true sentences -------------------------------------------------------------------
def test_a_zero_length_live_file_is_replaced_with_a_true_notice(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / DB_NAME).write_bytes(b"")
    assert main(["info"]) == ExitCode.OK
    out = capsys.readouterr().out
    assert "Your data file was empty (0 bytes), so the bundled data is used." in out
    assert "older format" not in out
    assert sorted(p.name for p in data_dir.iterdir()) == ["logs", DB_NAME]


def test_a_zero_length_file_outside_the_data_folder_is_left_alone(
    scratch: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = scratch / "empty.sqlite"
    empty.write_bytes(b"")
    sentence = refused(capsys, ["--db", str(empty), "info"], ExitCode.DATA)
    assert "is empty (0 bytes), so it was left as it is" in sentence
    assert empty.read_bytes() == b""


@POSIX_ONLY
def test_a_live_link_to_dev_null_gets_a_true_sentence(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / DB_NAME).symlink_to(os.devnull)
    sentence = refused(capsys, ["info"], ExitCode.DATA)
    assert "is a device, not a SEND Adviser Desk database" in sentence
    assert "older format" not in sentence
    assert os.readlink(data_dir / DB_NAME) == os.devnull


# -- inside the data folder: damaged files are set aside, numbered, never overwritten ----------
def test_set_aside_copies_are_numbered_and_never_overwritten(
    data_dir: Path, bundled_db: Path
) -> None:
    live = data_dir / DB_NAME
    first, second = (b"SQLite format 3\x00" + bytes([n]) * 5000 for n in (1, 2))
    data_dir.mkdir(parents=True)
    (data_dir / f"{DB_NAME}.corrupt").write_bytes(b"from an earlier version")
    for damaged, name in ((first, "corrupt-1"), (second, "corrupt-2")):
        live.write_bytes(damaged)
        opened = open_live(live, bundled_db, data_dir=data_dir)
        opened.store.close()
        assert f"kept as {DB_NAME}.{name}" in opened.notice
        assert (data_dir / f"{DB_NAME}.{name}").read_bytes() == damaged
    assert (data_dir / f"{DB_NAME}.corrupt").read_bytes() == b"from an earlier version"
    names = {c.name for c in livefiles.kept_copies(live)}
    assert names == {f"{DB_NAME}.corrupt", f"{DB_NAME}.corrupt-1", f"{DB_NAME}.corrupt-2"}


def test_a_db_with_only_a_meta_table_is_damaged_not_a_crash(
    data_dir: Path, bundled_db: Path
) -> None:
    """Case 85: only ``meta`` left; the upgrade's DELETE used to resolve to the bundle."""
    live = make_live(data_dir, bundled_db)
    conn = sqlite3.connect(live)
    for (table,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'meta' "
        "AND name NOT LIKE 'services_fts_%'"
    ).fetchall():
        conn.execute(f'DROP TABLE "{table}"')
    conn.execute("UPDATE meta SET value = 'old' WHERE key = 'sources_sha256'")
    conn.execute("UPDATE meta SET value = '0' WHERE key = 'is_demo'")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseDamaged, match="parts missing"):
        Store.open(live)
    meta_only = digest(live)
    opened = open_live(live, bundled_db, data_dir=data_dir)
    try:
        assert "damaged" in opened.notice and opened.store.count_services("") >= 60
    finally:
        opened.store.close()
    assert digest(data_dir / f"{DB_NAME}.corrupt-1") == meta_only


def test_open_live_refuses_what_is_not_sqlite_even_in_the_data_folder(
    data_dir: Path, bundled_db: Path
) -> None:
    data_dir.mkdir(parents=True)
    live = data_dir / DB_NAME
    shutil.copyfile(Path(__file__), live)  # a text file where the database should be
    before = digest(live)
    with pytest.raises(NotADatabase) as info:
        open_live(live, bundled_db, data_dir=data_dir)
    assert info.value.kind == "not-sqlite" and digest(live) == before
