"""Cases 1–15: kill -9 at ten points, and the refresh lock (review: "What holds up well", F18)."""

from __future__ import annotations

import json
import signal
import socket
import threading
import time
from pathlib import Path

from tests.tools.rerun.core import Check, case, short
from tests.tools.rerun.env import SEND_DESK, Env, clean_exit, digest, wait_for, with_group

PAGE = "/services?page={n}&per_page=200"


def _setup_b_and_a(env: Env) -> tuple[str, str]:
    """Live B (the user's refreshed 30 services) and .bak A (older data): their hashes."""
    env.make_live(refreshed=True, services=30)
    bak = env.data / "send-desk.sqlite.bak"
    bak.write_bytes(env.bundled.read_bytes())
    return digest(env.live), digest(bak)


def _after_kill(env: Env, c: Check, b: str, a: str, new_count: int | None) -> None:
    """Live and .bak complete; the next start tidies; the next refresh runs."""
    bak = env.data / "send-desk.sqlite.bak"
    live_now = digest(env.live) if env.live.exists() else "missing"
    swapped = live_now != b
    if swapped:
        c.that(new_count is not None and env.count() == new_count,
               f"live is neither the old file nor the complete new one ({env.count()} services)")  # fmt: skip
    c.that(bak.exists() and digest(bak) in (a, b), ".bak is neither the older backup nor the old live")
    c.see("live " + ("is the new data" if swapped else "unchanged (sha ok)"))
    info = env.cli("info")
    clean_exit(c, info, 0)
    c.that(not env.leftovers(), f"leftovers after the next start: {env.leftovers()}")
    if swapped:
        c.that(digest(bak) == b, "after the swap .bak is not the previous live data")
    else:
        c.that(digest(env.live) == b and digest(bak) == a, "a start after the kill changed live or .bak")
    again = env.cli("refresh", str(env.services_feed(35, "again.json", "z")), "--force")
    c.that(again.rc == 0, f"the next refresh failed: {short(again.last)}")
    c.see(f"next refresh rc {again.rc}")


def _killed_at(env: Env, args: list[str], hook: dict[str, str]) -> None:
    run = env.py("-m", "tests.tools.rerun.killer", *args, env=hook)
    assert run.rc == -signal.SIGKILL or run.rc == 128 + 9, f"not killed: rc {run.rc} {run.err[-300:]}"


def _kill_when(env: Env, argv: list[str], ready: object, timeout: float = 60) -> None:
    proc = env.spawn(argv)
    assert wait_for(lambda: ready() or proc.poll() is not None, timeout), "never reached the point"  # type: ignore[operator]
    assert proc.poll() is None, f"finished before the kill: {proc.communicate()[1][-300:]}"
    with_group(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)


@case(1, "H-kill", "kill -9 while the feed is downloading")
def c1(env: Env) -> Check:
    from tests.feedserver import Trickle, serve

    c = Check()
    b, a = _setup_b_and_a(env)
    with serve() as feed:
        feed.set(PAGE.format(n=1), Trickle(every=0.05, length=10**6, piece=b"[" * 64))
        _kill_when(env, [str(SEND_DESK), "refresh", feed.base], feed.arrived.is_set)
    _after_kill(env, c, b, a, None)
    return c


@case(2, "H-kill", "kill -9 while waiting for page 2")
def c2(env: Env) -> Check:
    from tests.feedserver import serve

    c = Check()
    b, a = _setup_b_and_a(env)
    asked, release = threading.Event(), threading.Event()

    def stuck() -> tuple[int, dict, bytes]:
        asked.set()
        release.wait(30)
        return 500, {}, b""

    page1 = json.loads((Path(__file__).parents[2] / "data" / "oruk-v3-page1.json").read_text())
    with serve() as feed:
        feed.set(PAGE.format(n=1), page1 | {"last_page": False})
        feed.set(PAGE.format(n=2), stuck)
        try:
            _kill_when(env, [str(SEND_DESK), "refresh", feed.base], asked.is_set)
        finally:
            release.set()
    _after_kill(env, c, b, a, None)
    return c


@case(3, "H-kill", "kill -9 while the records are imported (.new growing)")
def c3(env: Env) -> Check:
    c = Check()
    b, a = _setup_b_and_a(env)
    big = env.json_feed("big.json", [
        {"id": f"b{i}", "name": f"Service {i}", "description": "Help with things. " * 40}
        for i in range(30000)
    ])  # fmt: skip
    new = env.data / "send-desk.sqlite.new"
    _kill_when(env, [str(SEND_DESK), "refresh", str(big)],
               lambda: new.exists() and new.stat().st_size > 200_000)  # fmt: skip
    c.see(".new was there when killed")
    _after_kill(env, c, b, a, None)
    return c


@case(4, "H-kill", "kill -9 while the search index is built (writer.finish)")
def c4(env: Env) -> Check:
    c = Check()
    b, a = _setup_b_and_a(env)
    _killed_at(env, ["refresh", str(env.services_feed(40))],
               {"KILL_ENTRY": "desktop.data.feeds.writer.finish"})  # fmt: skip
    _after_kill(env, c, b, a, 40)
    return c


@case(5, "H-kill", "kill -9 after the new file is checked, before the swap")
def c5(env: Env) -> Check:
    c = Check()
    b, a = _setup_b_and_a(env)
    _killed_at(env, ["refresh", str(env.services_feed(40))],
               {"KILL_ENTRY": "desktop.data.feeds.refresh.commit"})  # fmt: skip
    _after_kill(env, c, b, a, 40)
    return c


def _swap_kill(env: Env, n: int, when: str) -> Check:
    c = Check()
    b, a = _setup_b_and_a(env)
    _killed_at(env, ["refresh", str(env.services_feed(40))],
               {"KILL_IN": "desktop.data.feeds.kept.swap_in", "KILL_AT": str(n), "KILL_WHEN": when})  # fmt: skip
    _after_kill(env, c, b, a, 40)
    return c


@case(6, "H-kill", "kill -9 inside the swap: before .bak.tmp is linked")
def c6(env: Env) -> Check:
    return _swap_kill(env, 1, "before")


@case(7, "H-kill", "kill -9 inside the swap: after .bak.tmp is linked")
def c7(env: Env) -> Check:
    return _swap_kill(env, 1, "after")


@case(8, "H-kill", "kill -9 inside the swap: new file in place, .bak not yet renamed")
def c8(env: Env) -> Check:
    return _swap_kill(env, 3, "after")


@case(9, "H-kill", "kill -9 inside restore-previous's swap")
def c9(env: Env) -> Check:
    c = Check()
    b, a = _setup_b_and_a(env)
    _killed_at(env, ["restore-previous"],
               {"KILL_IN": "desktop.data.feeds.kept.swap_in", "KILL_AT": "3", "KILL_WHEN": "before"})  # fmt: skip
    bak = env.data / "send-desk.sqlite.bak"
    clean_exit(c, env.cli("info"), 0)
    c.that({digest(env.live), digest(bak)} == {a, b}, "a copy was lost: live and .bak are not A and B")
    c.that(not env.leftovers(), f"leftovers: {env.leftovers()}")
    c.see("live and .bak are still A and B")
    return c


@case(10, "H-kill", "kill -9 during the first copy from the bundle")
def c10(env: Env) -> Check:
    c = Check()
    env.data.mkdir()
    _killed_at(env, ["info"], {"KILL_IN": "desktop.data.livefiles.copy_complete",
                               "KILL_AT": "1", "KILL_WHEN": "after"})  # fmt: skip
    c.that(not env.live.exists() or digest(env.live) == digest(env.bundled), "a partial live file")
    clean_exit(c, env.cli("info"), 0)
    c.that(digest(env.live) == digest(env.bundled), "the next start did not make a complete copy")
    c.that(not env.leftovers(), f"leftovers: {env.leftovers()}")
    return c


def _lock(env: Env, pid: int, mark: str, age: float = 60) -> Path:
    path = env.data / "send-desk.sqlite.lock"
    holder = {"pid": pid, "host": socket.gethostname(), "started": time.time() - age,
              "token": "0" * 32, "process_started": mark}  # fmt: skip
    path.write_text(json.dumps(holder))
    return path


@case(11, "F18", "a stale lock whose PID now belongs to another process (reuse, reboot)")
def c11(env: Env) -> Check:
    c = Check()
    env.make_live()
    _lock(env, 1, "00000000-0000-0000-0000-000000000000:17")  # pid 1 runs, but started otherwise
    run = env.cli("refresh", str(env.services_feed(5)))
    clean_exit(c, run, 0)
    c.that(not run.said("Another refresh is running"), "still blocked by the stale lock")
    c.that(env.count() == 5, "the refresh did not take effect")
    return c


@case(12, "H-lock", "the lock of a refresh killed with kill -9 is taken over")
def c12(env: Env) -> Check:
    c = Check()
    env.make_live()
    _killed_at(env, ["refresh", str(env.services_feed(40))],
               {"KILL_ENTRY": "desktop.data.feeds.writer.finish"})  # fmt: skip
    c.that((env.data / "send-desk.sqlite.lock").exists(), "the kill left no lock to take over")
    run = env.cli("refresh", str(env.services_feed(7, "b.json")))
    clean_exit(c, run, 0)
    c.that(env.count() == 7 and not env.leftovers(), f"count {env.count()}, leftovers {env.leftovers()}")
    return c


@case(13, "H-lock", "a second refresh while one runs is refused with one sentence")
def c13(env: Env) -> Check:
    from tests.feedserver import serve

    c = Check()
    env.make_live()
    before = digest(env.live)
    asked, release = threading.Event(), threading.Event()

    def stuck() -> tuple[int, dict, bytes]:
        asked.set()
        release.wait(30)
        return 200, {}, json.dumps({"contents": [], "last_page": True}).encode()

    page1 = json.loads((Path(__file__).parents[2] / "data" / "oruk-v3-page1.json").read_text())
    with serve() as feed:
        feed.set(PAGE.format(n=1), page1 | {"last_page": False})
        feed.set(PAGE.format(n=2), stuck)
        first = env.spawn([str(SEND_DESK), "refresh", feed.base, "--force"])
        try:
            c.that(wait_for(asked.is_set, 30), "the first refresh never reached page 2")
            second = env.cli("refresh", str(env.services_feed(3)))
            clean_exit(c, second, 1)
            c.that(second.said("Another refresh is running (process"), "no sentence naming the holder")
            c.that(digest(env.live) == before, "the second refresh changed the live file")
        finally:
            release.set()
        _out, err = first.communicate(timeout=60)
    c.that(first.returncode == 0, f"the first refresh failed: {short(err)}")
    return c


def _in_the_way(env: Env, name: str) -> Check:
    c = Check()
    env.make_live()
    blocker = env.data / name
    blocker.mkdir()
    (blocker / "keep.txt").write_text("mine")
    before = digest(env.live)
    run = env.cli("refresh", str(env.services_feed(3)))
    clean_exit(c, run, 1)
    c.that(run.said("in the way"), "the sentence does not name what is in the way")
    c.that((blocker / "keep.txt").read_text() == "mine", "the folder in the way was touched")
    c.that(digest(env.live) == before, "live changed")
    clean_exit(c, env.cli("info"), 0)
    return c


@case(14, "F13", "a folder named send-desk.sqlite.new (was IsADirectoryError)")
def c14(env: Env) -> Check:
    return _in_the_way(env, "send-desk.sqlite.new")


@case(15, "F13", "a folder named send-desk.sqlite.bak.tmp (was IsADirectoryError)")
def c15(env: Env) -> Check:
    return _in_the_way(env, "send-desk.sqlite.bak.tmp")


