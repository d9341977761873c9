"""Start-up: 5 `send-desk --smoke` runs against 5 bare PySide6 windows, in one run.

    .venv/bin/python tests/benchmarks/bench_startup.py

Prints both medians and their ratio (goal: the app within 2× the bare window).
Each run is a fresh process, offscreen, with a data dir that already holds the live copy
(the usual start), except the first app run, which also makes the first-run copy.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUNS = 5
BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.show(); app.processEvents(); w.close()
"""


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    data = tempfile.mkdtemp(prefix="send-desk-bench-")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SEND_DESK_DATA_DIR": data}
    # Build the bundled database once so no run pays for that.
    subprocess.run(
        [sys.executable, "-m", "desktop", "info"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    app_times, bare_times = [], []
    for _ in range(RUNS):
        bare_times.append(timed([sys.executable, "-c", BARE], env))
        app_times.append(timed([sys.executable, "-m", "desktop", "--smoke"], env))
    app, bare = statistics.median(app_times), statistics.median(bare_times)
    print(f"bare PySide6 window: median {bare:.3f} s  runs {[round(t, 3) for t in bare_times]}")
    print(f"send-desk --smoke:   median {app:.3f} s  runs {[round(t, 3) for t in app_times]}")
    print(f"ratio app/bare: {app / bare:.2f} (goal ≤ 2.0)")


if __name__ == "__main__":
    main()
