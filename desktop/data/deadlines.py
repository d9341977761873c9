"""Deadline rules and working-day arithmetic (pure: no Qt, no clock, no network).

Every rule of the facts sheet (§3, §5, §13) is data: a :class:`Rule` with its period,
unit, what happens when the period ends on a non-working day, and its citation.
:func:`calculate` turns a rule and the family's dates into a :class:`Deadline` that
carries the rule id, label, plain explanation, citation and ``moved_from``.

Counting conventions (facts sheet §5):
- a period "after"/"of"/"from" an event excludes the event day;
- months use the corresponding-date rule (31 Dec + 2 months = 28/29 Feb);
- "beginning with"/"starting with" includes the event day (draft plan: +14 days;
  disability discrimination claim: + 6 months − 1 day);
- only the Tribunal's own time limit (the SEN appeal) moves off a non-working day,
  with the Christmas and August rule of HESC r.12(3)(a); council duties never move.

Working days: not Saturday, Sunday, Christmas Day, Good Friday or an England and Wales
bank holiday (the ``holidays`` package, GB/ENG, incl. substitute days), plus any one-off
proclaimed holidays listed in ``resources/extra-bank-holidays.txt``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from desktop.data.deadline_rules import RULES, OnNonWorkingDay, Rule, Unit

SAFETY_NOTE = "Check the date on your own letter; if in doubt, appeal early."
EXTRA_HOLIDAYS_FILE = "extra-bank-holidays.txt"


class DeadlineError(ValueError):
    """Bad input to the calculator: an unknown rule or a date that cannot be used."""


@dataclass(frozen=True)
class Deadline:
    rule: str
    label: str
    start: dt.date
    deadline: dt.date
    moved_from: dt.date | None
    explanation: str
    citation: str
    certificate: dt.date | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def moved_reason(self) -> str:
        """Why the last day moved, as the end of a sentence ('' when it did not move)."""
        if self.moved_from is None:
            return ""
        if _in_christmas(self.moved_from):
            return "which falls between 25 December and 1 January (Tribunal rule 12(3)(a))"
        if self.moved_from.month == 8:
            return "which falls in August (Tribunal rule 12(3)(a))"
        return "which is not a working day"

    def as_json(self) -> dict[str, str | None]:
        """The six keys issue #3 fixes for ``send-desk deadline --json``.

        Warnings (which date won, the unclear Christmas/August edge, caveats) have no key of
        their own there, so they follow the rule's explanation rather than being lost.
        """
        return {
            "rule": self.rule,
            "start": self.start.isoformat(),
            "deadline": self.deadline.isoformat(),
            "moved_from": self.moved_from.isoformat() if self.moved_from else None,
            "explanation": " ".join([self.explanation, *self.warnings]),
            "citation": self.citation,
        }

    def as_text(self) -> str:
        """Plain text to copy into a note or e-mail."""
        lines = [f"{self.label}: {long_date(self.deadline)}"]
        lines.append(f"Counted from {long_date(self.start)}.")
        if self.certificate:
            lines.append(f"Mediation certificate issued {long_date(self.certificate)}.")
        if self.moved_from:
            lines.append(f"Moved from {long_date(self.moved_from)}, {self.moved_reason}.")
        lines.append(self.explanation)
        lines.extend(self.warnings)
        lines.append(f"Rule: {self.citation}")
        lines.append(SAFETY_NOTE)
        return "\n".join(lines)


def long_date(day: dt.date) -> str:
    return f"{day.strftime('%A')} {day.day} {day.strftime('%B %Y')}"


# -- working days -----------------------------------------------------------------------------


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
            raise DeadlineError(
                f"line {number} of the extra bank holidays file is not a date (YYYY-MM-DD): {text!r}"
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
def default_working_days() -> WorkingDays:
    from desktop.config import resource

    path: Path = resource(EXTRA_HOLIDAYS_FILE)
    extra: frozenset[dt.date] = frozenset()
    if path.exists():
        extra = parse_holiday_lines(path.read_text(encoding="utf-8").splitlines())
    return WorkingDays(extra)


# -- arithmetic -------------------------------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    """Corresponding-date rule: same day number, or the last day of a shorter month."""
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


def period_end(rule: Rule, start: dt.date, calendar_: WorkingDays) -> dt.date:
    if rule.unit is Unit.MONTHS:
        if rule.includes_start:
            return months_starting_with(start, rule.period)
        end = add_months(start, rule.period)
    elif rule.unit is Unit.WEEKS:
        end = start + dt.timedelta(weeks=rule.period)
    elif rule.unit is Unit.CALENDAR_DAYS:
        end = start + dt.timedelta(days=rule.period)
    else:
        return calendar_.add_working_days(start, rule.period)
    return end - dt.timedelta(days=1) if rule.includes_start else end


def _in_christmas(day: dt.date) -> bool:
    return (day.month == 12 and day.day >= 25) or (day.month == 1 and day.day == 1)


def tribunal_sen_move(end: dt.date, days: WorkingDays) -> tuple[dt.date, tuple[str, ...]]:
    """HESC r.12(2) and r.12(3)(a) for an SEN appeal: where the last day really falls."""
    if _in_christmas(end):
        year = end.year + 1 if end.month == 12 else end.year
        return days.next_working_day(dt.date(year, 1, 1)), ()
    if end.month == 8:
        return days.next_working_day(dt.date(end.year, 8, 31)), ()
    if days.is_working_day(end):
        return end, ()
    moved = days.next_working_day(end)
    if _in_christmas(moved) or moved.month == 8:
        later, _ = tribunal_sen_move(moved, days)
        return moved, (
            f"The time limit ends on a non-working day just before the "
            f"{'Christmas' if _in_christmas(moved) else 'August'} period. The next working "
            f"day rule gives {long_date(moved)}; the Christmas and August rule might give "
            f"{long_date(later)}. The rules do not make clear which applies, so this uses "
            "the earlier date.",
        )
    return moved, ()


def calculate(
    rule_id: str,
    start: dt.date,
    *,
    certificate: dt.date | None = None,
    working_days: WorkingDays | None = None,
) -> Deadline:
    rule = RULES.get(rule_id)
    if rule is None:
        raise DeadlineError(f"unknown rule {rule_id!r}; known rules: {', '.join(RULES)}")
    if certificate is not None and rule_id != "appeal":
        raise DeadlineError("a mediation certificate date only applies to the 'appeal' rule")
    if certificate is not None and certificate < start:
        raise DeadlineError("the mediation certificate date is before the decision letter date")
    days = working_days or default_working_days()
    end = period_end(rule, start, days)
    warnings = list(rule.caveats)
    if certificate is not None:
        from_certificate = add_months(certificate, 1)
        if from_certificate > end:
            end = from_certificate
            warnings.insert(0, "The 1 month from the mediation certificate gives the later date.")
        else:
            warnings.insert(0, "The 2 months from the decision letter give the later date.")
    deadline = end
    if rule.on_non_working_day is OnNonWorkingDay.TRIBUNAL_SEN:
        deadline, edge = tribunal_sen_move(end, days)
        warnings.extend(edge)
    elif not days.is_working_day(end) and rule.unit is not Unit.WORKING_DAYS:
        warnings.append(
            f"{long_date(end)} is not a working day, but this time limit does not move."
        )
    return Deadline(
        rule=rule.id,
        label=rule.label,
        start=start,
        deadline=deadline,
        moved_from=end if deadline != end else None,
        explanation=rule.explanation,
        citation=rule.citation,
        certificate=certificate,
        warnings=tuple(warnings),
    )


def parse_date(text: str) -> dt.date:
    """An ISO date (YYYY-MM-DD) or a UK date (DD/MM/YYYY); anything else is a DeadlineError."""
    text = text.strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return dt.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        raise DeadlineError(
            f"{text!r} is not a date: use YYYY-MM-DD (for example 2026-10-01) or DD/MM/YYYY"
        ) from None
