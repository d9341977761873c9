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

    from desktop.data.records import Phone

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


# -- many numbers in one feed field -------------------------------------------------------------
# A number as feeds write it: digits with spaces, dots, dashes and brackets, maybe a leading +.
_CANDIDATE = re.compile(r"\+?\(?\d[\d\s().\-]{5,}\d")
_INLINE_EXT = re.compile(r"(?i)\s*[,;(]?\s*(?:ext\.?|extension|x)\s*:?\s*(\d{1,6})\)?")
_LABEL = re.compile(r"^\s*([^\d+:]{2,60}?)\s*:\s*(?=[+(\d])")
_NOT_DIALLED = re.compile(r"^(09|087|118)")  # premium rate and directory enquiries


def parse_phones(
    raw: object, *, extension: object = "", label: str = ""
) -> tuple[list[Phone], list[str]]:
    """Every number in one feed field, each with its label and extension.

    'Youth line: 0121 496 0123 Ext 303 or 0121 496 0124' gives two numbers labelled
    'Youth line', the first with extension 303. UK numbers are shown in their usual
    grouping with an E.164 ``tel``; a number not written in UK form is kept exactly as
    written, with a ``tel`` only when it is a valid international number ('+1 …'); premium
    rate numbers get no ``tel``. The second list says what was dropped and why.
    """
    if isinstance(raw, bool) or not isinstance(raw, (str, int)):
        return [], (["not text"] if raw not in (None, "") else [])
    text = str(raw).strip().strip("\"'").strip()
    if not text:
        return [], []
    dropped: list[str] = []
    ext_given = str(extension).strip() if isinstance(extension, (str, int)) else ""
    if ext_given and not ext_given.isdigit():
        dropped.append(f"extension {ext_given[:40]!r} is not digits")
        ext_given = ""
    match = _LABEL.match(text)
    if match:
        label = label or match.group(1).strip()
        text = text[match.end() :]
    found: list[Phone] = []
    candidates = list(_CANDIDATE.finditer(text))
    if not candidates:
        return [], [f"{text[:40]!r} is not a phone number"]
    for m in candidates:
        written = m.group(0).strip()
        ext_match = _INLINE_EXT.match(text, m.end())
        ext = ext_match.group(1) if ext_match else ext_given
        phone = _one_phone(written, ext, label, dropped)
        if phone is not None and phone not in found:
            found.append(phone)
    return found, dropped


def _one_phone(written: str, ext: str, label: str, dropped: list[str]) -> Phone | None:
    from desktop.data.records import Phone

    digits = re.sub(r"\D", "", written)
    if written.startswith("+") or digits.startswith("00"):
        international = "+" + digits.removeprefix("00") if not written.startswith("+") else written
        if digits.removeprefix("00").startswith("44"):
            shown = display(international)
            if not shown:
                dropped.append(f"{written!r} is not a valid UK number")
                return None
            return Phone(shown, "" if _NOT_DIALLED.match(_national(shown)) else e164(shown), ext, label)
        return Phone(written, _international_tel(international), ext, label)
    if not digits.startswith("0"):
        return Phone(written, "", ext, label)  # not UK form: kept as written, never guessed
    shown = display(written)
    if not shown:
        dropped.append(f"{written!r} is not a valid UK number")
        return None
    tel = "" if _NOT_DIALLED.match(_national(shown)) else e164(shown)
    return Phone(shown, tel, ext, label)


def _national(shown: str) -> str:
    return re.sub(r"\D", "", shown)


def _international_tel(written: str) -> str:
    import phonenumbers

    try:
        number = phonenumbers.parse(written, None)
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_valid_number(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
