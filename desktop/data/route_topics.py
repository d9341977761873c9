"""The route finder's answers to "what is it about?": each topic's steps in the order a family
would usually try them, and the one date it counts from. Pure data.

One date keeps one meaning: a topic's ``date_label`` names the event its date is (the same
label means the same event on every topic), and ``date_event`` is how that event is written
in every result counted from it.
"""

from __future__ import annotations

from desktop.data import route_topics_tribunal
from desktop.data.route_types import (
    APPEAL_RULES,
    APPEAL_STEPS,
    NO_APPEAL,
    PROBLEM,
    PROBLEM_EVENT,
    PROBLEM_NOTES,
    TO_COURT,
    WHO,
    WITH_RECOMMENDATIONS,
    Topic,
)
from desktop.data.rules_council import MEETING, REQUEST_RECEIVED
from desktop.data.rules_tribunal import LETTER_SENT

__all__ = ["TOPICS", "WHO", "Topic"]


NOT_DELIVERED = (
    "Failing to deliver the help in a plan usually cannot be appealed to the Tribunal. A "
    "continuing failure is a continuing breach of the council's duty (CFA 2014 s.42)."
)


def _appeal(
    topic_id: str,
    label: str,
    steps: tuple[str, ...] = APPEAL_STEPS,
    *,
    note: str = "",
    sections: tuple[str, ...] = (),
) -> Topic:
    return Topic(
        topic_id, "council", label, steps, LETTER_SENT, APPEAL_RULES, note, sections=sections
    )


def _problem(
    topic_id: str,
    who: str,
    label: str,
    steps: tuple[str, ...],
    note: str,
    sections: tuple[str, ...] = (),
) -> Topic:
    return Topic(
        topic_id,
        who,
        label,
        steps,
        PROBLEM,
        ("lgsco-complaint", "judicial-review"),
        note,
        date_event=PROBLEM_EVENT,
        rule_notes=PROBLEM_NOTES,
        sections=sections,
    )


TOPICS: dict[str, Topic] = {
    t.id: t
    for t in (
        _appeal(
            "refused-assessment",
            "It won't carry out an EHC needs assessment (a first one)",
            note="In an appeal only about a refusal to assess, the Tribunal cannot make "
            "health or social care recommendations.",
        ),
        _appeal(
            "refused-reassessment",
            "It won't carry out a re-assessment",
            WITH_RECOMMENDATIONS,
        ),
        Topic(
            "reassessment-request",
            "council",
            "It has not answered a request for a re-assessment",
            ("sendiass", "chase-decision", "council-complaint", "ombudsman", *TO_COURT),
            "Date the council received the request for a re-assessment",
            ("reassessment-decision",),
            note="If the council refuses, the refusal can be appealed: choose 'It won't carry "
            "out a re-assessment'. If it agrees, the final plan is due within 14 weeks of its "
            "letter saying so (the calculator works that date out).",
        ),
        _appeal("refused-plan", "It assessed, but won't issue an EHC plan", WITH_RECOMMENDATIONS),
        _appeal(
            "plan-contents",
            "What the plan says, or it won't change the plan after a review",
            WITH_RECOMMENDATIONS,
            note="Appeals about the needs (Section B) and the help (Section F) are possible "
            "when a plan is first finalised, or after it is changed or replaced.",
        ),
        _appeal(
            "therapies",
            "Therapy in the plan (speech and language, occupational therapy)",
            WITH_RECOMMENDATIONS,
            note="Therapy that educates or trains (speech and language therapy, often "
            "occupational therapy) belongs in Section F, where the Tribunal's decision binds "
            "the council (CFA 2014 s.21(5)).",
            sections=("therapies-in-section-f",),
        ),
        Topic(
            "school-named",
            "council",
            "The school or college named in the plan",
            ("sendiass", "talk-council", "mediation-school", "tribunal-appeal-school"),
            LETTER_SENT,
            ("appeal-school",),
            note="No mediation certificate is needed only when the appeal is just about the "
            "school or type of school named, or that none is named, and then mediation gives "
            "no extra month. If the appeal is also about other parts of the plan, choose "
            "'What the plan says' instead.",
            sections=("naming-a-school",),
        ),
        _appeal(
            "eotas",
            "It won't arrange education other than at school (EOTAS)",
            note="The Tribunal can decide that education should be arranged other than at a "
            "school when school would not be suitable (CFA 2014 s.61). This is usually an "
            "appeal about Sections F and I, so a mediation certificate is needed.",
            sections=("eotas",),
        ),
        _appeal(
            "post-16",
            "A young person aged 16 to 25 (their own rights, college, ending at 18 or over)",
            note="From the end of the school year in which they turn 16, the young person "
            "decides and appeals for themselves, unless they lack the mental capacity to. A "
            "plan can last to 25; after 18 it can end only if its education or training "
            "outcomes are met (CFA 2014 s.45(3)).",
            sections=("post-16",),
        ),
        _appeal(
            "ending-plan",
            "It has decided to end (cease) the plan",
            WITH_RECOMMENDATIONS,
            note="The appeal time runs from the council's letter deciding to cease. The council "
            "must keep the plan in force until the time to appeal has passed or the appeal is "
            "decided.",
        ),
        Topic(
            "annual-review",
            "council",
            "The annual review of the plan",
            ("sendiass", "review-meeting", "talk-council", "review-appeal"),
            MEETING,
            ("review-invitations", "review-papers", "review-report", "review-decision"),
        ),
        Topic(
            "phase-transfer",
            "council",
            "A move to a new school or college (phase transfer)",
            ("sendiass", "phase-review", "talk-council", "review-appeal"),
            "Date of the move to the new school or college",
            ("phase-transfer-school", "phase-transfer-post16", "phase-transfer-post16-other"),
            date_event="the move on {date}",
            note="Use the 15 February date for moves between school phases, the 31 March date "
            "for a move from secondary school to a post-16 college or sixth form, and the 5 "
            "months for a move between post-16 settings at another time.",
        ),
        Topic(
            "no-decision",
            "council",
            "It has not decided at all, or is late",
            ("sendiass", "chase-decision", "council-complaint", "ombudsman", *TO_COURT),
            REQUEST_RECEIVED,
            ("assessment-decision", "no-plan-notice", "final-plan"),
            note="No decision means there is nothing to appeal yet. Once a date above has "
            "passed, the council is late: chase it in writing, complain, and ask a solicitor "
            "about a letter before claim.",
            sections=("no-decision",),
        ),
        _problem(
            "plan-not-delivered",
            "council",
            "The help in the plan is not being given",
            (*NO_APPEAL, *TO_COURT),
            NOT_DELIVERED,
        ),
        _problem(
            "council-handling",
            "council",
            "How it handled things (delays, missed time limits, poor communication)",
            (*NO_APPEAL, *TO_COURT),
            "Delays and process failures usually cannot be appealed to the Tribunal.",
        ),
        _problem(
            "personal-budgets",
            "council",
            "A personal budget was refused",
            ("sendiass", "personal-budget", "council-complaint", "ombudsman", *TO_COURT),
            "A refusal of a personal budget cannot itself be appealed to the Tribunal, but the "
            "help in Section F that it would pay for can be (CFA 2014 s.49).",
            ("personal-budgets",),
        ),
        Topic(
            "transport",
            "council",
            "Transport to school or college",
            ("sendiass", "transport-review", "transport-appeal", "ombudsman", "judicial-review"),
            "Date you received the council's transport decision",
            ("transport-review-request",),
            note="Transport is not normally a Tribunal matter (Education Act 1996 s.508B): "
            "the council's two-stage review comes first.",
            sections=("transport",),
        ),
        Topic(
            "council-discrimination",
            "council",
            "Disability discrimination by the council itself",
            ("sendiass", "dd-county-court"),
            "Date of the act you are complaining about",
            ("dd-county-court",),
        ),
        Topic(
            "support-without-plan",
            "school",
            "The support at school for a child without an EHC plan",
            (
                "talk-school",
                "sendiass",
                "disagreement-resolution",
                "ask-assessment",
                "school-complaint",
            ),
            REQUEST_RECEIVED,
            ("assessment-decision",),
            note="How a school runs SEN support usually cannot be appealed to the Tribunal.",
        ),
        Topic(
            "school-discrimination",
            "school",
            "Disability discrimination by the school",
            ("talk-school", "sendiass", "school-complaint-dd", "dd-claim", "dd-county-court"),
            "Date the discrimination happened",
            ("dd-claim",),
            note="Claims about admission to a maintained school or academy usually go to the "
            "admission appeal panel instead. Claims against a private nursery or a further "
            "education college usually go to the County Court.",
        ),
        Topic(
            "exclusions",
            "school",
            "A suspension or permanent exclusion",
            ("sendiass", "governing-board", "irp", "dd-claim"),
            "Date the governing board's decision was given to you in writing",
            ("irp-request",),
            note="After a permanent exclusion the council must arrange suitable full-time "
            "education from the sixth school day. A disability discrimination claim can run "
            "alongside the review; the Tribunal puts it on hold while the panel is pending.",
            sections=("exclusions",),
        ),
        _problem(
            "school-plan-not-delivered",
            "school",
            "The school is not giving the help in the EHC plan",
            ("talk-school", *NO_APPEAL, *TO_COURT),
            "The council has the legal duty to make sure the help in a plan is given.",
        ),
        Topic(
            "health-social-care",
            "health",
            "NHS health care (in the plan or outside it)",
            (
                "sendiass",
                "disagreement-resolution",
                "mediation-health",
                "health-recommendations",
                "health-complaint",
                "judicial-review",
            ),
            "Date of the event you are complaining about",
            ("nhs-complaint", "phso-complaint"),
            date_event="the event on {date}",
            rule_notes=(
                (
                    "phso-complaint",
                    "The Ombudsman counts from the day you first knew about the problem: if "
                    "that was later, you may have longer. Complain to the NHS body first.",
                ),
            ),
            note="If the disagreement is only about health care, there is no Tribunal appeal. "
            "Mediation about health care (the integrated care board must take part), "
            "disagreement resolution, complaints, the Ombudsman and judicial review remain. "
            "Therapy that educates or trains belongs in Section F, which can be appealed.",
            sections=("therapies-in-section-f",),
        ),
        Topic(
            "childrens-social-care",
            "health",
            "The council's children's social care",
            (
                "sendiass",
                "disagreement-resolution",
                "mediation-health",
                "social-care-complaint",
                "ombudsman",
                "judicial-review",
            ),
            "Date of the problem you are complaining about",
            ("childrens-social-care-complaint",),
            note="If the disagreement is only about social care, there is no Tribunal appeal: "
            "use mediation, disagreement resolution, the complaints procedure, the Ombudsman "
            "or judicial review.",
        ),
        *route_topics_tribunal.TOPICS,
    )
}
