"""Screenshot of the refresh dialog after a refresh from the demo export (for review and docs).

xvfb-run -a -s "-screen 0 2600x1700x24" .venv/bin/python -m tests.tools.shot_refresh docs/screenshots
"""

from __future__ import annotations

from tests.tools.shots import parse_args, start_app


def main() -> int:
    args = parse_args()
    app, settings, opened = start_app(args)

    from PySide6.QtCore import QEventLoop, QTimer

    from desktop.config import resources_dir
    from desktop.ui.main_window import MainWindow
    from desktop.ui.refresh_menu import open_refresh_dialog

    window = MainWindow(opened.store, settings, opened.notice)
    window.resize(1280, 800)
    window.show()
    dialog = open_refresh_dialog(window, window.session, window.settings.policy)
    dialog.use_file.setChecked(True)
    dialog.file.setText(str(resources_dir() / "demo" / "local-offer.json"))
    args.out.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(args.out / f"refresh-dialog{args.suffix}.png"))
    loop = QEventLoop()
    dialog.data_replaced.connect(loop.quit)
    dialog.refresh_failed.connect(loop.quit)
    QTimer.singleShot(20_000, loop.quit)
    dialog.start_button.click()
    loop.exec()
    for _ in range(5):
        app.processEvents()
    path = args.out / f"refresh-done{args.suffix}.png"
    dialog.grab().save(str(path))
    print(path)

    # Another refresh (say `send-desk refresh` in a terminal) holds the lock.
    from desktop.data.feeds.refresh_lock import RefreshLock

    with RefreshLock.acquire(window.store.path):
        loop = QEventLoop()
        dialog.refresh_failed.connect(loop.quit)
        QTimer.singleShot(20_000, loop.quit)
        dialog.start_button.click()
        loop.exec()
        for _ in range(5):
            app.processEvents()
    path = args.out / f"refresh-busy{args.suffix}.png"
    dialog.grab().save(str(path))
    print(path)
    dialog.close()
    window.close()
    window.store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
