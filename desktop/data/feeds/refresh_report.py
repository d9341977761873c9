"""The refresh report on disk: ``<data dir>/logs/refresh-YYYYMMDD-HHMMSS.txt``, newest 10 kept.

Written when a refresh ends, whether its data was used or not, so IT or the adviser can
see afterwards what was imported, what was skipped and why, and what went wrong. The data
dir is the live database's folder. Writing the report never stops a refresh: if the
folder cannot be written the problem is logged and the refresh carries on.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.data.feeds.refresh import RefreshResult

log = logging.getLogger(__name__)

KEPT = 10
PREFIX = "refresh-"


def reports_dir(live: Path) -> Path:
    return Path(live).parent / "logs"


def report_lines(result: RefreshResult) -> list[str]:
    """Source, counts, every skipped record with its reason, hidden and duplicate ids, warnings."""
    r = result.report
    lines = [
        f"Source: {result.location or result.source}",
        f"Services imported: {result.service_count:,} (previously {result.previous_count:,})",
        f"Records read: {r.read:,}; not shown because inactive or defunct: {r.hidden:,}",
        f"Duplicate ids (the last one kept): {r.duplicates:,}",
        f"Records skipped: {len(r.skipped):,}",
    ]
    lines += [f"  skipped: {reason}" for reason in r.skipped]
    if r.hidden_ids:
        lines.append("Not shown (inactive or defunct): " + ", ".join(r.hidden_ids))
    if r.duplicate_ids:
        lines.append("Duplicate ids: " + ", ".join(dict.fromkeys(r.duplicate_ids)))
    lines += [f"Warning: {w}" for w in result.warnings]
    return lines


def saved_sentence(path: Path | None) -> str:
    return f"The full report is saved in {path}." if path else ""


def write_report(live: Path, lines: list[str], when: dt.datetime | None = None) -> Path | None:
    """Write ``lines`` to a new report file and prune old ones. None if it could not be written."""
    when = (when or dt.datetime.now().astimezone()).replace(microsecond=0)
    folder = reports_dir(live)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        stamp = when.strftime("%Y%m%d-%H%M%S")
        path = folder / f"{PREFIX}{stamp}.txt"
        n = 1
        while path.exists():  # two refreshes in one second
            n += 1
            path = folder / f"{PREFIX}{stamp}-{n}.txt"
        header = [
            "SEND Adviser Desk: Local Offer refresh report",
            f"Time: {when.isoformat(sep=' ')}",
        ]
        path.write_text("\n".join(header + lines) + "\n", encoding="utf-8")
    except OSError as exc:
        log.warning("could not write the refresh report in %s: %s", folder, exc)
        return None
    prune(folder)
    return path


def prune(folder: Path, keep: int = KEPT) -> None:
    """Delete all but the newest ``keep`` reports (names sort by time)."""
    reports = sorted(folder.glob(f"{PREFIX}*.txt"), key=lambda p: (p.stat().st_mtime, p.name))
    for old in reports[:-keep] if keep else reports:
        try:
            old.unlink()
        except OSError as exc:
            log.warning("could not remove an old refresh report %s: %s", old, exc)
