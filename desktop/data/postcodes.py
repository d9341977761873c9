"""UK postcodes: finding, normalising and cutting them down (pure, no I/O).

A postcode is an outward code (the district: 'BV3') and an inward code ('6TE'); the
sector is the district and the inward code's digit ('BV3 6'). Masked addresses show only
the district; the area box accepts a district or a whole postcode.
"""

from __future__ import annotations

import re
from typing import Any

_OUTWARD = r"[A-Z]{1,2}\d[A-Z\d]?"
_POSTCODE = re.compile(rf"(?i)\b({_OUTWARD})\s*(\d[A-Z]{{2}})\b")
_FULL = re.compile(rf"(?i){_OUTWARD}\s*\d[A-Z]{{2}}")
_DISTRICT = re.compile(rf"(?i){_OUTWARD}")
_SECTOR = re.compile(rf"(?i)({_OUTWARD})\s+(\d)")  # the space is needed: 'BV36' is a district


def _text(value: Any) -> str:
    return value.strip().upper() if isinstance(value, str) else ""


def normalise_postcode(value: Any) -> str:
    """'bv36te' → 'BV3 6TE'; the first postcode in a line of text; '' when there is none."""
    match = _POSTCODE.search(_text(value))
    return f"{match.group(1)} {match.group(2)}" if match else ""


def is_full_postcode(text: Any) -> bool:
    """True when the whole text is one postcode ('bv3 6te', 'BV36TE')."""
    return _FULL.fullmatch(_text(text)) is not None


def is_district(text: Any) -> bool:
    """True when the whole text is a postcode district (outward code: 'BV3', 'e1w')."""
    return _DISTRICT.fullmatch(_text(text)) is not None


def district(postcode: Any) -> str:
    """'BV3 6TE' → 'BV3' (also from a line with a postcode in it); a district alone is
    normalised ('bv3' → 'BV3'); else ''."""
    text = _text(postcode)
    if _DISTRICT.fullmatch(text):
        return text
    return normalise_postcode(text).partition(" ")[0]


def sector(postcode: Any) -> str:
    """'BV3 6TE' → 'BV3 6' (also from a line with a postcode in it); a sector alone is normalised ('bv3  6' → 'BV3 6'); else ''."""
    text = _text(postcode)
    match = _SECTOR.fullmatch(text)
    if match:
        return f"{match.group(1)} {match.group(2)}"
    full = normalise_postcode(text)
    return full[:-2] if full else ""
