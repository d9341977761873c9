"""Start-up with a big organisation providers list (review F16): 110,000 phone numbers, ~2 MB.

    .venv/bin/python tests/benchmarks/bench_providers_start.py [--root CHECKOUT] [--runs 5]

Prints the median of ``send-desk --smoke`` with no list, with the list on its first read
(nothing cached: every number validated, as every start did before the cache) and with
the list on later starts (validated result read from the cache). ``--root /work/main``
measures another checkout with the same file (e.g. the code before the cache). Only Ofcom
drama numbers are used.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PHONES = 110_000
PER_PROVIDER = 55
RANGES = ("0121 496 0{:03d}", "020 7946 0{:03d}", "01632 960{:03d}", "07700 900{:03d}")


def providers_file(path: Path) -> None:
    entries = []
    n = 0
    for p in range(PHONES // PER_PROVIDER):
        numbers = []
        for _ in range(PER_PROVIDER):
            numbers.append(f'"{RANGES[n % 4].format(n % 1000)}"')
            n += 1
        entries.append(
            f'[[provider]]\nid = "p{p}"\nname = "Provider {p}"\nkind = "other"\n'
            f"phones = [{','.join(numbers)}]\n"
            'source = "benchmark"\nchecked_on = 2026-12-01\n'
        )
    path.write_text("\n".join(entries), encoding="utf-8")


def smoke(root: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "desktop", "--smoke"],
        cwd=root,
        env=env,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="send-desk-bench-providers-"))
    try:
        listing = work / "providers.toml"
        providers_file(listing)
        policy = work / "policy.ini"
        policy.write_text(f"[Policy]\nProvidersFile={listing}\n", encoding="utf-8")
        data = work / "data"
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SEND_DESK_DATA_DIR": str(data)}
        env.pop("SEND_DESK_POLICY", None)
        subprocess.run(  # first run: the live copy (and the bundle) exist before timing
            [sys.executable, "-m", "desktop", "info"],
            cwd=args.root,
            env=env,
            check=True,
            capture_output=True,
        )
        size = listing.stat().st_size / 1024 / 1024
        print(f"{args.root}: list of {PHONES:,} numbers, {size:.2f} MB, {args.runs} runs each")
        with_list = {**env, "SEND_DESK_POLICY": str(policy)}
        rows = {"no list": [], "list, nothing cached": [], "list, cached": []}
        for _ in range(args.runs):
            rows["no list"].append(smoke(args.root, env))
            shutil.rmtree(data / "providers", ignore_errors=True)
            rows["list, nothing cached"].append(smoke(args.root, with_list))
            rows["list, cached"].append(smoke(args.root, with_list))
        for label, times in rows.items():
            print(
                f"{label:22} median {statistics.median(times):.3f} s  "
                f"runs {[round(t, 2) for t in times]}"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
