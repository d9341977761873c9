"""The IT policy in the Windows registry: ``HKLM\\Software\\Policies\\SEND Adviser Desk``.

Read with the standard library's ``winreg`` (64-bit view, where the MSI and Group Policy
write), so the value types are known instead of guessed: REG_SZ is used as it is,
REG_EXPAND_SZ with its ``%VARIABLES%`` expanded, REG_DWORD and REG_QWORD as their
decimal number (a Group Policy Preference often writes ``RefreshDisabled`` as DWORD 1).
Anything else (REG_BINARY, REG_NONE, a REG_MULTI_SZ list of several lines) cannot be a
policy value: it is listed as a problem and, for a switch, the caller fails closed. A
missing key means no policy; a key that cannot be opened or read raises ``OSError``,
which ``config.read_policy`` turns into "refreshing is off, to be safe".

``winreg`` is a parameter: the tests pass a stand-in module, so this Windows-only code
runs on every platform. Standard library only, like ``policy_ini``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

SUBKEY = r"Software\Policies\SEND Adviser Desk"
MAX_VALUES = 200  # a key with more values than this is not a policy someone wrote by hand

# winreg's type numbers (the same on every Windows), used for the names in problems.
TYPE_NAMES = {
    0: "REG_NONE",
    1: "REG_SZ",
    2: "REG_EXPAND_SZ",
    3: "REG_BINARY",
    4: "REG_DWORD",
    5: "REG_DWORD_BIG_ENDIAN",
    7: "REG_MULTI_SZ",
    11: "REG_QWORD",
}


@dataclass
class RegistryPolicy:
    values: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    # known names whose value has a type that cannot hold a setting -> what it is instead
    unusable: dict[str, str] = field(default_factory=dict)


def _text(value: Any, kind: int, reg: Any) -> str | None:
    """The value as policy text, or None when its type cannot hold one."""
    if kind == reg.REG_SZ and isinstance(value, str):
        return value
    if kind == reg.REG_EXPAND_SZ and isinstance(value, str):
        return str(reg.ExpandEnvironmentStrings(value))
    if kind in (reg.REG_DWORD, reg.REG_QWORD) and isinstance(value, int):
        return str(value)
    if kind == reg.REG_MULTI_SZ and isinstance(value, list):
        lines = [line for line in value if str(line).strip()]
        return str(lines[0]) if len(lines) == 1 else None
    return None


def read_registry(keys: Iterable[str], winreg: Any = None, subkey: str = SUBKEY) -> RegistryPolicy:
    """The policy values under HKLM\\``subkey`` whose names are in ``keys`` (any letter case).

    ``winreg`` defaults to the real module (Windows only). Raises OSError (PermissionError
    for access denied) when the key exists but cannot be read.
    """
    if winreg is None:  # pragma: no cover - Windows only
        import winreg
    reg = winreg
    known = {k.lower(): k for k in keys}
    read = RegistryPolicy()
    try:
        handle = reg.OpenKey(reg.HKEY_LOCAL_MACHINE, subkey, 0, reg.KEY_READ | reg.KEY_WOW64_64KEY)
    except FileNotFoundError:
        return read  # no policy key: nothing is set
    try:
        for index in range(MAX_VALUES):
            try:
                name, value, kind = reg.EnumValue(handle, index)
            except OSError as exc:
                if getattr(exc, "winerror", None) == 259:
                    break  # ERROR_NO_MORE_ITEMS: every value has been read
                raise
            key = known.get(str(name).lower())
            if key is None:
                read.problems.append(
                    f"{name or '(Default)'} in the registry policy is not a setting the app "
                    "knows, so it is ignored"
                )
                continue
            text = _text(value, kind, reg)
            if text is None:
                read.unusable[key] = _describe(value, kind)
                continue
            read.values[key] = text
    finally:
        reg.CloseKey(handle)
    return read


def _describe(value: Any, kind: int) -> str:
    name = TYPE_NAMES.get(kind, f"registry type {kind}")
    if kind == 7 and isinstance(value, list):
        return f"a {name} list of {len(value)} lines"
    return f"a {name} value"
