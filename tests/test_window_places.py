"""After new data the window rebuilds its tabs and puts the adviser back where they were.

Each case refreshes from a file, through File → Refresh Local Offer…, while the adviser is
somewhere in the window, and checks that place on the rebuilt tab: the Local Offer's
search, filters and shortlist (by service id, with the new data for each), the guidance's
sub-tab, route and date, the Providers tab's search and selection.
"""

from __future__ import annotations

import json
from pathlib import Path

from desktop.config import resources_dir
from desktop.ui.main_window import MainWindow
from desktop.ui.refresh_menu import open_refresh_dialog

VISION, HEARING = "demo-svc-058", "demo-svc-057"


def demo_feed(tmp_path: Path, *, rename: dict[str, str] | None = None, drop: set[str] = frozenset()) -> Path:
    """The demo Local Offer as a feed file, with some services renamed or left out."""
    document = json.loads((resources_dir() / "demo" / "local-offer.json").read_text("utf-8"))
    services = []
    for service in document["contents"]:
        if service["id"] in drop:
            continue
        if service["id"] in (rename or {}):
            service["name"] = (rename or {})[service["id"]]
        services.append(service)
    document["contents"], document["total_items"] = services, len(services)
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def refresh_from(qtbot, window: MainWindow, feed: Path) -> None:
    dialog = open_refresh_dialog(window, window.session, window.settings.policy)
    dialog.use_file.setChecked(True)
    dialog.file.setText(str(feed))
    with qtbot.waitSignal(dialog.data_replaced, timeout=20_000):
        dialog.start_button.click()
    dialog.close()


def shortlist(window: MainWindow, *service_ids: str) -> None:
    tab = window.local_offer
    for service_id in service_ids:
        tab.show_service(service_id)
        tab.add_current()  # as Ctrl+D on the details does


def test_a_refresh_keeps_the_local_offer_search_filter_and_shortlist(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    window.tabs.setCurrentWidget(window.local_offer)
    before = window.local_offer
    before.search.setText("support")
    before.filters.free.setChecked(True)  # a filter
    shortlist(window, VISION, HEARING)
    assert [s.id for s in before.shortlist.services()] == [VISION, HEARING]
    before.results.setCurrentIndex(before.model.index(2))  # the third result selected
    selected = before.current_service_id()
    assert selected is not None

    refresh_from(qtbot, window, demo_feed(tmp_path, rename={VISION: "Vision Support (new name)"}))

    tab = window.local_offer
    assert tab is not before  # a new tab over the new Store
    assert window.tabs.currentWidget() is tab  # still on the Local Offer
    assert tab.search.text() == "support"
    assert tab.filters.free.isChecked()
    assert tab.model.total == window.store.count_services("support", free_only=True) > 0
    assert tab.current_service_id() == selected  # the same result still selected
    listed = tab.shortlist.services()
    assert [s.id for s in listed] == [VISION, HEARING]  # by id, in the order added
    assert listed[0].name == "Vision Support (new name)"  # read again from the new data
    assert "taken off the shortlist" not in window.status_bar.notice_label.text()


def test_a_shortlisted_service_gone_from_the_new_data_is_dropped_and_said(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    window.tabs.setCurrentWidget(window.local_offer)
    shortlist(window, VISION, HEARING)
    refresh_from(qtbot, window, demo_feed(tmp_path, drop={HEARING}))
    assert [s.id for s in window.local_offer.shortlist.services()] == [VISION]
    assert window.status_bar.currentMessage() == ""  # "Added …" (old news) made way for it
    notice = window.status_bar.notice_label.text()
    assert "1 shortlisted service is no longer in the Local Offer data" in notice
    assert "Hearing Support Teachers" in notice


def test_a_need_the_new_data_no_longer_has_is_cleared_and_said(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    tab = window.local_offer
    need = tab.filters.need
    hearing = need.findData("need:hearing-impairment")
    assert hearing > 0
    need.setCurrentIndex(hearing)
    # Without the services that name it, the new data has no such need.
    gone = {s.id for s in window.store.search_services("", need="need:hearing-impairment", limit=500)}
    refresh_from(qtbot, window, demo_feed(tmp_path, drop=gone))
    assert window.local_offer.filters.need.currentData() is None  # All needs
    assert "The need filter “Hearing impairment” is not in the new data" in (
        window.status_bar.notice_label.text()
    )


def test_the_guidance_sub_tab_route_and_date_come_back(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    guidance = window.guidance
    guidance.search.setText("mediation")
    guidance.sections.setCurrentIndex(guidance.model.index(1))  # not the first match
    section = guidance.current_section()
    assert section is not None and section.id != guidance.model.row_object(0).id
    guidance.routes.choose("council", "refused-plan")
    guidance.routes.date.edit.setText("20/11/2026")
    guidance.pages.setCurrentWidget(guidance.routes)
    refresh_from(qtbot, window, demo_feed(tmp_path))
    again = window.guidance
    assert again is not guidance
    assert window.tabs.currentWidget() is again
    assert again.pages.currentWidget() is again.routes  # the route finder, still in front
    assert (again.routes.who.currentData(), again.routes.topic.currentData()) == (
        "council",
        "refused-plan",
    )
    assert again.routes.date.edit.text() == "20/11/2026"
    assert again.search.text() == "mediation"
    assert again.current_section() is not None and again.current_section().id == section.id
    assert not again.has_page("calculator")  # a sub-tab never shown stays unbuilt


def test_the_providers_search_kind_and_selection_come_back(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    tab = window.providers
    window.tabs.setCurrentWidget(tab)
    tab.kind.setCurrentIndex(tab.kind.findData("mediation"))
    tab.search.setText("kids")
    assert tab.show_provider("kids-sen-mediation")
    refresh_from(qtbot, window, demo_feed(tmp_path))
    again = window.providers
    assert again is not tab and window.tabs.currentWidget() is again
    assert again.search.text() == "kids"
    assert again.kind.currentData() == "mediation"
    assert again.current() is not None and again.current().id == "kids-sen-mediation"
