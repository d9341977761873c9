"""docs/feed-coverage.md is the coverage of a real refresh of each fixture, and is current."""

from __future__ import annotations

from pathlib import Path

from desktop.data.feeds.coverage import FIELDS
from tests.feeds_expected import ORUK1, OUTPOST, PLACECUBE
from tests.feeds_expected_more import HSDS3, HSDS11, ORUK3
from tests.tools import coverage_table

BY_TITLE = {
    "Outpost / Scout": OUTPOST,
    "Placecube": PLACECUBE,
    "ORUK 1.0": ORUK1,
    "ORUK 3.0 JSON": ORUK3,
    "HSDS 3.0 CSV": HSDS3,
    "HSDS 1.1 CSV": HSDS11,
}


def test_the_table_is_current_and_gives_the_figures_counted_by_hand(
    bundled_db: Path, tmp_path: Path
) -> None:
    coverages = coverage_table.refreshed(bundled_db, tmp_path)
    assert list(coverages) == list(BY_TITLE)
    for title, coverage in coverages.items():
        expected = BY_TITLE[title]
        assert coverage.shape == expected.shape
        assert coverage.services == len(expected.services)
        assert {f: coverage.have[f] for f in FIELDS} == expected.coverage, title
    text = coverage_table.markdown(coverages)
    assert "| phone | 4 (100%) | 3 (75%) | 4 (80%) | 2 (50%) | 4 (100%) | 3 (100%) |" in text
    assert coverage_table.DOC.read_text(encoding="utf-8") == text, (
        "docs/feed-coverage.md is out of date: run "
        "python -m tests.tools.coverage_table docs/feed-coverage.md"
    )


def test_the_tool_prints_the_table(bundled_db: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(coverage_table, "build_bundle", lambda folder: bundled_db)
    assert coverage_table.main([]) == 0
    assert capsys.readouterr().out == coverage_table.DOC.read_text(encoding="utf-8")
    out = tmp_path / "table.md"
    assert coverage_table.main([str(out)]) == 0
    assert out.read_text(encoding="utf-8") == coverage_table.DOC.read_text(encoding="utf-8")
