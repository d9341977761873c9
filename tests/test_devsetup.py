"""devsetup start: a Qt platform that draws nowhere counts as "no display" (issue 13 §10)."""

from __future__ import annotations

import pytest

from desktop import devsetup


@pytest.mark.parametrize(
    ("env", "platform", "expected"),
    [
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"}, "linux", False),
        ({"QT_QPA_PLATFORM": "minimal"}, "linux", False),
        ({"QT_QPA_PLATFORM": "offscreen:configfile=/tmp/s.json"}, "linux", False),
        ({"QT_QPA_PLATFORM": "Offscreen"}, "win32", False),
        ({"QT_QPA_PLATFORM": "minimal"}, "darwin", False),
        ({}, "linux", False),
        ({"DISPLAY": ":0"}, "linux", True),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", True),
        ({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":1"}, "linux", True),
        ({}, "win32", True),
    ],
)
def test_has_display(env: dict[str, str], platform: str, expected: bool) -> None:
    assert devsetup.has_display(env, platform) is expected


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[tuple[list[str], dict[str, str]]]:
    """`start` with set-up skipped and the app launch recorded instead of run."""
    calls: list[tuple[list[str], dict[str, str]]] = []
    monkeypatch.setattr(devsetup, "ensure_system_packages", lambda: None)
    monkeypatch.setattr(devsetup, "ensure_venv", lambda extras: None)
    monkeypatch.setattr(devsetup.sys, "platform", "linux")
    monkeypatch.setattr(
        devsetup, "hand_over", lambda cmd, env=None: calls.append((cmd, dict(env or {}))) or 0
    )
    for key in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(key, raising=False)
    return calls


@pytest.mark.parametrize("qpa", ["offscreen", "minimal"])
def test_start_on_a_headless_platform_runs_the_smoke_test(
    started: list, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], qpa: str
) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", qpa)
    monkeypatch.setenv("DISPLAY", ":0")  # a display variable does not make offscreen visible
    assert devsetup.main(["start"]) == 0
    (cmd, env), = started
    assert cmd[-1] == "--smoke" and cmd[1:3] == ["-m", "desktop"]
    assert env["QT_QPA_PLATFORM"] == "offscreen"
    assert "smoke test" in capsys.readouterr().out


def test_start_with_a_display_starts_the_window(
    started: list, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    devsetup.main(["start"])
    (cmd, _env), = started
    assert "--smoke" not in cmd


def test_start_passes_a_subcommand_through_even_without_a_display(started: list) -> None:
    devsetup.main(["start", "info"])
    (cmd, _env), = started
    assert cmd[-1] == "info" and "--smoke" not in cmd


def test_start_after_test_installs_nothing_more(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The README's order is start, then test; run the other way round, the test install
    already holds the app, so `start` must not reinstall the venv through pip (it did)."""
    venv = tmp_path / ".venv"
    python = venv / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text("")
    monkeypatch.setattr(devsetup, "VENV", venv)
    monkeypatch.setattr(devsetup, "PYTHON", python)
    installs: list[list[str]] = []
    monkeypatch.setattr(devsetup, "run", lambda cmd, **kw: installs.append(cmd))
    devsetup.ensure_venv("test")
    assert any("-e" in cmd and ".[test]" in cmd for cmd in installs)
    installs.clear()
    devsetup.ensure_venv("")  # start after test
    assert installs == []
    devsetup.ensure_venv("test")  # and test again
    assert installs == []
    (venv / ".send-desk-installed-test").write_text("stale\n")  # pyproject changed, say
    devsetup.ensure_venv("test")
    assert any(".[test]" in cmd for cmd in installs)
