"""Cases 73–90: locked, upgraded, read-only-mounted and meta-only databases (F11, F12)."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess

from desktop.data.schema import SCHEMA_VERSION
from tests.tools.rerun.c_damage import (
    WAS_DAMAGED,
    _damaged_big,
    _refused_untouched,
    _set_aside_and_bundled,
)
from tests.tools.rerun.core import Check, case
from tests.tools.rerun.env import PYTHON, Env, clean_exit, digest


def _holding(env: Env, sql: str, seconds: float) -> subprocess.Popen:
    code = ("import sqlite3,sys,time\nc=sqlite3.connect(sys.argv[1],isolation_level=None)\n"
            f"c.execute('BEGIN {sql}')\nprint('locked',flush=True)\ntime.sleep({seconds})\n")
    proc = subprocess.Popen([str(PYTHON), "-c", code, str(env.live)], stdout=subprocess.PIPE, text=True)
    env.procs.append(proc)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    return proc


@case(73, "H-damage", "another program holds a write transaction open (RESERVED): info reads")
def c73(env: Env) -> Check:
    c = Check()
    env.make_live(refreshed=True, services=8)
    _holding(env, "IMMEDIATE", 10)
    run = env.cli("info")
    clean_exit(c, run, 0)
    c.that("services           8" in run.out, "not read")
    return c


@case(74, "H-damage", "an exclusive lock held for one second: info waits and reads")
def c74(env: Env) -> Check:
    c = Check()
    env.make_live(refreshed=True, services=8)
    _holding(env, "EXCLUSIVE", 1)
    run = env.cli("info")
    clean_exit(c, run, 0)
    c.that("services           8" in run.out, "not read")
    c.that(not list(env.data.glob("*.corrupt*")), "set aside")
    return c


@case(75, "H-damage", "a damaged bundled database: one sentence, no loop")
def c75(env: Env) -> Check:
    c = Check()
    bad = env.root / "bundle.sqlite"
    bad.write_bytes(b"SQLite format 3\x00" + os.urandom(20_000))
    run = env.cli("info", env={"SEND_DESK_BUNDLED_DB": str(bad)}, timeout=30)
    clean_exit(c, run, (1, 4))
    c.that(len(list(env.data.glob("*.corrupt*"))) <= 1, f"set aside again and again: {env.names()}")
    return c


@case(76, "H-damage", "the bundled database is missing")
def c76(env: Env) -> Check:
    c = Check()
    run = env.cli("info", env={"SEND_DESK_BUNDLED_DB": str(env.root / "missing.sqlite")})
    clean_exit(c, run, (1, 4))
    c.that(bool(run.last), "no sentence")
    return c


@case(77, "H-damage", "invalid UTF-8 stored in a service's name")
def c77(env: Env) -> Check:
    c = Check()
    env.make_live(refreshed=True, services=5)
    conn = sqlite3.connect(env.live)
    with conn:
        conn.execute("UPDATE services SET name = CAST(x'4175746973ff6d20c3' AS TEXT) WHERE rid = 1")
    conn.close()
    for args in (["search"], ["search", "--json"], ["--smoke"]):
        clean_exit(c, env.cli(*args), 0)
    return c


def _older_bundle(env: Env, demo: bool) -> None:
    env.make_live(refreshed=not demo, services=None if demo else 25)
    conn = sqlite3.connect(env.live)
    with conn:
        conn.execute("UPDATE meta SET value = 'older' WHERE key = 'sources_sha256'")
        conn.execute("UPDATE guidance_sections SET title = 'Old title'")
    conn.close()


@case(78, "H-damage", "an upgrade replaces a demo copy quietly and leaves .bak alone")
def c78(env: Env) -> Check:
    c = Check()
    _older_bundle(env, demo=True)
    bak = env.data / "send-desk.sqlite.bak"
    bak.write_bytes(env.bundled.read_bytes())
    before = digest(bak)
    clean_exit(c, env.cli("info"), 0)
    c.that(digest(env.live) == digest(env.bundled) and digest(bak) == before, "live or .bak wrong")
    return c


@case(79, "H-damage", "an upgrade gives a refreshed copy the new guidance, services kept")
def c79(env: Env) -> Check:
    c = Check()
    _older_bundle(env, demo=False)
    run = env.cli("info")
    clean_exit(c, run, 0)
    c.that("services           25" in run.out and "Guidance and providers were updated" in run.out,
           "services lost or no notice")  # fmt: skip
    conn = sqlite3.connect(env.live)
    old = conn.execute("SELECT count(*) FROM guidance_sections WHERE title = 'Old title'").fetchone()[0]
    conn.close()
    c.that(old == 0, "the guidance was not updated")
    return c


@case(80, "H-damage", "a sound file with a leftover check note is kept and the note removed")
def c80(env: Env) -> Check:
    c = Check()
    env.make_live(refreshed=True, services=6)
    note = env.data / "send-desk.sqlite.check"
    note.touch()
    before = digest(env.live)
    run = env.cli("info")
    clean_exit(c, run, 0)
    c.that(digest(env.live) == before and not note.exists(), f"changed or note kept: {env.names()}")
    return c


@case(81, "H-damage", "a database of ours whose meta table was dropped is left alone")
def c81(env: Env) -> Check:
    c = Check()
    env.make_live(refreshed=True)
    conn = sqlite3.connect(env.live)
    conn.execute("DROP TABLE meta")
    conn.close()
    _refused_untouched(env, c)
    return c


def _pending_ro_mount(env: Env) -> str:
    from tests.tools.rerun.c_readonly import _upgrade_pending

    before = _upgrade_pending(env, 0o644)
    (env.data / "logs").mkdir(exist_ok=True)
    env.read_only(env.data)
    return before


@case(82, "F11", "after an upgrade a refreshed copy on a read-only mount opens: info")
def c82(env: Env) -> Check:
    c = Check()
    before = _pending_ro_mount(env)
    run = env.cli("info")
    clean_exit(c, run, 0)
    c.that("services           30" in run.out and "read-only" in run.out, "not shown read-only")
    c.that(digest(env.live) == before, "changed")
    return c


@case(83, "F11", "after an upgrade a refreshed copy on a read-only mount opens: search, --smoke")
def c83(env: Env) -> Check:
    c = Check()
    _pending_ro_mount(env)
    run = env.cli("search")
    clean_exit(c, run, 0)
    c.that("30 services found" in run.out, "not shown")
    smoke = env.cli("--smoke")
    clean_exit(c, smoke, 0)
    c.that("30 services" in smoke.out, "the window does not show them")
    return c


def _meta_only(env: Env) -> str:
    env.data.mkdir()
    conn = sqlite3.connect(env.live)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")  # the current format, as in the review
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    conn.execute("ATTACH DATABASE ? AS b", (f"file:{env.bundled}?mode=ro",))
    with conn:
        conn.execute("INSERT INTO main.meta SELECT * FROM b.meta")
        conn.execute("UPDATE main.meta SET value='0' WHERE key='is_demo'")
        conn.execute("UPDATE main.meta SET value='older' WHERE key='sources_sha256'")
    conn.close()
    return digest(env.live)


@case(84, "F11", "a database with only a meta table: info")
def c84(env: Env) -> Check:
    c = Check()
    damaged = _meta_only(env)
    clean_exit(c, env.cli("info"), 0)
    _set_aside_and_bundled(env, c, damaged)
    return c


@case(85, "F11", "a database with only a meta table: the window (--smoke)")
def c85(env: Env) -> Check:
    c = Check()
    damaged = _meta_only(env)
    run = env.cli("--smoke")
    clean_exit(c, run, 0)
    c.that("smoke test passed" in run.out, "smoke failed")
    _set_aside_and_bundled(env, c, damaged)
    return c


@case(86, "F12", "a partly damaged 50,000-service database: --smoke never hangs", slow=True)
def c86(env: Env) -> Check:
    c = Check()
    damaged = digest(_damaged_big(env))
    run = env.cli("--smoke", timeout=120)
    clean_exit(c, run, (0, 1))
    if run.said("damaged") or list(env.data.glob("*.corrupt*")):
        _set_aside_and_bundled(env, c, damaged)  # the damage was met: handled as damage
    else:  # the start's queries missed the damaged pages: the file must be as it was
        c.that(digest(env.live) == damaged and "smoke test passed" in run.out, "changed or failed")
        c.see("the first queries did not meet a damaged page; file left as it was")
    return c


@case(87, "F12", "a partly damaged 50,000-service database: search --limit 50000", slow=True)
def c87(env: Env) -> Check:
    c = Check()
    damaged = digest(_damaged_big(env))
    run = env.cli("search", "--limit", "50000", timeout=120)
    clean_exit(c, run, 0)
    c.that(run.said(WAS_DAMAGED), "no notice")
    _set_aside_and_bundled(env, c, damaged)
    return c


@case(88, "H-damage", "a copy left in WAL mode: info, refresh, info")
def c88(env: Env) -> Check:
    c = Check()
    env.make_live(refreshed=True, services=5)
    conn = sqlite3.connect(env.live)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()
    clean_exit(c, env.cli("info"), 0)
    clean_exit(c, env.cli("refresh", str(env.services_feed(12))), 0)
    run = env.cli("info")
    clean_exit(c, run, 0)
    c.that(re.search(r"services\s+12", run.out), "the refresh did not take effect")
    return c


@case(89, "H-damage", "restore-previous with nothing to restore")
def c89(env: Env) -> Check:
    c = Check()
    env.make_live()
    before = digest(env.live)
    run = env.cli("restore-previous")
    clean_exit(c, run, 1)
    c.that(digest(env.live) == before and bool(run.last), "no sentence or live changed")
    return c


@case(90, "H-damage", "restore-previous onto another program's database kept as .bak")
def c90(env: Env) -> Check:
    c = Check()
    env.make_live(refreshed=True)
    bak = env.data / "send-desk.sqlite.bak"
    conn = sqlite3.connect(bak)
    conn.execute("CREATE TABLE notes (x)")
    conn.close()
    before = (digest(env.live), digest(bak))
    run = env.cli("restore-previous")
    clean_exit(c, run, 1)
    c.that((digest(env.live), digest(bak)) == before, "a file changed")
    return c
