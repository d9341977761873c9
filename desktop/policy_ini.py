"""Reading an IT policy INI leniently but loudly (review F5).

``configparser`` drops the whole file on one duplicated key, one line before the first
``[section]`` or one byte that is not UTF-8, so ``RefreshDisabled=1`` silently stopped
counting. This reader goes line by line instead: every line that can be understood is
used, and every problem is listed (the caller shows the list in Help → About and logs
it). What it accepts:

- ``key = value`` or ``key: value`` in any section, or before the first one (noted);
- keys in any letter case (``refreshdisabled``), matched to the known names;
- UTF-8 (with or without BOM), UTF-16 with a BOM (Notepad's "Unicode"), and otherwise
  Windows-1252 ("ANSI", noted);
- ``#`` or ``;`` comments on their own line, and after a value when a space precedes
  them (``yes ; managed``, noted);
- a key given twice: the last one is used, and the keys whose values differ are returned
  so that the caller can fail closed.

Only a regular file of at most 64 KB is read (``desktop.safe_read``). Stdlib only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from desktop import safe_read

MAX_BYTES = 64 * 1024
MAX_PROBLEMS = 20  # per file; a binary file would otherwise give one per line
_INLINE_COMMENT = re.compile(r"\s+[;#].*$")


@dataclass
class IniPolicy:
    values: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    conflicting: set[str] = field(default_factory=set)  # given twice with different values
    unreadable: bool = False  # nothing in the file could be used (missing, binary, refused)


def _decode(data: bytes, name: str, problems: list[str]) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        problems.append(
            f"{name} is not saved as UTF-8, so it was read as Windows-1252 (ANSI); "
            "save it as UTF-8 to be sure of accented letters"
        )
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:  # five bytes have no cp1252 meaning: Latin-1 maps every byte
        return data.decode("latin-1")


def _value(raw: str, where: str, problems: list[str]) -> str:
    value = raw.strip()
    comment = _INLINE_COMMENT.search(value)
    if comment:
        mark = comment.group().strip()[0]
        problems.append(f"{where}: the text after {mark!r} was taken as a comment")
        value = value[: comment.start()].strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1]
    return value


def read_ini(path: Path, keys: Iterable[str]) -> IniPolicy:
    """The policy values in ``path`` (canonical key names) and every problem found."""
    known = {k.lower(): k for k in keys}
    result = IniPolicy()
    name = path.name
    try:
        data = safe_read.read_bytes(path, MAX_BYTES)
    except safe_read.TooLarge:
        result.problems.append(f"{path} is larger than 64 KB, so it is not a policy file")
        result.unreadable = True
        return result
    except OSError as exc:
        reason = str(exc) if isinstance(exc, safe_read.FileRefused) else exc.strerror or exc
        result.problems.append(f"the policy file {path} cannot be read ({reason})")
        result.unreadable = True
        return result
    text = _decode(data, name, result.problems)
    if "\0" in text:
        result.problems.append(f"{path} is not a text file, so it is not a policy file")
        result.unreadable = True
        return result
    seen: dict[str, list[int]] = {}
    section = None
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        where = f"{name} line {number}"
        stripped = line.strip()
        if not stripped or stripped[0] in "#;":
            continue
        if stripped.startswith("[") and stripped.endswith("]"):
            section = stripped[1:-1].strip()
            continue
        cut = min((i for i in (stripped.find("="), stripped.find(":")) if i > 0), default=-1)
        first = stripped.split(maxsplit=1)[0]
        if cut < 0 and first.lower() in known:  # 'RefreshDisabled 1' or a name alone
            cut = len(first)
            stripped = f"{first}={stripped[cut:].strip()}"
            problems.append(f"{where} has no '=': read as {stripped.replace('=', ' = ', 1)!r}")
        if cut < 0:
            problems.append(f"{where} is not 'Name = value', so it was ignored")
            continue
        key = known.get(stripped[:cut].strip().lower())
        if key is None:
            problems.append(
                f"{where}: {stripped[:cut].strip()!r} is not a setting this app knows, "
                "so it was ignored"
            )
            continue
        if section is None:
            problems.append(f"{where} comes before the first [section]; it was used anyway")
        value = _value(stripped[cut + 1 :], where, problems)
        if key in result.values and result.values[key] != value:
            result.conflicting.add(key)
        result.values[key] = value
        seen.setdefault(key, []).append(number)
    for key, lines in seen.items():
        if len(lines) > 1:
            listed = ", ".join(str(n) for n in lines)
            problems.append(
                f"{key} is set {len(lines)} times in {name} (lines {listed}); the last one is used"
            )
    if len(problems) > MAX_PROBLEMS:
        problems[MAX_PROBLEMS:] = [f"… and {len(problems) - MAX_PROBLEMS} more in {name}"]
    result.problems.extend(problems)
    return result
