"""The steps a route can take (talk to the school, mediation, appeal, complain, ...), each with
what it involves, its time limit, the guidance sections to read and who to contact. Pure data.

Contacts are named by kind (``contact_kinds``: the organisation's own providers come first,
then the bundled ones, labelled with their area; see :mod:`desktop.data.directory`).
``{date:RULE}`` in a warning is filled with that rule's deadline when a date was entered.
Facts from the facts sheet and the legal review only; the wording is the app's own.
"""

from __future__ import annotations

from dataclasses import dataclass

COUNCIL, MEDIATION, SENDIASS = "council-send-team", "mediation", "sendiass"


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    involves: str
    time_limit: str
    section: str  # guidance section id
    also: tuple[str, ...] = ()  # more guidance sections to read
    contact_kinds: tuple[str, ...] = ()
    contact_note: str = ""  # said with the contacts ("only if your letter names them")
    rules: tuple[str, ...] = ()  # deadline rules this step's time limit comes from
    warning: str = ""


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
            "Every council area has a free, impartial SEND information, advice and support "
            "service (SENDIASS) that can explain the options and help with letters, meetings "
            "and appeals.",
            "Any time.",
            "sendiass",
            contact_kinds=(SENDIASS,),
        ),
        Step(
            "talk-council",
            "Talk to the council's SEND team",
            "Ask the caseworker to explain the decision and whether it can be looked at again.",
            "Do this soon: talking does not stop any time limit.",
            "overview",
            contact_kinds=(COUNCIL,),
        ),
        Step(
            "talk-council-problem",
            "Tell the council's SEND team what is wrong",
            "Ask the caseworker, in writing, to put it right, and keep a note of the dates "
            "and what was said.",
            "Do this soon: talking does not stop the time limit for a complaint or a court claim.",
            "overview",
            contact_kinds=(COUNCIL,),
        ),
        Step(
            "disagreement-resolution",
            "Disagreement resolution meeting",
            "An independent person helps everyone talk it through. It is free and voluntary: "
            "everyone has to agree to take part.",
            "Any stage, but it does not stop any other time limit.",
            "disagreement-resolution",
            contact_kinds=("disagreement-resolution", MEDIATION),
        ),
        Step(
            "mediation-advice",
            "Contact the mediation adviser named in your letter",
            "Before most appeals, use the independent adviser named in your decision letter: "
            "say you may appeal and whether you want mediation. Ringing the council's SEN team "
            "does not count. You get a mediation certificate either way.",
            "Within 2 months of the day the decision letter was sent. The certificate must "
            "follow within 3 working days of the adviser hearing you do not want mediation, "
            "or that mediation has ended.",
            "mediation-certificate",
            contact_kinds=(MEDIATION,),
            contact_note="Only if your letter names them as the adviser.",
            rules=("mediation-adviser-contact", "mediation-certificate"),
        ),
        Step(
            "mediation",
            "Mediation (optional)",
            "A free, voluntary meeting where an independent mediator helps both sides agree. "
            "It is normally confidential, and the written agreement can be used to hold the "
            "council to it. It does not affect the right to appeal.",
            "The council must arrange it within 30 days of being told you want it. The appeal "
            "time then runs to at least 1 month from the certificate.",
            "mediation",
            contact_kinds=(MEDIATION,),
            contact_note="If your council uses them: your letter says.",
            rules=("mediation-held",),
        ),
        Step(
            "mediation-health",
            "Mediation about health or social care (optional)",
            "A trained, independent mediator helps the family and the health body or the "
            "council's social care team reach an agreement. It is free and voluntary, and "
            "the integrated care board must take part when health care is in dispute.",
            "If only health care is in dispute, the integrated care board must arrange it "
            "within 30 days of the council telling it.",
            "mediation",
            contact_kinds=(MEDIATION,),
            contact_note="The mediation service your council uses.",
        ),
        Step(
            "mediation-school",
            "Mediation about the school named (optional)",
            "The family can still ask for mediation about the school or college named. It is "
            "free and voluntary, but for an appeal only about the school it gives no "
            "certificate and no extra month.",
            "No extra time: the appeal deadline stays 2 months from the decision letter.",
            "mediation",
            contact_kinds=(MEDIATION,),
            contact_note="The mediation service your council uses: your decision letter "
            "says which.",
            warning="Mediation here does not extend the appeal deadline. Appeal by "
            "{date:appeal-school} whatever happens in mediation.",
        ),
        Step(
            "tribunal-appeal",
            "Appeal to the SEND Tribunal",
            "An independent tribunal looks at the decision again, with no fee. You need the "
            "mediation certificate: without one, permission is given only in exceptional "
            "circumstances.",
            "The Tribunal must receive the appeal by 5pm, within 2 months of the day the "
            "decision letter was sent, or 1 month from the day the mediation certificate was "
            "issued if that is later.",
            "tribunal-appeals",
            also=("tribunal-procedure",),
            rules=("appeal",),
        ),
        Step(
            "tribunal-appeal-school",
            "Appeal to the SEND Tribunal",
            "An independent tribunal looks at the school named in the plan again. There is no "
            "fee. No mediation certificate is needed when the appeal is only about the school "
            "or type of school named, or that none is named.",
            "The Tribunal must receive the appeal by 5pm, within 2 months of the day the "
            "decision letter was sent.",
            "tribunal-appeals",
            also=("naming-a-school", "tribunal-procedure"),
            rules=("appeal-school",),
        ),
        Step(
            "health-recommendations",
            "Ask the Tribunal for health and social care recommendations",
            "In an appeal about a refusal to issue a plan, Sections B, F or I, a refusal to "
            "re-assess, a refusal to change the plan after a review, or a decision to end the "
            "plan (not one only about a refusal to assess), the Tribunal can also recommend "
            "health and social care help. They are not binding, but the body must answer in "
            "writing, with reasons, within 5 weeks.",
            "Part of the education appeal, so the same time limit.",
            "health-and-social-care",
            rules=("appeal",),
        ),
        Step(
            "ask-assessment",
            "Ask the council for an EHC needs assessment",
            "If the help the school gives is not enough, a parent can ask the council to "
            "assess the child's needs; the school's support is not needed. A refusal can be "
            "appealed.",
            "The council must decide within 6 weeks of receiving the request.",
            "talking-to-the-school",
            contact_kinds=(COUNCIL,),
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
            "school-complaint-dd",
            "The school's complaints procedure",
            "The family can complain to the school under its written complaints procedure.",
            "A complaint does not pause the 6-month limit for a discrimination claim: make "
            "the claim in time even if the complaint is still going on.",
            "talking-to-the-school",
        ),
        Step(
            "council-complaint",
            "The council's complaints procedure",
            "Complain to the council in writing, using its own complaints procedure.",
            "Check the council's procedure for its time limits. A complaint does not stop "
            "the clock for judicial review.",
            "complaints-and-ombudsman",
        ),
        Step(
            "ombudsman",
            "Local Government and Social Care Ombudsman",
            "After the council's complaints procedure, the Ombudsman can look at delays, poor "
            "service and help in a plan not given, but not usually at what could have been "
            "appealed.",
            "Normally within 12 months starting with the day you first knew about the "
            "problem; the Ombudsman can accept a later complaint for good reason.",
            "complaints-and-ombudsman",
            rules=("lgsco-complaint",),
        ),
        Step(
            "health-complaint",
            "NHS complaint",
            "Complain to the NHS body first. After its answer, the Parliamentary and Health "
            "Service Ombudsman can look at it.",
            "Normally within 12 months of the event, or of finding out about it if later; "
            "the health Ombudsman within a year of knowing about the problem.",
            "health-and-social-care",
            also=("complaints-and-ombudsman",),
            rules=("nhs-complaint", "phso-complaint"),
        ),
        Step(
            "social-care-complaint",
            "Children's social care complaint",
            "Use the council's three-stage children's social care complaints procedure. "
            "After it, the Local Government and Social Care Ombudsman can look at it.",
            "Normally within a year. The council answers stage 1 within 10 working days (up "
            "to 20); a review panel can be asked for within 20 working days of the stage 2 "
            "answer.",
            "health-and-social-care",
            rules=("childrens-social-care-complaint", "social-care-review-request"),
        ),
        Step(
            "letter-before-claim",
            "Letter before claim (with a solicitor)",
            "A solicitor writes to the council saying what it must do and by when. A "
            "continuing failure to secure the help in a plan is a continuing breach of duty.",
            "Send it quickly: it does not stop the 3-month judicial review clock.",
            "judicial-review",
            also=("no-decision",),
        ),
        Step(
            "judicial-review",
            "Judicial review (with a solicitor)",
            "A court checks whether a public body acted lawfully, for example when help in a "
            "plan is not secured or no decision is made. Legal aid for a claim in the child's "
            "name usually depends on the child's means.",
            "Promptly, and in any case within 3 months of the grounds first arising. Neither a "
            "complaint nor a letter before claim stops this clock.",
            "judicial-review",
            rules=("judicial-review",),
        ),
        Step(
            "dd-claim",
            "Disability discrimination claim to the SEND Tribunal",
            "A claim against a school about disability discrimination. No mediation "
            "certificate is needed. The Tribunal can order the school to put things right "
            "but cannot award money (Equality Act 2010 Sch 17 para 5(3)(b)).",
            "6 months starting with the day it happened: the day before the same date 6 "
            "months later, or the last day of that month if it has no such date.",
            "disability-discrimination",
            rules=("dd-claim",),
        ),
        Step(
            "dd-county-court",
            "Disability discrimination claim in the County Court",
            "A claim about disability discrimination by the council itself (except as the "
            "body responsible for a school), or by a setting the Tribunal does not cover, "
            "such as a private nursery or a further education college, usually goes to the "
            "County Court. Get legal advice.",
            "6 months starting with the day of the act; the court can allow a later claim "
            "only if it thinks that just and equitable.",
            "disability-discrimination",
            rules=("dd-county-court",),
        ),
    )
}
