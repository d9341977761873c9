"""E-mail templates the adviser can start from. Pure data, no Qt.

Each template has a subject and a body in plain words, with placeholders in square
brackets that the adviser fills in inside the mail program. The app never stores the
family's details: it only hands the template to the mail program.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EmailTemplate:
    id: str
    label: str  # menu text, with an & mnemonic
    subject: str
    body: str


_SIGN_OFF = "Thank you.\n\n[your name]\n[phone number to call back on]"

TEMPLATES: tuple[EmailTemplate, ...] = (
    EmailTemplate(
        id="mediation",
        label="Request &mediation",
        subject="Request for mediation: [child's name]",
        body=(
            "Hello,\n\n"
            "I would like to arrange mediation about a decision the council has made "
            "for [child's name], born [date of birth].\n\n"
            "The decision letter is dated [date on the letter]. "
            "The disagreement is about: [what the decision is about, e.g. refusal to assess, "
            "the support in the plan, the school named].\n\n"
            "Please tell me what happens next and when you could hold the meeting.\n\n" + _SIGN_OFF
        ),
    ),
    EmailTemplate(
        id="certificate",
        label="Ask for a mediation &certificate",
        subject="Mediation certificate needed: [child's name]",
        body=(
            "Hello,\n\n"
            "I want to appeal to the SEND Tribunal about a decision the council has made "
            "for [child's name], born [date of birth]. The decision letter is dated "
            "[date on the letter].\n\n"
            "I do not wish to go to mediation. Please send me a mediation certificate so "
            "that I can register the appeal.\n\n" + _SIGN_OFF
        ),
    ),
    EmailTemplate(
        id="enquiry",
        label="&General enquiry",
        subject="Enquiry about [topic]",
        body=(
            "Hello,\n\n"
            "I am getting in touch about [child's name]. My question is: [your question].\n\n"
            + _SIGN_OFF
        ),
    ),
)


def template(template_id: str) -> EmailTemplate | None:
    return next((t for t in TEMPLATES if t.id == template_id), None)
