"""The coverage report of a real refresh of each feed-shape fixture, as one Markdown table.

    .venv/bin/python -m tests.tools.coverage_table docs/feed-coverage.md   # write the file
    .venv/bin/python -m tests.tools.coverage_table                         # print it

Each fixture under ``tests/data/feeds/`` is refreshed for real (``refresh.prepare`` and
``commit``) into a scratch copy of a freshly built bundled database; the table gives,
for every field an adviser uses (``coverage.FIELDS``), how many of the services kept have
it. ``tests/test_feed_coverage_table.py`` fails when ``docs/feed-coverage.md`` is stale.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from desktop.data.feeds import refresh
from desktop.data.feeds.coverage import FIELDS, Coverage
from desktop.data.feeds.sources import Source

ROOT = Path(__file__).resolve().parents[2]
FEEDS = ROOT / "tests" / "data" / "feeds"
DOC = ROOT / "docs" / "feed-coverage.md"
# column title → fixture (the six shapes real English councils' feeds take)
SHAPES = {
    "Outpost / Scout": "outpost/services.json",
    "Placecube": "placecube/services.json",
    "ORUK 1.0": "oruk1/services.json",
    "ORUK 3.0 JSON": "oruk3/services.json",
    "HSDS 3.0 CSV": "hsds3-csv",
    "HSDS 1.1 CSV": "hsds11-csv",
}


def refreshed(bundled: Path, work: Path) -> dict[str, Coverage]:
    """Column title → the coverage of a real refresh of that fixture."""
    out = {}
    for n, (title, fixture) in enumerate(SHAPES.items()):
        folder = work / f"shape-{n}"
        folder.mkdir(parents=True)
        live = folder / "send-desk.sqlite"
        shutil.copyfile(bundled, live)
        live.chmod(0o644)
        result = refresh.prepare(live, Source(str(FEEDS / fixture)))
        refresh.commit(result, force=True)
        out[title] = result.coverage
    return out


def _cell(coverage: Coverage, field: str) -> str:
    return f"{coverage.have[field]:,} ({coverage.share(field):.0%})"


def _drops(coverage: Coverage) -> str:
    parts = [f"{what}: {why} ({n:,})" for (what, why), n in sorted(coverage.dropped.items())]
    return "; ".join(parts) or "nothing"


def markdown(coverages: dict[str, Coverage]) -> str:
    titles = list(coverages)
    lines = [
        "# Feed coverage by shape (generated)",
        "",
        "Written by `python -m tests.tools.coverage_table docs/feed-coverage.md` from a real",
        "refresh of each fixture in `tests/data/feeds/`; do not edit by hand",
        "(`tests/test_feed_coverage_table.py` fails when it is out of date). Each cell is how",
        "many of the services kept have the field, as the refresh report counts it.",
        "",
        "Shapes detected: " + "; ".join(f"{t} → {c.shape}" for t, c in coverages.items()) + ".",
        "",
        "| field | " + " | ".join(titles) + " |",
        "|---|" + "---:|" * len(titles),
        "| services kept | " + " | ".join(f"{c.services:,}" for c in coverages.values()) + " |",
    ]
    for field in FIELDS:
        cells = " | ".join(_cell(c, field) for c in coverages.values())
        lines.append(f"| {field} | {cells} |")
    cells = " | ".join(f"{c.from_name:,}" for c in coverages.values())
    lines.append(f"| category from the service's name only | {cells} |")
    lines += [
        "",
        "Every e-mail address in the fixtures is `example.org` (the project uses no real-looking",
        "contacts), and a real refresh drops reserved domains, so e-mail is 0 everywhere; the",
        "same path with reserved domains allowed (as the bundled demo reads) is tested in",
        "`tests/test_feeds_end_to_end.py`.",
        "",
        "## Dropped while reading (field: why, services)",
        "",
    ]
    lines += [f"- **{title}**: {_drops(c)}" for title, c in coverages.items()]
    return "\n".join(lines) + "\n"


def build_bundle(folder: Path) -> Path:
    from desktop.bundle import build

    out = folder / "bundle.sqlite"
    build(out, ROOT / "resources")
    return out


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory(prefix="coverage-table-") as tmp:
        work = Path(tmp)
        text = markdown(refreshed(build_bundle(work), work))
    if argv:
        Path(argv[0]).write_text(text, encoding="utf-8")
        print(f"wrote {argv[0]}")
    else:
        print(text, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
