"""Small pieces every shape reader shares: text, numbers, dates, contacts, places, costs.

Each helper takes a raw value as a feed sends it (``None``, an empty string, a number
given as text, a dict where a string belongs…) and returns the cleaned value or an empty
one. Whatever it refuses goes into ``dropped`` as (field, reason) for the coverage report.
The cleaners of the data layer do the cleaning; this module only decides which to call.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field
from typing import Any

from desktop.data import phones as _phones
from desktop.data.emails import check_email
from desktop.data.feeds.record import Cost, Location
from desktop.data.feeds.taxonomy import Crosswalk
from desktop.data.postcodes import normalise_postcode
from desktop.data.records import Phone
from desktop.data.text import clean_text, html_to_text
from desktop.data.urls import clean_url

Dropped = list[tuple[str, str]]

MAX_AGE = 120
MAX_AMOUNT = 100_000.0  # no Local Offer service costs more than this per unit
MAX_REASON = 80  # characters of a refused value quoted in a reason
_ISO_DATE = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")
_UNIT = re.compile(r"(?i)^(per|a|each)\s+\w+(\s\w+)?$")
_AMOUNT = re.compile(r"^[£$€]?\s*(-?\d[\d,]*(?:\.\d+)?)\s*(?:GBP)?$", re.IGNORECASE)


@dataclass
class Context:
    """What a reader needs besides the raw record: the crosswalk and the e-mail rule."""

    crosswalk: Crosswalk
    allow_reserved_emails: bool = False
    _emails: dict[str, tuple[str, str]] = field(default_factory=dict, repr=False)
    _terms: dict[tuple[Any, ...], Any] = field(default_factory=dict, repr=False)  # see terms.py


def quoted(value: Any) -> str:
    text = value if isinstance(value, str) else repr(value)
    return repr(text[:MAX_REASON] + ("…" if len(text) > MAX_REASON else ""))


# -- text ---------------------------------------------------------------------------------------
def ident(value: Any) -> str:
    """An id as text: ids are strings or whole numbers; anything else is no id."""
    if isinstance(value, str):
        if value.isascii() and value.isprintable() and "  " not in value:
            return value.strip()
        return clean_text(value).replace("\n", " ")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return ""


def plain(value: Any, dropped: Dropped | None = None, what: str = "") -> str:
    """A one-line plain-text field (a name, a label): markup stripped, controls removed."""
    if value is None or value == "":
        return ""
    if (
        isinstance(value, str)
        and value.isascii()
        and value.isprintable()
        and "  " not in value
        and "<" not in value
        and "&" not in value
    ):
        return value.strip()  # most names and labels: printable ASCII, nothing to clean
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        if dropped is not None and what:
            dropped.append((what, f"not text ({type(value).__name__})"))
        return ""
    if "<" in value or "&" in value:
        value = html_to_text(clean_text(value))
    return clean_text(value).replace("\n", " ")


def rich(value: Any, dropped: Dropped | None = None, what: str = "") -> str:
    """A description: HTML turned into readable plain text, controls removed."""
    if value is None or value == "":
        return ""
    if not isinstance(value, str):
        if dropped is not None and what:
            dropped.append((what, f"not text ({type(value).__name__})"))
        return ""
    text = html_to_text(value if value.isascii() else clean_text(value))
    if text.isascii() or text.replace("\n", "").isprintable():
        return text  # no control or invisible character came out of the markup
    return clean_text(text)


def items(value: Any) -> list[dict[str, Any]]:
    """The objects of a child array (one object alone counts as a list of one)."""
    if not value:
        return []
    if isinstance(value, list):
        return [v for v in value if isinstance(v, dict)]
    if isinstance(value, dict):
        return [value]
    return []


def names(value: Any, *keys: str) -> list[str]:
    """Names from a list of strings or of objects carrying one of ``keys``, de-duplicated."""
    found: list[str] = []
    entries = value if isinstance(value, list) else [value] if value else []
    for entry in entries:
        text = ""
        if isinstance(entry, dict):
            for k in keys:
                text = plain(entry.get(k))
                if text:
                    break
        else:
            text = plain(entry)
        if text and text not in found:
            found.append(text)
    return found


def truthy(value: Any) -> bool | None:
    """True/False from JSON booleans, 1/0 and yes/no text; None when not said."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return bool(value) if value in (0, 1) else None
    if isinstance(value, str):
        word = value.strip().lower()
        if word in {"true", "yes", "y", "1"}:
            return True
        if word in {"false", "no", "n", "0"}:
            return False
    return None


# -- numbers and dates --------------------------------------------------------------------------
def number(value: Any) -> float | None:
    """A finite number from a JSON number or numeric text; NaN, infinities and words are None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        result = float(value) if not isinstance(value, int) or abs(value) < 1e300 else math.inf
    elif isinstance(value, str):
        text = value.strip().replace(",", "")
        if not text or len(text) > 40:
            return None
        try:
            result = float(text)
        except ValueError:
            return None
    else:
        return None
    return result if math.isfinite(result) else None


def age(value: Any, dropped: Dropped, what: str = "ages") -> int | None:
    """An age in years; -1 (a common 'unknown') and blanks are None, nonsense is dropped."""
    if value is None or value == "":
        return None
    found = number(value)
    if found is None:
        dropped.append((what, f"not a number: {quoted(value)}"))
        return None
    if found == -1:
        return None
    if not 0 <= found <= MAX_AGE:
        dropped.append((what, f"out of range: {quoted(value)}"))
        return None
    return int(found)


def age_range(lo: int | None, hi: int | None, dropped: Dropped) -> tuple[int | None, int | None]:
    if lo is not None and hi is not None and lo > hi:
        dropped.append(("ages", f"minimum {lo} above maximum {hi}: swapped"))
        return hi, lo
    return lo, hi


def iso_date(value: Any, dropped: Dropped, what: str) -> str:
    """'2026-05-01' or '2026-05-01T10:00:00Z' as given when it starts with a real date."""
    if value is None or value == "":
        return ""
    text = value.strip() if isinstance(value, str) else ""
    match = _ISO_DATE.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        if 1990 <= year <= 2200 and 1 <= month <= 12 and 1 <= day <= 31:
            return text[:40]
    dropped.append((what, f"not a date: {quoted(value)}"))
    return ""


def coordinates(lat: Any, lon: Any, dropped: Dropped) -> tuple[float | None, float | None]:
    if lat in (None, "") and lon in (None, ""):
        return None, None
    la, lo = number(lat), number(lon)
    if la is None or lo is None or not (-90 <= la <= 90 and -180 <= lo <= 180):
        dropped.append(("map position", f"not a position: {quoted(lat)}, {quoted(lon)}"))
        return None, None
    if la == 0 and lo == 0:
        dropped.append(("map position", "0, 0 is not a real place"))
        return None, None
    return la, lo


def geojson_point(geometry: Any, dropped: Dropped) -> tuple[float | None, float | None]:
    """GeoJSON is [longitude, latitude]; a UK latitude given first is put right."""
    if not isinstance(geometry, dict):
        return None, None
    coords = geometry.get("coordinates")
    if not isinstance(coords, list) or len(coords) < 2:
        if coords not in (None, []):
            dropped.append(("map position", f"not a GeoJSON point: {quoted(coords)}"))
        return None, None
    lon, lat = number(coords[0]), number(coords[1])
    if lon is not None and lat is not None and 49 <= lon <= 61 and -9 <= lat <= 2.5:
        dropped.append(("map position", "latitude and longitude were the wrong way round"))
        lon, lat = lat, lon
    return coordinates(lat, lon, dropped)


# -- contacts -----------------------------------------------------------------------------------
@functools.lru_cache(maxsize=16384)
def _parse_phone(raw: str, extension: str, label: str) -> tuple[tuple[Phone, ...], tuple[str, ...]]:
    found, reasons = _phones.parse_phones(raw, extension=extension, label=label)
    return tuple(found), tuple(reasons)


def phone_numbers(raw: Any, dropped: Dropped, *, extension: Any = "", label: str = "") -> list[Phone]:
    """Every number in one field (a string, or a number the feed sent as a JSON number)."""
    if raw is None or raw == "":
        return []
    if isinstance(raw, bool) or not isinstance(raw, (str, int)):
        dropped.append(("phone", f"not text: {quoted(raw)}"))
        return []
    ext = extension if isinstance(extension, str) else str(extension) if isinstance(extension, int) else ""
    found, reasons = _parse_phone(str(raw)[:200], ext.strip()[:60], label[:60])
    dropped.extend(("phone", r) for r in reasons)
    return list(found)


def phone_label(phone: dict[str, Any]) -> str:
    """A short label from an ORUK phone's description or type ('Textphone', 'Fax')."""
    description = plain(phone.get("description"))
    if description and len(description) <= 40:
        return description
    kind = plain(phone.get("type")).lower()
    return {"textphone": "Textphone", "fax": "Fax", "cell": "Mobile", "sms": "Text only"}.get(
        kind, ""
    )


def phone_objects(value: Any, dropped: Dropped, label: str = "") -> list[Phone]:
    """ORUK ``phones[]``: number, extension, description/type as the label."""
    found: list[Phone] = []
    for phone in items(value):
        for p in phone_numbers(
            phone.get("number"),
            dropped,
            extension=phone.get("extension") or "",
            label=phone_label(phone) or label,
        ):
            if p not in found:
                found.append(p)
    return found


def email(value: Any, dropped: Dropped, ctx: Context, what: str = "e-mail") -> str:
    if value is None or value == "":
        return ""
    if not isinstance(value, str):
        dropped.append((what, f"not text: {quoted(value)}"))
        return ""
    hit = ctx._emails.get(value)
    if hit is None:
        check = check_email(value, allow_reserved=ctx.allow_reserved_emails)
        hit = (check.address, check.problem)
        if len(ctx._emails) < 50_000:
            ctx._emails[value] = hit
    if hit[1]:
        dropped.append((what, hit[1]))
    return hit[0]


def web(value: Any, dropped: Dropped, what: str = "website") -> str:
    if value is None or value == "":
        return ""
    found = clean_url(value) if isinstance(value, str) else ""
    if not found:
        dropped.append((what, f"not a web address the app can open: {quoted(value)}"))
    return found


# -- costs --------------------------------------------------------------------------------------
def cost(
    dropped: Dropped,
    *,
    amount: Any = None,
    unit: Any = "",
    option: Any = "",
    description: Any = "",
    currency: Any = "",
) -> Cost | None:
    """One cost option; an amount that is not a price (NaN, huge, negative) is left out."""
    value: float | None = None
    refused = False
    if amount not in (None, ""):
        text = amount.strip() if isinstance(amount, str) else amount
        if isinstance(text, str):
            match = _AMOUNT.match(text)
            text = match.group(1) if match else text
        value = number(text)
        if value is None or not 0 <= value <= MAX_AMOUNT:
            dropped.append(("cost", f"amount not a price: {quoted(amount)}"))
            value, refused = None, True
    unit_text, option_text, words = plain(unit), plain(option), plain(description)
    # 'Per session' as the option, or 'per hour' as the whole description, is the unit.
    if not unit_text and _UNIT.match(option_text):
        unit_text, option_text = option_text.lower(), ""
    elif not unit_text and _UNIT.match(words):
        unit_text, words = words.lower(), ""
    found = Cost(
        amount=value,
        currency=(plain(currency) or "GBP").upper()[:3],
        unit=unit_text,
        option=option_text,
        description=words,
    )
    if found.amount is None and (refused or not (found.option or found.description)):
        return None  # an option without its (refused) price would read as the price
    return found


# -- places -------------------------------------------------------------------------------------
def place(
    dropped: Dropped,
    *,
    name: Any = "",
    lines: list[Any] | tuple[Any, ...] = (),
    town: Any = "",
    county: Any = "",
    postcode: Any = "",
    lat: float | None = None,
    lon: float | None = None,
    masked: bool = False,
) -> Location | None:
    """A location; when ``masked`` only the town and the postcode district are kept."""
    venue = plain(name, dropped, "address")
    town_text = plain(town, dropped, "address")
    code = normalise_postcode(postcode) if isinstance(postcode, str) else ""
    raw_code = plain(postcode)
    if raw_code and not code:
        district = raw_code.upper().split()[0] if masked else ""
        if not (masked and re.fullmatch(r"[A-Z]{1,2}\d[A-Z\d]?", district)):
            dropped.append(("postcode", f"not a UK postcode: {quoted(raw_code)}"))
        code = district if masked and re.fullmatch(r"[A-Z]{1,2}\d[A-Z\d]?", district) else ""
    if masked:
        code = code.split(" ")[0]
        if not (town_text or code):
            return None
        return Location(name="", address="", town=town_text, postcode=code, masked=True)
    parts = [plain(line, dropped, "address") for line in lines]
    parts = [p for p in parts if p and p != "***"]
    parts += [p for p in (town_text, plain(county), code or raw_code) if p]
    address = ", ".join(dict.fromkeys(parts))
    if not (address or lat is not None or venue):
        return None
    return Location(venue, address, town_text, code, lat, lon)
