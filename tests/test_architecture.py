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


def test_the_guidance_package_exports_its_tab_and_loads_its_sub_tabs_later() -> None:
    """``desktop.ui.guidance`` is a package (the tab, route finder, calculator, handout and
    date field); importing it gives the tab and loads none of the parts built when first
    shown."""
    code = (
        "import sys; import desktop.ui.guidance as g; "
        "print(g.__all__, g.GuidanceTab.__module__, "
        "sorted(m for m in sys.modules if m.startswith('desktop.ui.guidance.')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["['GuidanceTab']", "desktop.ui.guidance.tab", "['desktop.ui.guidance.tab']"]


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


# What start-up must not load (tests/benchmarks/bench_startup.py): the refresh machinery,
# bank holidays and phone parsing load on first use; the tabs the window does not open
# on, the guidance's route finder and calculator, the provider directory, the link
# checks and the places kept across new data load when first shown or needed.
HEAVY = (
    "sqlite_utils",
    "holidays",
    "phonenumbers",
    "desktop.data.feeds.refresh",
    "desktop.data.feeds.refresh_lock",
    "urllib.request",
    "PySide6.QtPrintSupport",
    "logging.handlers",  # the log rotates without it (desktop.logs.QuietFileHandler)
)
LATER = (
    "desktop.ui.providers",
    "desktop.ui.local_offer",
    "desktop.ui.guidance.route_panel",
    "desktop.ui.guidance.route_html",
    "desktop.ui.guidance.handout",
    "desktop.ui.guidance.deadline_panel",
    "desktop.ui.guidance.date_field",
    "desktop.ui.tab_places",
    "desktop.ui.plain",
    "desktop.ui.link_dialogs",
    "desktop.data.directory",
    "desktop.data.provider_files",
    "desktop.data.phones",
    "desktop.data.urls",
    "desktop.data.guidance_search",
    "desktop.data.working_days",
    # The ranking index's readers, Nearest first and "Did you mean": the start lists every
    # service by name and counts them without them.
    "desktop.data.ranking",
    "desktop.data.ranking_match",
    "desktop.data.ranking_index",
    "desktop.data.docsets",
    "desktop.data.nearby",
    "desktop.data.nearby_queries",
    "desktop.data.suggest",
    "desktop.data.detail_records",  # one service's details (the start only reads its rows)
    "html",
    "tomllib",  # the synonym list is read at the first search (search_terms.DeferredTerms)
)


def test_the_window_start_loads_only_what_its_first_view_needs(data_dir: Path) -> None:
    """The GUI as a user starts it, up to its first paint (the benchmark's own driver)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.first_window", "--modules"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    loaded = set(out.split())
    assert "desktop.ui.guidance" in loaded  # the first tab: the driver did start the window
    assert sorted(loaded & {*HEAVY, *LATER}) == []


def test_smoke_builds_every_tab_but_loads_none_of_the_heavy_parts(data_dir: Path) -> None:
    code = (
        "import sys\nfrom desktop.cli import main\nassert main(['--smoke']) == 0\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"
