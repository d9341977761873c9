"""What a prepared refresh must tell the user before its data is used, and the data's date.

``Confirmation`` is mixed into ``refresh.RefreshResult``: a feed that says it lists more
services than were read (a single saved API page: "This file holds 3 of the 874 services
the directory lists") needs the same confirmation, or ``--force``, as a large drop.
``load`` runs the record loop of a refresh: normalise, check Cancel on every record, note
the coverage and the newest record date, write.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from desktop.data.feeds import refresh_report

if TYPE_CHECKING:
    from desktop.data.feeds.coverage import Coverage
    from desktop.data.feeds.oruk import Normaliser
    from desktop.data.feeds.record import NormaliseReport, ServiceRecord
    from desktop.data.feeds.sources import Source


class Confirmation:
    """Properties of RefreshResult about partial feeds and the data's date."""

    report: NormaliseReport
    listed_total: int | None
    more_pages: bool
    location: str
    data_as_of: str
    previous_demo: bool
    previous_count: int
    service_count: int

    @property
    def large_drop(self) -> bool:
        """Far fewer services than now (the demo data's count means nothing for a council)."""
        from desktop.data.feeds.refresh import DROP_LIMIT

        return (
            not self.previous_demo
            and self.previous_count > 0
            and self.service_count < self.previous_count * DROP_LIMIT
        )

    @property
    def partial(self) -> bool:
        """The feed says it lists more services than were read (a single saved page…)."""
        if self.listed_total is not None and self.report.read < self.listed_total:
            return True
        return self.more_pages

    @property
    def data_as_of_text(self) -> str:
        return self.data_as_of or "unknown"

    @property
    def confirmation_title(self) -> str:
        return "Only part of the directory" if self.partial else "Far fewer services"

    def partial_sentence(self) -> str:
        return refresh_report.partial_sentence(self)  # type: ignore[arg-type]  # mixed into RefreshResult


def normaliser_for(source: Source, report: NormaliseReport, warnings: list[str]) -> Normaliser:
    """The normaliser for a source: its crosswalk (with IT's extra map) and e-mail rule."""
    from desktop.data.feeds import taxonomy
    from desktop.data.feeds.oruk import Normaliser, default_crosswalk
    from desktop.data.feeds.shapes.parts import Context

    walk = taxonomy.for_refresh(source.taxonomy_map_file, default_crosswalk, warnings)
    ctx = Context(walk, allow_reserved_emails=source.allow_reserved_emails)
    return Normaliser(ctx, report=report, envelope_hint=source.envelope_hint)


def load(
    records: Iterable[ServiceRecord],
    write: Callable[[ServiceRecord], None],
    coverage: Coverage,
    cancelled: Callable[[], bool],
    now: dt.datetime,
) -> str:
    """Write every record, checking Cancel on each; the newest record date (not after tomorrow)."""
    from desktop.data.feeds.sources import Cancelled

    latest = ""
    tomorrow = (now + dt.timedelta(days=1)).date().isoformat()
    for record in records:
        if cancelled():  # per record, so Cancel stops a slow feed within a second
            raise Cancelled()
        for date in (record.last_modified[:10], record.assured_date[:10]):
            if latest < date <= tomorrow:
                latest = date
        coverage.add(record)
        write(record)
    return latest


def data_date(source: Source, latest: str) -> tuple[str, str]:
    """The newest record date, else the file's or the server's date, else unknown (never today)."""
    if latest:
        return latest, "the newest record's date"
    if source.modified:
        return source.modified, "the server's date" if source.is_url else "the file's date"
    return "", ""
