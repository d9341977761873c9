"""The route finder's answer as HTML for its text pane: the topic, the dates used, each
deadline with what it was counted from and the days left, the steps in order with their
contacts and links. Plain functions (no widgets) so the text can be tested directly."""

from __future__ import annotations

import datetime as dt
import html

from desktop.data.dates import long_date
from desktop.data.deadline_rules import RULES
from desktop.data.deadlines import GENERAL_NOTE, SAFETY_NOTE, days_left
from desktop.data.directory import FIND_SENDIASS, ProviderDirectory, contact_label
from desktop.data.routes import RouteAdvice
from desktop.data.rule_types import Group
from desktop.ui.guidance.handout import computed_notes


def _e(text: str) -> str:
    return html.escape(text)


def _deadlines(advice: RouteAdvice, today: dt.date) -> list[str]:
    parts = ["<p><b>Deadlines for the dates entered:</b></p><ul>"]
    for d in advice.deadlines:
        estimate = " (an estimate)" if d.estimate else ""
        moved = (
            f" Moved from {_e(long_date(d.moved_from))}, {_e(d.moved_reason)}."
            if d.moved_from
            else ""
        )
        extra = f"<br><b>{_e(d.estimate)}</b>" if d.estimate else ""
        extra += "".join(f"<br><i>{_e(w)}</i>" for w in computed_notes(d))
        if d.medium:
            extra += f"<br><b>{_e(d.medium)}</b>"
        if d.late:
            extra += f"<br>If this date is missed: {_e(d.late)}"
        parts.append(
            f"<li>{_e(d.label)}: <b>{_e(long_date(d.deadline))}</b>{estimate}. "
            f"<b>{_e(days_left(d.deadline, today))}</b><br>"
            f"Counted: {_e(d.basis)}.{moved}{extra}<br>"
            f"<small>Rule: {_e(d.citation)}</small></li>"
        )
    parts.append("</ul>")
    if advice.contact_today:
        c = advice.contact_today
        parts.append(
            "<p>If the family contacts the mediation adviser today and does not want "
            f"mediation, the certificate should be issued by {_e(long_date(c.certificate))} "
            f"(an estimate), and the last day to appeal would then be "
            f"<b>{_e(long_date(c.appeal.deadline))}</b>.</p>"
        )
    tribunal = any(RULES[d.rule].group is Group.TRIBUNAL for d in advice.deadlines)
    parts.append(f"<p><b>{_e(SAFETY_NOTE if tribunal else GENERAL_NOTE)}</b></p>")
    return parts


def advice_html(
    advice: RouteAdvice,
    directory: ProviderDirectory,
    today: dt.date,
    *,
    section_titles: dict[str, str] | None = None,
    notice: str = "",
) -> str:
    titles = section_titles or {}
    parts = [f"<h3>{_e(advice.topic.label)}</h3>"]
    if notice:
        parts.append(f"<p><b>{_e(notice)}</b></p>")
    if advice.topic.note:
        parts.append(f"<p><i>{_e(advice.topic.note)}</i></p>")
    if advice.topic.sections:
        links = [
            f"<a href='section:{_e(s)}'>{_e(titles.get(s, s.replace('-', ' ').capitalize()))}</a>"
            for s in advice.topic.sections
        ]
        parts.append(f"<p>Read first: {' · '.join(links)}</p>")
    own = directory.own_service
    if own is not None:
        parts.append(
            f"<p><b>Your service:</b> <a href='provider:{_e(own.id)}'>{_e(own.name)}</a>"
            f"{': ' + _e(', '.join([*own.phones, own.email][:3])) if own.phones or own.email else ''}</p>"
        )
    if advice.date is not None:
        parts.append(
            f"<p>Counting from {_e(long_date(advice.date))} ({_e(advice.topic.date_label[:1].lower() + advice.topic.date_label[1:])}).</p>"
        )
    if advice.deadlines:
        parts.extend(_deadlines(advice, today))
    parts.append("<ol>")
    for step in advice.steps:
        links = [f"<a href='section:{_e(step.section)}'>Read more</a>"]
        links += [
            f"<a href='section:{_e(s)}'>{_e(titles.get(s, s.replace('-', ' ').capitalize()))}</a>"
            for s in step.also
        ]
        contacts = directory.contacts(step.contact_kinds)
        links += [f"<a href='provider:{_e(p.id)}'>{_e(contact_label(p))}</a>" for p in contacts]
        note = (
            f"<br><small>{_e(step.contact_note)}</small>" if contacts and step.contact_note else ""
        )
        if "sendiass" in step.contact_kinds and own is None:
            note += f"<br><small>{_e(FIND_SENDIASS)}</small>"
        warning = advice.warning(step)
        warn = f"<br><b>{_e(warning)}</b>" if warning else ""
        parts.append(
            f"<li><p><b>{_e(step.title)}</b><br>{_e(step.involves)}{warn}<br>"
            f"<i>Time limit:</i> {_e(step.time_limit)}<br>{' · '.join(links)}{note}</p></li>"
        )
    parts.append("</ol>")
    return "".join(parts)
