"""ORUK schedules → short English text, e.g. "Monday to Friday: 9:30am to 12pm". Pure, no I/O.

Reads ORUK 1.0 ``regular_schedules`` (``weekday`` as a name, a code or a number, ISO
numbering: 1 is Monday, 7 and 0 are Sunday) and ORUK 3.0 / HSDS 3.0 ``schedules``
(iCalendar-style ``freq``, ``interval``, ``byday`` such as ``MO,TU`` or ``1SA``,
``bymonthday``). A schedule's own ``description`` is the publisher's wording and is used
as it is. Weekly entries with the same hours (ORUK 1.0 sends one per day) are merged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from desktop.data.text import html_to_text

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_CODES = {day[:2].upper(): n for n, day in enumerate(DAYS)}
_NAMES = {day.lower(): n for n, day in enumerate(DAYS)}
_NAMES.update({day[:3].lower(): n for n, day in enumerate(DAYS)})
_NAMES.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})
_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}
_BYDAY = re.compile(r"^([+-]?\d{1,2})?([A-Z]{2})$")
_TIME = re.compile(
    r"^(?:\d{4}-\d\d-\d\dT)?(\d{1,2})[:.]?(\d\d)(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?$"
)
_UNITS = {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}


def _s(value: Any) -> str:
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, (str, int, float)):
        return str(value).strip()
    return ""


def _day_number(token: str) -> int | None:
    """0 (Monday) … 6 (Sunday) for a name, a two-letter code or an ISO number."""
    token = token.strip().rstrip(".")
    if token.isdigit():
        n = int(token)
        return 6 if n in (0, 7) else (n - 1 if 1 <= n <= 6 else None)
    if token.upper() in _CODES:
        return _CODES[token.upper()]
    return _NAMES.get(token.lower().rstrip("s")) if token else None


def ordinal_word(n: int) -> str:
    if n < 0:
        return "last" if n == -1 else f"{_ORDINALS.get(-n, f'{-n}th')} to last"
    return _ORDINALS.get(n, _nth(n))


def _nth(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def days_text(days: Iterable[int]) -> str:
    """Sorted day numbers → "Monday, Tuesday" or "Monday to Friday" (runs of three or more)."""
    ordered = sorted(set(days))
    if len(ordered) == 7:
        return "every day"
    runs: list[list[int]] = []
    for day in ordered:
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts: list[str] = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{DAYS[run[0]]} to {DAYS[run[-1]]}")
        else:
            parts.extend(DAYS[d] for d in run)
    return ", ".join(parts)


def time_text(value: Any) -> str:
    """ "09:30" → "9:30am", "12:00:00" → "12pm", "17:00Z" → "5pm"; other text is kept as it is."""
    raw = _s(value)
    match = _TIME.match(raw)
    if not match:
        return raw
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 24 or minute > 59:
        return raw
    hour %= 24
    suffix = "am" if hour < 12 else "pm"
    shown = hour % 12 or 12
    return f"{shown}{suffix}" if minute == 0 else f"{shown}:{minute:02d}{suffix}"


def hours_text(opens: Any, closes: Any) -> str:
    start, end = time_text(opens), time_text(closes)
    if start and end:
        return f"{start} to {end}"
    if start:
        return f"from {start}"
    return f"until {end}" if end else ""


@dataclass
class _Parsed:
    weekly_days: list[int]
    other_days: list[str]  # ordinal days ("first Saturday") and unrecognised words, as text
    hours: str
    repeat: str  # "every 2 weeks", "" for a plain weekly entry

    @property
    def mergeable(self) -> bool:
        return bool(self.weekly_days) and not self.other_days and not self.repeat


def _parse(schedule: dict[str, Any]) -> _Parsed:
    tokens = [t for t in re.split(r"[,;\s]+", _s(schedule.get("byday"))) if t]
    weekday = _s(schedule.get("weekday"))
    if weekday:
        tokens.append(weekday)
    weekly: list[int] = []
    ordinal: dict[int, list[int]] = {}
    other: list[str] = []
    for token in tokens:
        code = _BYDAY.match(token.upper())
        if code and code.group(1) and code.group(2) in _CODES:
            ordinal.setdefault(_CODES[code.group(2)], []).append(int(code.group(1)))
            continue
        day = _day_number(token)
        if day is None:
            other.append(token)
        else:
            weekly.append(day)
    freq = _s(schedule.get("freq")).upper()
    try:
        interval = int(_s(schedule.get("interval")) or 1)
    except ValueError:
        interval = 1
    month = freq == "MONTHLY" or bool(ordinal)
    phrases = [
        f"{' and '.join(ordinal_word(n) for n in sorted(ns, key=_ordinal_key))} {DAYS[day]}"
        + (" of the month" if month else "")
        for day, ns in sorted(ordinal.items(), key=lambda item: min(map(_ordinal_key, item[1])))
    ]
    monthdays = [t for t in re.split(r"[,;\s]+", _s(schedule.get("bymonthday"))) if t]
    for token in monthdays:
        try:
            n = int(token)
        except ValueError:
            continue
        phrases.append("last day of the month" if n == -1 else f"{_nth(n)} of the month")
    repeat = ""
    unit = _UNITS.get(freq, "")
    if unit and interval > 1:
        repeat = f"every {interval} {unit}s"
    elif freq == "DAILY" and not weekly and not phrases:
        weekly = list(range(7))
    hours = hours_text(schedule.get("opens_at"), schedule.get("closes_at"))
    return _Parsed(weekly, phrases + other, hours, repeat)


def _ordinal_key(n: int) -> int:
    return n if n > 0 else 100 - n


def _sentence(days: str, hours: str, repeat: str) -> str:
    when = ", ".join(p for p in (days, repeat) if p)
    text = ": ".join(p for p in (when, hours) if p)
    return text[:1].upper() + text[1:]


def schedule_lines(schedules: Iterable[Any]) -> list[str]:
    """One readable line per distinct schedule, in the order the feed gave them."""
    lines: list[str] = []
    merged: dict[str, list[int]] = {}  # hours → weekly days, for plain weekly entries
    slots: list[str | tuple[str]] = []  # a line, or a key into ``merged`` kept in order
    for schedule in schedules:
        if not isinstance(schedule, dict):
            continue
        description = html_to_text(_s(schedule.get("description"))).replace("\n", " ").strip()
        parsed = _parse(schedule)
        if description:
            # the publisher's words, after the days and hours when the schedule gives them
            # too (a description alone used to hide 'Saturday: 10am to 11am')
            days = days_text(parsed.weekly_days) if parsed.hours and parsed.weekly_days else ""
            when = _sentence(days, parsed.hours, parsed.repeat) if parsed.hours else ""
            slots.append(f"{when} ({description})" if when else description)
            continue
        if parsed.mergeable:
            if parsed.hours not in merged:
                merged[parsed.hours] = []
                slots.append((parsed.hours,))
            merged[parsed.hours].extend(parsed.weekly_days)
            continue
        days = ", ".join(
            p
            for p in (
                days_text(parsed.weekly_days) if parsed.weekly_days else "",
                *parsed.other_days,
            )
            if p
        )
        if days or parsed.hours:
            slots.append(_sentence(days, parsed.hours, parsed.repeat))
    for slot in slots:
        if isinstance(slot, tuple):
            hours = slot[0]
            lines.append(_sentence(days_text(merged[hours]), hours, ""))
        else:
            lines.append(slot)
    return list(dict.fromkeys(lines))
