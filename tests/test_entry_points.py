"""Review F13 and F17 at the entry points: one sentence for every failure, never a traceback.

A bug is logged with its traceback and reported as a bug (where the log is, data
unchanged); Ctrl+C stops with a sentence and exit 130; a log that cannot be written says
so once; ``--db`` works after the subcommand too (issue 10 item 8); exit codes are one
enum, documented in the README.
"""

from __future__ import annotations

import errno
import json
import logging
import re
import shutil
from pathlib import Path

import pytest

from desktop import cli, logs
from desktop.cli import main
from desktop.data import livefiles
from desktop.data.feeds import refresh
from desktop.data.store import Store
from desktop.errors import ExitCode
from tests.attack_helpers import (
    DB_NAME,
    digest,
    make_live,
    mark_refreshed,
    no_traceback,
    one_sentence,
)
from tests.conftest import ROOT

DATA = Path(__file__).parent / "data"


def test_a_bug_is_logged_and_reported_as_one_sentence(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["info"]) == ExitCode.OK
    live = data_dir / DB_NAME
    before = digest(live)
    capsys.readouterr()

    def broken(*args: object) -> int:
        raise RuntimeError("boom in info")

    monkeypatch.setattr(cli, "_info", broken)
    assert main(["info"]) == ExitCode.BUG
    err = capsys.readouterr().err
    log_file = data_dir / "logs" / "send-desk.log"
    assert one_sentence(err) == (
        "SEND Adviser Desk hit an unexpected problem (a bug); your data has not been changed. "
        f"The details are in {log_file}."
    )
    assert no_traceback(err)
    logged = log_file.read_text(encoding="utf-8")
    assert "Traceback" in logged and "RuntimeError: boom in info" in logged
    assert digest(live) == before


def test_a_bug_with_no_log_file_keeps_its_traceback_in_a_temporary_file(
    tmp_path: Path, bundled_db: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("SEND_DESK_DATA_DIR", str(blocker))  # nothing can be written there
    monkeypatch.setenv("SEND_DESK_BUNDLED_DB", str(bundled_db))
    monkeypatch.setattr(cli, "_info", lambda *a: 1 / 0)
    monkeypatch.setattr(logs, "_current_log", None)
    assert main(["info"]) == ExitCode.BUG
    sentence = one_sentence(capsys.readouterr().err)
    match = re.search(r"The details are in (\S+send-desk-error-\S+\.txt)\.$", sentence)
    assert match, sentence
    saved = Path(match.group(1))
    try:
        assert "ZeroDivisionError" in saved.read_text(encoding="utf-8")
    finally:
        saved.unlink()
    logs.setup_logging(None)


def test_ctrl_c_during_a_refresh_stops_with_a_sentence(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["info"]) == ExitCode.OK
    live = data_dir / DB_NAME
    before = digest(live)
    capsys.readouterr()
    real_build = refresh._build

    def interrupted(result: object, *args: object) -> None:
        real_build(result, *args)
        raise KeyboardInterrupt  # as if Ctrl+C came at the end of the import

    monkeypatch.setattr(refresh, "_build", interrupted)
    assert main(["refresh", str(DATA / "oruk-v3-page1.json")]) == ExitCode.INTERRUPTED
    err = capsys.readouterr().err
    assert "Stopped (Ctrl+C): the refresh was cancelled. Your current data has not changed." in err
    assert no_traceback(err) and digest(live) == before
    assert sorted(p.name for p in data_dir.iterdir()) == ["logs", DB_NAME]


def test_ctrl_c_in_another_command_stops_with_a_sentence(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    def interrupted(*args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_search", interrupted)
    assert main(["search", "x"]) == ExitCode.INTERRUPTED
    err = capsys.readouterr().err
    assert one_sentence(err) == "Stopped (Ctrl+C)." and no_traceback(err)


def test_case_18_a_first_copy_that_fails_leaves_no_partial_file(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A disk too small for the bundle: .copying removed, the bundle opened read-only."""
    real = shutil.copyfile

    def runs_out(src: object, dest: object) -> None:
        real(src, dest)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shutil, "copyfile", runs_out)
    from desktop.config import load_settings
    from desktop.data.livedb import open_live

    settings = load_settings()
    opened = open_live(settings.live_db, settings.bundled_db, data_dir=settings.data_dir)
    opened.store.close()
    assert opened.read_only and "cannot be written" in opened.notice
    assert sorted(p.name for p in data_dir.iterdir()) == []


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_case_26_a_log_that_cannot_be_written_says_so_once(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """/dev/full: every write fails with ENOSPC, as on a full disk."""
    assert logs.setup_logging(Path("/dev/full")) == Path("/dev/full")
    try:
        for n in range(5):
            logging.getLogger("desktop.test").warning("message %d", n)
        err = capsys.readouterr().err
        assert "--- Logging error ---" not in err and "Traceback" not in err
        assert one_sentence(err).startswith("SEND Adviser Desk cannot write its log file /dev/full")
        assert logs.current_log_file() is None
    finally:
        logs.setup_logging(None)


def test_stderr_logging_never_prints_a_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    logs.setup_logging(None)
    try:
        raise ValueError("inner detail")
    except ValueError:
        logging.getLogger("desktop.test").exception("it went wrong")
    err = capsys.readouterr().err
    assert one_sentence(err) == "send-desk: it went wrong"


# -- --db after the subcommand (issue 10 item 8) -------------------------------------------
@pytest.fixture
def own_db(tmp_path: Path, bundled_db: Path, data_dir: Path) -> Path:
    """A database of the user's own, outside the data folder, named with --db."""
    return make_live(tmp_path / "mine", bundled_db)


def default_untouched(data_dir: Path) -> bool:
    return not (data_dir / DB_NAME).exists()


def test_db_after_info(own_db: Path, data_dir: Path, capsys) -> None:
    assert main(["info", "--db", str(own_db)]) == ExitCode.OK
    assert f"database           {own_db}" in capsys.readouterr().out
    assert default_untouched(data_dir)


def test_db_after_search(own_db: Path, data_dir: Path, capsys) -> None:
    mark_refreshed(own_db, services=3)
    assert main(["search", "--json", "--db", str(own_db)]) == ExitCode.OK
    found = json.loads(capsys.readouterr().out)
    assert found["total"] == 3 and found["demo"] is False
    assert default_untouched(data_dir)


def test_db_after_refresh(own_db: Path, data_dir: Path) -> None:
    export = str(DATA / "oruk-v3-page1.json")
    assert main(["refresh", export, "--db", str(own_db), "--force"]) == ExitCode.OK
    with Store.open(own_db, read_only=True) as store:
        assert not store.is_demo
    assert livefiles.bak_path(own_db).exists() and default_untouched(data_dir)


def test_db_after_restore_previous(own_db: Path, data_dir: Path) -> None:
    assert main(["--db", str(own_db), "refresh", str(DATA / "oruk-v3-page1.json"), "--force"]) == 0
    refreshed = digest(own_db)
    assert main(["restore-previous", "--db", str(own_db)]) == ExitCode.OK
    assert digest(own_db) != refreshed and digest(livefiles.bak_path(own_db)) == refreshed
    assert default_untouched(data_dir)


def test_a_db_after_the_subcommand_wins_over_one_before(own_db: Path, tmp_path: Path) -> None:
    args = cli.build_parser().parse_args(["--db", "first.sqlite", "info", "--db", str(own_db)])
    assert args.db == str(own_db)
    args = cli.build_parser().parse_args(["--db", "first.sqlite", "info"])
    assert args.db == "first.sqlite"


# -- exit codes --------------------------------------------------------------------------------
def test_usage_errors_exit_2_like_argparse(data_dir: Path, capsys) -> None:
    assert main(["refresh"]) == ExitCode.USAGE == 2
    with pytest.raises(SystemExit) as info:
        main(["info", "--no-such-option"])
    assert info.value.code == ExitCode.USAGE


def test_every_exit_code_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("Exit codes", 1)[1].split("\n## ", 1)[0]
    for code in ExitCode:
        assert re.search(rf"^\s*[-|]?\s*`?{code.value}`?\s", section, re.M), code


def test_the_windowed_app_shows_a_start_up_refusal_in_a_plain_text_box(
    qapp, scratch_doc: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """On Windows the windowed exe has no console: the sentence must also be on screen."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self) or 0)
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")  # as on a real screen (nothing is drawn)
    monkeypatch.setattr(cli, "_has_display", lambda: True)
    monkeypatch.setattr("desktop.app.run_gui", lambda *a, **k: pytest.fail("no window"))
    before = scratch_doc.read_bytes()
    assert main(["--db", str(scratch_doc)]) == ExitCode.DATA
    sentence = one_sentence(capsys.readouterr().err)
    assert shown and shown[0].text() == sentence
    assert shown[0].textFormat() == Qt.TextFormat.PlainText
    assert scratch_doc.read_bytes() == before


@pytest.fixture
def scratch_doc(tmp_path: Path) -> Path:
    doc = tmp_path / "<h1>report.docx"  # markup in a file name must not be rendered
    doc.write_text("essay")
    return doc
