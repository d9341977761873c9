"""Reading dates as people type them (desktop.data.dates): every accepted form, the clear
refusals, the plausibility window and properties."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.data.dates import (
    FUTURE_YEARS,
    PAST_YEARS,
    DateError,
    long_date,
    parse_date,
    short_date,
    understand,
    window,
)
from desktop.errors import UserError

D = dt.date
TODAY = D(2026, 12, 1)


@pytest.mark.parametrize(
    "text",
    [
        "20/11/2026",
        "20/11/26",
        "20112026",
        "201126",
        "20 Nov 2026",
        "20 nov 26",
        "20 November 2026",
        "20th November 2026",
        "20th of November, 2026",
        "Friday 20 November 2026",
        "Fri 20 Nov 2026",
        "2026-11-20",
        "20-11-2026",
        "20.11.2026",
        " 20 / 11 / 2026 ",
    ],
)
def test_every_form_the_issue_names_means_the_same_day(text: str) -> None:
    assert parse_date(text) == D(2026, 11, 20)


def test_single_digit_day_and_month() -> None:
    assert parse_date("1/2/2027") == D(2027, 2, 1)  # day first: 1 February, never 2 January
    assert parse_date("1/2/27") == D(2027, 2, 1)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Type a date"),
        ("   ", "Type a date"),
        ("31/02/2026", "February 2026 has 28 days"),
        ("29/02/2027", "February 2027 has 28 days"),
        ("32/01/2026", "January 2026 has 31 days"),
        ("20/13/2026", "there is no month 13"),
        ("2026-00-10", "there is no month 0"),
        ("20 Noc 2026", "is not a month"),
        ("Saturday 20 November 2026", "is a Friday, not a Saturday"),
        ("soon", "type it like 20/11/2026"),
        ("20/11", "type it like 20/11/2026"),
        ("20/11/2", "type it like 20/11/2026"),
        ("2026/11/20", "type it like 20/11/2026"),
    ],
)
def test_impossible_dates_are_refused_with_one_clear_sentence(text: str, message: str) -> None:
    with pytest.raises(DateError, match=message) as caught:
        parse_date(text)
    assert isinstance(caught.value, UserError)
    assert str(caught.value).count(". ") == 0  # one sentence


def test_leap_day_is_accepted() -> None:
    assert parse_date("29/02/2028") == D(2028, 2, 29)


def test_implausible_years_are_refused() -> None:
    first, last = window(TODAY)
    assert first == D(2026 - PAST_YEARS, 1, 1) and last == D(2026 + FUTURE_YEARS, 12, 31)
    with pytest.raises(DateError, match="too far ahead") as ahead:
        understand("20/11/3122", TODAY)
    assert "Monday 31 December 2029" in str(ahead.value)
    with pytest.raises(DateError, match="too far in the past"):
        understand("20/11/2020", TODAY)
    with pytest.raises(DateError, match="too far in the past"):
        understand("20/11/1926", TODAY)
    assert understand("1/1/2021", TODAY) == D(2021, 1, 1)
    assert understand("31/12/2029", TODAY) == D(2029, 12, 31)


def test_words_are_english_whatever_the_system_locale() -> None:
    assert long_date(D(2026, 11, 20)) == "Friday 20 November 2026"
    assert short_date(D(2027, 2, 1)) == "01/02/2027"


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2099, 12, 31)))
def test_the_forms_the_app_writes_read_back(day: dt.date) -> None:
    assert parse_date(short_date(day)) == day
    assert parse_date(long_date(day)) == day
    assert parse_date(day.isoformat()) == day


@given(st.text(max_size=30))
def test_any_text_is_a_date_or_a_date_error(text: str) -> None:
    try:
        parse_date(text)
    except DateError as exc:
        assert str(exc)
