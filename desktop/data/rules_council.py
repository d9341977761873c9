"""Deadline rules from the SEND Regulations 2014 and the Children and Families Act 2014:
mediation, EHC needs assessments and plans, reviews, re-assessments and moving school.

These are duties, not Tribunal time limits: none of them moves off a weekend or holiday
(facts §5). Pure data (see :mod:`desktop.data.rule_types`).
"""

from __future__ import annotations

from desktop.data.rule_types import Counting, Group, Rule, Unit
from desktop.data.rules_tribunal import LETTER_COUNTED, LETTER_SENT

REQUEST_RECEIVED = "Date the council received the request for an assessment"
REQUEST_COUNTED = "the request received on {date}"
RECEIVED = (
    "When a request counts as received: by hand, that day (the next working day if after 5pm "
    "or on a non-working day); signed-for post, the day it was signed for; first class post, "
    "the next working day after posting; e-mail, the day it was sent (the next working day if "
    "after 5pm)."
)


def _exceptions(regulation: str) -> str:
    return (
        f"The council may take longer only where meeting the limit is impractical because of "
        f"the reasons listed in {regulation}: a school or college closed for 4 weeks or more, "
        "exceptional personal circumstances, or the family away from the area for 4 weeks or "
        "more. Staff shortages, backlogs or a lack of educational psychologists are not "
        "reasons. The calculator never applies them."
    )


SERVED = (
    "Count from the date on the covering letter or e-mail if that is earlier than the day it "
    "reached you. The law says at least 15 days: the council may give longer, and its letter "
    "should say so."
)

MEDIATION = (
    Rule(
        "mediation-adviser-contact",
        "Last day to contact the mediation adviser",
        2,
        Unit.MONTHS,
        LETTER_SENT,
        LETTER_COUNTED,
        "Before most appeals, the family must contact the independent mediation adviser "
        "named in the council's decision letter (not the council's SEN team) within 2 months "
        "of the day the letter was sent, and say whether they want mediation. This is a duty "
        "in the Regulations, not a Tribunal time limit: the date does not move off a weekend "
        "or holiday and the Christmas and August rule does not apply, so it can be earlier "
        "than the appeal deadline.",
        "SEND Regulations 2014 reg 33",
        Group.MEDIATION,
        caveats=(
            "Contacting the adviser on the last day still leaves the appeal time of 1 month "
            "from the certificate. After this date there may be no certificate at all.",
        ),
        options=frozenset({"dated"}),
    ),
    Rule(
        "mediation-certificate",
        "Mediation certificate due (estimate)",
        3,
        Unit.WORKING_DAYS,
        "Date the adviser was told (no mediation wanted, mediation over, or not arranged)",
        "the adviser being told on {date}",
        "The certificate must be issued within 3 working days of the adviser being told that "
        "the family does not want mediation, that mediation has ended, or that the council "
        "cannot arrange it in time. Counting starts the day after, and skips weekends, "
        "Christmas Day, Good Friday and bank holidays.",
        "SEND Regulations 2014 reg 34(1) and Part 2 'Mediation' (regs 35-39); Children and "
        "Families Act 2014 s.55(4)-(5); working day as in HESC Rules r.1(3)",
        Group.MEDIATION,
        caveats=(
            "A family who first chose mediation can change their mind and ask the adviser for "
            "a certificate (reg 34).",
            "After mediation, local practice differs on whether the mediator or the adviser "
            "issues the certificate. Ask for the date of issue to be shown on it: the appeal "
            "time may run from it.",
        ),
        estimate="The Regulations do not define a working day, so treat this date as an estimate.",
    ),
    Rule(
        "mediation-held",
        "Council to arrange mediation by",
        30,
        Unit.CALENDAR_DAYS,
        "Date the council was told the family wants mediation",
        "the council being told on {date}",
        "The council must arrange mediation within 30 days of being told the family wants it. "
        "These are ordinary calendar days; the date does not move.",
        "SEND Regulations 2014, Part 2 'Mediation' (regs 35-37)",
        Group.MEDIATION,
        caveats=(
            "When health care is among the issues, the council must tell each integrated care "
            "board (ICB) involved within 3 working days. Mixed issues: the council arranges one "
            "mediation with itself, each ICB and the family within 30 days. Health care only: "
            "the ICB must arrange it within 30 days of the council telling it.",
            "If mediation cannot be arranged in time, the council must tell the mediation "
            "adviser, who then has 3 working days to issue the certificate.",
        ),
    ),
    Rule(
        "mediation-agreement",
        "Council to do what it agreed in mediation (not appealable matters)",
        2,
        Unit.WEEKS,
        "Date of the written mediation agreement",
        "the mediation agreement of {date}",
        "When mediation ends in a written agreement, the council (or the health body) must do "
        "what it agreed within 2 weeks of the date of the agreement, for the things the family "
        "could not have appealed to the Tribunal. This is a duty: the date does not move off "
        "a weekend or holiday.",
        "SEND Regulations 2014 reg 42(1), (3) and (5)",
        Group.MEDIATION,
        caveats=(
            "For things the family could have appealed (an assessment, the plan's education "
            "parts, the school named), the council must keep to the times it would have after "
            "a Tribunal order (reg 42(2)): use the 'after an order' rules, counting from the "
            "date of the agreement.",
            "If the council was not part of the mediation, the health body must tell it about "
            "the agreement within 1 week (reg 42(4)).",
            "The parties can agree different times in writing; those then apply (reg 42(5)).",
        ),
    ),
)

EHC = (
    Rule(
        "assessment-decision",
        "Council's decision on an EHC needs assessment due",
        6,
        Unit.WEEKS,
        REQUEST_RECEIVED,
        REQUEST_COUNTED,
        "The council must say whether it will carry out an EHC needs assessment within 6 "
        "weeks of receiving the request.",
        "SEND Regulations 2014 reg 5(1); Code of Practice 9.14",
        Group.EHC,
        caveats=(RECEIVED, _exceptions("reg 5(4)")),
    ),
    Rule(
        "advice-request",
        "Advice for an EHC needs assessment due",
        6,
        Unit.WEEKS,
        "Date the council asked for the advice",
        "the council's request for advice on {date}",
        "Each person or body the council asks for advice for an EHC needs assessment (the "
        "school, health, social care, an educational psychologist) must give it within 6 "
        "weeks of being asked.",
        "SEND Regulations 2014 reg 8(2)",
        Group.EHC,
        caveats=(
            "There are narrow exceptions, for example when the family misses an appointment "
            "made in that time.",
        ),
        medium="Medium confidence: the legal review read a summary of regulation 8, not its text.",
    ),
    Rule(
        "no-plan-notice",
        "Council's decision not to issue a plan due",
        16,
        Unit.WEEKS,
        REQUEST_RECEIVED,
        REQUEST_COUNTED,
        "If the council decides not to issue an EHC plan after an assessment, it must say so "
        "within 16 weeks of receiving the request.",
        "SEND Regulations 2014 reg 10(1)",
        Group.EHC,
        caveats=(_exceptions("reg 10(4)"),),
    ),
    Rule(
        "draft-plan-comments",
        "Last day to comment on the draft plan",
        15,
        Unit.CALENDAR_DAYS,
        "Date the draft plan was served",
        "the draft plan served on {date}",
        "The family has at least 15 days to comment on the draft plan, ask for a school or "
        "college to be named, and ask to meet the council. The day the draft was served "
        "counts as day 1.",
        "SEND Regulations 2014 reg 13(1)(a)",
        Group.EHC,
        counting=Counting.STARTING_WITH,
        caveats=(SERVED,),
    ),
    Rule(
        "final-plan",
        "Final EHC plan due",
        20,
        Unit.WEEKS,
        REQUEST_RECEIVED,
        REQUEST_COUNTED,
        "The final EHC plan must be issued within 20 weeks of the council receiving the "
        "request for an assessment.",
        "SEND Regulations 2014 reg 13(2)",
        Group.EHC,
        caveats=(_exceptions("reg 13(3) and reg 10(4)"),),
    ),
)

MEETING = "Date of the annual review meeting"
MEETING_COUNTED = "the review meeting on {date}"

REVIEWS = (
    Rule(
        "annual-review-due",
        "Annual review of the plan due",
        12,
        Unit.MONTHS,
        "Date the plan was first made, or last reviewed",
        "the plan made or last reviewed on {date}",
        "The council must review the plan within 12 months starting with the day it was first "
        "made, and then within each 12 months starting with the last review.",
        "Children and Families Act 2014 s.44(1)",
        Group.REVIEWS,
        counting=Counting.STARTING_WITH,
        caveats=(
            "For children under 5 the Code of Practice advises a review every 3 to 6 months "
            "(Code of Practice 9.178).",
        ),
    ),
    Rule(
        "review-invitations",
        "Invitations to the annual review meeting sent by",
        2,
        Unit.WEEKS,
        MEETING,
        MEETING_COUNTED,
        "Everyone invited to the review meeting, the family included, must have at least 2 "
        "weeks' notice of it.",
        "SEND Regulations 2014 reg 20(3)",
        Group.REVIEWS,
        counting=Counting.BEFORE,
    ),
    Rule(
        "review-papers",
        "Advice and reports for the annual review sent out by",
        2,
        Unit.WEEKS,
        MEETING,
        MEETING_COUNTED,
        "The advice and information gathered for the review must be sent to everyone invited "
        "at least 2 weeks before the meeting.",
        "SEND Regulations 2014 reg 20(4)",
        Group.REVIEWS,
        counting=Counting.BEFORE,
    ),
    Rule(
        "review-report",
        "Report of the annual review meeting due",
        2,
        Unit.WEEKS,
        MEETING,
        MEETING_COUNTED,
        "The school (or the council, if there is no school) must send a report of the meeting, "
        "with its recommendations, within 2 weeks of the meeting.",
        "Code of Practice 9.176; SEND Regulations 2014 reg 20",
        Group.REVIEWS,
        medium="Medium confidence: from the Code of Practice and council pages; the legal "
        "review did not read the regulation's paragraph.",
    ),
    Rule(
        "review-decision",
        "Council's decision after an annual review due",
        4,
        Unit.WEEKS,
        MEETING,
        MEETING_COUNTED,
        "Within 4 weeks of the review meeting the council must tell the family what it "
        "proposes: to keep the plan as it is, change it, or end it.",
        "SEND Regulations 2014 reg 20(10)",
        Group.REVIEWS,
        caveats=(
            "Ending the plan needs a separate decision after consulting the family and the "
            "school. The appeal time runs from that later decision, and the plan stays in "
            "force while an appeal can be made or is under way (reg 31; CFA 2014 s.45).",
        ),
    ),
    Rule(
        "amendment-comments",
        "Last day to comment on proposed amendments",
        15,
        Unit.CALENDAR_DAYS,
        "Date the proposed amendments were served",
        "the proposed amendments served on {date}",
        "After a review, the family has at least 15 days to comment on the proposed changes "
        "to the plan and ask for a school to be named. The day they were served counts as "
        "day 1.",
        "SEND Regulations 2014 reg 22(2)",
        Group.REVIEWS,
        counting=Counting.STARTING_WITH,
        caveats=(SERVED,),
    ),
    Rule(
        "amended-plan",
        "Amended final plan due",
        8,
        Unit.WEEKS,
        "Date the council sent the proposed amendments",
        "the proposed amendments sent on {date}",
        "The amended final plan must be issued within 8 weeks of the council sending the "
        "proposed amendments. If the council decides not to amend after all, it must say so "
        "within the same 8 weeks.",
        "SEND Regulations 2014 reg 22(3)-(4); R (L, M and P) v Devon CC [2022] EWHC 493 (Admin)",
        Group.REVIEWS,
        caveats=(
            "From the review meeting to the amended plan is at most 12 weeks: 4 weeks for the "
            "decision, with the proposed changes, then 8 weeks.",
        ),
    ),
    Rule(
        "reassessment-decision",
        "Council's decision on a request for a re-assessment due",
        15,
        Unit.CALENDAR_DAYS,
        "Date the council received the request for a re-assessment",
        "the request received on {date}",
        "The council must say whether it will re-assess within 15 days of receiving the "
        "request. A refusal can be appealed.",
        "SEND Regulations 2014 reg 25(1); Dorset SENDIASS; SEND Advice Surrey",
        Group.REVIEWS,
        caveats=(
            "The council may refuse a request made within 6 months of the last assessment, "
            "unless it thinks a re-assessment is needed.",
            RECEIVED,
        ),
        medium="Medium confidence: the 15 days comes from council and advice-service pages; "
        "the legal review did not read the regulation.",
    ),
    Rule(
        "reassessment-plan",
        "Final plan after a re-assessment due",
        14,
        Unit.WEEKS,
        "Date the council told you it will re-assess",
        "the council's notice of {date} that it will re-assess",
        "After a re-assessment the council must send the final plan within 14 weeks of "
        "telling the family it would re-assess.",
        "SEND Regulations 2014 reg 27(2)",
        Group.REVIEWS,
        caveats=(_exceptions("reg 27(3)"),),
    ),
    Rule(
        "phase-transfer-school",
        "Plan reviewed and amended for a move to a new school phase by",
        0,
        Unit.FIXED_DAY,
        "Date of the move to the new school (any day that year will do)",
        "the move on {date}",
        "When a child moves between phases (early years to school, infant to junior, primary "
        "to middle or secondary, middle to secondary), the council must review the plan and "
        "amend it to name the new school before 15 February in the calendar year of the "
        "move. 'Before 15 February' means 14 February is the last day.",
        "SEND Regulations 2014 reg 18(1)(b)",
        Group.REVIEWS,
        fixed=(2, 15),
        caveats=(
            "A move from secondary school to a post-16 college has a later date (before 31 "
            "March): use that rule instead.",
        ),
    ),
    Rule(
        "phase-transfer-post16",
        "Plan reviewed and amended for a move from school to post-16 by",
        0,
        Unit.FIXED_DAY,
        "Date of the move to the college or sixth form (any day that year will do)",
        "the move on {date}",
        "When a young person moves from secondary school to a post-16 institution, the council "
        "must review the plan and amend it to name the new setting before 31 March in the "
        "calendar year of the move. 'Before 31 March' means 30 March is the last day.",
        "SEND Regulations 2014 reg 18(1)(a)",
        Group.REVIEWS,
        fixed=(3, 31),
    ),
    Rule(
        "phase-transfer-post16-other",
        "Plan amended for a move between post-16 settings by",
        5,
        Unit.MONTHS,
        "Date of the move to the new post-16 setting",
        "the move on {date}",
        "When a young person moves from one post-16 institution to another at any other time, "
        "the council must review the plan and amend it to name the new one at least 5 months "
        "before the move.",
        "SEND Regulations 2014 reg 18(2)",
        Group.REVIEWS,
        counting=Counting.BEFORE,
    ),
)

RULES = (*MEDIATION, *EHC, *REVIEWS)
