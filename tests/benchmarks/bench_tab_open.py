"""Opening the Local Offer tab at 100,000 services: construction until the first results show.

    .venv/bin/python tests/benchmarks/bench_tab_open.py [--size 100000] [--keep DIR]

The filter counts are not waited for: they come later from their own thread. Prints the
median and every run (a new tab over the same Store each time, offscreen).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.data.store import Store  # noqa: E402
from desktop.ui.local_offer import LocalOfferTab  # noqa: E402
from tests.benchmarks.generate import database  # noqa: E402

RUNS = 7


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    path = database(args.size, args.keep)
    app = QApplication.instance() or QApplication([])
    store = Store.open(path, read_only=True)
    times: list[float] = []
    for _ in range(RUNS):
        start = time.perf_counter()
        tab = LocalOfferTab(store)
        tab.show()
        app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
        assert tab.model.total == args.size
        tab.close()  # stops the facets thread
        tab.deleteLater()
        app.processEvents()
    print(
        f"{args.size:,} services: Local Offer tab open to first results "
        f"median {statistics.median(times):.1f} ms  runs {[round(t, 1) for t in times]}"
    )
    store.close()
    sys.stdout.flush()
    os._exit(0)  # same PySide6 finalisation abort as bench_keystroke.py


if __name__ == "__main__":
    main()
