"""The refresh dialog with a partial feed and the coverage report (issue 10 items 5 and 7)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from desktop.ui import plain
from desktop.ui.main_window import MainWindow
from desktop.ui.refresh_menu import open_refresh_dialog

OUTPOST = Path(__file__).parent / "data" / "feeds" / "outpost" / "services.json"


def test_a_partial_file_asks_first_and_declining_keeps_the_data(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / "page.json"
    rows = [{"id": f"p{i}", "name": f"Service {i}"} for i in range(3)]
    page.write_text(json.dumps({"total_items": 874, "contents": rows}))
    before = hashlib.sha256(window.store.path.read_bytes()).hexdigest()
    asked: list[tuple[str, str]] = []

    def question(parent: object, title: str, text: str) -> bool:
        asked.append((title, text))
        return False

    monkeypatch.setattr(plain, "ask", question)
    dialog = open_refresh_dialog(window, window.session, window.settings.policy)
    dialog.use_file.setChecked(True)
    dialog.file.setText(str(page))
    with qtbot.waitSignal(dialog.refresh_failed, timeout=10_000):
        dialog.start_button.click()
    assert asked == [
        (
            "Only part of the directory",
            "This file holds 3 of the 874 services the directory lists. Use the new data anyway?",
        )
    ]
    assert "holds 3 of the 874" in dialog.status.text()
    assert hashlib.sha256(window.store.path.read_bytes()).hexdigest() == before
    dialog.close()


def test_the_dialog_shows_the_coverage_report(qtbot, window: MainWindow) -> None:
    dialog = open_refresh_dialog(window, window.session, window.settings.policy)
    dialog.use_file.setChecked(True)
    dialog.file.setText(str(OUTPOST))
    with qtbot.waitSignal(dialog.data_replaced, timeout=10_000):
        dialog.start_button.click()
    text = dialog.report.toPlainText()
    assert "Feed shape: Outpost / Scout directory" in text
    assert "  SEND statement: 2 (50%)" in text
    assert "Dropped while reading" in text
    assert "data as of 2026-10-14" in dialog.status.text()
    assert window.status_bar.as_of_label.text() == "Data as of 2026-10-14"
    dialog.close()
