"""Local Offer search at 10,000 and 100,000 services: Store against the raw FTS query.

    .venv/bin/python tests/benchmarks/bench_search.py [--sizes 10000 100000] [--keep DIR]

Builds each database through the project's import path (normalise_all → ServiceWriter →
finish; see generate.py), then runs 200 mixed queries (one word, prefix, two words, with
filters) through ``Store.search_services`` and the same FTS MATCH run raw on the same
connection, interleaved, in one run. Prints p50/p95 of both and the ratio of p95s.
Also prints what one keystroke in the tab costs in the data layer
(search + count + facets). Goals: p95 ≤ 20 ms at 10k, ≤ 50 ms at 100k, Store ≤ 2× raw.

Every query runs twice, interleaved: without synonyms and with the app's synonym list
(``resources/synonyms.toml``), so the two are measured under the same machine load. Then
"Did you mean" (``Store.suggest``: the first call, which reads the vocabulary, and the
rest) and Nearest first (``Store.search_nearest``) on the same database.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desktop.data import schema  # noqa: E402
from desktop.data.nearby import Origin  # noqa: E402
from desktop.data.search_terms import NO_TERMS, SearchTerms, load_terms  # noqa: E402
from desktop.data.store import Store, fts_query  # noqa: E402
from tests.benchmarks.generate import AREAS, SERVICE_WORDS, build  # noqa: E402

TERMS = load_terms(ROOT / "resources" / "synonyms.toml")
TYPOS = [
    "speach therapy",
    "autsim",
    "swiming",
    "ocupational",
    "wheelchiar",
    "counselling",
    "phisio",
    "respit care",
    "dyslexya",
    "mentorng",
    "tranistion",
    "hering",
]

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


def _one(
    store: Store, raw: sqlite3.Connection, terms: SearchTerms, text: str, filters: dict[str, Any]
) -> list[float]:
    """ms for: Store search, the raw FTS query, one keystroke (search + count + facets)."""
    weights = ", ".join(str(w) for w in schema.FTS_WEIGHTS)
    raw_sql = (
        f"SELECT rowid FROM services_fts WHERE services_fts MATCH ? "
        f"ORDER BY bm25(services_fts, {weights}) LIMIT 50"
    )
    store.use_terms(terms)
    t0 = time.perf_counter()
    store.search_services(text, limit=50, **filters)
    t1 = time.perf_counter()
    raw.execute(raw_sql, (fts_query(text, terms),)).fetchall()
    t2 = time.perf_counter()
    store.count_services(text, **filters)
    store.facets(text, **filters)
    t3 = time.perf_counter()
    return [(t1 - t0) * 1000, (t2 - t1) * 1000, (t3 - t0 - (t2 - t1)) * 1000]


def _figures(ms: list[list[float]]) -> dict[str, float]:
    store_ms, raw_ms, key_ms = zip(*ms, strict=True)
    return {
        "store_p50": pct(list(store_ms), 50),
        "store_p95": pct(list(store_ms), 95),
        "raw_p50": pct(list(raw_ms), 50),
        "raw_p95": pct(list(raw_ms), 95),
        "key_p50": pct(list(key_ms), 50),
        "key_p95": pct(list(key_ms), 95),
        "mean_store": statistics.fmean(store_ms),
    }


def run(path: Path) -> dict[str, dict[str, float]]:
    """Figures without and with synonyms (interleaved), for suggestions and nearest first."""
    store = Store.open(path, read_only=True)
    raw = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)  # the raw FTS query's
    qs = queries()
    for text, filters in qs[:20]:  # warm the page cache
        store.use_terms(TERMS).search_services(text, **filters)
    plain, worded = [], []
    for n, (text, filters) in enumerate(qs):
        # Alternate which goes first, so neither always meets a cache the other warmed.
        first, second = (NO_TERMS, TERMS) if n % 2 else (TERMS, NO_TERMS)
        a = _one(store, raw, first, text, filters)
        b = _one(store, raw, second, text, filters)
        plain.append(a if first is NO_TERMS else b)
        worded.append(b if first is NO_TERMS else a)
    store.use_terms(TERMS)
    t0 = time.perf_counter()
    store.suggest(TYPOS[0])
    first_ms = (time.perf_counter() - t0) * 1000
    suggest_ms = []
    for text in TYPOS[1:] * 3:
        t0 = time.perf_counter()
        store.suggest(text)
        suggest_ms.append((time.perf_counter() - t0) * 1000)
    origin = store.locate("BV3 1AA") or Origin("BV3 1AA", "BV3", "district", 52.4, -1.5, 1)
    near_ms = []
    for text, filters in qs[::4] + [("", {})] * 5:
        t0 = time.perf_counter()
        store.search_nearest(text, origin, limit=100, **filters)
        near_ms.append((time.perf_counter() - t0) * 1000)
    store.close()
    raw.close()
    return {
        "plain": _figures(plain),
        "worded": _figures(worded),
        "other": {
            "suggest_first": first_ms,
            "suggest_p50": pct(suggest_ms, 50),
            "suggest_p95": pct(suggest_ms, 95),
            "near_p50": pct(near_ms, 50),
            "near_p95": pct(near_ms, 95),
            "near_max": max(near_ms),
        },
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
        result = run(path)
        goal = GOALS.get(size, 50.0)
        for label, r in (("no synonyms", result["plain"]), ("synonyms on", result["worded"])):
            ratio = r["store_p95"] / r["raw_p95"]
            print(
                f"{size:>7,} services, 200 queries, {label}: "
                f"Store p50 {r['store_p50']:.1f} ms p95 {r['store_p95']:.1f} ms "
                f"(goal ≤ {goal:.0f}) | raw FTS p50 {r['raw_p50']:.1f} ms "
                f"p95 {r['raw_p95']:.1f} ms | ratio p95 {ratio:.2f} (goal ≤ 2) "
                f"| p50 ratio {r['store_p50'] / r['raw_p50']:.2f}"
            )
            print(
                f"         one keystroke in the data layer (search + count + facets): "
                f"p50 {r['key_p50']:.1f} ms p95 {r['key_p95']:.1f} ms"
            )
        o = result["other"]
        print(
            f"         Did you mean: first {o['suggest_first']:.0f} ms (reads the vocabulary, "
            f"in a thread), then p50 {o['suggest_p50']:.1f} ms p95 {o['suggest_p95']:.1f} ms"
        )
        print(
            f"         Nearest first (100 rows): p50 {o['near_p50']:.1f} ms "
            f"p95 {o['near_p95']:.1f} ms max {o['near_max']:.1f} ms"
        )


if __name__ == "__main__":
    main()
