"""The central data file check in the running app: how long it takes, and whether the window
stays responsive while it runs.

    .venv/bin/python tests/benchmarks/bench_datafile.py [SIZE] [--keep DIR]

Builds (or reuses, with --keep) a synthetic database of SIZE services (default 10,000),
publishes it with ``send-desk publish``'s code into a folder standing in for the share,
and serves the same folder over loopback http. For each form, a fresh laptop (demo data)
opens the main window offscreen and runs the DataFileWatch check while a 5 ms timer on
the GUI thread measures how late it fires (the longest gap is the longest time the
window could not have answered a key press). The swap itself (``replace_data``: Store
closed, file swapped, tabs rebuilt) runs on the GUI thread and is timed apart. Then a
second check, already up to date, reads only the checksum.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import os
import shutil
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def central(size: int, keep: Path | None, work: Path) -> Path:
    from tests.benchmarks.generate import database

    db = work / "it" / "central.sqlite"
    db.parent.mkdir(parents=True)
    shutil.copyfile(database(size, keep), db)
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE meta SET value = '0' WHERE key = 'is_demo'")
        conn.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES "
            "('imported_at', '2026-12-01T02:00:00+00:00'), ('data_as_of', '2026-11-30')"
        )
    conn.close()
    return db


@contextlib.contextmanager
def served(folder: Path):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/send-desk.sqlite"
    finally:
        server.shutdown()
        server.server_close()


def run_form(label: str, location: str, work: Path) -> None:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    from desktop.app import make_application
    from desktop.config import load_settings
    from desktop.data.livedb import open_live
    from desktop.ui.datafile_watch import DataFileWatch
    from desktop.ui.main_window import MainWindow

    data = work / f"laptop-{label}"
    os.environ["SEND_DESK_DATA_DIR"] = str(data)
    app = make_application()
    settings = load_settings()
    opened = open_live(settings.live_db, settings.bundled_db)
    window = MainWindow(opened.store, settings, opened.notice)
    window.show()
    app.processEvents()

    clock = QElapsedTimer()
    gaps: list[float] = []
    last = [0.0]
    swapping = [False]
    probe = QTimer()
    probe.setInterval(5)

    def tick() -> None:
        now = clock.nsecsElapsed() / 1e6
        if not swapping[0]:
            gaps.append(now - last[0])
        last[0] = now

    probe.timeout.connect(tick)
    swap_ms = [0.0]
    real_replace = window.replace_data

    def timed_replace(action) -> None:  # the GUI-thread part, timed apart
        swapping[0] = True
        start = time.perf_counter()
        real_replace(action)
        swap_ms[0] = (time.perf_counter() - start) * 1000
        last[0] = clock.nsecsElapsed() / 1e6
        swapping[0] = False

    window.replace_data = timed_replace  # type: ignore[method-assign]
    watch = DataFileWatch(window, location)
    for attempt in ("new data", "up to date"):
        gaps.clear()
        loop = QEventLoop()
        got: list[object] = []
        watch.checked.connect(lambda c, got=got, loop=loop: (got.append(c), loop.quit()))
        clock.start()
        last[0] = 0.0
        probe.start()
        begin = time.perf_counter()
        watch.start()
        loop.exec()
        total = (time.perf_counter() - begin) * 1000
        probe.stop()
        watch.checked.disconnect()
        kind = got[0].kind  # type: ignore[attr-defined]
        worst = max(gaps) if gaps else 0.0
        swap = f", swap on the GUI thread {swap_ms[0]:.0f} ms" if attempt == "new data" else ""
        print(
            f"{label:>6} {attempt:<10}: {kind}, {total:.0f} ms in all{swap}; GUI timer "
            f"(5 ms) latest by {max(worst - 5, 0):.1f} ms while the worker ran "
            f"({len(gaps)} ticks)"
        )
    watch.stop()
    window.close()
    window.store.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("size", type=int, nargs="?", default=10_000)
    parser.add_argument("--keep", type=Path, default=None)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="send-desk-bench-datafile-"))
    from desktop.bundle import ensure_built
    from desktop.config import bundled_db_path, resources_dir
    from desktop.data.feeds.publish import publish

    ensure_built(bundled_db_path(), resources_dir())
    os.environ["SEND_DESK_BUNDLED_DB"] = str(bundled_db_path())
    db = central(args.size, args.keep, work)
    share = work / "share"
    share.mkdir()
    start = time.perf_counter()
    done = publish(db, share)
    print(
        f"publish: {args.size:,} services, {done.size / 1e6:.1f} MB in "
        f"{time.perf_counter() - start:.2f} s"
    )
    run_form("folder", str(share), work)
    with served(share) as url:
        run_form("http", url, work)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
