"""Cases 51–72: damaged, odd and foreign databases (F12, F19); 73–90 are in ``c_damage2``."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

from tests.tools.rerun.core import Check, case
from tests.tools.rerun.env import (
    PYTHON,
    SEND_DESK,
    Env,
    clean_exit,
    digest,
    shared,
    wait_for,
    with_group,
)

WAS_DAMAGED = "Your data file was damaged"
V1_SQL = Path(__file__).parents[2] / "data" / "schema-v1.sql"


def _damaged_big(env: Env) -> Path:
    """50,000 refreshed, current services with 40 random pages overwritten (as the review)."""

    def make(path: Path) -> None:
        from tests.benchmarks.generate import build

        build(path, 50_000)
        bundle = sqlite3.connect(f"file:{env.bundled}?mode=ro", uri=True)
        current = bundle.execute("SELECT value FROM meta WHERE key='sources_sha256'").fetchone()[0]
        bundle.close()
        conn = sqlite3.connect(path)
        conn.execute("ATTACH DATABASE ? AS b", (f"file:{env.bundled}?mode=ro",))
        with conn:  # a refreshed copy keeps the bundled guidance and providers
            for table in ("guidance_sections", "providers"):
                conn.execute(f"DELETE FROM main.{table}")
                conn.execute(f"INSERT INTO main.{table} SELECT * FROM b.{table}")
            conn.execute("UPDATE meta SET value = '0' WHERE key = 'is_demo'")
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('sources_sha256', ?)", (current,))
        conn.execute("DETACH DATABASE b")
        pages, size = (conn.execute(f"PRAGMA {p}").fetchone()[0] for p in ("page_count", "page_size"))
        conn.close()
        rng = random.Random(40)
        with open(path, "r+b") as handle:
            for n in rng.sample(range(3, pages + 1), 40):
                handle.seek((n - 1) * size)
                handle.write(rng.randbytes(size))

    source = shared(env.bundled, "damaged-50k.sqlite", make)
    env.data.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, env.live)
    return env.live


def _set_aside_and_bundled(env: Env, c: Check, damaged: str) -> None:
    aside = sorted(env.data.glob("send-desk.sqlite.corrupt*"))
    c.that(aside and digest(aside[-1]) == damaged, f"the damaged file was not kept aside: {env.names()}")
    c.that(env.live.exists() and digest(env.live) == digest(env.bundled), "the bundled data is not in use")


@case(51, "F19", "a zero-length live file: the notice says empty, not 'older format'")
def c51(env: Env) -> Check:
    c = Check()
    env.data.mkdir()
    env.live.write_bytes(b"")
    run = env.cli("info")
    clean_exit(c, run, 0)
    c.that("empty (0 bytes)" in run.out and "older format" not in run.out, "the notice is not true")
    return c


def _refused_untouched(env: Env, c: Check, rc: int = 4, *args: str) -> None:
    before = {n: digest(env.data / n) for n in env.names() if (env.data / n).is_file()}
    run = env.cli(*(args or ("info",)))
    clean_exit(c, run, rc)
    after = {n: digest(env.data / n) for n in before}
    c.that(after == before and not list(env.data.glob("*.corrupt*")), "the file was changed or set aside")


@case(52, "H-damage", "a live file that is not SQLite is refused, untouched")
def c52(env: Env) -> Check:
    c = Check()
    env.data.mkdir()
    env.live.write_bytes(os.urandom(50_000))
    _refused_untouched(env, c)
    return c


@case(53, "H-damage", "SQLite's header and garbage: set aside, the bundled data used")
def c53(env: Env) -> Check:
    c = Check()
    env.data.mkdir()
    env.live.write_bytes(b"SQLite format 3\x00" + os.urandom(40_000))
    damaged = digest(env.live)
    run = env.cli("info")
    clean_exit(c, run, 0)
    c.that(WAS_DAMAGED in run.out, "no notice")
    _set_aside_and_bundled(env, c, damaged)
    return c


@case(54, "H-damage", "a live file cut in half")
def c54(env: Env) -> Check:
    c = Check()
    env.make_live(refreshed=True)
    data = env.live.read_bytes()
    env.live.write_bytes(data[: len(data) // 2])
    damaged = digest(env.live)
    for args in (["info"], ["search", "club"], ["--smoke"]):
        clean_exit(c, env.cli(*args), 0)
    _set_aside_and_bundled(env, c, damaged)
    return c


@case(55, "H-damage", "another program's SQLite database in the data folder is left alone")
def c55(env: Env) -> Check:
    c = Check()
    env.data.mkdir()
    conn = sqlite3.connect(env.live)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.execute("INSERT INTO notes VALUES ('my notes')")
    conn.commit()
    conn.close()
    _refused_untouched(env, c)
    return c


@case(56, "H-damage", "a database from a newer version: exit 3, untouched")
def c56(env: Env) -> Check:
    c = Check()
    env.make_live(refreshed=True)
    conn = sqlite3.connect(env.live)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    _refused_untouched(env, c, 3)
    return c


@case(57, "H-damage", "a version 1 database is upgraded in place, services kept")
def c57(env: Env) -> Check:
    c = Check()
    env.data.mkdir()
    conn = sqlite3.connect(env.live)
    conn.executescript(V1_SQL.read_text(encoding="utf-8"))
    conn.execute("ATTACH DATABASE ? AS b", (f"file:{env.bundled}?mode=ro",))
    with conn:
        for table in ("guidance_sections", "providers", "meta"):
            conn.execute(f"INSERT INTO {table} SELECT * FROM b.{table}")
        conn.execute("UPDATE meta SET value='0' WHERE key='is_demo'")
        conn.execute("UPDATE meta SET value='1' WHERE key='schema_version'")
        conn.execute("INSERT INTO services (rid, id, name) VALUES (1, 'v1-1', 'Riverside Autism Group')")
    conn.close()
    run = env.cli("search", "riverside")
    clean_exit(c, run, 0)
    c.that("Riverside Autism Group" in run.out, "the v1 service was lost")
    return c


@case(58, "F12", "a partly damaged 50,000-service database: the real window opens (Xvfb)", slow=True)
def c58(env: Env) -> Check:
    c = Check()
    damaged = digest(_damaged_big(env))
    log = env.data / "logs" / "send-desk.log"
    proc = env.spawn(["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", str(SEND_DESK)],
                     env={"QT_QPA_PLATFORM": None})  # fmt: skip
    shown = wait_for(lambda: log.exists() and "window shown" in log.read_text(errors="replace"), 90, 0.2)
    time.sleep(1)  # any error right after showing would be logged by now
    text = log.read_text(errors="replace") if log.exists() else ""
    alive = proc.poll() is None
    with_group(proc.pid, signal.SIGKILL)  # xvfb-run, Xvfb and the app
    c.that(shown and alive, f"the window was not shown (alive {alive}); log tail {text[-300:]!r}")
    note = env.data / "send-desk.sqlite.check"
    later = "uncaught exception" in text or "the filter counts could not be read" in text
    if later:
        # A damaged page met after the window showed (the filter counts read tables the
        # first queries do not): the status bar (or, for any other query, the hook's box)
        # says the file is damaged, and the next start sets it aside.
        c.that(note.exists() and "disk image is malformed" in text,
               "an error other than the damage itself was logged")  # fmt: skip
        c.see("window shown; damage met later: the user is told to restart, .check note left")
        run = env.cli("info")
        clean_exit(c, run, 0)
        c.that(WAS_DAMAGED in run.out, "the next start did not set the file aside")
    elif digest(env.live) == damaged and "damaged" not in text:
        # The first queries list and count without the pages that were overwritten (as
        # case 86 allows for --smoke): the window works, the file is as it was, and the
        # damage is handled when a search first meets it (the branch above).
        c.see("window shown; the first queries did not meet a damaged page; file left as it was")
        return c
    else:
        c.see("window shown over the bundled data")
    _set_aside_and_bundled(env, c, damaged)
    return c


@case(59, "H-damage", "a partly damaged 50,000-service database: info", slow=True)
def c59(env: Env) -> Check:
    c = Check()
    _damaged_big(env)
    clean_exit(c, env.cli("info"), 0)
    return c


@case(60, "H-damage", "a database with its services table dropped: set aside")
def c60(env: Env) -> Check:
    c = Check()
    env.make_live(refreshed=True)
    conn = sqlite3.connect(env.live)
    conn.execute("DROP TABLE services")
    conn.close()
    damaged = digest(env.live)
    clean_exit(c, env.cli("info"), 0)
    _set_aside_and_bundled(env, c, damaged)
    return c


@case(61, "H-damage", "a WAL-mode database with a garbage -wal and -shm beside it")
def c61(env: Env) -> Check:
    c = Check()
    env.make_live(refreshed=True, services=15)
    conn = sqlite3.connect(env.live)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()
    (env.data / "send-desk.sqlite-wal").write_bytes(os.urandom(40_000))
    (env.data / "send-desk.sqlite-shm").write_bytes(os.urandom(32_768))
    run = env.cli("info")
    clean_exit(c, run, 0)
    c.that("services           15" in run.out, "the 15 services were not read")
    return c


@case(62, "H-damage", "a hot journal from a killed writer is rolled back; nothing lost")
def c62(env: Env) -> Check:
    c = Check()
    env.make_live(refreshed=True, services=20)
    code = ("import os,signal,sqlite3,sys\nc=sqlite3.connect(sys.argv[1],isolation_level=None)\n"
            "c.execute('PRAGMA cache_size=1');c.execute('BEGIN');c.execute('DELETE FROM services')\n"
            "os.kill(os.getpid(),signal.SIGKILL)\n")  # fmt: skip
    subprocess.run([str(PYTHON), "-c", code, str(env.live)], check=False)
    c.that((env.data / "send-desk.sqlite-journal").exists(), "no hot journal")
    run = env.cli("info")
    clean_exit(c, run, 0)
    c.that("services           20" in run.out, "the 20 services were not kept")
    return c


@case(63, "H-damage", "the live file is a link to a database inside the data folder")
def c63(env: Env) -> Check:
    c = Check()
    env.make_live(refreshed=True, services=9)
    real = env.data / "real.sqlite"
    env.live.rename(real)
    env.live.symlink_to(real.name)
    run = env.cli("info")
    clean_exit(c, run, 0)
    c.that("services           9" in run.out, "the linked data is not shown")
    return c


@case(64, "H-damage", "a folder at the live path is refused and left as it is")
def c64(env: Env) -> Check:
    c = Check()
    env.live.mkdir(parents=True)
    (env.live / "mine.txt").write_text("keep")
    run = env.cli("info")
    clean_exit(c, run, 4)
    c.that((env.live / "mine.txt").read_text() == "keep" and env.live.is_dir(), "the folder changed")
    return c


@case(65, "H-damage", "a pipe at the live path is refused at once")
def c65(env: Env) -> Check:
    c = Check()
    env.data.mkdir()
    os.mkfifo(env.live)
    run = env.cli("info", timeout=20)
    clean_exit(c, run, 4)
    c.that(env.live.is_fifo(), "the pipe was replaced")
    return c


@case(66, "H-damage", "a dangling link at the live path")
def c66(env: Env) -> Check:
    c = Check()
    env.data.mkdir()
    env.live.symlink_to(env.root / "gone.sqlite")
    run = env.cli("info")
    clean_exit(c, run, (0, 4))
    c.that((env.live.is_symlink() and not (env.root / "gone.sqlite").exists()) or run.rc == 0,
           "the link was followed and a file made outside the data folder")  # fmt: skip
    c.that(not (env.root / "gone.sqlite").exists(), "a file was made outside the data folder")
    return c


@case(67, "F19", "a live link to /dev/null: a true sentence, /dev/null untouched")
def c67(env: Env) -> Check:
    c = Check()
    env.data.mkdir()
    env.live.symlink_to("/dev/null")
    run = env.cli("info")
    clean_exit(c, run, 4)
    c.that("older format" not in run.err and "a device" in run.err, "the sentence is not true")
    c.that(Path("/dev/null").is_char_device() and env.live.is_symlink(), "/dev/null or the link changed")
    return c


@case(68, "H-damage", "a second damaged file is kept as .corrupt-2, the first untouched")
def c68(env: Env) -> Check:
    c = Check()
    env.data.mkdir()
    first = env.data / "send-desk.sqlite.corrupt-1"
    first.write_bytes(b"SQLite format 3\x00" + b"first" * 1000)
    before = digest(first)
    env.live.write_bytes(b"SQLite format 3\x00" + b"second" * 1000)
    damaged = digest(env.live)
    clean_exit(c, env.cli("info"), 0)
    c.that(digest(first) == before, ".corrupt-1 was overwritten")
    second = env.data / "send-desk.sqlite.corrupt-2"
    c.that(second.exists() and digest(second) == damaged, f"not kept as .corrupt-2: {env.names()}")
    return c


@case(69, "H-damage", "restore-previous --list shows every kept copy and what it holds")
def c69(env: Env) -> Check:
    c = Check()
    env.make_live()
    shutil.copyfile(env.bundled, env.data / "send-desk.sqlite.bak")
    shutil.copyfile(env.bundled, env.data / "send-desk.sqlite.corrupt-1")
    (env.data / "send-desk.sqlite.old-1").write_bytes(b"junk")
    run = env.cli("restore-previous", "--list")
    clean_exit(c, run, 0)
    for name in (".bak", ".corrupt-1", ".old-1"):
        c.that(f"send-desk.sqlite{name}" in run.out, f"{name} not listed")
    return c


@case(70, "H-damage", "a data format number below any version (user_version -1)")
def c70(env: Env) -> Check:
    c = Check()
    env.make_live(refreshed=True)
    conn = sqlite3.connect(env.live)
    conn.execute("PRAGMA user_version = -1")
    conn.close()
    before = digest(env.live)
    run = env.cli("info")
    clean_exit(c, run, (0, 3, 4))
    kept = [p for p in env.data.iterdir() if ".old" in p.name or ".corrupt" in p.name]
    c.that(digest(env.live) == before or (kept and digest(kept[0]) == before), "changed and not kept")
    return c


@case(71, "H-damage", "a file with 'SQLite format 4' in its header is left alone")
def c71(env: Env) -> Check:
    c = Check()
    env.data.mkdir()
    env.live.write_bytes(b"SQLite format 4\x00" + b"\0" * 8000)
    _refused_untouched(env, c)
    return c


@case(72, "H-damage", "a valid database with garbage appended")
def c72(env: Env) -> Check:
    c = Check()
    env.make_live(refreshed=True, services=11)
    with open(env.live, "ab") as handle:
        handle.write(os.urandom(10_000))
    run = env.cli("info")
    clean_exit(c, run, 0)
    c.that("services           11" in run.out or WAS_DAMAGED in run.out, "neither read nor set aside")
    return c
