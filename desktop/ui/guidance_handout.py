"""The family handout: one A4 page of HTML built from the route finder's answer.

Plain functions (no widgets) so the text can be tested directly; printing and PDF go
through :mod:`desktop.ui.printing`. Nothing about the family is stored.
"""

from __future__ import annotations

import html

from desktop.data.deadlines import SAFETY_NOTE, long_date
from desktop.data.records import Provider
from desktop.data.routes import RouteAdvice, providers_of

HANDOUT_TITLE = "Sorting out a disagreement about SEND"


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def handout_html(advice: RouteAdvice, providers: list[Provider], who_label: str) -> str:
    topic = advice.topic
    parts = [
        "<html><head><style>h2 { font-size: large; margin: 0 0 4px 0; } "
        "h3 { font-size: medium; margin: 8px 0 2px 0; } p { margin: 2px 0; } "
        "li { margin-bottom: 2px; }</style></head><body>",
        f"<h2>{_e(HANDOUT_TITLE)}</h2>",
        f"<p><b>Who made the decision:</b> {_e(who_label)}<br>"
        f"<b>What it is about:</b> {_e(topic.label)}</p>",
    ]
    if topic.note:
        parts.append(f"<p><i>{_e(topic.note)}</i></p>")
    if advice.deadlines:
        parts.append("<h3>Your dates</h3><table cellspacing='0' cellpadding='3' border='1'>")
        for d in advice.deadlines:
            moved = (
                f"<br><small>Moved from {_e(long_date(d.moved_from))}, {_e(d.moved_reason)}.</small>"
                if d.moved_from
                else ""
            )
            parts.append(
                f"<tr><td><b>{_e(d.label)}</b><br><small>Counted from "
                f"{_e(long_date(d.start))}. Rule: {_e(d.citation)}</small></td>"
                f"<td><b>{_e(long_date(d.deadline))}</b>{moved}</td></tr>"
            )
        parts.append("</table>")
        parts.append(f"<p><b>{_e(SAFETY_NOTE)}</b></p>")
    parts.append("<h3>What you can do, in order</h3><ol>")
    for step in advice.steps:
        parts.append(
            f"<li><b>{_e(step.title)}.</b> {_e(step.involves)} "
            f"<i>Time limit: {_e(step.time_limit)}</i></li>"
        )
    parts.append("</ol>")
    wanted = providers_of(advice)
    by_id = {p.id: p for p in providers}
    contacts = [by_id[p] for p in wanted if p in by_id]
    if contacts:
        parts.append("<h3>Who to contact</h3><ul>")
        for p in contacts:
            details = ", ".join([*p.phones, *([p.email] if p.email else [])])
            parts.append(f"<li><b>{_e(p.name)}</b>: {_e(details)}</li>")
        parts.append("</ul>")
    parts.append(
        "<p><small>Your local SEND information, advice and support service (SENDIASS) can "
        "help for free. This page explains the law in England as it stood in November 2026; "
        "it is not legal advice. The law may change: check for updates.</small></p>"
    )
    parts.append("</body></html>")
    return "\n".join(parts)
