"""Trim the ICU data library PySide6 ships on Linux to the English data the app can use.

    python resources/installer/trim_icu.py SRC/libicudata.so.73 OUT/libicudata.so.73
    python resources/installer/trim_icu.py --probe LIBDIR      # what ICU answers (JSON)

Qt 6 on Linux links ICU (collation, case mapping, text codecs), and PySide6's
``libicudata.so.NN`` is one 32 MB table of every locale, converter and dictionary. The app's
text is English only (Qt's own translations are dropped too), so the build keeps:

- every item that is not locale data (normalisation, properties, time zones, break rules,
  converter aliases, ``res_index`` lists, shared ``pool.res`` string pools);
- in every locale tree, ``root`` and the English locales (``en``, ``en_*``);
- two single-byte converters (windows-1252, ISO-8859-15) besides the built-in UTF and
  Latin-1 ones;

and drops the other locales, the other converters, transliteration rules and the CJK,
Thai, Lao, Khmer and Burmese word-break dictionaries (ICU falls back to its rules when a
dictionary is missing). ICU's own ``icupkg`` (Debian ``icu-devtools``) removes the items;
binutils (``objcopy``, ``as``, ``ld``) take the table out and wrap the smaller one as a
shared library with the same soname and symbol. ``--probe`` loads ICU from a folder with
ctypes and prints what it answers for en_GB; the frozen tests compare it with PySide6's
untrimmed ICU.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

DATA_LIB = re.compile(r"^libicudata\.so\.(\d+)$")
LOCALE_ITEM = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]*)*\.res$")
KEEP_CONVERTERS = {"ibm-5348_P100-1997.cnv", "ibm-923_P100-1998.cnv"}  # windows-1252, 8859-15
ICU_MAGIC = b"\xda\x27"


def english(item: str) -> bool:
    return item == "en.res" or item.startswith("en_")


def dropped(items: Iterable[str]) -> list[str]:
    """The items (as ``icupkg -l`` lists them, e.g. ``coll/de.res``) the trimmed data leaves out."""
    out: list[str] = []
    for item in items:
        tree, _, base = item.rpartition("/")
        if tree == "translit" or base.endswith(".dict"):
            out.append(item)
        elif base.endswith(".cnv"):
            if base not in KEEP_CONVERTERS:
                out.append(item)
        elif base != "res_index.res" and LOCALE_ITEM.match(base) and not english(base):
            out.append(item)
    return out


def _run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(cmd, cwd=cwd, check=True, capture_output=True, text=True)
    except FileNotFoundError as exc:
        tool = "icupkg (apt-get install icu-devtools)" if cmd[0] == "icupkg" else "binutils"
        raise RuntimeError(f"trimming ICU needs {tool}: {exc}") from exc
    except subprocess.CalledProcessError as exc:
        raise RuntimeError(f"{' '.join(cmd)} failed: {exc.stderr.strip()}") from exc


def trim(src: Path, dest: Path) -> tuple[int, int]:
    """Write the trimmed library to dest; (old, new) size of the ICU table in bytes."""
    match = DATA_LIB.match(src.name)
    if not match:
        raise ValueError(f"{src.name} is not an ICU data library (libicudata.so.NN)")
    version = match.group(1)
    src, dest = src.resolve(), dest.resolve()
    package = f"icudt{version}l"
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        full = work / "full" / f"{package}.dat"
        full.parent.mkdir()
        _run(["objcopy", "-O", "binary", "--only-section=.rodata", str(src), str(full)], work)
        data = full.read_bytes()
        if data[2:4] != ICU_MAGIC:
            raise RuntimeError(f"{src} .rodata is not one ICU data package")
        items = _run(["icupkg", "-l", str(full)], work).stdout.split()
        drop = dropped(items)
        (work / "drop.txt").write_text("\n".join(drop) + "\n", encoding="ascii")
        small = work / f"{package}.dat"
        done = _run(["icupkg", "--ignore-deps", "-r", "drop.txt", str(full), str(small)], work)
        # Only the dictionaries may be missing: anything else means a kept item needs a
        # dropped one (a broken trim), so stop the build rather than ship it.
        missing = set(re.findall(r"depends on missing item (\S+)", done.stderr))
        if {m for m in missing if not m.endswith(".dict")}:
            raise RuntimeError(f"trimmed ICU data would miss {sorted(missing)}")
        (work / "icudata.s").write_text(
            "\n".join(
                [
                    "    .section .rodata",
                    f"    .globl icudt{version}_dat",
                    f"    .type icudt{version}_dat, @object",
                    "    .balign 16",
                    f"icudt{version}_dat:",
                    f'    .incbin "{small.name}"',
                    f"    .size icudt{version}_dat, . - icudt{version}_dat",
                    '    .section .note.GNU-stack,"",@progbits',
                    "",
                ]
            ),
            encoding="ascii",
        )
        _run(["as", "-o", "icudata.o", "icudata.s"], work)
        dest.parent.mkdir(parents=True, exist_ok=True)
        _run(["ld", "-shared", "-soname", src.name, "-o", str(dest), "icudata.o"], work)
        return len(data), small.stat().st_size


PROBE_WORDS = ["zebra", "Zoë", "apple", "Éclair", "eclair", "Ångström", "naïve", "Naive", "2nd"]


def probe(lib_dir: Path) -> dict[str, object]:
    """What ICU in lib_dir answers for en_GB (run it in a fresh process per folder)."""
    import ctypes
    import functools

    uc_path = next(lib_dir.glob("libicuuc.so.*"))
    suffix = "_" + uc_path.name.rsplit(".", 1)[-1]
    ctypes.CDLL(str(next(lib_dir.glob("libicudata.so.*"))), mode=ctypes.RTLD_GLOBAL)
    uc = ctypes.CDLL(str(uc_path), mode=ctypes.RTLD_GLOBAL)
    i18n = ctypes.CDLL(str(next(lib_dir.glob("libicui18n.so.*"))))

    def fn(lib: ctypes.CDLL, name: str, restype: object = ctypes.c_int32) -> object:
        f = getattr(lib, name + suffix)
        f.restype = restype
        return f

    def ustr(text: str) -> tuple[ctypes.Array, int]:
        raw = text.encode("utf-16-le")
        return ctypes.create_string_buffer(raw, len(raw) + 2), len(raw) // 2

    def out_str(buf: ctypes.Array, n: int) -> str:
        return bytes(buf)[: 2 * n].decode("utf-16-le")

    answers: dict[str, object] = {}
    status = ctypes.c_int(0)
    coll = fn(i18n, "ucol_open", ctypes.c_void_p)(b"en_GB", ctypes.byref(status))
    strcoll = fn(i18n, "ucol_strcoll")
    strcoll.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int32]
    strcoll.argtypes += [ctypes.c_char_p, ctypes.c_int32]

    def compare(a: str, b: str) -> int:
        (ba, na), (bb, nb) = ustr(a), ustr(b)
        return strcoll(coll, ba, na, bb, nb)

    answers["collation_status"] = status.value
    answers["sorted"] = sorted(PROBE_WORDS, key=functools.cmp_to_key(compare))

    status.value = 0
    buf = ctypes.create_string_buffer(256)
    src, n = ustr("straße naïve ǆ")
    n_out = fn(uc, "u_strToUpper")(buf, 128, src, n, b"en_GB", ctypes.byref(status))
    answers["upper"] = [status.value, out_str(buf, n_out)]

    status.value = 0
    text, n = ustr("Don't stop: the E.H.C. plan's 20-week limit, e.g. 3.5 days.")
    brk = fn(uc, "ubrk_open", ctypes.c_void_p)(1, b"en_GB", text, n, ctypes.byref(status))
    nxt = fn(uc, "ubrk_next")
    nxt.argtypes = [ctypes.c_void_p]
    bounds = []
    while (b := nxt(brk)) != -1:
        bounds.append(b)
    answers["word_breaks"] = [status.value, bounds]

    status.value = 0
    n_out = fn(uc, "uloc_getDisplayName")(b"en_GB", b"en_GB", buf, 128, ctypes.byref(status))
    answers["display_name"] = [status.value, out_str(buf, n_out)]

    for name in ("windows-1252", "ISO-8859-15", "Shift_JIS"):
        status.value = 0
        conv = fn(uc, "ucnv_open", ctypes.c_void_p)(name.encode(), ctypes.byref(status))
        answers[f"converter {name}"] = status.value <= 0 and bool(conv)

    status.value = 0
    fmt = fn(i18n, "unum_open", ctypes.c_void_p)(1, None, 0, b"en_GB", None, ctypes.byref(status))
    unum = fn(i18n, "unum_formatDouble")
    unum.argtypes = [ctypes.c_void_p, ctypes.c_double, ctypes.c_char_p, ctypes.c_int32]
    unum.argtypes += [ctypes.c_void_p, ctypes.c_void_p]
    n_out = unum(fmt, 1234567.891, buf, 128, None, ctypes.byref(status))
    answers["number"] = [status.value, out_str(buf, n_out)]
    return answers


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "--probe":
        print(json.dumps(probe(Path(argv[1])), ensure_ascii=False, sort_keys=True))
        return 0
    if len(argv) != 2:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    old, new = trim(Path(argv[0]), Path(argv[1]))
    print(f"ICU data {old / 1e6:.1f} MB -> {new / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
