"""Reading a date the way people type it, and writing it in words. Pure: no Qt, no clock
(``today`` is always passed in).

Accepted: ``20/11/2026``, ``20/11/26``, ``20-11-2026``, ``20.11.2026``, ``20112026``,
``201126``, ``2026-11-20``, ``20 Nov 2026``, ``20th November 2026``, ``Friday 20 November
2026`` (a weekday that does not match the date is refused). Day first, always: this is an
app for England. A two-digit year is 2000 + the number.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from desktop.errors import UserError

# The window of dates the app accepts from a person (docs/decisions.md): every limit it counts
# is at most about a year, so a start more than 5 years back, or more than 3 years ahead (a
# move to a new school is planned a year or two ahead), is a typing mistake.
PAST_YEARS = 5
FUTURE_YEARS = 3

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        1,
    )
    for name in names
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# English names written out here: strftime follows the C locale, which Qt sets from the
# system (a French laptop would print "vendredi").
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})")
_COMPACT = re.compile(r"(\d{2})(\d{2})(\d{4}|\d{2})")
_WORDS = re.compile(
    r"(?:(?P<weekday>[a-z]+)\.?,?\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
    r"(?P<month>[a-z]+)\.?,?\s+(?P<year>\d{4}|\d{2})"
)
EXAMPLE = "20/11/2026"


class DateError(UserError):
    """Text that is not a date, or not a plausible one; ``str()`` says what to type."""


def long_date(day: dt.date) -> str:
    """'Friday 20 November 2026'."""
    return f"{weekday_name(day)} {day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def weekday_name(day: dt.date) -> str:
    return WEEKDAYS[day.weekday()].capitalize()


def short_date(day: dt.date) -> str:
    """'20/11/2026', the form the date field shows."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def _year(text: str) -> int:
    number = int(text)
    return 2000 + number if len(text) == 2 else number


def _make(text: str, year: int, month: int, day: int) -> dt.date:
    if not 1 <= month <= 12:
        raise DateError(f"“{text}” is not a date: there is no month {month}.")
    try:
        return dt.date(year, month, day)
    except ValueError:
        if year < dt.MINYEAR or year > dt.MAXYEAR:
            raise DateError(f"“{text}” is not a date: type it like {EXAMPLE}.") from None
        days = calendar.monthrange(year, month)[1]
        raise DateError(
            f"“{text}” is not a date: {MONTH_NAMES[month - 1]} {year} has {days} days."
        ) from None


def parse_date(text: str) -> dt.date:
    """The date ``text`` means, or a DateError that says what to type instead."""
    raw = str(text or "")
    clean = " ".join(raw.strip().lower().split())
    if not clean:
        raise DateError(f"Type a date, for example {EXAMPLE}.")
    if match := _ISO.fullmatch(clean):
        year, month, day = (int(g) for g in match.groups())
        return _make(raw.strip(), year, month, day)
    if match := _NUMERIC.fullmatch(clean):
        day, month = int(match[1]), int(match[2])
        return _make(raw.strip(), _year(match[3]), month, day)
    if match := _COMPACT.fullmatch(clean):
        day, month = int(match[1]), int(match[2])
        return _make(raw.strip(), _year(match[3]), month, day)
    if match := _WORDS.fullmatch(clean):
        month_name = match["month"]
        if month_name not in MONTHS:
            raise DateError(f"“{raw.strip()}” is not a date: “{month_name}” is not a month.")
        result = _make(raw.strip(), _year(match["year"]), MONTHS[month_name], int(match["day"]))
        weekday = match["weekday"]
        if weekday:
            named = next((w for w in WEEKDAYS if w.startswith(weekday[:3])), None)
            if named is None or not named.startswith(weekday):
                raise DateError(f"“{raw.strip()}” is not a date: type it like {EXAMPLE}.")
            if WEEKDAYS[result.weekday()] != named:
                raise DateError(
                    f"{result.day} {MONTH_NAMES[result.month - 1]} {result.year} is a "
                    f"{weekday_name(result)}, not a {named.capitalize()}: check the date."
                )
        return result
    raise DateError(f"“{raw.strip()}” is not a date this app can read: type it like {EXAMPLE}.")


def window(today: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last dates a person may enter (see PAST_YEARS and FUTURE_YEARS)."""
    return dt.date(today.year - PAST_YEARS, 1, 1), dt.date(today.year + FUTURE_YEARS, 12, 31)


def understand(text: str, today: dt.date) -> dt.date:
    """A date typed by a person: readable, real and inside the window around ``today``."""
    day = parse_date(text)
    first, last = window(today)
    if not first <= day <= last:
        where = "too far in the past" if day < first else "too far ahead"
        raise DateError(
            f"{long_date(day)} is {where}: type a date between {long_date(first)} and "
            f"{long_date(last)}."
        )
    return day
