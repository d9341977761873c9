"""Every field of every real feed shape, end to end (issue 10 items 2, 4, 7 and 10).

Each shape's fixture goes through ``send-desk refresh SOURCE --db PATH --force`` (the CLI,
as an IT team runs it) into a scratch live database; then ``Store.service(id)`` and the
details pane's HTML (``service_html``, read back as plain text by Qt) must show every
field the fixture carries, the search must find what it should, and the coverage report
(printed and saved) must give the figures counted by hand in ``feeds_expected``.
"""

from __future__ import annotations

import io
import re
import shutil
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtGui import QTextDocument

from desktop.cli import main
from desktop.data.feeds import refresh
from desktop.data.feeds.coverage import FIELDS
from desktop.data.feeds.sources import Source
from desktop.data.records import CATEGORY_NAMES
from desktop.data.store import Store
from desktop.ui.local_offer.details import service_html
from tests.feeds_expected import ORUK1, OUTPOST, PLACECUBE, Expected
from tests.feeds_expected_more import HSDS3, HSDS11, ORUK3

FEEDS = Path(__file__).parent / "data" / "feeds"
SHAPES: dict[str, Expected] = {
    "outpost": OUTPOST,
    "placecube": PLACECUBE,
    "oruk1": ORUK1,
    "oruk3": ORUK3,
    "hsds3-csv": HSDS3,
    "hsds11-csv": HSDS11,
}
_SAVED = re.compile(r"^The full report is saved in (.+)\.$", re.M)
_HREF = re.compile(r'href="([^"]*)"')


@dataclass
class Run:
    live: Path
    code: int
    out: str
    err: str
    report: str  # the saved report file's text


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def scratch_live(bundled_db: Path, folder: Path) -> Path:
    folder.mkdir(parents=True)
    live = folder / "send-desk.sqlite"
    shutil.copyfile(bundled_db, live)
    live.chmod(0o644)
    return live


@pytest.fixture(scope="module")
def runs(bundled_db: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    """One real CLI refresh per shape, shared by this module's tests (they only read)."""
    base = tmp_path_factory.mktemp("end-to-end")
    done = {}
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SEND_DESK_DATA_DIR", str(base / "data"))
        env.setenv("SEND_DESK_BUNDLED_DB", str(bundled_db))
        env.delenv("SEND_DESK_POLICY", raising=False)
        for name, expected in SHAPES.items():
            live = scratch_live(bundled_db, base / name)
            code, out, err = cli("refresh", str(FEEDS / expected.source), "--db", str(live), "--force")
            saved = _SAVED.search(out)
            report = Path(saved.group(1)).read_text(encoding="utf-8") if saved else ""
            done[name] = Run(live, code, out, err, report)
    return done


def pane_text(html: str) -> str:
    doc = QTextDocument()
    doc.setHtml(html)
    return doc.toPlainText()


def panes(live: Path, ids: object) -> dict[str, tuple[str, str]]:
    """id → (the pane's HTML, its plain text)."""
    out = {}
    with Store.open(live, read_only=True) as store:
        for sid in ids:  # type: ignore[attr-defined]
            detail = store.service(sid)
            assert detail is not None, f"{sid} was not kept"
            html = service_html(detail, demo=False)
            out[sid] = (html, pane_text(html))
    return out


def coverage_line(field: str, n: int, total: int, from_name: int = 0) -> str:
    line = f"  {field}: {n:,} ({n / total:.0%})"
    if field == "category" and from_name:
        line += f", {from_name:,} of them from the service's name"
    return line


@pytest.fixture(params=list(SHAPES))
def shape(request: pytest.FixtureRequest) -> str:
    return request.param


# -- the refresh itself ------------------------------------------------------------------------
def test_the_cli_refresh_uses_the_feed_and_names_its_shape(
    runs: dict[str, Run], shape: str
) -> None:
    run, expected = runs[shape], SHAPES[shape]
    total = len(expected.services)
    assert run.code == 0, run.err
    assert f"Feed shape: {expected.shape}" in run.out
    assert f"Done: {total:,} services" in run.out
    with Store.open(run.live, read_only=True) as store:
        assert store.meta()["feed_shape"] == expected.shape
        assert store.meta()["is_demo"] == "0"
        assert store.count_services("") == total
        for sid in expected.gone:
            assert store.service(sid) is None  # inactive, defunct or skipped: not shown


def test_the_coverage_figures_are_printed_and_saved(qapp, runs: dict[str, Run], shape: str) -> None:
    run, expected = runs[shape], SHAPES[shape]
    total = len(expected.services)
    assert set(expected.coverage) == set(FIELDS)
    assert run.report.startswith("SEND Adviser Desk: Local Offer refresh report")
    for text in (run.out, run.report):
        assert f"What the {total:,} services kept have:" in text
        for field in FIELDS:
            line = coverage_line(field, expected.coverage[field], total, expected.from_name)
            assert line + "\n" in text, line
    assert "\nOutcome: Used: the new data replaced the previous data" in run.report


# -- every field in the details pane ----------------------------------------------------------
def test_every_field_the_fixture_carries_is_in_the_details_pane(
    qapp, runs: dict[str, Run], shape: str
) -> None:
    expected = SHAPES[shape]
    shown = panes(runs[shape].live, expected.services)
    for sid, want in expected.services.items():
        html, text = shown[sid]
        for line in want.lines:
            assert line in text, f"{shape} {sid}: {line!r} not in\n{text}"
        assert tuple(_HREF.findall(html)) == want.hrefs, f"{shape} {sid}"
        for needle in expected.absent:
            assert needle not in text, f"{shape} {sid} shows {needle!r}"


def test_locations_keep_their_positions(runs: dict[str, Run], shape: str) -> None:
    """GeoJSON gives [longitude, latitude]; a masked place keeps no position."""
    expected = SHAPES[shape]
    with Store.open(runs[shape].live, read_only=True) as store:
        for sid, want in expected.services.items():
            detail = store.service(sid)
            assert detail is not None
            got = tuple(
                None if p.latitude is None else (p.latitude, p.longitude)
                for p in detail.locations
            )
            assert got == want.positions, sid


def test_an_alert_comes_first(qapp, runs: dict[str, Run], shape: str) -> None:
    expected = SHAPES[shape]
    with Store.open(runs[shape].live, read_only=True) as store:
        for sid in expected.services:
            detail = store.service(sid)
            assert detail is not None
            lines = pane_text(service_html(detail, demo=False)).splitlines()
            if detail.alerts:
                assert lines[1] == f"Important: {detail.alerts[0]}", sid
            else:
                assert not any(x.startswith("Important:") for x in lines), sid


# -- the search finds what the feed says ------------------------------------------------------
def test_autism_finds_every_service_tagged_autism(runs: dict[str, Run], shape: str) -> None:
    with Store.open(runs[shape].live, read_only=True) as store:
        found = {s.id for s in store.search_services("autism", limit=500)}
    assert found == SHAPES[shape].autism


def test_a_postcode_district_finds_its_services(runs: dict[str, Run], shape: str) -> None:
    with Store.open(runs[shape].live, read_only=True) as store:
        for district, ids in SHAPES[shape].districts.items():
            assert {s.id for s in store.search_services(district)} == ids, district
            assert {s.id for s in store.search_services("", area=district)} == ids, district
            assert {s.id for s in store.search_services(district.lower())} == ids, district


def test_the_category_filter_holds_at_least_80_percent(runs: dict[str, Run], shape: str) -> None:
    with Store.open(runs[shape].live, read_only=True) as store:
        total = store.count_services("")
        placed: set[str] = set()
        for code in CATEGORY_NAMES:
            placed |= {s.id for s in store.search_services("", category=code, limit=500)}
    assert len(placed) / total >= 0.8
    assert len(placed) == SHAPES[shape].coverage["category"]


# -- e-mails: the real refresh drops example.org; the same path keeps real-looking ones -----
def test_a_real_refresh_shows_no_reserved_or_placeholder_address(
    runs: dict[str, Run], shape: str
) -> None:
    run, expected = runs[shape], SHAPES[shape]
    reserved = sum(len(v) for v in expected.emails.values())
    assert expected.coverage["e-mail"] == 0 and reserved
    assert "  e-mail: reserved domain, " in run.out


def test_emails_reach_the_pane_when_the_feed_may_use_reserved_domains(
    qapp, bundled_db: Path, tmp_path: Path, shape: str
) -> None:
    """The bundled demo's path: example.org allowed, placeholders (noemail, .invalid) not."""
    expected = SHAPES[shape]
    live = scratch_live(bundled_db, tmp_path / "emails")
    source = Source(str(FEEDS / expected.source), allow_reserved_emails=True)
    refresh.commit(refresh.prepare(live, source), force=True)
    shown = panes(live, expected.services)
    for sid, (html, text) in shown.items():
        addresses = expected.emails.get(sid, ())
        assert sorted(re.findall(r"[\w.+-]+@[\w.-]+", text)) == sorted(addresses), sid
        for address in addresses:
            assert f'href="mailto:{address}"' in html, (sid, address)
        assert "noemail" not in text and ".invalid" not in text


# -- the copied details and exports carry what matters to a family (issue 10 item 9) --------
EXPORTED = {
    ("outpost", "1042"): (
        "SEND support: All our coaches hold a disability swimming qualification.",
        "Needs: Autism, Physical disabilities, Sensory and physical needs "
        "(Communication and interaction; Sensory and/or physical needs)",
        "Ages 5–18 · Cost: £83.50 per day (0-4s); £52.80 per half day",
        "Phone: 0121 496 0123 ext. 303",
        "Phone: Youth line: 01632 960123",
        "Address: Southmere Pool and Fitness, Lakeside Drive, Brookvale, Westshire, BV6 7LP",
        "Opening times: Saturday: 9am to 10:30am",
    ),
    ("outpost", "1043"): (
        "Needs: Communication and interaction",  # once: the feed's need is the broad area
        "Address: Brookvale, BV3 (exact address not published)",
        "How to access: A referral is needed.",
    ),
    ("oruk3", "ac148810-0000-441c-9679-000000000001"): (
        "Important: Most sessions are now online. Call reception for a room booking.",
        "Phone: Reception: 0121 496 0234 ext. 100",
        "Phone: Centre desk: 0121 496 0235",
        "Opening times: Thursday, Friday: 10am to 6pm",
    ),
}


@pytest.mark.parametrize(("shape_name", "sid"), list(EXPORTED))
def test_the_copied_details_carry_what_matters_to_a_family(
    runs: dict[str, Run], shape_name: str, sid: str
) -> None:
    from desktop.data.service_text import detail_lines

    with Store.open(runs[shape_name].live, read_only=True) as store:
        detail = store.service(sid)
    assert detail is not None
    lines = detail_lines(detail)
    for line in EXPORTED[(shape_name, sid)]:
        assert line in lines, (line, lines)
    assert not any(re.search(r"(.+) \(\1\)", x) for x in lines)  # nothing said twice
