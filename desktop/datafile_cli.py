"""``send-desk publish`` and ``send-desk fetch-data``: the central data file from a terminal.

``publish --db PATH OUT`` (IT, on the one machine that refreshes) writes the database and
its checksum for the laptops. ``fetch-data [LOCATION]`` (a laptop, or IT checking one)
runs the check the app makes at start, now, and says what it found: LOCATION defaults
to the DataFile policy. Exit codes are ``desktop.errors.ExitCode``: 0 done (updated, up
to date, or not newer), 1 not used or not reachable (data unchanged), 2 bad usage.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.errors import ExitCode

if TYPE_CHECKING:
    from desktop.config import Settings

log = logging.getLogger(__name__)

COMMANDS = ("publish", "fetch-data")


def add_parsers(sub: Any, parents: list[argparse.ArgumentParser]) -> None:
    publish = sub.add_parser(
        "publish",
        parents=parents,
        help="write the database (--db PATH) and its checksum to OUT for the laptops "
        "(the DataFile policy names OUT)",
    )
    publish.add_argument("out", type=Path, help="the file to write, or the folder for it")
    fetch = sub.add_parser(
        "fetch-data",
        parents=parents,
        help="copy the central data file (DataFile policy, or LOCATION) now if it is newer",
    )
    fetch.add_argument("location", nargs="?", help="a path or https:// address of the file")


def run(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "publish":
        return _publish(settings.live_db, args.out)
    return _fetch(settings, args.location or settings.policy.data_file)


def _publish(db: Path, out: Path) -> int:
    from desktop.data.feeds.publish import PublishError, publish

    try:
        done = publish(db, out)
    except PublishError as exc:
        print(exc, file=sys.stderr)
        return exc.exit_code
    print(
        f"Published {db} as {done.path} ({done.services:,} services, data as of "
        f"{done.data_as_of or 'unknown'}, {done.size / 1048576:.1f} MB) with its checksum "
        f"{done.checksum_path.name} (SHA-256 {done.sha256})."
    )
    return ExitCode.OK


def _fetch(settings: Settings, location: str) -> int:
    from desktop.data.feeds import central, refresh

    if not location:
        print(
            "Say where the central data file is: send-desk fetch-data \\\\server\\share\\"
            "send-desk.sqlite or https://… (no DataFile policy is set).",
            file=sys.stderr,
        )
        return ExitCode.USAGE
    check = central.check(settings.live_db, settings.bundled_db, location)
    for line in check.log:
        log.info("%s", line)
    kind = central.Kind
    if check.kind is kind.READY:
        assert check.result is not None
        try:
            refresh.commit(check.result, force=True)  # IT checked the drop centrally
        except refresh.RefreshError as exc:
            print(exc, file=sys.stderr)
            return exc.exit_code
        print(
            f"Updated from {location}: {check.result.service_count:,} services, data as of "
            f"{check.data_as_of or 'unknown'}. The previous data is kept: send-desk "
            "restore-previous goes back to it."
        )
        return ExitCode.OK
    if check.kind in (kind.UP_TO_DATE, kind.NOT_NEWER):
        print(
            "Your data is up to date with the central data file."
            if check.kind is kind.UP_TO_DATE
            else "The central data file is not newer than your data, so it was not used."
        )
        return ExitCode.OK
    why = check.sentence.rstrip(".")
    sentences = {
        kind.UNREACHABLE: f"The central data file cannot be reached ({why}): check the "
        f"connection to {location}. {central.UNCHANGED}",
        kind.RETRY: f"The central data file could not be copied this time ({why}): try "
        f"again in a few minutes. {central.UNCHANGED}",
        kind.BUSY: f"{check.sentence}",
        kind.CANCELLED: f"Stopped. {central.UNCHANGED}",
    }
    print(sentences.get(check.kind, check.sentence), file=sys.stderr)
    return ExitCode.FAILED
