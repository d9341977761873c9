"""Cases 16–30: full disks (a small tmpfs as the data folder), logs that cannot be written."""

from __future__ import annotations

import json
import zipfile

from tests.tools.rerun.core import Check, case
from tests.tools.rerun.env import Env, clean_exit, digest

FULL = "not enough free disk space"


def _small_disk(env: Env, size: str = "8m", **kw: int) -> None:
    env.tmpfs(env.data, size, **kw)


def _full(env: Env, leave: int = 0) -> None:
    env.fill(env.data, leave)


def _no_leftovers(env: Env, c: Check) -> None:
    left = [n for n in env.leftovers() if n != "filler"]
    c.that(not left, f"left behind: {left}")
    empty = [n for n in env.names() if (env.data / n).is_file() and (env.data / n).stat().st_size == 0]
    c.that(not [n for n in empty if n.endswith(".lock")], f"a 0-byte lock is left: {empty}")


def _refresh_on_full_disk(env: Env, c: Check, source: str, leave: int = 0) -> None:
    _small_disk(env)
    env.make_live()
    clean_exit(c, env.cli("info"), 0)  # the log folder exists, as on a machine in use
    before = digest(env.live)
    _full(env, leave)
    run = env.cli("refresh", source)
    clean_exit(c, run, 1)
    c.that(run.said(FULL), "the sentence does not say the disk is full")
    c.that(digest(env.live) == before, "live changed")
    _no_leftovers(env, c)


@case(16, "F17", "refresh on a 100 % full disk leaves no empty lock")
def c16(env: Env) -> Check:
    c = Check()
    _refresh_on_full_disk(env, c, str(env.services_feed(5)))
    return c


@case(17, "H-disk", "the disk fills up while the new database is built")
def c17(env: Env) -> Check:
    c = Check()
    feed = env.json_feed("big.json", [
        {"id": f"b{i}", "name": f"Service {i}", "description": "Support for families. " * 20}
        for i in range(6000)
    ])  # fmt: skip
    _refresh_on_full_disk(env, c, str(feed), leave=600_000)
    return c


@case(18, "F17", "first run on a disk too small for the bundle leaves no .copying")
def c18(env: Env) -> Check:
    c = Check()
    _small_disk(env, "256k")
    run = env.cli("info")
    clean_exit(c, run, 0)
    c.that(run.said("read-only"), "does not say it shows the bundled data read-only")
    c.that(not [n for n in env.names() if n.endswith(".copying") or n.endswith(".sqlite")],
           f"partial copy left: {env.names()}")  # fmt: skip
    return c


@case(19, "F17", "a full disk while logging prints no '--- Logging error ---'")
def c19(env: Env) -> Check:
    c = Check()
    _small_disk(env)
    env.make_live()
    env.cli("info")
    _full(env)
    run = env.cli("refresh", str(env.services_feed(3)))
    clean_exit(c, run)
    c.that(run.err.count("cannot write its log file") <= 1, "the log failure is repeated")
    search = env.cli("search", "autism")
    clean_exit(c, search, 0)
    return c


@case(20, "F17", "after space is freed the next refresh runs at once (no stale lock)")
def c20(env: Env) -> Check:
    c = Check()
    _refresh_on_full_disk(env, c, str(env.services_feed(5)))
    (env.data / "filler").unlink()
    run = env.cli("refresh", str(env.services_feed(5, "again.json")))
    clean_exit(c, run, 0)
    c.that(not run.said("Another refresh is running"), "blocked by a lock the full disk left")
    c.that(env.count() == 5, "the refresh did not take effect")
    return c


@case(21, "H-disk", "the disk fills up during a CSV package import")
def c21(env: Env) -> Check:
    c = Check()
    pkg = env.root / "pkg.zip"
    with zipfile.ZipFile(pkg, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("services.csv", "id,name,description\n" + "".join(
            f"s{i},Service {i},Help for families and young people number {i}\n" for i in range(20000)))  # fmt: skip
    _refresh_on_full_disk(env, c, str(pkg), leave=400_000)
    return c


@case(22, "H-disk", "the disk fills up during an API refresh (loopback)")
def c22(env: Env) -> Check:
    from tests.feedserver import serve

    c = Check()
    page = {"contents": [{"id": f"a{i}", "name": f"Service {i}", "description": "Help. " * 50}
                         for i in range(3000)], "total_pages": 1, "last_page": True}  # fmt: skip
    with serve() as feed:
        feed.set("/services?page=1&per_page=200", page)
        _refresh_on_full_disk(env, c, feed.base, leave=500_000)
    return c


@case(23, "H-disk", "no inodes left: the refresh stops with a sentence")
def c23(env: Env) -> Check:
    c = Check()
    _small_disk(env, "8m", inodes=40)
    env.make_live()
    env.cli("info")
    before = digest(env.live)
    n = 0
    while True:
        try:
            (env.data / f"f{n}").touch()
        except OSError:
            break
        n += 1
    run = env.cli("refresh", str(env.services_feed(3)))
    clean_exit(c, run, 1)
    c.that(digest(env.live) == before, "live changed")
    c.that(not [x for x in env.leftovers()], f"left behind: {env.leftovers()}")
    return c


@case(24, "H-disk", "on a full disk info and search still work")
def c24(env: Env) -> Check:
    c = Check()
    _small_disk(env)
    env.make_live()
    env.cli("info")
    _full(env)
    clean_exit(c, env.cli("info"), 0)
    search = env.cli("search", "speech")
    clean_exit(c, search, 0)
    c.that("found" in search.out, "search printed no results line")
    return c


@case(25, "H-disk", "on a full disk the window still starts (--smoke)")
def c25(env: Env) -> Check:
    c = Check()
    _small_disk(env)
    env.make_live()
    env.cli("info")
    _full(env)
    run = env.cli("--smoke")
    clean_exit(c, run, 0)
    c.that("smoke test passed" in run.out, "smoke test did not pass")
    return c


@case(26, "F17", "a log file that cannot be written (it is /dev/full) says so once")
def c26(env: Env) -> Check:
    c = Check()
    env.make_live()
    (env.data / "logs").mkdir()
    (env.data / "logs" / "send-desk.log").symlink_to("/dev/full")
    run = env.cli("refresh", str(env.services_feed(4)))
    clean_exit(c, run, 0)
    c.that(run.err.count("cannot write its log file") <= 1, "the log failure is repeated")
    c.that(env.count() == 4, "the refresh did not take effect")
    return c


@case(27, "H-disk", "restore-previous on a full disk")
def c27(env: Env) -> Check:
    c = Check()
    _small_disk(env)
    env.make_live(refreshed=True, services=20)
    bak = env.data / "send-desk.sqlite.bak"
    bak.write_bytes(env.bundled.read_bytes())
    a, b = digest(bak), digest(env.live)
    env.cli("info")
    _full(env)
    run = env.cli("restore-previous")
    clean_exit(c, run, (0, 1))
    c.that(run.rc == 0 or "to refresh" not in run.last, "a restore is called a refresh")
    c.that({digest(env.live), digest(bak)} == {a, b}, "a copy was lost")
    _no_leftovers(env, c)
    return c


@case(28, "H-disk", "build-db onto a full disk")
def c28(env: Env) -> Check:
    c = Check()
    out = env.tmpfs(env.root / "out", "128k")
    run = env.cli("build-db", str(out / "x.sqlite"))
    clean_exit(c, run, 1)
    c.that(run.said("build-db failed"), "no sentence")
    return c


@case(29, "H-disk", "an upgrade that needs room on a full disk opens the data as it is")
def c29(env: Env) -> Check:
    import sqlite3

    c = Check()
    _small_disk(env)
    env.make_live(refreshed=True, services=30)
    conn = sqlite3.connect(env.live)
    with conn:
        conn.execute("UPDATE meta SET value = 'older' WHERE key = 'sources_sha256'")
    conn.close()
    (env.data / "logs").mkdir()
    _full(env)
    run = env.cli("info")
    clean_exit(c, run, 0)
    c.that("services           30" in run.out, "the user's services are not shown")
    return c


@case(30, "H-disk", "a failed refresh on a full disk leaves only the live file and the logs")
def c30(env: Env) -> Check:
    c = Check()
    _refresh_on_full_disk(env, c, str(env.services_feed(5)))
    rest = [n for n in env.names() if n not in ("send-desk.sqlite", "logs", "filler")]
    c.that(not rest, f"other files left: {rest}")
    c.see(json.dumps(env.names()))
    return c

