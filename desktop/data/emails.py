"""E-mail addresses from feeds and provider files: one test for every layer (pure, no I/O)."""

from __future__ import annotations

import re
from typing import Any, NamedTuple

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


class EmailCheck(NamedTuple):
    """An address as stored ('' when refused) and, when refused, why ('' when accepted)."""

    address: str
    problem: str


# Reserved for documentation and testing (RFC 2606, RFC 6761): never a real mailbox.
_RESERVED_TLDS = {"invalid", "example", "test", "localhost", "local"}
_RESERVED_DOMAINS = re.compile(r"(^|\.)example\.(com|net|org)$")
# Local parts and domains that publishers use to fill a required field with nothing.
_PLACEHOLDER = re.compile(
    r"(?i)^(no-?e-?mail|none|unknown|n/?a|na|nil|null|test|noreply|no-?reply|donotreply)$"
)
_PLACEHOLDER_DOMAIN = re.compile(r"(?i)(^|[.-])(no-?e?mail|none|unknown)([.-]|$)")


def check_email(value: Any, *, allow_reserved: bool = False) -> EmailCheck:
    """Judge one address from a feed: placeholders and reserved domains are refused.

    ``allow_reserved`` keeps documentation domains (``example.org``): the bundled demo data
    uses them by policy; a real feed never should.
    """
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        return EmailCheck("", "empty")
    if text.lower().startswith("mailto:"):
        text = text[7:].strip()
    if not EMAIL.match(text):
        return EmailCheck("", "not an e-mail address")
    local, _, domain = text.rpartition("@")
    domain = domain.lower().rstrip(".")
    if _PLACEHOLDER.match(local) or _PLACEHOLDER_DOMAIN.search(domain):
        return EmailCheck("", "a placeholder, not a real address")
    reserved = domain.rsplit(".", 1)[-1] in _RESERVED_TLDS or _RESERVED_DOMAINS.search(domain)
    if reserved and not allow_reserved:
        return EmailCheck("", "a reserved domain that never receives mail")
    return EmailCheck(text, "")
