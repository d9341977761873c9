"""Plain dataclasses passed from the data layer to the UI and CLI."""

from __future__ import annotations

from dataclasses import dataclass, replace
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


def ages_text(lo: int | None, hi: int | None) -> str:
    """How a service's ages read. No ages at all is "Ages not given" (a feed's -1, or nothing):
    saying "All ages" there could send a family to a service that is not for their child.
    Outpost's age_band_all arrives as 0 with no upper age: "0+"."""
    if lo is None and hi is None:
        return "Ages not given"
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
        # 'is not None', never 'not in (None, False)': age 0 (a baby) equals False.
        return self.free_only or any(
            getattr(self, key) is not None for key in ("category", "age", "area", "need")
        )

    def but(self, **changes: object) -> ServiceQuery:
        """This query with some fields changed (unknown names are a TypeError)."""
        return replace(self, **changes)  # type: ignore[arg-type]  # unknown names raise TypeError at run time

    def without(self, key: str) -> ServiceQuery:
        """This query without one filter: what a facet counts against."""
        if key not in FILTER_KEYS:
            raise TypeError(f"unknown Local Offer filter {key!r}")
        return self.but(**{key: False if key == "free_only" else None})
