"""Normalising Open Referral UK service objects (pure, no Qt)."""

from __future__ import annotations

import pytest

from desktop.data.emails import clean_email
from desktop.data.feeds.oruk import (
    NormaliseReport,
    SkipRecord,
    normalise_all,
    normalise_service,
    page_items,
)
from desktop.data.phones import clean_phone
from desktop.data.text import html_to_text
from desktop.data.urls import clean_url

V3 = {
    "id": "s1",
    "name": "Sensory play <b>group</b>",
    "description": "<p>Play for <strong>under-5s</strong>.</p><ul><li>Soft room</li><li>Music</li></ul>"
    "<script>alert(1)</script>",
    "status": "active",
    "url": "https://example.org/play",
    "email": "play@example.org",
    "minimum_age": 0,
    "maximum_age": 5,
    "last_modified": "2026-05-01T10:00:00Z",
    "organization": {"id": "o1", "name": "Little Steps"},
    "contacts": [{"id": "c1", "name": "Duty", "phones": [{"id": "p1", "number": "0121 496 0123"}]}],
    "service_areas": [{"id": "a1", "name": "Riverside"}],
    "service_at_locations": [
        {
            "id": "l1",
            "location": {
                "id": "loc",
                "name": "Hall",
                "latitude": 52.41,
                "longitude": -1.5,
                "addresses": [
                    {"address_1": "1 Example Road", "city": "Brookvale", "postal_code": "bv3 2qt"}
                ],
            },
        }
    ],
    "cost_options": [{"option": "Free", "amount": 0}],
    "attributes": [
        {
            "taxonomy_term": {
                "id": "cat-health",
                "code": "health",
                "name": "Health",
                "taxonomy": "send-desk-category",
            }
        },
        {
            "taxonomy_term": {
                "id": "need-asd",
                "code": "asd",
                "name": "Autistic Spectrum Disorder",
                "taxonomy": "send-needs",
            }
        },
    ],
}

V1 = {
    "id": "v1-1",
    "name": "Speech drop-in",
    "status": "active",
    "url": "http://insecure.example.org",
    "eligibilitys": [{"eligibility": "Children", "minimum_age": 4, "maximum_age": 11}],
    "cost_options": [{"option": "Per session", "amount": 5, "amount_description": "£5 a session"}],
    "phones": [{"number": "020 7946 0456"}],
    "regular_schedules": [{"weekday": "Monday", "opens_at": "09:00", "closes_at": "12:00"}],
    "service_taxonomys": [
        {"taxonomy": {"id": "t1", "name": "Education", "vocabulary": "esdServiceTypes"}}
    ],
}


def test_oruk3_service_is_normalised() -> None:
    r = normalise_service(V3)
    assert r.name == "Sensory play group"
    assert "<" not in r.description and "alert" not in r.description
    assert "• Soft room" in r.description and "under-5s" in r.description
    assert (r.min_age, r.max_age, r.is_free) == (0, 5, True)
    assert r.organisation == "Little Steps"
    assert r.postcode == "BV3 2QT" and "1 Example Road" in r.address
    assert r.area == "Riverside"
    assert r.contacts[0].phones[0].number == "0121 496 0123"
    assert {t.id for t in r.terms} == {
        "category:health",
        "send-desk-category:cat-health",
        "need:autistic-spectrum-disorder",
        "need-area:communication",
    }


def test_oruk1_service_is_normalised() -> None:
    r = normalise_service(V1)
    assert r.url == "http://insecure.example.org"  # http: is kept; the UI warns before opening
    assert (r.min_age, r.max_age) == (4, 11)
    assert not r.is_free and r.cost_text == "£5.00 per session (£5 a session)"
    assert r.phones[0].number == "020 7946 0456"  # a service-level phone (ORUK 1.0)
    assert "Monday" in r.schedule
    assert r.eligibility == "Children"
    assert [t.id for t in r.terms] == ["category:education", "esdservicetypes:t1"]


@pytest.mark.parametrize(
    "raw", [{"name": "x"}, {"id": "1"}, {"id": "1", "name": "  "}, "nope", None]
)
def test_records_without_id_or_name_are_skipped(raw: object) -> None:
    with pytest.raises(SkipRecord):
        normalise_service(raw)


def test_normalise_all_counts_skips_hidden_and_duplicates() -> None:
    raws = [V3, {"id": "x"}, {**V3, "id": "gone", "status": "defunct"}, {**V3, "name": "Again"}]
    report = NormaliseReport()
    kept = list(normalise_all(raws, report))
    assert [r.name for r in kept] == ["Sensory play group", "Again"]
    assert (report.read, report.kept, report.hidden, report.duplicates) == (4, 2, 1, 1)
    assert len(report.skipped) == 1


def test_coordinates_out_of_range_are_dropped() -> None:
    raw = {**V3, "service_at_locations": [{"location": {"latitude": 100, "longitude": 1}}]}
    r = normalise_service(raw)
    assert r.latitude is None and r.longitude is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("www.example.org", "https://www.example.org"),
        ("javascript:alert(1)", ""),
        ("http://example.org", "http://example.org"),
        (None, ""),
    ],
)
def test_clean_url(value: object, expected: str) -> None:
    assert clean_url(value) == expected


def test_clean_email_and_phone() -> None:
    assert clean_email("mailto:a@example.org") == "a@example.org"
    assert clean_email("not an email") == ""
    assert clean_phone('"01632 960123"') == "01632 960123"
    assert clean_phone("12345") == ""


def test_page_items_accepts_both_envelopes_and_lists() -> None:
    assert page_items({"contents": [1], "total_items": 1}) == [1]
    assert page_items({"content": [2], "totalElements": 1}) == [2]
    assert page_items([3]) == [3]
    with pytest.raises(ValueError):
        page_items({"unexpected": True})


def test_html_to_text_keeps_entities_readable() -> None:
    assert html_to_text("Fish &amp; chips<br>Tea") == "Fish & chips\nTea"
    assert html_to_text(None) == ""


def test_e164_fast_path_agrees_with_phonenumbers() -> None:
    import phonenumbers

    from desktop.data import phones

    for raw in (
        "03330 062 835",
        "024 7683 1614",
        "0121 496 0123",
        "020 7946 0456",
        "01632 960123",
        "07700 900456",
    ):
        shown = phones.display(raw)
        parsed = phonenumbers.parse(raw, "GB")
        assert phones.e164(shown) == phonenumbers.format_number(
            parsed, phonenumbers.PhoneNumberFormat.E164
        )
    assert phones.e164("+33 1 42 68 53 00") == "+33142685300"
    assert phones.e164("0000") == ""
