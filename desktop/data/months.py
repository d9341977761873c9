"""Calendar-month arithmetic as the courts read it (Dodds v Walker [1981]). Pure."""

from __future__ import annotations

import calendar
import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    """Corresponding-date rule: same day number, or the last day of a shorter month.

    ``months`` may be negative (the last day to act "at least 5 months before" a move).
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def months_starting_with(day: dt.date, months: int) -> dt.date:
    """Last day of a period of ``months`` months *starting with* ``day`` (the day counts).

    The day before the corresponding date; where the later month has no corresponding date
    (a start on the 29th, 30th or 31st), the last day of that month (EqA 2010 Sch 17
    para 4(1); Dodds v Walker [1981]): 31 Aug 2027 -> 29 Feb 2028, 31 Mar -> 30 Sep.
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    if day.day > last:
        return dt.date(year, month, last)
    return dt.date(year, month, day.day) - dt.timedelta(days=1)
