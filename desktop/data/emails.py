"""E-mail addresses from feeds and provider files: one test for every layer (pure, no I/O)."""

from __future__ import annotations

import re
from typing import Any

EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$")


def is_email(value: Any) -> bool:
    """True when ``value`` looks like one plain address (no name, no list, no header)."""
    return isinstance(value, str) and bool(EMAIL.match(value.strip()))


def clean_email(value: Any) -> str:
    """An address as stored (``mailto:`` removed), or '' when it is not one."""
    email = value.strip() if isinstance(value, str) else ""
    if email.lower().startswith("mailto:"):
        email = email[7:]
    return email if EMAIL.match(email) else ""
