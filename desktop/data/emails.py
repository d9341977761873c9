"""E-mail addresses from feeds and provider files: one test for every layer (pure, no I/O).

``is_email`` is the syntax test (the UI's ``mailto:`` check). ``check_email`` also drops
what is no use to a family: placeholders ("noemail", ``Unknown-…@noemail.invalid``),
no-reply addresses and reserved domains (RFC 2606/6761: ``.invalid``, ``.example``,
``.test``, ``.localhost``, ``example.com/.net/.org``); ``allow_reserved`` keeps the
``example.org`` addresses that demo and test data must use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from desktop.data.text import clean_text

# A dot-atom local part as real addresses write it (RFC 5322 less the characters that
# break mailto: links or markup) and a domain of letter/digit/hyphen labels with a
# letter TLD (or an IDN's xn-- one).
_LOCAL = r"[A-Za-z0-9_%+'&=!#$*/^{}|~-]+(?:\.[A-Za-z0-9_%+'&=!#$*/^{}|~-]+)*"
_LABEL = r"[^\W_](?:[\w-]{0,61}[^\W_])?"
EMAIL = re.compile(rf"^({_LOCAL})@((?:{_LABEL}\.)+(?:[^\W\d_]{{2,63}}|xn--[A-Za-z0-9-]{{1,59}}))$")
MAX_LENGTH = 254  # RFC 5321 path limit
MAX_FIELD = 1_000  # a field longer than this is not one address with a name around it

RESERVED_TLDS = frozenset({"invalid", "example", "test", "localhost", "local"})
RESERVED_DOMAINS = frozenset({"example.com", "example.net", "example.org"})
_PLACEHOLDER_LOCAL = re.compile(
    r"(?i)^(?:no[-_.]?e?-?mail|none|unknown|n/?a|nil|null|not[-_.]?known|no[-_.]?address"
    r"|blank|dummy|placeholder|tbc|tba|x+)(?:[-_.+].*)?$"
)
_NO_REPLY_LOCAL = re.compile(r"(?i)^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply)(?:[-_.+].*)?$")
_PLACEHOLDER_DOMAIN_LABELS = frozenset({"noemail", "no-email", "nomail", "no-mail", "noaddress"})
_NAME_AND_ADDRESS = re.compile(r"<([^<>\s]+@[^<>\s]+)>")


@dataclass(frozen=True)
class EmailCheck:
    address: str  # the address as stored ('' when there is none or it was dropped)
    problem: str = ""  # '' when fine (or nothing was given), else a short reason

    @property
    def ok(self) -> bool:
        return bool(self.address) and not self.problem


def is_email(value: Any) -> bool:
    """True when ``value`` is one plain address (no name, no list, no header)."""
    if not isinstance(value, str):
        return False
    address = value.strip()
    return len(address) <= MAX_LENGTH and EMAIL.match(address) is not None


def check_email(value: Any, *, allow_reserved: bool = False) -> EmailCheck:
    """The address to store from one feed or file field, or '' and why it was dropped."""
    text = clean_text(value)
    if not text:
        return EmailCheck("", "")
    if len(text) > MAX_FIELD:  # not one address; and the unwrapping below stays cheap
        return EmailCheck("", "not an e-mail address")
    address = _unwrap(text)
    if not is_email(address):
        return EmailCheck("", "not an e-mail address")
    local, _, domain = address.rpartition("@")
    domain = _ascii_domain(domain)
    address = f"{local}@{domain}"
    # The domain's ASCII form can differ from what was written ('A¹' → 'a1'): what is kept
    # must itself be an address the app will open as mailto:.
    if not domain or not is_email(address):
        return EmailCheck("", "not an e-mail address")
    labels = domain.split(".")
    if _PLACEHOLDER_LOCAL.match(local) or _PLACEHOLDER_DOMAIN_LABELS.intersection(labels):
        return EmailCheck("", "placeholder address")
    if _NO_REPLY_LOCAL.match(local):
        return EmailCheck("", "no-reply address")
    if not allow_reserved and _is_reserved(labels):
        return EmailCheck("", "reserved domain")
    return EmailCheck(address)


def clean_email(value: Any) -> str:
    """An address as stored (``mailto:`` removed, domain lower-case), or '' when it is not one
    or is a placeholder. Reserved domains are kept: see ``check_email`` to drop them."""
    return check_email(value, allow_reserved=True).address


def _unwrap(text: str) -> str:
    """'mailto:…?subject=x', 'Name <…>', an address with a full stop after it → the address."""
    found = _NAME_AND_ADDRESS.search(text)
    if found:
        text = found.group(1)
    if text[:7].lower() == "mailto:":
        text = text[7:].split("?", 1)[0]
    return text.strip().rstrip(".,;:")


def _ascii_domain(domain: str) -> str:
    """The domain in lower case, an international one in its xn-- form ('' when invalid)."""
    domain = domain.lower()
    if domain.isascii():
        return domain
    from desktop.data.urls import ascii_host

    return ascii_host(domain)


def _is_reserved(labels: list[str]) -> bool:
    return labels[-1] in RESERVED_TLDS or ".".join(labels[-2:]) in RESERVED_DOMAINS
