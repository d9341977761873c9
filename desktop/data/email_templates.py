"""E-mail templates the adviser can start from. Pure data, no Qt.

Each template has a subject and a body in plain words, with placeholders in square brackets
that the adviser fills in inside the mail program. :func:`fill` puts in the dates the
adviser has already entered in the route finder, so they are typed once. The app never
stores the family's details: it only hands the template to the mail program or clipboard.

What the law asks the family to say (legal review I-EM1, I-EM2): to the mediation adviser
named in the letter, that they may appeal and whether they want mediation (reg 33); to the
council, that they want mediation, the issues, and any health care wanted (reg 32(e)); the
certificate within 3 working days (reg 34).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from desktop.data.dates import long_date


@dataclass(frozen=True)
class EmailTemplate:
    id: str
    label: str  # menu text, with an & mnemonic
    subject: str
    body: str


LETTER_DATE = "[date on the letter]"
_SIGN_OFF = "Thank you.\n\n[your name]\n[phone number to call back on]"

TEMPLATES: tuple[EmailTemplate, ...] = (
    EmailTemplate(
        id="mediation",
        label="Request &mediation",
        subject="Request for mediation: [child's name]",
        body=(
            "Hello,\n\n"
            "I would like mediation about a decision the council has made for [child's name], "
            "born [date of birth]. I am writing to you as the mediation adviser named in the "
            "council's decision letter.\n\n"
            f"The decision letter is dated {LETTER_DATE} and reached me on [date it arrived]. "
            "It is about: [what the decision is about, e.g. refusal to assess, the support in "
            "the plan, ending the plan].\n\n"
            "I may wish to appeal to the SEND Tribunal. The issues I want mediation about are: "
            "[the issues, including any health or social care issues, and any health care "
            "I want in the plan].\n\n"
            "Please confirm a date for mediation within 30 days, as the regulations require. "
            "I am copying this e-mail to the council so that it knows I want mediation and "
            "what the issues are.\n\n" + _SIGN_OFF
        ),
    ),
    EmailTemplate(
        id="certificate",
        label="Ask for a mediation &certificate",
        subject="Mediation certificate needed: [child's name]",
        body=(
            "Hello,\n\n"
            "I am writing to you as the mediation adviser named in the council's decision "
            f"letter dated {LETTER_DATE} about [child's name], born [date of birth]. I am "
            "contacting you within 2 months of that letter.\n\n"
            "I want to appeal to the SEND Tribunal and I do not wish to go to mediation. "
            "Please issue the mediation certificate within 3 working days, as regulation 34 of "
            "the SEND Regulations 2014 requires, and please show the date it was issued on it: "
            "my appeal deadline may run from that date.\n\n" + _SIGN_OFF
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


def fill(t: EmailTemplate, *, letter_dated: dt.date | None = None) -> EmailTemplate:
    """The template with the dates the adviser has entered written in (others stay as
    [placeholders])."""
    if letter_dated is None:
        return t
    words = long_date(letter_dated)
    return replace(
        t, subject=t.subject.replace(LETTER_DATE, words), body=t.body.replace(LETTER_DATE, words)
    )
