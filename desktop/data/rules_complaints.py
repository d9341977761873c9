"""Deadline rules outside the Tribunal: ombudsmen, NHS and social care complaints, judicial
review, disability claims in the County Court, exclusion reviews and school transport.

None of these is a Tribunal Rules time limit, so none moves off a weekend or bank holiday;
each says when a late complaint or claim may still be accepted. Pure data.
"""

from __future__ import annotations

from desktop.data.rule_types import Counting, Group, Rule, Unit

KNEW = "Date you first knew about the problem"
KNEW_COUNTED = "the day you first knew about it, {date}"
NOT_JR = "A complaint does not stop the time limit for judicial review."

COMPLAINTS = (
    Rule(
        "lgsco-complaint",
        "Last day to complain to the Local Government and Social Care Ombudsman",
        12,
        Unit.MONTHS,
        KNEW,
        KNEW_COUNTED,
        "The Ombudsman normally looks only at complaints made within 12 months starting with "
        "the day the person first knew about the problem, and usually expects the council's "
        "own complaints procedure to have been used first.",
        "Local Government Act 1974 s.26B(2)",
        Group.COMPLAINTS,
        counting=Counting.STARTING_WITH,
        caveats=(
            "The Ombudsman usually cannot look at something that could have been appealed to "
            "the Tribunal (s.26(6)(a); R (Milburn) v LGSCO [2023] EWCA Civ 207).",
            NOT_JR,
        ),
        late="The Ombudsman can still look at a later complaint if it decides there is good "
        "reason to (s.26B(3)).",
    ),
    Rule(
        "phso-complaint",
        "Last day to complain to the Parliamentary and Health Service Ombudsman",
        12,
        Unit.MONTHS,
        KNEW,
        KNEW_COUNTED,
        "The health Ombudsman normally looks only at complaints made within a year of the day "
        "the person first knew about the problem. The NHS body must normally have had the "
        "chance to answer the complaint first.",
        "Health Service Commissioners Act 1993 s.9(4)-(5)",
        Group.COMPLAINTS,
        late="The Ombudsman can still accept a later complaint if it thinks that reasonable "
        "(s.9(4)).",
    ),
    Rule(
        "nhs-complaint",
        "Last day to complain to the NHS body",
        12,
        Unit.MONTHS,
        "Date of the event you are complaining about",
        "the event on {date}",
        "An NHS complaint (or one about adult social care) must normally be made within 12 "
        "months of what happened, or of the day you found out about it if that was later. "
        "After the NHS body's answer, the health Ombudsman can look at it.",
        "Local Authority Social Services and NHS Complaints (England) Regulations 2009 "
        "(SI 2009/309) reg 12",
        Group.COMPLAINTS,
        caveats=(NOT_JR,),
        late="The NHS body can still accept a later complaint if there was a good reason for "
        "the delay and it can still be looked into fairly (reg 12(2)).",
        options=frozenset({"noticed"}),
    ),
    Rule(
        "childrens-social-care-complaint",
        "Last day for a children's social care complaint",
        12,
        Unit.MONTHS,
        "Date of the problem you are complaining about",
        "the problem on {date}",
        "Complaints about the council's children's social care go through a three-stage "
        "procedure and should be made within a year. The council answers at stage 1 within 10 "
        "working days (up to 20); a stage 2 investigation takes up to 25 working days (up to "
        "65); a stage 3 review panel can be asked for within 20 working days of the stage 2 "
        "answer. After that, the Local Government and Social Care Ombudsman can look at it.",
        "Children Act 1989 s.26; Children Act 1989 Representations Procedure (England) "
        "Regulations 2006",
        Group.COMPLAINTS,
        caveats=(NOT_JR,),
        medium="Medium confidence: the legal review did not re-read these regulations; the "
        "times are from council pages.",
        late="The council can still look at a later complaint if it was not reasonable to "
        "make it sooner and it can still be looked into fairly.",
    ),
    Rule(
        "social-care-review-request",
        "Last day to ask for a stage 3 review panel (children's social care)",
        20,
        Unit.WORKING_DAYS,
        "Date you received the council's stage 2 answer",
        "the stage 2 answer received on {date}",
        "If the stage 2 answer does not settle a children's social care complaint, the family "
        "can ask for a review panel within 20 working days of receiving it.",
        "Children Act 1989 Representations Procedure (England) Regulations 2006",
        Group.COMPLAINTS,
        medium="Medium confidence: the legal review did not re-read these regulations.",
        late="If you are late, ask anyway and say why: the council decides whether to go ahead.",
    ),
    Rule(
        "judicial-review",
        "Latest day to start a judicial review claim (act promptly: it may be sooner)",
        3,
        Unit.MONTHS,
        "Date the grounds first arose (the decision, or the failure began)",
        "the grounds first arising on {date}",
        "A judicial review claim must be filed promptly, and in any case no later than 3 "
        "months after the grounds first arose. Promptly can mean sooner: a claim filed near "
        "the end can still be refused as too slow. A letter before claim comes first, but "
        "neither it nor a complaint stops the clock.",
        "Civil Procedure Rules 54.5(1)-(2); Pre-Action Protocol for Judicial Review",
        Group.COMPLAINTS,
        caveats=(
            "The time cannot be extended by agreement with the council (CPR 54.5(2)).",
            "If the last day is one when the court office is closed, do not count on the next "
            "day: file before it.",
            "Legal aid for a claim brought in the child's name is usually worked out on the "
            "child's means, not the parents'.",
        ),
        late="The court can allow a late claim only for a good reason; do not rely on it.",
    ),
    Rule(
        "dd-county-court",
        "Last day for a disability discrimination claim in the County Court",
        6,
        Unit.MONTHS,
        "Date of the act you are complaining about",
        "the act on {date}",
        "A disability discrimination claim against the council itself, a college or another "
        "body outside the Tribunal goes to the County Court within 6 months starting with the "
        "day of the act: the day before the same date 6 months later, or the last day of that "
        "month if it has no such date.",
        "Equality Act 2010 s.118(1)",
        Group.COMPLAINTS,
        counting=Counting.STARTING_WITH,
        caveats=(
            "A claim against a council as the body responsible for a school (a maintained "
            "school or pupil referral unit) goes to the SEND Tribunal instead.",
            "Get legal advice early.",
        ),
        late="The court can allow a later claim if it thinks that just and equitable "
        "(s.118(1)(b)); do not rely on it.",
    ),
)

SCHOOL_DAYS_WARNING = (
    "This counts school days, which the app cannot know: it counts weekdays that are not bank "
    "holidays instead, so if a school holiday or training day falls in between, the real last "
    "day is later. Check the school's term dates, and apply early."
)
TRANSPORT_CITATION = (
    "DfE statutory guidance on travel to school (review and appeal procedure), as set out "
    "in councils' transport policies"
)
TRANSPORT_MEDIUM = (
    "Medium confidence: from the DfE guidance as councils apply it; your council's policy "
    "may differ, so check its decision letter."
)

SCHOOL = (
    Rule(
        "irp-request",
        "Last day to ask for an Independent Review Panel (estimate: school days)",
        15,
        Unit.SCHOOL_DAYS,
        "Date the governing board's decision was given to you in writing",
        "the governing board's decision given on {date}",
        "After a permanent exclusion, if the governing board does not reinstate the pupil, the "
        "family can ask for an Independent Review Panel within 15 school days of being given "
        "the board's decision in writing. The panel cannot make the school take the pupil "
        "back, but it can quash the decision and tell the board to think again, and the family "
        "can ask for an SEN expert to advise it.",
        "School Discipline (Pupil Exclusions and Reviews) (England) Regulations 2012; DfE "
        "'Suspension and permanent exclusion' guidance",
        Group.SCHOOL,
        caveats=(
            "A disability discrimination claim to the SEND Tribunal can be made as well; the "
            "Tribunal puts it on hold while the panel is pending.",
        ),
        late="A late request cannot normally be accepted: do not miss this date.",
        estimate=SCHOOL_DAYS_WARNING,
    ),
    Rule(
        "transport-review-request",
        "Last day to ask for a review of a school transport decision (stage 1)",
        20,
        Unit.WORKING_DAYS,
        "Date you received the council's transport decision",
        "the transport decision received on {date}",
        "A family who disagrees with a home-to-school transport decision can ask a senior "
        "officer of the council to review it within 20 working days of receiving it.",
        TRANSPORT_CITATION,
        Group.SCHOOL,
        medium=TRANSPORT_MEDIUM,
        late="Councils may accept a later request if there is a good reason: ask, and say why.",
    ),
    Rule(
        "transport-review-reply",
        "Council's stage 1 transport review answer due",
        20,
        Unit.WORKING_DAYS,
        "Date the council received the stage 1 review request",
        "the review request received on {date}",
        "The council should send its written stage 1 answer within 20 working days of "
        "receiving the request.",
        TRANSPORT_CITATION,
        Group.SCHOOL,
        medium=TRANSPORT_MEDIUM,
    ),
    Rule(
        "transport-appeal-request",
        "Last day to ask for an independent transport appeal panel (stage 2)",
        20,
        Unit.WORKING_DAYS,
        "Date you received the council's stage 1 answer",
        "the stage 1 answer received on {date}",
        "If the stage 1 answer does not settle it, the family can ask for an independent "
        "appeal panel within 20 working days of receiving that answer. After the panel, the "
        "Ombudsman or judicial review are left; transport is not normally a Tribunal matter.",
        TRANSPORT_CITATION,
        Group.SCHOOL,
        medium=TRANSPORT_MEDIUM,
        late="Councils may accept a later request if there is a good reason: ask, and say why.",
    ),
    Rule(
        "transport-appeal-decision",
        "Transport appeal panel's decision due",
        40,
        Unit.WORKING_DAYS,
        "Date the council received the stage 2 appeal request",
        "the appeal request received on {date}",
        "The independent panel should decide, and the council write to the family, within 40 "
        "working days of receiving the stage 2 request.",
        TRANSPORT_CITATION,
        Group.SCHOOL,
        medium=TRANSPORT_MEDIUM,
    ),
)

RULES = (*COMPLAINTS, *SCHOOL)
