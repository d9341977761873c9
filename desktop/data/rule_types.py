"""The shape of a deadline rule: what is counted, from which event, and what the law says
happens when the period ends on a non-working day. Pure data types, no rules.

The rules themselves are in :mod:`desktop.data.rules_tribunal`, :mod:`rules_council` and
:mod:`rules_complaints`, gathered by :mod:`desktop.data.deadline_rules`; the arithmetic is in
:mod:`desktop.data.deadlines`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Unit(StrEnum):
    CALENDAR_DAYS = "days"
    WORKING_DAYS = "working days"
    # Days the school is open. The app cannot know term dates, so these are estimated as
    # working days and the result says so (see Rule.estimate).
    SCHOOL_DAYS = "school days"
    WEEKS = "weeks"
    MONTHS = "months"
    # HESC Rules r.12(3)(b): in SEN cases the days 25 Dec-1 Jan and every day in August are
    # not counted at all (for every Tribunal time limit except the appeal itself).
    TRIBUNAL_DAYS = "days, not counting August or 25 December to 1 January"
    # A day named in the law ("before 15 February in the calendar year of the transfer").
    FIXED_DAY = "a day of the year"


class Counting(StrEnum):
    AFTER = "from"  # "within N of/after": the start day is not counted (Dodds v Walker)
    STARTING_WITH = "starting with"  # "beginning/starting with": the start day is day 1
    BEFORE = "before"  # "at least N before": the last day to act is N before the event


class OnNonWorkingDay(StrEnum):
    STAYS = "stays"  # council duties, ombudsmen, courts: a Saturday deadline is that Saturday
    # HESC r.12(2) and r.12(3)(a): next working day, and the Christmas and August rule.
    TRIBUNAL_SEN = "tribunal-sen"
    TRIBUNAL_NEXT_WORKING_DAY = "tribunal-next-working-day"  # HESC r.12(2) only


class Group(StrEnum):
    """Headings for the calculator's list of rules, in the order they are shown."""

    TRIBUNAL = "Tribunal appeals and claims"
    MEDIATION = "Mediation before an appeal"
    EHC = "EHC needs assessments and plans"
    REVIEWS = "Reviews, re-assessments and moving school"
    AFTER_TRIBUNAL = "After the Tribunal"
    COMPLAINTS = "Complaints, ombudsmen and courts"
    SCHOOL = "Exclusions and school transport"


@dataclass(frozen=True)
class Rule:
    id: str
    label: str
    period: int
    unit: Unit
    start_label: str  # the field label: what the start date is, in the adviser's words
    # What was counted from, with {date}: "the decision letter sent on {date}".
    counted_from: str
    explanation: str
    citation: str
    group: Group
    counting: Counting = Counting.AFTER
    on_non_working_day: OnNonWorkingDay = OnNonWorkingDay.STAYS
    caveats: tuple[str, ...] = ()
    # Shown on screen when the authority is only medium confidence in the legal review.
    medium: str = ""
    # For limits that are not the Tribunal's own: when a late complaint or claim may still
    # be accepted (the date itself never moves).
    late: str = ""
    estimate: str = ""  # why the result is only an estimate; shown with every such date
    fixed: tuple[int, int] | None = None  # (month, day) for Unit.FIXED_DAY
    # Other dates the rule may use: "certificate", "dated" (date printed on the letter when
    # it differs from the date it was sent), "noticed" (when the matter came to notice).
    options: frozenset[str] = frozenset()

    @property
    def includes_start(self) -> bool:
        return self.counting is Counting.STARTING_WITH

    @property
    def counts_backwards(self) -> bool:
        """The last day comes before the date entered (papers before a meeting, a transfer)."""
        return self.counting is Counting.BEFORE or self.unit is Unit.FIXED_DAY

    @property
    def period_text(self) -> str:
        """'2 months', '1 month', '15 days', '28 days, not counting August or …'."""
        unit = self.unit.value
        if self.period == 1:
            unit = {"days": "day", "weeks": "week", "months": "month"}.get(unit, unit)
        return f"{self.period} {unit}"
