"""Cases 31–50: read-only data, as the unprivileged user ``nobody`` or on a read-only mount."""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import time

from tests.tools.rerun.core import Check, case
from tests.tools.rerun.env import PYTHON, Env, clean_exit, digest

ME = "nobody"


def _upgrade_pending(env: Env, mode: int = 0o444) -> str:
    """The user's refreshed copy (30 services), from an older version of the app, read-only."""
    env.make_live(refreshed=True, services=30)
    conn = sqlite3.connect(env.live)
    with conn:
        conn.execute("UPDATE meta SET value = 'older' WHERE key = 'sources_sha256'")
    conn.close()
    env.give(env.data)
    env.live.chmod(mode)
    return digest(env.live)


def _shows_30(c: Check, run_out: str) -> None:
    c.that("services           30" in run_out or "30 services" in run_out, "the 30 services are not shown")


@case(31, "F11", "after an upgrade a read-only refreshed copy opens: info")
def c31(env: Env) -> Check:
    c = Check()
    before = _upgrade_pending(env)
    run = env.cli("info", user=ME)
    clean_exit(c, run, 0)
    _shows_30(c, run.out)
    c.that("read-only" in run.out, "no read-only notice")
    c.that(digest(env.live) == before, "live changed")
    return c


@case(32, "F11", "after an upgrade a read-only refreshed copy opens: the window (--smoke)")
def c32(env: Env) -> Check:
    c = Check()
    before = _upgrade_pending(env)
    run = env.cli("--smoke", user=ME)
    clean_exit(c, run, 0)
    c.that("smoke test passed" in run.out and "30 services" in run.out, "the window did not show 30 services")
    c.that(digest(env.live) == before, "live changed")
    return c


@case(33, "F11", "after an upgrade a read-only refreshed copy opens: search")
def c33(env: Env) -> Check:
    c = Check()
    before = _upgrade_pending(env)
    run = env.cli("search", user=ME)
    clean_exit(c, run, 0)
    _shows_30(c, run.out)
    c.that(digest(env.live) == before, "live changed")
    return c


def _ro_folder(env: Env, *, live: bool = True) -> None:
    env.data.mkdir()
    if live:
        env.make_live()
    env.give(env.data)
    env.data.chmod(0o555)


@case(34, "H-ro", "a read-only data folder with no live copy: info shows the bundle read-only")
def c34(env: Env) -> Check:
    c = Check()
    _ro_folder(env, live=False)
    run = env.cli("info", user=ME)
    clean_exit(c, run, 0)
    c.that("read-only" in run.out, "no read-only notice")
    return c


@case(35, "H-ro", "a read-only data folder with no live copy: the window starts (--smoke)")
def c35(env: Env) -> Check:
    c = Check()
    _ro_folder(env, live=False)
    run = env.cli("--smoke", user=ME)
    clean_exit(c, run, 0)
    c.that("smoke test passed" in run.out, "smoke failed")
    return c


@case(36, "H-ro", "a read-only data folder: refresh is one sentence, nothing changes")
def c36(env: Env) -> Check:
    c = Check()
    _ro_folder(env)
    before = digest(env.live)
    feed = env.services_feed(4)
    feed.chmod(0o644)
    run = env.cli("refresh", str(feed), user=ME)
    clean_exit(c, run, 1)
    c.that(run.said("cannot be written"), "the sentence does not say the folder cannot be written")
    c.that(digest(env.live) == before, "live changed")
    return c


@case(37, "H-ro", "a read-only data folder: restore-previous is one sentence")
def c37(env: Env) -> Check:
    c = Check()
    env.make_live(refreshed=True, services=10)
    (env.data / "send-desk.sqlite.bak").write_bytes(env.bundled.read_bytes())
    env.give(env.data)
    env.data.chmod(0o555)
    before = digest(env.live)
    run = env.cli("restore-previous", user=ME)
    clean_exit(c, run, 1)
    c.that(digest(env.live) == before, "live changed")
    return c


@case(38, "H-ro", "a read-only live file in a writable folder: refresh keeps it read-only")
def c38(env: Env) -> Check:
    c = Check()
    env.make_live()
    env.give(env.data)
    env.live.chmod(0o444)
    feed = env.services_feed(6)
    feed.chmod(0o644)
    run = env.cli("refresh", str(feed), user=ME)
    clean_exit(c, run, 0)
    mode = env.live.stat().st_mode & 0o777
    c.that(env.count() == 6, "the refresh did not take effect")
    c.that(mode == 0o444, f"the live file is now {oct(mode)}, not 0o444")
    c.see(f"mode {oct(mode)}")
    return c


@case(39, "H-ro", "a read-only logs folder: the app runs without its log")
def c39(env: Env) -> Check:
    c = Check()
    env.make_live()
    (env.data / "logs").mkdir()
    env.give(env.data)
    (env.data / "logs").chmod(0o555)
    for args in (["info"], ["search", "speech"], ["--smoke"]):
        clean_exit(c, env.cli(*args, user=ME), 0)
    return c


def _ro_mount(env: Env, *, pending: bool = False) -> str:
    if pending:
        _upgrade_pending(env, 0o644)
    else:
        env.make_live()
    env.cli("info")
    before = digest(env.live)
    env.read_only(env.data)
    return before


@case(40, "H-ro", "a read-only mount: info")
def c40(env: Env) -> Check:
    c = Check()
    before = _ro_mount(env)
    clean_exit(c, env.cli("info"), 0)
    c.that(digest(env.live) == before, "live changed")
    return c


@case(41, "H-ro", "a read-only mount: the window starts (--smoke)")
def c41(env: Env) -> Check:
    c = Check()
    _ro_mount(env)
    run = env.cli("--smoke")
    clean_exit(c, run, 0)
    c.that("smoke test passed" in run.out, "smoke failed")
    return c


@case(42, "H-ro", "a read-only mount: refresh is one sentence")
def c42(env: Env) -> Check:
    c = Check()
    before = _ro_mount(env)
    run = env.cli("refresh", str(env.services_feed(3)))
    clean_exit(c, run, 1)
    c.that(digest(env.live) == before, "live changed")
    return c


@case(43, "H-ro", "a read-only mount: search")
def c43(env: Env) -> Check:
    c = Check()
    _ro_mount(env)
    run = env.cli("search", "speech")
    clean_exit(c, run, 0)
    c.that("found" in run.out, "no results line")
    return c


@case(44, "H-ro", "a read-only folder holding a stale .new from a killed refresh")
def c44(env: Env) -> Check:
    c = Check()
    env.make_live()
    (env.data / "send-desk.sqlite.new").write_bytes(b"SQLite format 3\x00" + b"\0" * 4000)
    env.give(env.data)
    env.data.chmod(0o555)
    clean_exit(c, env.cli("info", user=ME), 0)
    clean_exit(c, env.cli("--smoke", user=ME), 0)
    return c


@case(45, "H-ro", "a read-only folder holding a stale lock: refresh is one sentence")
def c45(env: Env) -> Check:
    c = Check()
    env.make_live()
    lock = {"pid": 999999, "host": socket.gethostname(), "started": time.time() - 30,
            "token": "1" * 32, "process_started": ""}  # fmt: skip
    (env.data / "send-desk.sqlite.lock").write_text(json.dumps(lock))
    env.give(env.data)
    env.data.chmod(0o555)
    feed = env.services_feed(3)
    run = env.cli("refresh", str(feed), user=ME)
    clean_exit(c, run, 1)
    clean_exit(c, env.cli("info", user=ME), 0)
    return c


@case(46, "H-ro", "a read-only folder: restore-previous --list")
def c46(env: Env) -> Check:
    c = Check()
    env.make_live()
    (env.data / "send-desk.sqlite.bak").write_bytes(env.bundled.read_bytes())
    env.give(env.data)
    env.data.chmod(0o555)
    run = env.cli("restore-previous", "--list", user=ME)
    clean_exit(c, run, 0)
    c.that("send-desk.sqlite.bak" in run.out, "the backup is not listed")
    return c


@case(47, "H-ro", "a data folder the user cannot enter")
def c47(env: Env) -> Check:
    c = Check()
    env.make_live()
    env.data.chmod(0o700)  # root's; nobody cannot enter it
    before = digest(env.live)
    for args in (["info"], ["--smoke"]):
        clean_exit(c, env.cli(*args, user=ME), (0, 4))
    c.that(digest(env.live) == before, "live changed")
    return c


@case(48, "H-ro", "a live file the user cannot read is refused, untouched")
def c48(env: Env) -> Check:
    c = Check()
    env.make_live()
    env.give(env.data)
    env.live.chmod(0o000)
    before = digest(env.live)
    run = env.cli("info", user=ME)
    clean_exit(c, run, 4)
    c.that(run.said("cannot be read"), "no sentence")
    c.that(digest(env.live) == before and env.names() == ["logs", "send-desk.sqlite"],
           f"files changed: {env.names()}")  # fmt: skip
    return c


@case(49, "H-ro", "a read-only folder with a hot journal left by a killed writer")
def c49(env: Env) -> Check:
    c = Check()
    env.make_live(refreshed=True, services=20)
    code = ("import os,signal,sqlite3,sys\nc=sqlite3.connect(sys.argv[1],isolation_level=None)\n"
            "c.execute('PRAGMA cache_size=1');c.execute('BEGIN')\n"
            "c.execute(\"UPDATE services SET description=hex(randomblob(3000))\")\n"
            "os.kill(os.getpid(),signal.SIGKILL)\n")  # fmt: skip
    subprocess.run([str(PYTHON), "-c", code, str(env.live)], check=False)
    journal = env.data / "send-desk.sqlite-journal"
    c.that(journal.exists(), "no hot journal was left")
    env.give(env.data)
    env.data.chmod(0o555)
    for args in (["info"], ["--smoke"]):
        run = env.cli(*args, user=ME)
        clean_exit(c, run, (0, 4, 5))
        c.that(run.rc == 0 or run.said("write access to the folder"), "the sentence does not say what to do")
        # SQLite may roll the journal back into the file (the right repair) but cannot
        # delete the journal: the journal must stay, and nothing may be set aside.
        c.that(journal.exists() and env.names() == ["send-desk.sqlite", "send-desk.sqlite-journal"],
               f"files changed: {env.names()}")  # fmt: skip
    env.data.chmod(0o755)
    run = env.cli("info")  # writable again: the journal is rolled back, nothing lost
    clean_exit(c, run, 0)
    c.that("services           20" in run.out, "the 20 services did not survive")
    return c


@case(50, "H-ro", "the data folder setting names a file")
def c50(env: Env) -> Check:
    c = Check()
    env.data.write_text("not a folder")
    run = env.cli("info")
    clean_exit(c, run, (0, 4))
    c.that(env.data.read_text() == "not a folder", "the file was changed")
    return c


