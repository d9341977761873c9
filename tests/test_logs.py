"""Logging to the data dir and the last-resort exception hook."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop import logs


def test_log_file_is_written(tmp_path: Path) -> None:
    path = tmp_path / "logs" / "send-desk.log"
    assert logs.setup_logging(path) == path
    logging.getLogger("desktop.test").warning("hello from the test")
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "hello from the test" in path.read_text(encoding="utf-8")
    logs.setup_logging(None)


def test_unwritable_log_dir_does_not_stop_the_app(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert logs.setup_logging(blocker / "logs" / "send-desk.log") is None
    logs.setup_logging(None)


def test_excepthook_logs_and_shows_a_readable_dialog(
    qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self) or 0)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    logs.install_excepthook(tmp_path / "send-desk.log")
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    assert "uncaught exception" in caplog.text and "boom" in caplog.text
    assert shown and "Your data has not been changed" in shown[0].text()
    assert "RuntimeError: boom" in shown[0].detailedText()
