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
MAX_LISTED = 1000  # skipped records, ids and warnings listed one by one
MAX_LINE = 500  # characters of one warning line
MAX_REPORT_CHARS = 2_000_000  # a report file is cut here, with a line saying so


def reports_dir(live: Path) -> Path:
    return Path(live).parent / "logs"


def report_lines(result: RefreshResult) -> list[str]:
    """Source, counts, coverage, every skipped record with its reason, hidden and duplicate ids.

    Long lists are cut (the first ``MAX_LISTED`` entries, then a count of the rest), so a
    hostile feed cannot fill the disk or the screen with its report (F10).
    """
    r = result.report
    skipped = max(r.skipped_count, len(r.skipped))
    lines = [
        f"Source: {result.location or result.source}",
        f"Services imported: {result.service_count:,} (previously {result.previous_count:,})",
        f"Records read: {r.read:,}; not shown because inactive or defunct: {r.hidden:,}",
        f"Duplicate ids (the last one kept): {r.duplicates:,}",
        f"Records skipped: {skipped:,}",
    ]
    lines += [f"  skipped: {reason}" for reason in r.skipped[:MAX_LISTED]]
    if skipped > min(len(r.skipped), MAX_LISTED):
        lines.append(f"  … and {skipped - min(len(r.skipped), MAX_LISTED):,} more skipped records")
    if result.partial:
        lines.append(f"Only part of the directory: {result.partial_sentence()}")
    if result.service_count or result.data_as_of:
        how = f" ({result.data_as_of_source})" if result.data_as_of_source else ""
        lines.append(f"Data as of: {result.data_as_of_text}{how}")
    lines += result.coverage.lines() if result.coverage.services or result.shape else []
    if r.hidden_ids:
        lines.append("Not shown (inactive or defunct): " + _listed(r.hidden_ids, r.hidden))
    if r.duplicate_ids:
        unique = list(dict.fromkeys(r.duplicate_ids))
        lines.append("Duplicate ids: " + _listed(unique, len(unique)))
    lines += [f"Warning: {_short(w)}" for w in result.warnings[:MAX_LISTED]]
    return lines


def _short(text: str, limit: int = MAX_LINE) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _listed(items: list[str], total: int) -> str:
    shown = ", ".join(_short(i, 80) for i in items[:MAX_LISTED])
    more = total - min(len(items), MAX_LISTED)
    return shown + (f" … and {more:,} more" if more > 0 else "")


def partial_sentence(result: RefreshResult) -> str:
    where = "feed" if result.location.lower().startswith(("http:", "https:")) else "file"
    if result.listed_total is not None and result.report.read < result.listed_total:
        return (
            f"This {where} holds {result.report.read:,} of the {result.listed_total:,} "
            "services the directory lists."
        )
    return f"This {where} holds only part of the directory: its last page says more follow."


def confirm_sentence(result: RefreshResult) -> str:
    """Why the new data needs confirming: a partial feed, a large drop, or both."""
    sentences = [partial_sentence(result)] if result.partial else []
    if result.large_drop:
        sentences.append(
            f"The new data has {result.service_count:,} services, less than half of the "
            f"{result.previous_count:,} you have now."
        )
    return " ".join(sentences)


def done_sentence(result: RefreshResult) -> str:
    """'Done: 1,234 services, data as of 3 December 2026.' (the dialog and the CLI add how
    to go back)."""
    return f"Done: {result.service_count:,} services, data as of {result.data_as_of_text}."


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
        text = "\n".join(header + lines) + "\n"
        if len(text) > MAX_REPORT_CHARS:
            text = text[:MAX_REPORT_CHARS] + "\n… the report was cut here: it was too long.\n"
        path.write_text(text, encoding="utf-8", errors="replace")
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
