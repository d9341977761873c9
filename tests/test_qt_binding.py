"""The Qt binding itself: a known PySide6 fault that would crash a long session is not installed."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

# Emitting a Python-side signal must not change True's reference count. PySide6 6.12.0 on
# Python 3.11 drops one reference per emit; a session that emits a few hundred times (a
# refresh's progress, the status bar) then aborts with "bool_dealloc". In a subprocess, so a
# bad binding fails this test instead of taking the whole run down.
PROBE = """
import sys
from PySide6.QtCore import QCoreApplication, QObject, Signal
app = QCoreApplication([])
class Emitter(QObject):
    plain = Signal()
    text = Signal(str)
e = Emitter()
e.plain.connect(lambda: None)
e.text.connect(lambda s: None)
before = sys.getrefcount(True)
for _ in range(50):
    e.plain.emit()
    e.text.emit("x")
print(before - sys.getrefcount(True))
"""


def test_emitting_signals_keeps_true_alive() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "0", "the installed PySide6 leaks references to True"
