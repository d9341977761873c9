"""The normalised service record: what every shape reader produces and the writer stores.

This is the contract between the two halves of the pipeline. A shape reader (Outpost,
Placecube, ORUK 1.0/3.0 JSON, HSDS CSV packages…) turns one raw service into a
``ServiceRecord`` using only the cleaners of the data layer (``desktop.data.text``,
``phones``, ``urls``, ``emails``, ``postcodes``); the writer stores it without knowing
which shape it came from. Everything here is plain data: no I/O, no parsing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.data.detail_records import Cost, cost_label

# Cost and cost_label live in the data layer (like Phone) so the Store's details, the
# exports and the CLI share the one way a cost is put into words.
from desktop.data.records import Phone

# Term vocabularies the app itself gives meaning to. Other terms keep their feed's
# taxonomy name as their vocabulary and are searchable but not filters.
CATEGORY = "category"  # one of records.CATEGORY_NAMES: ids 'category:CODE'
NEED = "need"  # a SEND need as the feed names it: ids 'need:<feed id or name>'
NEED_AREA = "need-area"  # one of records.NEED_AREAS: ids 'need-area:CODE'


@dataclass(frozen=True)
class Term:
    id: str  # unique across vocabularies: 'category:health', 'need:autism', 'esd:123'
    vocabulary: str  # CATEGORY | NEED | NEED_AREA | the feed's own taxonomy name
    code: str
    name: str


@dataclass(frozen=True)
class ContactRecord:
    name: str = ""
    title: str = ""  # job title or role: 'SENCO', 'Duty team'
    email: str = ""
    phones: tuple[Phone, ...] = ()


@dataclass(frozen=True)
class Location:
    name: str = ""  # the venue: 'Brookvale Library'
    address: str = ""  # street lines, town and postcode as one line ('' when masked)
    town: str = ""
    postcode: str = ""  # normalised 'BV3 6TE'; only the district ('BV3') when masked
    latitude: float | None = None
    longitude: float | None = None
    masked: bool = False  # the publisher asked to show only the town and postcode district


@dataclass(frozen=True)
class Link:
    label: str  # 'Facebook', 'Local Offer page'
    url: str


@dataclass(frozen=True)
class Answer:
    """One question and answer of a provider's SEND statement (Outpost ``survey_answers``)."""

    question: str
    answer: str


@dataclass
class ServiceRecord:
    id: str
    name: str
    organisation: str = ""
    description: str = ""  # sanitised plain text
    status: str = "active"
    url: str = ""  # https:, http: or '' (urls.clean_url decides)
    email: str = ""
    is_free: bool = False
    costs: list[Cost] = field(default_factory=list)
    fees_text: str = ""  # free-text fees (HSDS fees_description) beside the cost options
    min_age: int | None = None
    max_age: int | None = None
    area: str = ""  # service areas, ', '-joined
    locations: list[Location] = field(default_factory=list)
    schedule: str = ""  # readable lines ('Monday to Friday: 9am to 5pm'), '\n'-joined
    eligibility: str = ""
    last_modified: str = ""  # ISO date or date-time the publisher last changed it
    assured_date: str = ""  # ISO date a person last checked the record
    send_statement: str = ""  # the provider's own SEND Local Offer description
    send_answers: list[Answer] = field(default_factory=list)
    send_link: str = ""
    accessibility: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    audiences: list[str] = field(default_factory=list)  # e.g. Placecube pc_targetAudience
    alerts: list[str] = field(default_factory=list)  # shown first, highlighted
    how_to_access: str = ""
    referral_needed: bool | None = None
    links: list[Link] = field(default_factory=list)
    contacts: list[ContactRecord] = field(default_factory=list)
    phones: list[Phone] = field(default_factory=list)  # the service's own, not a contact's
    terms: list[Term] = field(default_factory=list)
    # What the reader dropped and why, for the coverage report: ('email', 'placeholder').
    dropped: list[tuple[str, str]] = field(default_factory=list)
    # What the reader inferred or could not place (not drops), for the coverage report:
    # ('unmapped term', 'Transport'), ('category from the service name', 'health').
    notes: list[tuple[str, str]] = field(default_factory=list)

    # -- flat views kept in the services table for filters and lists -----------------------
    @property
    def first_location(self) -> Location:
        for location in self.locations:
            if location.postcode or location.address or location.latitude is not None:
                return location
        return Location()

    @property
    def postcode(self) -> str:
        return self.first_location.postcode

    @property
    def address(self) -> str:
        location = self.first_location
        if location.name and not location.address.startswith(location.name):
            return ", ".join(p for p in (location.name, location.address) if p)
        return location.address

    @property
    def latitude(self) -> float | None:
        return self.first_location.latitude

    @property
    def longitude(self) -> float | None:
        return self.first_location.longitude

    @property
    def cost_text(self) -> str:
        texts = [cost_label(c) for c in self.costs]
        if self.fees_text:
            texts.append(self.fees_text)
        texts = [t for t in dict.fromkeys(texts) if t]
        if self.is_free and not texts:
            return "Free"
        return "; ".join(texts)


class SkipRecord(Exception):
    """A record that cannot be used; the message says why (a line of the refresh report)."""


@dataclass(frozen=True)
class SkippedValue:
    """A raw record a source could not decode (too deeply nested, a broken CSV row…).

    Sources yield it in place of the record so the normaliser counts and reports it as a
    skipped record with this reason instead of stopping the whole read.
    """

    reason: str


@dataclass
class NormaliseReport:
    read: int = 0
    kept: int = 0
    hidden: int = 0
    skipped: list[str] = field(default_factory=list)  # "record N: reason", one per record
    skipped_count: int = 0  # every skip; ``skipped`` lists only the first 1,000 (report size)
    duplicates: int = 0
    hidden_ids: list[str] = field(default_factory=list)
    duplicate_ids: list[str] = field(default_factory=list)
