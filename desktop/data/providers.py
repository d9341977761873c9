"""Provider lists (TOML): parsing and validation, one clear error per bad entry. Pure."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from typing import Any

from desktop.data.oruk import clean_email, clean_phone, clean_url
from desktop.data.records import KINDS, Provider


@dataclass
class ProviderLoad:
    providers: list[Provider] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _entry(raw: dict[str, Any], origin: str) -> Provider:
    def text(key: str, required: bool = False) -> str:
        value = raw.get(key, "")
        if not isinstance(value, str):
            raise ValueError(f"{key} must be text")
        value = value.strip()
        if required and not value:
            raise ValueError(f"{key} is missing")
        return value

    pid, name = text("id", True), text("name", True)
    kind = text("kind", True)
    if kind not in KINDS:
        raise ValueError(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    source = text("source", True)
    checked = raw.get("checked_on")
    if isinstance(checked, dt.date):
        checked = checked.isoformat()
    if not isinstance(checked, str):
        raise ValueError("checked_on (the date the details were checked) is missing")
    try:
        dt.date.fromisoformat(checked)
    except ValueError:
        raise ValueError(f"checked_on {checked!r} is not a date like 2026-11-28") from None
    phones_raw = raw.get("phones", [])
    if isinstance(phones_raw, str):
        phones_raw = [phones_raw]
    phones = []
    for number in phones_raw:
        formatted = clean_phone(number)
        if not formatted:
            raise ValueError(f"phone {number!r} is not a valid UK number")
        phones.append(formatted)
    email = text("email")
    if email and not clean_email(email):
        raise ValueError(f"email {email!r} is not a valid address")
    website = text("website")
    if website and not clean_url(website):
        raise ValueError(f"website {website!r} must be an https:// link")
    if not phones and not email and not website:
        raise ValueError("needs at least one of phones, email or website")
    return Provider(
        id=pid,
        name=name,
        kind=kind,
        description=text("description"),
        phones=tuple(phones),
        email=email,
        website=website,
        hours=text("hours"),
        area=text("area"),
        source=source,
        checked_on=checked,
        origin=origin,
    )


def parse_providers(text: str, origin: str) -> ProviderLoad:
    """Every valid ``[[provider]]`` entry; each bad one is skipped and reported by number and id."""
    result = ProviderLoad()
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        result.errors.append(f"{origin}: not valid TOML ({exc})")
        return result
    entries = document.get("provider", [])
    if not isinstance(entries, list):
        result.errors.append(f"{origin}: expected [[provider]] entries")
        return result
    seen: set[str] = set()
    for n, raw in enumerate(entries, 1):
        label = f"{origin}: entry {n}" + (f" ({raw.get('id')})" if isinstance(raw, dict) else "")
        try:
            if not isinstance(raw, dict):
                raise ValueError("is not a table")
            provider = _entry(raw, origin)
            if provider.id in seen:
                raise ValueError(f"id {provider.id!r} appears twice")
        except ValueError as exc:
            result.errors.append(f"{label}: {exc}")
            continue
        seen.add(provider.id)
        result.providers.append(provider)
    return result
