"""The Local Offer details pane: one service as HTML, with links that go through actions."""

from __future__ import annotations

import html

from desktop.data.records import ServiceDetail
from desktop.data.shortlist import contact_lines
from desktop.ui import actions


def service_html(s: ServiceDetail, demo: bool) -> str:
    e = html.escape
    parts = [f"<h2>{e(s.name)}</h2>"]
    if demo:
        parts.append("<p><b>Demo data — fictional service.</b></p>")
    if s.organisation:
        parts.append(f"<p><i>{e(s.organisation)}</i></p>")
    facts = [s.ages_text, "Free" if s.is_free else (s.cost_text or "Cost not given")]
    if s.is_free and s.cost_text and s.cost_text != "Free":
        facts[-1] = s.cost_text
    parts.append(f"<p>{e(' · '.join(facts))}</p>")
    if s.description:
        paragraphs = "".join(f"<p>{e(p)}</p>" for p in s.description.split("\n") if p.strip())
        parts.append(paragraphs)
    contact_rows = []
    for c in s.contacts:
        bits = [e(c.name)] if c.name else []
        if c.phone:
            url = actions.tel_url(c.phone)
            bits.append(f'<a href="{e(url.toString())}">{e(c.phone)}</a>' if url else e(c.phone))
        if c.email:
            bits.append(f'<a href="{e(actions.mailto_url(c.email).toString())}">{e(c.email)}</a>')
        contact_rows.append(" · ".join(bits))
    if s.email and all(s.email != c.email for c in s.contacts):
        contact_rows.append(
            f'<a href="{e(actions.mailto_url(s.email).toString())}">{e(s.email)}</a>'
        )
    if s.url:
        contact_rows.append(f'<a href="{e(s.url)}">{e(s.url)}</a>')
    if contact_rows:
        parts.append("<h3>Contact</h3>" + "".join(f"<p>{r}</p>" for r in contact_rows))
    if s.address:
        parts.append(f"<h3>Where</h3><p>{e(s.address)}</p>")
    if s.schedule:
        parts.append("<h3>When</h3>" + "".join(f"<p>{e(x)}</p>" for x in s.schedule.split("\n")))
    if s.eligibility:
        parts.append(f"<h3>Who can use it</h3><p>{e(s.eligibility)}</p>")
    tags = ", ".join(s.categories + s.needs)
    if tags:
        parts.append(f"<p><small>Categories: {e(tags)}</small></p>")
    if s.area:
        parts.append(f"<p><small>Area: {e(s.area)}</small></p>")
    if s.last_modified:
        parts.append(
            f"<p><small>Last updated by the publisher: {e(s.last_modified[:10])}</small></p>"
        )
    return "\n".join(parts)


def contact_text(s: ServiceDetail) -> str:
    """Name, phone numbers, e-mail, website and address, to paste elsewhere."""
    return "\n".join([s.name, *contact_lines(s)])
