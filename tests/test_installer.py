"""The MSI authoring: file-list generator, the WiX source against the app's policy code, the
release JSON, the ICU trim list, and (marked ``frozen``, needs msitools' wixl) an MSI built
from a small dist and checked."""

from __future__ import annotations

import json
import re
import shutil
import sys
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop import __version__
from desktop.config import POLICY_KEYS, POLICY_REGISTRY_KEY

ROOT = Path(__file__).resolve().parent.parent
INSTALLER = ROOT / "resources" / "installer"
sys.path.insert(0, str(INSTALLER))

import build_msi  # noqa: E402
import check_msi  # noqa: E402
import make_files_wxs as gen  # noqa: E402
import release_info  # noqa: E402
import trim_icu  # noqa: E402

WIX = "{http://schemas.microsoft.com/wix/2006/wi}"
WXS = INSTALLER / "send-desk.wxs"


def fake_dist(folder: Path, exe: str = "send-desk", cli: bool = True) -> Path:
    (folder / "_internal" / "data").mkdir(parents=True)
    (folder / "_internal" / "resources" / "icons").mkdir(parents=True)
    (folder / exe).write_bytes(b"exe")
    if cli:
        (folder / exe.replace("send-desk", "send-desk-cli")).write_bytes(b"console exe")
    (folder / "_internal" / "data" / "send-desk.sqlite").write_bytes(b"db" * 10)
    (folder / "_internal" / "Tom & Jerry's <notes>.txt").write_text("x")
    icon = ROOT / "resources" / "icons"
    sys.path.insert(0, str(icon))
    (folder / "_internal" / "resources" / "icons" / "send-desk.ico").write_bytes(
        __import__("make_icon").ico_bytes({16: b"\x89PNG fake"})
    )
    return folder


def test_component_guids_are_stable_and_differ_by_path() -> None:
    a = gen.component_guid("_internal/data/send-desk.sqlite")
    assert a == gen.component_guid("_internal/data/send-desk.sqlite")
    assert a != gen.component_guid("_internal/data/other.sqlite")
    assert uuid.UUID(a).version == 5


def test_generated_fragment_is_valid_xml_with_valid_ids(tmp_path: Path) -> None:
    dist = fake_dist(tmp_path / "dist")
    (dist / "_internal" / "link.so").symlink_to("data/send-desk.sqlite")
    files = gen.dist_files(dist)
    assert "_internal/link.so" not in files  # symlinks are left out
    root = ET.fromstring(gen.render(files))
    defining = {f"{WIX}{t}" for t in ("Component", "File", "Directory")}
    ids = [e.get("Id") for e in root.iter() if e.tag in defining]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]{0,71}", i) for i in ids), ids
    names = {f.get("Name") for f in root.iter(f"{WIX}File")}
    assert "Tom & Jerry's <notes>.txt" in names
    exe = [f for f in root.iter(f"{WIX}File") if f.get("Id") == "SendDeskExe"]
    assert exe and exe[0].get("Source") == "$(var.SourceDir)/send-desk"
    assert len(list(root.iter(f"{WIX}ComponentRef"))) == len(files)


def test_both_executables_get_fixed_file_ids(tmp_path: Path) -> None:
    files = gen.dist_files(fake_dist(tmp_path / "dist"))
    assert {"send-desk", "send-desk-cli"} <= set(files)
    assert gen.file_id("send-desk") == gen.file_id("send-desk.exe") == "SendDeskExe"
    assert gen.file_id("send-desk-cli") == gen.file_id("send-desk-cli.exe") == "SendDeskCliExe"


def test_generator_refuses_a_folder_without_the_app(tmp_path: Path) -> None:
    (tmp_path / "dist").mkdir()
    (tmp_path / "dist" / "readme.txt").write_text("x")
    assert gen.main([str(tmp_path / "dist"), str(tmp_path / "files.wxs")]) == 1
    assert not (tmp_path / "files.wxs").exists()


def test_wxs_writes_the_keys_the_app_reads() -> None:
    root = ET.parse(WXS).getroot()
    values = [v for v in root.iter(f"{WIX}RegistryValue") if "Policies" in (v.get("Key") or "")]
    assert values
    for v in values:
        assert v.get("Root") == "HKLM"
        assert "HKEY_LOCAL_MACHINE\\" + v.get("Key", "") == POLICY_REGISTRY_KEY
        assert v.get("Name") in POLICY_KEYS
        assert v.get("Value") == f"[{v.get('Name', '').upper()}]"
    names = {v.get("Name") for v in values}
    assert names == set(check_msi.POLICY.values())
    searches = list(root.iter(f"{WIX}RegistrySearch"))
    assert {s.get("Name") for s in searches} == names
    # Read back from the installer's own copy, never the policy key (Group Policy's too).
    assert {(s.get("Root"), s.get("Key")) for s in searches} == {("HKLM", check_msi.GIVEN_KEY)}
    copies = [v for v in root.iter(f"{WIX}RegistryValue") if v.get("Key") == check_msi.GIVEN_KEY]
    assert sorted((v.get("Name"), v.get("Value")) for v in copies) == sorted(
        (v.get("Name"), v.get("Value")) for v in values
    )


def test_wxs_upgrade_code_is_the_documented_one() -> None:
    code = check_msi.upgrade_code().strip("{}")
    assert code in (ROOT / "docs" / "it-deployment.md").read_text()


def test_policy_templates_use_the_same_key_and_names() -> None:
    admx = ET.parse(INSTALLER / "policy" / "SendAdviserDesk.admx").getroot()
    keys = {e.get("key") for e in admx.iter() if e.get("key")}
    assert keys == {POLICY_REGISTRY_KEY.removeprefix("HKEY_LOCAL_MACHINE\\")}
    names = {e.get("valueName") for e in admx.iter() if e.get("valueName")}
    assert names == set(check_msi.POLICY.values())
    adml = (INSTALLER / "policy" / "en-GB" / "SendAdviserDesk.adml").read_text()
    for ref in re.findall(r"\$\((?:string|presentation)\.(\w+)\)", ET.tostring(admx, "unicode")):
        assert f'id="{ref}"' in adml, ref


Tables = dict[str, dict[str, str]]
Change = Callable[[Tables, Tables], object]


def good_tables() -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    """A sequence and CustomAction table shaped as send-desk.wxs builds them."""
    seq: dict[str, dict[str, str]] = {}
    actions: dict[str, dict[str, str]] = {}

    def add(action: str, number: int, condition: str = "") -> None:
        seq[action] = {"Action": action, "Sequence": str(number), "Condition": condition}

    def ca(action: str, prop: str, value: str) -> None:
        actions[action] = {"Action": action, "Type": "51", "Source": prop, "Target": value}

    add("AppSearch", 50)
    add("CostFinalize", 1000)
    ca("PolicyPickApp", "SENDDESKFEATURES", "App")
    add("PolicyPickApp", 990, "NOT Installed AND NOT ADDLOCAL")
    for i, (prop, name) in enumerate(check_msi.POLICY.items()):
        ca(f"Save{name}", f"{name}CmdLine", f"[{prop}]")
        add(f"Save{name}", 40 + i, prop)
        ca(f"Restore{name}", prop, f"[{name}CmdLine]")
        add(f"Restore{name}", 51 + i, f"{name}CmdLine")
    return seq, actions


def test_cmdline_check_passes_on_the_save_restore_pattern() -> None:
    results = check_msi.cmdline_wins(*good_tables())
    assert len(results) == 2 * len(check_msi.POLICY)
    assert all(ok for ok, _ in results), results


@pytest.mark.parametrize(
    ("change", "failing"),
    [
        # the bug being fixed: no restore, AppSearch's value wins
        (lambda seq, ca: seq.pop("RestoreRefreshUrl"), "REFRESHURL restored"),
        # restored too late: the features are already chosen
        (lambda seq, ca: seq["RestoreStaleAfterDays"].update(Sequence="995"), "STALEAFTERDAYS"),
        # saved after AppSearch: it would save the registry's value
        (lambda seq, ca: seq["SaveProvidersFile"].update(Sequence="60"), "PROVIDERSFILE given"),
        # saved unconditionally: an empty save would blank the remembered value
        (lambda seq, ca: seq["SaveRefreshDisabled"].update(Condition=""), "REFRESHDISABLED"),
        # not a set-property action
        (lambda seq, ca: ca["RestoreRefreshUrl"].update(Type="1"), "REFRESHURL restored"),
    ],
)
def test_cmdline_check_fails_when_the_pattern_is_broken(change: Change, failing: str) -> None:
    seq, actions = good_tables()
    change(seq, actions)
    bad = [what for ok, what in check_msi.cmdline_wins(seq, actions) if not ok]
    assert len(bad) == 1 and bad[0].startswith(failing), bad


def test_wxs_saves_and_restores_every_policy_property_in_both_sequences() -> None:
    root = ET.parse(WXS).getroot()
    for table in ("InstallUISequence", "InstallExecuteSequence"):
        (sequence,) = root.iter(f"{WIX}{table}")
        conditions = {c.get("Action"): (c.text or "").strip() for c in sequence}
        for name in check_msi.POLICY.values():
            assert f"Save{name}" in conditions and f"Restore{name}" in conditions, (table, name)


needs_wixl = pytest.mark.frozen


def build(dist: Path, out: Path, wxs: Path = WXS) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    return build_msi.build(dist, out, __version__, wxs=wxs)


@needs_wixl
def test_small_msi_passes_the_table_check(tmp_path: Path) -> None:
    assert shutil.which("wixl"), "install msitools and wixl (apt-get install msitools wixl)"
    dist = fake_dist(tmp_path / "dist")
    msi = build(dist, tmp_path / "out" / "t.msi")
    problems, checked, notes = check_msi.check(msi, dist, __version__)
    assert not problems, problems
    assert len(checked) > 25
    # wixl cannot author SecureCustomProperties for the policy properties: said, not hidden.
    (note,) = notes
    assert note.startswith("rows wixl cannot author") and "REFRESHURL" in note
    strict, _, _ = check_msi.check(msi, dist, __version__, strict=True)
    assert strict == [f"SecureCustomProperties lacks {', '.join(sorted(check_msi.POLICY))}"]


@needs_wixl
def test_table_check_wants_the_console_exe_in_a_windows_dist(tmp_path: Path) -> None:
    dist = fake_dist(tmp_path / "dist", exe="send-desk.exe", cli=False)
    msi = build(dist, tmp_path / "out" / "w.msi")
    problems, _, _ = check_msi.check(msi, dist, __version__)
    assert problems == ["File send-desk-cli.exe: a Windows dist must have the console executable"]


@needs_wixl
def test_table_check_fails_on_an_msi_where_the_registry_value_wins(tmp_path: Path) -> None:
    """The old authoring (no restore after AppSearch) must not pass the check."""
    assert shutil.which("wixl"), "install msitools and wixl (apt-get install msitools wixl)"
    dist = fake_dist(tmp_path / "dist")
    old = re.sub(r"\s*<Custom Action=\"Restore\w+\"[^>]*>[^<]*</Custom>", "", WXS.read_text())
    assert old != WXS.read_text()
    wxs = tmp_path / "old.wxs"
    wxs.write_text(old, encoding="utf-8")
    msi = build(dist, tmp_path / "out" / "old.msi", wxs)
    problems, _, _ = check_msi.check(msi, dist, __version__)
    assert len(problems) == 2 * len(check_msi.POLICY), problems
    assert all("restored" in p for p in problems), problems


@needs_wixl
def test_table_check_fails_when_a_dist_file_is_missing_or_version_wrong(tmp_path: Path) -> None:
    assert shutil.which("wixl"), "install msitools and wixl (apt-get install msitools wixl)"
    dist = fake_dist(tmp_path / "dist")
    msi = build(dist, tmp_path / "out" / "t.msi")
    (dist / "_internal" / "late.txt").write_text("added after the build")
    problems, _, _ = check_msi.check(msi, dist, "9.9.9")
    assert any("late.txt" in p for p in problems), problems
    assert any("ProductVersion" in p for p in problems), problems


@needs_wixl
def test_product_code_changes_but_component_guids_do_not(tmp_path: Path) -> None:
    dist = fake_dist(tmp_path / "dist")
    one = build(dist, tmp_path / "a" / "one.msi")
    two = build(dist, tmp_path / "b" / "two.msi")

    def props(msi: Path) -> dict[str, str]:
        return {r["Property"]: r["Value"] for r in check_msi.export(msi, "Property")}

    def guids(msi: Path) -> dict[str, str]:
        return {r["Component"]: r["ComponentId"] for r in check_msi.export(msi, "Component")}

    assert props(one)["ProductCode"] != props(two)["ProductCode"]
    assert props(one)["UpgradeCode"] == props(two)["UpgradeCode"]
    assert guids(one) == guids(two)


def test_secure_check_fails_only_where_it_should() -> None:
    public = set(check_msi.POLICY)
    wix = "Windows Installer XML Toolset (3.14.1.8722)"
    full = {"SecureCustomProperties": "WIX_UPGRADE_DETECTED;" + ";".join(sorted(public))}
    partial = {"SecureCustomProperties": "WIX_DOWNGRADE_DETECTED;WIX_UPGRADE_DETECTED;REFRESHURL"}
    assert check_msi.secure_check(full, public, wix, strict=True)[:2] == (
        True,
        "SecureCustomProperties lists DATAFILE, PROVIDERSFILE, REFRESHDISABLED, REFRESHURL, "
        "STALEAFTERDAYS, TAXONOMYMAPFILE",
    )
    ok, what, note = check_msi.secure_check(partial, public, wix, strict=False)
    assert (ok, note) == (False, False)
    assert what == (
        "SecureCustomProperties lacks DATAFILE, PROVIDERSFILE, REFRESHDISABLED, STALEAFTERDAYS, "
        "TAXONOMYMAPFILE"
    )
    ok, what, note = check_msi.secure_check(partial, public, "msitools 0.101", strict=False)
    assert (ok, note) == (True, True) and "wixl cannot author" in what
    assert check_msi.secure_check({}, public, "msitools 0.101", strict=True)[:1] == (False,)


def test_release_json_has_the_detection_rule_data(tmp_path: Path) -> None:
    msi = tmp_path / "send-desk-1.2.3-x64.msi"
    msi.write_bytes(b"not really an msi")
    code = "{11111111-2222-3333-4444-555555555555}"
    props = {"ProductCode": code, "ProductVersion": "1.2.3", "UpgradeCode": "{UP}"}
    info = json.loads(json.dumps(release_info.release_info(msi, props)))
    assert info["ProductCode"] == code and info["File"] == msi.name
    assert info["Uninstall"] == f"msiexec /x {code} /qn /norestart"
    intune = info["Detection"]["Intune"]
    assert intune["productCode"] == code and intune["productVersion"] == "1.2.3"
    assert intune["productVersionOperator"] == "greaterThanOrEqual"
    reg = info["Detection"]["Registry"]
    assert reg["Key"].endswith("\\Uninstall\\" + code) and reg["Value"] == "1.2.3"
    assert len(info["SHA256"]) == 64


def test_icu_trim_keeps_english_and_the_shared_items() -> None:
    kept = [
        "root.res", "en.res", "en_GB.res", "en_001.res", "pool.res", "res_index.res",
        "coll/root.res", "coll/en.res", "coll/ucadata.icu", "coll/res_index.res",
        "brkitr/word.brk", "brkitr/root.res", "zone/tzdbNames.res", "curr/pool.res",
        "cnvalias.icu", "uts46.nrm", "unames.icu", "supplementalData.res",
        "likelySubtags.res", "ibm-5348_P100-1997.cnv",
    ]  # fmt: skip
    gone = [
        "de.res", "cy_GB.res", "zh_Hant_TW.res", "coll/de_.res", "coll/zh.res",
        "brkitr/cjdict.dict", "translit/root.res", "ibm-943_P15A-2003.cnv", "gb18030.cnv",
    ]  # fmt: skip
    assert trim_icu.dropped(kept + gone) == gone


def test_windows_workflow_is_valid_yaml_with_the_documented_steps() -> None:
    """Issue #7: the workflow parses and runs what docs/it-deployment.md describes."""
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "windows-msi.yml").read_text())
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as True
    assert "workflow_dispatch" in triggers
    assert workflow["env"]["WIX_VERSION"].startswith("3.")  # WiX 6+ has a fee-based licence
    build = workflow["jobs"]["build"]
    assert build["runs-on"] == "windows-latest"
    runs = "\n".join(step.get("run", "") for step in build["steps"])
    for command in ("pytest -q", "pyinstaller", "build_installer.spec", "candle", "light"):
        assert command in runs, command
    # The frozen smoke tests (test_frozen.py) on the Windows dist, and its size reported.
    frozen = [s for s in build["steps"] if "-m frozen tests/test_frozen.py" in s.get("run", "")]
    assert frozen and frozen[0].get("env", {}).get("SEND_DESK_FROZEN_DIST")
    assert "bench_frozen.py" in runs and "GITHUB_STEP_SUMMARY" in runs
    signing = [s for s in build["steps"] if "sign" in s.get("name", "").lower()]
    assert signing and all("SIGN_CERT_BASE64" in s.get("if", "") for s in signing)
    uploads = [
        s for s in build["steps"] if str(s.get("uses", "")).startswith("actions/upload-artifact")
    ]
    assert uploads
    checks = "\n".join(
        step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]
    )
    assert "check_msi.py" in checks and "--json" in checks  # ProductCode + version published
    assert "--strict" in checks  # SecureCustomProperties required of the WiX-built MSI
    assert "-m wine tests/test_wine_install.py" in checks and "SEND_DESK_WINE_MSIS" in checks
    docs = (ROOT / "docs" / "it-deployment.md").read_text(encoding="utf-8")
    assert "windows-msi.yml" in docs
