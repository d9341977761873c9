"""Cases 119–149: CSV packages (zip bombs F6, traversal, odd zips, F13's zip and CSV errors, F19)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import struct
import warnings
import zipfile
from pathlib import Path

from tests.tools.rerun.core import Check, case
from tests.tools.rerun.env import Env, Run, clean_exit, digest, shared

OK = "id,name\ns1,Kept one\ns2,Kept two\n"
HSDS = Path(__file__).parents[2] / "data" / "hsds-package"


def _zip(env: Env, name: str, members: dict[str, str | bytes], method: int = zipfile.ZIP_DEFLATED) -> Path:
    path = env.root / name
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(path, "w", method) as archive:
            for member, data in members.items():
                archive.writestr(member.split("#")[0], data)
    return path


def _patch(path: Path, member: str, *, flag: int | None = None, method: int | None = None) -> None:
    """Edit a member's central directory entry, as an encrypting or exotic zipper writes it."""
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at != -1:
        length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + length].decode() == member:
            if flag is not None:
                struct.pack_into("<H", data, at + 8, flag)
            if method is not None:
                struct.pack_into("<H", data, at + 10, method)
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))


def _run(env: Env, source: Path, **kw: object) -> tuple[Run, str]:
    env.make_live()
    before = digest(env.live)
    return env.cli("refresh", str(source), **kw), before  # type: ignore[arg-type]


def _refused(env: Env, c: Check, source: Path, said: str = "", **kw: object) -> Run:
    run, before = _run(env, source, **kw)
    clean_exit(c, run, 1)
    c.that(digest(env.live) == before, "live changed")
    c.that(not said or run.said(said), f"the sentence does not say '{said}'")
    c.that(not env.leftovers(), f"left behind: {env.leftovers()}")
    return run


def _imported(env: Env, c: Check, source: Path, services: int, said: str = "") -> Run:
    run, _ = _run(env, source)
    clean_exit(c, run, 0)
    c.that(env.count() == services, f"{env.count()} services, expected {services}")
    c.that(not said or run.said(said), f"no warning '{said}'")
    return run


def _bomb(env: Env, rows: int, table: str = "services.csv") -> Path:
    name = f"bomb-{table}-{rows}.zip"

    def make(path: Path) -> None:
        line = "a,b\n" if table == "services.csv" else "p,s1,0121 496 0000\n"
        head = "id,name\n" if table == "services.csv" else "id,service_id,number\n"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            if table != "services.csv":
                archive.writestr("services.csv", OK)
            with archive.open(table, "w", force_zip64=True) as member:
                member.write(head.encode())
                block = (line * 100_000).encode()
                for _ in range(rows // 100_000):
                    member.write(block)

    return shared(env.bundled, name, make)


def _bomb_case(env: Env, rows: int, table: str = "services.csv") -> Check:
    c = Check()
    bomb = _bomb(env, rows, table)
    c.see(f"{bomb.stat().st_size // 1000} KB zip of {rows:,} rows")
    run, before = _run(env, bomb, mem_gb=4, timeout=300)
    clean_exit(c, run, (0, 1) if table != "services.csv" else 1)
    c.that(run.rss_mb is not None and run.rss_mb < 500, f"peak memory {run.rss_mb} MB")
    c.that(run.seconds < 60, f"took {run.seconds:.0f} s")
    c.that(run.rc == 0 or digest(env.live) == before, "refused but live changed")
    c.that(run.said("zip bomb") or run.said("expand"), "the sentence does not name the expansion")
    return c


@case(119, "F6", "a 28 KB zip bomb (7.3 M rows) under a 4 GB limit", slow=True)
def c119(env: Env) -> Check:
    return _bomb_case(env, 7_300_000)


@case(120, "F6", "a 284 KB zip bomb (73 M rows, 292 MB) under a 4 GB limit", slow=True)
def c120(env: Env) -> Check:
    return _bomb_case(env, 73_000_000)


@case(121, "H-zip", "a member named ../evil.csv")
def c121(env: Env) -> Check:
    c = Check()
    _refused(env, c, _zip(env, "t.zip", {"services.csv": OK, "../evil.csv": "x"}), "unsafe path")
    c.that(not (env.root.parent / "evil.csv").exists(), "the member was written outside")
    return c


@case(122, "H-zip", "a member with an absolute path")
def c122(env: Env) -> Check:
    c = Check()
    _refused(env, c, _zip(env, "a.zip", {"services.csv": OK, "/tmp/evil.csv": "x"}), "unsafe path")
    return c


@case(123, "H-zip", "a member named ..\\evil.csv (Windows separators)")
def c123(env: Env) -> Check:
    c = Check()
    _refused(env, c, _zip(env, "b.zip", {"services.csv": OK, "..\\evil.csv": "x"}), "unsafe path")
    return c


@case(124, "H-zip", "a .zip that is not a zip")
def c124(env: Env) -> Check:
    c = Check()
    path = env.root / "export.zip"
    path.write_text("id,name\ns1,Not zipped\n")
    _refused(env, c, path, "not a readable zip")
    return c


@case(125, "H-zip", "a zip cut off in the middle")
def c125(env: Env) -> Check:
    c = Check()
    full = _zip(env, "cut.zip", {"services.csv": OK * 2000}).read_bytes()
    (env.root / "cut.zip").write_bytes(full[: len(full) // 2])
    _refused(env, c, env.root / "cut.zip")
    return c


@case(126, "H-zip", "a zip with no services.csv")
def c126(env: Env) -> Check:
    c = Check()
    _refused(env, c, _zip(env, "n.zip", {"phones.csv": "id\n"}), "has no services.csv")
    return c


@case(127, "H-zip", "services.csv without a name column")
def c127(env: Env) -> Check:
    c = Check()
    _refused(env, c, _zip(env, "n.zip", {"services.csv": "id,description\ns1,x\n"}), "no 'name' column")
    return c


@case(128, "H-zip", "services.csv with a byte-order mark")
def c128(env: Env) -> Check:
    c = Check()
    _imported(env, c, _zip(env, "bom.zip", {"services.csv": b"\xef\xbb\xbf" + OK.encode()}), 2)
    return c


@case(129, "H-zip", "services.csv saved as Windows-1252 (Café)")
def c129(env: Env) -> Check:
    c = Check()
    _imported(env, c, _zip(env, "ansi.zip", {"services.csv": "id,name\ns1,Café club\n".encode("cp1252")}), 1)
    conn = sqlite3.connect(f"file:{env.live}?mode=ro", uri=True)
    names = [r[0] for r in conn.execute("SELECT name FROM services")]
    conn.close()
    c.that(names == ["Café club"], f"stored {names}")
    return c


@case(130, "H-zip", "NUL bytes inside services.csv")
def c130(env: Env) -> Check:
    c = Check()
    run, _ = _run(env, _zip(env, "nul.zip", {"services.csv": "id,name\ns1,Nul\x00 club\ns2,Two\n"}))
    clean_exit(c, run, (0, 1))
    return c


@case(131, "F13", "services.csv protected by a password")
def c131(env: Env) -> Check:
    c = Check()
    path = _zip(env, "p.zip", {"services.csv": OK})
    _patch(path, "services.csv", flag=0x1)
    _refused(env, c, path, "protected by a password")
    return c


@case(132, "F13", "a child table protected by a password is left out with a warning")
def c132(env: Env) -> Check:
    c = Check()
    path = _zip(env, "p.zip", {"services.csv": OK, "phones.csv": "id,service_id,number\n"})
    _patch(path, "phones.csv", flag=0x1)
    _imported(env, c, path, 2, "protected by a password")
    return c


@case(133, "F13", "services.csv in a compression method Python cannot read (Deflate64)")
def c133(env: Env) -> Check:
    c = Check()
    path = _zip(env, "m.zip", {"services.csv": OK})
    _patch(path, "services.csv", method=9)
    _refused(env, c, path, "compression method")
    return c


@case(134, "F13", "a child table in an unreadable compression method")
def c134(env: Env) -> Check:
    c = Check()
    path = _zip(env, "m.zip", {"services.csv": OK, "phones.csv": "id,service_id,number\n"})
    _patch(path, "phones.csv", method=9)
    run, _ = _run(env, path)
    clean_exit(c, run, (0, 1))
    c.that(run.rc == 1 or env.count() == 2, "neither a sentence nor the services")
    return c


@case(135, "F13", "a field over 131,072 characters in services.csv (and one over the 1 M cap)")
def c135(env: Env) -> Check:
    c = Check()
    text = os.urandom(700_000).hex()  # real text packs a few times, not a thousand
    rows = f"id,name,description\ns1,One,{text[:200_000]}\ns2,Two,{text[:1_100_000]}\ns3,Three,z\n"
    run = _imported(env, c, _zip(env, "f.zip", {"services.csv": rows}), 2)
    c.that(run.said("field larger than"), "the over-long row is not reported")
    return c


@case(136, "F13", "a field over 131,072 characters in a child table")
def c136(env: Env) -> Check:
    c = Check()
    phones = f"id,service_id,number\np1,s1,{'9' * 200_000}\n"
    _imported(env, c, _zip(env, "f.zip", {"services.csv": OK, "phones.csv": phones}), 2)
    return c


@case(137, "H-zip", "a zip member stored as a symbolic link to /etc/passwd")
def c137(env: Env) -> Check:
    c = Check()
    path = env.root / "link.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("services.csv", OK)
        info = zipfile.ZipInfo("phones.csv")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(info, "/etc/passwd")
    run, _ = _run(env, path)
    clean_exit(c, run, (0, 1))
    conn = sqlite3.connect(f"file:{env.live}?mode=ro", uri=True)
    dump = "\n".join(conn.iterdump())
    conn.close()
    c.that("root:x:0" not in dump, "the link was followed")
    return c


@case(138, "H-zip", "a real HSDS 3.0 package, zipped")
def c138(env: Env) -> Check:
    c = Check()
    members = {p.name: p.read_bytes() for p in HSDS.iterdir()}
    run = _imported(env, c, _zip(env, "hsds.zip", members), 2)  # type: ignore[arg-type]
    c.that("javascript" not in "\n".join(sqlite3.connect(env.live).iterdump()), "javascript: stored")
    c.see(f"{run.rc}")
    return c


@case(139, "H-zip", "a zip with 10,000 members")
def c139(env: Env) -> Check:
    c = Check()
    members: dict[str, str | bytes] = {"services.csv": OK}
    members.update({f"junk/{n}.txt": "x" for n in range(10_000)})
    run, _ = _run(env, _zip(env, "many.zip", members), timeout=120)
    clean_exit(c, run, (0, 1))
    c.that(run.seconds < 60, "slow")
    return c


@case(140, "H-zip", "a member that says it expands to 400 MB")
def c140(env: Env) -> Check:
    c = Check()
    path = _zip(env, "big.zip", {"services.csv": OK})
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        struct.pack_into("<I", data, data.find(signature) + offset, 400_000_000)
    path.write_bytes(bytes(data))
    _refused(env, c, path)
    return c


@case(141, "H-zip", "a zip that lies about its sizes stops at the declared size")
def c141(env: Env) -> Check:
    c = Check()
    path = _zip(env, "liar.zip", {"services.csv": "id,name\n" + "a,b\n" * 300_000})
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        struct.pack_into("<I", data, data.find(signature) + offset, 40)
    path.write_bytes(bytes(data))
    run = _refused(env, c, path, "damaged", mem_gb=4)
    c.that(run.rss_mb is not None and run.rss_mb < 300, f"peak {run.rss_mb} MB")
    return c


@case(142, "H-zip", "services.csv with 200,001 rows (the row cap)")
def c142(env: Env) -> Check:
    c = Check()
    rows = "id,name\n" + "".join(f"s{n},Service {n}\n" for n in range(200_001))
    _refused(env, c, _zip(env, "rows.zip", {"services.csv": rows}), "more than 200,000 rows")
    return c


@case(143, "F6", "a zip bomb in a child table (phones.csv, 7.3 M rows)", slow=True)
def c143(env: Env) -> Check:
    return _bomb_case(env, 7_300_000, "phones.csv")


@case(144, "H-zip", "line breaks and quotes inside quoted fields")
def c144(env: Env) -> Check:
    c = Check()
    rows = 'id,name,description\r\ns1,"Club, with comma","Line one\r\nLine ""two"""\r\ns2,Two,x\r\n'
    _imported(env, c, _zip(env, "q.zip", {"services.csv": rows}), 2)
    return c


@case(145, "H-zip", "a real HSDS 3.0 package as a folder")
def c145(env: Env) -> Check:
    c = Check()
    folder = env.root / "pkg"
    shutil.copytree(HSDS, folder)
    _imported(env, c, folder, 2)
    return c


@case(146, "H-zip", "a zip holding only another zip")
def c146(env: Env) -> Check:
    c = Check()
    inner = _zip(env, "inner.zip", {"services.csv": OK}).read_bytes()
    _refused(env, c, _zip(env, "outer.zip", {"export.zip": inner}), "has no services.csv")
    return c


@case(147, "H-zip", "a self-extracting zip (a program in front of the archive)")
def c147(env: Env) -> Check:
    c = Check()
    plain = _zip(env, "plain.zip", {"services.csv": OK}).read_bytes()
    (env.root / "sfx.zip").write_bytes(b"MZ" + b"\0" * 4000 + plain)
    run, _ = _run(env, env.root / "sfx.zip")
    clean_exit(c, run, (0, 1))
    return c


@case(148, "H-zip", "services.csv with a header and no rows")
def c148(env: Env) -> Check:
    c = Check()
    _refused(env, c, _zip(env, "empty.zip", {"services.csv": "id,name\n"}))
    return c


@case(149, "F19", "the unsafe-zip sentence reads as one sentence (not 'export.. Your')")
def c149(env: Env) -> Check:
    c = Check()
    run = _refused(env, c, _zip(env, "export.zip", {"services.csv": OK, "../x.csv": "x"}), "unsafe path")
    c.that(".." not in run.last.replace("../", ""), f"two full stops: {run.last}")
    return c
