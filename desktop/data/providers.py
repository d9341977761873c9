"""Provider lists (TOML): parsing, validation and merging, one clear error per bad entry. Pure.

The same format serves the bundled ``resources/providers.toml`` and an organisation's own
list (policy ``ProvidersFile`` or *File → Import providers…*). Heavy imports (``tomllib``,
``phonenumbers``) happen only when a file is actually parsed, so the
app's start-up does not pay for them when there is no organisation list.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from desktop.data.emails import clean_email
from desktop.data.phone_text import read_field
from desktop.data.records import KINDS, Phone, Provider
from desktop.data.text import as_text, clean_text
from desktop.data.urls import clean_url


@dataclass(frozen=True)
class PhoneParts:
    number: str  # the number as written, without the note
    extension: str = ""  # digits only
    option: str = ""  # e.g. '2' or '2 then 1'
    label: str = ""  # 'Youth line', 'Text'

    @property
    def note(self) -> str:
        if self.extension:
            return f"ext. {self.extension}"
        if self.option:
            return f"option {self.option}"
        return ""


def split_phone(raw: str) -> PhoneParts:
    """Split 'Youth line: 0333 006 2835 ext 12' into the number, its extension or menu
    option and its label (the phone parser's reading of the first number written)."""
    text = as_text(raw).strip()
    reading = read_field(text)
    if not reading.numbers:
        return PhoneParts(text)
    first = reading.numbers[0]
    return PhoneParts(first.number, first.extension, first.option, first.label)


def phone_display(raw: str) -> str:
    """A number as the card shows it ('0333 006 2835, option 2'), or '' when it is not a
    number that can be checked (a UK number, or another country's written with +CC)."""
    from desktop.data import phones

    parts = split_phone(raw)
    judged = phones.judge_number(parts.number)
    if not judged.checked:
        return ""
    return Phone(judged.shown, judged.tel, parts.extension, parts.label, parts.option).text


@dataclass
class ProviderLoad:
    providers: list[Provider] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _entry(raw: dict[str, Any], origin: str) -> Provider:
    def text(key: str, required: bool = False) -> str:
        value = raw.get(key, "")
        if not isinstance(value, str):
            raise ValueError(f"{key} must be text")
        value = clean_text(value)  # no bidi, zero-width or control characters, as feeds
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
    if not isinstance(phones_raw, list):
        raise ValueError("phones must be a list of numbers")
    phones = []
    for number in phones_raw:
        formatted = phone_display(number) if isinstance(number, str) else ""
        if not formatted:
            raise ValueError(f"phone {number!r} is not a valid UK number")
        phones.append(formatted)
    email = text("email")
    if email and not clean_email(email):
        raise ValueError(f"email {email!r} is not a valid address")
    website = text("website")
    if website and not clean_url(website):
        raise ValueError(f"website {website!r} is not an https:// or http:// address")
    if not phones and not email and not website:
        raise ValueError("needs at least one of phones, email or website")
    own = raw.get("own", False)
    if not isinstance(own, bool):
        raise ValueError("own must be true or false")
    if own and kind != "sendiass":
        raise ValueError("own = true marks your own SENDIASS, so its kind must be sendiass")
    return Provider(
        id=pid,
        name=name,
        kind=kind,
        description=text("description"),
        phones=tuple(phones),
        email=email,
        website=clean_url(website) if website else "",
        hours=text("hours"),
        area=text("area"),
        source=source,
        checked_on=checked,
        origin=origin,
        own=own,
    )


def _short(value: Any, limit: int = 80) -> str:
    """A value as it appears in a reason: one line, cut so a hostile file cannot flood the report."""
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_providers(text: str, origin: str) -> ProviderLoad:
    """Every valid ``[[provider]]`` entry; each bad one is skipped and reported by number and id."""
    import tomllib

    result = ProviderLoad()
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        result.errors.append(f"{origin}: not valid TOML ({exc})")
        return result
    except RecursionError:  # tomllib recurses once per level of nested arrays or tables
        result.errors.append(f"{origin}: not a providers list (it is nested too deeply)")
        return result
    entries = document.get("provider", [])
    if not isinstance(entries, list):
        result.errors.append(f"{origin}: expected [[provider]] entries")
        return result
    if not entries:
        result.errors.append(f"{origin}: has no [[provider]] entries")
    seen: set[str] = set()
    for n, raw in enumerate(entries, 1):
        label = f"{origin}: entry {n}" + (f" ({_short(raw.get('id'))})" if isinstance(raw, dict) else "")
        try:
            if not isinstance(raw, dict):
                raise ValueError("is not a table")
            provider = _entry(raw, origin)
            if provider.id in seen:
                raise ValueError(f"id {provider.id!r} appears twice; the first one is kept")
        except (ValueError, TypeError, RecursionError) as exc:
            result.errors.append(f"{label}: {exc}")
            continue
        seen.add(provider.id)
        result.providers.append(provider)
    return result


@dataclass
class Merged:
    providers: list[Provider]
    notes: list[str] = field(default_factory=list)  # one line per replaced entry


def merge_providers(base: list[Provider], *layers: list[Provider]) -> Merged:
    """Bundled providers, then each organisation layer in order; a later entry replaces an
    earlier one with the same id (the organisation keeps its list current). Sorted by name."""
    by_id: dict[str, Provider] = {p.id: p for p in base}
    notes: list[str] = []
    for layer in layers:
        for p in layer:
            old = by_id.get(p.id)
            if old is not None:
                notes.append(
                    f"{p.name} ({p.id}) from {p.origin} replaces the one {origin_label(old)}"
                )
            by_id[p.id] = p
    ordered = sorted(by_id.values(), key=lambda p: (p.name.casefold(), p.id))
    return Merged(ordered, notes)


def origin_label(p: Provider) -> str:
    """Where a provider came from, as the card says it."""
    return "bundled with the app" if p.origin == "bundled" else f"from {p.origin}"
