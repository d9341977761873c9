"""Local Offer search at 10,000 and 100,000 services: Store against the raw FTS query.

    .venv/bin/python tests/benchmarks/bench_search.py [--sizes 10000 100000] [--keep DIR]

Builds each database through the project's import path (normalise_all → ServiceWriter →
finish; see generate.py), then runs 200 mixed queries (one word, prefix, two words, with
filters) through ``Store.search_services`` and the same FTS MATCH run raw on the same
connection, interleaved, in one run. Prints p50/p95 of both and the ratio of p95s.
Also prints what one keystroke in the tab costs in the data layer
(search + count + facets). Goals: p95 ≤ 20 ms at 10k, ≤ 50 ms at 100k, Store ≤ 2× raw.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desktop.data import schema  # noqa: E402
from desktop.data.store import Store, fts_query  # noqa: E402
from tests.benchmarks.generate import AREAS, SERVICE_WORDS, build  # noqa: E402

GOALS = {10_000: 20.0, 100_000: 50.0}
WORDS = [*SERVICE_WORDS, "therapist", "families", "swim", "speech", "autistic", "respite"]


def queries(n: int = 200, seed: int = 7) -> list[tuple[str, dict[str, Any]]]:
    """Mixed queries: a quarter each of one word, prefix, two words, and words with filters."""
    rng = random.Random(seed)
    out: list[tuple[str, dict[str, Any]]] = []
    for i in range(n):
        kind = i % 4
        word = rng.choice(WORDS)
        if kind == 0:
            out.append((word, {}))
        elif kind == 1:
            out.append((word[: rng.randint(2, max(2, len(word) - 1))], {}))
        elif kind == 2:
            out.append((f"{word} {rng.choice(WORDS)[:4]}", {}))
        else:
            filters: dict[str, Any] = rng.choice(
                [
                    {"category": rng.choice(["education", "health", "social-care"])},
                    {"age": rng.randint(0, 25)},
                    {"free_only": True},
                    {"area": rng.choice(AREAS)},
                    {"need": "need:need-asd", "age": 7},
                    {"category": "health", "free_only": True, "age": 7},
                ]
            )
            out.append((word, filters))
    return out


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def run(path: Path) -> dict[str, float]:
    store = Store.open(path, read_only=True)
    weights = ", ".join(str(w) for w in schema.FTS_WEIGHTS)
    raw_sql = (
        f"SELECT rowid FROM services_fts WHERE services_fts MATCH ? "
        f"ORDER BY bm25(services_fts, {weights}) LIMIT 50"
    )
    qs = queries()
    for text, filters in qs[:20]:  # warm the page cache
        store.search_services(text, **filters)
    store_ms, raw_ms, key_ms = [], [], []
    for text, filters in qs:
        t0 = time.perf_counter()
        store.search_services(text, limit=50, **filters)
        t1 = time.perf_counter()
        store.conn.execute(raw_sql, (fts_query(text),)).fetchall()
        t2 = time.perf_counter()
        store.count_services(text, **filters)
        store.facets(text, **filters)
        t3 = time.perf_counter()
        store_ms.append((t1 - t0) * 1000)
        raw_ms.append((t2 - t1) * 1000)
        key_ms.append((t3 - t0 - (t2 - t1)) * 1000)
    store.close()
    return {
        "store_p50": pct(store_ms, 50),
        "store_p95": pct(store_ms, 95),
        "raw_p50": pct(raw_ms, 50),
        "raw_p95": pct(raw_ms, 95),
        "key_p50": pct(key_ms, 50),
        "key_p95": pct(key_ms, 95),
        "mean_store": statistics.fmean(store_ms),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--keep", type=Path, help="reuse/keep databases in this folder")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="send-desk-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    for size in args.sizes:
        path = folder / f"bench-{size}.sqlite"
        if not path.exists():
            seconds = build(path, size)
            print(
                f"built {size:,} services in {seconds:.1f} s ({path.stat().st_size / 1e6:.0f} MB)"
            )
        r = run(path)
        goal = GOALS.get(size, 50.0)
        ratio = r["store_p95"] / r["raw_p95"]
        print(
            f"{size:>7,} services, 200 queries: "
            f"Store p50 {r['store_p50']:.1f} ms p95 {r['store_p95']:.1f} ms "
            f"(goal ≤ {goal:.0f}) | raw FTS p50 {r['raw_p50']:.1f} ms p95 {r['raw_p95']:.1f} ms "
            f"| ratio p95 {ratio:.2f} (goal ≤ 2) | p50 ratio {r['store_p50'] / r['raw_p50']:.2f}"
        )
        print(
            f"         one keystroke in the data layer (search + count + facets): "
            f"p50 {r['key_p50']:.1f} ms p95 {r['key_p95']:.1f} ms"
        )


if __name__ == "__main__":
    main()
