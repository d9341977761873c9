"""One provider directory (code review §c.1): merged once, shared, reloaded for every tab, and
the questions the guidance asks of it (your own service, who to show for the council)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.data.directory import ProviderDirectory, contact_label
from desktop.data.providers import parse_providers
from tests.conftest import RESOURCES

BUNDLED = parse_providers(
    (RESOURCES / "providers.toml").read_text(encoding="utf-8"), "bundled"
).providers
ENTRY = """
[[provider]]
id = "{id}"
name = "{name}"
kind = "{kind}"
{extra}
phones = ["{phone}"]
source = "Our own list"
checked_on = 2026-11-20
"""


def entry(pid: str, name: str, kind: str, phone: str = "0121 496 0100", extra: str = "") -> str:
    return ENTRY.format(id=pid, name=name, kind=kind, phone=phone, extra=extra)


def directory(tmp_path: Path, text: str, org: str = "") -> ProviderDirectory:
    policy = tmp_path / "org.toml"
    policy.write_text(text, encoding="utf-8")
    return ProviderDirectory(
        BUNDLED, data_dir=tmp_path / "data", policy_file=str(policy), organisation_name=org
    )


def test_bundled_only_directory() -> None:
    d = ProviderDirectory(BUNDLED)
    assert {p.id for p in d.providers} == {p.id for p in BUNDLED}
    assert d.problems == [] and d.sources == [] and d.own_service is None
    assert [p.id for p in d.for_kind("council-send-team")] == ["coventry-start"]
    assert d.contacts(["sendiass"]) == []  # never a bundled 'your SENDIASS'


def test_a_correction_replaces_the_bundled_entry_everywhere(tmp_path: Path) -> None:
    d = directory(
        tmp_path, entry("kids-sen-mediation", "KIDS SEN Mediation", "mediation", "0121 496 0999")
    )
    kids = d.get("kids-sen-mediation")
    assert kids is not None and kids.phones == ("0121 496 0999",)
    assert d.contacts(["mediation"])[0].phones == ("0121 496 0999",)
    assert d.sources and "organisation" in d.sources[0]


def test_the_organisations_own_council_team_comes_before_the_bundled_one(tmp_path: Path) -> None:
    d = directory(tmp_path, entry("brookvale-send", "Brookvale SEND team", "council-send-team"))
    assert [p.id for p in d.for_kind("council-send-team")] == ["brookvale-send"]
    assert [p.id for p in d.for_kind("mediation")] == ["kids-sen-mediation"]  # none of its own


def test_own_service_needs_an_organisation_entry_marked_own(tmp_path: Path) -> None:
    text = entry("brookvale-sendiass", "Brookvale SENDIASS", "sendiass", extra="own = true")
    d = directory(tmp_path, text, org="Brookvale SENDIASS")
    assert d.own_service is not None and d.own_service.id == "brookvale-sendiass"
    assert d.organisation_name == "Brookvale SENDIASS"
    assert d.contacts(["sendiass"]) == [d.own_service]
    unmarked = directory(tmp_path, entry("x", "Another SENDIASS", "sendiass"))
    assert unmarked.own_service is None
    assert [p.id for p in unmarked.contacts(["sendiass"])] == ["x"]


def test_own_must_be_a_sendiass_and_a_boolean() -> None:
    bad = parse_providers(entry("a", "A", "mediation", extra="own = true"), "test")
    assert not bad.providers and "kind must be sendiass" in bad.errors[0]
    worse = parse_providers(entry("b", "B", "sendiass", extra='own = "yes"'), "test")
    assert not worse.providers and "true or false" in worse.errors[0]


def test_two_own_services_is_a_problem_and_the_first_is_used(tmp_path: Path) -> None:
    text = entry("a", "A SENDIASS", "sendiass", extra="own = true") + entry(
        "b", "B SENDIASS", "sendiass", extra="own = true"
    )
    d = directory(tmp_path, text)
    assert d.own_service is not None and d.own_service.id == "a"
    assert any("More than one" in p for p in d.problems)


def test_reload_reads_again_and_tells_subscribers(tmp_path: Path) -> None:
    d = directory(
        tmp_path, entry("kids-sen-mediation", "KIDS SEN Mediation", "mediation", "0121 496 0999")
    )
    calls: list[int] = []
    d.subscribe(lambda: calls.append(1))
    (tmp_path / "org.toml").write_text(
        entry("kids-sen-mediation", "KIDS SEN Mediation", "mediation", "0121 496 0888"),
        encoding="utf-8",
    )
    d.reload()
    assert calls == [1]
    assert d.get("kids-sen-mediation").phones == ("0121 496 0888",)


@pytest.mark.parametrize(
    ("pid", "label"),
    [
        ("coventry-start", "Coventry City Council START team — for Coventry"),
        ("kids-sen-mediation", "KIDS SEN Mediation — for Coventry"),
    ],
)
def test_bundled_contacts_are_labelled_with_their_area(pid: str, label: str) -> None:
    p = next(p for p in BUNDLED if p.id == pid)
    assert contact_label(p) == label


def test_organisation_contacts_keep_their_own_name(tmp_path: Path) -> None:
    d = directory(tmp_path, entry("brookvale-send", "Brookvale SEND team", "council-send-team"))
    assert contact_label(d.get("brookvale-send")) == "Brookvale SEND team"


def test_the_window_builds_one_directory_for_every_tab(window) -> None:
    assert window.providers.directory is window.session.directory
    assert window.guidance.directory is window.session.directory
    assert window.guidance.routes.directory is window.session.directory


def test_a_corrected_number_reaches_the_route_finder_and_handout_through_the_window(
    qtbot, tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The code review's probe through the real window: policy ProvidersFile corrects KIDS."""
    from tests.qt_helpers import open_main_window

    org = tmp_path / "org.toml"
    org.write_text(
        entry("kids-sen-mediation", "KIDS SEN Mediation", "mediation", "0121 496 0999"),
        encoding="utf-8",
    )
    policy = tmp_path / "policy.ini"
    policy.write_text(f"[policy]\nProvidersFile = {org}\n", encoding="utf-8")
    monkeypatch.setenv("SEND_DESK_POLICY", str(policy))
    win = open_main_window(qtbot)
    try:
        assert win.providers.show_provider("kids-sen-mediation")
        assert win.providers.current().phones == ("0121 496 0999",)
        routes = win.guidance.routes
        routes.choose("council", "refused-plan")
        digits = routes.handout().replace(" ", "")
        assert "01214960999" in digits and "03330062835" not in digits
    finally:
        win.close()
        win.store.close()


def test_importing_a_list_in_the_providers_tab_updates_the_route_finder(
    window, data_dir: Path
) -> None:
    routes = window.guidance.routes  # built (and the directory read) before the list arrives
    folder = data_dir / "providers"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "imported.toml").write_text(
        entry(
            "coventry-start",
            "Coventry City Council START team",
            "council-send-team",
            "0121 496 0777",
        ),
        encoding="utf-8",
    )
    routes.choose("council", "refused-plan")
    assert "0121 496 0777" not in routes.handout()
    window.providers.reload()  # what Import providers… does after copying the file
    assert "0121 496 0777" in routes.handout()
    assert "provider:coventry-start" in routes.result.toHtml()
