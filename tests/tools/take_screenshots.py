"""Save a PNG of each tab at 1280×800 (and optionally at 200% scale) for review and the README.

Run under a real X server so fonts and styles are as a user sees them:
    xvfb-run -a -s "-screen 0 2600x1700x24" .venv/bin/python -m tests.tools.take_screenshots docs/screenshots
    QT_SCALE_FACTOR=2 xvfb-run -a -s "-screen 0 2600x1700x24" .venv/bin/python -m tests.tools.take_screenshots /tmp/shots --suffix @2x
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path


def shortlist_page(tab: object, path: Path) -> None:
    """The printed shortlist as it lays out on A4 (QTextDocument painted to an image)."""
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QColor, QImage, QPainter

    from desktop.ui.shortlist import page_document

    doc = page_document(tab.shortlist.services(), tab.shortlist.demo)  # type: ignore[attr-defined]
    width = 794  # A4 at 96 dpi
    doc.setPageSize(QSizeF(width - 96, 1123 - 96))
    image = QImage(width, 1123, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.translate(48, 48)
    doc.drawContents(painter)
    painter.end()
    image.save(str(path))
    print(path)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--suffix", default="")
    args = parser.parse_args()
    os.environ.setdefault("SEND_DESK_DATA_DIR", tempfile.mkdtemp(prefix="send-desk-shots-"))
    os.environ.setdefault("XDG_CONFIG_HOME", tempfile.mkdtemp(prefix="send-desk-shots-cfg-"))

    from PySide6.QtGui import QFontDatabase

    from desktop.app import make_application
    from desktop.config import load_settings, resources_dir
    from desktop.data.bundle import ensure_built
    from desktop.data.livedb import open_live
    from desktop.ui.main_window import MainWindow

    app = make_application()
    assert QFontDatabase.families(), "no fonts installed: text would render as boxes"
    settings = load_settings()
    ensure_built(settings.bundled_db, resources_dir())
    opened = open_live(settings.live_db, settings.bundled_db)
    window = MainWindow(opened.store, settings, opened.notice)
    window.resize(1280, 800)
    window.show()
    args.out.mkdir(parents=True, exist_ok=True)
    names = ["guidance", "providers", "local-offer"]
    for n, name in enumerate(names):
        window.tabs.setCurrentIndex(n)
        if name == "providers":
            window.providers.show_provider("kids-sen-mediation")
        if name == "local-offer":
            tab = window.local_offer
            tab.search.setText("speech")
            tab.filters.age.setValue(7)
            tab.run_search()
            for row in (0, 2):
                tab.results.setCurrentIndex(tab.model.index(row))
                tab.add_current()
            tab.results.setCurrentIndex(tab.model.index(1))
            tab.update_facets()
        for _ in range(5):
            app.processEvents()
        path = args.out / f"{name}{args.suffix}.png"
        window.grab().save(str(path))
        print(path)
    shortlist_page(window.local_offer, args.out / f"shortlist-page{args.suffix}.png")
    window.close()
    opened.store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
