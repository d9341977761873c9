"""Deadline rules for the SEND Tribunal: the appeal, discrimination claims, permission to
appeal, and what the council must do after an order or an appeal it does not oppose.

Facts from ``../shared/domain/facts.md`` and ``legal-review.md`` (§1, §3.1); wording is the
app's own. Pure data (see :mod:`desktop.data.rule_types`).
"""

from __future__ import annotations

from desktop.data.rule_types import Counting, Group, OnNonWorkingDay, Rule, Unit

LETTER_SENT = "Date the council's decision letter was sent"
LETTER_COUNTED = "the decision letter sent on {date}"
LATE_APPEAL = (
    "The Tribunal may accept a late appeal, but it does not have to. A late appeal must ask "
    "for more time and give the reasons, or the Tribunal must not admit it (HESC Rules "
    "r.20(4) and r.5(3)(a))."
)
BOTH_DATES = (
    "If the letter was posted or e-mailed later than the date printed on it, enter both "
    "dates: the calculator uses the earlier deadline, which is the safe one."
)
SEN_MOVES = (
    "If the last day is not a working day, the next working day counts. If it falls between "
    "25 December and 1 January, or in August, the appeal is in time on the first working day "
    "after 1 January or after 31 August. It must arrive by 5pm."
)

APPEALS = (
    Rule(
        "appeal",
        "Last day to appeal to the SEND Tribunal (by 5pm)",
        2,
        Unit.MONTHS,
        LETTER_SENT,
        LETTER_COUNTED,
        "The Tribunal must receive the appeal within 2 months of the day the council sent its "
        "decision letter, or within 1 month of the day the mediation certificate was issued "
        "if that gives a later date. Time runs from when the letter was sent, never from when "
        "it arrived. " + SEN_MOVES,
        "HESC Rules 2008 r.20(1)(c), r.12(1)-(3); Dodds v Walker [1981] (month counting)",
        Group.TRIBUNAL,
        on_non_working_day=OnNonWorkingDay.TRIBUNAL_SEN,
        caveats=(
            BOTH_DATES,
            "Without a mediation certificate the Tribunal gives permission to appeal only in "
            "exceptional circumstances: chase the certificate and appeal in time.",
            LATE_APPEAL,
        ),
        options=frozenset({"certificate", "dated"}),
    ),
    Rule(
        "appeal-school",
        "Last day to appeal only about the school named (by 5pm)",
        2,
        Unit.MONTHS,
        LETTER_SENT,
        LETTER_COUNTED,
        "An appeal only about the school or type of school named in the plan, or that none "
        "is named, needs no mediation certificate, so there is no extra month: the Tribunal "
        "must receive it within 2 months of the day the decision letter was sent. " + SEN_MOVES,
        "HESC Rules 2008 r.20(1)(c), r.12(1)-(3); Children and Families Act 2014 s.55(3); "
        "Dodds v Walker [1981] (month counting)",
        Group.TRIBUNAL,
        on_non_working_day=OnNonWorkingDay.TRIBUNAL_SEN,
        caveats=(
            "Mediation about the school named does not extend this deadline: appeal by this "
            "date whatever happens in mediation.",
            "If the appeal is also about other parts of the plan, a mediation certificate is "
            "needed: use the 'Last day to appeal to the SEND Tribunal' rule instead.",
            BOTH_DATES,
            LATE_APPEAL,
        ),
        options=frozenset({"dated"}),
    ),
    Rule(
        "dd-claim",
        "Last day for a disability discrimination claim against a school",
        6,
        Unit.MONTHS,
        "Date the discrimination happened",
        "the discrimination on {date}",
        "A claim to the SEND Tribunal against a school must be made within 6 months starting "
        "with the day the discrimination happened, so the last day is the day before the same "
        "date 6 months later, or the last day of that month if it has no such date (a start "
        "on 31 August ends on the last day of February). The Christmas and August rule does "
        "not apply, and the date does not move off a weekend or holiday.",
        "Equality Act 2010 Sch 17 para 4(1); Dodds v Walker [1981]; Pruden v Cunard "
        "Ellerman [1993] IRLR 317 (EAT)",
        Group.TRIBUNAL,
        counting=Counting.STARTING_WITH,
        caveats=(
            "A complaint to the school does not pause this time limit.",
            "The limit is 3 months longer only if conciliation arranged by the Equality and "
            "Human Rights Commission actually takes place before it runs out (Equality Act "
            "2010 Sch 17 para 4(2)). Do not count on it.",
            "If the treatment went on over a period, it counts as happening on the last day "
            "of that period; a real change in circumstances can end the period (Sch 17 para "
            "4(5)). A failure to act counts from when the school decided not to act, which the "
            "law takes to be when it did something else instead or when it could reasonably "
            "have been expected to act (para 4(6)).",
        ),
        late="The Tribunal can hear a late claim if it thinks that fair (Equality Act 2010 "
        "Sch 17 para 4(3)), but do not rely on it.",
    ),
    Rule(
        "upper-tribunal-permission",
        "Last day to ask for permission to appeal to the Upper Tribunal",
        28,
        Unit.TRIBUNAL_DAYS,
        "Date the Tribunal sent its written reasons",
        "the written reasons sent on {date}",
        "To appeal on a point of law, first ask the SEND Tribunal itself for permission. It "
        "must receive the application within 28 days of the day it sent the written reasons "
        "(or, if later, an amended decision after a review, or a refusal to set the decision "
        "aside). In SEN appeals the days from 25 December to 1 January and every day in "
        "August are not counted. If the last day is not a working day, the next working day "
        "counts.",
        "HESC Rules 2008 r.46(2), r.12(2) and r.12(3)(b)",
        Group.AFTER_TRIBUNAL,
        on_non_working_day=OnNonWorkingDay.TRIBUNAL_NEXT_WORKING_DAY,
        caveats=(
            "In a disability discrimination claim every day counts: this rule is for SEN appeals.",
            "If the Tribunal refuses, you can ask the Upper Tribunal within 1 month of the "
            "refusal being sent, again not counting those days in SEN cases (Upper Tribunal "
            "Rules r.21(3) and r.12(3)). The calculator does not work out that second date.",
            "If the Tribunal directs a different date, that date applies (r.12(4)). It can "
            "extend the time, but do not rely on that (r.5(3)(a)).",
        ),
    ),
    Rule(
        "set-aside",
        "Last day to ask the Tribunal to set its decision aside",
        28,
        Unit.TRIBUNAL_DAYS,
        "Date the Tribunal sent its decision",
        "the decision sent on {date}",
        "When something went wrong with how the appeal was run, rather than with the law, "
        "the family can ask the Tribunal to set its decision aside and decide again: for "
        "example, papers were not sent or arrived too late, or the family or their "
        "representative was not at the hearing. The Tribunal must receive the written "
        "request within 28 days of the day it sent the decision. In SEN appeals the days "
        "from 25 December to 1 January and every day in August are not counted. If the last "
        "day is not a working day, the next working day counts.",
        "HESC Rules 2008 r.45, r.12(2) and r.12(3)(b)",
        Group.AFTER_TRIBUNAL,
        on_non_working_day=OnNonWorkingDay.TRIBUNAL_NEXT_WORKING_DAY,
        caveats=(
            "In a disability discrimination claim every day counts: this rule is for SEN appeals.",
            "The Tribunal sets a decision aside only when that is in the interests of justice. "
            "A decision that seems wrong in law is a different route: permission to appeal to "
            "the Upper Tribunal, which has its own 28 days from the written reasons.",
            "If the Tribunal refuses, the 28 days to ask for permission to appeal run from the "
            "day it sends the refusal, if that is later (r.46(2)).",
        ),
    ),
)

# -- what the council must do after the Tribunal (regs 44 and 45) ------------------------------

ORDER_DATE = "Date of the Tribunal's order"
ORDER_COUNTED = "the Tribunal's order of {date}"
ORDER_CITATION = "SEND Regulations 2014 reg 44(2)"
ORDER_CAVEATS = (
    "Regulation 44 as substituted in 2015 (SI 2015/359); GOV.UK SEND18 'Carry out an order "
    "in special educational needs cases' gives the same times.",
    "The regulation counts from the order being made; the Tribunal's own guidance (SEND18) "
    "counts from the day it sends the order out. Chase from the earlier date.",
    "The council can have longer in exceptional personal circumstances, or if the child or "
    "young person is away for 2 weeks or more (reg 44(3)). A different date in the order "
    "itself wins.",
    "An order to keep maintaining the plan takes effect at once, as does a decision to "
    "uphold ending it.",
)
UNOPPOSED_DATE = "Date the council told the Tribunal it will not oppose the appeal"
UNOPPOSED_COUNTED = "the council's notice to the Tribunal on {date}"
UNOPPOSED_CITATION = "SEND Regulations 2014 reg 45"
UNOPPOSED_CAVEATS = (
    "Regulation 45 as substituted by SI 2015/359 reg 8.",
    "This applies when the council gives in before it sends its response to the appeal. "
    "The appeal then counts as decided in the family's favour, with no order.",
)


def _order(rule_id: str, label: str, weeks: int, what: str, where: str) -> Rule:
    return Rule(
        f"order-{rule_id}",
        f"{label} (after an order)",
        weeks,
        Unit.WEEKS,
        ORDER_DATE,
        ORDER_COUNTED,
        f"When the Tribunal orders it, the council must {what} within {weeks} weeks of the "
        "order. This is a council duty: the date does not move off a weekend or holiday.",
        f"{ORDER_CITATION}{where}",
        Group.AFTER_TRIBUNAL,
        caveats=ORDER_CAVEATS,
    )


def _unopposed(rule_id: str, label: str, weeks: int, what: str, where: str) -> Rule:
    return Rule(
        f"unopposed-{rule_id}",
        f"{label} (not opposed)",
        weeks,
        Unit.WEEKS,
        UNOPPOSED_DATE,
        UNOPPOSED_COUNTED,
        f"When the council tells the Tribunal it will not oppose the appeal, it must {what} "
        f"within {weeks} weeks of telling the Tribunal. The date does not move off a weekend "
        "or holiday.",
        f"{UNOPPOSED_CITATION}{where}",
        Group.AFTER_TRIBUNAL,
        caveats=UNOPPOSED_CAVEATS,
    )


AFTER_TRIBUNAL = (
    _order(
        "assessment-notice",
        "Council to confirm it will assess",
        2,
        "tell the family it will carry out the assessment or re-assessment",
        "(b)",
    ),
    _order(
        "assessment-no-plan",
        "Council's decision not to issue a plan after the assessment",
        10,
        "tell the family, with reasons, if after the ordered assessment it decides no plan is "
        "needed,",
        "(b)(i)",
    ),
    _order(
        "assessment-plan",
        "Final plan after the ordered assessment",
        14,
        "send the final plan, if after the ordered assessment it decides a plan is needed,",
        "(b)(ii)",
    ),
    _order("plan-draft", "Draft plan due", 5, "issue a draft plan", "(c)(i)"),
    _order("plan-final", "Final plan due", 11, "send the final plan", "(c)(ii)"),
    _order(
        "amend",
        "Amended plan due (sections B or F changed)",
        5,
        "issue the plan amended as ordered",
        " (orders to amend the plan)",
    ),
    _order(
        "school",
        "Amended plan naming the school due",
        2,
        "issue the plan naming the school or type of school ordered",
        " (orders naming a school)",
    ),
    _unopposed(
        "assessment-notice",
        "Council to confirm it will assess",
        2,
        "tell the family it will carry out the assessment or re-assessment",
        "(3)",
    ),
    _unopposed(
        "assessment-no-plan",
        "Council's decision not to issue a plan after the assessment",
        10,
        "tell the family, with reasons, if after the assessment it decides no plan is needed,",
        "(3A)(a)",
    ),
    _unopposed(
        "assessment-plan",
        "Final plan after the assessment",
        14,
        "send the final plan, if after the assessment it decides a plan is needed,",
        "(3A)(b)",
    ),
    _unopposed(
        "amend",
        "Amended plan due (what the plan says)",
        5,
        "issue the amended plan",
        "(4)",
    ),
    _unopposed(
        "school",
        "Amended plan naming the school due",
        2,
        "issue the amended plan naming the school or type of school",
        "(5)",
    ),
    _unopposed("plan-draft", "Draft plan due", 5, "issue a draft plan", "(6)"),
    _unopposed("plan-final", "Final plan due", 11, "send the final plan", "(6)"),
    Rule(
        "recommendation-response",
        "Written answer to the Tribunal's health or social care recommendations due",
        5,
        Unit.WEEKS,
        "Date of the Tribunal's decision with the recommendations",
        "the Tribunal's decision of {date}",
        "The health body or social care team must answer the Tribunal's recommendations in "
        "writing within 5 weeks, giving its reasons for any it will not follow. The "
        "recommendations are not binding, but a refusal without good reasons can be "
        "challenged by judicial review.",
        "SEND (First-tier Tribunal Recommendations Power) Regulations 2017 (SI 2017/1306); "
        "R (AT & BT) v LB Barnet [2019] EWHC 3404 (Admin)",
        Group.AFTER_TRIBUNAL,
        medium="Medium confidence: the legal review did not read the paragraph that sets the 5 "
        "weeks or the day they count from. Treat this date as a guide.",
    ),
)

RULES = (*APPEALS, *AFTER_TRIBUNAL)
