"""Shared fixtures. Qt runs offscreen; every test gets its own data dir and settings."""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import threading
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# QSettings (window geometry, last tab) must not touch the real user's settings.
_CONFIG_HOME = tempfile.mkdtemp(prefix="send-desk-test-config-")
os.environ["XDG_CONFIG_HOME"] = _CONFIG_HOME

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
SHARED = ROOT.parent / "shared"


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
    """Fail a test that leaves a Python thread running (design §8)."""
    before = set(threading.enumerate())
    yield
    left = [t for t in threading.enumerate() if t not in before and t.is_alive()]
    for t in left:
        t.join(timeout=2)
    still = [t.name for t in left if t.is_alive()]
    assert not still, f"threads left running: {still}"


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
    actions.policy_forbids_calls.cache_clear()
    catcher = Catcher()
    for scheme in ("tel", "mailto", "https"):
        QDesktopServices.setUrlHandler(scheme, catcher, "handle")
    yield catcher
    for scheme in ("tel", "mailto", "https"):
        QDesktopServices.unsetUrlHandler(scheme)
    QSettings().remove(actions.PREF_NO_PHONE)
    actions.policy_forbids_calls.cache_clear()
