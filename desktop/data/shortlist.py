"""A family's shortlist of Local Offer services, and its text, CSV and printable forms (pure).

The shortlist lives only for the session; the adviser saves it to a file (CSV or PDF) or
copies it as text when the family wants to keep it.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Iterator

from desktop.data.records import ServiceDetail

CSV_COLUMNS = (
    "Name",
    "Organisation",
    "What it is",
    "Ages",
    "Cost",
    "Phone",
    "Email",
    "Website",
    "Address",
    "Opening times",
    "Last updated",
)
DEMO_LINE = "Demo data: these services are fictional, for practice only."
SUMMARY_CHARS = 280


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


def summary(text: str, limit: int = SUMMARY_CHARS) -> str:
    """The first paragraph of a description, cut at a word boundary near ``limit`` characters."""
    first = next((p.strip() for p in text.split("\n") if p.strip()), "")
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def phones_of(s: ServiceDetail) -> list[str]:
    return list(dict.fromkeys(c.phone for c in s.contacts if c.phone))


def email_of(s: ServiceDetail) -> str:
    return s.email or next((c.email for c in s.contacts if c.email), "")


def contact_lines(s: ServiceDetail) -> list[str]:
    """The Phone, Email, Website and Address lines for what the service gives."""
    lines = [f"Phone: {p}" for p in phones_of(s)]
    if email_of(s):
        lines.append(f"Email: {email_of(s)}")
    if s.url:
        lines.append(f"Website: {s.url}")
    if s.address:
        lines.append(f"Address: {s.address}")
    return lines


def cost_of(s: ServiceDetail) -> str:
    if s.is_free:
        return s.cost_text if s.cost_text and s.cost_text.lower() != "free" else "Free"
    return s.cost_text or "Cost not given"


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
        if s.organisation:
            lines.append(f"   {s.organisation}")
        if s.description:
            lines.append(f"   {summary(s.description)}")
        lines.append(f"   {s.ages_text} · {cost_of(s)}")
        distance = (distances or {}).get(s.id, "")
        if distance:
            lines.append(f"   Distance: {distance}")
        lines += [f"   {line}" for line in contact_lines(s)]
    if not services:
        lines += ["", "(No services on the shortlist.)"]
    return "\n".join(lines) + "\n"


def to_csv(services: list[ServiceDetail], distances: dict[str, str] | None = None) -> str:
    """CSV with a header row, one service a row (opens in a spreadsheet); a Distance column
    when the list has distances (Nearest first)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    extra = ["Distance (estimate)"] if distances else []
    writer.writerow([*CSV_COLUMNS, *extra])
    for s in services:
        writer.writerow(
            [
                _cell(s.name),
                _cell(s.organisation),
                _cell(summary(s.description)),
                s.ages_text,
                _cell(cost_of(s)),
                "; ".join(phones_of(s)),
                _cell(email_of(s)),
                _cell(s.url),
                _cell(s.address),
                _cell(s.schedule.replace("\n", "; ")),
                s.last_modified[:10],
                *([_cell(distances.get(s.id, ""))] if distances else []),
            ]
        )
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
    """One clean printable page for the family: name, what it is, contact, address."""
    e = html.escape
    parts = [
        "<html><body style='font-family: sans-serif; font-size: 11pt;'>",
        f"<h1 style='font-size: 16pt;'>{e(title)}</h1>",
    ]
    if demo:
        parts.append(f"<p style='border: 1px solid #999; padding: 4px;'><b>{e(DEMO_LINE)}</b></p>")
    for s in services:
        parts.append(f"<h2 style='font-size: 13pt; margin-bottom: 2px;'>{e(s.name)}</h2>")
        if s.organisation:
            parts.append(f"<p style='margin: 0;'><i>{e(s.organisation)}</i></p>")
        if s.description:
            parts.append(f"<p style='margin: 2px 0;'>{e(summary(s.description))}</p>")
        facts = [s.ages_text, cost_of(s)]
        distance = (distances or {}).get(s.id, "")
        if distance:
            facts.append(f"Distance: {distance}")
        contact = [f"Phone {p}" for p in phones_of(s)]
        if email_of(s):
            contact.append(f"Email {email_of(s)}")
        if s.url:
            contact.append(s.url)
        parts.append(f"<p style='margin: 2px 0;'>{e(' · '.join(facts))}</p>")
        if contact:
            parts.append(f"<p style='margin: 2px 0;'><b>Contact:</b> {e(' · '.join(contact))}</p>")
        if s.address:
            parts.append(f"<p style='margin: 2px 0;'><b>Address:</b> {e(s.address)}</p>")
    if not services:
        parts.append("<p>No services on the shortlist.</p>")
    parts.append("</body></html>")
    return "\n".join(parts)
