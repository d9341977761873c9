"""UK postcodes: finding and normalising them in free text (pure, no I/O)."""

from __future__ import annotations

import re
from typing import Any

_POSTCODE = re.compile(r"(?i)\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b")


def normalise_postcode(value: Any) -> str:
    """'bv36te' → 'BV3 6TE'; '' when the text holds no postcode."""
    text = value.strip().upper() if isinstance(value, str) else ""
    match = _POSTCODE.search(text)
    return f"{match.group(1)} {match.group(2)}" if match else ""
