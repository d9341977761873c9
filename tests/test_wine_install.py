"""The MSI run by a real Windows Installer engine: Wine's msiexec, in a throw-away prefix.

    .venv/bin/python -m pytest -m wine tests/test_wine_install.py

Marked ``wine`` and left out of the normal run: `.ci/run` runs it after the PyInstaller
build, because it packs the real dist (SEND_DESK_FROZEN_DIST, default dist/send-desk)
into two MSIs with wixl, this version and the next patch version, each checked by
check_msi.py and with its release JSON beside it. SEND_DESK_WINE_MSIS=OLD.msi,NEW.msi
installs two given MSIs of that dist instead (the Windows workflow: the WiX-built
release MSI and one built one patch version later). Each test starts with nothing
installed, runs msiexec silently (/qn) with a verbose log (/l*v; the failure message
carries the log's tail) and asserts from the prefix's C: drive and `wine reg query`.
WINEDEBUG=-all, no display, a time limit on every Wine process. What this proves and
what only Windows can: docs/it-deployment.md ("What the Wine test proves").
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop import __version__

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "resources" / "installer"))

import build_msi  # noqa: E402
import check_msi  # noqa: E402
from make_files_wxs import EXE_NAMES, dist_files  # noqa: E402
from release_info import release_info  # noqa: E402

pytestmark = pytest.mark.wine

STEP_TIMEOUT = 180  # seconds for any one Wine process (an install takes a few)
POLICY_KEY = r"HKEY_LOCAL_MACHINE\Software\Policies\SEND Adviser Desk"
APP_KEY = r"HKEY_LOCAL_MACHINE\Software\SEND Adviser Desk"
ARP_KEY = r"HKEY_LOCAL_MACHINE\Software\Microsoft\Windows\CurrentVersion\Uninstall"
OTHER_KEY = r"HKEY_LOCAL_MACHINE\Software\Policies\Another Vendor\Their App"
INSTALL_DIR = r"C:\Program Files\SEND Adviser Desk"
GIVEN = {  # every policy property, as IT would pass them
    "REFRESHURL": "https://feeds.example.org/local-offer/services",
    "REFRESHDISABLED": "1",
    "STALEAFTERDAYS": "21",
    "PROVIDERSFILE": r"\\files.example.org\send\providers.toml",
    "DATAFILE": r"\\files.example.org\send\send-desk.sqlite",
    "TAXONOMYMAPFILE": r"\\files.example.org\send\taxonomy-map.toml",
}
NAME = check_msi.POLICY  # property -> registry value name


def policy(**props: str) -> dict[str, tuple[str, str]]:
    """The policy values (as `reg query` shows them) those properties should give."""
    return {NAME[p]: ("REG_SZ", v) for p, v in props.items()}


def winpath(path: Path) -> str:
    return "Z:" + str(path).replace("/", "\\")


@dataclass(frozen=True)
class Release:
    msi: Path
    info: dict  # the release JSON beside the MSI (what check_msi.py --json writes)
    problems: list[str]  # check_msi.py's table check

    @property
    def code(self) -> str:
        return self.info["ProductCode"]


class Wine:
    """One Wine prefix with helpers for msiexec and the registry."""

    def __init__(self, prefix: Path, logs: Path) -> None:
        self.prefix, self.logs = prefix, logs
        self.env = {k: v for k, v in os.environ.items() if k not in {"DISPLAY", "WAYLAND_DISPLAY"}}
        self.env.update(
            WINEPREFIX=str(prefix),
            WINEARCH="win64",
            WINEDEBUG="-all",
            WINEDLLOVERRIDES="mscoree,mshtml=",  # no Mono/Gecko install prompts
        )
        self.steps = 0
        self.last_log: Path | None = None

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        """wine ARGS; output through files, not pipes: the Wine services a call starts
        keep running (and would hold a pipe open) after the call itself has ended."""
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            done = subprocess.run(
                ["wine", *args], env=self.env, stdout=out, stderr=err, timeout=STEP_TIMEOUT
            )
            out.seek(0)
            err.seek(0)
            return subprocess.CompletedProcess(
                done.args,
                done.returncode,
                out.read().decode("utf-8", "replace"),
                err.read().decode("utf-8", "replace"),
            )

    def unix(self, windows: str) -> Path:
        drive, _, rest = windows.rstrip("\\").partition(":\\")
        assert drive.upper() == "C", windows
        return self.prefix / "drive_c" / rest.replace("\\", "/")

    def msiexec(self, *args: str, expect: int = 0, name: str = "msiexec") -> str:
        """Run msiexec with a verbose log; the log's text."""
        self.steps += 1
        log = self.logs / f"{self.steps:02d}-{name}.log"
        done = self.run("msiexec", *args, "/l*v", winpath(log))
        self.last_log = log
        # Wine passes Windows' exit code to Linux, which keeps its low 8 bits (1603 -> 67).
        assert done.returncode == expect & 0xFF, self.context(
            f"msiexec {' '.join(args)} exited {done.returncode}, wanted {expect} "
            f"({expect & 0xFF}): {done.stderr[-500:]}"
        )
        return log.read_text(encoding="utf-8", errors="replace")

    def context(self, what: str) -> str:
        """what, with the tail of the last msiexec log (for a failure message)."""
        log = self.last_log
        text = log.read_text(errors="replace") if log and log.exists() else "(no log)"
        tail = "\n".join(text.splitlines()[-60:])
        return f"{what}\n--- last lines of {log} ---\n{tail}"

    def query(self, key: str) -> dict[str, dict[str, tuple[str, str]]]:
        """{key (lower case): {value name: (type, data)}} for key and all below; {} if none."""
        done = self.run("reg", "query", key, "/s", "/reg:64")
        found: dict[str, dict[str, tuple[str, str]]] = {}
        if done.returncode != 0:
            return found
        current: dict[str, tuple[str, str]] | None = None
        for line in done.stdout.splitlines():
            if line.startswith("HKEY_"):
                current = found.setdefault(line.strip().lower(), {})
            elif current is not None and (
                m := re.match(r"^    (.+?)    (REG_[A-Z_]+)(?:    (.*))?$", line)
            ):
                current[m.group(1)] = (m.group(2), m.group(3) or "")
        return found

    def values(self, key: str) -> dict[str, tuple[str, str]]:
        return self.query(key).get(key.lower(), {})

    def reg_add(self, key: str, name: str, data: str) -> None:
        done = self.run("reg", "add", key, "/v", name, "/t", "REG_SZ", "/d", data, "/f", "/reg:64")
        assert done.returncode == 0, done.stdout + done.stderr

    def reg_delete(self, key: str) -> None:
        self.run("reg", "delete", key, "/f", "/reg:64")  # absent is fine

    def products(self) -> dict[str, dict[str, tuple[str, str]]]:
        """Add/Remove Programs entries of SEND Adviser Desk, by ProductCode."""
        return {
            key.rsplit("\\", 1)[1].upper(): values
            for key, values in self.query(ARP_KEY).items()
            if values.get("DisplayName", ("", ""))[1] == "SEND Adviser Desk"
        }


@pytest.fixture(scope="module")
def dist() -> Path:
    path = Path(os.environ.get("SEND_DESK_FROZEN_DIST", ROOT / "dist" / "send-desk")).resolve()
    assert any((path / exe).is_file() for exe in EXE_NAMES), (
        f"no built app in {path}: build it first (pytest -m frozen tests/test_frozen.py)"
    )
    return path


@pytest.fixture(scope="module")
def releases(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Release]:
    """This version ("old") and the next patch version ("new") of the same dist."""
    out = tmp_path_factory.mktemp("msi")
    given = [Path(p).resolve() for p in os.environ.get("SEND_DESK_WINE_MSIS", "").split(",") if p]
    if given:
        assert len(given) == 2, "SEND_DESK_WINE_MSIS: OLD.msi,NEW.msi"
        msis = []
        for path in given:  # copied, so the release JSON written below lands in tmp
            msis.append(out / path.name)
            shutil.copyfile(path, msis[-1])
    else:
        assert shutil.which("wixl"), "install msitools and wixl (apt-get install msitools wixl)"
        major, minor, patch = (int(x) for x in __version__.split("."))
        msis = [
            build_msi.build(dist, out / f"send-desk-{version}-x64.msi", version)
            for version in (__version__, f"{major}.{minor}.{patch + 1}")
        ]
    built: dict[str, Release] = {}
    for which, msi in zip(("old", "new"), msis, strict=True):
        version = next(
            r["Value"] for r in check_msi.export(msi, "Property") if r["Property"] == "ProductVersion"
        )
        problems, _, _ = check_msi.check(msi, dist, version)
        # Written here even when the table check fails, so that the installs below still
        # run: what the engine does is a second, independent test of the authoring.
        props = {r["Property"]: r["Value"] for r in check_msi.export(msi, "Property")}
        info = msi.with_suffix(".json")
        info.write_text(json.dumps(release_info(msi, props), indent=1), encoding="utf-8")
        built[which] = Release(msi, json.loads(info.read_text(encoding="utf-8")), problems)
    assert built["old"].code != built["new"].code
    old_v, new_v = (tuple(map(int, r.info["ProductVersion"].split("."))) for r in built.values())
    assert old_v < new_v, "the second MSI must be the newer version"
    return built


def test_both_msis_pass_the_table_check(releases: dict[str, Release]) -> None:
    assert {k: r.problems for k, r in releases.items()} == {"old": [], "new": []}


@pytest.fixture(scope="module")
def wine(tmp_path_factory: pytest.TempPathFactory) -> Wine:
    assert shutil.which("wine"), "install Wine (apt-get install wine wine64)"
    machine = Wine(tmp_path_factory.mktemp("wineprefix"), tmp_path_factory.mktemp("msilogs"))
    boot = machine.run("wineboot", "--init")
    assert boot.returncode == 0, boot.stderr[-2000:]
    yield machine
    # Stops this prefix's wineserver and the Wine processes it runs (nothing else).
    subprocess.run(["wineserver", "-k"], env=machine.env, timeout=STEP_TIMEOUT)


@pytest.fixture(autouse=True)
def nothing_installed(wine: Wine, releases: dict[str, Release]) -> None:
    """Each test starts on a machine without the app, and leaves one."""
    assert not wine.products() and not wine.unix(INSTALL_DIR).exists(), wine.context("dirty")
    yield
    for release in releases.values():
        if release.code in wine.products():
            wine.msiexec("/x", release.code, "/qn", name="cleanup")
    for key in (POLICY_KEY, OTHER_KEY):
        wine.reg_delete(key)


def install(wine: Wine, release: Release, name: str, expect: int = 0, **props: str) -> str:
    given = [f"{k}={v}" for k, v in props.items()]
    return wine.msiexec("/i", winpath(release.msi), "/qn", "/norestart", *given, expect=expect, name=name)


def shortcut(wine: Wine, log: str) -> Path:
    """The Start-menu shortcut, in the ProgramMenuFolder the installer resolved."""
    match = re.search(r"^Property\(S\): ProgramMenuFolder = (.+)$", log, re.MULTILINE)
    assert match, wine.context("no ProgramMenuFolder in the log")
    return wine.unix(match.group(1).strip()) / "SEND Adviser Desk.lnk"


def assert_files(wine: Wine, dist: Path) -> None:
    """Every file of the dist under Program Files, byte for byte."""
    root = wine.unix(INSTALL_DIR)
    for rel in dist_files(dist):
        got, want = root / rel, dist / rel
        assert got.is_file(), wine.context(f"{rel} not installed")
        assert hashlib.sha256(got.read_bytes()).digest() == hashlib.sha256(
            want.read_bytes()
        ).digest(), wine.context(f"{rel} differs from the dist")


def test_silent_install_with_every_policy_property(wine: Wine, releases, dist: Path) -> None:
    old = releases["old"]
    log = install(wine, old, "install-all", **GIVEN)
    assert_files(wine, dist)
    exe = next(e for e in EXE_NAMES if (dist / e).is_file())
    link = shortcut(wine, log)
    assert link.is_file(), wine.context(f"no shortcut {link}")
    assert f"{INSTALL_DIR}\\{exe}".encode() in link.read_bytes()  # the .lnk's target
    assert wine.values(POLICY_KEY) == policy(**GIVEN), wine.context("policy values")
    (code, arp), *others = wine.products().items()
    assert not others and code == old.code
    assert arp["DisplayVersion"] == ("REG_SZ", old.info["ProductVersion"])
    assert arp["UninstallString"][1].upper() == f"MSIEXEC.EXE /X{old.code}"
    assert arp["NoModify"] == ("REG_DWORD", "0x1")
    # The release JSON's registry detection rule matches what the installer wrote.
    rule = old.info["Detection"]["Registry"]
    found = wine.values(f"{rule['Hive']}\\{rule['Key']}")
    assert found[rule["ValueName"]] == ("REG_SZ", rule["Value"]), found


def test_install_without_properties_writes_no_policy_value(wine: Wine, releases) -> None:
    install(wine, releases["old"], "install-none")
    assert set(wine.products()) == {releases["old"].code}
    assert not set(wine.values(POLICY_KEY)) & set(NAME.values()), wine.context("invented")


def test_upgrade_without_properties_keeps_the_values_and_one_entry(wine: Wine, releases) -> None:
    old, new = releases["old"], releases["new"]
    install(wine, old, "install-all", **GIVEN)
    install(wine, new, "upgrade-none")
    assert wine.values(POLICY_KEY) == policy(**GIVEN), wine.context("values after upgrade")
    products = wine.products()
    assert set(products) == {new.code}, wine.context(f"Add/Remove entries {sorted(products)}")
    assert products[new.code]["DisplayVersion"] == ("REG_SZ", new.info["ProductVersion"])
    assert wine.unix(INSTALL_DIR).is_dir()


def test_upgrade_with_a_new_value_the_new_value_wins(wine: Wine, releases) -> None:
    install(wine, releases["old"], "install-all", **GIVEN)
    install(wine, releases["new"], "upgrade-new-value", STALEAFTERDAYS="45")
    want = policy(**(GIVEN | {"STALEAFTERDAYS": "45"}))
    assert wine.values(POLICY_KEY) == want, wine.context("values after upgrade")


def test_downgrade_is_refused_with_its_message(wine: Wine, releases, dist: Path) -> None:
    old, new = releases["old"], releases["new"]
    install(wine, new, "install-new", **GIVEN)
    log = install(wine, old, "downgrade", expect=1603)  # ERROR_INSTALL_FAILURE
    # Refused by the downgrade launch condition, before anything changed...
    assert f"WIX_DOWNGRADE_DETECTED = {new.code}" in log
    assert re.search(r"LaunchConditions\. Return value [^1]", log), wine.context("not refused")
    assert set(wine.products()) == {new.code}
    assert wine.values(POLICY_KEY) == policy(**GIVEN)
    assert_files(wine, dist)
    # ...whose message is the one send-desk.wxs gives (Wine does not log the text itself).
    wxs = build_msi.WXS.read_text(encoding="utf-8")
    message = re.search(r'DowngradeErrorMessage="([^"]+)"', wxs).group(1)
    rows = check_msi.export(old.msi, "LaunchCondition")
    assert rows == [{"Condition": "NOT WIX_DOWNGRADE_DETECTED", "Description": message}]


def test_repair_restores_a_deleted_file_and_takes_a_new_value(wine: Wine, releases, dist) -> None:
    old = releases["old"]
    install(wine, old, "install-all", **GIVEN)
    exe = next(e for e in EXE_NAMES if (dist / e).is_file())
    for rel in (exe, "_internal/data/send-desk.sqlite"):
        (wine.unix(INSTALL_DIR) / rel).unlink()
    # The property form of /fa: Wine's msiexec has no /f for a product code; Windows has both.
    repair = ("/i", old.code, "REINSTALL=ALL", "REINSTALLMODE=omus", "/qn")
    wine.msiexec(*repair, name="repair")
    assert_files(wine, dist)
    assert wine.values(POLICY_KEY) == policy(**GIVEN), wine.context("values after repair")
    wine.msiexec(*repair, "STALEAFTERDAYS=60", name="repair-new-value")
    assert wine.values(POLICY_KEY) == policy(**(GIVEN | {"STALEAFTERDAYS": "60"}))


def test_a_setting_added_later_with_addlocal(wine: Wine, releases) -> None:
    """The IT guide's way to add one setting to an existing install."""
    install(wine, releases["old"], "install-none")
    url = GIVEN["REFRESHURL"]
    install(wine, releases["old"], "addlocal", ADDLOCAL="PolicyRefreshUrl", REFRESHURL=url)
    assert wine.values(POLICY_KEY) == policy(REFRESHURL=url), wine.context("ADDLOCAL")
    assert wine.unix(INSTALL_DIR).is_dir()


def test_uninstall_removes_what_it_wrote_and_nothing_else(wine: Wine, releases) -> None:
    old = releases["old"]
    # Set as by Group Policy before the install: one value the MSI has no property for, one
    # it has (IT sets StaleAfterDays by GPO, the rest on the command line), another app's.
    gpo = {"OrganisationName": ("REG_SZ", "Brookvale Council"), "StaleAfterDays": ("REG_SZ", "30")}
    for value, (_, data) in gpo.items():
        wine.reg_add(POLICY_KEY, value, data)
    wine.reg_add(OTHER_KEY, "Setting", "kept")
    given = {k: v for k, v in GIVEN.items() if k != "STALEAFTERDAYS"}
    log = install(wine, old, "install-gpo", **given)
    assert wine.values(POLICY_KEY) == policy(**given) | gpo, wine.context("after install")
    link = shortcut(wine, log)
    assert link.is_file()
    # The uninstall command published in the release JSON, as IT runs it.
    command = shlex.split(old.info["Uninstall"])
    assert command[:3] == ["msiexec", "/x", old.code]
    wine.msiexec(*command[1:], name="uninstall")
    assert not wine.unix(INSTALL_DIR).exists(), wine.context("files left")
    assert not link.exists(), wine.context("shortcut left")
    assert not wine.products(), wine.context("Add/Remove entry left")
    assert not wine.query(APP_KEY), wine.context("its own key left")
    assert wine.values(POLICY_KEY) == gpo, wine.context("policy values after uninstall")
    assert wine.values(OTHER_KEY) == {"Setting": ("REG_SZ", "kept")}
