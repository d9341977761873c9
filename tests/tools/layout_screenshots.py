"""Screenshots of every tab as a first start lays it out on a given screen (issue 13 §2).

Run under Xvfb with the screen and scale to check, e.g. (1366×768 less a 40 px taskbar):
    QT_SCALE_FACTOR=1.5 xvfb-run -a -s "-screen 0 1366x728x24" \
        .venv/bin/python -m tests.tools.layout_screenshots docs/screenshots --suffix -1366x768@150
    xvfb-run -a -s "-screen 0 1920x1080x24" \
        .venv/bin/python -m tests.tools.layout_screenshots docs/screenshots --suffix -960 --snap 960x1040
    QT_SCALE_FACTOR=2 xvfb-run -a -s "-screen 0 2560x1600x24" \
        .venv/bin/python -m tests.tools.layout_screenshots docs/screenshots --suffix @2x
Prints each file and the widths that matter (device-independent pixels).
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--suffix", default="")
    parser.add_argument("--snap", default="", help="WxH: the window snapped to this size")
    parser.add_argument("--font-scale", type=float, default=1.0)
    parser.add_argument("--dialogs", action="store_true", help="also the Settings dialog")
    parser.add_argument("--text-scale", type=int, default=100, help="the app's text size, %%")
    return parser.parse_args()


def settle(app: Any) -> None:
    for _ in range(8):
        app.processEvents()


def main() -> int:
    args = parse_args()
    from tests.tools.shots import start_app

    app, settings, opened = start_app(args, fresh_data=True)
    from PySide6.QtCore import QEventLoop

    from desktop.preferences import Preferences
    from desktop.ui.main_window import MainWindow

    Preferences().text_scale = args.text_scale
    window = MainWindow(opened.store, settings, opened.notice)
    if args.snap:
        width, height = (int(n) for n in args.snap.split("x"))
        window.setGeometry(0, 0, width, height)
    window.show()
    window.activateWindow()  # so the keyboard focus (and its ring) shows in the pictures
    settle(app)
    screen = window.screen().availableGeometry()
    print(f"screen {screen.width()}x{screen.height()} (device-independent), "
          f"window {window.frameGeometry().width()}x{window.frameGeometry().height()} "
          f"at {window.frameGeometry().x()},{window.frameGeometry().y()}, "
          f"fits: {screen.contains(window.frameGeometry())}")

    def save(name: str) -> None:
        settle(app)
        path = args.out / f"{name}{args.suffix}.png"
        window.grab().save(str(path))
        print(path)

    guidance = window.guidance
    window.tabs.setCurrentWidget(guidance)
    guidance.pages.setCurrentIndex(0)
    guidance.sections.setFocus()
    save("guidance")
    guidance.pages.setCurrentWidget(guidance.routes)
    guidance.routes.choose("council", "refused-plan")
    guidance.routes.date.set_date(dt.date.today() - dt.timedelta(days=10))
    guidance.routes.who.setFocus()
    save("guidance-route-finder")

    window.tabs.setCurrentWidget(window.providers)
    window.providers.show_provider("kids-sen-mediation")
    window.providers.list.setFocus()
    save("providers")

    tab = window.local_offer
    window.tabs.setCurrentWidget(tab)
    tab.search.setText("speech")
    tab.run_search()
    settle(app)
    save("local-offer-empty-shortlist")
    for row in (0, 2):
        tab.results.setCurrentIndex(tab.model.index(row))
        tab.add_current()
    tab.results.setCurrentIndex(tab.model.index(1))
    loop = QEventLoop()
    tab.facets_shown.connect(loop.quit)
    tab.update_facets()
    loop.exec()
    tab.results.setFocus()
    save("local-offer")
    print(
        f"local offer: arrangement {tab.panes.mode}, results {tab.results.width()} px, "
        f"details {tab.details.width()} px, shortlist {tab.shortlist.width()} px, "
        f"readable minimum {tab.panes.readable_results_width()} px; "
        f"status bar {window.statusBar().width()} px of {window.width()}, "
        f"bottom {window.statusBar().geometry().bottom() + 1} of {window.height()}"
    )
    if args.dialogs:
        dialog = window.view.open_settings(window)
        settle(app)
        path = args.out / f"settings-dialog{args.suffix}.png"
        dialog.grab().save(str(path))
        print(path)
        dialog.reject()
        from desktop.ui.shortcuts_dialog import open_shortcuts

        shortcuts = open_shortcuts(window)
        settle(app)
        path = args.out / f"keyboard-shortcuts{args.suffix}.png"
        shortcuts.grab().save(str(path))
        print(path)
        shortcuts.reject()
    tab.shortlist.shortlist = type(tab.shortlist.shortlist)()  # nothing to ask about on close
    window.close()
    opened.store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
