"""Near a postcode, offline: widening a postcode that finds nothing, and distances (pure).

No geocoder is asked anything. A typed postcode's position is *estimated* from the
coordinates the feed itself gives its services: the average of those with the same
postcode, else the same sector ('BV3 1'), else the same district ('BV3'). Distances are
straight lines from that estimate, so the app says "about 2 miles" and that it is an estimate.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.data import postcodes
from desktop.data.search_terms import WORD, tokens

if TYPE_CHECKING:
    from desktop.data.records import ServiceQuery

EARTH_RADIUS_MILES = 3958.8
# Coordinates outside Great Britain and Northern Ireland (a feed's 0,0 placeholder, swapped
# latitude and longitude) would drag an average far away: they are not used.
UK_LATITUDE = (49.8, 60.9)
UK_LONGITUDE = (-8.7, 1.8)

LEVEL_WORDS = {
    "postcode": "the postcode",
    "sector": "the postcodes around it",
    "district": "the wider postcode district",
}


def in_uk(latitude: float | None, longitude: float | None) -> bool:
    if latitude is None or longitude is None:
        return False
    try:
        lat, lon = float(latitude), float(longitude)
    except (TypeError, ValueError):
        return False
    return UK_LATITUDE[0] <= lat <= UK_LATITUDE[1] and UK_LONGITUDE[0] <= lon <= UK_LONGITUDE[1]


def wider_areas(postcode: str) -> list[tuple[str, str]]:
    """'bv3 1aa' → [('BV3 1AA', 'postcode'), ('BV3 1', 'sector'), ('BV3', 'district')];
    a sector or a district alone gives what is left of that list; other text gives []."""
    compact = " ".join(str(postcode or "").upper().split())
    if postcodes.is_full_postcode(compact):
        full = postcodes.normalise_postcode(compact)
        return [
            (full, "postcode"),
            (postcodes.sector(full), "sector"),
            (postcodes.district(full), "district"),
        ]
    if compact and postcodes.sector(compact) == compact:
        return [(compact, "sector"), (postcodes.district(compact.split()[0]), "district")]
    if postcodes.is_district(compact):
        return [(postcodes.district(compact), "district")]
    return []


def split_postcode(text: str) -> tuple[str, str]:
    """A whole postcode typed among search words → (the other words, the postcode).

    'speech therapy BV3 1AA' → ('speech therapy', 'BV3 1AA'); ('…', '') when there is none.
    Only a whole postcode is taken out: a district alone ('BV3') is an ordinary search word.
    """
    text = text or ""
    spans = [(m.start(), m.end()) for m in WORD.finditer(text)]
    for i, (a, _end) in enumerate(spans):
        for j in (i + 1, i):  # two words ('BV3 1AA') or one ('BV31AA')
            if j >= len(spans):
                continue
            candidate = text[a : spans[j][1]]
            if len(tokens(candidate)) == j - i + 1 and postcodes.is_full_postcode(candidate):
                rest = (text[:a] + " " + text[spans[j][1] :]).strip()
                return " ".join(rest.split()), postcodes.normalise_postcode(candidate)
    return text, ""


@dataclass(frozen=True)
class AreaChoice:
    """Which area a search used: what was asked, what gave results, and how wide that is."""

    asked: str
    used: str
    level: str = ""  # 'postcode', 'sector' or 'district' when ``asked`` was a postcode
    count: int = 0

    @property
    def widened(self) -> bool:
        return self.used != self.asked

    def note(self) -> str:
        """One sentence for the results when the search had to look wider ('' otherwise)."""
        if not self.widened:
            return ""
        if self.level == "sector":
            return (
                f"No matching services at {self.asked} itself, so these are in {self.used}, "
                "the postcodes around it."
            )
        codes = dict.fromkeys([self.asked, postcodes.sector(self.asked)])
        narrower = " or ".join(c for c in codes if c)
        return f"No matching services in {narrower}, so these are in the wider {self.used} area."


@dataclass(frozen=True)
class SearchPlan:
    """What a search box and filters become: the words, the filters, and a note."""

    text: str
    filters: dict
    area: AreaChoice | None = None
    near: Origin | None = None  # Nearest first, carried from the query

    @property
    def query(self) -> ServiceQuery:
        """The search to run (words without the postcode, the area it chose)."""
        from desktop.data.records import ServiceQuery

        return ServiceQuery(self.text, **self.filters, near=self.near)

    @property
    def note(self) -> str:
        return self.area.note() if self.area else ""


# -- distances ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Origin:
    """Where a typed postcode is, estimated from the feed's own services near it."""

    asked: str  # the postcode as typed, normalised ('BV3 1AA')
    basis: str  # whose services' positions were averaged ('BV3 1AA', 'BV3 1' or 'BV3')
    level: str  # 'postcode', 'sector' or 'district'
    latitude: float
    longitude: float
    services: int  # how many services' positions made the estimate

    def describe(self) -> str:
        """'Nearest first from BV3 1AA: distances are estimates, from where the 4 services
        in BV3 1 are (straight lines, not travel).'"""
        where = "at" if self.level == "postcode" else "in"
        n = self.services
        return (
            f"Nearest first from {self.asked}: distances are estimates, from where the {n} "
            f"service{'s' if n != 1 else ''} {where} {self.basis} "
            f"{'are' if n != 1 else 'is'} (straight lines, not travel)."
        )

    def label(self) -> str:
        """The place distances are measured from, as exports show it: only the sector or
        district ('BV3 1'), never a family's whole postcode."""
        return self.basis if self.level != "postcode" else postcodes.sector(self.asked)

    def miles_to(self, latitude: float | None, longitude: float | None) -> float | None:
        """Straight-line miles to a service's position; None if it has no usable one."""
        if latitude is None or longitude is None or not in_uk(latitude, longitude):
            return None
        return miles_between(self.latitude, self.longitude, float(latitude), float(longitude))


def miles_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in miles (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(a)))


def miles_text(miles: float | None) -> str:
    """0.3 → 'under half a mile'; 0.8 → 'about 1 mile'; 2.4 → 'about 2 miles';
    None → 'distance not known'. Rounded: the starting point is itself an estimate."""
    if miles is None or math.isnan(miles):
        return "distance not known"
    if miles < 0.5:
        return "under half a mile"
    n = max(1, round(miles)) if miles < 10 else int(5 * round(miles / 5))
    return f"about {n} mile{'s' if n != 1 else ''}"


def estimate_origin(asked: str, positions: dict[str, list[tuple[float, float]]]) -> Origin | None:
    """The first of the postcode, its sector and its district that ``positions`` (code →
    coordinates of services there) has anything for, averaged; None if none has."""
    for code, level in wider_areas(asked):
        points = [(lat, lon) for lat, lon in positions.get(code, []) if in_uk(lat, lon)]
        if points:
            lat = sum(p[0] for p in points) / len(points)
            lon = sum(p[1] for p in points) / len(points)
            full = wider_areas(asked)[0][0]
            return Origin(full, code, level, lat, lon, len(points))
    return None
