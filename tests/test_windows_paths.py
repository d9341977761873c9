"""Windows-only code run here by injection (issue 14, item 4): the registry policy reader,
the stale-lock process check through kernel32, and the %LOCALAPPDATA% data folder."""

from __future__ import annotations

import ctypes
import json
import socket
import time
from pathlib import Path, PureWindowsPath
from typing import Any

import pytest

from desktop import config
from desktop.config import read_policy
from desktop.data.feeds import refresh_lock
from desktop.data.feeds.refresh_lock import LockBusy, RefreshLock, lock_path
from desktop.policy_registry import SUBKEY, read_registry

# -- the registry ----------------------------------------------------------------------------


class FakeWinreg:
    """Stands in for the ``winreg`` module: one HKLM tree of {subkey: {name: (value, type)}}."""

    HKEY_LOCAL_MACHINE = 0x80000002
    KEY_READ = 0x20019
    KEY_WOW64_64KEY = 0x0100
    REG_NONE, REG_SZ, REG_EXPAND_SZ, REG_BINARY, REG_DWORD = 0, 1, 2, 3, 4
    REG_MULTI_SZ, REG_QWORD = 7, 11

    def __init__(self, keys: dict[str, dict[str, tuple[Any, int]]], denied: bool = False) -> None:
        self.keys = {k.lower(): list(v.items()) for k, v in keys.items()}
        self.denied = denied
        self.opened: list[tuple[int, str, int]] = []
        self.closed = 0

    def OpenKey(self, root: int, subkey: str, reserved: int, access: int) -> str:
        self.opened.append((root, subkey, access))
        if subkey.lower() not in self.keys:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        if self.denied:
            raise PermissionError(13, "Access is denied")
        return subkey.lower()

    def EnumValue(self, handle: str, index: int) -> tuple[str, Any, int]:
        values = self.keys[handle]
        if index >= len(values):
            error = OSError(22, "No more data is available")
            error.winerror = 259  # type: ignore[attr-defined]
            raise error
        name, (value, kind) = values[index]
        return name, value, kind

    def CloseKey(self, handle: str) -> None:
        self.closed += 1

    @staticmethod
    def ExpandEnvironmentStrings(text: str) -> str:
        return text.replace("%LOGONSERVER%", r"\\DC01")


def registry_policy(values: dict[str, tuple[Any, int]] | None, **kw: Any) -> config.Policy:
    keys = {} if values is None else {SUBKEY: values}
    fake = FakeWinreg(keys, **kw)
    return read_policy(
        registry=lambda: read_registry(config.POLICY_KEYS, fake),
        system_ini=Path("/nonexistent/policy.ini"),
        env_ini="",
    )


R = FakeWinreg


def test_registry_values_of_every_text_and_number_type_are_read() -> None:
    fake = FakeWinreg(
        {
            SUBKEY: {
                "RefreshUrl": ("https://feeds.example.org/services", R.REG_SZ),
                "refreshdisabled": (1, R.REG_DWORD),  # a GP Preference's DWORD, any case
                "StaleAfterDays": (45, R.REG_QWORD),
                "DataFile": (r"%LOGONSERVER%\send\send-desk.sqlite", R.REG_EXPAND_SZ),
                "OrganisationName": (["Brookvale Council"], R.REG_MULTI_SZ),  # one line: fine
            }
        }
    )
    read = read_registry(config.POLICY_KEYS, fake)
    assert read.values == {
        "RefreshUrl": "https://feeds.example.org/services",
        "RefreshDisabled": "1",
        "StaleAfterDays": "45",
        "DataFile": r"\\DC01\send\send-desk.sqlite",
        "OrganisationName": "Brookvale Council",
    }
    assert read.problems == [] and read.unusable == {}
    # Opened in the 64-bit view, where the MSI (Win64="yes") and Group Policy write; closed.
    ((root, subkey, access),) = fake.opened
    assert (root, subkey) == (R.HKEY_LOCAL_MACHINE, r"Software\Policies\SEND Adviser Desk")
    assert access & R.KEY_WOW64_64KEY and fake.closed == 1
    policy = registry_policy(dict(fake.keys[SUBKEY.lower()]))
    assert policy.refresh_disabled and policy.stale_after_days == 45
    assert policy.data_file == r"\\DC01\send\send-desk.sqlite" and policy.problems == ()


def test_a_missing_policy_key_is_no_policy_and_no_problem() -> None:
    policy = registry_policy(None)
    assert policy == config.Policy()


def test_a_key_that_cannot_be_read_turns_refresh_off() -> None:
    policy = registry_policy({"RefreshUrl": ("https://feeds.example.org/", R.REG_SZ)}, denied=True)
    assert policy.refresh_disabled and policy.refresh_url == ""
    assert "the policy in the registry cannot be read" in policy.problems[0]


@pytest.mark.parametrize(
    ("value", "kind", "what"),
    [
        (b"\x01\x00\x00\x00", R.REG_BINARY, "a REG_BINARY value"),
        (None, R.REG_NONE, "a REG_NONE value"),
        (["1", "0"], R.REG_MULTI_SZ, "a REG_MULTI_SZ list of 2 lines"),
        ("1", 99, "a registry type 99 value"),
    ],
)
def test_a_switch_of_the_wrong_type_fails_closed(value: object, kind: int, what: str) -> None:
    policy = registry_policy(
        {"RefreshDisabled": (value, kind), "NoPhoneHandler": (value, kind)}
    )
    assert policy.refresh_disabled and policy.no_phone_handler
    assert policy.problems == (
        f"RefreshDisabled in the registry is {what}, not text or a number, so it is taken "
        "as 1 to be safe",
        f"NoPhoneHandler in the registry is {what}, not text or a number, so it is taken "
        "as 1 to be safe",
    )


def test_other_settings_of_the_wrong_type_are_ignored_and_listed() -> None:
    policy = registry_policy(
        {
            "StaleAfterDays": (b"\x1e", R.REG_BINARY),
            "DataFile": ([r"\\a\x.sqlite", r"\\b\y.sqlite"], R.REG_MULTI_SZ),
            "RefreshUrl": ("https://feeds.example.org/", R.REG_SZ),
            "Colour": ("blue", R.REG_SZ),
        }
    )
    assert policy.stale_after_days == config.DEFAULT_STALE_AFTER_DAYS
    assert policy.data_file == "" and policy.refresh_url == "https://feeds.example.org/"
    assert not policy.refresh_disabled  # nothing unreadable about the switches
    assert policy.problems == (
        "Colour in the registry policy is not a setting the app knows, so it is ignored",
        "StaleAfterDays in the registry is a REG_BINARY value, not text or a number, so it is "
        "ignored",
        "DataFile in the registry is a REG_MULTI_SZ list of 2 lines, not text or a number, so "
        "it is ignored",
    )


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("send-desk.sqlite", "is neither a full path nor an https:// address"),
        ("ftp://files.example.org/send-desk.sqlite", "is not an https:// address"),
        ("C:relative.sqlite", "is neither a full path nor an https:// address"),
    ],
)
def test_a_data_file_that_names_nothing_usable_is_listed_and_not_used(value: str, why: str) -> None:
    policy = registry_policy({"DataFile": (value, R.REG_SZ)})
    assert policy.data_file == ""
    assert policy.problems == (f"DataFile {value!r} {why}, so it is not used",)


@pytest.mark.parametrize(
    "value",
    [
        r"\\files.example.org\send\send-desk.sqlite",
        r"D:\Shares\send-desk.sqlite",
        "/srv/send/send-desk.sqlite",
        "https://files.example.org/send/send-desk.sqlite",
    ],
)
def test_a_data_file_path_or_https_address_is_taken(value: str) -> None:
    assert registry_policy({"DataFile": (value, R.REG_SZ)}).data_file == value


# -- %LOCALAPPDATA% --------------------------------------------------------------------------


def test_the_windows_data_folder_is_under_local_not_roaming_appdata() -> None:
    environ = {
        "LOCALAPPDATA": r"C:\Users\zoë.o'neill\AppData\Local",
        "APPDATA": r"C:\Users\zoë.o'neill\AppData\Roaming",
    }
    want = PureWindowsPath(
        r"C:\Users\zoë.o'neill\AppData\Local\SEND Adviser Desk\SEND Adviser Desk"
    )
    assert config.windows_data_dir(environ) == want
    assert str(config.default_data_dir(platform="win32", environ=environ)) == str(want)


def test_the_override_still_wins_on_windows(tmp_path: Path) -> None:
    environ = {"LOCALAPPDATA": r"C:\Users\ann\AppData\Local", "SEND_DESK_DATA_DIR": str(tmp_path)}
    assert config.default_data_dir(platform="win32", environ=environ) == tmp_path


@pytest.mark.parametrize("local", ["", "   ", r"AppData\Local", "C:relative"])
def test_without_a_usable_localappdata_qt_decides(local: str, qapp) -> None:
    """A service account or a stripped environment: Qt's own answer (here, Linux's)."""
    assert config.windows_data_dir({"LOCALAPPDATA": local}) is None
    got = config.default_data_dir(platform="win32", environ={"LOCALAPPDATA": local})
    assert got == config.default_data_dir(platform="linux", environ={})
    assert "Roaming" not in str(got)


# -- the stale-lock check through kernel32 ---------------------------------------------------


class Kernel32:
    """kernel32 as the lock sees it: OpenProcess, GetExitCodeProcess, GetProcessTimes."""

    STILL_ACTIVE = 259

    def __init__(self) -> None:
        self.created: dict[int, int] = {}  # pid -> creation FILETIME of a running process
        self.exited: set[int] = set()  # a handle still opens, but the process has ended
        self.denied: set[int] = set()  # another user's process: OpenProcess is refused
        self.no_times: set[int] = set()  # GetProcessTimes fails
        self.error = 0
        self.open = 0

    def last_error(self) -> int:
        return self.error

    def OpenProcess(self, access: int, inherit: bool, pid: int) -> int:
        assert access == 0x1000  # PROCESS_QUERY_LIMITED_INFORMATION: no rights to signal it
        if pid in self.denied:
            self.error = 5  # ERROR_ACCESS_DENIED
            return 0
        if pid not in self.created and pid not in self.exited:
            self.error = 87  # ERROR_INVALID_PARAMETER: no such process
            return 0
        self.open += 1
        return pid

    def GetExitCodeProcess(self, handle: int, code: Any) -> int:
        code._obj.value = 0 if handle in self.exited else self.STILL_ACTIVE
        return 1

    def GetProcessTimes(self, handle: int, created: Any, *rest: Any) -> int:
        if handle in self.no_times:
            return 0
        created._obj.value = self.created[handle]
        return 1

    def CloseHandle(self, handle: int) -> int:
        self.open -= 1
        return 1


@pytest.fixture
def kernel(monkeypatch: pytest.MonkeyPatch) -> Kernel32:
    fake = Kernel32()
    monkeypatch.setattr(refresh_lock, "WINDOWS", True)
    monkeypatch.setattr(refresh_lock, "_kernel32", lambda: (fake, fake.last_error))
    return fake


def lock_held_by(live: Path, pid: int, mark: str = "", started: float | None = None) -> Path:
    path = lock_path(live)
    holder = {
        "pid": pid,
        "host": socket.gethostname(),
        "started": time.time() if started is None else started,
        "token": "theirs",
        "process_started": mark,
    }
    path.write_text(json.dumps(holder), encoding="utf-8")
    return path


def test_a_running_holder_keeps_its_lock(kernel: Kernel32, tmp_path: Path) -> None:
    live = tmp_path / "send-desk.sqlite"
    kernel.created[4242] = 133_000_000_000_000_000
    lock_held_by(live, 4242, "133000000000000000")
    with pytest.raises(LockBusy, match=r"process 4242"):
        RefreshLock.acquire(live)
    assert refresh_lock.pid_running(4242) and kernel.open == 0  # every handle closed


def test_a_holder_that_has_gone_loses_its_lock(kernel: Kernel32, tmp_path: Path) -> None:
    live = tmp_path / "send-desk.sqlite"
    lock_held_by(live, 4242, "133000000000000000")
    assert refresh_lock.process_start_mark(4242) is None
    with RefreshLock.acquire(live) as lock:
        assert json.loads(lock.path.read_text())["token"] != "theirs"


def test_an_ended_process_whose_handle_still_opens_is_gone(kernel: Kernel32, tmp_path: Path) -> None:
    live = tmp_path / "send-desk.sqlite"
    kernel.exited.add(4242)
    lock_held_by(live, 4242)
    assert refresh_lock.process_start_mark(4242) is None and not refresh_lock.pid_running(4242)
    with RefreshLock.acquire(live):
        pass
    assert kernel.open == 0


def test_another_users_process_counts_as_running(kernel: Kernel32, tmp_path: Path) -> None:
    """OpenProcess refused (IT's own refresh under another account): it exists, so it waits."""
    live = tmp_path / "send-desk.sqlite"
    kernel.denied.add(4242)
    lock_held_by(live, 4242, "133000000000000000")
    assert refresh_lock.process_start_mark(4242) == ""
    with pytest.raises(LockBusy):
        RefreshLock.acquire(live)


def test_a_process_whose_start_cannot_be_told_waits_until_the_lock_is_old(
    kernel: Kernel32, tmp_path: Path
) -> None:
    live = tmp_path / "send-desk.sqlite"
    kernel.created[4242] = 1
    kernel.no_times.add(4242)
    lock_held_by(live, 4242, "133000000000000000")
    with pytest.raises(LockBusy):
        RefreshLock.acquire(live)
    lock_held_by(live, 4242, "133000000000000000", started=time.time() - 13 * 3600)
    with RefreshLock.acquire(live):
        pass
    assert kernel.open == 0


def test_the_creation_time_is_read_as_a_64_bit_filetime(kernel: Kernel32) -> None:
    kernel.created[7] = 2**63 - 1  # the largest FILETIME: no truncation to 32 bits
    assert refresh_lock.process_start_mark(7) == str(2**63 - 1)
    assert ctypes.sizeof(ctypes.c_ulonglong) == 8
