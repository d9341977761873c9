"""Cases 227–236: what ``--db PATH`` may touch (F1), a locked database (F2), the backup kept
through every step of the swap (F3), a FIFO as RefreshUrl (F15)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time

from tests.tools.rerun.core import Check, case
from tests.tools.rerun.env import Env, clean_exit, digest, tree


def _scratch(env: Env) -> tuple[os.PathLike, dict[str, str]]:
    s = env.root / "s"
    (s / "Documents").mkdir(parents=True)
    (s / "report.docx").write_text("essay")
    (s / "Documents" / "notes.txt").write_text("n")
    return s, tree(s)


def _untouched(env: Env, c: Check, target: str, rc: int = 4, *commands: str,
               prepare: object = None) -> None:  # fmt: skip
    s, _ = _scratch(env)
    if prepare is not None:
        prepare(s)  # type: ignore[operator]
    before = tree(s)
    env.make_live()
    for command in commands or ("info",):
        run = env.cli("--db", str(s / target), command)
        clean_exit(c, run, rc)
        c.that(bool(run.last) and "left as it is" in run.err, "no sentence saying it was left alone")
    c.that(tree(s) == before, f"the user's files changed: {sorted(tree(s))}")


@case(227, "F1", "--db names a document: refused, the document untouched")
def c227(env: Env) -> Check:
    c = Check()
    _untouched(env, c, "report.docx", 4, "info", "search", "--smoke")
    return c


@case(228, "F1", "--db names a folder: refused, the folder untouched")
def c228(env: Env) -> Check:
    c = Check()
    _untouched(env, c, "Documents", 4, "info", "search")
    return c


@case(229, "H-db", "--db names a new file: made from the bundle only in a folder that exists")
def c229(env: Env) -> Check:
    c = Check()
    s, _ = _scratch(env)
    run = env.cli("--db", str(s / "new.sqlite"), "info")
    clean_exit(c, run, 0)
    c.that((s / "new.sqlite").exists(), "not made")
    run = env.cli("--db", str(s / "typo" / "deeper" / "new.sqlite"), "info")
    clean_exit(c, run, 4)
    c.that(not (s / "typo").exists(), "a tree of folders was made")
    return c


@case(230, "F1", "--db names a device (a private copy of /dev/null)")
def c230(env: Env) -> Check:
    c = Check()
    s, _ = _scratch(env)
    device = s / "null"
    subprocess.run(["mknod", str(device), "c", "1", "3"], check=True)
    before = tree(s)
    for command in ("info", "refresh"):
        args = ["--db", str(device), command] + ([str(env.services_feed(2))] if command == "refresh" else [])
        run = env.cli(*args)
        clean_exit(c, run, (1, 4))
    c.that(tree(s) == before and device.is_char_device(), "the device was replaced or renamed")
    return c


@case(231, "F1", "--db names a FIFO: refused at once")
def c231(env: Env) -> Check:
    c = Check()
    s, _ = _scratch(env)
    os.mkfifo(s / "pipe")
    before = tree(s)
    run = env.cli("--db", str(s / "pipe"), "info", timeout=20)
    clean_exit(c, run, 4)
    c.that(run.seconds < 5 and tree(s) == before, "blocked or changed")
    return c


@case(232, "F1", "--db names another program's SQLite database")
def c232(env: Env) -> Check:
    def accounts(s: os.PathLike) -> None:
        conn = sqlite3.connect(os.path.join(s, "accounts.sqlite"))
        conn.execute("CREATE TABLE ledger (amount)")
        conn.execute("INSERT INTO ledger VALUES (12)")
        conn.commit()
        conn.close()

    c = Check()
    _untouched(env, c, "accounts.sqlite", 4, "info", "refresh", prepare=accounts)
    return c


@case(233, "F1", "--db names a link to a system file (a root-owned stand-in)")
def c233(env: Env) -> Check:
    c = Check()
    s, _ = _scratch(env)
    system = env.root / "etc"
    system.mkdir()
    (system / "hosts").write_text("127.0.0.1 localhost\n")
    (system / "hosts").chmod(0o644)
    (s / "link.sqlite").symlink_to(system / "hosts")
    before = (tree(s), tree(system))
    run = env.cli("--db", str(s / "link.sqlite"), "info")
    clean_exit(c, run, 4)
    c.that((tree(s), tree(system)) == before, "the link or the system file changed")
    return c


@case(234, "F2", "a healthy database another process holds locked is in use, never damaged")
def c234(env: Env) -> Check:
    c = Check()
    env.make_live(refreshed=True, services=50)
    before = digest(env.live)
    holder = env.hold_exclusive(env.live)
    try:
        run = env.cli("info")
    finally:
        holder.communicate("", timeout=10)
    clean_exit(c, run, 5)
    c.that(run.said("is in use by another program"), "not called in use")
    c.that(digest(env.live) == before and not list(env.data.glob("*.corrupt*")), "replaced or set aside")
    after = env.cli("info")
    c.that("services           50" in after.out, "the 50 services are not there once released")
    return c


@case(235, "F3", "kill -9 at each of the swap's 8 steps: the older backup is never lost")
def c235(env: Env) -> Check:
    from tests.tools.rerun.c_kill import _setup_b_and_a

    c = Check()
    bad: list[str] = []
    points = 0
    for when in ("before", "after"):
        for n in range(1, 5):
            env.cleanup_data()
            b, a = _setup_b_and_a(env)
            run = env.py("-m", "tests.tools.rerun.killer", "refresh", str(env.services_feed(40)),
                         env={"KILL_IN": "desktop.data.feeds.kept.swap_in", "KILL_AT": str(n),
                              "KILL_WHEN": when})  # fmt: skip
            if run.rc not in (-signal.SIGKILL, 137):
                bad.append(f"{when} {n}: not killed (rc {run.rc})")
                continue
            points += 1
            bak = env.data / "send-desk.sqlite.bak"
            live_b = digest(env.live) == b
            if live_b and digest(bak) != a:
                bad.append(f"{when} {n}: live unchanged but .bak lost A")
            env.cli("info")
            state = (digest(env.live), digest(bak))
            if state != (b, a) and not (env.count() == 40 and state[1] == b):
                bad.append(f"{when} {n}: after the next start live/bak are neither (B, A) nor (new, B)")
    c.that(points == 8, f"only {points} kill points reached")
    c.that(not bad, "; ".join(bad))
    c.see(f"{points} kill points: .bak is A until the new file is in place, then B")
    return c


@case(236, "F15", "RefreshUrl names a FIFO: refused at once")
def c236(env: Env) -> Check:
    c = Check()
    env.make_live()
    fifo = env.root / "feed.json"
    os.mkfifo(fifo)
    policy = env.root / "policy.ini"
    policy.write_text(f"[Policy]\nRefreshUrl={fifo}\n")
    start = time.monotonic()
    run = env.cli("refresh", env={"SEND_DESK_POLICY": str(policy)}, timeout=30)
    clean_exit(c, run, 1)
    c.that(time.monotonic() - start < 10 and run.said("not an ordinary file"), "hung or no sentence")
    return c
