"""Route finder: which ways of settling a disagreement apply, in what order (pure, no Qt).

Two plain questions (who the disagreement is with, and what it is about) pick a
:class:`Topic` (:mod:`route_topics`). Each topic lists its steps (:mod:`route_steps`,
:mod:`route_steps_more`) in the order a family would usually try them, and the deadline
rules worked out from the one date the adviser enters. Every deadline says what it was
counted from; nothing here reads the clock (``today`` is passed in).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

from desktop.data import route_steps, route_steps_more
from desktop.data.dates import long_date
from desktop.data.deadline_rules import RULES
from desktop.data.deadlines import Deadline, WorkingDays, calculate, standard_working_days
from desktop.data.route_steps import Step
from desktop.data.route_topics import TOPICS, WHO, Topic

__all__ = [
    "STEPS",
    "TOPICS",
    "WHO",
    "ContactToday",
    "RouteAdvice",
    "RouteError",
    "Step",
    "Topic",
    "find_routes",
    "linked_sections",
    "topics_for",
]

STEPS: dict[str, Step] = {**route_steps.STEPS, **route_steps_more.STEPS}
_PLACEHOLDER = re.compile(r"\{date:([a-z0-9-]+)\}")


class RouteError(ValueError):
    """An answer the route finder does not know: a bad id from a caller, so a bug (the
    route finder offers only known answers), not a sentence for the user."""


@dataclass(frozen=True)
class ContactToday:
    """What contacting the mediation adviser today would give (legal review I-M7)."""

    today: dt.date
    certificate: dt.date  # estimate: 3 working days after the adviser is told
    appeal: Deadline


@dataclass(frozen=True)
class RouteAdvice:
    topic: Topic
    steps: tuple[Step, ...]
    deadlines: tuple[Deadline, ...]
    date: dt.date | None = None  # the date entered, in the meaning of topic.date_label
    dated: dt.date | None = None  # the date printed on the letter, when it differs
    certificate: dt.date | None = None
    contact_today: ContactToday | None = None

    def deadline(self, rule_id: str) -> Deadline | None:
        return next((d for d in self.deadlines if d.rule == rule_id), None)

    def warning(self, step: Step) -> str:
        """The step's warning with each ``{date:RULE}`` filled in (or said in words)."""

        def fill(match: re.Match[str]) -> str:
            found = self.deadline(match[1])
            if found is not None:
                return long_date(found.deadline)
            return "the deadline (2 months from the day the decision letter was sent)"

        return _PLACEHOLDER.sub(fill, step.warning)


def topics_for(who: str) -> list[Topic]:
    if who not in WHO:
        raise RouteError(f"Unknown answer to 'who is the disagreement with': {who!r}.")
    return [t for t in TOPICS.values() if t.who == who]


def find_routes(
    topic_id: str,
    date: dt.date | None = None,
    *,
    certificate: dt.date | None = None,
    dated: dt.date | None = None,
    working_days: WorkingDays | None = None,
    today: dt.date | None = None,
) -> RouteAdvice:
    """The steps for a topic, in order, and the deadlines its date gives (none without a date).

    ``certificate`` and ``dated`` reach only the rules that take them (a school-only appeal
    never counts from a certificate). A bad combination raises DeadlineError.
    """
    topic = TOPICS.get(topic_id)
    if topic is None:
        raise RouteError(f"Unknown disagreement topic {topic_id!r}.")
    steps = tuple(STEPS[s] for s in topic.steps)
    if date is None:
        return RouteAdvice(topic, steps, ())
    days = working_days or standard_working_days()
    notes = dict(topic.rule_notes)
    deadlines = []
    for rule_id in topic.date_rules:
        options = RULES[rule_id].options
        found = calculate(
            rule_id,
            date,
            certificate=certificate if "certificate" in options else None,
            dated=dated if "dated" in options else None,
            working_days=days,
            event=topic.date_event or None,
        )
        if rule_id in notes:
            found = dataclasses.replace(found, warnings=(*found.warnings, notes[rule_id]))
        deadlines.append(found)
    advice = RouteAdvice(topic, steps, tuple(deadlines), date, dated, certificate)
    contact = advice.deadline("mediation-adviser-contact")
    if certificate is None and contact is not None and today and date <= today <= contact.deadline:
        issued = days.add_working_days(today, 3)
        appeal = calculate("appeal", date, certificate=issued, dated=dated, working_days=days)
        advice = dataclasses.replace(advice, contact_today=ContactToday(today, issued, appeal))
    return advice


def linked_sections() -> set[str]:
    """Every guidance section id a step or a topic links to."""
    steps = {s.section for s in STEPS.values()} | {a for s in STEPS.values() for a in s.also}
    return steps | {x for t in TOPICS.values() for x in t.sections}
