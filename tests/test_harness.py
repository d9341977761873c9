"""The harness catches what it claims (code review c.3): a QThread, a QTimer or a modal
dialog left behind fails the test that left it, naming where it was started; preferences
and the data folder never reach the real user's."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT, SESSION_DIR

LEAKS = '''
from PySide6.QtCore import QThread, QTimer
from PySide6.QtWidgets import QDialog, QMessageBox

kept = []


def test_leaves_a_qthread_running(qapp):
    thread = QThread()
    thread.start()
    kept.append(thread)


def test_stops_its_qthread(qapp):
    thread = QThread()
    thread.start()
    thread.quit()
    assert thread.wait(5000)


def test_leaves_a_qtimer_active(qapp):
    timer = QTimer()
    timer.start(60_000)
    kept.append(timer)


def test_a_timer_that_dies_with_its_owner_is_fine(qtbot):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    timer = QTimer(dialog)
    timer.start(60_000)


def test_leaves_a_modal_dialog_open(qapp):
    dialog = QDialog()
    dialog.setModal(True)
    dialog.open()
    kept.append(dialog)


def test_blocks_in_a_modal_box(qapp):
    box = QMessageBox()
    box.setText("Nobody will press OK")
    box.exec()  # the guard closes it, so this returns instead of hanging the run
    kept.append(box)
'''


@pytest.fixture
def leak_run(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.RunResult:
    """The file above run with this suite's conftest as a plugin, in a subprocess (a QThread
    the guard failed to stop would abort that process, not this one)."""
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    monkeypatch.setenv("SEND_DESK_TEST_MODAL_LIMIT_MS", "300")
    pytester.makepyfile(test_leaks=LEAKS)
    return pytester.runpytest_subprocess(
        "-p", "tests.conftest", "-p", "no:cacheprovider", "-o", "qt_api=pyside6", "-rA"
    )


def test_a_test_that_leaves_qt_running_fails_and_says_where(leak_run: pytest.RunResult) -> None:
    leak_run.assert_outcomes(passed=6, errors=4)
    leak_run.stdout.fnmatch_lines_random(
        [
            "*a QThread (QThread) left running, started at test_leaks.py:9",
            "*a QTimer left active (60000 ms), started at test_leaks.py:22",
            "*a modal QDialog '' left open*",
            "*a modal QMessageBox '' was still open after 300 ms*",
        ]
    )
    errors = [line for line in leak_run.outlines if line.startswith("ERROR ")]
    assert sorted(line.split("::")[1].split(" ")[0] for line in errors) == [
        "test_blocks_in_a_modal_box",
        "test_leaves_a_modal_dialog_open",
        "test_leaves_a_qthread_running",
        "test_leaves_a_qtimer_active",
    ]
    # The leaked thread was stopped: the run ended normally, not with "Aborted".
    assert leak_run.ret == pytest.ExitCode.TESTS_FAILED
    assert "Destroyed while thread is still running" not in leak_run.stderr.str()


def test_preferences_are_an_ini_file_in_the_session_folder(qapp) -> None:
    from PySide6.QtCore import QSettings

    from desktop.preferences import Preferences

    settings = QSettings()
    assert settings.format() == QSettings.Format.IniFormat
    assert Path(settings.fileName()).is_relative_to(SESSION_DIR)
    Preferences().text_scale = 125
    assert QSettings(settings.fileName(), QSettings.Format.IniFormat).value("view/textScale") in (
        125,
        "125",
    )


def test_a_test_without_data_dir_still_gets_a_throw_away_folder() -> None:
    from desktop.config import default_data_dir, load_settings

    assert default_data_dir() == SESSION_DIR / "data"
    assert load_settings().live_db.is_relative_to(SESSION_DIR)
