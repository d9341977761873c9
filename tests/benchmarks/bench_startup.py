"""Start-up against a bare PySide6 window, measured in the same run, interleaved.

    .venv/bin/python tests/benchmarks/bench_startup.py [--runs 21] [--tab N] [--datafile]

Series, each a fresh process per run, one of each per round (so load from other work on
the machine falls on all of them alike):

- **bare**: a bare PySide6 window (``QMainWindow``: show, process events, close);
- **start-up**: ``send-desk`` as a user starts it, until its first window is painted
  (``tests/benchmarks/first_window.py``: the same show, process events, close). This is
  the figure the goal is about: the app within 2× the bare window;
- **as installed**: the same start with ``SEND_DESK_BUNDLED_DB`` naming the built bundle,
  as the installed app runs: it ships its bundle built and never checks its sources (a
  checkout checks at every start whether the bundle must be rebuilt: ~6 ms when it hashes
  them, well under 1 ms when the bundle's stamp vouches for them, ``bundle.stamp_matches``);
- **--smoke**: ``send-desk --smoke``, which also builds, shows and checks every tab.

Prints each series' median and spread, and the ratios to the bare window's median: of
the wall-clock time (what the user waits) and of the processor time the process used
(user + system), which other work on a busy machine disturbs far less.

Every run is offscreen, with a data folder that already holds the live copy (the usual
start; one untimed run first makes the first-run copy) and its own empty user settings, so
the window opens on the first tab (``--tab N``: on tab N, remembered from a last session).
Bytecode is cached in a temporary folder and one untimed run of each series comes first:
an installed app (the MSI, or ``pip install``) starts from compiled bytecode, and this
machine's ``PYTHONDONTWRITEBYTECODE`` would otherwise charge the app for compiling its
own modules on every run (≈ 110 ms) while PySide6's come precompiled.

With ``--datafile`` a fourth series runs ``--smoke`` with the DataFile policy naming a folder
that holds a newer published database (what a managed laptop starts with): the check
starts in the background 0.3 s after the window is shown, so this measures what the policy
adds before the window (tests/benchmarks/bench_datafile.py measures the check itself).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUNS = 21
BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.show(); app.processEvents(); w.close()
"""
REMEMBER_TAB = """
import sys
from PySide6.QtCore import QCoreApplication, QSettings
from desktop import APP_NAME, ORG_NAME
from desktop.preferences import Preferences
QCoreApplication.setOrganizationName(ORG_NAME); QCoreApplication.setApplicationName(APP_NAME)
prefs = Preferences(QSettings()); prefs.last_tab = int(sys.argv[1]); prefs.sync()
"""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall-clock seconds, processor seconds) of one run of ``cmd``."""
    cpu, start = _children_cpu(), time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)
    return time.perf_counter() - start, _children_cpu() - cpu


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


def base_env(tab: int | None) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "QT_SCALE_FACTOR")
    }
    env.update(
        QT_QPA_PLATFORM="offscreen",
        SEND_DESK_DATA_DIR=tempfile.mkdtemp(prefix="send-desk-bench-"),
        XDG_CONFIG_HOME=tempfile.mkdtemp(prefix="send-desk-bench-config-"),
        PYTHONPYCACHEPREFIX=tempfile.mkdtemp(prefix="send-desk-bench-pyc-"),
    )
    # The first-run copy and the bundled database: made once, so no timed run pays for them.
    subprocess.run(
        [sys.executable, "-m", "desktop", "info"], cwd=ROOT, env=env, check=True, capture_output=True
    )
    if tab is not None:
        subprocess.run([sys.executable, "-c", REMEMBER_TAB, str(tab)], cwd=ROOT, env=env, check=True)
    return env


def line(name: str, runs: list[tuple[float, float]], bare: tuple[float, float] | None) -> str:
    wall = statistics.median(w for w, _c in runs)
    cpu = statistics.median(c for _w, c in runs)
    ratio = f" ×{wall / bare[0]:.2f}" if bare else "      "
    cpu_ratio = f" ×{cpu / bare[1]:.2f}" if bare else ""
    spread = f"min {min(w for w, _c in runs):.3f} max {max(w for w, _c in runs):.3f}"
    return (
        f"{name:<22} wall {wall:.3f} s{ratio}  cpu {cpu:.3f} s{cpu_ratio}"
        f"  (wall {spread}, {len(runs)} runs)"
    )


def medians(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(w for w, _c in runs), statistics.median(c for _w, c in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--tab", type=int, default=None, help="the tab remembered from last time")
    parser.add_argument("--datafile", action="store_true")
    args = parser.parse_args()
    env = base_env(args.tab)
    first_window = [sys.executable, "-m", "tests.benchmarks.first_window"]
    installed = {**env, "SEND_DESK_BUNDLED_DB": str(ROOT / "build" / "bundled" / "send-desk.sqlite")}
    series: dict[str, tuple[list[str], dict[str, str]]] = {
        "bare PySide6 window": ([sys.executable, "-c", BARE], env),
        "send-desk start-up": (first_window, env),
        "  as installed": (first_window, installed),
        "send-desk --smoke": ([sys.executable, "-m", "desktop", "--smoke"], env),
    }
    if args.datafile:
        policy_env = base_env(args.tab)
        share = published_share(policy_env)
        ini = share.parent / (share.name + "-policy.ini")
        ini.write_text(f"[Policy]\nDataFile = {share}\n", encoding="utf-8")
        policy_env["SEND_DESK_POLICY"] = str(ini)
        series["  with DataFile"] = ([sys.executable, "-m", "desktop", "--smoke"], policy_env)
    for cmd, run_env in series.values():  # bytecode written, files in the page cache
        timed(cmd, run_env)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in series}
    for _ in range(args.runs):
        for name, (cmd, run_env) in series.items():
            times[name].append(timed(cmd, run_env))
    bare = medians(times["bare PySide6 window"])
    for name, runs in times.items():
        print(line(name, runs, None if name.startswith("bare") else bare))
    for name in ("send-desk start-up", "  as installed"):
        start = medians(times[name])
        print(
            f"ratio {name.strip()}/bare: {start[0] / bare[0]:.2f} wall, "
            f"{start[1] / bare[1]:.2f} processor (goal ≤ 2.0)"
        )


if __name__ == "__main__":
    main()
