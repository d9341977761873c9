"""Phone parsing cost per number: the lru_cache hit rate matters because phonenumbers is slow.

    .venv/bin/python tests/benchmarks/bench_phones.py [N]

Figures in µs per number (best of three runs) for N distinct fields (Ofcom drama ranges,
written in the shapes feeds use: plain, labelled, with an extension or option, two to a
field; two of the seven shapes are ranges phonenumbers validates in full):
- cold: ``parse_phones`` on fields it has never seen (cache cleared first);
- warm: the same fields again (a feed repeating its switchboards);
- old: the previous cleaner's cost (``phonenumbers.parse`` + validity + national format),
  for comparison;
- e164 stored: ``e164`` on stored display numbers (the UI's path; no phonenumbers);
- tel_uri stored: the same for a stored phone text with label and extension.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desktop.data import phones  # noqa: E402


def fields(n: int) -> list[str]:
    shapes = [
        "0121 496 {:04d}",
        "Youth line: 020 7946 {:04d}",
        "01632 96{:04d} Ext 303",
        "07700 900{:03d} / 0121 496 {:04d}",
        "+44 (0)121 496 {:04d}",
        # Drama ranges phonenumbers calls valid, so these take the full validation path.
        "0808 157 0{:03d}",
        "Helpline 0306 999 0{:03d} (option 2)",
    ]
    out = []
    for i in range(n):
        shape = shapes[i % len(shapes)]
        j = (i // len(shapes)) % 1000
        out.append(shape.format(j, j) if shape.count("{") == 2 else shape.format(j))
    return list(dict.fromkeys(out))


def per_number(fn: Callable[[str], object], items: list[str], count: int) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for item in items:
            fn(item)
        best = min(best, time.perf_counter() - start)
    return best / count * 1e6


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000
    items = fields(n)
    numbers = sum(len(phones.parse_phones(f)[0]) for f in items)

    def cold(field: str) -> object:
        return phones.parse_phones(field)

    import phonenumbers

    best = float("inf")
    for _ in range(3):
        phones._parse_cached.cache_clear()
        phones.judge_number.cache_clear()
        start = time.perf_counter()
        for item in items:
            cold(item)
        best = min(best, time.perf_counter() - start)
    cold_us = best / numbers * 1e6
    warm_us = per_number(cold, items, numbers)

    def old(field: str) -> str:
        number = phonenumbers.parse(field.split(" Ext")[0].split(" / ")[0].split(": ")[-1], "GB")
        phonenumbers.is_valid_number(number)
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)

    old_us = per_number(old, items, len(items))
    stored = [p.number for f in items for p in phones.parse_phones(f)[0]]
    texts = [p.text for f in items for p in phones.parse_phones(f)[0]]
    e164_us = per_number(phones.e164, stored, len(stored))
    tel_us = per_number(phones.tel_uri, texts, len(texts))
    print(f"{len(items):,} fields, {numbers:,} numbers")
    print(f"parse_phones cold      {cold_us:8.1f} µs/number")
    print(f"parse_phones warm      {warm_us:8.1f} µs/number (cache hit)")
    print(f"old cleaner (1 number) {old_us:8.1f} µs/field")
    print(f"e164 stored            {e164_us:8.1f} µs/number")
    print(f"tel_uri stored text    {tel_us:8.1f} µs/number")


if __name__ == "__main__":
    main()
