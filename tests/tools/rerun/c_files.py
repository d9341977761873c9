"""Cases 195–220 and 223–226: providers files (F15, F16), policy files (F5, F15), restoring
bad copies (F19), Ctrl+C (F13)."""

from __future__ import annotations

import os
import shutil
import signal
import threading
from pathlib import Path

from desktop.config import REFRESH_MANAGED
from tests.tools.rerun.core import Check, case
from tests.tools.rerun.env import SEND_DESK, Env, Run, clean_exit, digest, wait_for

ENTRY = ('[[provider]]\nid = "{id}"\nname = "{name}"\nkind = "other"\nphones = ["0121 496 0{n:03d}"]\n'
         'source = "test"\nchecked_on = 2026-11-20\n')  # fmt: skip
MANAGED = REFRESH_MANAGED  # the one sentence the CLI and the menus use


def _providers(env: Env, text: str | bytes, name: str = "org.toml") -> Path:
    path = env.root / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def _policy(env: Env, body: str | bytes, name: str = "policy.ini") -> Path:
    path = env.root / name
    path.write_bytes(body.encode() if isinstance(body, str) else body)
    return path


def _with_policy(env: Env, c: Check, args: list[str], policy: Path | str, rc: int | tuple[int, ...],
                 timeout: float = 60) -> Run:  # fmt: skip
    if not env.live.exists():
        env.make_live()
    run = env.cli(*args, env={"SEND_DESK_POLICY": str(policy)}, timeout=timeout)
    clean_exit(c, run, rc)
    return run


def _smoke_with(env: Env, c: Check, providers: Path | str, timeout: float = 60) -> Run:
    policy = _policy(env, f"[Policy]\nProvidersFile={providers}\n")
    run = _with_policy(env, c, ["--smoke"], policy, 0, timeout)
    c.that("smoke test passed" in run.out, "the window did not start")
    c.that(run.seconds < 15, f"start took {run.seconds:.1f} s")
    return run


def _log(env: Env) -> str:
    log = env.data / "logs" / "send-desk.log"
    return log.read_text(errors="replace") if log.exists() else ""


@case(195, "F15", "ProvidersFile=/dev/zero: the start neither hangs nor grows")
def c195(env: Env) -> Check:
    c = Check()
    run = _smoke_with(env, c, "/dev/zero")
    c.that(run.rss_mb is not None and run.rss_mb < 400, f"peak {run.rss_mb} MB")
    return c


@case(196, "H-prov", "ProvidersFile names a missing file")
def c196(env: Env) -> Check:
    c = Check()
    _smoke_with(env, c, env.root / "missing.toml")
    return c


@case(197, "H-prov", "a providers file with one bad entry: the others load, the reason logged")
def c197(env: Env) -> Check:
    c = Check()
    text = ENTRY.format(id="good", name="Good one", n=1) + "\n" + ENTRY.format(
        id="bad", name="Bad", n=2).replace('kind = "other"', 'kind = "plumber"')  # fmt: skip
    _smoke_with(env, c, _providers(env, text))
    c.that("plumber" in _log(env) or "kind" in _log(env), "the skipped entry is not reported")
    return c


@case(198, "F15", "ProvidersFile=/dev/urandom")
def c198(env: Env) -> Check:
    c = Check()
    _smoke_with(env, c, "/dev/urandom")
    return c


@case(199, "F15", "ProvidersFile names a FIFO nobody writes to")
def c199(env: Env) -> Check:
    c = Check()
    fifo = env.root / "providers.toml"
    os.mkfifo(fifo)
    _smoke_with(env, c, fifo)
    return c


@case(200, "H-prov", "a providers file over the size limit (3 MB)")
def c200(env: Env) -> Check:
    c = Check()
    _smoke_with(env, c, _providers(env, "# " + "x" * 3_000_000 + "\n"))
    return c


@case(201, "H-prov", "a providers file that is not UTF-8")
def c201(env: Env) -> Check:
    c = Check()
    _smoke_with(env, c, _providers(env, ENTRY.format(id="c", name="Café", n=3).encode("cp1252")))
    return c


def _nested(kind: str) -> str:
    if kind == "array":
        return 'x = ' + "[" * 3000 + "]" * 3000 + "\n" + ENTRY.format(id="a", name="A", n=4)
    return 'x = ' + "{a = " * 3000 + "1" + "}" * 3000 + "\n" + ENTRY.format(id="a", name="A", n=4)


@case(202, "F15", "a providers file holding a 3,000-deep array")
def c202(env: Env) -> Check:
    c = Check()
    _smoke_with(env, c, _providers(env, _nested("array")))
    return c


@case(203, "F15", "a providers file holding a 3,000-deep inline table")
def c203(env: Env) -> Check:
    c = Check()
    _smoke_with(env, c, _providers(env, _nested("table")))
    return c


@case(204, "F15", "a nested file is never cached: the start still works once the share is gone")
def c204(env: Env) -> Check:
    c = Check()
    path = _providers(env, _nested("array"))
    _smoke_with(env, c, path)
    copy = env.data / "providers" / "organisation-copy.toml"
    c.that(not copy.exists(), "the unparsable file was kept as the organisation copy")
    path.unlink()  # the share is offline
    _smoke_with(env, c, path)
    return c


@case(205, "F16", "a 2 MB providers file with 110,000 phones: only the first start pays", slow=True)
def c205(env: Env) -> Check:
    from tests.benchmarks.bench_providers_start import providers_file

    c = Check()
    path = env.root / "big.toml"
    providers_file(path)
    baseline = _with_policy(env, c, ["--smoke"], _policy(env, "[Policy]\n", "none.ini"), 0).seconds
    policy = _policy(env, f"[Policy]\nProvidersFile={path}\n")
    first = _with_policy(env, c, ["--smoke"], policy, 0, 120).seconds
    second = _with_policy(env, c, ["--smoke"], policy, 0, 120).seconds
    c.see(f"{path.stat().st_size / 1e6:.1f} MB: no list {baseline:.2f} s, first {first:.2f} s, "
          f"then {second:.2f} s (review: +6 s every start)")  # fmt: skip
    c.that(second - baseline < 1.5, "every start still pays for the list")
    return c


@case(206, "H-prov", "ProvidersFile names a folder")
def c206(env: Env) -> Check:
    c = Check()
    _smoke_with(env, c, env.root)
    return c


@case(207, "H-prov", "a providers entry with a javascript: website")
def c207(env: Env) -> Check:
    c = Check()
    text = ENTRY.format(id="js", name="JS", n=5) + 'website = "javascript:alert(1)"\n'
    _smoke_with(env, c, _providers(env, text))
    return c


@case(208, "H-prov", "a providers entry with a premium-rate number gets no tel: link")
def c208(env: Env) -> Check:
    from desktop.data.phones import parse_phones

    c = Check()
    text = ENTRY.format(id="prem", name="Premium", n=6).replace("0121 496 0006", "0909 879 0000")
    _smoke_with(env, c, _providers(env, text))
    phones = parse_phones("0909 879 0000")
    c.that(phones and not any(getattr(p, "tel", "") for p in phones), f"premium callable: {phones}")
    return c


@case(209, "H-prov", "two entries with the same id in one file: the first kept, the second reported")
def c209(env: Env) -> Check:
    c = Check()
    text = ENTRY.format(id="same", name="First", n=7) + "\n" + ENTRY.format(id="same", name="Second", n=8)
    _smoke_with(env, c, _providers(env, text))
    return c


@case(210, "H-prov", "a provider name with right-to-left and zero-width characters")
def c210(env: Env) -> Check:
    from desktop.data.providers import parse_providers

    c = Check()
    text = ENTRY.format(id="bidi", name="Free \u202egnp.exe Auti\u200bsm", n=9)
    _smoke_with(env, c, _providers(env, text))
    names = [p.name for p in parse_providers(text, origin="test").providers]
    c.that(names and "\u202e" not in names[0] and "\u200b" not in names[0], f"names {names!r}")
    return c


def _refresh_refused(env: Env, policy: Path | str, *, timeout: float = 30) -> Check:
    c = Check()
    env.make_live()
    before = digest(env.live)
    run = _with_policy(env, c, ["refresh", str(env.services_feed(3))], policy, 1, timeout)
    c.that(run.said(MANAGED), "the refresh was not refused as managed")
    c.that(digest(env.live) == before, "live changed")
    c.that(run.seconds < 10, f"took {run.seconds:.1f} s")
    return c


@case(211, "F5", "a duplicated key keeps RefreshDisabled=1 in force")
def c211(env: Env) -> Check:
    return _refresh_refused(env, _policy(env, "[Policy]\nRefreshDisabled=1\nRefreshDisabled=1\n"))


@case(212, "F5", "a line before the first [section] keeps RefreshDisabled=1 in force")
def c212(env: Env) -> Check:
    return _refresh_refused(env, _policy(env, "Managed by IT\n[Policy]\nRefreshDisabled=1\n"))


@case(213, "F5", "one Latin-1 byte (Café saved as ANSI) keeps RefreshDisabled=1 in force")
def c213(env: Env) -> Check:
    return _refresh_refused(env, _policy(env, "[Policy]\nOrganisationName=Café\nRefreshDisabled=1\n".encode("latin-1")))


@case(214, "H-policy", "a clean RefreshDisabled=1")
def c214(env: Env) -> Check:
    return _refresh_refused(env, _policy(env, "[Policy]\nRefreshDisabled=1\n"))


@case(215, "F5", "RefreshDisabled = yes ; managed (an inline comment)")
def c215(env: Env) -> Check:
    return _refresh_refused(env, _policy(env, "[Policy]\nRefreshDisabled = yes ; managed\n"))


@case(216, "F15", "SEND_DESK_POLICY=/dev/zero: no MemoryError, refresh off")
def c216(env: Env) -> Check:
    c = _refresh_refused(env, "/dev/zero")
    return c


@case(217, "H-policy", "StaleAfterDays=abc is logged and the default used")
def c217(env: Env) -> Check:
    c = Check()
    _with_policy(env, c, ["info"], _policy(env, "[Policy]\nStaleAfterDays=abc\n"), 0)
    c.that("StaleAfterDays 'abc' is not a whole number" in _log(env), "not logged")
    return c


@case(218, "F15", "SEND_DESK_POLICY names a FIFO: no hang, refresh off")
def c218(env: Env) -> Check:
    fifo = env.root / "policy.ini"
    os.mkfifo(fifo)
    return _refresh_refused(env, fifo)


@case(219, "F19", "restore-previous with a damaged .bak names the backup as the problem")
def c219(env: Env) -> Check:
    c = Check()
    env.make_live(refreshed=True)
    (env.data / "send-desk.sqlite.bak").write_bytes(b"SQLite format 3\x00" + b"\xaa" * 5000)
    before = digest(env.live)
    run = env.cli("restore-previous")
    clean_exit(c, run, 1)
    c.that("send-desk.sqlite.bak" in run.last and "start the app once to repair" not in run.last,
           "the sentence does not name the backup")  # fmt: skip
    c.that(digest(env.live) == before, "live changed")
    return c


@case(220, "F19", "restore-previous --from a damaged kept copy names that copy")
def c220(env: Env) -> Check:
    c = Check()
    env.make_live(refreshed=True)
    (env.data / "send-desk.sqlite.corrupt-1").write_bytes(b"SQLite format 3\x00" + b"\xbb" * 5000)
    before = digest(env.live)
    run = env.cli("restore-previous", "--from", "send-desk.sqlite.corrupt-1")
    clean_exit(c, run, 1)
    c.that("corrupt-1" in run.last, "the sentence does not name the copy")
    c.that(digest(env.live) == before, "live changed")
    return c


def _ctrl_c(env: Env, when: str) -> Check:
    from tests.feedserver import serve

    c = Check()
    env.make_live()
    before = digest(env.live)
    with serve() as feed:
        asked, release = threading.Event(), threading.Event()

        def stuck() -> tuple[int, dict, bytes]:
            asked.set()
            release.wait(30)
            return 500, {}, b""

        feed.set("/services?page=1&per_page=200", stuck)
        if when == "download":
            argv, ready = [str(SEND_DESK), "refresh", feed.base], asked.is_set
        else:
            big = env.json_feed("big.json", [{"id": f"b{i}", "name": f"S {i}", "description": "x " * 300}
                                             for i in range(30_000)])  # fmt: skip
            new = env.data / "send-desk.sqlite.new"
            argv, ready = [str(SEND_DESK), "refresh", str(big)], lambda: new.exists() and new.stat().st_size > 100_000
        proc = env.spawn(argv)
        try:
            c.that(wait_for(lambda: ready() or proc.poll() is not None, 60), "never got there")
            proc.send_signal(signal.SIGINT)
            out, err = proc.communicate(timeout=60)
        finally:
            release.set()
    run = Run(argv, proc.returncode, out, err, 0)
    clean_exit(c, run, 130)
    c.that("Stopped (Ctrl+C): the refresh was cancelled" in err, "no Ctrl+C sentence")
    c.that(digest(env.live) == before and not env.leftovers(), f"live changed or {env.leftovers()}")
    return c


@case(223, "F13", "Ctrl+C while the refresh waits for the server")
def c223(env: Env) -> Check:
    return _ctrl_c(env, "download")


@case(224, "F13", "Ctrl+C while the records are imported")
def c224(env: Env) -> Check:
    return _ctrl_c(env, "import")


@case(225, "H-prov", "the share holding ProvidersFile goes offline: the kept copy is used")
def c225(env: Env) -> Check:
    c = Check()
    path = _providers(env, ENTRY.format(id="org1", name="Org one", n=10))
    _smoke_with(env, c, path)
    copy = env.data / "providers" / "organisation-copy.toml"
    c.that(copy.exists(), "no copy kept")
    shutil.move(path, env.root / "elsewhere.toml")
    _smoke_with(env, c, path)
    c.that("copy kept from the last time" in _log(env), "the tab does not say the copy is used")
    return c


@case(226, "H-policy", "SEND_DESK_POLICY names a missing file: refresh off, and said")
def c226(env: Env) -> Check:
    return _refresh_refused(env, env.root / "no-such-policy.ini")
