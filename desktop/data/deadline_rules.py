"""The deadline rules of the facts sheet (§3, §5, §13) as data: period, unit, what happens on a
non-working day, the start date to ask for, a plain explanation and the citation.

The arithmetic lives in :mod:`desktop.data.deadlines`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Unit(StrEnum):
    CALENDAR_DAYS = "calendar days"
    WORKING_DAYS = "working days"
    WEEKS = "weeks"
    MONTHS = "months"


class OnNonWorkingDay(StrEnum):
    STAYS = "stays"  # council and adviser duties: a Saturday deadline is that Saturday
    TRIBUNAL_SEN = (
        "tribunal-sen"  # HESC r.12(2) and r.12(3)(a): next working day, Christmas, August
    )


@dataclass(frozen=True)
class Rule:
    id: str
    label: str
    period: int
    unit: Unit
    start_label: str  # what the start date is, in the adviser's words
    explanation: str
    citation: str
    includes_start: bool = False  # "beginning with"/"starting with" the start day
    on_non_working_day: OnNonWorkingDay = OnNonWorkingDay.STAYS
    caveats: tuple[str, ...] = ()
    estimate: bool = False


RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule(
            "appeal",
            "Last day to appeal to the SEND Tribunal (by 5pm)",
            2,
            Unit.MONTHS,
            "Date the council's decision letter was sent",
            "The Tribunal must receive the appeal within 2 months of the date the decision "
            "letter was sent, or within 1 month of the date the mediation certificate was "
            "issued if that is later. If the last day is not a working day, the next working day counts. "
            "If it falls between 25 December and 1 January, or in August, the appeal is in "
            "time on the first working day after 1 January or after 31 August. It must arrive "
            "by 5pm.",
            "HESC Rules 2008 r.20(1)(c), r.12(1)-(3); Dodds v Walker [1981] (month counting)",
            on_non_working_day=OnNonWorkingDay.TRIBUNAL_SEN,
            caveats=(
                "The Tribunal may accept a late appeal, but it does not have to. Send it as "
                "soon as you can and explain why it is late (HESC Rules r.5(3)(a)).",
            ),
        ),
        Rule(
            "appeal-school",
            "Last day to appeal only about the school named (by 5pm)",
            2,
            Unit.MONTHS,
            "Date the council's decision letter was sent",
            "An appeal only about the school or type of school named in the plan, or that "
            "none is named, needs no mediation certificate. The Tribunal must receive it "
            "within 2 months of the date the decision letter was sent. If the last day is not "
            "a working day, the next working day counts. If it falls between 25 December and "
            "1 January, or in August, the appeal is in time on the first working day after "
            "1 January or after 31 August. It must arrive by 5pm.",
            "HESC Rules 2008 r.20(1)(c), r.12(1)-(3); Children and Families Act 2014 s.55(3); "
            "Dodds v Walker [1981] (month counting)",
            on_non_working_day=OnNonWorkingDay.TRIBUNAL_SEN,
            caveats=(
                "If the appeal is also about other parts of the plan, a mediation certificate "
                "is needed: use the 'Last day to appeal to the SEND Tribunal' rule instead.",
                "The Tribunal may accept a late appeal, but it does not have to. Send it as "
                "soon as you can and explain why it is late (HESC Rules r.5(3)(a)).",
            ),
        ),
        Rule(
            "mediation-adviser-contact",
            "Last day to contact the mediation adviser",
            2,
            Unit.MONTHS,
            "Date the council's decision letter was sent",
            "Before most appeals, the family must contact the mediation adviser within 2 "
            "months of the date the decision letter was sent. This date does not move if it "
            "is a weekend or holiday.",
            "SEND Regulations 2014 reg 33",
        ),
        Rule(
            "mediation-certificate",
            "Mediation certificate due (estimate)",
            3,
            Unit.WORKING_DAYS,
            "Date the adviser was told (no mediation wanted, mediation over, or not arranged)",
            "The mediation adviser must issue the certificate within 3 working days. Counting "
            "starts the day after the adviser was told, and skips weekends, Christmas Day, "
            "Good Friday and bank holidays.",
            "SEND Regulations 2014 reg 34(1) and reg 39; working day as in HESC Rules r.1(3)",
            caveats=(
                "The Regulations do not define a working day, so treat this date as an estimate.",
            ),
            estimate=True,
        ),
        Rule(
            "mediation-held",
            "Council to arrange mediation by",
            30,
            Unit.CALENDAR_DAYS,
            "Date the council was told the family wants mediation",
            "The council must arrange mediation within 30 days of being told the family wants "
            "it. These are ordinary calendar days; the date does not move.",
            "SEND Regulations 2014, mediation regulations (regs 36-37; regulation number not confirmed)",
            caveats=(
                "If the council cannot arrange mediation in time, it must tell the mediation "
                "adviser, who then has 3 working days to issue the certificate.",
                "If only health care is in dispute, the health body (integrated care board) "
                "arranges mediation, within 30 days of the council telling it.",
            ),
        ),
        Rule(
            "assessment-decision",
            "Council's decision on an EHC needs assessment due",
            6,
            Unit.WEEKS,
            "Date the council received the request for an assessment",
            "The council must say whether it will carry out an EHC needs assessment within "
            "6 weeks of receiving the request.",
            "SEND Regulations 2014 reg 5(1); Code of Practice 9.14",
            caveats=(
                "Exceptions can apply (reg 5(4)), for example during a long school closure or "
                "exceptional personal circumstances. The calculator never applies them.",
            ),
        ),
        Rule(
            "no-plan-notice",
            "Council's decision not to issue a plan due",
            16,
            Unit.WEEKS,
            "Date the council received the request for an assessment",
            "If the council decides not to issue an EHC plan after an assessment, it must say "
            "so within 16 weeks of receiving the request.",
            "SEND Regulations 2014 reg 10(1)",
            caveats=("Exceptions can apply (reg 10(4)). The calculator never applies them.",),
        ),
        Rule(
            "final-plan",
            "Final EHC plan due",
            20,
            Unit.WEEKS,
            "Date the council received the request for an assessment",
            "The final EHC plan must be issued within 20 weeks of the council receiving the "
            "request for an assessment.",
            "SEND Regulations 2014 reg 13(2)",
            caveats=(
                "Exceptions can apply (reg 13(3) and reg 10(4)). The calculator never applies them.",
            ),
        ),
        Rule(
            "draft-plan-comments",
            "Last day to comment on the draft plan",
            15,
            Unit.CALENDAR_DAYS,
            "Date the draft plan was served",
            "The family has at least 15 days to comment on the draft plan, ask for a school "
            "or college to be named, and ask to meet the council. The day the draft was "
            "served counts as day 1.",
            "SEND Regulations 2014 reg 13(1)(a)",
            includes_start=True,
        ),
        Rule(
            "amendment-comments",
            "Last day to comment on proposed amendments",
            15,
            Unit.CALENDAR_DAYS,
            "Date the proposed amendments were served",
            "After a review, the family has at least 15 days to comment on the proposed "
            "changes to the plan. The day they were served counts as day 1.",
            "SEND Regulations 2014 reg 22(2)",
            includes_start=True,
        ),
        Rule(
            "review-decision",
            "Council's decision after an annual review due",
            4,
            Unit.WEEKS,
            "Date of the annual review meeting",
            "After the review meeting the council must decide whether to keep, change or stop "
            "the plan, and tell the family, within 4 weeks.",
            "SEND Regulations 2014 reg 20(10)",
        ),
        Rule(
            "amended-plan",
            "Amended final plan due",
            8,
            Unit.WEEKS,
            "Date the council sent the proposed amendments",
            "The amended final plan must be issued within 8 weeks of the council sending the "
            "proposed amendments.",
            "SEND Regulations 2014 reg 22(3)",
        ),
        Rule(
            "dd-claim",
            "Last day for a disability discrimination claim",
            6,
            Unit.MONTHS,
            "Date the discrimination happened",
            "A claim against a school must be made within 6 months starting with the day the "
            "discrimination happened, so the last day is the day before the same date 6 "
            "months later, or the last day of that month if it has no such date (a start on "
            "31 August ends on the last day of February). The Christmas and August rule does not apply, and the date does "
            "not move.",
            "Equality Act 2010 Sch 17 para 4(1)",
            includes_start=True,
            caveats=(
                "The Tribunal can consider a late claim at its discretion, but do not rely on "
                "it (Equality Act 2010 Sch 17 para 4(3)).",
                "If the matter is referred to the Equality and Human Rights Commission for "
                "conciliation before the time runs out, the limit is 3 months longer "
                "(Equality Act 2010 Sch 17 para 4(2)).",
                "If the treatment went on over a period, count from the day it ended (Equality "
                "Act 2010 Sch 17 para 4(5)).",
            ),
        ),
    )
}
