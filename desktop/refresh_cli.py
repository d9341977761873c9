"""``send-desk refresh SOURCE`` and ``send-desk restore-previous``: the refresh from a terminal.

Exit codes are ``desktop.errors.ExitCode``: 0 done; 1 refused or failed (data unchanged);
2 bad usage (as argparse); 130 stopped with Ctrl+C.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:  # keep `send-desk` start-up free of the network modules
    from pathlib import Path

    from desktop.config import Settings
    from desktop.data.feeds.sources import Progress

from desktop.config import REFRESH_MANAGED as MANAGED
from desktop.errors import ExitCode


def add_parsers(sub: Any, parents: list[argparse.ArgumentParser] | None = None) -> None:
    parents = parents or []
    refresh = sub.add_parser(
        "refresh",
        parents=parents,
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
    restore = sub.add_parser(
        "restore-previous",
        parents=parents,
        help="go back to the data from before the last refresh (or to a kept copy)",
    )
    choice = restore.add_mutually_exclusive_group()
    choice.add_argument(
        "--list", action="store_true", help="list the kept copies that can be restored"
    )
    choice.add_argument(
        "--from", dest="name", metavar="NAME", help="restore the kept copy NAME (see --list)"
    )
    from desktop import datafile_cli

    datafile_cli.add_parsers(sub, parents)  # publish, fetch-data


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
        text = p.describe()  # the dialog shows the same words
        if p.pages_total:
            done = min(p.pages_done / p.pages_total, 1.0)
            text = f"[{'#' * int(done * 30):<30}] {text}"
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
    if args.command in ("publish", "fetch-data"):  # the central data file (datafile_cli)
        from desktop import datafile_cli

        return datafile_cli.run(args, settings)
    if args.command == "restore-previous" and args.list:
        return _list_kept(settings)
    if policy.refresh_disabled:
        print(MANAGED, file=sys.stderr)
        return ExitCode.FAILED
    if args.command == "restore-previous":
        try:
            meta = refresh.restore_previous(settings.live_db, args.name)
        except refresh.RefreshError as exc:
            print(exc, file=sys.stderr)
            return exc.exit_code
        except KeyboardInterrupt:
            print("Stopped (Ctrl+C): the restore is finished or undone at the next start.", file=sys.stderr)
            return ExitCode.INTERRUPTED
        print(
            f"Restored the previous data: {meta.get('source', '')} "
            f"(data as of {meta.get('data_as_of', '') or 'unknown'})."
        )
        return ExitCode.OK
    location = args.source or policy.refresh_url
    if not location:
        print(
            "Say where to refresh from: send-desk refresh https://… or a file "
            "(no RefreshUrl policy is set).",
            file=sys.stderr,
        )
        return ExitCode.USAGE
    return _refresh(settings, location, force=args.force, details=not args.no_details)


def _list_kept(settings: Settings) -> int:
    from desktop.data.feeds import kept

    copies = kept.list_kept(settings.live_db)
    if not copies:
        print("There is no previous data to go back to.")
        return ExitCode.OK
    width = max(len(c.name) for c in copies)
    for copy in copies:
        print(f"{copy.name:<{width}}  {copy.label()}")
    print("Restore one with: send-desk restore-previous --from NAME")
    return ExitCode.OK


def _refresh(settings: Settings, location: str, *, force: bool, details: bool) -> int:
    """Prepare and commit; Ctrl+C at any point stops with one sentence (the prepared data is
    discarded and the lock released on the way out, as on every other ending)."""
    from desktop.data.feeds import refresh

    prepared: list[refresh.RefreshResult] = []
    try:
        return _refresh_steps(settings, location, force=force, details=details, prepared=prepared)
    except KeyboardInterrupt:
        swapped = bool(prepared) and prepared[0].committed
        outcome = (
            "the new data was already in place"
            if swapped
            else f"the refresh was cancelled. {refresh.UNCHANGED}"
        )
        print(f"\nStopped (Ctrl+C): {outcome}", file=sys.stderr)
        return ExitCode.INTERRUPTED


def _refresh_steps(
    settings: Settings, location: str, *, force: bool, details: bool, prepared: list[Any]
) -> int:
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
        return exc.exit_code
    prepared.append(result)
    try:
        bar.done()
        for line in result.report_lines():
            print(line)
        refresh.commit(result, force=force)
    except refresh.NeedsConfirmation:
        # the terminal's own words: there is nothing to "confirm" here but --force
        print(
            f"{result.drop_sentence()} {refresh.UNCHANGED} Run again with --force to use it.",
            file=sys.stderr,
        )
        _print_report_path(result.report_path)
        return ExitCode.FAILED
    except refresh.RefreshError as exc:
        print(exc, file=sys.stderr)
        _print_report_path(result.report_path)
        return exc.exit_code
    finally:
        refresh.discard(result, "Not used: the refresh was stopped.")  # nothing once it ended
    from desktop.data.feeds.refresh_report import done_sentence

    print(
        f"{done_sentence(result)} "
        "The previous data is kept: send-desk restore-previous goes back to it."
    )
    _print_report_path(result.report_path, sys.stdout)
    return ExitCode.OK


def _print_report_path(path: Path | None, stream: TextIO | None = None) -> None:
    from desktop.data.feeds.refresh_report import saved_sentence

    if path is not None:
        print(saved_sentence(path), file=stream or sys.stderr)
