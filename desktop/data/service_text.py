"""One service's facts as plain lines of text: the copied details and every export share them.

Pure (no Qt). Text here is the feed's own words, never cut mid-sentence: a summary stops
at the end of a sentence (with "…" after it when more was left out), or is not cut at all.
"""

from __future__ import annotations

import datetime as dt
import re

from desktop.data.detail_records import Place, ServiceDetail
from desktop.data.records import Phone

SUMMARY_CHARS = 280
MORE = " …"

# A sentence ends at . ! or ? (perhaps inside a quote or bracket) followed by a space and a
# capital, digit or opening quote; common abbreviations ('Dr. Patel', 'St. Mary's') do not end one.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(]?[A-Z0-9])")
_ABBREVIATION = re.compile(r"(?i)\b(?:mr|mrs|ms|dr|st|no|prof|rev|approx|tel|ext|inc|ltd|co)\.$")


def sentences(text: str) -> list[str]:
    """The sentences of one paragraph, in order, each with its closing punctuation."""
    out: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        piece = text[start : match.start()]
        if _ABBREVIATION.search(piece):
            continue
        out.append(text[start : match.start()].strip() + text[match.start() : match.end()].strip())
        start = match.end()
    rest = text[start:].strip()
    if rest:
        out.append(rest)
    return [s.strip() for s in out if s.strip()]


def summary(text: str, limit: int = SUMMARY_CHARS) -> str:
    """The first paragraph, or as many of its first sentences as fit in ``limit`` characters.

    Never cut inside a sentence: when even the first sentence is longer than ``limit``
    it is kept whole. " …" follows when anything was left out (later sentences or paragraphs).
    """
    paragraphs = [p.strip() for p in (text or "").split("\n") if p.strip()]
    if not paragraphs:
        return ""
    first = paragraphs[0]
    more = len(paragraphs) > 1
    if len(first) > limit:
        kept: list[str] = []
        parts = sentences(first)
        for sentence in parts:
            if kept and len(" ".join([*kept, sentence])) > limit:
                break
            kept.append(sentence)
        more = more or len(kept) < len(parts)
        first = " ".join(kept)
    return first + MORE if more else first


def long_date(value: str) -> str:
    """'2026-09-14T10:00:00Z' → '14 September 2026'; anything else as it is."""
    try:
        day = dt.date.fromisoformat((value or "")[:10])
    except ValueError:
        return value or ""
    return f"{day.day} {day:%B %Y}"


def phone_dial_text(phone: Phone) -> str:
    """The number with its extension, without the label ('0121 496 0303 ext. 303')."""
    return f"{phone.number} ext. {phone.extension}" if phone.extension else phone.number


def phones_of(s: ServiceDetail) -> list[str]:
    """Every number once, with its extension: what Call and Copy offer."""
    return list(dict.fromkeys(phone_dial_text(p) for p in s.all_phones))


def email_of(s: ServiceDetail) -> str:
    return next(iter(s.all_emails), "")


def place_text(place: Place) -> str:
    """A location as one line; a masked one says that only the area is published."""
    text = place.text
    if place.masked:
        return f"{text} (exact address not published)" if text else "Address not published"
    return text


def places_of(s: ServiceDetail) -> list[str]:
    """Every location as a line (the flat address when the data has no locations)."""
    lines = [place_text(p) for p in s.locations]
    lines = [x for x in dict.fromkeys(lines) if x]
    return lines or ([s.address] if s.address else [])


def needs_text(s: ServiceDetail) -> str:
    """'Autism, Hearing (Communication and interaction; Sensory and/or physical needs)'."""
    needs = ", ".join(s.needs)
    named = {n.casefold() for n in s.needs}  # 'Cognition and learning (Cognition and learning)'
    areas = "; ".join(a for a in s.need_areas if a.casefold() not in named)
    if needs and areas:
        return f"{needs} ({areas})"
    return needs or areas


def access_text(s: ServiceDetail) -> str:
    """How to get the service, and whether a referral is needed."""
    parts = [s.how_to_access] if s.how_to_access else []
    if s.referral_needed is True:
        parts.append("A referral is needed.")
    elif s.referral_needed is False:
        parts.append("No referral needed.")
    return " ".join(parts)


def ages_and_cost(s: ServiceDetail) -> str:
    """'Ages 0–4 · Cost: £83.50 per day (0–4s)', 'Ages not given · Free', 'Ages 5–11 · Cost not given'."""
    cost = s.cost_shown
    if cost not in ("Free", "Cost not given"):
        cost = f"Cost: {cost}"
    return f"{s.ages_text} · {cost}"


def contact_lines(s: ServiceDetail) -> list[str]:
    """Phone (each with its label and extension), Email, Website and Address lines."""
    lines = [f"Phone: {p.text}" for p in s.all_phones]
    lines += [f"Email: {e}" for e in s.all_emails]
    if s.url:
        lines.append(f"Website: {s.url}")
    lines += [f"Address: {a}" for a in places_of(s)]
    return lines


def detail_lines(s: ServiceDetail) -> list[str]:
    """What a family needs to know after the name: the lines of the text and copied forms."""
    lines = [s.organisation] if s.organisation else []
    lines += [f"Important: {a}" for a in s.alerts]
    if s.description:
        lines.append(summary(s.description))
    if s.send_statement:
        lines.append(f"SEND support: {summary(s.send_statement)}")
    if needs_text(s):
        lines.append(f"Needs: {needs_text(s)}")
    lines.append(ages_and_cost(s))
    lines += contact_lines(s)
    if s.schedule:
        lines.append("Opening times: " + "; ".join(x for x in s.schedule.split("\n") if x))
    if access_text(s):
        lines.append(f"How to access: {access_text(s)}")
    return lines
