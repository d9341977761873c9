"""Cases 91–118: hostile and broken JSON feeds (F10, F13, F19 and what held)."""

from __future__ import annotations

import json
import sqlite3

from tests.tools.rerun.core import Check, case
from tests.tools.rerun.env import Env, Run, clean_exit, digest

GOOD = [{"id": "g1", "name": "Good club one"}, {"id": "g2", "name": "Good club two"}]


def _refresh(env: Env, name: str, raw: bytes | str, *args: str, **kw: object) -> tuple[Run, str]:
    env.make_live()
    before = digest(env.live)
    data = raw.encode() if isinstance(raw, str) else raw
    feed = env.json_feed(name, None, raw=data)
    return env.cli("refresh", str(feed), *args, **kw), before  # type: ignore[arg-type]


def _refused(env: Env, c: Check, name: str, raw: bytes | str) -> Run:
    run, before = _refresh(env, name, raw)
    clean_exit(c, run, 1)
    c.that(digest(env.live) == before, "live changed")
    c.that(not env.leftovers(), f"left behind: {env.leftovers()}")
    return run


def _imported(env: Env, c: Check, name: str, raw: bytes | str, services: int, *args: str) -> Run:
    run, _ = _refresh(env, name, raw, *args)
    clean_exit(c, run, 0)
    c.that(env.count() == services, f"{env.count()} services imported, expected {services}")
    return run


def _values(env: Env, sql: str) -> list[str]:
    conn = sqlite3.connect(f"file:{env.live}?mode=ro", uri=True)
    try:
        return [str(r[0]) for r in conn.execute(sql)]
    finally:
        conn.close()


def _with_good(record: str) -> str:
    return "[" + json.dumps(GOOD[0]) + "," + record + "," + json.dumps(GOOD[1]) + "]"


@case(91, "H-feed", "an empty file")
def c91(env: Env) -> Check:
    c = Check()
    _refused(env, c, "empty.json", b"")
    return c


@case(92, "F19", "a UTF-16 JSON export is read")
def c92(env: Env) -> Check:
    c = Check()
    _imported(env, c, "utf16.json", json.dumps(GOOD).encode("utf-16"), 2)
    return c


@case(93, "H-feed", "a UTF-8 JSON export with a byte-order mark")
def c93(env: Env) -> Check:
    c = Check()
    _imported(env, c, "bom.json", b"\xef\xbb\xbf" + json.dumps(GOOD).encode(), 2)
    return c


@case(94, "H-feed", "an HTML page saved instead of the export")
def c94(env: Env) -> Check:
    c = Check()
    _refused(env, c, "page.json", "<!doctype html><html><body>Sign in</body></html>")
    return c


@case(95, "H-feed", "a JSON export cut off in the middle")
def c95(env: Env) -> Check:
    c = Check()
    text = json.dumps(GOOD * 50)
    run, before = _refresh(env, "cut.json", text[: len(text) // 2])
    clean_exit(c, run, (0, 1))
    c.that(run.rc == 1 or env.count() is not None, "neither refused nor imported")
    c.that(run.rc == 0 or digest(env.live) == before, "refused but live changed")
    return c


@case(96, "H-feed", "a JSON document that is a number")
def c96(env: Env) -> Check:
    c = Check()
    _refused(env, c, "num.json", "42")
    return c


@case(97, "H-feed", "a list of strings and numbers instead of services")
def c97(env: Env) -> Check:
    c = Check()
    _refused(env, c, "strings.json", '["a", 1, null, true]')
    return c


@case(98, "H-feed", "records without an id are skipped with a reason")
def c98(env: Env) -> Check:
    c = Check()
    run = _imported(env, c, "noid.json", _with_good('{"name": "No id here"}'), 2)
    c.that(run.said("no id"), "the reason is not reported")
    return c


@case(99, "F19", "a UTF-32 JSON export is read")
def c99(env: Env) -> Check:
    c = Check()
    _imported(env, c, "utf32.json", json.dumps(GOOD).encode("utf-32"), 2)
    return c


@case(100, "F19", "a cost amount of NaN is never shown as £nan")
def c100(env: Env) -> Check:
    c = Check()
    record = '{"id": "n", "name": "Nan club", "cost_options": [{"amount": NaN, "currency": "GBP"}]}'
    _imported(env, c, "nan.json", _with_good(record), 3)
    shown = env.cli("search", "nan club").out + " ".join(_values(env, "SELECT cost_text FROM services"))
    c.that("nan" not in shown.lower().replace("nan club", ""), f"NaN shown: {shown[:200]}")
    return c


@case(101, "F19", "a name given as an object is never stored as {'x': 1}")
def c101(env: Env) -> Check:
    c = Check()
    _imported(env, c, "objname.json", _with_good('{"id": "o", "name": {"x": 1}}'), 2)
    names = _values(env, "SELECT name FROM services")
    c.that(not [n for n in names if "{" in n], f"stored: {names}")
    return c


@case(102, "H-feed", "duplicate ids are reported, the last one kept")
def c102(env: Env) -> Check:
    c = Check()
    run = _imported(env, c, "dup.json", json.dumps([*GOOD, {"id": "g1", "name": "Again"}]), 2)
    c.that(run.said("Duplicate ids (the last one kept): 1"), "not reported")
    return c


@case(103, "H-feed", "script and markup in a description are stripped")
def c103(env: Env) -> Check:
    c = Check()
    record = json.dumps({"id": "h", "name": "Markup", "description":
                         "<script>alert(1)</script><b onclick='x()'>Bold</b> <img src=x onerror=y>"})  # fmt: skip
    _imported(env, c, "html.json", _with_good(record), 3)
    text = " ".join(_values(env, "SELECT description FROM services WHERE id = 'h'"))
    c.that("<" not in text and "alert" not in text and "Bold" in text, f"stored: {text!r}")
    return c


@case(104, "F19", "a name given as a list is never stored as ['…']")
def c104(env: Env) -> Check:
    c = Check()
    _imported(env, c, "listname.json", _with_good('{"id": "l", "name": ["Beta", "club"]}'), 2)
    names = _values(env, "SELECT name FROM services")
    c.that(not [n for n in names if "[" in n], f"stored: {names}")
    return c


def _skips_one(env: Env, name: str, record: str, reason: str = "") -> Check:
    c = Check()
    run, _ = _refresh(env, name, _with_good(record))
    clean_exit(c, run, 0)
    c.that(env.count() in (2, 3), f"{env.count()} services: one bad record aborted the refresh")
    c.that(not reason or run.said(reason), f"no reason '{reason}' reported")
    skipped = [line.strip() for line in run.out.splitlines() if line.strip().startswith("skipped:")]
    c.see(skipped[0][:140] if skipped else "nothing skipped: the value was read or dropped")
    return c


@case(105, "F13", "a record holding an array nested 100,000 deep")
def c105(env: Env) -> Check:
    return _skips_one(env, "deep.json", '{"id": "d", "name": "Deep", "x": ' + "[" * 100_000 + "]" * 100_000 + "}")


@case(106, "F13", "a record holding objects nested 100,000 deep")
def c106(env: Env) -> Check:
    return _skips_one(env, "deepobj.json", '{"id": "d", "name": "Deep", "x": ' + '{"a":' * 100_000 + "1" + "}" * 100_000 + "}")


@case(107, "F13", "minimum_age: Infinity")
def c107(env: Env) -> Check:
    return _skips_one(env, "inf.json", '{"id": "i", "name": "Inf", "minimum_age": Infinity}')


@case(108, "F13", "minimum_age: 1e400")
def c108(env: Env) -> Check:
    return _skips_one(env, "e400.json", '{"id": "i", "name": "Big", "minimum_age": 1e400}')


@case(109, "F13", "maximum_age: -Infinity")
def c109(env: Env) -> Check:
    return _skips_one(env, "ninf.json", '{"id": "i", "name": "NInf", "maximum_age": -Infinity}')


@case(110, "F13", "a 5,000-digit number")
def c110(env: Env) -> Check:
    return _skips_one(env, "digits.json", '{"id": "i", "name": "Digits", "minimum_age": ' + "9" * 5000 + "}")


@case(111, "F10", "55 nameless records with 4.9 M-character names: report and output stay small", slow=True)
def c111(env: Env) -> Check:
    c = Check()
    env.make_live()
    feed = env.root / "huge-names.json"
    with open(feed, "w", encoding="utf-8") as handle:
        handle.write("[")
        for n in range(55):
            handle.write(("," if n else "") + '{"name": "' + "N" * 4_900_000 + '"}')
        handle.write("," + json.dumps(GOOD[0]) + "]")
    run = env.cli("refresh", str(feed), timeout=600)
    clean_exit(c, run, 0)
    reports = sorted((env.data / "logs").glob("refresh-*.txt"))
    size = reports[-1].stat().st_size if reports else 0
    output = len(run.out) + len(run.err)
    c.see(f"report {size / 1e6:.2f} MB, output {output / 1e3:.0f} kB (review: 270 MB each)")
    c.that(reports and size < 2_100_000, "no report or a report over 2 MB")
    c.that(output < 200_000, "the output is not small")
    return c


@case(112, "F13", "a lone surrogate in a name")
def c112(env: Env) -> Check:
    return _skips_one(env, "surr.json", '{"id": "s", "name": "Club \\ud83d here"}')


@case(113, "F13", "a lone surrogate in a description")
def c113(env: Env) -> Check:
    return _skips_one(env, "surr2.json", '{"id": "s", "name": "Club", "description": "x \\udc00 y"}')


@case(114, "H-feed", "a record over 5 million characters is skipped")
def c114(env: Env) -> Check:
    return _skips_one(env, "huge.json", '{"id": "h", "name": "Huge", "description": "' + "a" * 5_200_000 + '"}', "larger than the limit")


@case(115, "H-feed", "a feed with 60 % fewer services needs --force")
def c115(env: Env) -> Check:
    c = Check()
    env.make_live(refreshed=True, services=50)
    before = digest(env.live)
    run = env.cli("refresh", str(env.services_feed(20)))
    clean_exit(c, run, 1)
    c.that(run.said("--force") and digest(env.live) == before, "no confirmation asked, or live changed")
    return c


@case(116, "H-feed", "an export with no services at all")
def c116(env: Env) -> Check:
    c = Check()
    _refused(env, c, "none.json", "[]")
    return c


@case(117, "H-feed", "a record with every field of the wrong type")
def c117(env: Env) -> Check:
    wrong = {k: [1, {"a": None}] for k in ("description", "email", "url", "organization", "contacts",
             "phones", "locations", "cost_options", "schedules", "attributes", "eligibility",
             "service_areas", "languages", "minimum_age", "maximum_age", "status")}  # fmt: skip
    return _skips_one(env, "wrong.json", json.dumps({"id": "w", "name": "Wrong", **wrong}))


@case(118, "H-feed", "NUL and control characters in text are removed")
def c118(env: Env) -> Check:
    c = Check()
    record = json.dumps({"id": "z", "name": "Nul\u0000 club\u0007", "description": "a\u0000b\u001bc"})
    _imported(env, c, "nul.json", _with_good(record), 3)
    text = " ".join(_values(env, "SELECT name || description FROM services WHERE id = 'z'"))
    c.that(not any(ord(ch) < 32 and ch not in "\n\t" for ch in text), f"stored: {text!r}")
    return c
