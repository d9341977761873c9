"""Layering (design §9): the import contracts, what they cannot see (modules loaded at run
time, the start-up budget), and that every resource the build names exists."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

DATA = ROOT / "desktop" / "data"


def data_modules() -> list[str]:
    """Every module under desktop/data, sub-packages included (rglob: a new package counts)."""
    return [
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for p in sorted(DATA.rglob("*.py"))
    ]


def test_the_module_walk_sees_sub_packages() -> None:
    assert "desktop.data.feeds.refresh" in data_modules()


def test_the_layer_contracts_are_kept() -> None:
    """The import-linter contracts in pyproject.toml (design §9; .ci/run runs them too):
    Data and Feeds never import Qt, the UI or config; Data never imports Feeds; Entry
    above UI above Data. They replace an AST scan of desktop/data, which could not see an
    import made through another module. In a subprocess: import-linter sets up logging."""
    code = (
        "import sys; from importlinter.cli import lint_imports; "
        "sys.exit(lint_imports(no_cache=True))"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:]


def test_importing_the_data_layer_loads_no_qt() -> None:
    modules = ", ".join(data_modules())
    code = f"import sys, importlib\nfor m in '{modules}'.split(', '): importlib.import_module(m)\nprint(sorted(k for k in sys.modules if k.startswith('PySide6')))"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_resources_the_code_refers_to_exist() -> None:
    from desktop.bundle import source_files
    from desktop.config import resources_dir

    for path in source_files(resources_dir()):
        assert path.exists(), path
    assert list((resources_dir() / "guidance").glob("*.md"))


def test_start_up_does_not_load_what_only_later_actions_need(data_dir: Path) -> None:
    """Start-up stays near a bare Qt window (tests/benchmarks/bench_startup.py): the refresh
    machinery, bank holidays and phone parsing load on first use, not at start."""
    heavy = (
        "sqlite_utils",
        "holidays",
        "phonenumbers",
        "desktop.data.feeds.refresh",
        "urllib.request",
        "PySide6.QtPrintSupport",
    )
    code = (
        "import sys\nfrom desktop.cli import main\nassert main(['--smoke']) == 0\n"
        f"print(sorted(m for m in {heavy!r} if m in sys.modules))"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"
