"""The coverage report of a refresh: how much of what an adviser uses each service has.

For every kept service it counts the fields advisers rely on (phone, e-mail, website,
address, postcode, map position, ages, needs, category, opening times, cost, SEND
statement); it adds up what the readers dropped and why (placeholders, invalid numbers…),
the feed's terms that landed in no category, and fields no reader knows. An IT team sees
at a glance that a feed is thin; a regression in a reader shows as a number.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from desktop.data.feeds.record import CATEGORY, NEED, ServiceRecord
from desktop.data.feeds.shapes.terms import FROM_NAME, UNMAPPED

FIELDS = (
    "phone",
    "e-mail",
    "website",
    "address",
    "postcode",
    "map position",
    "ages",
    "needs",
    "category",
    "opening times",
    "cost",
    "SEND statement",
)
LISTED_DROPS, LISTED_TERMS, LISTED_FIELDS = 30, 15, 20
EXAMPLE_CHARS = 60
_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")


def fields_of(record: ServiceRecord) -> set[str]:
    """The adviser fields this record has."""
    has = set()
    if record.phones or any(c.phones for c in record.contacts):
        has.add("phone")
    if record.email or any(c.email for c in record.contacts):
        has.add("e-mail")
    if record.url:
        has.add("website")
    if any(loc.address or (loc.masked and loc.town) for loc in record.locations):
        has.add("address")
    if any(loc.postcode for loc in record.locations):
        has.add("postcode")
    if any(loc.latitude is not None for loc in record.locations):
        has.add("map position")
    if record.min_age is not None or record.max_age is not None:
        has.add("ages")
    vocabularies = {t.vocabulary for t in record.terms}
    if NEED in vocabularies:
        has.add("needs")
    if CATEGORY in vocabularies:
        has.add("category")
    if record.schedule:
        has.add("opening times")
    if record.costs or record.fees_text or record.is_free:
        has.add("cost")
    if record.send_statement or record.send_answers:
        has.add("SEND statement")
    return has


@functools.lru_cache(maxsize=4096)  # most reasons repeat ('reserved domain' on every e-mail)
def _reason(why: str) -> tuple[str, str]:
    """The refused value is quoted in the reason: (the reason without it, the quoted value)."""
    quoted = _QUOTED.search(why)
    example = quoted.group(0) if quoted else ""
    return _QUOTED.sub("…", why).removesuffix(": …")[:120], example


@dataclass
class Coverage:
    shape: str = ""
    services: int = 0
    have: Counter[str] = field(default_factory=Counter)
    dropped: Counter[tuple[str, str]] = field(default_factory=Counter)  # (field, why) → services
    examples: dict[tuple[str, str], str] = field(default_factory=dict)
    unmapped: Counter[str] = field(default_factory=Counter)
    from_name: int = 0
    unknown_fields: Counter[str] = field(default_factory=Counter)

    def add(self, record: ServiceRecord) -> None:
        self.services += 1
        self.have.update(fields_of(record))
        seen: set[tuple[str, str]] = set()
        for what, why in record.dropped:
            kind, example = _reason(why)
            drop = (what, kind)
            if drop not in seen:
                seen.add(drop)
                self.dropped[drop] += 1
                if example and drop not in self.examples:
                    self.examples[drop] = example[:EXAMPLE_CHARS]
        for what, detail in record.notes:
            if what == UNMAPPED:
                self.unmapped[detail[:80]] += 1
            elif what == FROM_NAME:
                self.from_name += 1

    def share(self, name: str) -> float:
        return self.have[name] / self.services if self.services else 0.0

    def lines(self) -> list[str]:
        out = [f"Feed shape: {self.shape or 'unknown'}"]
        if not self.services:
            return [*out, "No services were kept, so there is no coverage to report."]
        out.append(f"What the {self.services:,} services kept have:")
        for name in FIELDS:
            # no aligned columns: the dialog shows the report in a proportional font
            line = f"  {name}: {self.have[name]:,} ({self.share(name):.0%})"
            if name == "category" and self.from_name:
                line += f", {self.from_name:,} of them from the service's name"
            out.append(line)
        if self.dropped:
            out.append("Dropped while reading (field: why, services):")
            for (what, why), n in self.dropped.most_common(LISTED_DROPS):
                example = self.examples.get((what, why))
                out.append(f"  {what}: {why}, {n:,}" + (f" (e.g. {example})" if example else ""))
            if len(self.dropped) > LISTED_DROPS:
                out.append(f"  … and {len(self.dropped) - LISTED_DROPS:,} other kinds")
        if self.unmapped:
            terms = ", ".join(f"{t} ({n:,})" for t, n in self.unmapped.most_common(LISTED_TERMS))
            out.append(f"Most common terms without a category: {terms}")
        if self.unknown_fields:
            names = ", ".join(
                f"{k} ({n:,})" for k, n in self.unknown_fields.most_common(LISTED_FIELDS)
            )
            out.append(f"Fields the app does not read: {names}")
        return out
