"""Plain dataclasses passed from the data layer to the UI and CLI."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.data.nearby import Origin

# Local Offer categories, as real Local Offers group services: the code in term ids
# (category:CODE) and the label shown. Feeds' own taxonomies are mapped onto these by
# the crosswalk in resources/taxonomy-map.toml.
CATEGORY_NAMES = {
    "education": "Education",
    "health": "Health",
    "social-care": "Social care",
    "childcare": "Childcare and early years",
    "short-breaks": "Short breaks, leisure and things to do",
    "adulthood": "Preparing for adulthood",
    "family-support": "Family support and advice",
}

# The SEND Code of Practice's four broad areas of need (§6.28-6.35): the code in term ids
# (need-area:CODE) and the label shown. A feed's own needs are mapped onto these.
NEED_AREAS = {
    "communication": "Communication and interaction",
    "cognition": "Cognition and learning",
    "semh": "Social, emotional and mental health",
    "sensory-physical": "Sensory and/or physical needs",
}

# Kinds of provider, with the label the UI shows.
KINDS = {
    "mediation": "Mediation",
    "disagreement-resolution": "Disagreement resolution",
    "council-send-team": "Council SEND team",
    "sendiass": "SENDIASS",
    "national-advice": "National advice",
    "tribunal": "Tribunal",
    "other": "Other",
}


@dataclass(frozen=True)
class Phone:
    """One telephone number as the app keeps it (feeds and provider lists alike)."""

    number: str  # as shown: '0121 496 0123'; a non-UK number exactly as written
    tel: str = ""  # E.164 for a tel: link ('+441214960123'); '' when it must not be dialled
    extension: str = ""  # digits only
    label: str = ""  # what the feed calls it: 'Youth line', 'Text only', 'Fax'
    option: str = ""  # a menu option to choose after dialling: '2', '2 then 1' (not dialled)

    @property
    def text(self) -> str:
        """'Youth line: 0121 496 0123 ext. 303', '0333 006 2835, option 2'."""
        shown = f"{self.number} ext. {self.extension}" if self.extension else self.number
        if self.option:
            shown += f", option {self.option}"
        return f"{self.label}: {shown}" if self.label else shown


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
        return ", ".join(p for p in (cost.description, cost.option) if p)
    if cost.amount == 0:
        amount = "Free"
    else:
        symbol = {"GBP": "£", "EUR": "€", "USD": "$"}.get(cost.currency.upper(), "")
        amount = f"{symbol}{cost.amount:,.2f}" if symbol else f"{cost.amount:,.2f} {cost.currency}"
        if cost.unit:
            amount += f" {cost.unit}"
    extra = ", ".join(p for p in (cost.option, cost.description) if p and p != amount)
    return f"{amount} ({extra})" if extra else amount


def cost_summary(is_free: bool, cost_text: str) -> str:
    """The cost as a list line or a summary shows it: the feed's costs, else Free, else 'not given'."""
    if cost_text and not (is_free and cost_text.casefold() == "free"):
        return cost_text
    return "Free" if is_free else "Cost not given"


@dataclass(frozen=True)
class GuidanceSection:
    id: str
    title: str
    order: int
    summary: str
    body: str  # Markdown
    sources: tuple[str, ...]
    checked_on: str


@dataclass(frozen=True)
class Provider:
    id: str
    name: str
    kind: str
    description: str
    phones: tuple[str, ...]
    email: str
    website: str
    hours: str
    area: str
    source: str
    checked_on: str
    origin: str = "bundled"
    own: bool = False  # the organisation's own service (``own = true`` in its providers file)


@dataclass(frozen=True)
class ServiceSummary:
    id: str
    name: str
    organisation: str
    min_age: int | None
    max_age: int | None
    is_free: bool
    cost_text: str
    area: str

    @property
    def ages_text(self) -> str:
        return ages_text(self.min_age, self.max_age)

    @property
    def cost_shown(self) -> str:
        """The feed's costs in words ('£8.00 per hour'), else 'Free', else 'Cost not given'."""
        return cost_summary(self.is_free, self.cost_text)


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
        if self.fees_text:
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


def ages_text(lo: int | None, hi: int | None) -> str:
    if lo is None and hi is None:
        return "All ages"
    if lo is None:
        return f"Up to {hi}"
    if hi is None:
        return f"{lo}+"
    return f"Ages {lo}–{hi}"


# -- the Local Offer search, typed ----------------------------------------------------------------
FILTER_KEYS = ("category", "age", "free_only", "area", "need")


@dataclass(frozen=True)
class ServiceQuery:
    """One Local Offer search: the words and every filter, from the filter bar to the SQL.

    Frozen and keyword-checked: ``ServiceQuery(ctaegory=...)`` is a TypeError, never a filter
    silently ignored. ``''`` is no filter (as the filter bar's "All …" items give ``None``).
    ``near`` (Nearest first) orders by distance from an estimated postcode position; the
    Store's ranked search ignores it (``Store.search_nearest`` reads it).
    """

    text: str = ""
    category: str | None = None  # a code of CATEGORY_NAMES
    age: int | None = None
    free_only: bool = False
    area: str | None = None  # an area name, postcode district, sector or whole postcode
    need: str | None = None  # a term id: 'need:…' or 'need-area:CODE'
    near: Origin | None = None

    def __post_init__(self) -> None:
        for key in ("category", "area", "need"):
            if getattr(self, key) == "":
                object.__setattr__(self, key, None)
        if self.age is not None and (isinstance(self.age, bool) or not isinstance(self.age, int)):
            raise TypeError(f"age must be a whole number of years or None, not {self.age!r}")
        object.__setattr__(self, "free_only", bool(self.free_only))
        object.__setattr__(self, "text", self.text or "")

    @classmethod
    def of(cls, text: str = "", **filters: object) -> ServiceQuery:
        """From design §3's keyword filters; an unknown key is a TypeError naming it."""
        unknown = sorted(set(filters) - set(FILTER_KEYS) - {"near"})
        if unknown:
            raise TypeError(f"unknown Local Offer filter {', '.join(unknown)}; use {FILTER_KEYS}")
        return cls(text, **filters)  # type: ignore[arg-type]  # values checked in __post_init__

    def filters(self) -> dict[str, object]:
        """The filters as design §3's keyword arguments (no text, no ``near``)."""
        return {key: getattr(self, key) for key in FILTER_KEYS}

    @property
    def has_filters(self) -> bool:
        # Not ``not in (None, False)``: age 0 equals False, and is a filter.
        return any(getattr(self, key) is not None and getattr(self, key) is not False for key in FILTER_KEYS)

    def but(self, **changes: object) -> ServiceQuery:
        """This query with some fields changed (unknown names are a TypeError)."""
        return replace(self, **changes)  # type: ignore[arg-type]

    def without(self, key: str) -> ServiceQuery:
        """This query without one filter: what a facet counts against."""
        if key not in FILTER_KEYS:
            raise TypeError(f"unknown Local Offer filter {key!r}")
        return replace(self, **{key: False if key == "free_only" else None})
