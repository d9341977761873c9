"""Deadline arithmetic and working days (pure: no Qt, no clock, no network, no config).

:func:`calculate` turns a rule (:mod:`desktop.data.deadline_rules`) and the family's dates
into a :class:`Deadline`: the last day, what exactly was counted from (``basis``, with the
date used), whether and why it moved, the explanation, caveats and citation.

Counting conventions (facts sheet §5, legal review §2):
- "within N of/after" an event excludes the event day; months use the corresponding date
  (31 Dec + 2 months = 28/29 Feb; Dodds v Walker);
- "beginning/starting with" includes it: 15 days = + 14; 6 months = the day before the
  corresponding date, or the last day of the month when there is none (31 Aug -> 28/29 Feb);
- "at least N before" an event: the last day to act is N before it;
- only Tribunal Rules time limits move off a non-working day (HESC r.12); the appeal also
  has the Christmas and August rule (r.12(3)(a)), and other Tribunal limits in SEN cases do
  not count 25 Dec-1 Jan or August at all (r.12(3)(b)). Nothing else ever moves.

Working days: not Saturday, Sunday, Christmas Day, Good Friday or an England and Wales
bank holiday (the ``holidays`` package, GB/ENG, with substitute days), plus one-off
proclaimed holidays from a file the caller names (``resources/extra-bank-holidays.txt``:
the data layer never looks paths up itself, design §9).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from desktop.data.dates import MONTH_NAMES, long_date
from desktop.data.deadline_rules import RULES, Counting, Group, OnNonWorkingDay, Rule, Unit
from desktop.data.months import add_months, months_starting_with
from desktop.data.working_days import (
    EXTRA_HOLIDAYS_FILE,
    HolidayFileError,
    WorkingDays,
    load_working_days,
    parse_holiday_lines,
    standard_working_days,
)
from desktop.errors import UserError

__all__ = [
    "EXTRA_HOLIDAYS_FILE",
    "GENERAL_NOTE",
    "RULES",
    "SAFETY_NOTE",
    "Deadline",
    "DeadlineError",
    "HolidayFileError",
    "WorkingDays",
    "add_months",
    "calculate",
    "days_left",
    "load_working_days",
    "long_date",
    "months_starting_with",
    "parse_holiday_lines",
    "standard_working_days",
]

SAFETY_NOTE = "Check the date on your own letter; if in doubt, appeal early."
STAYS = "but this time limit does not move."
GENERAL_NOTE = "Check the dates on your own letters; if in doubt, act early."
OPTION_NAMES = {
    "certificate": "a mediation certificate date",
    "dated": "a date printed on the letter",
    "noticed": "the date you found out",
}


class DeadlineError(UserError):
    """Bad input to the calculator: an unknown rule or a date that cannot be used."""


@dataclass(frozen=True)
class Deadline:
    rule: str
    label: str
    start: dt.date  # the date entered (for the appeal: the day the letter was sent)
    deadline: dt.date
    moved_from: dt.date | None
    explanation: str
    citation: str
    basis: str  # what was counted, with the date actually used: "2 months from the …"
    counted_from: dt.date  # that date
    certificate: dt.date | None = None
    dated: dt.date | None = None
    noticed: dt.date | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)
    medium: str = ""  # the authority is medium confidence (shown on screen)
    late: str = ""  # when a late complaint or claim may still be accepted
    estimate: str = ""  # why the date is only an estimate ('' when it is not one)

    @property
    def moved_reason(self) -> str:
        """Why the last day moved, as the end of a sentence ('' when it did not move)."""
        if self.moved_from is None:
            return ""
        if RULES[self.rule].on_non_working_day is OnNonWorkingDay.TRIBUNAL_SEN:
            if _in_christmas(self.moved_from):
                return "which falls between 25 December and 1 January (Tribunal rule 12(3)(a))"
            if self.moved_from.month == 8:
                return "which falls in August (Tribunal rule 12(3)(a))"
        return "which is not a working day (Tribunal rule 12(2))"

    @property
    def safety_note(self) -> str:
        return SAFETY_NOTE if RULES[self.rule].group is Group.TRIBUNAL else GENERAL_NOTE

    @property
    def notes(self) -> tuple[str, ...]:
        """Everything after the explanation, in reading order."""
        late = (f"If this date is missed: {self.late}",) if self.late else ()
        estimate = (self.estimate,) if self.estimate else ()
        return (*estimate, *self.warnings, *((self.medium,) if self.medium else ()), *late)

    def as_json(self) -> dict[str, str | None]:
        """The six keys issue #3 fixes for ``send-desk deadline --json``.

        What was counted, warnings and caveats have no key of their own there, so they
        follow the explanation rather than being lost.
        """
        return {
            "rule": self.rule,
            "start": self.start.isoformat(),
            "deadline": self.deadline.isoformat(),
            "moved_from": self.moved_from.isoformat() if self.moved_from else None,
            "explanation": " ".join([f"Counted: {self.basis}.", self.explanation, *self.notes]),
            "citation": self.citation,
        }

    def as_text(self, today: dt.date | None = None) -> str:
        """Plain text to copy into a note or e-mail; with ``today``, the days left too."""
        lines = [f"{self.label}: {long_date(self.deadline)}", f"Counted: {self.basis}."]
        if self.moved_from:
            lines.append(f"Moved from {long_date(self.moved_from)}, {self.moved_reason}.")
        if today is not None:
            lines.append(days_left(self.deadline, today))
        lines.append(self.explanation)
        lines.extend(self.notes)
        lines.append(f"Rule: {self.citation}")
        lines.append(self.safety_note)
        return "\n".join(lines)


def days_left(deadline: dt.date, today: dt.date) -> str:
    """'12 days left.', 'Today is the last day.' or 'This date has passed.'"""
    left = (deadline - today).days
    if left < 0:
        return "This date has passed."
    if left == 0:
        return "Today is the last day."
    return "1 day left (tomorrow)." if left == 1 else f"{left} days left."


# -- arithmetic -------------------------------------------------------------------------------


def _in_christmas(day: dt.date) -> bool:
    return (day.month == 12 and day.day >= 25) or (day.month == 1 and day.day == 1)


def _not_counted(day: dt.date) -> bool:
    """HESC r.12(3)(b): in SEN cases 25 Dec-1 Jan and August are left out of the count."""
    return _in_christmas(day) or day.month == 8


def add_tribunal_days(start: dt.date, count: int) -> dt.date:
    day = start
    for _ in range(count):
        day += dt.timedelta(days=1)
        while _not_counted(day):
            day += dt.timedelta(days=1)
    return day


def period_end(rule: Rule, start: dt.date, days: WorkingDays) -> dt.date:
    """The last day of the period before any move off a non-working day."""
    n, counting = rule.period, rule.counting
    if rule.unit is Unit.FIXED_DAY:
        assert rule.fixed is not None
        month, day = rule.fixed
        return dt.date(start.year, month, day) - dt.timedelta(days=1)  # "before 15 February"
    if rule.unit in (Unit.WORKING_DAYS, Unit.SCHOOL_DAYS):
        return days.add_working_days(start, n)
    if rule.unit is Unit.TRIBUNAL_DAYS:
        return add_tribunal_days(start, n)
    if rule.unit is Unit.MONTHS:
        if counting is Counting.STARTING_WITH:
            return months_starting_with(start, n)
        return add_months(start, -n if counting is Counting.BEFORE else n)
    length = dt.timedelta(weeks=n) if rule.unit is Unit.WEEKS else dt.timedelta(days=n)
    if counting is Counting.BEFORE:
        return start - length
    return start + length - dt.timedelta(days=1 if counting is Counting.STARTING_WITH else 0)


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


def _move(rule: Rule, end: dt.date, days: WorkingDays) -> tuple[dt.date, tuple[str, ...]]:
    if rule.on_non_working_day is OnNonWorkingDay.TRIBUNAL_SEN:
        return tribunal_sen_move(end, days)
    if rule.on_non_working_day is OnNonWorkingDay.TRIBUNAL_NEXT_WORKING_DAY:
        if days.is_working_day(end):
            return end, ()
        moved = days.next_working_day(end)
        if _not_counted(moved):
            return moved, (
                f"The last counted day is not a working day, and the next working day, "
                f"{long_date(moved)}, falls in a period the rule does not count. The rules do "
                "not make clear whether that matters, so this uses that earlier date.",
            )
        return moved, ()
    if not days.is_working_day(end) and rule.unit not in (Unit.WORKING_DAYS, Unit.SCHOOL_DAYS):
        return end, (f"{long_date(end)} is not a working day, {STAYS}",)
    return end, ()


@dataclass(frozen=True)
class _Count:
    end: dt.date
    deadline: dt.date
    basis: str
    counted_from: dt.date
    warnings: tuple[str, ...]


def _basis(rule: Rule, base: dt.date, event: str) -> str:
    if rule.unit is Unit.TRIBUNAL_DAYS:
        return f"{rule.period} days from {event}, not counting August or 25 December to 1 January"
    if rule.unit is Unit.FIXED_DAY:
        assert rule.fixed is not None
        named = dt.date(base.year, *rule.fixed)
        return (
            f"before {named.day} {MONTH_NAMES[named.month - 1]} {named.year}, the day the "
            f"regulation names for the year of {event}"
        )
    return f"{rule.period_text} {rule.counting.value} {event}"


def _count(
    rule: Rule, base: dt.date, event: str, certificate: dt.date | None, days: WorkingDays
) -> _Count:
    end = period_end(rule, base, days)
    basis = _basis(rule, base, event)
    counted_from = base
    warnings: list[str] = []
    if certificate is not None:
        from_certificate = add_months(certificate, 1)
        if from_certificate > end:
            end, counted_from = from_certificate, certificate
            basis = f"1 month from the mediation certificate issued on {long_date(certificate)}"
            warnings.append("The 1 month from the mediation certificate gives the later date.")
        else:
            warnings.append("The 2 months from the decision letter give the later date.")
    deadline, moved = _move(rule, end, days)
    return _Count(end, deadline, basis, counted_from, (*warnings, *moved))


def _check_options(rule: Rule, **given: dt.date | None) -> None:
    for name, value in given.items():
        if value is not None and name not in rule.options:
            users = [r.id for r in RULES.values() if name in r.options]
            raise DeadlineError(
                f"{OPTION_NAMES[name].capitalize()} only applies to the rule"
                f"{'s' if len(users) > 1 else ''} {', '.join(repr(u) for u in users)}."
            )


def calculate(
    rule_id: str,
    start: dt.date,
    *,
    certificate: dt.date | None = None,
    dated: dt.date | None = None,
    noticed: dt.date | None = None,
    working_days: WorkingDays | None = None,
    event: str | None = None,
) -> Deadline:
    """The deadline ``rule_id`` gives for ``start`` (and the other dates the rule takes).

    ``dated``: the date printed on the letter when it differs from ``start`` (the day it was
    sent); the earlier of the two deadlines is the safe one and is used, and the warnings
    show both. ``noticed``: when the matter came to notice, if later than ``start``.
    ``event``: how to write the start in the result when the caller asked for it in other
    words than the rule's own ("the problem first arising on {date}").
    """
    rule = RULES.get(rule_id)
    if rule is None:
        raise DeadlineError(f"Unknown rule {rule_id!r}; known rules: {', '.join(RULES)}.")
    _check_options(rule, certificate=certificate, dated=dated, noticed=noticed)
    if certificate is not None and certificate < min(start, dated or start):
        raise DeadlineError("The mediation certificate date is before the decision letter date.")
    if noticed is not None and noticed < start:
        raise DeadlineError("The date you found out is before the date it happened.")
    days = working_days or standard_working_days()
    event = (event or rule.counted_from).format(date=long_date(start))
    warnings: list[str] = []
    if noticed is not None and noticed > start:
        chosen = _count(rule, noticed, f"finding out about it on {long_date(noticed)}", None, days)
        warnings.append(
            f"Counted from when you found out ({long_date(noticed)}), which is later than {event}."
        )
    else:
        chosen = _count(rule, start, event, certificate, days)
    if dated is not None and dated != start:
        printed = f"the date printed on the letter, {long_date(dated)}"
        by_date = _count(rule, dated, printed, certificate, days)
        sent = chosen
        if by_date.deadline <= sent.deadline:
            chosen = by_date
        if by_date.deadline == sent.deadline:
            warnings.append(
                f"The date printed on the letter ({long_date(dated)}) and the day it was sent "
                f"({long_date(start)}) give the same last day."
            )
        else:
            warnings.append(
                f"Counted from the date printed on the letter ({long_date(dated)}) the last "
                f"day is {long_date(by_date.deadline)}; counted from the day it was sent "
                f"({long_date(start)}) it is {long_date(sent.deadline)}. This uses the "
                "earlier, safe date."
            )
    if rule.unit is Unit.FIXED_DAY and rule.fixed and start < dt.date(start.year, *rule.fixed):
        warnings.append(
            "The move is before the date the regulation names for that year, so the review "
            "should happen well before the move itself: ask the council now."
        )
    return Deadline(
        rule=rule.id,
        label=rule.label,
        start=start,
        deadline=chosen.deadline,
        moved_from=chosen.end if chosen.deadline != chosen.end else None,
        explanation=rule.explanation,
        citation=rule.citation,
        basis=chosen.basis,
        counted_from=chosen.counted_from,
        certificate=certificate,
        dated=dated,
        noticed=noticed,
        warnings=(*chosen.warnings, *warnings, *rule.caveats),
        medium=rule.medium,
        late=rule.late,
        estimate=rule.estimate,
    )
