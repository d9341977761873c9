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

from desktop.data.nearby import Origin  # noqa: E402
from desktop.data.records import ServiceQuery  # noqa: E402
from desktop.data.search_terms import NO_TERMS, SearchTerms, load_terms  # noqa: E402
from desktop.data.store import Store, fts_query  # noqa: E402
from tests.benchmarks import alt_rank  # noqa: E402
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

GOALS = {10_000: 20.0, 100_000: 20.0, 500_000: 50.0}
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
    """ms for: Store search, the raw FTS query, the old top slice, one keystroke's count,
    the facets (all on the same database, interleaved)."""
    store.use_terms(terms)
    match = fts_query(text, terms)
    t0 = time.perf_counter()
    store.search_services(text, limit=50, **filters)
    t1 = time.perf_counter()
    alt_rank.raw(raw, match, 50)
    t2 = time.perf_counter()
    alt_rank.top_slice(raw, ServiceQuery.of(text, **filters), match, 50)
    t3 = time.perf_counter()
    store.count_services(text, **filters)
    t4 = time.perf_counter()
    store.facets(text, **filters)
    t5 = time.perf_counter()
    return [(t1 - t0) * 1000, (t2 - t1) * 1000, (t3 - t2) * 1000, (t4 - t3) * 1000,
            (t5 - t4) * 1000]  # fmt: skip


def _figures(ms: list[list[float]]) -> dict[str, float]:
    store_ms, raw_ms, slice_ms, count_ms, facet_ms = (list(x) for x in zip(*ms, strict=True))
    key_ms = [a + b for a, b in zip(store_ms, count_ms, strict=True)]
    return {
        "store_p50": pct(store_ms, 50),
        "store_p95": pct(store_ms, 95),
        "raw_p50": pct(raw_ms, 50),
        "raw_p95": pct(raw_ms, 95),
        "slice_p50": pct(slice_ms, 50),
        "slice_p95": pct(slice_ms, 95),
        "key_p50": pct(key_ms, 50),
        "key_p95": pct(key_ms, 95),
        "facet_p50": pct(facet_ms, 50),
        "facet_p95": pct(facet_ms, 95),
        "mean_store": statistics.fmean(store_ms),
    }


def run(path: Path) -> dict[str, dict[str, float]]:
    """Figures without and with synonyms (interleaved), for suggestions and nearest first."""
    store = Store.open(path, read_only=True)
    raw = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
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
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 500_000])
    parser.add_argument("--keep", type=Path, help="reuse/keep databases in this folder")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="send-desk-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    for size in args.sizes:
        path = folder / f"bench-{size}.sqlite"
        if not path.exists():
            seconds = build(path, size)
            mb = path.stat().st_size / 1e6
            print(
                f"built {size:,} services in {seconds:.1f} s ({mb:.0f} MB, "
                f"{mb / size * 1000:.2f} MB per 1,000 services)"
            )
        result = run(path)
        goal = GOALS.get(size, 50.0)
        for label, r in (("no synonyms", result["plain"]), ("synonyms on", result["worded"])):
            ratio = r["store_p95"] / r["raw_p95"]
            print(
                f"{size:>7,} services, 200 queries, {label}: "
                f"Store p50 {r['store_p50']:.1f} ms p95 {r['store_p95']:.1f} ms "
                f"(goal ≤ {goal:.0f}) | raw FTS bm25 p50 {r['raw_p50']:.1f} ms "
                f"p95 {r['raw_p95']:.1f} ms | old top slice p50 {r['slice_p50']:.1f} ms "
                f"p95 {r['slice_p95']:.1f} ms | Store/raw p95 {ratio:.2f}"
            )
            print(
                f"         search + count (the keystroke's data work): p50 {r['key_p50']:.1f} ms "
                f"p95 {r['key_p95']:.1f} ms | facets (their thread): p50 {r['facet_p50']:.1f} ms "
                f"p95 {r['facet_p95']:.1f} ms"
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
