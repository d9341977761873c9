"""Route finder: which ways of settling a disagreement apply, in what order (pure, no Qt).

Two plain questions — who made the decision, and what it is about — pick a :class:`Topic`.
Each topic lists its steps (:class:`Step`) in the order a family would usually try them,
and the deadline rules (``desktop.data.deadlines``) that can be worked out from the one
date the adviser enters. Facts come from the project's facts sheet only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.data.deadlines import Deadline, calculate


class RouteError(ValueError):
    """An answer the route finder does not know (a bad id from a caller)."""


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    involves: str
    time_limit: str
    section: str  # guidance section id
    providers: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()  # deadline rules this step's time limit comes from


@dataclass(frozen=True)
class Topic:
    id: str
    who: str
    label: str
    steps: tuple[str, ...]
    date_label: str = ""  # the one date the adviser can enter, if any
    date_rules: tuple[str, ...] = ()  # rules worked out from that date
    note: str = ""


@dataclass(frozen=True)
class RouteAdvice:
    topic: Topic
    steps: tuple[Step, ...]
    deadlines: tuple[Deadline, ...]


WHO = {
    "council": "The council (local authority)",
    "school": "The school, nursery or college",
    "health": "The NHS or the council's social care team",
}

MEDIATION_PROVIDERS = ("kids-sen-mediation", "coventry-start")

STEPS: dict[str, Step] = {
    s.id: s
    for s in (
        Step(
            "talk-school",
            "Talk to the school",
            "Ask for a meeting with the class teacher or the person who leads on special "
            "needs. Bring notes of what is not working and what you would like to change.",
            "No legal time limit, but start early.",
            "talking-to-the-school",
        ),
        Step(
            "sendiass",
            "Get free help from SENDIASS",
            "The local SEND information, advice and support service is free and impartial. "
            "It can explain the options and help informally with the disagreement.",
            "Any time.",
            "sendiass",
        ),
        Step(
            "talk-council",
            "Talk to the council's SEND team",
            "Ask the caseworker to explain the decision and whether it can be looked at again.",
            "Do this soon: it does not stop the appeal clock.",
            "overview",
            providers=("coventry-start",),
        ),
        Step(
            "disagreement-resolution",
            "Disagreement resolution meeting",
            "An independent person helps the family and the council, school or health body "
            "talk it through. It is free and voluntary, and everyone has to agree to take "
            "part. It does not affect the right to appeal.",
            "No set time limit. It can be used early, at any stage.",
            "disagreement-resolution",
            providers=("kids-sen-mediation",),
        ),
        Step(
            "mediation-advice",
            "Contact the mediation adviser",
            "Before most appeals the family must speak to an independent mediation adviser "
            "and get a mediation certificate, even if they do not want mediation.",
            "Within 2 months of the date the decision letter was sent. The certificate "
            "follows within 3 working days when mediation is declined or has ended.",
            "mediation-certificate",
            providers=MEDIATION_PROVIDERS,
            rules=("mediation-adviser-contact", "mediation-certificate"),
        ),
        Step(
            "mediation",
            "Mediation (optional)",
            "A trained, independent mediator helps both sides reach an agreement. It is free, "
            "voluntary and confidential, the agreement is written down, and it does not "
            "affect the right to appeal.",
            "The council must arrange it within 30 days of being told the family wants it. If "
            "only health care is in dispute, the health body has 30 days from when the council "
            "tells it.",
            "mediation",
            providers=MEDIATION_PROVIDERS,
            rules=("mediation-held",),
        ),
        Step(
            "tribunal-appeal",
            "Appeal to the SEND Tribunal",
            "An independent tribunal looks at the council's decision again. There is no fee. "
            "The mediation certificate is needed to appeal.",
            "The Tribunal must receive the appeal by 5pm, within 2 months of the date the "
            "decision letter was sent, or 1 month from the date the mediation certificate was "
            "issued if that is later.",
            "tribunal-appeals",
            rules=("appeal",),
        ),
        Step(
            "tribunal-appeal-school",
            "Appeal to the SEND Tribunal",
            "An independent tribunal looks at the school named in the plan again. There is no "
            "fee. No mediation certificate is needed when the appeal is only about the school "
            "or type of school named, or that none is named.",
            "The Tribunal must receive the appeal by 5pm, within 2 months of the date the "
            "decision letter was sent.",
            "tribunal-appeals",
            rules=("appeal-school",),
        ),
        Step(
            "health-recommendations",
            "Ask the Tribunal for health and social care recommendations",
            "Only as part of an appeal about the education parts of a plan (sections B, F or "
            "I) or a refusal to issue one: the Tribunal can then also make recommendations "
            "about health and social care. These are not binding. There is no Tribunal appeal "
            "about health or social care on its own.",
            "Part of the education appeal, so the same time limit.",
            "health-and-social-care",
            rules=("appeal",),
        ),
        Step(
            "ask-assessment",
            "Ask the council for an EHC needs assessment",
            "If the help the school gives is not enough, a parent can ask the council to "
            "assess the child's needs. A refusal can be appealed.",
            "The council must decide within 6 weeks of receiving the request.",
            "talking-to-the-school",
            providers=("coventry-start",),
            rules=("assessment-decision",),
        ),
        Step(
            "school-complaint",
            "The school's complaints procedure",
            "Use the school's own written complaints procedure. After that, a complaint can "
            "go to the Department for Education as a last resort.",
            "Check the school's procedure for its time limits.",
            "talking-to-the-school",
        ),
        Step(
            "council-complaint",
            "The council's complaints procedure",
            "Complain to the council first, using its own complaints procedure.",
            "Check the council's procedure for its time limits.",
            "complaints-and-ombudsman",
        ),
        Step(
            "ombudsman",
            "Local Government and Social Care Ombudsman",
            "After the council's complaints procedure, the Ombudsman can look at delays and "
            "poor service. It cannot usually look at something that could have been appealed "
            "to the Tribunal.",
            "Normally within 12 months of finding out about the problem.",
            "complaints-and-ombudsman",
        ),
        Step(
            "health-complaint",
            "NHS or social care complaints",
            "Complain to the NHS body or to the council's social care team. After that, the "
            "Parliamentary and Health Service Ombudsman (health) or the Local Government and "
            "Social Care Ombudsman (social care) can look at it.",
            "Normally within 12 months of the event or of finding out about it.",
            "health-and-social-care",
        ),
        Step(
            "judicial-review",
            "Judicial review (with a solicitor)",
            "A court checks whether a public body acted lawfully, for example when a council "
            "does not secure the help in a plan. A letter before claim comes first. Legal aid "
            "may be available.",
            "Promptly, and in any case within 3 months of the problem first arising.",
            "judicial-review",
        ),
        Step(
            "dd-claim",
            "Disability discrimination claim to the SEND Tribunal",
            "A claim against a school about disability discrimination. No mediation "
            "certificate is needed. The Tribunal cannot award money.",
            "6 months starting with the day it happened (so the day before the same date 6 "
            "months later).",
            "disability-discrimination",
            rules=("dd-claim",),
        ),
        Step(
            "dd-county-court",
            "Disability discrimination claim in the County Court",
            "A claim about disability discrimination by the council itself, or by a setting "
            "the Tribunal does not cover (such as a private nursery or a further education "
            "college), usually goes to the County Court. Get legal advice.",
            "Get advice quickly about the time limit.",
            "disability-discrimination",
        ),
    )
}

APPEAL_DATE = "Date on the council's decision letter"
APPEAL_RULES = ("mediation-adviser-contact", "appeal")
APPEAL_STEPS = (
    "sendiass",
    "talk-council",
    "disagreement-resolution",
    "mediation-advice",
    "mediation",
    "tribunal-appeal",
)

TOPICS: dict[str, Topic] = {
    t.id: t
    for t in (
        Topic(
            "refused-assessment",
            "council",
            "It won't carry out an EHC needs assessment (or a new one)",
            APPEAL_STEPS,
            APPEAL_DATE,
            APPEAL_RULES,
        ),
        Topic(
            "refused-plan",
            "council",
            "It assessed, but won't issue an EHC plan",
            (*APPEAL_STEPS, "health-recommendations"),
            APPEAL_DATE,
            APPEAL_RULES,
        ),
        Topic(
            "plan-contents",
            "council",
            "What the plan says, or it won't change the plan after a review",
            (*APPEAL_STEPS, "health-recommendations"),
            APPEAL_DATE,
            APPEAL_RULES,
            note="Appeals about the needs (section B) and the help (section F) are possible "
            "when a plan is first finalised, or after it is changed or replaced.",
        ),
        Topic(
            "school-named",
            "council",
            "The school or college named in the plan",
            ("sendiass", "talk-council", "mediation", "tribunal-appeal-school"),
            APPEAL_DATE,
            ("appeal-school",),
            note="No mediation certificate is needed only when the appeal is just about the "
            "school or type of school named, or that none is named. If the appeal is also "
            "about other parts of the plan, choose 'What the plan says' instead.",
        ),
        Topic(
            "ending-plan",
            "council",
            "It has decided to end (cease) the plan",
            APPEAL_STEPS,
            APPEAL_DATE,
            APPEAL_RULES,
        ),
        Topic(
            "plan-not-delivered",
            "council",
            "The help in the plan is not being given",
            ("sendiass", "talk-council", "council-complaint", "ombudsman", "judicial-review"),
            note="Failing to deliver the help in a plan usually cannot be appealed to the Tribunal.",
        ),
        Topic(
            "council-handling",
            "council",
            "How it handled things (delays, missed time limits, poor communication)",
            ("sendiass", "talk-council", "council-complaint", "ombudsman", "judicial-review"),
            note="Delays and process failures usually cannot be appealed to the Tribunal.",
        ),
        Topic(
            "council-discrimination",
            "council",
            "Disability discrimination by the council itself",
            ("sendiass", "dd-county-court"),
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
            "Date the council received a request for an assessment (if one was made)",
            ("assessment-decision",),
            note="How a school runs SEN support usually cannot be appealed to the Tribunal.",
        ),
        Topic(
            "school-discrimination",
            "school",
            "Disability discrimination by the school",
            ("talk-school", "sendiass", "school-complaint", "dd-claim", "dd-county-court"),
            "Date the discrimination happened",
            ("dd-claim",),
            note="Claims about admission to a maintained school or academy usually go to the "
            "admission appeal panel instead. Claims against a private nursery or a further "
            "education college usually go to the County Court.",
        ),
        Topic(
            "school-plan-not-delivered",
            "school",
            "The school is not giving the help in the EHC plan",
            (
                "talk-school",
                "sendiass",
                "talk-council",
                "council-complaint",
                "ombudsman",
                "judicial-review",
            ),
            note="The council has the legal duty to make sure the help in a plan is given.",
        ),
        Topic(
            "health-social-care",
            "health",
            "Health or social care help (in the plan or outside it)",
            (
                "sendiass",
                "disagreement-resolution",
                "mediation",
                "health-recommendations",
                "health-complaint",
                "judicial-review",
            ),
            note="If the disagreement is only about health or social care, there is no "
            "Tribunal appeal: use complaints, the Ombudsman or judicial review.",
        ),
    )
}


def topics_for(who: str) -> list[Topic]:
    if who not in WHO:
        raise RouteError(f"unknown answer to 'who made the decision': {who!r}")
    return [t for t in TOPICS.values() if t.who == who]


def find_routes(
    topic_id: str,
    date: dt.date | None = None,
    *,
    certificate: dt.date | None = None,
) -> RouteAdvice:
    """The steps for a topic, in order, and the deadlines its date gives (none without a date)."""
    topic = TOPICS.get(topic_id)
    if topic is None:
        raise RouteError(f"unknown disagreement topic {topic_id!r}")
    steps = tuple(STEPS[s] for s in topic.steps)
    deadlines: list[Deadline] = []
    if date is not None:
        for rule in topic.date_rules:
            cert = certificate if rule == "appeal" else None
            deadlines.append(calculate(rule, date, certificate=cert))
    return RouteAdvice(topic, steps, tuple(deadlines))


def providers_of(advice: RouteAdvice) -> list[str]:
    """Every provider id the steps name, first mention first."""
    seen: dict[str, None] = {}
    for step in advice.steps:
        for provider in step.providers:
            seen.setdefault(provider)
    return list(seen)
