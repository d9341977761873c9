"""The cleaner entry points the shape readers call, as the readers rely on them.

``text.clean_text``, ``phones.parse_phones`` and ``emails.check_email`` are called by these
names and signatures from ``desktop.data.feeds.shapes``; the cleaners' own tests
(test_text, test_phones, test_emails) cover them in full.
"""

from __future__ import annotations

import pytest

from desktop.data.emails import check_email
from desktop.data.phones import parse_phones
from desktop.data.text import clean_text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Free service \u202egnp.exe", "Free service gnp.exe"),
        ("Auti\u200bsm support", "Autism support"),
        ("  Two   spaces  ", "Two spaces"),
        ("Lone \ud83d surrogate", "Lone surrogate"),
        ("Bell\x07 and null\x00", "Bell and null"),
        ({"x": 1}, ""),
        (None, ""),
        (12, "12"),  # a number in a text field is written out
    ],
)
def test_clean_text(value: object, expected: str) -> None:
    assert clean_text(value) == expected


def test_clean_text_keeps_line_breaks_and_accents() -> None:
    assert clean_text("Café\nSecond line") == "Café\nSecond line"


def test_parse_phones_labels_extensions_and_several_numbers() -> None:
    phones, dropped = parse_phones("Youth line: 0121 496 0123 Ext 303 or 0121 496 0124")
    assert [(p.number, p.extension, p.label) for p in phones] == [
        ("0121 496 0123", "303", "Youth line"),
        ("0121 496 0124", "", "Youth line"),
    ]
    assert phones[0].tel == "+441214960123" and not dropped
    assert parse_phones("01632 960123 x2286")[0][0].extension == "2286"


def test_parse_phones_keeps_non_uk_numbers_as_written_without_a_guessed_tel() -> None:
    (phone,), _ = parse_phones("305-555-0123")
    assert (phone.number, phone.tel) == ("305-555-0123", "")
    (phone,), _ = parse_phones("+1 305 555 0123")
    assert phone.number == "+1 305 555 0123" and not phone.tel.startswith("+44")


def test_parse_phones_says_what_it_dropped() -> None:
    assert parse_phones("12345") == ([], ["phone '12345' is not a phone number"])
    phones, dropped = parse_phones("0121 496 0123", extension="0 - or call 0909 879 0000")
    assert phones[0].extension == "" and "not digits" in dropped[0]
    assert parse_phones(None) == ([], [])
    assert parse_phones({"number": 1})[1] == ["phone field is not text, so it was left out"]


def test_parse_phones_gives_premium_numbers_no_tel() -> None:
    (phone,), _ = parse_phones("0909 879 0000")
    assert phone.tel == ""


@pytest.mark.parametrize(
    ("value", "address", "problem"),
    [
        ("team@example.org", "", "reserved"),
        ("Unknown-123@noemail.invalid", "", "placeholder"),
        ("noemail@example.org", "", "placeholder"),
        ("mailto:team@example.test", "", "reserved"),
        ("not an address", "", "not an e-mail"),
        ("", "", ""),  # nothing given: nothing dropped
    ],
)
def test_check_email_refuses_placeholders_and_reserved_domains(
    value: str, address: str, problem: str
) -> None:
    check = check_email(value)
    assert check.address == address and problem in check.problem


def test_check_email_allows_reserved_domains_when_asked() -> None:
    assert check_email("team@example.org", allow_reserved=True).address == "team@example.org"
    check = check_email("mailto:a@example.org", allow_reserved=True)
    assert (check.address, check.problem) == ("a@example.org", "")
