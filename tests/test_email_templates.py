"""E-mail templates match the corrected law (legal review I-EM1, I-EM2; issue 12.7) and take
the dates the adviser has already entered."""

from __future__ import annotations

import datetime as dt

from desktop.data.email_templates import LETTER_DATE, TEMPLATES, fill, template


def test_mediation_request_goes_to_the_adviser_named_in_the_letter() -> None:
    t = template("mediation")
    assert t is not None
    body = t.body
    assert "mediation adviser named in the council's decision letter" in body
    assert "I may wish to appeal to the SEND Tribunal" in body
    assert "health or social care issues" in body  # triggers the council's 3-day ICB duty
    assert "within 30 days, as the regulations require" in body
    assert "copying this e-mail to the council" in body
    assert LETTER_DATE in body and "[date it arrived]" in body


def test_certificate_request_says_the_three_working_day_duty() -> None:
    t = template("certificate")
    assert t is not None
    assert "within 3 working days" in t.body and "regulation 34" in t.body
    assert "within 2 months of that letter" in t.body
    assert "show the date it was issued" in t.body
    assert "mediation adviser named in the council's decision" in t.body


def test_fill_writes_in_the_date_on_the_letter_and_leaves_the_rest() -> None:
    t = template("certificate")
    filled = fill(t, letter_dated=dt.date(2026, 10, 24))
    assert "letter dated Saturday 24 October 2026" in filled.body
    assert LETTER_DATE not in filled.body
    assert "[child's name]" in filled.body  # what the app does not know stays a placeholder
    assert fill(t) == t


def test_no_template_promises_what_the_law_does_not() -> None:
    for t in TEMPLATES:
        assert "SEN team" not in t.body
        assert "&" in t.label
