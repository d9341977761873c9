"""UK phone numbers: parsing, display grouping and E.164, with the ``phonenumbers`` package.

Every number is validated with ``phonenumbers`` when it enters the database (build or
import) and stored in its display grouping. Turning a stored display number into E.164
for a ``tel:`` link is then plain digit work, so the UI does not pay ~15 ms at start-up
to import ``phonenumbers``; anything that is not such a stored number goes through it.

Ofcom's ranges reserved for drama (used by the demo data) are not allocated, so
``phonenumbers`` calls them invalid; they are accepted here as well-formed so demo
services keep their numbers.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import phonenumbers as pn

# National significant numbers of Ofcom's drama ranges used by the demo data.
_DRAMA = re.compile(r"^(1214960\d{3}|2079460\d{3}|1632960\d{3}|7700900\d{3})$")
# A UK number as stored: '0333 006 2835', '024 7683 1614', '01632 960123'.
_STORED_UK = re.compile(r"^0\d{2,4}( \d{3,4}){1,2}$|^0\d{4} \d{6}$")
_EXTENSION = re.compile(r"(?i)\s*(?:ext\.?|extension|x)\s*\d+$")


def parse(raw: object) -> pn.PhoneNumber | None:
    import phonenumbers

    text = _EXTENSION.split(str(raw or "").strip().strip("\"' "))[0]
    if not text:
        return None
    try:
        number = phonenumbers.parse(text, "GB")
    except phonenumbers.NumberParseException:
        return None
    if phonenumbers.is_valid_number(number):
        return number
    if number.country_code == 44 and _DRAMA.match(str(number.national_number)):
        return number
    return None


def display(raw: object) -> str:
    """The number in its usual grouping ('0333 006 2835'), or '' when it is not a number."""
    import phonenumbers

    number = parse(raw)
    if number is None:
        return ""
    if number.country_code == 44:
        if _DRAMA.match(str(number.national_number)):
            return _drama_display(str(number.national_number))
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def e164(raw: object) -> str:
    """'+443330062835' for a valid number, else ''."""
    text = _EXTENSION.split(str(raw or "").strip())[0]
    if _STORED_UK.match(text):
        digits = text.replace(" ", "")
        if len(digits) in (10, 11):
            return "+44" + digits[1:]
    import phonenumbers

    number = parse(text)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) if number else ""


def _drama_display(nsn: str) -> str:
    if nsn.startswith("121"):
        return f"0121 {nsn[3:6]} {nsn[6:]}"
    if nsn.startswith("20"):
        return f"020 {nsn[2:6]} {nsn[6:]}"
    return f"0{nsn[:4]} {nsn[4:]}"  # 01632 960123, 07700 900123


def clean_phone(value: object) -> str:
    """A number in its usual grouping, or '' when it is not a valid number."""
    return _display_cached(value) if isinstance(value, str) else display(value)


@functools.lru_cache(maxsize=8192)
def _display_cached(value: str) -> str:
    # Feeds repeat the same switchboard numbers many times; parsing is the slowest step.
    return display(value)
