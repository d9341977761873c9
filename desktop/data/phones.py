"""Phone numbers: one parser for feeds, provider lists and the UI, with ``phonenumbers``.

``parse_phones`` turns one raw phone field into ``records.Phone`` values (display grouping,
E.164 ``tel``, extension, menu option, label) and the reasons for anything dropped.

- A UK number is one written nationally ('0…') or with +44/0044: validated, shown in its
  usual grouping, ``tel`` in E.164. Ofcom's drama ranges (demo data) are unallocated, so
  ``phonenumbers`` calls them invalid; they are accepted here as well-formed.
- Any other run of digits is **not** guessed to be a UK number (a US '305-253-4841' must
  not gain a leading 0): it is kept exactly as written, with no ``tel``. Written with its +CC
  (or 00CC) and valid, it gets its E.164 ``tel``.
- Premium-rate numbers (UK 09…, and others' premium ranges) are shown with no ``tel``, so
  one click never starts a call costing pounds a minute; fax lines get no ``tel`` either.

Every number is validated when it enters the database and stored in its display grouping,
so turning a stored number into E.164 (``e164``) is plain digit work and the UI does not
pay ~15 ms at start-up to import ``phonenumbers``.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, NamedTuple

from desktop.data.phone_text import MAX_FIELD, MAX_NUMBERS, Written, extension_field, read_field
from desktop.data.records import Phone
from desktop.data.text import as_text, clean_text

if TYPE_CHECKING:
    import phonenumbers as pn  # imported on first use: ~15 ms and 48 MB of metadata

# National significant numbers of Ofcom's drama ranges used by the demo data.
_DRAMA = re.compile(r"^(1214960\d{3}|2079460\d{3}|1632960\d{3}|7700900\d{3})$")
# A UK number as stored: '0333 006 2835', '024 7683 1614', '01632 960123'.
_STORED_UK = re.compile(r"^0\d{2,4}( \d{3,4}){1,2}$|^0\d{4} \d{6}$")
_FAX = re.compile(r"(?i)\bfax\b")
_PREMIUM = "is a premium-rate number: shown without a call link"
_QUOTE_MAX = 60  # how much of a bad value a reason quotes (report sizes: review F10)


class Judged(NamedTuple):
    shown: str  # '' when the number is not kept
    tel: str  # E.164, '' when it must not (or cannot) be dialled
    problem: str = ""  # why it was dropped, or a note about a kept one (premium rate)
    checked: bool = False  # a valid UK or +CC number (not just digits kept as written)


def parse_phones(
    raw: object, *, extension: str = "", label: str = ""
) -> tuple[list[Phone], list[str]]:
    """The numbers in one raw phone field and a reason for anything dropped."""
    if raw is None or raw == "":
        return [], []
    if not isinstance(raw, str | int) or isinstance(raw, bool):
        return [], ["phone field is not text, so it was left out"]
    text = as_text(raw)
    # Bounded keys: a hostile 5 MB field is parsed once, never kept in the cache.
    args = (text, as_text(extension)[: MAX_FIELD + 1], as_text(label)[: MAX_FIELD + 1])
    found, reasons = _parse_cached(*args) if len(text) <= MAX_FIELD else _parse(*args)
    return list(found), list(reasons)


def _parse(raw: str, extension: str, label: str) -> tuple[tuple[Phone, ...], tuple[str, ...]]:
    reasons: list[str] = []
    reading = read_field(raw)
    if reading.cut:
        reasons.append(
            f"phone field of {len(raw):,} characters: only the first {MAX_NUMBERS} numbers"
            f" in its first {MAX_FIELD:,} characters were read"
        )
    if not reading.numbers:
        if clean_text(raw[:MAX_FIELD]):
            reasons.append(f"phone {_quote(raw[:MAX_FIELD])} has no phone number in it")
        return (), tuple(reasons)
    field_ext = extension_field(extension)
    if field_ext is None:
        reasons.append(f"extension {_quote(extension)} is not digits only, so it was left off")
        field_ext = ""
    field_label = clean_text(label).replace("\n", " ")[:80]
    phones: list[Phone] = []
    for n, written in enumerate(reading.numbers):
        judged = judge_number(written.number, short=written.short)
        if not judged.shown:
            reasons.append(f"phone {_quote(written.number)} {judged.problem}")
            continue
        if judged.problem:
            reasons.append(f"phone {judged.shown} {judged.problem}")
        ext = written.extension
        if n == 0 and field_ext:
            if ext and ext != field_ext:
                reasons.append(f"extension {field_ext} differs from the one written with the number")
            ext = ext or field_ext
        shown_label = written.label or field_label
        tel = "" if _FAX.search(shown_label) else judged.tel
        phones.append(Phone(judged.shown, tel, ext, shown_label, written.option))
    if reading.leftover:
        reasons.append(f"text after the number was left off: {_quote(reading.leftover)}")
    return tuple(dict.fromkeys(phones)), tuple(reasons)


# Feeds repeat the same switchboard numbers many times; phonenumbers is the slowest step.
_parse_cached = functools.lru_cache(maxsize=8192)(_parse)


@functools.lru_cache(maxsize=8192)
def judge_number(written: str, *, short: bool = False) -> Judged:
    """One number as written → how it is shown, its ``tel``, and any problem."""
    text = written.strip().strip("\"'")
    lead = text.lstrip("(")
    if short:
        return _short_code(text)
    if sum(c.isdigit() for c in text) > 17:  # E.164's 15, and an international prefix
        return Judged("", "", "has too many digits to be one phone number")
    if lead[:1] not in ("+", "0"):
        return Judged(text, "")  # not UK, and no country code to dial it by
    import phonenumbers

    try:
        number = phonenumbers.parse(text, "GB")
    except phonenumbers.NumberParseException:
        return Judged("", "", "is not a phone number")
    if number.country_code == 44:
        return _uk(number)
    if not phonenumbers.is_valid_number(number):
        return Judged(text, "")
    tel = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.PREMIUM_RATE:
        return Judged(text, "", _PREMIUM, checked=True)
    return Judged(text, tel, checked=True)


def _uk(number: pn.PhoneNumber) -> Judged:
    import phonenumbers

    nsn = str(number.national_number)
    if _DRAMA.match(nsn):
        return Judged(_drama_display(nsn), "+44" + nsn, checked=True)
    if not phonenumbers.is_valid_number(number):
        return Judged("", "", "is not a valid UK number")
    shown = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    if nsn.startswith("9"):
        return Judged(shown, "", _PREMIUM, checked=True)
    return Judged(shown, "+44" + nsn, checked=True)


def _short_code(text: str) -> Judged:
    """'111', '116 123': kept as written when they are UK short codes, never a tel: link."""
    import phonenumbers
    from phonenumbers import shortnumberinfo

    try:
        number = phonenumbers.parse(text, "GB")
    except phonenumbers.NumberParseException:
        return Judged("", "", "is not a phone number")
    if shortnumberinfo.is_valid_short_number_for_region(number, "GB"):
        return Judged(text, "")
    return Judged("", "", "is not a phone number")


def _drama_display(nsn: str) -> str:
    if nsn.startswith("121"):
        return f"0121 {nsn[3:6]} {nsn[6:]}"
    if nsn.startswith("20"):
        return f"020 {nsn[2:6]} {nsn[6:]}"
    return f"0{nsn[:4]} {nsn[4:]}"  # 01632 960123, 07700 900123


def _quote(value: str) -> str:
    text = clean_text(value).replace("\n", " ")
    return repr(text if len(text) <= _QUOTE_MAX else text[: _QUOTE_MAX - 1] + "…")


# -- the older, one-number API (provider lists, the UI) -----------------------------------


def _first(raw: object) -> Written | None:
    reading = read_field(as_text(raw))
    return reading.numbers[0] if reading.numbers else None


def display(raw: object) -> str:
    """The first number's usual grouping ('0333 006 2835'); a valid +CC number as written;
    '' when there is no number that can be checked (non-UK numbers without +CC included)."""
    written = _first(raw)
    if written is None or written.short:
        return ""
    judged = judge_number(written.number)
    return judged.shown if judged.checked else ""


def e164(raw: object) -> str:
    """'+443330062835' for a number that may be dialled, else ''. Cheap for stored numbers."""
    text = as_text(raw).strip()
    if _STORED_UK.match(text):
        digits = text.replace(" ", "")
        if len(digits) in (10, 11):
            return "" if digits.startswith("09") else "+44" + digits[1:]
    written = _first(text)
    if written is None or written.short or written.number.lstrip("(")[:1] not in ("+", "0"):
        return ""  # no tel: for a number with no country code, without loading phonenumbers
    return judge_number(written.number).tel


def tel_uri(text: object) -> str:
    """The RFC 3966 link for a stored phone text ('Youth line: 0121 496 0117 ext. 303' →
    'tel:+441214960117;ext=303'); '' for a fax line or a number that must not be dialled."""
    written = _first(text)
    if written is None or _FAX.search(written.label):
        return ""
    tel = e164(written.number)
    if not tel:
        return ""
    return f"tel:{tel};ext={written.extension}" if written.extension else f"tel:{tel}"


def clean_phone(value: object) -> str:
    """A number in its usual grouping, or '' when it is not a valid number."""
    return display(value)

