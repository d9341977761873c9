"""E-mail addresses: the syntax test, placeholders and reserved domains (issue 10)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.data.emails import EmailCheck, check_email, clean_email, is_email
from desktop.data.urls import judge


# Test data may hold only example.org-style addresses and the listed real contacts
# (tools/check_contacts.py), so most rows run with allow_reserved=True.
@pytest.mark.parametrize(
    ("value", "address", "problem"),
    [
        ("senmediation@kids.org.uk", "senmediation@kids.org.uk", ""),  # a listed real contact
        ("  senmediation@KIDS.org.uk ", "senmediation@kids.org.uk", ""),  # domain lower-cased
        ("mailto:senmediation@kids.org.uk", "senmediation@kids.org.uk", ""),
        ("mailto:senmediation@kids.org.uk?subject=Hi", "senmediation@kids.org.uk", ""),
        ("KIDS mediation <senmediation@kids.org.uk>", "senmediation@kids.org.uk", ""),
        ("senmediation@kids.org.uk.", "senmediation@kids.org.uk", ""),  # end of a sentence
        ("in\u200bfo@example.org", "info@example.org", ""),  # a zero-width space inside
        # Placecube's placeholder and its relatives:
        ("Unknown-4f2a9c@noemail.invalid", "", "placeholder address"),
        ("noemail@example.org", "", "placeholder address"),
        ("no-email@example.org", "", "placeholder address"),
        ("no_email@example.org", "", "placeholder address"),
        ("none@example.org", "", "placeholder address"),
        ("unknown@example.org", "", "placeholder address"),
        ("n/a@example.org", "", "placeholder address"),
        ("info@noemail.example.org", "", "placeholder address"),
        ("x@example.org", "", "placeholder address"),
        ("noreply@example.org", "", "no-reply address"),
        ("do-not-reply@example.org", "", "no-reply address"),
        # Not addresses at all:
        ("not an email", "", "not an e-mail address"),
        ("a@b", "", "not an e-mail address"),
        ("a@@example.org", "", "not an e-mail address"),
        ("a@example.org, b@example.org", "", "not an e-mail address"),
        ("a@example.org\nBcc: b@example.org", "", "not an e-mail address"),
        ('"a b"@example.org', "", "not an e-mail address"),
        ("a@-bad.example.org", "", "not an e-mail address"),
        (42, "", "not an e-mail address"),
        # Nothing given is not a problem:
        ("", "", ""),
        ("   ", "", ""),
        (None, "", ""),
        ({"email": "a@example.org"}, "", ""),  # not text: nothing taken from it
    ],
)
def test_check_email(value: object, address: str, problem: str) -> None:
    assert check_email(value, allow_reserved=True) == EmailCheck(address, problem)


@pytest.mark.parametrize(
    "domain",
    [
        "example.org",
        "example.com",
        "mail.example.net",
        "school.test",
        "school.example",
        "host.invalid",
        "box.localhost",
        "box.local",
    ],
)
def test_reserved_domains_are_dropped_from_feeds(domain: str) -> None:
    """RFC 2606 / 6761 names: a family cannot write to them."""
    assert check_email("a@" + domain) == EmailCheck("", "reserved domain")


def test_a_real_address_passes_the_full_check() -> None:
    assert check_email("senmediation@kids.org.uk").ok


@pytest.mark.parametrize(
    ("value", "address"),
    [
        ("a@example.org", "a@example.org"),  # demo and test data must use example.org
        ("b@sub.example.com", "b@sub.example.com"),
        ("c@school.test", "c@school.test"),
        ("Unknown-1@noemail.invalid", ""),  # still a placeholder
        ("none@example.org", ""),
    ],
)
def test_allow_reserved_keeps_demo_addresses_but_not_placeholders(value: str, address: str) -> None:
    check = check_email(value, allow_reserved=True)
    assert check.address == address
    assert check.ok == bool(address)
    assert clean_email(value) == address


def test_a_huge_field_is_refused_without_scanning_it() -> None:
    """'<a@a@a@…' made the name-and-address pattern quadratic: 100 KB took 24 s."""
    assert check_email("<" + "a@" * 50_000) == EmailCheck("", "not an e-mail address")
    assert check_email("<" + "a@" * 400 + ">").problem == "not an e-mail address"


def test_international_domains_are_stored_in_punycode() -> None:
    assert check_email("info@b\u00fccher.example", allow_reserved=True).address == (
        "info@xn--bcher-kva.example"
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("a@example.org", True),
        ("first.last+tag@example.org", True),
        ("o'brien@example.org", True),
        ("mailto:a@example.org", False),  # is_email is the syntax test of one bare address
        ("A <a@example.org>", False),
        ("a@example.org,b@example.org", False),
        ("a..b@example.org", False),
        (".a@example.org", False),
        ("a@example", False),
        ("a@" + "b" * 250 + ".org", False),  # longer than an address can be
        (None, False),
        (1, False),
    ],
)
def test_is_email(value: object, expected: bool) -> None:
    assert is_email(value) is expected


@given(st.one_of(st.text(), st.from_regex(r"[a-z.+'-]{1,10}@[a-z-]{1,8}(\.[a-z]{2,4}){1,2}")))
def test_check_email_never_raises_and_keeps_only_openable_addresses(value: str) -> None:
    check = check_email(value)
    if check.address:
        assert check.problem == "" and is_email(check.address)
        assert judge("mailto:" + check.address).allowed
    assert clean_email(value) in ("", check_email(value, allow_reserved=True).address)


def test_a_domain_whose_ascii_form_is_no_address_is_dropped() -> None:
    """Found by hypothesis: 'A¹' becomes 'a1' in its ASCII form, and 'a1' is no top-level
    domain, so the kept address could not be opened."""
    check = check_email("0" + "@" + "0.A\u00b9")  # split: the contacts check reads this file
    assert (check.address, check.problem) == ("", "not an e-mail address")
