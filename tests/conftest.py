"""Shared fixtures. Qt runs offscreen; no test can reach the real user's data or settings.

The harness (code review c.3): preferences go to an INI file in a temporary folder on
every platform, the data folder defaults to a temporary one, and a test that uses Qt
fails when it leaves a QThread running, a QTimer active or a modal dialog open (see
``qt_leaks``); any test fails when it leaves a Python thread running.
"""

from __future__ import annotations

import os
import shutil
import socket
import sysconfig
import tempfile
import threading
import traceback
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Before anything computes a path: a test that forgets the data_dir fixture gets this
# throw-away folder, never the real per-user one (that happened once).
_SESSION_DIR = Path(tempfile.mkdtemp(prefix="send-desk-tests-"))
os.environ["SEND_DESK_DATA_DIR"] = str(_SESSION_DIR / "data")
# Subprocesses that run the app use Qt's native settings; on Linux those follow this.
os.environ["XDG_CONFIG_HOME"] = str(_SESSION_DIR / "config")
os.environ.pop("SEND_DESK_POLICY", None)  # a developer's own policy file plays no part

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
SHARED = ROOT.parent / "shared"
pytest_plugins = ["pytester"]  # tests/test_harness.py runs small test files through it
SESSION_DIR = _SESSION_DIR
# A modal dialog up this long in a test is one nobody will answer (tests/test_harness.py
# shortens it to prove the guard without waiting ten seconds).
MODAL_LIMIT_MS = int(os.environ.get("SEND_DESK_TEST_MODAL_LIMIT_MS", "10000"))
_NOT_OURS = tuple(
    {sysconfig.get_paths()[k] for k in ("stdlib", "platstdlib", "purelib", "platlib")}
)


@pytest.fixture(scope="session", autouse=True)
def isolated_settings() -> Iterator[Path]:
    """QSettings as INI files in a temporary folder, on every platform, for the whole run.

    Set before any test reads a preference: on Windows the native format is the registry
    (HKCU), where ``QSettings().clear()`` would wipe a developer's real preferences.
    """
    from PySide6.QtCore import QSettings

    folder = _SESSION_DIR / "qsettings"
    ini = QSettings.Format.IniFormat
    QSettings.setDefaultFormat(ini)
    QSettings.setPath(ini, QSettings.Scope.UserScope, str(folder / "user"))
    QSettings.setPath(ini, QSettings.Scope.SystemScope, str(folder / "system"))
    yield folder
    shutil.rmtree(_SESSION_DIR, ignore_errors=True)


@pytest.fixture(scope="session")
def bundled_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from desktop.bundle import build

    out = tmp_path_factory.mktemp("bundle") / "send-desk.sqlite"
    build(out, RESOURCES)
    out.chmod(0o444)
    return out


@pytest.fixture
def data_dir(tmp_path: Path, bundled_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("SEND_DESK_DATA_DIR", str(folder))
    monkeypatch.setenv("SEND_DESK_BUNDLED_DB", str(bundled_db))
    monkeypatch.delenv("SEND_DESK_POLICY", raising=False)
    return folder


@pytest.fixture
def db_copy(tmp_path: Path, bundled_db: Path) -> Path:
    path = tmp_path / "copy.sqlite"
    shutil.copyfile(bundled_db, path)
    path.chmod(0o644)
    return path


@pytest.fixture
def store(db_copy: Path):
    from desktop.data.store import Store

    s = Store.open(db_copy)
    yield s
    s.close()


class NetworkBlocked(OSError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Any attempt to connect a socket raises; the attempts are recorded."""
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise NetworkBlocked("network use is blocked in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


@pytest.fixture(autouse=True)
def no_threads_left_behind():
    """Fail a test that leaves a Python thread running (design §8). QThreads do not show
    here unless Python code ran in them: ``qt_leaks`` watches those."""
    before = set(threading.enumerate())
    yield
    left = [t for t in threading.enumerate() if t not in before and t.is_alive()]
    for t in left:
        t.join(timeout=2)
    still = [t.name for t in left if t.is_alive()]
    assert not still, f"threads left running: {still}"


# -- Qt leaks: QThreads, QTimers, modal dialogs (napari's _dangling_qthreads/_qtimers) ------------
def _started_at() -> str:
    """Where the app or test code that started something is (the harness's frames left out)."""
    frames = [
        f
        for f in traceback.extract_stack()[:-2]
        if not f.filename.startswith((*_NOT_OURS, "<")) and Path(f.filename) != Path(__file__)
    ]
    return " <- ".join(f"{_short(f.filename)}:{f.lineno}" for f in reversed(frames[-3:]))


def _short(filename: str) -> str:
    path = Path(filename)
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else path.name


def _watch_starts(
    monkeypatch: pytest.MonkeyPatch, cls: type, started: list[tuple[weakref.ref, str]]
) -> None:
    original = cls.start

    def start(self: Any, *args: Any, **kwargs: Any) -> Any:
        started.append((weakref.ref(self), _started_at()))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(cls, "start", start)


def _alive(ref: weakref.ref, check: Callable[[Any], bool]) -> Any:
    """The object if it still exists and ``check`` holds for it (a deleted C++ side: no)."""
    obj = ref()
    if obj is None:
        return None
    try:
        return obj if check(obj) else None
    except RuntimeError:  # "Internal C++ object already deleted": nothing left running
        return None


class _ModalWatch:
    """Closes a modal dialog that stays up for MODAL_LIMIT_MS (a test blocked in exec()
    would otherwise hang until pytest-timeout kills the whole run) and names it."""

    def __init__(self, timer_start: Callable[..., Any]) -> None:
        from PySide6.QtCore import QTimer

        self.stuck: list[str] = []
        self._seen: Any = None
        self._since = 0
        self._timer = QTimer()
        self._timer.setInterval(min(1000, max(50, MODAL_LIMIT_MS // 4)))
        self._timer.timeout.connect(self._tick)
        timer_start(self._timer)  # the unwatched start: this timer is the harness's own

    def _tick(self) -> None:
        from PySide6.QtWidgets import QApplication

        modal = QApplication.activeModalWidget()
        if modal is None or modal is not self._seen:
            self._seen, self._since = modal, 0
            return
        self._since += self._timer.interval()
        if self._since >= MODAL_LIMIT_MS:
            self.stuck.append(_describe(modal))
            modal.close()
            self._seen, self._since = None, 0

    def stop(self) -> None:
        self._timer.stop()


def _describe(widget: Any) -> str:
    title = widget.windowTitle() if hasattr(widget, "windowTitle") else ""
    return f"{type(widget).__name__} {title!r}"


@pytest.fixture(autouse=True)
def qt_leaks(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """For tests that use Qt (``qapp``, so ``qtbot`` too): fail one that leaves a QThread
    running, a QTimer active or a modal dialog open after its own teardown, naming where
    each was started; stop what it left, so the next tests (and the process's exit: a
    QThread destroyed while running aborts it) are not hit instead."""
    if "qapp" not in request.fixturenames:
        yield
        return
    from PySide6.QtCore import QCoreApplication, QEvent, QThread, QTimer
    from PySide6.QtWidgets import QApplication

    threads: list[tuple[weakref.ref, str]] = []
    timers: list[tuple[weakref.ref, str]] = []
    watch = _ModalWatch(QTimer.start)
    _watch_starts(monkeypatch, QThread, threads)
    _watch_starts(monkeypatch, QTimer, timers)
    yield
    watch.stop()
    # pytest-qt closed the test's widgets and deleteLater()ed them: delete them now, so
    # a timer or dialog that dies with its widget is not counted as left behind.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    problems = [f"a modal {what} was still open after {MODAL_LIMIT_MS} ms" for what in watch.stuck]
    for ref, where in threads:
        thread = _alive(ref, lambda t: t.isRunning() and not t.wait(1000))
        if thread is not None:
            problems.append(f"a QThread ({type(thread).__name__}) left running, started at {where}")
            thread.quit()
            thread.wait(5000)
    for ref, where in timers:
        timer = _alive(ref, lambda t: t.isActive())
        if timer is not None:
            problems.append(f"a QTimer left active ({timer.interval()} ms), started at {where}")
            timer.stop()
    modal = QApplication.activeModalWidget()
    if modal is not None:
        problems.append(f"a modal {_describe(modal)} left open")
        modal.close()
    if problems:
        pytest.fail("Qt left behind by this test:\n  " + "\n  ".join(problems), pytrace=False)


# -- shared Qt fixtures ---------------------------------------------------------------------
@pytest.fixture
def window(qtbot, data_dir: Path):
    """The main window over a fresh live copy in ``data_dir``, shown and exposed."""
    from tests.qt_helpers import open_main_window

    win = open_main_window(qtbot)
    qtbot.waitExposed(win)
    yield win
    win.close()
    win.store.close()  # after a refresh or restore this is the reopened Store


@pytest.fixture
def caught(qapp):
    """Stands in for the phone app, mail program and browser: records every URL opened."""
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QDesktopServices

    from desktop.ui import actions
    from tests.qt_helpers import Catcher

    QSettings().remove(actions.PREF_NO_PHONE)
    catcher = Catcher()
    for scheme in ("tel", "mailto", "https"):
        QDesktopServices.setUrlHandler(scheme, catcher, "handle")
    yield catcher
    for scheme in ("tel", "mailto", "https"):
        QDesktopServices.unsetUrlHandler(scheme)
    QSettings().remove(actions.PREF_NO_PHONE)
