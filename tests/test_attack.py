"""The slow half of the reliability review, kept as tests (``pytest -m attack``; ``.ci/run``).

Real subprocesses of the CLI, as the review ran them: kill -9 at every file operation of
every swap (refresh, restore, restore of a kept copy, first copy, setting aside), a
database held locked by another process, Ctrl+C during a refresh, a 5,000-service
database with 40 damaged pages. Each case asserts the live database's hash (and the
backup's), the sentence and the absence of a traceback.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.data import livefiles
from desktop.data.store import Store
from desktop.errors import ExitCode
from tests.attack_helpers import (
    DB_NAME,
    digest,
    make_live,
    mark_refreshed,
    no_traceback,
    one_sentence,
    run_cli,
)
from tests.conftest import ROOT
from tests.feedserver import serve

pytestmark = pytest.mark.attack
DATA = Path(__file__).parent / "data"

# Runs the CLI with every file operation counted while ``KILL_IN`` runs; at the
# ``KILL_AT``-th one it kills itself (SIGKILL: no clean-up, as a power cut) before or after.
KILLER = r"""
import importlib, os, shutil, signal, sys
target, n, when = os.environ["KILL_IN"], int(os.environ["KILL_AT"]), os.environ["KILL_WHEN"]
state = {"armed": False, "calls": 0}

def counted(real):
    def step(*args, **kwargs):
        if not state["armed"]:
            return real(*args, **kwargs)
        state["calls"] += 1
        if state["calls"] == n and when == "before":
            os.kill(os.getpid(), signal.SIGKILL)
        result = real(*args, **kwargs)
        if state["calls"] == n and when == "after":
            os.kill(os.getpid(), signal.SIGKILL)
        return result
    return step

for name in ("link", "replace", "rename", "unlink", "chmod", "fsync"):
    setattr(os, name, counted(getattr(os, name)))
shutil.copyfile = counted(shutil.copyfile)
module_name, function = target.rsplit(".", 1)
module = importlib.import_module(module_name)
real_target = getattr(module, function)

def armed(*args, **kwargs):
    state["armed"] = True
    try:
        return real_target(*args, **kwargs)
    finally:
        state["armed"] = False

setattr(module, function, armed)
from desktop.cli import main
code = main(sys.argv[1:])
sys.stderr.write(f"\nSTEPS={state['calls']}\n")
sys.exit(code)
"""


def run_killed(
    args: list[str], data_dir: Path, bundled: Path, target: str, n: int, when: str
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "SEND_DESK_DATA_DIR": str(data_dir),
        "SEND_DESK_BUNDLED_DB": str(bundled),
        "PYTHONPATH": str(ROOT),
        "KILL_IN": target,
        "KILL_AT": str(n),
        "KILL_WHEN": when,
        "QT_QPA_PLATFORM": "offscreen",
    }
    return subprocess.run(
        [sys.executable, "-c", KILLER, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def kill_points(
    args: list[str], data_dir: Path, bundled: Path, target: str, set_up
) -> Iterator[tuple[str, int, subprocess.CompletedProcess[str]]]:
    """Every (when, n) a kill can hit inside ``target``, until a run completes unkilled."""
    for when in ("before", "after"):
        n = 1
        while True:
            shutil.rmtree(data_dir, ignore_errors=True)
            set_up()
            result = run_killed(args, data_dir, bundled, target, n, when)
            if result.returncode != -signal.SIGKILL:
                assert result.returncode == 0, result.stderr
                assert f"STEPS={n - 1}" in result.stderr, result.stderr  # every step was hit
                break
            yield when, n, result
            n += 1
        assert n > 1, f"{target} made no file operation"


def feed_file(tmp_path: Path, n: int, name: str) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps([{"id": f"{name}{i}", "name": f"Service {i}"} for i in range(n)]))
    return path


def services_in(path: Path) -> int:
    with Store.open(path, read_only=True) as store:
        return store.count_services("")


def start_again(data_dir: Path) -> None:
    """The next start (``info``): it must clean up and leave no half-finished swap."""
    assert main(["info"]) == ExitCode.OK
    names = sorted(p.name for p in data_dir.iterdir())
    assert not [n for n in names if n.endswith((".new", ".tmp", ".copying", ".lock"))], names


# -- kill -9 at every swap point -------------------------------------------------------------
def test_kill_at_every_step_of_the_refresh_swap(
    data_dir: Path, bundled_db: Path, tmp_path: Path
) -> None:
    """Case 235 and the ten kill points: live and .bak stay complete; .bak only advances
    once the new file is in place; the next start finishes what was cut short."""
    template = tmp_path / "template"
    live_b = make_live(template, bundled_db)
    mark_refreshed(live_b, services=30)  # B: the user's refreshed data
    shutil.copyfile(bundled_db, livefiles.bak_path(live_b))  # A: the older backup
    a, b = digest(livefiles.bak_path(live_b)), digest(live_b)
    export = feed_file(tmp_path, 40, "c.json")
    live = data_dir / DB_NAME
    points = 0
    for when, n, _ in kill_points(
        ["refresh", str(export)],
        data_dir,
        bundled_db,
        "desktop.data.feeds.kept.swap_in",
        lambda: shutil.copytree(template, data_dir),
    ):
        points += 1
        bak = livefiles.bak_path(live)
        assert digest(live) == b or services_in(live) == 40, (when, n)
        assert digest(bak) in (a, b), (when, n)
        swapped = digest(live) != b
        start_again(data_dir)
        if swapped:
            assert services_in(live) == 40 and digest(bak) == b, (when, n)
        else:
            assert digest(live) == b and digest(bak) == a, (when, n)
    assert points == 8  # link, chmod, replace, replace: before and after each


def test_kill_at_every_step_of_restore_previous(
    data_dir: Path, bundled_db: Path, tmp_path: Path
) -> None:
    template = tmp_path / "template"
    live_b = make_live(template, bundled_db)
    mark_refreshed(live_b, services=30)
    shutil.copyfile(bundled_db, livefiles.bak_path(live_b))
    a, b = digest(livefiles.bak_path(live_b)), digest(live_b)
    live = data_dir / DB_NAME
    for when, n, _ in kill_points(
        ["restore-previous"],
        data_dir,
        bundled_db,
        "desktop.data.feeds.kept.swap_in",
        lambda: shutil.copytree(template, data_dir),
    ):
        bak = livefiles.bak_path(live)
        assert digest(live) in (a, b), (when, n)
        start_again(data_dir)
        # Either nothing happened or the swap is complete: never a copy lost.
        assert {digest(live), digest(bak)} == {a, b}, (when, n)


def test_kill_at_every_step_of_restoring_a_kept_copy(
    data_dir: Path, bundled_db: Path, tmp_path: Path
) -> None:
    template = tmp_path / "template"
    live_b = make_live(template, bundled_db)
    mark_refreshed(live_b, services=30)
    shutil.copyfile(bundled_db, livefiles.bak_path(live_b))
    kept_copy = livefiles.sibling(live_b, ".corrupt")
    shutil.copyfile(live_b, kept_copy)
    mark_refreshed(kept_copy, services=5)  # K: what an earlier version set aside
    a, b, k = digest(livefiles.bak_path(live_b)), digest(live_b), digest(kept_copy)
    live = data_dir / DB_NAME
    for when, n, _ in kill_points(
        ["restore-previous", "--from", f"{DB_NAME}.corrupt"],
        data_dir,
        bundled_db,
        "desktop.data.feeds.kept.swap_in",
        lambda: shutil.copytree(template, data_dir),
    ):
        start_again(data_dir)
        everything = {digest(p) for p in data_dir.iterdir() if p.is_file()}
        assert {a, b, k} <= everything, (when, n)  # no copy was ever lost
        assert digest(live) in (b, k), (when, n)


def test_kill_at_every_step_of_the_first_copy(data_dir: Path, bundled_db: Path) -> None:
    live = data_dir / DB_NAME
    for when, n, _ in kill_points(
        ["info"], data_dir, bundled_db, "desktop.data.livefiles.copy_complete", lambda: None
    ):
        assert not live.exists() or digest(live) == digest(bundled_db), (when, n)
        start_again(data_dir)
        assert digest(live) == digest(bundled_db), (when, n)


def test_kill_while_setting_a_damaged_file_aside(data_dir: Path, bundled_db: Path) -> None:
    damaged = b"SQLite format 3\x00" + b"\xaa" * 6000
    live = data_dir / DB_NAME

    def set_up() -> None:
        data_dir.mkdir(parents=True)
        live.write_bytes(damaged)

    for when, n, _ in kill_points(
        ["info"], data_dir, bundled_db, "desktop.data.livefiles.set_aside", set_up
    ):
        start_again(data_dir)
        assert digest(live) == digest(bundled_db), (when, n)
        kept = [p for p in data_dir.iterdir() if ".corrupt" in p.name]
        assert [p.read_bytes() for p in kept] == [damaged], (when, n)  # once, never emptied


# -- a real lock held by another process (case 234) ------------------------------------------
HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.read()
"""


def held(path: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    return proc


@pytest.mark.parametrize("command", [["info"], ["--smoke"], ["refresh", "FEED"]])
def test_case_234_a_database_locked_by_another_process_is_in_use(
    data_dir: Path, bundled_db: Path, tmp_path: Path, command: list[str]
) -> None:
    live = make_live(data_dir, bundled_db)
    mark_refreshed(live, services=50)
    before = digest(live)
    args = [str(feed_file(tmp_path, 3, "f.json")) if a == "FEED" else a for a in command]
    holder = held(live)
    try:
        result = run_cli(args, data_dir, bundled_db, timeout=60)
    finally:
        holder.communicate("", timeout=10)
    assert result.returncode == ExitCode.IN_USE, result.stderr
    assert "is in use by another program" in result.stderr
    assert no_traceback(result.stdout, result.stderr)
    assert digest(live) == before and not livefiles.kept_copies(live)
    info = run_cli(["info"], data_dir, bundled_db).stdout  # once released, all is there
    assert re.search(r"^services\s+50$", info, re.M), info


# -- Ctrl+C during a refresh (F13) -----------------------------------------------------------
def test_ctrl_c_while_the_refresh_waits_for_the_server(data_dir: Path, bundled_db: Path) -> None:
    live = make_live(data_dir, bundled_db)
    before = digest(live)
    asked, release = threading.Event(), threading.Event()

    def stuck() -> tuple[int, dict, bytes]:
        asked.set()
        release.wait(20)
        return 500, {}, b""

    env = {
        **os.environ,
        "SEND_DESK_DATA_DIR": str(data_dir),
        "SEND_DESK_BUNDLED_DB": str(bundled_db),
        "PYTHONPATH": str(ROOT),
    }
    with serve() as feed:
        page1 = json.loads((DATA / "oruk-v3-page1.json").read_text())
        feed.set("/services?page=1&per_page=200", page1 | {"last_page": False})
        feed.set("/services?page=2&per_page=200", stuck)
        proc = subprocess.Popen(
            [sys.executable, "-m", "desktop", "refresh", feed.base],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert asked.wait(30), "the refresh never asked for page 2"
            proc.send_signal(signal.SIGINT)
            out, err = proc.communicate(timeout=30)
        finally:
            release.set()
    assert proc.returncode == ExitCode.INTERRUPTED, err
    assert "Stopped (Ctrl+C): the refresh was cancelled. Your current data has not changed." in err
    assert no_traceback(out, err) and digest(live) == before
    assert sorted(p.name for p in data_dir.iterdir() if p.is_file()) == [DB_NAME]


# -- partial corruption at scale (cases 58, 86, 87) -------------------------------------------
@pytest.fixture(scope="module")
def big_damaged(tmp_path_factory: pytest.TempPathFactory, bundled_db: Path) -> Path:
    """5,000 synthetic refreshed services, 40 random pages overwritten (seeded: the same every
    run). Marked refreshed and current, so nothing but the damage can make the app replace it."""
    from tests.benchmarks.generate import build

    path = tmp_path_factory.mktemp("big") / DB_NAME
    build(path, 5000)
    with Store.open(bundled_db, read_only=True) as bundle:
        current = bundle.meta()["sources_sha256"]
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE meta SET value = '0' WHERE key = 'is_demo'")
        conn.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('sources_sha256', ?)", (current,)
        )
    pages, size = (conn.execute(f"PRAGMA {p}").fetchone()[0] for p in ("page_count", "page_size"))
    conn.close()
    rng = random.Random(40)
    with open(path, "r+b") as handle:
        for n in rng.sample(range(3, pages + 1), 40):  # pages 1–2 hold the schema and meta
            handle.seek((n - 1) * size)
            handle.write(rng.randbytes(size))
    return path


@pytest.mark.parametrize("command", [["--smoke"], ["search", "--limit", "50000"]])
def test_a_partly_damaged_big_database_never_hangs_or_shows_a_traceback(
    big_damaged: Path, data_dir: Path, bundled_db: Path, command: list[str]
) -> None:
    data_dir.mkdir(parents=True)
    live = data_dir / DB_NAME
    shutil.copyfile(big_damaged, live)
    damaged = digest(live)
    result = run_cli(command, data_dir, bundled_db, timeout=90)
    assert result.returncode == ExitCode.OK, result.stderr
    assert no_traceback(result.stdout, result.stderr)
    aside = data_dir / f"{DB_NAME}.corrupt-1"
    assert aside.exists() and digest(aside) == damaged  # set aside inside the data folder
    assert digest(live) == digest(bundled_db)
    if command[0] == "search":
        assert one_sentence(result.stderr).startswith("Your data file was damaged")
