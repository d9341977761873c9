"""What a route-finder topic is, who the disagreement can be with, and the step lists several
topics share. Pure data types (the topics are in :mod:`route_topics`)."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.data.rules_tribunal import LETTER_SENT


@dataclass(frozen=True)
class Topic:
    id: str
    who: str
    label: str
    steps: tuple[str, ...]
    date_label: str = ""  # the one date the adviser can enter, if any
    date_rules: tuple[str, ...] = ()  # rules worked out from that date
    note: str = ""
    # How results write the date when the rules' own wording does not fit this topic
    # ("the problem first arising on {date}"), and what to add to a rule counted from it.
    date_event: str = ""
    rule_notes: tuple[tuple[str, str], ...] = ()
    sections: tuple[str, ...] = ()  # guidance sections to read first (linked at the top)

    @property
    def is_letter(self) -> bool:
        """The date is a decision letter: ask for the date printed on it too."""
        return self.date_label == LETTER_SENT


WHO = {
    "council": "The council (local authority)",
    "school": "The school, nursery or college",
    "health": "The NHS or the council's social care team",
    "tribunal": "An appeal already at the SEND Tribunal",
}

APPEAL_RULES = ("mediation-adviser-contact", "appeal")
APPEAL_STEPS = (
    "sendiass",
    "talk-council",
    "disagreement-resolution",
    "mediation-advice",
    "mediation",
    "tribunal-appeal",
)
WITH_RECOMMENDATIONS = (*APPEAL_STEPS, "health-recommendations")
PROBLEM = "Date the problem first arose (a refusal, or when a failure began)"
PROBLEM_EVENT = "the problem first arising on {date}"
PROBLEM_NOTES = (
    (
        "lgsco-complaint",
        "The Ombudsman counts from the day you first knew about the problem: if that was "
        "later, you may have longer.",
    ),
)
NO_APPEAL = ("sendiass", "talk-council-problem", "council-complaint", "ombudsman")
TO_COURT = ("letter-before-claim", "judicial-review")
# The kinds of order (reg 44) and of conceded appeal (reg 45): rules "order-…", "unopposed-…".
ORDER_KINDS = (
    "assessment-notice",
    "assessment-no-plan",
    "assessment-plan",
    "plan-draft",
    "plan-final",
    "amend",
    "school",
)
