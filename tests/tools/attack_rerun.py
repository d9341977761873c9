"""Re-run the reliability review's 251 cases through the real ``send-desk`` and count them.

    sudo .venv/bin/python -m tests.tools.attack_rerun            # every case, 3 at a time
    .venv/bin/python -m tests.tools.attack_rerun --only 1-30,234 -j 1
    .venv/bin/python -m tests.tools.attack_rerun --cause F13 --observations
    .venv/bin/python -m tests.tools.attack_rerun --list        # what each number is

Prints one line per case (number, root cause, held/FAILED, the evidence: the message, the
hash checks), then the figures per root cause against the review's 251 / 159 / 92.
Run as root: the cases need tmpfs and read-only mounts, ``setpriv`` to ``nobody``,
``prlimit`` and Xvfb. The run re-executes itself in a private mount namespace, so every
mount it makes disappears when it ends; each case has its own scratch folder, removed
afterwards (``--keep`` keeps them). Takes about ten minutes (the slowest cases wait for
the app's 120 s request deadline against a trickling server).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from tests.tools.rerun import cases  # noqa: F401  (registers every case)
from tests.tools.rerun.core import CASES, GROUPS, OBSERVATIONS, REVIEW_FAILED, Case, Check
from tests.tools.rerun.env import PYTHON, SEND_DESK, Env

NS_FLAG = "ATTACK_RERUN_NS"


def numbers(spec: str) -> set[int]:
    chosen: set[int] = set()
    for part in spec.split(","):
        if "-" in part:
            a, b = part.split("-", 1)
            chosen.update(range(int(a), int(b) + 1))
        elif part.strip():
            chosen.add(int(part))
    return chosen


def in_private_namespace(argv: list[str]) -> None:
    """Re-run this command inside ``unshare --mount`` (root only), once."""
    if os.geteuid() != 0 or os.environ.get(NS_FLAG):
        return
    env = {**os.environ, NS_FLAG: "1"}
    cmd = ["unshare", "--mount", "--propagation", "private", sys.executable, "-m",
           "tests.tools.attack_rerun", *argv]  # fmt: skip
    sys.exit(subprocess.call(cmd, env=env))


def let_nobody_run_python(scratch: Path) -> None:
    """``nobody`` must reach the venv's interpreter: when a folder on its way (``/root``)
    is closed to others, cover that folder, in this namespace only, with an open tmpfs
    holding a bind mount of the one child on the way."""
    target = Path(os.path.realpath(PYTHON))
    for folder in target.parents:
        if folder == Path("/") or os.stat(folder).st_mode & 0o001:
            continue
        child = target.relative_to(folder).parts[0]
        keep = scratch / "keep-open"
        keep.mkdir()
        subprocess.run(["mount", "--bind", str(folder / child), str(keep)], check=True)
        subprocess.run(["mount", "-t", "tmpfs", "-o", "mode=0755", "tmpfs", str(folder)], check=True)
        (folder / child).mkdir()
        subprocess.run(["mount", "--bind", str(keep), str(folder / child)], check=True)
        # The bind at the child stands on its own: drop the helper one, so that no folder
        # under the scratch area leads to the real files (nothing can remove them by mistake).
        subprocess.run(["umount", str(keep)], check=True)
        keep.rmdir()
        return


def build_bundle(scratch: Path) -> Path:
    folder = scratch / "bundle"
    folder.mkdir()
    out = folder / "send-desk.sqlite"
    subprocess.run([str(SEND_DESK), "build-db", str(out)], check=True, capture_output=True)
    out.chmod(0o444)
    folder.chmod(0o755)
    return out


def run_one(item: Case, scratch: Path, bundled: Path, keep: bool) -> tuple[str, Check, float]:
    env = Env(scratch / f"case-{item.number or item.cause}", bundled)
    start = time.monotonic()
    try:
        check = item.run(env)
        state = "NOT RUN" if check.not_run else "held" if check.held else "FAILED"
    except Exception as exc:  # the harness itself went wrong: say so, never count it as held
        check = Check()
        check.that(False, f"harness error: {exc!r} at {traceback.format_exc(limit=-2).strip()!r}")
        state = "ERROR"
    finally:
        if not keep:
            env.cleanup()
    return state, check, time.monotonic() - start


def line(item: Case, state: str, check: Check) -> str:
    label = f"{item.number:>3}" if item.number else f"{item.cause:>3}"
    return f"{label} {item.cause:<10} {state:<6} {item.title} — {check.summary()}"


def figures(results: dict[int, tuple[str, Check]]) -> list[str]:
    rows: list[tuple[str, str, int, int, int, int, int]] = []
    by_cause: dict[str, Counter] = {}
    for number, (state, _) in results.items():
        cause = CASES[number].cause
        by_cause.setdefault(cause, Counter())[state] += 1
    for cause in [*REVIEW_FAILED, *GROUPS]:
        if cause not in by_cause:
            continue
        count = by_cause[cause]
        tried = sum(count.values())
        review_failed = tried if cause in REVIEW_FAILED else 0  # the review: every one failed
        what = GROUPS.get(cause, "failed in the review")
        rows.append((cause, what, tried, tried - review_failed, review_failed,
                     count["held"], tried - count["held"]))  # fmt: skip
    out = ["", "cause       what                                         review tried/held/failed   now tried/held/failed"]
    for cause, what, tried, r_held, r_failed, held, failed in rows:
        out.append(f"{cause:<11} {what[:44]:<44} {tried:>5}/{r_held:>3}/{r_failed:>3}"
                   f"             {tried:>5}/{held:>3}/{failed:>3}")  # fmt: skip
    tried = len(results)
    held = sum(1 for s, _ in results.values() if s == "held")
    review_failed = sum(1 for n in results if CASES[n].cause in REVIEW_FAILED)
    out.append(f"{'total':<11} {'':<44} {tried:>5}/{tried - review_failed:>3}/{review_failed:>3}"
               f"             {tried:>5}/{held:>3}/{tried - held:>3}")  # fmt: skip
    out.append(f"tried {tried}, held {held}, failed {tried - held} (review: 251 tried, 159 held, 92 failed)")
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="case numbers, e.g. 1-30,234")
    parser.add_argument("--cause", help="only this root cause or group, e.g. F13 or H-http")
    parser.add_argument("-j", "--jobs", type=int, default=3)
    parser.add_argument("--observations", action="store_true", help="also run the uncounted observations")
    parser.add_argument("--keep", action="store_true", help="keep every case's scratch folder")
    parser.add_argument("--table", type=Path, help="also write the per-case lines and figures here")
    parser.add_argument("--list", action="store_true", help="list the cases (number, cause, title)")
    args = parser.parse_args(argv)
    if args.list:
        for item in [*(CASES[n] for n in sorted(CASES)), *OBSERVATIONS.values()]:
            print(f"{item.number or item.cause:>3} {item.cause:<10} {item.title}")
        return 0
    in_private_namespace(argv)
    chosen = [c for n, c in sorted(CASES.items())
              if (not args.only or n in numbers(args.only)) and (not args.cause or c.cause == args.cause)]  # fmt: skip
    extra = list(OBSERVATIONS.values()) if args.observations else []
    scratch = Path(tempfile.mkdtemp(prefix="attack-rerun-"))
    scratch.chmod(0o755)
    if os.geteuid() == 0:
        let_nobody_run_python(scratch)
    bundled = build_bundle(scratch)
    results: dict[int, tuple[str, Check]] = {}
    notes: list[str] = []
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        order = sorted(chosen + extra, key=lambda c: not c.slow)  # the slow ones start first
        futures: dict[Future, Case] = {pool.submit(run_one, c, scratch, bundled, args.keep): c for c in order}
        for future, item in futures.items():
            state, check, seconds = future.result()
            print(f"[{time.monotonic() - started:6.0f}s] {line(item, state, check)[:160]} ({seconds:.1f}s)",
                  file=sys.stderr, flush=True)  # fmt: skip
            if item.number:
                results[item.number] = (state, check)
            else:
                notes.append(line(item, state, check))
    lines = [line(CASES[n], *results[n]) for n in sorted(results)]
    if notes:
        lines += ["", "Other observations (not counted):", *notes]
    lines += figures(results)
    print("\n".join(lines))
    if args.table:
        args.table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if not args.keep:
        subprocess.run(["rm", "-rf", "--one-file-system", str(scratch)], check=False)
    return 0 if all(s == "held" for s, _ in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
