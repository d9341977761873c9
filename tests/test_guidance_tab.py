"""The guidance tab's sub-tabs driven with qtbot: search highlighting, route finder, calculator."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt, QUrl
from PySide6.QtGui import QGuiApplication

from desktop.data.deadlines import SAFETY_NOTE
from desktop.ui.main_window import MainWindow


@pytest.fixture
def window(window: MainWindow) -> MainWindow:
    """The shared main window, sized so the route finder and calculator lay out in full."""
    window.resize(1280, 800)
    return window


def test_search_highlights_matches_in_the_text(window: MainWindow, qtbot) -> None:
    tab = window.guidance
    qtbot.keyClicks(tab.search, "certificate")
    selections = tab.text.extraSelections()
    assert selections
    assert all(s.cursor.selectedText().lower() == "certificate" for s in selections)
    assert "highlighted" in tab.matches.text()
    tab.search.clear()
    assert tab.text.extraSelections() == []


def test_route_finder_shows_steps_deadlines_and_links(window: MainWindow, qtbot) -> None:
    routes = window.guidance.routes
    window.guidance.pages.setCurrentWidget(routes)
    routes.choose("council", "refused-plan")
    routes.use_date.setChecked(True)
    routes.date.setDate(QDate(2026, 12, 31))
    text = routes.result.toPlainText()
    assert "Contact the mediation adviser" in text
    assert "Monday 1 March 2027" in text
    assert "Sunday 28 February 2027" in text
    assert SAFETY_NOTE in text
    assert text.index("Contact the mediation adviser") < text.index("Appeal to the SEND Tribunal")
    assert "provider:kids-sen-mediation" in routes.result.toHtml()


def test_route_finder_topics_follow_who_decided(window: MainWindow) -> None:
    routes = window.guidance.routes
    routes.who.setCurrentIndex(routes.who.findData("school"))
    topics = [routes.topic.itemData(i) for i in range(routes.topic.count())]
    assert "support-without-plan" in topics and "refused-plan" not in topics


def test_certificate_before_letter_is_flagged_not_used(window: MainWindow) -> None:
    routes = window.guidance.routes
    routes.choose("council", "refused-assessment")
    routes.use_date.setChecked(True)
    routes.date.setDate(QDate(2026, 10, 1))
    routes.use_certificate.setChecked(True)
    routes.certificate.setDate(QDate(2026, 9, 1))
    assert "ignored" in routes.result.toPlainText()
    assert "Tuesday 1 December 2026" in routes.result.toPlainText()


def test_route_finder_links_open_provider_card_and_section(window: MainWindow) -> None:
    tab = window.guidance
    tab.pages.setCurrentWidget(tab.routes)
    tab.routes.result.anchorClicked.emit(QUrl("section:mediation"))
    assert tab.pages.currentIndex() == 0
    assert tab.current_section().id == "mediation"
    tab.routes.result.anchorClicked.emit(QUrl("provider:coventry-start"))
    assert window.tabs.currentWidget() is window.providers
    assert window.providers.current().id == "coventry-start"


def test_calculator_appeal_over_christmas_and_copy(window: MainWindow) -> None:
    calc = window.guidance.calculator
    calc.set_rule("appeal")
    calc.start.setDate(QDate(2026, 10, 25))
    text = calc.result.toPlainText()
    assert "Monday 4 January 2027" in text
    assert "Moved from Friday 25 December 2026" in text
    assert "r.20(1)(c)" in text
    calc.copy.click()
    assert "Monday 4 January 2027" in QGuiApplication.clipboard().text()


def test_calculator_certificate_only_for_appeal_and_later_date_wins(window: MainWindow) -> None:
    calc = window.guidance.calculator
    calc.set_rule("final-plan")
    assert not calc.use_certificate.isEnabled()
    calc.set_rule("appeal")
    calc.start.setDate(QDate(2026, 10, 1))
    calc.use_certificate.setChecked(True)
    calc.certificate.setDate(QDate(2026, 11, 15))
    assert "Tuesday 15 December 2026" in calc.result.toPlainText()
    calc.certificate.setDate(QDate(2026, 9, 15))
    assert "Check the dates" in calc.result.toPlainText()
    assert not calc.copy.isEnabled()


def test_calculator_label_follows_the_rule(window: MainWindow) -> None:
    calc = window.guidance.calculator
    calc.set_rule("draft-plan-comments")
    assert "draft plan was served" in calc.start_label.text()
    assert calc.start.accessibleName() == "Date the draft plan was served"
    assert calc.start.calendarPopup()


def test_keyboard_reaches_the_sub_tabs_and_ctrl_f_returns_to_search(
    window: MainWindow, qtbot
) -> None:
    tab = window.guidance
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: tab.pages.currentWidget() is tab.routes, timeout=1000)
    qtbot.keyClick(window, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: tab.pages.currentWidget() is tab.calculator, timeout=1000)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: tab.pages.currentIndex() == 0, timeout=1000)


def test_accessible_names(window: MainWindow) -> None:
    tab = window.guidance
    for widget in (
        tab.routes.who,
        tab.routes.topic,
        tab.routes.result,
        tab.calculator.rule,
        tab.calculator.start,
        tab.calculator.result,
        tab.pages,
    ):
        assert widget.accessibleName()
    for button in (tab.routes.print_button, tab.routes.pdf_button, tab.calculator.copy):
        assert button.accessibleDescription() and "&" in button.text()


def test_guidance_sections_read_easily_offline(no_network: list[object]) -> None:
    """Flesch reading ease >= 60 for every section (tests/tools/readability.py), no network."""
    from tests.tools.readability import scores

    results = scores()
    assert len(results) >= 14
    assert all(score >= 60 for score in results.values()), results
    assert no_network == []
