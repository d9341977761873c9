"""Building the bundled database from resources/."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.bundle import BundleError, build, ensure_built
from desktop.data.guidance import GuidanceError, parse_section
from desktop.data.providers import parse_providers
from tests.conftest import RESOURCES, SHARED


def rows(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_building_twice_gives_the_same_rows(tmp_path: Path) -> None:
    a, b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    counts = build(a, RESOURCES)
    build(b, RESOURCES)
    assert rows(a) == rows(b)
    assert (
        counts["guidance_sections"] >= 3 and counts["providers"] >= 2 and counts["services"] >= 60
    )


def test_ensure_built_only_rebuilds_when_sources_change(tmp_path: Path) -> None:
    res = tmp_path / "resources"
    import shutil

    shutil.copytree(RESOURCES, res, ignore=shutil.ignore_patterns("installer", "icons"))
    out = tmp_path / "b.sqlite"
    assert ensure_built(out, res) is True
    assert ensure_built(out, res) is False
    section = next((res / "guidance").glob("*.md"))
    section.write_text(section.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert ensure_built(out, res) is True


def test_demo_export_is_fictional_and_varied() -> None:
    doc = json.loads((RESOURCES / "demo" / "local-offer.json").read_text(encoding="utf-8"))
    services = doc["contents"]
    assert len(services) >= 60
    areas = {a["name"] for s in services for a in s.get("service_areas", [])}
    assert len(areas) >= 4
    cats = {a["taxonomy_term"]["code"] for s in services for a in s.get("attributes", [])}
    assert {"education", "health", "social-care"} <= cats
    ages = [(s.get("minimum_age"), s.get("maximum_age")) for s in services]
    assert min(a for a, _ in ages) == 0 and max(b for _, b in ages) == 25
    for s in services:
        phones = [p for c in s.get("contacts", []) for p in c.get("phones", [])]
        assert phones or s.get("email"), s["id"]
        assert s.get("email", "x@example.org").endswith("@example.org")
        assert s.get("url", "https://example.org/").startswith("https://example.org/")


@pytest.mark.skipif(
    not (SHARED / "tools" / "check_contacts.py").exists(),
    reason="shared/ tools not beside the checkout",
)
def test_no_invented_contacts() -> None:
    root = RESOURCES.parent
    result = subprocess.run(
        [
            sys.executable,
            str(SHARED / "tools" / "check_contacts.py"),
            "resources",
            "desktop",
            "tests",
            "README.md",
            "docs",
        ],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout


def test_bad_guidance_front_matter_is_a_clear_error() -> None:
    with pytest.raises(GuidanceError, match=r"x\.md: must start"):
        parse_section("no front matter", "x.md", "2026-01-01")
    with pytest.raises(GuidanceError, match="lacks sources"):
        parse_section('+++\nid = "a"\ntitle = "A"\norder = 1\n+++\nBody', "a.md", "2026-01-01")


def test_bad_provider_entries_are_reported_and_skipped() -> None:
    text = """
[[provider]]
id = "ok"
name = "Fine"
kind = "mediation"
phones = ["01632 960001"]
source = "test"
checked_on = 2026-01-01

[[provider]]
id = "bad"
name = "No source"
kind = "mediation"
phones = ["01632 960002"]
checked_on = 2026-01-01

[[provider]]
id = "bad2"
name = "Bad phone"
kind = "mediation"
phones = ["12"]
source = "test"
checked_on = 2026-01-01
"""
    loaded = parse_providers(text, "test.toml")
    assert [p.id for p in loaded.providers] == ["ok"]
    assert len(loaded.errors) == 2
    assert "entry 2 (bad): source is missing" in loaded.errors[0]
    assert "entry 3 (bad2): phone '12'" in loaded.errors[1]


def test_build_refuses_a_broken_providers_file(tmp_path: Path) -> None:
    import shutil

    res = tmp_path / "resources"
    shutil.copytree(RESOURCES, res, ignore=shutil.ignore_patterns("installer", "icons"))
    (res / "providers.toml").write_text('[[provider]]\nid = "x"\n', encoding="utf-8")
    with pytest.raises(BundleError, match="providers"):
        build(tmp_path / "out.sqlite", res)
    assert not (tmp_path / "out.sqlite").exists()


def test_the_digest_covers_the_code_that_shapes_rows(tmp_path: Path) -> None:
    from desktop import bundle

    for name in bundle.SHAPING_CODE:
        assert bundle._module_file(name).is_file(), name
    before = bundle.sources_digest(RESOURCES)
    original = bundle.SHAPING_CODE
    try:
        bundle.SHAPING_CODE = (*original[:-1],)  # one file fewer hashed: a different digest
        assert bundle.sources_digest(RESOURCES) != before
        # A module that moved away is an error, never silently left out of the digest.
        bundle.SHAPING_CODE = (*original, "desktop.data.no_such_module")
        with pytest.raises(bundle.BundleError, match="no_such_module"):
            bundle.sources_digest(RESOURCES)
    finally:
        bundle.SHAPING_CODE = original
    assert bundle.sources_digest(RESOURCES) == before
