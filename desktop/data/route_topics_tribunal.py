"""Route finder topics for an appeal already at the SEND Tribunal: the appeal under way, the
council giving in, an order to carry out, recommendations to answer, and a decision that
seems wrong in law or a hearing that went wrong. Pure data (see :mod:`desktop.data.route_topics`)."""

from __future__ import annotations

from desktop.data.route_types import ORDER_KINDS, TO_COURT, Topic
from desktop.data.rules_tribunal import ORDER_DATE, UNOPPOSED_DATE

TOPICS = (
    Topic(
        "appeal-under-way",
        "tribunal",
        "The appeal is under way (forms, evidence, the hearing)",
        ("sendiass", "appeal-under-way"),
        note="Mediation can still settle an appeal that has started. The section linked "
        "above explains the forms and the documents to send.",
        sections=("tribunal-procedure",),
    ),
    Topic(
        "appeal-conceded",
        "tribunal",
        "The council says it will not oppose the appeal",
        ("council-concedes", "council-complaint", *TO_COURT),
        UNOPPOSED_DATE,
        tuple(f"unopposed-{x}" for x in ORDER_KINDS),
        note="Each date applies only to that kind of appeal: the one that matches yours.",
    ),
    Topic(
        "tribunal-order",
        "tribunal",
        "The Tribunal ordered the council to act",
        ("council-carries-out-order", "council-complaint", *TO_COURT),
        ORDER_DATE,
        tuple(f"order-{x}" for x in ORDER_KINDS),
        note="Each date applies only to that kind of order: the one that matches yours.",
    ),
    Topic(
        "recommendations",
        "tribunal",
        "The Tribunal made health or social care recommendations",
        ("recommendations-answer", "health-complaint", "judicial-review"),
        "Date of the Tribunal's decision with the recommendations",
        ("recommendation-response",),
    ),
    Topic(
        "tribunal-challenge",
        "tribunal",
        "The Tribunal's decision seems wrong in law, or the hearing went wrong",
        ("sendiass", "ut-permission"),
        "Date the Tribunal sent its decision and written reasons",
        ("upper-tribunal-permission", "set-aside"),
        date_event="the decision and written reasons sent on {date}",
        rule_notes=(
            (
                "set-aside",
                "For a hearing that went wrong (papers missing, the family absent). Counted "
                "from the same date: the Tribunal usually sends its decision with its reasons. "
                "If the decision came earlier, count from that day instead.",
            ),
        ),
    ),
)
