"""Real-world mess through the whole path (issue 10 item 10): file → CLI refresh → pane.

``tests/data/feeds/mess/services.json`` is one saved Outpost page (4 of the 120 services
the directory lists) with nulls, empty strings, odd types, a masked address, an
http-only site, placeholder e-mails, duplicate phones, and a hostile record (bidi
controls, ``<script>``, ``javascript:``/``data:``/``file:`` links). Nothing may crash,
nothing hostile may become markup or a live link, and the saved page needs ``--force``.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from desktop.data.service_text import detail_lines
from desktop.data.store import Store
from desktop.ui.local_offer.details import contact_text, service_html
from tests.test_feeds_end_to_end import FEEDS, cli, pane_text, scratch_live

MESS = FEEDS / "mess" / "services.json"
BIDI = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
_HREF = re.compile(r'href="([^"]*)"')


@pytest.fixture(scope="module")
def mess(bundled_db: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    base = tmp_path_factory.mktemp("mess")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SEND_DESK_DATA_DIR", str(base / "data"))
        env.setenv("SEND_DESK_BUNDLED_DB", str(bundled_db))
        env.delenv("SEND_DESK_POLICY", raising=False)
        live = scratch_live(bundled_db, base / "live")
        before = count(live)
        refused = cli("refresh", str(MESS), "--db", str(live))
        after_refusal = count(live)
        used = cli("refresh", str(MESS), "--db", str(live), "--force")
    return {"live": live, "before": before, "refused": refused,
            "after_refusal": after_refusal, "used": used}


def count(live: Path) -> int:
    conn = sqlite3.connect(live)
    try:
        return conn.execute("SELECT count(*) FROM services").fetchone()[0]
    finally:
        conn.close()


def pane(live: Path, sid: str) -> tuple[str, str]:
    with Store.open(live, read_only=True) as store:
        detail = store.service(sid)
    assert detail is not None, sid
    html = service_html(detail, demo=False)
    return html, pane_text(html)


def test_a_saved_page_is_refused_without_force_and_loses_nothing(mess: dict) -> None:
    code, out, err = mess["refused"]
    assert code == 1
    assert (
        "This file holds 4 of the 120 services the directory lists. Your current data "
        "has not changed. Run again with --force to use it.\n" in err
    )
    assert "Confirm" not in err  # the dialog's word; a terminal has only --force
    assert "Traceback" not in out + err
    assert mess["after_refusal"] == mess["before"] > 4  # the bundled data is still there


def test_with_force_it_is_used_and_the_report_says_what_was_dropped(mess: dict) -> None:
    code, out, err = mess["used"]
    assert code == 0, err
    assert count(mess["live"]) == 4
    assert "Only part of the directory: This file holds 4 of the 120 services" in out
    for dropped in (
        "  website: not a web address the app can open, 2 (e.g. 'javascript:",
        "  SEND statement link: not a web address the app can open, 1",
        "  links: not a web address the app can open, 1",
        "  e-mail: placeholder address, 1",
        "  e-mail: not an e-mail address, 1",
        "  description: not text (list), 1",
        "  ages: not a number, 1",
        "  last updated: not a date, 1",
    ):
        assert dropped in out, dropped


def test_nulls_empty_strings_and_odd_types_leave_a_clean_pane(qapp, mess: dict) -> None:
    html, text = pane(mess["live"], "3001")
    assert text.startswith("Saturday Play Session\nAges 7–11 · Free\n")  # '7' and 11.0
    assert "Categories: Short breaks, leisure and things to do, Things to do" in text
    assert _HREF.findall(html) == []
    html, text = pane(mess["live"], "3004")
    assert text.startswith("Odd Types Club\nBrookvale Odd Types Society\nAges not given · £40.00 per term\n")
    for odd in ("None", "null", "12345", "['", "{'", "True", "eighteen", "(Per term)"):
        for sid in ("3001", "3004"):
            assert odd not in pane(mess["live"], sid)[1], (sid, odd)


def test_a_masked_address_shows_only_town_and_district_everywhere(qapp, mess: dict) -> None:
    live = mess["live"]
    html, text = pane(live, "3002")
    assert "Where\nBrookvale, BV7 (exact address not published)\n" in text
    with Store.open(live, read_only=True) as store:
        detail = store.service("3002")
        assert detail is not None
        shared = "\n".join([contact_text(detail), *detail_lines(detail)])  # copy and exports
        for hidden in ("Hidden Lane", "14 Hidden", "BV7 2QX", "Private venue"):
            assert hidden not in text and hidden not in shared and hidden not in html
            assert store.search_services(hidden) == []  # not even searchable
        assert [p.latitude for p in detail.locations] == [None]
        assert {s.id for s in store.search_services("", area="BV7")} == {"3002"}


def test_http_site_placeholder_email_and_duplicate_phones(qapp, mess: dict) -> None:
    html, text = pane(mess["live"], "3002")
    assert "Website: http://example.org/quiet-corner (not a secure site)" in text
    assert "noemail" not in text and "Unknown-4401" not in text and "@" not in text
    # two contacts named the same with the same number are one; 'N / N' is one number
    assert text.count("Duty line · 0121 496 0777") == 1
    assert "Office · 0121 496 0777\n" in text
    assert text.count("0121 496 0777") == 2
    assert _HREF.findall(html) == [
        "tel:+441214960777",
        "tel:+441214960777",
        "http://example.org/quiet-corner",
        "https://example.org/quiet-corner-trust",
    ]


def test_a_hostile_record_is_plain_text_and_never_a_live_link(qapp, mess: dict) -> None:
    html, text = pane(mess["live"], "3003")
    assert _HREF.findall(html) == ["tel:+441214960888"]  # the one real number, nothing else
    for bad in ("<script", "<img", "onerror", "javascript:", "data:", "file:", "<a href=\"j"):
        assert bad not in html.lower(), bad
    assert not BIDI.search(html) and not BIDI.search(text)
    for line in (
        "EvilecivreS\nBold Org\n",  # the override character is gone, the words stay
        "Hello friend click here",
        "We support every child.",
        "Admin · 0121 496 0888",
        "Categories: Short breaks, leisure and things to do, Short breaks",
    ):
        assert line in text, line
    for word in ("steal", "alert", "cookie", "passwd"):
        assert word not in text, word
    with Store.open(mess["live"], read_only=True) as store:
        detail = store.service("3003")
        assert detail is not None
        copied = contact_text(detail)
    assert not BIDI.search(copied) and "<" not in copied and "javascript" not in copied
