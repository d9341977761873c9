"""Authoring check of the MSI: read its tables with `msiinfo export` and assert what matters.

    python resources/installer/check_msi.py MSI DIST [--version X.Y.Z] [--json OUT] [--strict]

This checks what the MSI *says* (properties, upgrade rows, sequences, registry rows and the
actions that choose them, the save/restore actions that let a property given on the command
line win over the remembered one, SecureCustomProperties, the shortcut, one File row per
dist file with its size, the executables). It does not install anything:
tests/test_wine_install.py runs the MSI under Wine's Windows Installer, and only a Windows
machine shows Microsoft's doing it. Works on any MSI, including one built on Windows.

wixl (msitools 0.101) cannot author every row: it ignores ``Secure="yes"``, so its
SecureCustomProperties lacks the policy properties. For an MSI whose summary says wixl
built it, that is printed as a ``note`` naming the rows, not a failure; ``--strict`` (the
Windows workflow, on the WiX-built MSI) makes it one. Exit 0 when every check passes; 1
and a list of problems otherwise. Needs msitools (`msiinfo`).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_files_wxs import CLI_ID, CLI_NAMES, dist_files, file_id  # noqa: E402
from release_info import release_info  # noqa: E402

POLICY = {  # public property -> registry value name (desktop/config.py POLICY_KEYS)
    "REFRESHURL": "RefreshUrl",
    "REFRESHDISABLED": "RefreshDisabled",
    "STALEAFTERDAYS": "StaleAfterDays",
    "PROVIDERSFILE": "ProvidersFile",
    "DATAFILE": "DataFile",
    "TAXONOMYMAPFILE": "TaxonomyMapFile",
}
POLICY_KEY = r"Software\Policies\SEND Adviser Desk"
# The installer's own copy of what it was given, read back on upgrade and repair: never the
# policy key, where a value Group Policy set must not be taken over by the MSI.
GIVEN_KEY = r"Software\SEND Adviser Desk\InstallProperties"
HKLM = "2"
GUID = re.compile(r"^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$")


def upgrade_code() -> str:
    """The fixed UpgradeCode, as written in send-desk.wxs."""
    match = re.search(r'UpgradeCode="([0-9A-F-]{36})"', (HERE / "send-desk.wxs").read_text())
    if not match:
        raise ValueError("send-desk.wxs has no UpgradeCode")
    return "{" + match.group(1) + "}"


def export(msi: Path, table: str) -> list[dict[str, str]]:
    # msiinfo writes binary columns (the Icon table) as files under the working directory.
    with tempfile.TemporaryDirectory() as scratch:
        out = subprocess.run(
            ["msiinfo", "export", str(msi.resolve()), table],
            check=True,
            capture_output=True,
            text=True,
            cwd=scratch,
        ).stdout
    lines = out.splitlines()
    if len(lines) < 3:
        return []
    names = lines[0].split("\t")
    return [dict(zip(names, line.split("\t"), strict=False)) for line in lines[3:] if line]


def set_property_actions(actions: dict[str, dict[str, str]]) -> list[tuple[str, str, str]]:
    """(action, property set, value) of every type-51 action (low six bits of Type)."""
    return [
        (name, r["Source"], r["Target"])
        for name, r in actions.items()
        if int(r["Type"] or 0) & 63 == 51
    ]


def cmdline_wins(
    seq: dict[str, dict[str, str]], actions: dict[str, dict[str, str]]
) -> list[tuple[bool, str]]:
    """A policy property given on the command line survives AppSearch in this sequence.

    AppSearch overwrites a property with what its RegistrySearch finds, so for each policy
    property there must be: a type-51 action copying [PROP] to another property, run only
    when PROP is set and sequenced before AppSearch; and one copying that back to PROP,
    run only when the copy is set, after AppSearch and before the actions that choose the
    policy features (which must in turn come before CostFinalize).
    """
    results: list[tuple[bool, str]] = []
    sets = set_property_actions(actions)

    def at(action: str) -> int:
        return int(seq[action]["Sequence"]) if action in seq else -1

    def cond(action: str) -> str:
        return seq[action]["Condition"].strip() if action in seq else ""

    picks = [a for a, target, _ in sets if target in {"SENDDESKFEATURES", "ADDLOCAL"}]
    first_pick = min((at(a) for a in picks if a in seq), default=-1)
    search = at("AppSearch")
    for prop in POLICY:
        saves = [(a, target) for a, target, value in sets if value == f"[{prop}]" and a in seq]
        saves = [(a, target) for a, target in saves if target not in {prop, "SENDDESKFEATURES"}]
        ok = len(saves) == 1 and cond(saves[0][0]) == prop and 0 <= at(saves[0][0]) < search
        results.append((ok, f"{prop} given on the command line saved before AppSearch"))
        if not ok:
            continue
        copy = saves[0][1]
        restores = [a for a, target, value in sets if target == prop and value == f"[{copy}]"]
        restores = [a for a in restores if a in seq]
        ok = (
            len(restores) == 1
            and cond(restores[0]) == copy
            and search < at(restores[0]) < first_pick < at("CostFinalize")
        )
        results.append(
            (ok, f"{prop} restored from {copy} after AppSearch, before the feature choice")
        )
    return results


def built_by(msi: Path) -> str:
    """The summary information's Creating Application ("msitools 0.101", "Windows Installer
    XML Toolset (3.14…)")."""
    out = subprocess.run(
        ["msiinfo", "suminfo", str(msi)], check=True, capture_output=True, text=True
    ).stdout
    match = re.search(r"^Application: (.*)$", out, re.MULTILINE)
    return match.group(1).strip() if match else ""


def secure_check(
    props: dict[str, str], public: set[str], application: str, strict: bool
) -> tuple[bool, str, bool]:
    """(ok, what, is_note): every public property is in SecureCustomProperties.

    Without it a property given on the command line of a UI (non-silent) install does not
    reach the elevated server side. wixl cannot write these entries, so for its MSIs a
    missing entry is a note (unless strict); for any other MSI it is a failure.
    """
    secure = {p for p in props.get("SecureCustomProperties", "").split(";") if p}
    missing = sorted(public - secure)
    if not missing:
        return True, f"SecureCustomProperties lists {', '.join(sorted(public))}", False
    if application.startswith("msitools") and not strict:
        return (
            True,
            f"rows wixl cannot author ({application} ignores Secure=\"yes\"): "
            f"SecureCustomProperties lacks {', '.join(missing)}; the WiX-built release MSI "
            "is checked for them (--strict in .github/workflows/windows-msi.yml)",
            True,
        )
    return False, f"SecureCustomProperties lacks {', '.join(missing)}", False


def check(
    msi: Path, dist: Path, version: str, strict: bool = False
) -> tuple[list[str], list[str], list[str]]:
    """(problems, what was checked, notes)."""
    problems: list[str] = []
    checked: list[str] = []
    notes: list[str] = []

    def expect(ok: bool, what: str) -> None:
        (checked if ok else problems).append(what)

    props = {r["Property"]: r["Value"] for r in export(msi, "Property")}
    code = upgrade_code()
    expect(props.get("ALLUSERS") == "1", "Property ALLUSERS=1 (per-machine)")
    expect(props.get("UpgradeCode") == code, f"Property UpgradeCode={code}")
    expect(props.get("ProductVersion") == version, f"Property ProductVersion={version}")
    expect(bool(GUID.match(props.get("ProductCode", ""))), "Property ProductCode is a GUID")
    expect(props.get("ARPNOMODIFY") == "1", "Property ARPNOMODIFY=1")
    icon = props.get("ARPPRODUCTICON", "")
    expect(icon in {r["Name"] for r in export(msi, "Icon")}, f"ARPPRODUCTICON {icon!r} in Icon")
    for link in ("ARPHELPLINK", "ARPURLINFOABOUT"):
        expect(props.get(link, "").startswith("https://"), f"Property {link} is an https link")
    # Public properties IT passes: every one the MSI searches for or writes to the registry.
    public = {r["Property"] for r in export(msi, "AppSearch") if r["Property"].isupper()}
    public |= {
        m.group(1)
        for r in export(msi, "Registry")
        if (m := re.fullmatch(r"\[([A-Z][A-Z0-9_]*)\]", r["Value"]))
    }
    expect(public == set(POLICY), f"public properties are the policy ones: {sorted(public)}")
    ok, what, is_note = secure_check(props, public, built_by(msi), strict)
    (notes if is_note else checked if ok else problems).append(what)

    upgrades = export(msi, "Upgrade")
    expect(
        any(
            r["UpgradeCode"] == code and r["VersionMax"] == version and r["Attributes"] == "1"
            for r in upgrades
        ),
        "Upgrade row: older versions detected and removed (WIX_UPGRADE_DETECTED)",
    )
    expect(
        any(
            r["UpgradeCode"] == code and r["VersionMin"] == version and r["Attributes"] == "2"
            for r in upgrades
        ),
        "Upgrade row: newer versions detected (WIX_DOWNGRADE_DETECTED)",
    )
    expect(
        any("WIX_DOWNGRADE_DETECTED" in r["Condition"] for r in export(msi, "LaunchCondition")),
        "LaunchCondition: downgrade blocked with a message",
    )

    seq = {r["Action"]: r for r in export(msi, "InstallExecuteSequence")}

    def at(action: str) -> int:
        return int(seq[action]["Sequence"]) if action in seq else -1

    expect(
        at("InstallValidate") < at("RemoveExistingProducts") < at("InstallInitialize"),
        "RemoveExistingProducts sequenced between InstallValidate and InstallInitialize",
    )

    registry = export(msi, "Registry")
    feature_of = {r["Component_"]: r["Feature_"] for r in export(msi, "FeatureComponents")}
    actions = {r["Action"]: r for r in export(msi, "CustomAction")}
    locators = {r["Signature_"]: r for r in export(msi, "RegLocator")}
    searches = {r["Property"]: r["Signature_"] for r in export(msi, "AppSearch")}
    for prop, name in POLICY.items():
        rows = [
            r
            for r in registry
            if r["Root"] == HKLM and r["Key"] == POLICY_KEY and r["Name"] == name
        ]
        ok = len(rows) == 1 and rows[0]["Value"] == f"[{prop}]"
        expect(ok, f"Registry HKLM\\{POLICY_KEY}\\{name} = [{prop}]")
        if not ok:
            continue
        feature = feature_of.get(rows[0]["Component_"], "")
        picks = [
            a
            for a, r in actions.items()
            if r["Source"] == "SENDDESKFEATURES" and r["Target"].endswith("," + feature)
        ]
        conds = [seq[a]["Condition"] for a in picks if a in seq]
        expect(
            bool(feature) and len(conds) == 1 and re.search(rf"\b{prop}$", conds[0]) is not None,
            f"{name} written only when {prop} is given (feature {feature!r} chosen if {prop})",
        )
        copies = [
            r
            for r in registry
            if r["Root"] == HKLM and r["Key"] == GIVEN_KEY and r["Name"] == name
        ]
        expect(
            len(copies) == 1
            and copies[0]["Value"] == f"[{prop}]"
            and copies[0]["Component_"] == rows[0]["Component_"],
            f"Registry HKLM\\{GIVEN_KEY}\\{name} = [{prop}], in the policy value's component",
        )
        loc = locators.get(searches.get(prop, ""), {})
        expect(
            loc.get("Root") == HKLM and loc.get("Key") == GIVEN_KEY and loc.get("Name") == name,
            f"AppSearch reads {prop} back from the installer's copy (kept on upgrade and "
            "repair; a Group Policy value is not taken over)",
        )
    for table in ("InstallExecuteSequence", "InstallUISequence"):
        sequence = {r["Action"]: r for r in export(msi, table)}
        for ok, what in cmdline_wins(sequence, actions):
            expect(ok, f"{table}: {what}")
    expect(
        at("AppSearch") < at("PolicyPickApp") < at("PolicySetAddLocal") < at("CostFinalize"),
        "policy features chosen after AppSearch and before CostFinalize",
    )
    expect(
        "ADDLOCAL" in {r["Source"] for r in actions.values()},
        "a set-property action fills ADDLOCAL",
    )

    shortcuts = export(msi, "Shortcut")
    expect(
        any(
            s["Directory_"] == "ProgramMenuFolder" and s["Target"] == "[#SendDeskExe]"
            for s in shortcuts
        ),
        "Shortcut in ProgramMenuFolder to [#SendDeskExe]",
    )
    dirs = {r["Directory"]: r for r in export(msi, "Directory")}
    expect(
        dirs.get("INSTALLDIR", {}).get("Directory_Parent") == "ProgramFiles64Folder",
        "INSTALLDIR under ProgramFiles64Folder",
    )
    components = export(msi, "Component")
    expect(
        all(int(c["Attributes"]) & 256 for c in components),
        f"all {len(components)} components 64-bit",
    )

    files = {r["File"]: r for r in export(msi, "File")}
    wanted = dist_files(dist)
    missing = [rel for rel in wanted if file_id(rel) not in files]
    wrong_size = [
        rel
        for rel in wanted
        if file_id(rel) in files
        and int(files[file_id(rel)]["FileSize"]) != (dist / rel).stat().st_size
    ]
    expect(
        not missing,
        f"File: all {len(wanted)} dist files present"
        + (f"; missing {missing[:5]}" if missing else ""),
    )
    expect(
        not wrong_size,
        "File: sizes match the dist" + (f"; differ {wrong_size[:5]}" if wrong_size else ""),
    )
    expect(len(files) == len(wanted), f"File: {len(files)} rows for {len(wanted)} dist files")
    # The console twin is built only on Windows (build_installer.spec), where a windowed
    # exe has no console; a Linux dist has the one executable.
    if any(name in wanted for name in CLI_NAMES):
        expect(
            CLI_ID in files
            and files[CLI_ID]["FileName"].split("|")[-1].startswith("send-desk-cli"),
            f"File {CLI_ID}: the console executable for the command line",
        )
    elif "send-desk.exe" in wanted:
        expect(False, "File send-desk-cli.exe: a Windows dist must have the console executable")
    else:
        notes.append("no console executable: a Linux dist has one (windowed + console) exe")
    return problems, checked, notes


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("msi", type=Path)
    parser.add_argument("dist", type=Path)
    parser.add_argument("--version", default=None, help="expected ProductVersion")
    parser.add_argument(
        "--json",
        type=Path,
        default=None,
        help="write ProductCode, UpgradeCode, version and detection-rule data here",
    )
    parser.add_argument(
        "--strict", action="store_true", help="no wixl allowances (the WiX-built release MSI)"
    )
    args = parser.parse_args(argv)
    version = args.version
    if version is None:
        sys.path.insert(0, str(HERE.parent.parent))
        from desktop import __version__ as version
    problems, checked, notes = check(args.msi, args.dist, version, strict=args.strict)
    if args.json and not problems:
        props = {r["Property"]: r["Value"] for r in export(args.msi, "Property")}
        info = release_info(args.msi, props)
        args.json.write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")
    for line in checked:
        print(f"ok   {line}")
    for line in notes:
        print(f"note {line}")
    for line in problems:
        print(f"FAIL {line}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
