"""Cases 237–251: the sanitiser's cost (F9), concurrency during a swap, and contact data that
could spoof or hijack (F7, F4, and the link checks that held)."""

from __future__ import annotations

import json
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor

from tests.tools.rerun.core import Check, case
from tests.tools.rerun.env import PYTHON, SEND_DESK, Env, clean_exit, digest

SQL_WEB = "SELECT url FROM services UNION ALL SELECT url FROM links"


def _import(env: Env, c: Check, records: list[dict], expect: int | None = None) -> None:
    env.make_live()
    good = [{"id": "g1", "name": "Good club"}]
    feed = env.json_feed("feed.json", good + records)
    run = env.cli("refresh", str(feed), timeout=300)
    clean_exit(c, run, 0)
    if expect is not None:
        c.that(env.count() == expect, f"{env.count()} services, expected {expect}")


def _rows(env: Env, sql: str) -> list[tuple]:
    conn = sqlite3.connect(f"file:{env.live}?mode=ro", uri=True)
    try:
        return [tuple(r) for r in conn.execute(sql)]
    finally:
        conn.close()


def _words(env: Env, sql: str) -> str:
    return " ".join(str(v) for row in _rows(env, sql) for v in row)


@case(237, "F9", "40,000 nested <div> and a 1.1 MB description import in seconds", slow=True)
def c237(env: Env) -> Check:
    c = Check()
    deep = "<div>" * 40_000 + "Deep text" + "</div>" * 40_000
    big = "<div>" * 100_000 + "Big text " * 10 + "</div>" * 100_000
    env.make_live()
    feed = env.json_feed("html.json", [{"id": "d", "name": "Deep", "description": deep},
                                       {"id": "b", "name": "Big", "description": big}])  # fmt: skip
    run = env.cli("refresh", str(feed), timeout=600)
    clean_exit(c, run, 0)
    c.that(run.seconds < 10, f"took {run.seconds:.1f} s (review: 3.2 s and 28.5 s)")
    text = _words(env, "SELECT description FROM services")
    c.that("Deep text" in text and "<div" not in text, "the text was not kept or tags remain")
    return c


@case(238, "H-conc", "two refreshes started together: one runs, the other is refused")
def c238(env: Env) -> Check:
    c = Check()
    env.make_live()
    feeds = [env.services_feed(3000, f"f{n}.json", f"n{n}-") for n in range(2)]
    procs = [env.spawn([str(SEND_DESK), "refresh", str(f)]) for f in feeds]
    outs = [p.communicate(timeout=120) for p in procs]
    codes = sorted(p.returncode for p in procs)
    c.see(f"exit codes {codes}")
    c.that(codes in ([0, 0], [0, 1]), f"exit codes {codes}")
    c.that(all("Traceback" not in o + e for o, e in outs), "a traceback")
    refused = [e for (o, e), p in zip(outs, procs, strict=True) if p.returncode == 1]
    c.that(all("Another refresh is running" in e for e in refused), "the refused one did not say why")
    c.that(env.count() == 3000 and not env.leftovers(), "not one complete result")
    return c


READER = """
import sqlite3, sys, time
conn = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
seen, errors, end = set(), 0, time.monotonic() + float(sys.argv[2])
while time.monotonic() < end:
    try:
        seen.add(conn.execute("SELECT count(*) FROM services").fetchone()[0])
    except sqlite3.Error as exc:
        errors += 1
    time.sleep(0.02)
print(sorted(seen), errors)
"""


@case(239, "H-conc", "138 searches and a long-lived connection while refreshes swap the file", slow=True)
def c239(env: Env) -> Check:
    c = Check()
    env.make_live(refreshed=True, services=30)
    reader = env.spawn([str(PYTHON), "-c", READER, str(env.live), "25"])
    results: list[tuple[int, str, str]] = []
    lock = threading.Lock()

    def one_search(n: int) -> None:
        run = env.cli("search", "--json")
        with lock:
            results.append((run.rc, run.out, run.err))

    def refreshes() -> None:
        for n in range(4):
            env.cli("refresh", str(env.services_feed(40 + n, f"r{n}.json", f"r{n}-")), "--force")

    with ThreadPoolExecutor(max_workers=4) as pool:
        work = [pool.submit(refreshes)] + [pool.submit(one_search, n) for n in range(138)]
        for future in work:
            future.result()
    out, _ = reader.communicate(timeout=60)
    totals = {json.loads(o)["total"] for rc, o, _e in results if rc == 0}
    failed = [e[-200:] for rc, _o, e in results if rc != 0]
    c.see(f"{len(results)} searches saw totals {sorted(totals)}; the long-lived connection saw {out.strip()}")
    c.that(not failed, f"searches failed: {failed[:2]}")
    c.that(totals <= {30, 40, 41, 42, 43}, "a search saw something that is neither old nor new")
    seen, errors = out.strip().rsplit(" ", 1)
    c.that(errors == "0" and set(json.loads(seen)) <= {30, 40, 41, 42, 43}, "the reader saw errors or a mix")
    return c


@case(240, "H-links", "premium-rate and fax numbers in a feed are shown but never get tel:")
def c240(env: Env) -> Check:
    c = Check()
    _import(env, c, [{"id": "p", "name": "Premium", "phones": [
        {"number": "0909 879 0000"}, {"number": "0121 496 0123", "type": "fax"}]}])  # fmt: skip
    rows = _rows(env, "SELECT number, tel FROM phones")
    c.see(f"phones {rows}")
    c.that(rows and all(not tel for _number, tel in rows), f"callable: {rows}")
    return c


@case(241, "F7", "https://good.example.org@evil.example and user:pass@ websites are refused")
def c241(env: Env) -> Check:
    from desktop.data.urls import judge

    c = Check()
    bad = ["https://good.example.org@evil.example/login", "https://user:pass@example.org/"]
    _import(env, c, [{"id": f"u{n}", "name": f"U {n}", "url": u} for n, u in enumerate(bad)], 3)
    stored = _words(env, SQL_WEB)
    c.that("@" not in stored, f"stored: {stored}")
    c.that(not any(judge(u).allowed for u in bad), "the allow-list would open one")
    return c


@case(242, "H-links", "an e-mail field cannot carry injected headers into mailto:")
def c242(env: Env) -> Check:
    from desktop.data.urls import judge

    c = Check()
    bad = ["info@example.org\r\nBcc: victim@example.org", "info@example.org?cc=x@example.org",
           "info@example.org,other@example.org"]  # fmt: skip
    _import(env, c, [{"id": f"e{n}", "name": f"E {n}", "email": e} for n, e in enumerate(bad)])
    stored = _words(env, "SELECT email FROM services")
    c.that(not any(ch in stored for ch in "\r\n?,"), f"stored: {stored!r}")
    mails = ["mailto:info@example.org?bcc=x@example.org", "mailto:a@example.org%0ABcc:b@example.org",
             "mailto:a@example.org,b@example.org"]  # fmt: skip
    c.that(not any(judge(m).allowed for m in mails), "the allow-list would open an injected mailto:")
    return c


@case(243, "H-links", "javascript:, file:, data: and vbscript: websites are dropped; http: asks first")
def c243(env: Env) -> Check:
    from desktop.data.urls import judge

    c = Check()
    bad = ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,<b>x</b>", "vbscript:msgbox"]
    _import(env, c, [{"id": f"w{n}", "name": f"W {n}", "url": u} for n, u in enumerate(bad)])
    stored = _words(env, SQL_WEB)
    c.that(not any(s in stored for s in ("javascript", "file:", "data:", "vbscript")), f"stored: {stored}")
    verdict = judge("http://example.org/")
    c.that(verdict.allowed and verdict.insecure, "http: is not marked insecure (it must ask first)")
    return c


@case(244, "F7", "a look-alike host (Cyrillic е) is stored and shown in punycode")
def c244(env: Env) -> Check:
    from desktop.data.urls import judge

    c = Check()
    _import(env, c, [{"id": "i", "name": "IDN", "url": "https://\u0435xample.org/"}])
    stored = _words(env, SQL_WEB)
    c.that("xn--" in stored and "\u0435" not in stored, f"stored: {stored!r}")
    verdict = judge("https://\u0435xample.org/")
    c.that("xn--" in verdict.shown and bool(verdict.reason), "not shown as punycode with a caution")
    return c


@case(245, "F7", "empty, port-only, quoted and multi-line URLs are dropped everywhere")
def c245(env: Env) -> Check:
    from desktop.data.urls import judge

    c = Check()
    bad = ["https://", "https://:443/", 'https://example.org/"onmouseover="x', "https://example.org/\nx",
           "https://example.org/<script>", "https://2130706433/"]  # fmt: skip
    _import(env, c, [{"id": f"b{n}", "name": f"B {n}", "url": u} for n, u in enumerate(bad)])
    stored = [r[0] for r in _rows(env, SQL_WEB) if r[0]]
    c.that(not stored, f"stored: {stored}")
    c.that(not any(judge(u).allowed for u in bad), "the allow-list would open one")
    return c


@case(246, "F7", "a phone extension holding text is dropped; the real number keeps its tel:")
def c246(env: Env) -> Check:
    c = Check()
    ext = "0 - or for faster help call our premium line 0909 879 0000"
    _import(env, c, [{"id": "x", "name": "Ext", "phones": [{"number": "0121 496 0123", "extension": ext}]}])
    rows = _rows(env, "SELECT number, tel, extension FROM phones")
    c.see(f"phones {rows}")
    c.that(rows and rows[0][1] == "+441214960123" and "0909" not in " ".join(map(str, rows[0])),
           f"stored {rows}")  # fmt: skip
    return c


@case(247, "H-links", "every stored tel: is E.164 digits with at most ;ext=digits")
def c247(env: Env) -> Check:
    import re

    from desktop.data.urls import judge

    c = Check()
    numbers = ["0121 496 0123 ext 12", "+44 (0)20 7946 0000", "tel:01632960001;phone-context=evil",
               "07700 900123 option 2", "0121-496-0124 x33"]  # fmt: skip
    _import(env, c, [{"id": "t", "name": "Tel", "phones": [{"number": n} for n in numbers]}])
    tels = [r[0] for r in _rows(env, "SELECT tel FROM phones") if r[0]]
    c.see(f"tel: {tels}")
    c.that(tels and all(re.fullmatch(r"\+\d{6,15}", t) for t in tels), f"tels {tels}")
    c.that(not judge("tel:+441214960123;phone-context=evil").allowed, "a tel: with a parameter opens")
    return c


@case(248, "F7", "right-to-left and zero-width characters are removed from names")
def c248(env: Env) -> Check:
    c = Check()
    _import(env, c, [{"id": "r", "name": "Free service \u202egnp.exe", "organization": {"name": "Auti\u200bsm Trust"}},
                     {"id": "z", "name": "Auti\u200bsm club"}])  # fmt: skip
    text = _words(env, "SELECT name || organisation FROM services")
    c.that(not any(ch in text for ch in "\u202e\u200b\u200c\u200d\u2066\u2069"), f"stored {text!r}")
    run = env.cli("search", "autism")
    c.that("Autism club" in run.out, "'autism' does not find 'Auti\u200bsm club'")
    return c


@case(249, "F7", "escaped markup (&lt;a href=javascript:&gt;) and markup in organisation are not stored")
def c249(env: Env) -> Check:
    c = Check()
    _import(env, c, [{"id": "m", "name": "Markup", "description": '&lt;a href="javascript:alert(1)"&gt;Click&lt;/a&gt; ok',
                      "organization": {"name": "<b>Bold</b> <a href='javascript:x'>Org</a>"}}])  # fmt: skip
    run = env.cli("search", "--json", "markup")
    text = _words(env, "SELECT description || organisation FROM services") + run.out
    c.that("<a" not in text and "javascript" not in text and "&lt;" not in text, f"stored {text[:200]!r}")
    return c


@case(250, "H-links", "the window: every link in the details pane goes through the one allow-list")
def c250(env: Env) -> Check:
    c = Check()
    hostile = [{"id": f"h{n}", "name": f"Hostile {n}", "url": u, "email": "x@example.org?bcc=y@example.org",
                "phones": [{"number": "0909 879 0000"}]}
               for n, u in enumerate(["https://good.example.org@evil.example/", "javascript:alert(1)",
                                      "http://example.org/plain", "https://\u0435xample.org/"])]  # fmt: skip
    hostile.append({"id": "fine", "name": "Fine", "url": "https://example.org/ok"})  # the control
    _import(env, c, hostile)
    run, answer = env.gui("details", timeout=90)
    clean_exit(c, run, 0)
    opened = answer.get("opened", [])
    c.see(f"clicked {len(answer.get('clicked', []))} links; opened {opened}; asked {answer.get('asked')}")
    bad = [u for u in opened if not u.startswith("https://") or "@" in u or "\u0435" in u]
    c.that(answer.get("rows", 0) >= 5 and not bad, f"opened past the allow-list: {bad}")
    c.that(not [u for u in opened if u.startswith("http:")], "an http: site opened without asking")
    c.that("https://example.org/ok" in opened, "even the plain https: link did not open (vacuous)")
    return c


@case(251, "F4", "the window: a providers entry cannot put a live link in the skipped-entries box")
def c251(env: Env) -> Check:
    c = Check()
    env.make_live()
    hostile = "<a href='file:///etc/passwd'><h1>CLICK HERE</h1></a>"
    share = env.root / "org.toml"
    share.write_text(f'[[provider]]\nid = "{hostile}"\nname = "X"\nkind = "plumber"\n'
                     'email = "a@example.org"\nsource = "s"\nchecked_on = 2026-11-20\n')  # fmt: skip
    policy = env.root / "policy.ini"
    policy.write_text(f"[Policy]\nProvidersFile={share}\n")
    run, answer = env.gui("skipped", env={"SEND_DESK_POLICY": str(policy)}, timeout=60)
    clean_exit(c, run, 0)
    c.see(json.dumps(answer))
    c.that(answer.get("hostile_problems", 0) >= 1 and answer.get("labels_showing_markup", 0) >= 1,
           "the markup is not shown at all")  # fmt: skip
    plain = answer.get("plain")
    c.that(all(f == plain for f in answer.get("label_formats", [None])), "a label showing it is rich text")
    c.that(answer.get("box_format") == plain, "the box is not plain text")
    c.that(not answer.get("opened"), f"opened {answer.get('opened')}")
    c.that(digest(env.live) == digest(env.bundled), "live changed")
    return c
