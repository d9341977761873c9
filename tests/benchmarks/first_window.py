"""Start the app as a user does (``send-desk``, no ``--smoke``) and quit at its first paint.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.benchmarks.first_window [--modules]

The event loop (``QApplication.exec``) is replaced by one round of event processing, in
which the shown window is laid out and painted, and then every window is closed from
code: the same steps as the bare window of ``bench_startup.py`` (show, process events,
close). Everything before it is the real start: the command line, the settings, the log,
the data opened, the window built with the tab the user comes back to.

The replacement is put in place when the app itself first imports ``PySide6.QtWidgets``,
not before: PySide6 runs a check on every module imported after it (its ``__feature__``
support reads each module's source), so importing it first would charge the app's own
earlier imports for it, which a real start does not pay.

``--modules`` prints the modules loaded by the time the window is shown, one per line
(``tests/test_architecture.py`` checks what start-up must not load); it keeps the user
settings in a temporary folder, so the window opens on its first tab as at a first start.
"""

from __future__ import annotations

import sys
from importlib.machinery import ModuleSpec  # already loaded: importlib's own bootstrap
from types import ModuleType
from typing import Any

SHOW_MODULES = "--modules" in sys.argv[1:]


def _first_paint(app: Any) -> int:
    app.processEvents()  # the window's first layout and paint
    if SHOW_MODULES:
        print("\n".join(sorted(sys.modules)))
    for window in app.topLevelWidgets():
        window.close()
    app.processEvents()
    return 0


def _fresh_settings() -> None:
    import tempfile

    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp(prefix="send-desk-")
    )


class _OnQtWidgets:
    """Replaces ``QApplication.exec`` as soon as ``PySide6.QtWidgets`` has been loaded (a
    meta path finder; not based on ``importlib.abc``, whose imports would cost ~20 ms)."""

    def find_spec(
        self, name: str, path: Any = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if name != "PySide6.QtWidgets":
            return None
        sys.meta_path.remove(self)
        spec = next(
            found
            for finder in sys.meta_path
            if (found := finder.find_spec(name, path, target)) is not None
        )
        assert spec.loader is not None
        load = spec.loader.exec_module

        def exec_module(module: ModuleType) -> None:
            load(module)
            module.QApplication.exec = _first_paint
            if SHOW_MODULES:
                _fresh_settings()

        spec.loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


sys.meta_path.insert(0, _OnQtWidgets())

if __name__ == "__main__":
    from desktop.cli import main

    sys.exit(main([]))
