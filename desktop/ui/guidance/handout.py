"""The family handout: one A4 page of HTML built from the route finder's answer.

It says exactly what was counted (issue 12.5): for each deadline the start date actually
used ("1 month from the mediation certificate issued on ..."), the date the page was
prepared and the days left or "this date has passed". It names the adviser's own service
when one is configured (12.6) and otherwise says how to find the local SENDIASS; a contact
that came with the app is labelled with the area it serves. Plain functions (no widgets)
so the text can be tested directly; printing and PDF go through :mod:`desktop.ui.printing`.
Nothing about the family is stored.
"""

from __future__ import annotations

import datetime as dt
import html

from desktop.data.dates import long_date
from desktop.data.deadline_rules import RULES
from desktop.data.deadlines import GENERAL_NOTE, SAFETY_NOTE, STAYS, Deadline, days_left
from desktop.data.directory import FIND_SENDIASS, ProviderDirectory, contact_label
from desktop.data.records import Provider
from desktop.data.routes import RouteAdvice, Step
from desktop.data.rule_types import Group

HANDOUT_TITLE = "Sorting out a disagreement about SEND"
STYLE = (
    "<style>h2 { font-size: large; margin: 0 0 2px 0; } "
    "h3 { font-size: medium; margin: 4px 0 1px 0; } p { margin: 1px 0; } "
    "ol, ul { margin-top: 0; margin-bottom: 0; -qt-list-indent: 1; } "
    "li { margin-bottom: 1px; }</style>"
)


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def computed_notes(d: Deadline) -> list[str]:
    """The warnings worked out for these dates (which date won, an unclear edge), without
    the rule's standing caveats, which the calculator shows in full."""
    caveats = set(RULES[d.rule].caveats)
    return [
        "Not a working day, but it does not move." if w.endswith(STAYS) else w
        for w in d.warnings
        if w not in caveats
    ]


def contact_line(p: Provider) -> str:
    details = ", ".join([*p.phones, *([p.email] if p.email else [])])
    return f"<b>{_e(contact_label(p))}</b>: {_e(details)}"


def own_service_item(directory: ProviderDirectory) -> str:
    """The first line under 'Who to contact': your adviser, or how to find SENDIASS."""
    own = directory.own_service
    if own is None:
        return f"<li>{_e(FIND_SENDIASS)}</li>"
    org = directory.organisation_name
    heading = f"Your adviser: {org}" if org and org != own.name else "Your adviser"
    return f"<li><b>{_e(heading)}</b>: {contact_line(own)}</li>"


def dates_used_html(advice: RouteAdvice) -> str:
    if advice.date is None:
        return ""
    lines = [f"{_e(advice.topic.date_label)}: <b>{_e(long_date(advice.date))}</b>"]
    if advice.dated:
        lines.append(f"date printed on the letter: <b>{_e(long_date(advice.dated))}</b>")
    if advice.certificate:
        lines.append(f"mediation certificate issued: <b>{_e(long_date(advice.certificate))}</b>")
    return "<p><b>Your dates</b>, from what you gave: " + "; ".join(lines) + ".</p>"


def deadline_row(d: Deadline, today: dt.date) -> str:
    small = [f"Counted: {_e(d.basis)}."]
    if d.moved_from:
        small.append(f"Moved from {_e(long_date(d.moved_from))}, {_e(d.moved_reason)}.")
    if d.estimate:
        small.append(_e(d.estimate))
    small.extend(_e(w) for w in computed_notes(d))
    if d.medium:
        small.append(_e(d.medium))
    if d.late:
        small.append(f"If this date is missed: {_e(d.late)}")
    estimate = " (an estimate)" if d.estimate else ""
    return (
        f"<tr><td><b>{_e(d.label)}</b><br><small>{' '.join(small)}</small></td>"
        f"<td><b>{_e(long_date(d.deadline))}</b>{estimate}<br>{_e(days_left(d.deadline, today))}"
        "</td></tr>"
    )


def contacts_html(advice: RouteAdvice, directory: ProviderDirectory, *, notes: bool = True) -> str:
    rows: dict[str, str] = {}
    bundled = False
    for step in advice.steps:
        kinds = [k for k in step.contact_kinds if k != "sendiass"]
        for p in directory.contacts(kinds):
            if p.id in rows:
                continue
            bundled = bundled or p.origin == "bundled"
            note = f" <i>{_e(step.contact_note)}</i>" if notes and step.contact_note else ""
            rows[p.id] = f"<li>{contact_line(p)}.{note}</li>"
    parts = ["<h3>Who to contact</h3><ul>", own_service_item(directory), *rows.values(), "</ul>"]
    if bundled:
        parts.append(
            "<p><small>A contact marked 'for' a place covers only that area; your own "
            "council's Local Offer lists its SEND team and mediation service.</small></p>"
        )
    return "".join(parts)


def time_limit(step: Step, advice: RouteAdvice) -> str:
    """The step's time limit; nothing when the table above already has all its dates."""
    if step.rules and all(advice.deadline(r) for r in step.rules):
        return ""
    return step.time_limit


def checked_words(law_checked: str) -> str:
    """'as checked on Saturday 28 November 2026' from the guidance's checked_on date."""
    try:
        return f"as checked on {long_date(dt.date.fromisoformat(law_checked[:10]))}"
    except ValueError:
        return f"as checked on {law_checked}" if law_checked else ""


def one_page_handout(
    advice: RouteAdvice,
    directory: ProviderDirectory,
    who_label: str,
    *,
    prepared: dt.date,
    law_checked: str = "",
) -> str:
    """The handout, in its compact form (steps without their time limits, contacts without
    notes) when the full one would not fit one A4 page even at the smallest print size."""
    from desktop.ui import printing  # QtPrintSupport loads on first use, not at start-up

    full = handout_html(advice, directory, who_label, prepared=prepared, law_checked=law_checked)
    if printing.page_count(full, "", printing.SMALLEST_POINT_SIZE) <= 1:
        return full
    return handout_html(
        advice, directory, who_label, prepared=prepared, law_checked=law_checked, compact=True
    )


def handout_html(
    advice: RouteAdvice,
    directory: ProviderDirectory,
    who_label: str,
    *,
    prepared: dt.date,
    law_checked: str = "",
    compact: bool = False,
) -> str:
    topic = advice.topic
    by = f" by {directory.organisation_name}" if directory.organisation_name else ""
    parts = [
        f"<html><head>{STYLE}</head><body>",
        f"<h2>{_e(HANDOUT_TITLE)}</h2>",
        f"<p><small>Prepared{_e(by)} on {_e(long_date(prepared))}.</small><br>"
        f"<b>The disagreement:</b> {_e(who_label)}: {_e(topic.label)}</p>",
    ]
    if topic.note:
        parts.append(f"<p><i>{_e(topic.note)}</i></p>")
    if advice.deadlines:
        parts.append(dates_used_html(advice))
        parts.append("<table cellspacing='0' cellpadding='2' border='1'>")
        parts.extend(deadline_row(d, prepared) for d in advice.deadlines)
        parts.append("</table>")
        if advice.contact_today:
            c = advice.contact_today
            parts.append(
                f"<p>Contact the adviser today and, if you do not want mediation, the "
                f"certificate should come by {_e(long_date(c.certificate))} (an estimate): the "
                f"last day to appeal would then be <b>{_e(long_date(c.appeal.deadline))}</b>.</p>"
            )
        tribunal = any(RULES[d.rule].group is Group.TRIBUNAL for d in advice.deadlines)
        rules = "; ".join(dict.fromkeys(d.citation for d in advice.deadlines))
        parts.append(
            f"<p><b>{_e(SAFETY_NOTE if tribunal else GENERAL_NOTE)}</b> "
            f"<small>Rules: {_e(rules)}.</small></p>"
        )
    parts.append("<h3>What you can do, in order</h3><ol>")
    for step in advice.steps:
        warning = advice.warning(step)
        warn = f" <b>{_e(warning)}</b>" if warning else ""
        limit = "" if compact else time_limit(step, advice)
        when = f" <i>Time limit: {_e(limit)}</i>" if limit else ""
        parts.append(f"<li><b>{_e(step.title)}.</b> {_e(step.involves)}{warn}{when}</li>")
    parts.append("</ol>")
    parts.append(contacts_html(advice, directory, notes=not compact))
    when = checked_words(law_checked)
    parts.append(
        f"<p><small>The law in England {_e(when or 'as the app has it')}; not legal advice. "
        "The law may change: a SENDIASS adviser can tell you if it has.</small></p>"
    )
    parts.append("</body></html>")
    return "\n".join(parts)
