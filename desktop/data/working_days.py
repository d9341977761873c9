"""Working days in England and Wales, and the extra one-off bank holidays file. Pure: the
caller names the file (design §9: the data layer never looks paths up itself).

A working day is not a Saturday, Sunday, Christmas Day, Good Friday or an England and Wales
bank holiday (the ``holidays`` package, GB/ENG, with substitute days), nor a day listed in
the extra file (``resources/extra-bank-holidays.txt``: one ``YYYY-MM-DD`` a line).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from desktop.errors import UserError

EXTRA_HOLIDAYS_FILE = "extra-bank-holidays.txt"


class HolidayFileError(UserError):
    """The extra bank holidays file cannot be used; the message names the line to fix."""


def parse_holiday_lines(lines: Iterable[str]) -> frozenset[dt.date]:
    """``YYYY-MM-DD`` one a line; text after ``#`` and blank lines are ignored."""
    days = set()
    for number, raw in enumerate(lines, 1):
        text = raw.split("#", 1)[0].strip()
        if not text:
            continue
        try:
            days.add(dt.date.fromisoformat(text))
        except ValueError:
            raise HolidayFileError(
                f"Line {number} of the extra bank holidays file is not a date (YYYY-MM-DD): "
                f"{text!r}; correct or remove it."
            ) from None
    return frozenset(days)


class WorkingDays:
    """Which days are working days in England and Wales."""

    def __init__(self, extra_holidays: Iterable[dt.date] = ()) -> None:
        import holidays

        # England and Wales share bank holidays; `holidays` calls the subdivision ENG.
        self._bank = holidays.country_holidays("GB", subdiv="ENG")
        self._extra = frozenset(extra_holidays)

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and day not in self._bank and day not in self._extra

    def holiday_name(self, day: dt.date) -> str | None:
        if day in self._extra:
            return "Extra bank holiday"
        return self._bank.get(day)

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after ``day``."""
        day += dt.timedelta(days=1)
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def add_working_days(self, start: dt.date, count: int) -> dt.date:
        day = start
        for _ in range(count):
            day = self.next_working_day(day)
        return day


@lru_cache(maxsize=1)
def standard_working_days() -> WorkingDays:
    """Bank holidays only (no extra file): what a caller that names no file gets."""
    return WorkingDays()


@lru_cache(maxsize=4)
def load_working_days(extra_file: Path | None) -> WorkingDays:
    """Bank holidays plus the one-off holidays listed in ``extra_file`` (when it exists)."""
    if extra_file is None or not extra_file.exists():
        return standard_working_days()
    try:
        text = extra_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise HolidayFileError(
            f"The extra bank holidays file {extra_file} cannot be read ({exc}); fix or remove it."
        ) from None
    return WorkingDays(parse_holiday_lines(text.splitlines()))
