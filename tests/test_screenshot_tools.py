"""The screenshot tools still run against today's widgets (one went stale unnoticed when the
route finder's date box was replaced): each is run offscreen into a scratch folder and must
write every picture it names."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.mark.parametrize(
    ("tool", "expected"),
    [
        ("layout_screenshots", {"guidance", "guidance-route-finder", "providers", "local-offer"}),
        ("take_screenshots", {"guidance", "providers", "local-offer", "handout"}),
    ],
)
def test_screenshot_tool_writes_its_pictures(tmp_path: Path, tool: str, expected: set[str]) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run(
        [sys.executable, "-m", f"tests.tools.{tool}", str(tmp_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    written = {p.stem for p in tmp_path.glob("*.png") if p.stat().st_size > 1000}
    assert expected <= written, (written, run.stdout[-1000:])
