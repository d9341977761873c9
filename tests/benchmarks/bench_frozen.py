"""The frozen one-dir app: its size (and what is biggest in it), `send-desk --smoke` cold
start (median of 5), and `info` from the console executable (median of 5): `send-desk-cli`
on Windows, the one `send-desk` elsewhere.

    .venv/bin/pyinstaller --noconfirm build_installer.spec    # builds dist/send-desk
    .venv/bin/python tests/benchmarks/bench_frozen.py [DIST]

Each run is a fresh process, offscreen, with a data dir that already holds the live copy
(the usual start); a first run makes that copy and is reported on its own.
Goals: dist ≤ 105 MB on Linux (issue 14; 120 MB on Windows, docs/it-deployment.md);
frozen --smoke ≤ 1.5 s (issue 7).
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


def dist_size(dist: Path) -> tuple[int, int]:
    files = [p for p in dist.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def biggest(dist: Path, count: int = 8) -> list[tuple[str, int]]:
    """The largest files and top-level packages under _internal (where savings are)."""
    sizes: dict[str, int] = {}
    for p in dist.rglob("*"):
        if p.is_file() and not p.is_symlink():
            rel = p.relative_to(dist).parts
            key = "/".join(rel[:2]) if rel[0] == "_internal" and len(rel) > 2 else "/".join(rel)
            if key.startswith("_internal/PySide6"):
                key = "/".join(rel)  # Qt's libraries one by one
            sizes[key] = sizes.get(key, 0) + p.stat().st_size
    return sorted(sizes.items(), key=lambda kv: -kv[1])[:count]


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    dist = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "dist" / "send-desk"
    exe = dist / ("send-desk.exe" if sys.platform == "win32" else "send-desk")
    if not exe.exists():
        sys.exit(f"{exe} not found: build it with pyinstaller build_installer.spec first")
    size, count = dist_size(dist)
    env = {k: v for k, v in os.environ.items() if not k.startswith("SEND_DESK_")}
    env.update(QT_QPA_PLATFORM="offscreen", SEND_DESK_DATA_DIR=tempfile.mkdtemp())
    first = timed([str(exe), "--smoke"], env)
    runs = [timed([str(exe), "--smoke"], env) for _ in range(RUNS)]
    print(f"dist: {dist}")
    goal = 120 if sys.platform == "win32" else 105
    print(
        f"dist size: {size / 1e6:.1f} MB ({size / 2**20:.1f} MiB) in {count} files"
        f" (goal ≤ {goal} MB)"
    )
    for part, part_size in biggest(dist):
        print(f"  {part_size / 1e6:6.1f} MB  {part}")
    print(f"first run (makes the per-user copy): {first:.3f} s")
    print(
        f"frozen --smoke: median {statistics.median(runs):.3f} s "
        f"runs {[round(t, 3) for t in runs]} (goal ≤ 1.5 s)"
    )
    cli = dist / "send-desk-cli.exe" if sys.platform == "win32" else exe
    info = [timed([str(cli), "info"], env) for _ in range(RUNS)]
    print(
        f"{cli.name} info: median {statistics.median(info):.3f} s "
        f"runs {[round(t, 3) for t in info]}; executable {exe.stat().st_size / 1e6:.1f} MB"
        + (f", console one {cli.stat().st_size / 1e6:.1f} MB" if cli != exe else "")
    )


if __name__ == "__main__":
    main()
