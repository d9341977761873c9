"""Raw service objects of any real shape → normalised records (pure, no I/O).

``Normaliser`` detects each record's shape (``detect``), hands it to that shape's reader
(``shapes/``), and keeps the books: records read, kept, hidden (inactive, defunct…),
skipped with a reason, duplicate ids, and for the coverage report the shapes seen and the
fields no reader knows. One bad record is skipped with its reason, never the refresh.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from desktop.data.feeds import detect
from desktop.data.feeds.record import NormaliseReport, ServiceRecord, SkippedValue, SkipRecord
from desktop.data.feeds.shapes import Shape, hsds11_csv, hsds_csv, oruk1, oruk3, outpost, placecube
from desktop.data.feeds.shapes.parts import Context
from desktop.data.feeds.taxonomy import Crosswalk, load

log = logging.getLogger(__name__)

HIDDEN_STATUSES = {"inactive", "defunct", "archived", "expired", "marked for deletion", "invisible"}
SHAPES: dict[str, Shape] = {
    s.name: s
    for s in (outpost.SHAPE, placecube.SHAPE, oruk1.SHAPE, oruk3.SHAPE, hsds_csv.SHAPE, hsds11_csv.SHAPE)
}
MAX_REASON = 200  # characters of one skip reason kept in the report (F10)
MAX_LISTED = 1000  # skip reasons and ids listed one by one; the rest are only counted

_DEFAULT: list[Crosswalk] = []


def default_crosswalk() -> Crosswalk:
    """The built-in maps, loaded once (they never change while the app runs)."""
    if not _DEFAULT:
        _DEFAULT.append(load())
    return _DEFAULT[0]


def short(reason: str, limit: int = MAX_REASON) -> str:
    reason = " ".join(str(reason).split())
    return reason if len(reason) <= limit else reason[: limit - 1] + "…"


class Normaliser:
    """Turns a stream of raw records into ServiceRecords, counting everything it does."""

    def __init__(
        self,
        ctx: Context | None = None,
        *,
        report: NormaliseReport | None = None,
        shape_hint: str = "",
        envelope_hint: Callable[[], str] = lambda: "",
    ) -> None:
        self.ctx = ctx or Context(default_crosswalk())
        self.report = report if report is not None else NormaliseReport()
        self.detector = detect.Detector(shape_hint)
        self.envelope_hint = envelope_hint
        self.unknown_fields: Counter[str] = Counter()
        self._seen: set[str] = set()

    @property
    def shapes(self) -> Counter[str]:
        return self.detector.counts

    def shape_label(self) -> str:
        """'Outpost / Scout directory (…)', or several with their counts when a feed mixes them."""
        counts = self.shapes.most_common()
        if not counts:
            return "none (no records)"
        if len(counts) == 1:
            return SHAPES[counts[0][0]].label
        return "; ".join(f"{SHAPES[name].label}: {n:,}" for name, n in counts)

    def skip(self, reason: str) -> None:
        self.report.skipped_count += 1
        if len(self.report.skipped) < MAX_LISTED:
            self.report.skipped.append(f"record {self.report.read:,}: {short(reason)}")

    def one(self, raw: Any) -> ServiceRecord | None:
        """Normalise one raw record; None when it was skipped (the reason is recorded)."""
        self.report.read += 1
        if isinstance(raw, SkippedValue):
            self.skip(raw.reason)
            return None
        if not isinstance(raw, dict):
            self.skip(f"not a service object ({type(raw).__name__})")
            return None
        shape = SHAPES[self.detector.shape_for(raw, self.envelope_hint())]
        try:
            record = shape.read(raw, self.ctx)
        except SkipRecord as exc:
            self.skip(str(exc))
            return None
        except Exception as exc:  # a record no reader expected: skip it, log it as a bug
            log.warning("record %s could not be read", self.report.read, exc_info=exc)
            self.skip(f"could not be read ({type(exc).__name__}: {exc})")
            return None
        for name in raw.keys() - shape.known:
            self.unknown_fields[short(str(name), 60)] += 1
        return record

    def records(self, raws: Iterable[Any]) -> Iterator[ServiceRecord]:
        """Every usable record; hidden statuses are counted, duplicates counted (last one wins)."""
        for raw in raws:
            record = self.one(raw)
            if record is None:
                continue
            if record.status in HIDDEN_STATUSES:
                self.report.hidden += 1
                if len(self.report.hidden_ids) < MAX_LISTED:
                    self.report.hidden_ids.append(short(record.id, 80))
                continue
            if record.id in self._seen:
                self.report.duplicates += 1
                if len(self.report.duplicate_ids) < MAX_LISTED:
                    self.report.duplicate_ids.append(short(record.id, 80))
            self._seen.add(record.id)
            self.report.kept += 1
            yield record


def normalise_service(raw: Any, ctx: Context | None = None) -> ServiceRecord:
    """One raw service of any shape → a ServiceRecord. Raises SkipRecord when it cannot be used."""
    if not isinstance(raw, dict):
        raise SkipRecord(f"not a service object ({type(raw).__name__})")
    shape = SHAPES[detect.shape_of_record(raw) or detect.ORUK3]
    return shape.read(raw, ctx or Context(default_crosswalk()))


def normalise_all(
    raws: Iterable[Any], report: NormaliseReport | None = None, ctx: Context | None = None
) -> Iterator[ServiceRecord]:
    """Normalise many services: skipped records and hidden statuses are counted, never fatal."""
    return Normaliser(ctx, report=report).records(raws)


def page_items(document: Any) -> list[Any]:
    """The service objects in one JSON document: a bare list or an ORUK 1.0/3.0 page envelope."""
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        for key in ("contents", "content", "items", "data", "services"):
            if isinstance(document.get(key), list):
                return document[key]
        if "id" in document and "name" in document:
            return [document]
    raise ValueError("not an Open Referral UK services list or page")
