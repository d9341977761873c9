"""Provider lists: parsing, per-entry errors, merging, and organisation files on disk."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.data import provider_files
from desktop.data.providers import merge_providers, parse_providers, phone_display, split_phone
from desktop.data.records import Provider
from tests.conftest import RESOURCES

GOOD = """
[[provider]]
id = "brookvale-sendiass"
name = "Brookvale SENDIASS"
kind = "sendiass"
phones = ["0121 496 0123 ext 12", "07700 900123"]
email = "info@example.org"
website = "https://example.org/sendiass"
hours = "Monday to Friday, 9am to 4pm"
source = "Brookvale SENDIASS staff list"
checked_on = 2026-11-20
"""

MIXED = (
    GOOD
    + """
[[provider]]
id = "brookvale-sendiass"
name = "Brookvale SENDIASS again"
kind = "sendiass"
phones = ["0121 496 0999"]
source = "copy"
checked_on = 2026-11-20

[[provider]]
id = "no-source"
name = "Nobody knows"
kind = "mediation"
phones = ["020 7946 0001"]
checked_on = 2026-11-20

[[provider]]
id = "bad-phone"
name = "Bad phone"
kind = "mediation"
phones = ["call us"]
source = "leaflet"
checked_on = 2026-11-20

[[provider]]
id = "bad-kind"
name = "Wrong kind"
kind = "plumber"
email = "a@example.org"
source = "leaflet"
checked_on = 2026-11-20

[[provider]]
id = "bad-website"
name = "Odd website"
kind = "other"
website = "ftp://example.org"
source = "leaflet"
checked_on = 2026-11-20

[[provider]]
id = "brookvale-mediation"
name = "Brookvale Mediation"
kind = "mediation"
phones = "01632 960123 (option 2)"
source = "Brookvale council leaflet, 2026"
checked_on = 2026-11-21

[[provider]]
id = "undated"
name = "Undated"
kind = "other"
email = "b@example.org"
source = "leaflet"
checked_on = "last week"
"""
)


def test_bundled_providers_are_the_real_sourced_ones() -> None:
    loaded = parse_providers((RESOURCES / "providers.toml").read_text(encoding="utf-8"), "bundled")
    assert loaded.errors == []
    by_id = {p.id: p for p in loaded.providers}
    assert set(by_id) == {"kids-sen-mediation", "coventry-start"}
    assert by_id["kids-sen-mediation"].phones == ("0333 006 2835",)
    assert by_id["kids-sen-mediation"].email == "senmediation@kids.org.uk"
    assert by_id["coventry-start"].phones == ("024 7683 1614",)
    for p in loaded.providers:
        assert p.source and p.checked_on == "2026-11-28"


@pytest.mark.parametrize(
    ("written", "number", "ext", "option", "shown"),
    [
        ("0121 496 0123 ext 12", "0121 496 0123", "12", "", "0121 496 0123 ext. 12"),
        ("0121 496 0123 extension 12", "0121 496 0123", "12", "", "0121 496 0123 ext. 12"),
        ("07700 900123 x7", "07700 900123", "7", "", "07700 900123 ext. 7"),
        ("03330 062 835 (option 2)", "03330 062 835", "", "2", "0333 006 2835, option 2"),
        (
            "0306 999 0123, option 2 then 1",
            "0306 999 0123",
            "",
            "2 then 1",
            "0306 999 0123, option 2 then 1",
        ),
        ("0306 999 0123 press 3", "0306 999 0123", "", "3", "0306 999 0123, option 3"),
        ("02079460000", "02079460000", "", "", "020 7946 0000"),
        (
            "Youth line: 0121 496 0117 x5",
            "0121 496 0117",
            "5",
            "",
            "Youth line: 0121 496 0117 ext. 5",
        ),
        ("0909 879 0000", "0909 879 0000", "", "", "0909 879 0000"),  # shown; no tel: link
        ("305-253-4841", "305-253-4841", "", "", ""),  # cannot be checked: refused in a list
        ("+1 305-253-4841", "+1 305-253-4841", "", "", "+1 305-253-4841"),
    ],
)
def test_phone_extensions_and_options(
    written: str, number: str, ext: str, option: str, shown: str
) -> None:
    parts = split_phone(written)
    assert (parts.number, parts.extension, parts.option) == (number, ext, option)
    assert phone_display(written) == shown


def test_good_duplicate_and_broken_entries() -> None:
    loaded = parse_providers(MIXED, "list.toml")
    assert [p.id for p in loaded.providers] == ["brookvale-sendiass", "brookvale-mediation"]
    first = loaded.providers[0]
    assert first.name == "Brookvale SENDIASS"  # the first of two with the same id is kept
    assert first.phones == ("0121 496 0123 ext. 12", "07700 900123")
    assert first.origin == "list.toml"
    assert loaded.providers[1].phones == ("01632 960123, option 2",)
    errors = "\n".join(loaded.errors)
    assert len(loaded.errors) == 6, errors
    assert "entry 2 (brookvale-sendiass): id 'brookvale-sendiass' appears twice" in errors
    assert "entry 3 (no-source): source is missing" in errors
    assert "entry 4 (bad-phone): phone 'call us' is not a valid UK number" in errors
    assert "entry 5 (bad-kind): kind 'plumber' is not one of" in errors
    assert (
        "entry 6 (bad-website): website 'ftp://example.org' is not an https:// or http:// address"
        in errors
    )
    assert "entry 8 (undated): checked_on 'last week' is not a date like 2026-11-28" in errors


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("this is [not toml", "not valid TOML"),
        ("provider = 3", "expected [[provider]] entries"),
        ("", "has no [[provider]] entries"),
        ("provider = [1]", "entry 1: is not a table"),
    ],
)
def test_unusable_files_say_why(text: str, message: str) -> None:
    loaded = parse_providers(text, "x.toml")
    assert loaded.providers == []
    assert any(message in e for e in loaded.errors), loaded.errors


def _p(pid: str, name: str, origin: str = "bundled") -> Provider:
    return Provider(pid, name, "other", "", (), "", "", "", "", "src", "2026-11-28", origin)


def test_a_later_list_replaces_an_entry_with_the_same_id() -> None:
    base = [_p("b", "Bravo"), _p("a", "alpha")]
    merged = merge_providers(base, [_p("b", "Bravo (updated)", "org")], [_p("c", "Charlie", "it")])
    assert [(p.id, p.origin) for p in merged.providers] == [
        ("a", "bundled"),
        ("b", "org"),
        ("c", "it"),
    ]
    assert merged.notes == ["Bravo (updated) (b) from org replaces the one bundled with the app"]


def test_import_keeps_a_copy_that_is_read_at_every_start(tmp_path: Path) -> None:
    source = tmp_path / "our-list.toml"
    source.write_text(MIXED, encoding="utf-8")
    data = tmp_path / "data"
    loaded = provider_files.import_file(source, data, today=dt.date(2026, 11, 30))
    assert len(loaded.providers) == 2 and len(loaded.errors) == 6
    source.unlink()  # the USB stick is gone
    org = provider_files.load_org_providers([_p("a", "Alpha")], data, "")
    assert [p.id for p in org.providers] == ["a", "brookvale-mediation", "brookvale-sendiass"]
    assert org.providers[1].origin == "your imported list (our-list.toml, imported 2026-11-30)"
    assert len(org.problems) == 6
    assert provider_files.has_imported(data)
    assert provider_files.remove_imported(data)
    assert [p.id for p in provider_files.load_org_providers([], data, "").providers] == []


def test_a_file_with_nothing_good_changes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    good = tmp_path / "good.toml"
    good.write_text(GOOD, encoding="utf-8")
    provider_files.import_file(good, data)
    bad = tmp_path / "bad.toml"
    bad.write_text('[[provider]]\nid = "x"\nname = "X"\n', encoding="utf-8")
    with pytest.raises(
        provider_files.ProviderFileError, match=r"Nothing was imported from bad\.toml"
    ):
        provider_files.import_file(bad, data)
    not_text = tmp_path / "list.toml"
    not_text.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(provider_files.ProviderFileError, match="not a UTF-8 text file"):
        provider_files.import_file(not_text, data)
    org = provider_files.load_org_providers([], data, "")
    assert [p.id for p in org.providers] == ["brookvale-sendiass"]


def test_policy_list_wins_and_a_copy_covers_an_unreachable_share(tmp_path: Path) -> None:
    data = tmp_path / "data"
    imported = tmp_path / "mine.toml"
    imported.write_text(GOOD, encoding="utf-8")
    provider_files.import_file(imported, data)
    share = tmp_path / "share" / "providers.toml"
    share.parent.mkdir()
    share.write_text(GOOD.replace("Brookvale SENDIASS", "Brookvale SENDIASS (IT list)"), "utf-8")
    org = provider_files.load_org_providers([], data, str(share))
    [p] = org.providers
    assert p.name == "Brookvale SENDIASS (IT list)"
    assert p.origin == "your organisation's list (providers.toml)"
    assert org.problems == []
    share.unlink()  # laptop away from the office network
    org = provider_files.load_org_providers([], data, str(share))
    assert org.providers[0].name == "Brookvale SENDIASS (IT list)"
    assert "copy kept from the last time" in org.problems[0]


def test_unreachable_policy_list_without_a_copy_is_reported(tmp_path: Path) -> None:
    org = provider_files.load_org_providers([_p("a", "A")], tmp_path, str(tmp_path / "nope.toml"))
    assert [p.id for p in org.providers] == ["a"]
    assert "nope.toml cannot be read" in org.problems[0]
