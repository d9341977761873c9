"""Start the app as a user does (``send-desk``, no ``--smoke``) and quit at its first paint.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.benchmarks.first_window [--modules]

The event loop (``QApplication.exec``) is replaced by one round of event processing, in
which the shown window is laid out and painted, and then every window is closed from
code: the same steps as the bare window of ``bench_startup.py`` (show, process events,
close). Everything before it is the real start: the command line, the settings, the log,
the data opened, the window built with the tab the user comes back to.

``--modules`` prints the modules loaded by the time the window is shown, one per line
(``tests/test_architecture.py`` checks what start-up must not load).
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

SHOW_MODULES = "--modules" in sys.argv[1:]


def _first_paint(app: QApplication) -> int:
    app.processEvents()  # the window's first layout and paint
    if SHOW_MODULES:
        print("\n".join(sorted(sys.modules)))
    for window in app.topLevelWidgets():
        window.close()
    app.processEvents()
    return 0


QApplication.exec = _first_paint  # type: ignore[assignment,method-assign]

if __name__ == "__main__":
    from desktop.cli import main

    sys.exit(main([]))
