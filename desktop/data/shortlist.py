"""A family's shortlist of Local Offer services, and its text, CSV and printable forms (pure).

The shortlist lives only for the session; the adviser saves it to a file (CSV or PDF) or
copies it as text when the family wants to keep it.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Iterator

from desktop.data.detail_records import ServiceDetail
from desktop.data.service_text import (
    access_text,
    ages_and_cost,
    contact_lines,
    detail_lines,
    email_of,
    needs_text,
    phones_of,
    places_of,
    summary,
)

# Older callers import these from here; service_text is their home.
__all__ = [
    "CSV_COLUMNS",
    "DEMO_CELL",
    "DEMO_COLUMN",
    "DEMO_LINE",
    "Shortlist",
    "contact_lines",
    "email_of",
    "phones_of",
    "summary",
    "to_csv",
    "to_html",
    "to_text",
]

CSV_COLUMNS = (
    "Name",
    "Organisation",
    "What it is",
    "SEND support",
    "Needs",
    "Ages",
    "Cost",
    "Phone",
    "Email",
    "Website",
    "Address",
    "Opening times",
    "How to access",
    "Last updated",
    "Checked by a person",
)
# Demo data gets a first column saying so on every row: a marker that survives sorting,
# filtering and copying rows in a spreadsheet (a single banner row would not).
DEMO_COLUMN = "Demo data"
DEMO_CELL = "DEMO DATA: fictional service"
DEMO_LINE = "Demo data: these services are fictional, for practice only."


class Shortlist:
    """Services in the order they were added; adding one twice keeps the first place."""

    def __init__(self) -> None:
        self._items: dict[str, ServiceDetail] = {}
        self._distances: dict[str, str] = {}  # Nearest first: "about 2 miles from BV3 1 (…)"

    def add(self, service: ServiceDetail, distance: str = "") -> bool:
        """Add ``service`` (with its distance, when Nearest first was on); False when it was
        already there."""
        if service.id in self._items:
            return False
        self._items[service.id] = service
        if distance:
            self._distances[service.id] = distance
        return True

    def remove(self, service_id: str) -> bool:
        self._distances.pop(service_id, None)
        return self._items.pop(service_id, None) is not None

    def clear(self) -> None:
        self._items.clear()
        self._distances.clear()

    def distances(self) -> dict[str, str]:
        return dict(self._distances)

    def __contains__(self, service_id: object) -> bool:
        return service_id in self._items

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[ServiceDetail]:
        return iter(list(self._items.values()))

    def items(self) -> list[ServiceDetail]:
        return list(self._items.values())


def to_text(
    services: list[ServiceDetail],
    *,
    demo: bool,
    title: str = "Shortlist",
    distances: dict[str, str] | None = None,
) -> str:
    """Plain text to paste into an e-mail or a letter."""
    lines = [title, "=" * len(title)]
    if demo:
        lines.append(DEMO_LINE)
    for n, s in enumerate(services, 1):
        lines += ["", f"{n}. {s.name}"]
        distance = (distances or {}).get(s.id, "")
        if distance:
            lines.append(f"   Distance: {distance}")
        lines += [f"   {line}" for line in detail_lines(s)]
    if not services:
        lines += ["", "(No services on the shortlist.)"]
    return "\n".join(lines) + "\n"


def to_csv(
    services: list[ServiceDetail],
    *,
    demo: bool = False,
    distances: dict[str, str] | None = None,
) -> str:
    """CSV with a header row, one service a row (opens in a spreadsheet); a Distance column
    when the list has distances (Nearest first)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    extra = ("Distance (estimate)",) if distances else ()
    writer.writerow(((DEMO_COLUMN,) if demo else ()) + CSV_COLUMNS + extra)
    for s in services:
        row = [
            s.name,
            s.organisation,
            summary(s.description),
            summary(s.send_statement),
            needs_text(s),
            s.ages_text,
            s.cost_shown,
            "; ".join(p.text for p in s.all_phones),
            "; ".join(s.all_emails),
            s.url,
            "; ".join(places_of(s)),
            "; ".join(x for x in s.schedule.split("\n") if x),
            access_text(s),
            s.last_modified[:10],
            s.assured_date[:10],
            *([distances.get(s.id, "")] if distances else []),
        ]
        writer.writerow(([DEMO_CELL] if demo else []) + [_cell(v) for v in row])
    return out.getvalue()


def _cell(value: str) -> str:
    """Stop a spreadsheet treating published text as a formula (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def to_html(
    services: list[ServiceDetail],
    *,
    demo: bool,
    title: str = "Services to contact",
    distances: dict[str, str] | None = None,
) -> str:
    """Printable pages for the family: what each service is, for whom, what it costs, how to reach it."""
    e = html.escape
    p = "<p style='margin: 2px 0;'>"
    parts = [
        # No sizes in points: the page's text size is the document's font, so it can shrink to fit.
        "<html><body style='font-family: sans-serif;'>",
        f"<h1 style='font-size: x-large;'>{e(title)}</h1>",
    ]
    if demo:
        parts.append(f"<p style='border: 1px solid #999; padding: 4px;'><b>{e(DEMO_LINE)}</b></p>")
    for s in services:
        parts.append(f"<h2 style='font-size: large; margin-bottom: 2px;'>{e(s.name)}</h2>")
        if s.organisation:
            parts.append(f"<p style='margin: 0;'><i>{e(s.organisation)}</i></p>")
        for alert in s.alerts:
            parts.append(f"{p}<b>Important:</b> {e(alert)}</p>")
        if s.description:
            parts.append(f"{p}{e(summary(s.description))}</p>")
        contact = [x.text for x in s.all_phones] + s.all_emails + ([s.url] if s.url else [])
        facts = [
            ("SEND support", summary(s.send_statement)),
            ("Needs", needs_text(s)),
            ("Ages", ages_and_cost(s)),
            ("Distance", (distances or {}).get(s.id, "")),
            ("Contact", " · ".join(contact)),
            ("Address", " · ".join(places_of(s))),
            ("Opening times", "; ".join(x for x in s.schedule.split("\n") if x)),
            ("How to access", access_text(s)),
        ]
        for label, value in facts:
            if label == "Ages":
                parts.append(f"{p}{e(value)}</p>")
            elif value:
                parts.append(f"{p}<b>{label}:</b> {e(value)}</p>")
    if not services:
        parts.append("<p>No services on the shortlist.</p>")
    parts.append("</body></html>")
    return "\n".join(parts)
