"""Bugs the end-to-end feed tests found, each pinned where it lived (issue 10 item 10).

The whole path (file → refresh → Store.service → details pane) is in
``test_feeds_end_to_end.py``; these are the small, direct tests of each fix.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.data.detail_records import Cost, cost_label
from desktop.data.feeds.oruk import Normaliser, default_crosswalk
from desktop.data.feeds.shapes.parts import Context
from desktop.data.feeds.sources import Source
from desktop.data.schedules import schedule_lines
from desktop.data.store import Store
from tests.feed_records import build_db, plain_record

FEEDS = Path(__file__).parent / "data" / "feeds"


# -- costs said once ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("cost", "label"),
    [
        (Cost(None, option="Free", description="Free"), "Free"),  # ORUK 1.0 fixture: was "Free, Free"
        (Cost(None, option="Free", description="free"), "free"),  # the feed's own words first
        (Cost(40, unit="per term", option="Per term"), "£40.00 per term"),  # was "(Per term)"
        (Cost(0, option="Free", description="FREE"), "Free"),
        (Cost(None, option="Adults", description="Pay what you can"), "Pay what you can, Adults"),
        (Cost(8, unit="per hour", option="0–4s"), "£8.00 per hour (0–4s)"),
    ],
)
def test_a_cost_label_says_each_thing_once(cost: Cost, label: str) -> None:
    assert cost_label(cost) == label


@pytest.mark.parametrize(
    ("fees", "lines"),
    [
        ("£25 per day", ["£25.00 per day"]),  # the HSDS 3.0 fixture: the same price twice
        ("£25 per day.", ["£25.00 per day"]),
        ("£25 per day for siblings", ["£25.00 per day", "£25 per day for siblings"]),
        ("£2.50 per day", ["£25.00 per day", "£2.50 per day"]),  # pence are not dropped
    ],
)
def test_free_text_fees_that_repeat_a_cost_option_are_shown_once(
    tmp_path: Path, fees: str, lines: list[str]
) -> None:
    record = plain_record(1, costs=[Cost(25, unit="per day")], fees_text=fees)
    with Store.open(build_db(tmp_path / "fees.sqlite", [record])) as store:
        detail = store.service(record.id)
    assert detail is not None and detail.cost_lines == lines


# -- a schedule's description no longer hides its hours -------------------------------------
def test_a_schedule_description_follows_its_days_and_hours() -> None:
    rows = [
        {"description": "Saturdays in term time", "freq": "WEEKLY", "byday": "SA",
         "opens_at": "10:00", "closes_at": "11:00"},
        {"description": "Evenings", "opens_at": "18:00", "closes_at": "20:00"},
        {"description": "Ring first", "byday": "MO"},  # no hours: the words alone, as before
    ]
    assert schedule_lines(rows) == [
        "Saturday: 10am to 11am (Saturdays in term time)",
        "6pm to 8pm (Evenings)",
        "Ring first",
    ]


# -- a service-at-location phone belongs to that one service --------------------------------
def _phones(folder: Path) -> dict[str, set[str]]:
    ctx = Context(default_crosswalk(), allow_reserved_emails=True)
    source = Source(str(folder))
    out = {}
    for record in Normaliser(ctx, envelope_hint=source.envelope_hint).records(source.services()):
        numbers = {p.number for p in record.phones}
        numbers |= {p.number for c in record.contacts for p in c.phones}
        out[record.id] = numbers
    return out


def test_hsds11_a_phone_of_one_service_at_a_shared_venue_stays_with_it() -> None:
    phones = _phones(FEEDS / "hsds11-csv")  # sl-3 (Sibling Circle) has the centre desk
    assert "01632 960778" in phones["s11-4"]
    assert "01632 960778" not in phones["s11-2"]  # the playscheme meets there too


def test_hsds3_a_phone_of_one_service_at_a_shared_venue_stays_with_it(tmp_path: Path) -> None:
    package = shutil.copytree(FEEDS / "hsds3-csv", tmp_path / "pkg")
    with open(package / "service_at_location.csv", "a", encoding="utf-8") as links:
        links.write("sal-4,svc-4,loc-1,\n")  # the coffee morning also meets at the hall
    phones = _phones(package)
    assert "0121 496 0556" in phones["svc-1"]  # ph-5 is on sal-1: svc-1 at the hall
    assert "0121 496 0556" not in phones["svc-4"]
