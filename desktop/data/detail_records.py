"""The records of one service's full details (the details pane, the exports, the shortlist)
and of its cost options (feeds and the pane alike).

Split from ``records`` (issue 16): a frozen dataclass costs ~0.3–1.6 ms to create, and the
start shows no service's details, so these load with the first one shown (or with a
refresh), not with every start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop.data.records import Phone, ages_text, cost_summary


@dataclass(frozen=True)
class Cost:
    """One cost option (feeds and the details pane alike): amount, unit and who it is for."""

    amount: float | None = None
    currency: str = "GBP"
    unit: str = ""  # 'per hour', 'per session'
    option: str = ""  # who or what it applies to: '0–4s', 'half day'
    description: str = ""  # the feed's own words ('Free for families on Universal Credit')

    @property
    def is_free(self) -> bool:
        return self.amount == 0


def cost_label(cost: Cost) -> str:
    """'£8.00 per hour (0–4s)'; the description alone when there is no amount.

    The one place a cost option becomes words: the writer's flat ``cost_text``, the
    details pane, the exports and the CLI all go through it.
    """
    if cost.amount is None:
        return ", ".join(_distinct((cost.description, cost.option)))
    if cost.amount == 0:
        amount = "Free"
    else:
        symbol = {"GBP": "£", "EUR": "€", "USD": "$"}.get(cost.currency.upper(), "")
        amount = f"{symbol}{cost.amount:,.2f}" if symbol else f"{cost.amount:,.2f} {cost.currency}"
        if cost.unit:
            amount += f" {cost.unit}"
    # an option or description that only repeats the amount or its unit ('Per term') adds nothing
    extra = ", ".join(_distinct((cost.option, cost.description), amount, cost.unit))
    return f"{amount} ({extra})" if extra else amount


def _distinct(parts: tuple[str, ...], *said: str) -> list[str]:
    """The non-empty ``parts`` that say something new (compared without case)."""
    seen = {s.casefold() for s in said if s}
    out = []
    for part in parts:
        if part and part.casefold() not in seen:
            seen.add(part.casefold())
            out.append(part)
    return out


@dataclass(frozen=True)
class Contact:
    """A named contact of a service: a person or a team, with their own phones and e-mail."""

    name: str = ""
    email: str = ""
    title: str = ""  # job title or role: 'SENCO', 'Duty team'
    phones: tuple[Phone, ...] = ()

    @property
    def phone(self) -> str:
        """The first number as shown ('' when there is none)."""
        return self.phones[0].text if self.phones else ""


@dataclass(frozen=True)
class Place:
    """Where a service is offered, as the details pane shows it."""

    name: str = ""
    address: str = ""  # street lines, town and postcode ('' when masked)
    town: str = ""
    postcode: str = ""  # 'BV3 6TE'; only the district ('BV3') when masked
    latitude: float | None = None
    longitude: float | None = None
    masked: bool = False  # the publisher shows only the town and postcode district
    phones: tuple[Phone, ...] = ()

    @property
    def text(self) -> str:
        """'Northgate Family Hub, 14 Ashcombe Road, Brookvale, BV1 4QT' (masked: town, district)."""
        if self.masked:
            return ", ".join(p for p in (self.name, self.town, self.postcode) if p)
        if self.name and not self.address.startswith(self.name):
            return ", ".join(p for p in (self.name, self.address) if p)
        return self.address or ", ".join(p for p in (self.town, self.postcode) if p)


@dataclass(frozen=True)
class NamedLink:
    """An extra web link of a service ('Facebook', 'Local Offer page')."""

    label: str
    url: str


@dataclass(frozen=True)
class QuestionAnswer:
    """One question and answer of a provider's SEND statement."""

    question: str
    answer: str


@dataclass(frozen=True)
class ServiceDetail:
    id: str
    name: str
    organisation: str
    description: str
    status: str
    url: str
    email: str
    min_age: int | None
    max_age: int | None
    is_free: bool
    cost_text: str
    area: str
    postcode: str
    address: str
    latitude: float | None
    longitude: float | None
    schedule: str
    eligibility: str
    last_modified: str
    contacts: tuple[Contact, ...] = field(default_factory=tuple)
    categories: tuple[str, ...] = field(default_factory=tuple)
    needs: tuple[str, ...] = field(default_factory=tuple)  # as the feed names them
    # -- schema v2: everything else a feed gives an adviser ----------------------------------
    need_areas: tuple[str, ...] = ()  # the Code of Practice's broad areas (NEED_AREAS labels)
    topics: tuple[str, ...] = ()  # the feed's own taxonomy terms that are not needs
    costs: tuple[Cost, ...] = ()
    fees_text: str = ""
    phones: tuple[Phone, ...] = ()  # the service's own, not a contact's or a location's
    locations: tuple[Place, ...] = ()
    links: tuple[NamedLink, ...] = ()
    send_statement: str = ""
    send_answers: tuple[QuestionAnswer, ...] = ()
    send_link: str = ""
    accessibility: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    audiences: tuple[str, ...] = ()
    alerts: tuple[str, ...] = ()
    how_to_access: str = ""
    referral_needed: bool | None = None
    assured_date: str = ""

    @property
    def ages_text(self) -> str:
        return ages_text(self.min_age, self.max_age)

    @property
    def cost_lines(self) -> list[str]:
        """Every cost option in words (cost_label), then the free-text fees."""
        lines = [cost_label(c) for c in self.costs]
        # free-text fees that only repeat a cost option ('£25 per day' beside '£25.00 per day')
        if self.fees_text and _price_key(self.fees_text) not in {_price_key(x) for x in lines}:
            lines.append(self.fees_text)
        return [x for x in dict.fromkeys(lines) if x]

    @property
    def cost_shown(self) -> str:
        """'£83.50 per day (0–4s); £52.80 per half day', 'Free' or 'Cost not given'."""
        lines = self.cost_lines
        if lines:
            return cost_summary(self.is_free, "; ".join(lines))
        return cost_summary(self.is_free, self.cost_text)

    @property
    def all_phones(self) -> list[Phone]:
        """Every number once: the service's own, then each contact's, then each location's."""
        found = list(self.phones)
        for contact in self.contacts:
            found += contact.phones
        for place in self.locations:
            found += place.phones
        return list(dict.fromkeys(found))

    @property
    def all_emails(self) -> list[str]:
        return [e for e in dict.fromkeys([self.email, *(c.email for c in self.contacts)]) if e]


def _price_key(text: str) -> str:
    """'£25.00 per day' and '£25 per day.' alike: no case, spaces, whole pence or full stop."""
    return re.sub(r"\.00\b|\s+|\.$", "", text.casefold().strip())
