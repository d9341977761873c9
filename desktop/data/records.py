"""Plain dataclasses passed from the data layer to the UI and CLI."""

from __future__ import annotations

from dataclasses import dataclass, field

# Local Offer categories: the code in term ids (category:CODE) and the label shown.
CATEGORY_NAMES = {"education": "Education", "health": "Health", "social-care": "Social care"}

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
