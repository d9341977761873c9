"""The Local Offer details pane: one service as HTML, with links that go through actions.

Everything a feed gives an adviser, in the order they read it: alerts first (highlighted),
what the service is, the provider's own SEND statement under its own heading, the needs it
supports, ages and costs, how to get in touch, where and when, how to access it, and how
fresh the record is. Every text from the feed is escaped; links are only tel:, mailto:,
https: and http: (opening goes through ``actions.open_url``, which decides what to do).
"""

from __future__ import annotations

import html

from desktop.data.detail_records import ServiceDetail
from desktop.data.records import Phone
from desktop.data.service_text import (
    access_text,
    detail_lines,
    long_date,
    place_text,
)
from desktop.ui import actions

SEND_HEADING = "What this service offers for SEND"
_ALERT_STYLE = "background-color: #fff3cd; color: #5c4400; border: 1px solid #c9a227;"
_WEB_SCHEMES = ("https://", "http://")


def e(text: str) -> str:
    return html.escape(text or "", quote=True)


def tel_href(phone: Phone) -> str:
    """'tel:+441214960303;ext=303', or '' for a number that must not be dialled (not UK, invalid)."""
    if not phone.tel:
        return ""
    return f"tel:{phone.tel}" + (f";ext={phone.extension}" if phone.extension else "")


def phone_html(phone: Phone) -> str:
    href = tel_href(phone)
    shown = e(phone.text)
    return f'<a href="{e(href)}">{shown}</a>' if href else shown


def web_html(url: str, label: str = "") -> str:
    """A web link (https: or http:); anything else is shown as text, never as a link."""
    shown = e(label or url)
    if url.lower().startswith(_WEB_SCHEMES):
        insecure = " (not a secure site)" if url.lower().startswith("http://") else ""
        return f'<a href="{e(url)}">{shown}</a>{insecure}'
    return shown


def email_html(address: str) -> str:
    if not actions.email_ok(address):
        return e(address)
    return f'<a href="{e(actions.mailto_url(address).toString())}">{e(address)}</a>'


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{e(p)}</p>" for p in text.split("\n") if p.strip())


def _section(title: str, rows: list[str]) -> str:
    rows = [r for r in rows if r]
    return f"<h3>{e(title)}</h3>" + "".join(f"<p>{r}</p>" for r in rows) if rows else ""


def _alerts(s: ServiceDetail) -> str:
    if not s.alerts:
        return ""
    items = "".join(f"<p><b>Important:</b> {e(a)}</p>" for a in s.alerts)
    return (
        f'<table width="100%" cellpadding="6" cellspacing="0" style="{_ALERT_STYLE}">'
        f"<tr><td>{items}</td></tr></table>"
    )


def _send(s: ServiceDetail) -> str:
    parts = []
    if s.send_statement:
        parts.append(_paragraphs(s.send_statement))
    for qa in s.send_answers:
        parts.append(f"<p><b>{e(qa.question)}</b><br>{e(qa.answer)}</p>")
    if s.send_link:
        parts.append(f"<p>{web_html(s.send_link, 'The provider’s SEND page')}</p>")
    return f"<h3>{e(SEND_HEADING)}</h3>" + "".join(parts) if parts else ""


def _needs(s: ServiceDetail) -> list[str]:
    rows = []
    if s.need_areas:
        rows.append("Broad areas of need: " + e("; ".join(s.need_areas)))
    if s.needs:
        rows.append("As the publisher names them: " + e(", ".join(s.needs)))
    return rows


def _contact(s: ServiceDetail) -> list[str]:
    rows = [phone_html(p) for p in s.phones]
    for c in s.contacts:
        who = " · ".join(e(x) for x in (c.name, c.title) if x)
        bits = [who] if who else []
        bits += [phone_html(p) for p in c.phones]
        if c.email:
            bits.append(email_html(c.email))
        rows.append(" · ".join(bits))
    if s.email and all(s.email != c.email for c in s.contacts):
        rows.append(email_html(s.email))
    if s.url:
        rows.append("Website: " + web_html(s.url))
    rows += [web_html(link.url, link.label) for link in s.links]
    return rows


def _where(s: ServiceDetail) -> list[str]:
    rows = []
    for place in s.locations:
        text = e(place_text(place))
        if place.phones:
            text += " · " + " · ".join(phone_html(p) for p in place.phones)
        rows.append(text)
    if not rows and s.address:
        rows.append(e(s.address))
    return rows


def _who(s: ServiceDetail) -> list[str]:
    rows = [e(s.ages_text)]
    if s.audiences:
        rows.append("For: " + e(", ".join(s.audiences)))
    if s.eligibility:
        rows.append(e(s.eligibility))
    return rows


def _freshness(s: ServiceDetail) -> str:
    rows = []
    if s.last_modified:
        rows.append(f"Last updated by the publisher on {e(long_date(s.last_modified))}.")
    if s.assured_date:
        rows.append(f"Checked by a person on {e(long_date(s.assured_date))}.")
    return "".join(f"<p><small>{r}</small></p>" for r in rows)


def service_html(s: ServiceDetail, demo: bool) -> str:
    parts = [f"<h2>{e(s.name)}</h2>"]
    if demo:
        parts.append("<p><b>Demo data — fictional service.</b></p>")
    parts.append(_alerts(s))
    if s.organisation:
        parts.append(f"<p><i>{e(s.organisation)}</i></p>")
    parts.append(f"<p>{e(s.ages_text)} · {e(s.cost_shown)}</p>")
    if s.description:
        parts.append(_paragraphs(s.description))
    parts.append(_send(s))
    parts.append(_section("Needs it supports", _needs(s)))
    if len(s.cost_lines) > 1:
        parts.append(_section("Costs", [e(x) for x in s.cost_lines]))
    parts.append(_section("Contact", _contact(s)))
    parts.append(_section("Where", _where(s)))
    if s.schedule:
        parts.append(_section("When", [e(x) for x in s.schedule.split("\n")]))
    parts.append(_section("How to access", [e(access_text(s))]))
    parts.append(_section("Who can use it", _who(s)))
    parts.append(_section("Accessibility", [e(", ".join(s.accessibility))]))
    parts.append(_section("Languages", [e(", ".join(s.languages))]))
    tags = ", ".join(dict.fromkeys(s.categories + s.topics))  # a topic may repeat a category
    if tags:
        parts.append(f"<p><small>Categories: {e(tags)}</small></p>")
    if s.area:
        parts.append(f"<p><small>Area: {e(s.area)}</small></p>")
    parts.append(_freshness(s))
    return "\n".join(p for p in parts if p)


def contact_text(s: ServiceDetail) -> str:
    """The service's details as text, to paste elsewhere: the same lines as the shortlist's."""
    return "\n".join([s.name, *detail_lines(s)])
