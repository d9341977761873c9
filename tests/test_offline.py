"""Start-up and every tab work with the network blocked."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from desktop.config import load_settings
from desktop.data.livedb import open_live
from desktop.ui.main_window import MainWindow


def test_every_tab_works_with_sockets_blocked(
    qtbot, data_dir: Path, no_network: list[object]
) -> None:
    QSettings().clear()
    settings = load_settings()
    opened = open_live(settings.live_db, settings.bundled_db)
    try:
        win = MainWindow(opened.store, settings, opened.notice)
        qtbot.addWidget(win)
        win.show()
        for n in range(win.tabs.count()):
            win.tabs.setCurrentIndex(n)
            qtbot.wait(10)
        assert win.guidance.model.rowCount() >= 3
        assert win.providers.model.rowCount() >= 2
        qtbot.keyClicks(win.local_offer.search, "therapy")
        qtbot.waitUntil(lambda: 0 < win.local_offer.model.total < 60, timeout=2000)
        win.local_offer.results.setCurrentIndex(win.local_offer.model.index(0))
        assert win.local_offer.details.toPlainText()
        win.close()
    finally:
        opened.store.close()
    assert no_network == []
