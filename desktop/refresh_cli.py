"""``send-desk refresh SOURCE`` and ``send-desk restore-previous``: the refresh from a terminal."""

from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:  # keep `send-desk` start-up free of the network modules
    from pathlib import Path

    from desktop.config import Settings
    from desktop.data.feeds.sources import Progress

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
MANAGED = "Refreshing the Local Offer is managed by your organisation (policy RefreshDisabled)."


def add_parsers(sub: Any) -> None:
    refresh = sub.add_parser(
        "refresh",
        help="refresh the Local Offer from an ORUK API URL, a JSON file or a CSV data package",
    )
    refresh.add_argument(
        "source",
        nargs="?",
        help="https:// address of the ORUK API, a .json file, or a .zip/folder data package "
        "(default: the RefreshUrl policy)",
    )
    refresh.add_argument(
        "--force", action="store_true", help="use the new data even if it has far fewer services"
    )
    refresh.add_argument(
        "--no-details",
        action="store_true",
        help="do not fetch /services/{id} for list entries without detail",
    )
    sub.add_parser("restore-previous", help="go back to the data from before the last refresh")


class TextProgress:
    """A one-line progress bar on a terminal; one line per page otherwise."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.last = 0.0
        self.shown = False

    def __call__(self, p: Progress) -> None:
        now = time.monotonic()
        if self.tty and now - self.last < 0.1:
            return
        self.last = now
        if p.pages_total:
            done = min(p.pages_done / p.pages_total, 1.0)
            bar = "#" * int(done * 30)
            head = f"[{bar:<30}] page {p.pages_done}/{p.pages_total}"
        else:
            head = f"page {p.pages_done}" if p.pages_done else "reading"
        text = f"{head} · {p.services:,} services"
        if p.details_total:
            text += f" · details {p.details_done}/{p.details_total}"
        if p.bytes_read:
            text += f" · {p.bytes_read / 1048576:.1f} MB"
        if self.tty:
            self.stream.write("\r" + text.ljust(79)[:79])
            self.shown = True
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def done(self) -> None:
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()


def run(args: argparse.Namespace, settings: Settings) -> int:
    from desktop.data.feeds import refresh

    policy = settings.policy
    if policy.refresh_disabled:
        print(MANAGED, file=sys.stderr)
        return EXIT_FAILED
    if args.command == "restore-previous":
        try:
            meta = refresh.restore_previous(settings.live_db)
        except refresh.RefreshError as exc:
            print(exc, file=sys.stderr)
            return EXIT_FAILED
        print(
            f"Restored the previous data: {meta.get('source', '')} "
            f"(data as of {meta.get('data_as_of', '') or 'unknown'})."
        )
        return EXIT_OK
    location = args.source or policy.refresh_url
    if not location:
        print(
            "Say where to refresh from: send-desk refresh https://… or a file "
            "(no RefreshUrl policy is set).",
            file=sys.stderr,
        )
        return EXIT_USAGE
    return _refresh(settings, location, force=args.force, details=not args.no_details)


def _refresh(settings: Settings, location: str, *, force: bool, details: bool) -> int:
    from desktop.data.feeds import refresh
    from desktop.data.feeds.sources import Source

    bar = TextProgress()
    source = Source(
        location,
        on_progress=bar,
        fetch_details=details,
        taxonomy_map_file=settings.policy.taxonomy_map_file,
    )
    print(f"Refreshing the Local Offer from {location}", file=sys.stderr)
    try:
        result = refresh.prepare(settings.live_db, source)
    except refresh.RefreshError as exc:
        bar.done()
        print(exc, file=sys.stderr)
        _print_report_path(exc.report_path)
        return EXIT_FAILED
    bar.done()
    for line in result.report_lines():
        print(line)
    try:
        refresh.commit(result, force=force)
    except refresh.NeedsConfirmation as exc:
        print(f"{exc} Run again with --force to use it.", file=sys.stderr)
        _print_report_path(result.report_path)
        return EXIT_FAILED
    except refresh.RefreshError as exc:
        print(exc, file=sys.stderr)
        _print_report_path(result.report_path)
        return EXIT_FAILED
    print(
        f"Done: {result.service_count:,} services, data as of {result.data_as_of_text}. "
        "The previous data is kept: send-desk restore-previous goes back to it."
    )
    _print_report_path(result.report_path, sys.stdout)
    return EXIT_OK


def _print_report_path(path: Path | None, stream: TextIO | None = None) -> None:
    from desktop.data.feeds.refresh_report import saved_sentence

    if path is not None:
        print(saved_sentence(path), file=stream or sys.stderr)
