"""IT policy: read leniently but loudly, and RefreshDisabled fails closed (review F5, F15)."""

from __future__ import annotations

import hashlib
import os
import sys
import threading
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.config import Policy, read_policy
from desktop.policy_ini import read_ini

DATA = Path(__file__).parent / "data"
NO_REGISTRY = {"registry": dict, "system_ini": Path("/nonexistent/policy.ini")}


def policy_of(tmp_path: Path, content: bytes | str) -> Policy:
    path = tmp_path / "policy.ini"
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return read_policy(env_ini=str(path), **NO_REGISTRY)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        # case 211: a duplicated key made configparser drop the whole file
        ("[Policy]\nRefreshDisabled=1\nRefreshDisabled=1\n", "set 2 times in policy.ini"),
        # case 212: a line before the first section
        ("RefreshDisabled=1\n[Policy]\nStaleAfterDays=30\n", "comes before the first [section]"),
        # case 213: one Latin-1 byte (Notepad's ANSI)
        ("[Policy]\nOrganisationName=Café\nRefreshDisabled=1\n".encode("cp1252"), "Windows-1252"),
        # case 215: an inline comment read the value as "false"
        (
            "[Policy]\nRefreshDisabled = yes ; managed\n",
            "the text after ';' was taken as a comment",
        ),
        ("[Policy]\nRefreshDisabled = maybe\n", "'maybe' is not 0 or 1"),
        ("[Policy]\nRefreshDisabled = 1\nRefreshDisabled = 0\n", "different values in policy.ini"),
        (
            "[Policy]\nrefreshdisabled = ON\nRefreshDisable = 0\n",
            "'RefreshDisable' is not a setting",
        ),
        ("[Policy]\nRefreshDisabled\n", "RefreshDisabled '' is not 0 or 1"),
        ("[Policy]\nRefreshDisabled 1\n", "has no '=': read as 'RefreshDisabled = 1'"),
    ],
    ids=[
        "duplicate",
        "before-section",
        "latin-1",
        "inline-comment",
        "unreadable-value",
        "conflict",
        "typo",
        "no-value",
        "no-delimiter",
    ],
)
def test_one_slip_no_longer_turns_refresh_back_on(
    tmp_path: Path, content: bytes | str, problem: str
) -> None:
    policy = policy_of(tmp_path, content)
    assert policy.refresh_disabled
    assert any(problem in p for p in policy.problems), policy.problems


def test_the_rest_of_a_file_with_slips_is_still_used(tmp_path: Path) -> None:
    policy = policy_of(
        tmp_path,
        "RefreshUrl = https://example.org/api ; the council feed\n"
        "[Policy]\n"
        'OrganisationName = "Brookvale SENDIASS"\n'
        "StaleAfterDays: 30\n"
        "NoPhoneHandler = yes\n"
        "garbage line\n",
    )
    assert policy.refresh_url == "https://example.org/api"
    assert policy.organisation_name == "Brookvale SENDIASS"
    assert policy.stale_after_days == 30
    assert policy.no_phone_handler
    assert not policy.refresh_disabled
    assert len(policy.problems) == 3  # before a section, a comment, a garbage line


def test_accented_names_in_every_encoding_notepad_writes(tmp_path: Path) -> None:
    text = "[Policy]\nOrganisationName=Café Ysgol\n"
    for data in (
        text.encode("cp1252"),
        text.encode("utf-8"),
        b"\xef\xbb\xbf" + text.encode("utf-8"),
        text.encode("utf-16"),  # with a BOM: Notepad's "Unicode"
    ):
        assert policy_of(tmp_path, data).organisation_name == "Café Ysgol"


def test_a_clean_file_has_no_problems(tmp_path: Path) -> None:
    policy = policy_of(tmp_path, "# IT\n[Policy]\nRefreshDisabled = 0\nStaleAfterDays = 90\n")
    assert policy == Policy(stale_after_days=90)


@pytest.mark.skipif(sys.platform == "win32", reason="devices and FIFOs are POSIX")
@pytest.mark.parametrize("kind", ["/dev/zero", "/dev/urandom", "fifo", "folder", "missing"])
def test_an_unreadable_policy_file_turns_refresh_off_and_says_so(tmp_path: Path, kind: str) -> None:
    """Cases 216, 218: /dev/zero gave MemoryError and a FIFO hung the start."""
    path = tmp_path / "policy.ini"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind.startswith("/dev/"):
        path = Path(kind)
    out: list[Policy] = []
    thread = threading.Thread(
        target=lambda: out.append(read_policy(env_ini=str(path), **NO_REGISTRY)), daemon=True
    )
    thread.start()
    thread.join(10)
    assert not thread.is_alive(), "reading the policy blocked"
    [policy] = out
    assert policy.refresh_disabled
    assert f"the policy file {path} cannot be read" in policy.problems[0]
    assert policy.problems[-1] == (
        "Refreshing is turned off because a policy source could not be read"
    )


def test_a_binary_or_huge_file_is_not_a_policy(tmp_path: Path) -> None:
    assert "is not a text file" in policy_of(tmp_path, b"[Policy]\n\0\0\0").problems[0]
    huge = policy_of(tmp_path, b"#" * (64 * 1024 + 1))
    assert huge.refresh_disabled and "larger than 64 KB" in huge.problems[0]


def test_a_later_source_cannot_turn_refresh_back_on(tmp_path: Path) -> None:
    system = tmp_path / "system.ini"
    system.write_text("[Policy]\nRefreshDisabled=1\n", encoding="utf-8")
    user = tmp_path / "user.ini"
    user.write_text("[Policy]\nRefreshDisabled=0\nStaleAfterDays=7\n", encoding="utf-8")
    policy = read_policy(registry=dict, system_ini=system, env_ini=str(user))
    assert policy.refresh_disabled and policy.stale_after_days == 7
    assert "an earlier one sets it" in policy.problems[0]


def test_the_registry_reader_is_a_seam(tmp_path: Path) -> None:
    """Windows reads HKLM through QSettings; a test (or helper "it") injects the reader."""
    policy = read_policy(
        registry=lambda: {"RefreshDisabled": "1", "RefreshUrl": "https://example.org/api"},
        system_ini=tmp_path / "none.ini",
        env_ini="",
    )
    assert policy.refresh_disabled and policy.refresh_url == "https://example.org/api"
    assert policy.problems == ()

    def broken() -> dict[str, str]:
        raise OSError("access denied")

    failed = read_policy(registry=broken, system_ini=tmp_path / "none.ini", env_ini="")
    assert failed.refresh_disabled
    assert "the policy in the registry cannot be read (access denied)" in failed.problems[0]


def test_problems_are_capped_for_a_file_of_noise(tmp_path: Path) -> None:
    path = tmp_path / "noise.ini"
    path.write_text("\n".join(f"noise {n}" for n in range(500)), encoding="utf-8")
    read = read_ini(path, ["RefreshUrl"])
    assert len(read.problems) == 21 and read.problems[-1] == "… and 480 more in noise.ini"


def test_the_cli_refuses_a_refresh_under_a_duplicated_key(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """Case 211 as the review ran it: the refresh ran (rc 0) under RefreshDisabled=1."""
    assert main(["info"]) == 0
    live = data_dir / "send-desk.sqlite"
    before = hashlib.sha256(live.read_bytes()).hexdigest()
    policy = tmp_path / "p.ini"
    policy.write_text("[Policy]\nRefreshDisabled=1\nRefreshDisabled=1\n", encoding="utf-8")
    monkeypatch.setenv("SEND_DESK_POLICY", str(policy))
    capsys.readouterr()
    assert main(["refresh", str(DATA / "oruk-v3-page1.json")]) == 1
    assert "managed by your organisation" in capsys.readouterr().err
    assert hashlib.sha256(live.read_bytes()).hexdigest() == before


def test_help_about_lists_the_policy_problems(
    qtbot, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from tests.qt_helpers import open_main_window

    policy = tmp_path / "policy.ini"
    policy.write_bytes(b"[Policy]\nRefreshDisabled = yes ; managed\nOrganisationName = <b>Caf\xe9\n")
    monkeypatch.setenv("SEND_DESK_POLICY", str(policy))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(text))
    win = open_main_window(qtbot)
    try:
        assert not win.menu_actions.refresh.isEnabled()
        win.menu_actions.about.trigger()
    finally:
        win.close()
        win.store.close()
    [text] = shown
    assert "IT policy problems" in text
    assert "policy.ini line 2: the text after &#x27;;&#x27; was taken as a comment" in text
    assert "read as Windows-1252" in text


@pytest.mark.skipif(sys.platform == "win32", reason="devices and FIFOs are POSIX")
@pytest.mark.parametrize("kind", ["fifo", "/dev/zero"])
def test_a_refresh_url_naming_a_fifo_or_device_is_refused(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, kind: str
) -> None:
    """Case 218: a RefreshUrl naming a FIFO hung the refresh (the open never returned)."""
    assert main(["info"]) == 0
    target = tmp_path / "feed.json"
    if kind == "fifo":
        os.mkfifo(target)
    else:
        target = Path(kind)
    policy = tmp_path / "policy.ini"
    policy.write_text(f"[Policy]\nRefreshUrl={target}\n", encoding="utf-8")
    monkeypatch.setenv("SEND_DESK_POLICY", str(policy))
    capsys.readouterr()
    codes: list[int] = []
    thread = threading.Thread(target=lambda: codes.append(main(["refresh"])), daemon=True)
    thread.start()
    thread.join(20)
    assert not thread.is_alive(), "the refresh blocked on the FIFO"
    assert codes == [1]
    assert f"{target} is not an ordinary file or folder" in capsys.readouterr().err
