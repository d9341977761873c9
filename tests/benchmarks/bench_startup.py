"""Start-up: 5 `send-desk --smoke` runs against 5 bare PySide6 windows, in one run.

    .venv/bin/python tests/benchmarks/bench_startup.py [--datafile]

Prints both medians and their ratio (goal: the app within 2× the bare window).
Each run is a fresh process, offscreen, with a data dir that already holds the live copy
(the usual start), except the first app run, which also makes the first-run copy.
With ``--datafile`` a third series runs with the DataFile policy naming a folder that
holds a newer published database (what a managed laptop starts with): the check starts
in the background 0.3 s after the window is shown, so this measures what the policy adds
before the window (tests/benchmarks/bench_datafile.py measures the check itself).
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


def published_share(env: dict[str, str]) -> Path:
    """A share folder holding a newer central database (published by this checkout)."""
    share = Path(tempfile.mkdtemp(prefix="send-desk-bench-share-"))
    code = (
        "import shutil, sqlite3, sys\n"
        "from pathlib import Path\n"
        "from desktop.config import bundled_db_path\n"
        "from desktop.data.feeds.publish import publish\n"
        "share = Path(sys.argv[1]); db = share.parent / (share.name + '-central.sqlite')\n"
        "shutil.copyfile(bundled_db_path(), db); db.chmod(0o644)\n"
        "c = sqlite3.connect(db)\n"
        "c.execute(\"UPDATE meta SET value = '0' WHERE key = 'is_demo'\")\n"
        "c.execute(\"UPDATE meta SET value = '2026-11-30' WHERE key = 'data_as_of'\")\n"
        "c.commit(); c.close(); publish(db, share)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(share)], cwd=ROOT, env=env, check=True)
    return share


def main() -> None:
    datafile = "--datafile" in sys.argv[1:]
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
    app_times, bare_times, policy_times = [], [], []
    policy_env = dict(env)
    if datafile:
        share = published_share(env)
        ini = share.parent / (share.name + "-policy.ini")
        ini.write_text(f"[Policy]\nDataFile = {share}\n", encoding="utf-8")
        policy_data = tempfile.mkdtemp(prefix="send-desk-bench-")
        policy_env.update(SEND_DESK_POLICY=str(ini), SEND_DESK_DATA_DIR=policy_data)
        subprocess.run(  # the first-run copy, as for the other series
            [sys.executable, "-m", "desktop", "info"], cwd=ROOT, env=policy_env, check=True,
            capture_output=True,
        )
    for _ in range(RUNS):
        bare_times.append(timed([sys.executable, "-c", BARE], env))
        app_times.append(timed([sys.executable, "-m", "desktop", "--smoke"], env))
        if datafile:
            policy_times.append(timed([sys.executable, "-m", "desktop", "--smoke"], policy_env))
    app, bare = statistics.median(app_times), statistics.median(bare_times)
    print(f"bare PySide6 window: median {bare:.3f} s  runs {[round(t, 3) for t in bare_times]}")
    print(f"send-desk --smoke:   median {app:.3f} s  runs {[round(t, 3) for t in app_times]}")
    if datafile:
        pol = statistics.median(policy_times)
        print(
            f"  with DataFile:     median {pol:.3f} s  runs {[round(t, 3) for t in policy_times]}"
        )
    print(f"ratio app/bare: {app / bare:.2f} (goal ≤ 2.0)")


if __name__ == "__main__":
    main()
