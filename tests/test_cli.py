"""The command line: --smoke, info, search, build-db, errors."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.data import schema
from tests.conftest import ROOT

BLOCK_NETWORK = """
import socket, sys
def refuse(*a, **k):
    raise OSError("network use is blocked in this test")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
from desktop.cli import main
sys.exit(main(sys.argv[1:]))
"""


def run_cli(args: list[str], env_extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **env_extra}
    return subprocess.run(
        [sys.executable, "-c", BLOCK_NETWORK, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_smoke_starts_offline(data_dir: Path, bundled_db: Path) -> None:
    result = run_cli(
        ["--smoke"], {"SEND_DESK_DATA_DIR": str(data_dir), "SEND_DESK_BUNDLED_DB": str(bundled_db)}
    )
    assert result.returncode == 0, result.stderr
    assert "smoke test passed" in result.stdout
    assert (data_dir / "send-desk.sqlite").exists()
    assert (data_dir / "logs" / "send-desk.log").exists()


def test_smoke_fails_with_one_line_on_a_newer_schema(
    data_dir: Path, bundled_db: Path, db_copy: Path
) -> None:
    conn = sqlite3.connect(db_copy)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 5}")
    conn.close()
    result = run_cli(
        ["--db", str(db_copy), "--smoke"],
        {"SEND_DESK_DATA_DIR": str(data_dir), "SEND_DESK_BUNDLED_DB": str(bundled_db)},
    )
    assert result.returncode == 3
    assert result.stderr.strip().count("\n") == 0
    assert "newer version" in result.stderr
    assert "Traceback" not in result.stderr


def test_info_reports_counts(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info"]) == 0
    out = capsys.readouterr().out
    fields = dict(
        line.split(None, 1) if "  " not in line else [p.strip() for p in line.split("  ", 1)]
        for line in out.splitlines()
    )
    assert int(fields["guidance sections"]) >= 3
    assert int(fields["providers"]) >= 2
    assert int(fields["services"]) >= 60
    assert fields["demo data"].startswith("yes")
    assert fields["schema version"].startswith(str(schema.SCHEMA_VERSION))


def test_search_text_and_json(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "speech"]) == 0
    out = capsys.readouterr().out
    assert "demo data" in out and "found" in out
    assert main(["search", "speech", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total"] >= 1 and data["demo"] is True
    assert all(
        "speech" in (r["name"] + r["organisation"]).lower() or r["id"] for r in data["results"]
    )
    assert main(["search", '"NEAR(', "--json"]) == 0
    json.loads(capsys.readouterr().out)


def test_build_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "built.sqlite"
    assert main(["build-db", str(out)]) == 0
    assert "services" in capsys.readouterr().out
    conn = sqlite3.connect(out)
    assert conn.execute("SELECT count(*) FROM services").fetchone()[0] >= 60
    conn.close()


def test_build_db_reports_a_broken_resources_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "guidance").mkdir()
    assert main(["build-db", str(tmp_path / "x.sqlite"), "--resources", str(tmp_path)]) == 1
    assert "build-db failed" in capsys.readouterr().err


def test_gui_without_display_says_what_to_do(data_dir: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}
    }
    if sys.platform != "linux":
        pytest.skip("display detection only matters on Linux")
    result = subprocess.run(
        [sys.executable, "-m", "desktop"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "xvfb-run" in result.stderr


def test_a_bad_policy_value_is_logged_not_silently_dropped(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    policy = tmp_path / "policy.ini"
    policy.write_text("[Policy]\nStaleAfterDays = soon\n")
    monkeypatch.setenv("SEND_DESK_POLICY", str(policy))
    assert main(["info"]) == 0
    logged = (data_dir / "logs" / "send-desk.log").read_text(encoding="utf-8")
    assert "StaleAfterDays 'soon' is not a whole number of days" in logged
