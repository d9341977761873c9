"""Plain dataclasses passed from the data layer to the UI and CLI."""

from __future__ import annotations

from dataclasses import dataclass, field

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


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str
    email: str


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
    needs: tuple[str, ...] = field(default_factory=tuple)

    @property
    def ages_text(self) -> str:
        return ages_text(self.min_age, self.max_age)


def ages_text(lo: int | None, hi: int | None) -> str:
    if lo is None and hi is None:
        return "All ages"
    if lo is None:
        return f"Up to {hi}"
    if hi is None:
        return f"{lo}+"
    return f"Ages {lo}–{hi}"
