"""Schedules as readable English: ORUK 1.0 regular_schedules and ORUK 3.0 schedules."""

from __future__ import annotations

from typing import Any

import pytest

from desktop.data.feeds.oruk import normalise_service
from desktop.data.schedules import days_text, schedule_lines, time_text


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("09:30", "9:30am"),
        ("12:00", "12pm"),
        ("12:00:00", "12pm"),
        ("00:00", "12am"),
        ("17:00:00Z", "5pm"),
        ("13:05+01:00", "1:05pm"),
        ("0930", "9:30am"),
        ("late", "late"),
        ("25:00", "25:00"),
        (None, ""),
    ],
)
def test_times_are_twelve_hour(raw: Any, text: str) -> None:
    assert time_text(raw) == text


@pytest.mark.parametrize(
    ("days", "text"),
    [
        ([0, 1], "Monday, Tuesday"),
        ([4, 0, 2, 1, 3], "Monday to Friday"),
        ([0, 1, 2, 4, 5], "Monday to Wednesday, Friday, Saturday"),
        ([5, 6], "Saturday, Sunday"),
        (range(7), "every day"),
    ],
)
def test_days_are_listed_and_ranged(days: Any, text: str) -> None:
    assert days_text(days) == text


def test_oruk3_byday_codes() -> None:
    rows = [{"freq": "WEEKLY", "byday": "MO,TU", "opens_at": "09:30", "closes_at": "12:00"}]
    assert schedule_lines(rows) == ["Monday, Tuesday: 9:30am to 12pm"]
    rows = [{"byday": "MO,TU,WE,TH,FR", "opens_at": "09:00:00", "closes_at": "17:00:00"}]
    assert schedule_lines(rows) == ["Monday to Friday: 9am to 5pm"]


def test_oruk3_interval_and_monthly_rules() -> None:
    fortnightly = {"freq": "WEEKLY", "interval": 2, "byday": "TU", "opens_at": "10:00"}
    assert schedule_lines([fortnightly]) == ["Tuesday, every 2 weeks: from 10am"]
    monthly = {"freq": "MONTHLY", "byday": "1SA", "opens_at": "10:00", "closes_at": "12:00"}
    assert schedule_lines([monthly]) == ["First Saturday of the month: 10am to 12pm"]
    several = {"freq": "MONTHLY", "byday": "3SA,1SA,-1FR"}
    assert schedule_lines([several]) == [
        "First and third Saturday of the month, last Friday of the month"
    ]
    assert schedule_lines([{"freq": "MONTHLY", "bymonthday": "15", "closes_at": "16:00"}]) == [
        "15th of the month: until 4pm"
    ]
    assert schedule_lines([{"freq": "MONTHLY", "interval": "3", "bymonthday": "-1"}]) == [
        "Last day of the month, every 3 months"
    ]
    assert schedule_lines([{"freq": "DAILY", "opens_at": "08:00", "closes_at": "18:00"}]) == [
        "Every day: 8am to 6pm"
    ]


def test_oruk1_weekday_names_and_numbers_are_merged_by_hours() -> None:
    named = [
        {"weekday": day, "opens_at": "09:00", "closes_at": "15:30"}
        for day in ("Monday", "tuesday", "Wed", "Friday")
    ] + [{"weekday": "Saturday", "opens_at": "10:00", "closes_at": "12:00"}]
    assert schedule_lines(named) == [
        "Monday to Wednesday, Friday: 9am to 3:30pm",
        "Saturday: 10am to 12pm",
    ]
    numbered = [{"weekday": n, "opens_at": "09:00", "closes_at": "12:00"} for n in (3, 1, 2, 7)]
    assert schedule_lines(numbered) == ["Monday to Wednesday, Sunday: 9am to 12pm"]


def test_a_schedules_own_description_is_kept() -> None:
    rows = [
        {"description": "<p>Term time only, <b>drop in</b></p>", "byday": "MO"},
        {"byday": "MO", "opens_at": "09:00"},
    ]
    assert schedule_lines(rows) == ["Term time only, drop in", "Monday: from 9am"]


def test_odd_values_are_kept_or_ignored_never_fatal() -> None:
    rows: list[Any] = [
        "not a schedule",
        {},
        {"byday": "Weekdays", "opens_at": "9ish"},
        {"weekday": True, "interval": "often", "freq": "WEEKLY", "closes_at": "17:00"},
    ]
    assert schedule_lines(rows) == ["Weekdays: from 9ish", "Until 5pm"]


def test_the_normaliser_uses_readable_schedules() -> None:
    v1 = {
        "id": "1",
        "name": "Drop-in",
        "regular_schedules": [
            {"weekday": d, "opens_at": "09:30", "closes_at": "12:00"} for d in ("MO", "TU")
        ],
    }
    assert normalise_service(v1).schedule == "Monday, Tuesday: 9:30am to 12pm"
    v3 = {
        "id": "3",
        "name": "Stay and play",
        "schedules": [
            {"freq": "MONTHLY", "byday": "1SA", "opens_at": "10:00", "closes_at": "12:00"},
            {"freq": "WEEKLY", "interval": 2, "byday": "WE", "opens_at": "13:00"},
        ],
    }
    assert normalise_service(v3).schedule == (
        "First Saturday of the month: 10am to 12pm\nWednesday, every 2 weeks: from 1pm"
    )
