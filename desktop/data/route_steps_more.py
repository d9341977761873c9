"""Steps for the routes added after the legal review (§3.2): exclusions, transport, reviews and
moving school, personal budgets, and what happens at and after the Tribunal. Pure data."""

from __future__ import annotations

from desktop.data.route_steps import COUNCIL, Step

STEPS: dict[str, Step] = {
    s.id: s
    for s in (
        Step(
            "governing-board",
            "The governing board's meeting about the exclusion",
            "The governing board must consider a permanent exclusion and whether the pupil "
            "should go back. The family can put their case in writing and at the meeting, "
            "including how the child's special educational needs played a part.",
            "The board meets within 15 school days of being told of the exclusion.",
            "exclusions",
        ),
        Step(
            "irp",
            "Ask for an Independent Review Panel",
            "If the board does not reinstate the pupil, an independent panel can review its "
            "decision. It cannot make the school take the pupil back, but it can quash the "
            "decision and tell the board to think again. The family can ask for an SEN expert "
            "to advise the panel.",
            "Within 15 school days of being given the board's decision in writing. School "
            "days depend on term dates, which the app cannot know.",
            "exclusions",
            rules=("irp-request",),
        ),
        Step(
            "transport-review",
            "Ask the council to review the transport decision (stage 1)",
            "Write to the council saying why the decision is wrong, with any evidence about "
            "the child's needs, the route and the distance.",
            "Within 20 working days of receiving the decision; the council should answer "
            "within 20 working days.",
            "transport",
            rules=("transport-review-request", "transport-review-reply"),
        ),
        Step(
            "transport-appeal",
            "Independent transport appeal panel (stage 2)",
            "If the review does not settle it, an independent panel looks at the decision "
            "again. Transport is not normally a matter for the SEND Tribunal.",
            "Within 20 working days of receiving the stage 1 answer; the panel should decide "
            "within 40 working days.",
            "transport",
            rules=("transport-appeal-request", "transport-appeal-decision"),
        ),
        Step(
            "review-meeting",
            "The annual review meeting",
            "The council must review the plan at least every 12 months. Everyone invited gets "
            "at least 2 weeks' notice and the reports at least 2 weeks before the meeting; a "
            "report of the meeting follows within 2 weeks, and the council's decision within 4 "
            "weeks.",
            "The dates above are counted from the day of the meeting.",
            "ehc-timescales",
            rules=("review-invitations", "review-papers", "review-report", "review-decision"),
        ),
        Step(
            "review-appeal",
            "If the council will not change the plan, or decides to end it",
            "A decision not to change the plan after a review, or a decision to end it, can "
            "be appealed: choose that disagreement in the route finder to see the route.",
            "The appeal time runs from the council's decision letter.",
            "tribunal-appeals",
        ),
        Step(
            "phase-review",
            "The review before a move to a new school or college",
            "Before a move between phases, the council must review the plan and amend it to "
            "name the new school or college. Ask early which settings the council is "
            "considering, and say which one you want named.",
            "Before 15 February in the year of the move (before 31 March for a move from "
            "secondary school to post-16).",
            "ehc-timescales",
            also=("naming-a-school",),
            rules=("phase-transfer-school", "phase-transfer-post16"),
        ),
        Step(
            "personal-budget",
            "Ask for a personal budget in writing",
            "A family can ask for a personal budget once the council confirms it will "
            "prepare a plan, or during a review or re-assessment. Ask the council to put a "
            "refusal, and its reasons, in writing.",
            "No set time limit for asking.",
            "personal-budgets",
            contact_kinds=(COUNCIL,),
        ),
        Step(
            "chase-decision",
            "Chase the missing decision in writing",
            "Write to the council saying which decision is late, the date it was due, and "
            "asking for it by a set date. Keep copies.",
            "The dates above show when each decision was due.",
            "no-decision",
            contact_kinds=(COUNCIL,),
            rules=("assessment-decision", "no-plan-notice", "final-plan"),
        ),
        Step(
            "appeal-under-way",
            "Take part in the appeal",
            "The Tribunal sends directions with the dates for evidence and the hearing. Keep "
            "to them, send evidence in time, and use the working document the Tribunal asks "
            "for. A disability discrimination claim about the same child can be heard with "
            "the appeal.",
            "The Tribunal's directions give the dates; in SEN appeals its other time limits "
            "do not count 25 December to 1 January or August.",
            "tribunal-procedure",
        ),
        Step(
            "council-carries-out-order",
            "The council carries out the Tribunal's order",
            "The order binds the council, which must do what it says within the time the law "
            "sets for that kind of order.",
            "The dates above are counted from the order; if one has passed, complain and ask a "
            "solicitor about judicial review.",
            "tribunal-procedure",
            rules=("order-assessment-notice", "order-plan-draft", "order-amend", "order-school"),
        ),
        Step(
            "council-concedes",
            "The council gives in before its response",
            "When the council tells the Tribunal it will not oppose the appeal, the appeal "
            "counts as decided in the family's favour and the council must act within set "
            "times.",
            "The dates above are counted from the council's notice to the Tribunal.",
            "tribunal-procedure",
            rules=("unopposed-assessment-notice", "unopposed-amend", "unopposed-school"),
        ),
        Step(
            "ut-permission",
            "Ask for permission to appeal to the Upper Tribunal",
            "An appeal to the Upper Tribunal is only about a mistake in law, not a different "
            "view of the facts. First ask the SEND Tribunal itself for permission; get advice "
            "quickly.",
            "Within 28 days of the written reasons being sent, not counting August or 25 "
            "December to 1 January in SEN appeals.",
            "tribunal-procedure",
            rules=("upper-tribunal-permission",),
        ),
        Step(
            "recommendations-answer",
            "The written answer to the recommendations",
            "The health body or social care team must answer the Tribunal's recommendations "
            "in writing, giving reasons for any it will not follow. A refusal without good "
            "reasons can be challenged by judicial review.",
            "Within 5 weeks (medium confidence: see the date above).",
            "health-and-social-care",
            rules=("recommendation-response",),
        ),
    )
}
