"""The guidance tab's sub-tabs driven with qtbot: search highlighting, the route finder and the
calculator, typed into as a person would (issue 13's blocker), with an injected clock."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from desktop.data.dates import long_date, short_date
from desktop.data.deadlines import SAFETY_NOTE
from desktop.data.directory import ProviderDirectory
from desktop.data.providers import parse_providers
from desktop.data.routes import TOPICS
from desktop.ui.guidance.date_field import DateField
from desktop.ui.guidance.deadline_panel import DeadlinePanel
from desktop.ui.guidance.route_panel import RoutePanel
from desktop.ui.main_window import MainWindow
from tests.conftest import RESOURCES

TODAY = dt.date(2026, 12, 1)
D = dt.date
BUNDLED = parse_providers(
    (RESOURCES / "providers.toml").read_text(encoding="utf-8"), "bundled"
).providers


@pytest.fixture
def window(window: MainWindow) -> MainWindow:
    """The shared main window, sized so the route finder and calculator lay out in full."""
    window.resize(1280, 800)
    return window


def shown(qtbot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow, timeout=2000)
    return widget


@pytest.fixture
def routes(qtbot) -> RoutePanel:
    return shown(qtbot, RoutePanel(ProviderDirectory(BUNDLED), today=lambda: TODAY))


@pytest.fixture
def calc(qtbot) -> DeadlinePanel:
    return shown(qtbot, DeadlinePanel(today=lambda: TODAY))


def type_date(qtbot, field: DateField, text: str) -> None:
    """Click inside the field (wherever the cursor lands), type, and Tab away."""
    edit = field.edit
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton, pos=QPoint(edit.width() // 2, 5))
    qtbot.waitUntil(edit.hasFocus, timeout=2000)
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)


def plain(text: str) -> str:
    return text.replace("&", "")


# -- the route finder --------------------------------------------------------------------------


def test_route_finder_counts_from_the_date_typed_and_says_so(qtbot, routes: RoutePanel) -> None:
    routes.choose("council", "refused-plan")
    assert plain(routes.date_label.text()) == "Date the council's decision letter was sent:"
    type_date(qtbot, routes.date, "31/12/2026")
    text = routes.result.toPlainText()
    assert routes.advice.date == D(2026, 12, 31) == routes.date.date()
    assert "Counting from Thursday 31 December 2026" in text
    assert "Monday 1 March 2027" in text and "90 days left." in text
    assert "Sunday 28 February 2027" in text  # contact the adviser: does not move
    assert "Counted: 2 months from the decision letter sent on Thursday 31 December 2026" in text
    assert SAFETY_NOTE in text
    assert text.index("Contact the mediation adviser") < text.index("Appeal to the SEND Tribunal")
    assert "provider:kids-sen-mediation" in routes.result.toHtml()


def test_certificate_counted_route_says_it_counted_from_the_certificate(
    qtbot, routes: RoutePanel
) -> None:
    routes.choose("council", "plan-contents")
    type_date(qtbot, routes.date, "01/10/2026")
    type_date(qtbot, routes.certificate, "15 Nov 2026")
    text = routes.result.toPlainText()
    assert "Tuesday 15 December 2026" in text
    assert (
        "Counted: 1 month from the mediation certificate issued on Sunday 15 November 2026" in text
    )
    assert "1 month from the mediation certificate issued on Sunday 15 November 2026" in (
        routes.handout()
    )


def test_certificate_before_the_letter_is_refused_in_words(qtbot, routes: RoutePanel) -> None:
    routes.choose("council", "refused-assessment")
    type_date(qtbot, routes.date, "01/10/2026")
    type_date(qtbot, routes.certificate, "01/09/2026")
    text = routes.result.toPlainText()
    assert "Check the dates: The mediation certificate date is before the decision letter" in text
    assert routes.advice.deadlines == ()


def test_the_date_printed_on_the_letter_gives_the_earlier_deadline(
    qtbot, routes: RoutePanel
) -> None:
    routes.choose("council", "refused-plan")
    type_date(qtbot, routes.date, "26/10/2026")
    type_date(qtbot, routes.dated, "24/10/2026")
    text = routes.result.toPlainText()
    assert "Thursday 24 December 2026" in text
    assert "Monday 4 January 2027" in text  # what the day it was sent would give
    assert "2 months from the date printed on the letter, Saturday 24 October 2026" in text


def test_changing_route_clears_a_date_that_meant_another_event(qtbot, routes: RoutePanel) -> None:
    routes.choose("council", "refused-plan")
    type_date(qtbot, routes.date, "01/10/2026")
    routes.choose("council", "plan-contents")  # the same event: a decision letter
    assert routes.date.date() == D(2026, 10, 1)
    assert "cleared" not in routes.result.toPlainText()
    routes.choose("school", "school-discrimination")
    assert routes.date.date() is None and routes.date.edit.text() == ""
    assert plain(routes.date_label.text()) == "Date the discrimination happened:"
    assert routes.date.edit.accessibleName() == "Date the discrimination happened"
    assert "The date was cleared because this route counts from a different event" in (
        routes.result.toPlainText()
    )
    assert routes.advice.deadlines == ()  # nothing counted from the letter's date


def test_each_route_labels_the_date_with_its_own_event(routes: RoutePanel) -> None:
    for topic in TOPICS.values():
        routes.choose(topic.who, topic.id)
        if topic.date_rules:
            assert plain(routes.date_label.text()) == f"{topic.date_label}:", topic.id
            assert routes.date.isVisibleTo(routes)
        else:
            assert not routes.date.isVisibleTo(routes), topic.id
        assert routes.dated.isVisibleTo(routes) == topic.is_letter, topic.id
        assert routes.certificate.isVisibleTo(routes) == ("appeal" in topic.date_rules)


def test_school_named_route_warns_with_the_date(qtbot, routes: RoutePanel) -> None:
    routes.choose("council", "school-named")
    type_date(qtbot, routes.date, "01/10/2026")
    assert (
        "Mediation here does not extend the appeal deadline. Appeal by Tuesday 1 December 2026 "
        "whatever happens in mediation." in routes.result.toPlainText()
    )
    assert "Today is the last day." in routes.result.toPlainText()


def test_a_date_that_has_passed_says_so(qtbot, routes: RoutePanel) -> None:
    routes.choose("council", "refused-plan")
    type_date(qtbot, routes.date, "01/01/2026")
    assert "This date has passed." in routes.result.toPlainText()


def test_an_implausible_date_counts_nothing(qtbot, routes: RoutePanel) -> None:
    routes.choose("council", "refused-plan")
    type_date(qtbot, routes.date, "20/11/3122")
    assert "too far ahead" in routes.result.toPlainText()
    assert routes.advice.deadlines == ()


def test_templates_are_filled_with_the_date_on_the_letter(qtbot, routes: RoutePanel) -> None:
    routes.choose("council", "refused-plan")
    type_date(qtbot, routes.date, "26/10/2026")
    type_date(qtbot, routes.dated, "24/10/2026")
    certificate = routes.template_menu.actions()[1]
    certificate.trigger()
    copied = QGuiApplication.clipboard().text()
    assert "letter dated Saturday 24 October 2026" in copied
    assert "within 3 working days" in copied and "regulation 34" in copied
    assert "Copied the e-mail" in routes.status.text()
    routes.choose("council", "council-handling")
    assert not routes.template_button.isVisibleTo(routes)  # no mediation on this route


@pytest.mark.parametrize("typed", ["20/11/26", "20112026", "20 Nov 2026", "2026-11-20"])
def test_no_result_is_counted_from_a_date_other_than_the_words(
    qtbot, routes: RoutePanel, typed: str
) -> None:
    routes.choose("council", "refused-plan")
    type_date(qtbot, routes.date, typed)
    assert routes.date.words.text() == "Friday 20 November 2026"
    assert routes.advice.date == routes.date.date() == D(2026, 11, 20)
    assert all(d.start == routes.advice.date for d in routes.advice.deadlines)


# -- the calculator ----------------------------------------------------------------------------


def test_calculator_click_inside_a_prefilled_date_then_type(qtbot, calc: DeadlinePanel) -> None:
    """The blocker: the field held 01/11/2026 and typing 20/11/2026 kept the old date."""
    calc.set_rule("appeal")
    calc.start.set_date(D(2026, 11, 1))
    type_date(qtbot, calc.start, "20/11/2026")
    assert calc.current is not None and calc.current.start == D(2026, 11, 20)
    assert "Counted: 2 months from the decision letter sent on Friday 20 November 2026" in (
        calc.result.toPlainText()
    )


@pytest.mark.parametrize(
    "keys", [Qt.Key.Key_Home, Qt.Key.Key_End, (Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)]
)
def test_calculator_home_end_or_ctrl_a_then_type(qtbot, calc: DeadlinePanel, keys) -> None:
    calc.set_rule("appeal")
    calc.start.set_date(D(2026, 11, 1))
    edit = calc.start.edit
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton, pos=QPoint(edit.width() // 2, 5))
    qtbot.waitUntil(edit.hasFocus, timeout=2000)
    if isinstance(keys, tuple):
        qtbot.keyClick(edit, *keys)
    else:
        qtbot.keyClick(edit, keys)
    qtbot.keyClicks(edit, "20/11/2026")
    qtbot.keyClick(edit, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert calc.current.start == D(2026, 11, 20)


def test_calculator_appeal_over_christmas_and_copy(qtbot, calc: DeadlinePanel) -> None:
    calc.set_rule("appeal")
    type_date(qtbot, calc.start, "25/10/2026")
    text = calc.result.toPlainText()
    assert "Monday 4 January 2027" in text
    assert "Moved from Friday 25 December 2026" in text
    assert "r.20(1)(c)" in text and "34 days left." in text
    calc.copy.click()
    copied = QGuiApplication.clipboard().text()
    assert "Monday 4 January 2027" in copied and "Counted: 2 months from" in copied


def test_calculator_year_3122_is_refused_and_nothing_is_copied(qtbot, calc: DeadlinePanel) -> None:
    calc.set_rule("appeal")
    type_date(qtbot, calc.start, "20/11/3122")
    assert "Check the dates" in calc.result.toPlainText()
    assert "too far ahead" in calc.result.toPlainText()
    assert calc.current is None and not calc.copy.isEnabled()


def test_calculator_certificate_and_dated_only_where_the_rule_takes_them(
    qtbot, calc: DeadlinePanel
) -> None:
    calc.set_rule("final-plan")
    assert not calc.certificate.isVisibleTo(calc) and not calc.dated.isVisibleTo(calc)
    calc.set_rule("nhs-complaint")
    assert calc.noticed.isVisibleTo(calc)
    calc.set_rule("appeal")
    type_date(qtbot, calc.start, "01/10/2026")
    type_date(qtbot, calc.certificate, "15/11/2026")
    assert "Tuesday 15 December 2026" in calc.result.toPlainText()
    type_date(qtbot, calc.certificate, "15/09/2026")
    assert "Check the dates" in calc.result.toPlainText()
    assert not calc.copy.isEnabled()


def test_calculator_label_follows_the_rule_and_a_new_event_clears_the_date(
    qtbot, calc: DeadlinePanel
) -> None:
    calc.set_rule("assessment-decision")
    type_date(qtbot, calc.start, "01/10/2026")
    calc.set_rule("final-plan")  # the same event: the request received
    assert calc.start.date() == D(2026, 10, 1)
    calc.set_rule("draft-plan-comments")
    assert "draft plan was served" in calc.start_label.text()
    assert calc.start.edit.accessibleName() == "Date the draft plan was served"
    assert calc.start.date() is None
    assert "counts from a different event" in calc.result.toPlainText()


def test_calculator_lists_rules_under_headings_that_cannot_be_chosen(calc: DeadlinePanel) -> None:
    model = calc.rule.model()
    headings = [
        r for r in range(model.rowCount()) if model.item(r).data(Qt.ItemDataRole.UserRole) is None
    ]
    assert len(headings) == 7
    for row in headings:
        assert not model.item(row).isEnabled()
    calc.rule.setFocus()
    calc.set_rule("appeal")
    first = calc.rule.currentIndex()
    assert calc.rule.itemData(first) == "appeal"


def test_calculator_shows_medium_confidence_and_lateness(qtbot, calc: DeadlinePanel) -> None:
    calc.set_rule("recommendation-response")
    type_date(qtbot, calc.start, "10/11/2026")
    assert "Medium confidence" in calc.result.toPlainText()
    calc.set_rule("lgsco-complaint")
    type_date(qtbot, calc.start, "15/03/2026")
    text = calc.result.toPlainText()
    assert "Sunday 14 March 2027" in text and "does not move" in text
    assert "If this date is missed:" in text


# -- the whole window ----------------------------------------------------------------------------


def test_search_highlights_matches_in_the_text(window: MainWindow, qtbot) -> None:
    tab = window.guidance
    qtbot.keyClicks(tab.search, "certificate")
    selections = tab.text.extraSelections()
    assert selections
    assert all(s.cursor.selectedText().lower() == "certificate" for s in selections)
    assert "highlighted" in tab.matches.text()
    tab.search.clear()
    assert tab.text.extraSelections() == []


def test_window_route_finder_uses_the_date_typed(window: MainWindow, qtbot) -> None:
    """Through the real window (real clock): the date typed is the date counted from."""
    tab = window.guidance
    tab.pages.setCurrentWidget(tab.routes)
    tab.routes.choose("council", "refused-plan")
    soon = dt.date.today() + dt.timedelta(days=3)
    type_date(qtbot, tab.routes.date, short_date(soon))
    assert tab.routes.advice.date == soon
    assert f"Counting from {long_date(soon)}" in tab.routes.result.toPlainText()
    assert "provider:kids-sen-mediation" in tab.routes.result.toHtml()


def test_route_finder_links_open_provider_card_and_section(window: MainWindow) -> None:
    tab = window.guidance
    tab.pages.setCurrentWidget(tab.routes)
    tab.routes.result.anchorClicked.emit(QUrl("section:mediation"))
    assert tab.pages.currentIndex() == 0
    assert tab.current_section().id == "mediation"
    tab.routes.result.anchorClicked.emit(QUrl("provider:coventry-start"))
    assert window.tabs.currentWidget() is window.providers
    assert window.providers.current().id == "coventry-start"


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
        tab.routes.date.edit,
        tab.routes.dated.edit,
        tab.routes.certificate.edit,
        tab.calculator.rule,
        tab.calculator.start.edit,
        tab.calculator.result,
        tab.pages,
    ):
        assert widget.accessibleName()
    for button in (
        tab.routes.print_button,
        tab.routes.pdf_button,
        tab.routes.template_button,
        tab.calculator.copy,
    ):
        assert button.accessibleDescription() and "&" in button.text()


def test_guidance_sections_read_easily_offline(no_network: list[object]) -> None:
    """Flesch reading ease >= 60 for every section (tests/tools/readability.py), no network."""
    from tests.tools.readability import scores

    results = scores()
    assert len(results) >= 14
    assert all(score >= 60 for score in results.values()), results
    assert no_network == []


def test_exclusion_review_says_it_counts_school_days_the_app_cannot_know(
    qtbot, routes: RoutePanel
) -> None:
    routes.choose("school", "exclusions")
    type_date(qtbot, routes.date, "18/12/2026")
    text = routes.result.toPlainText()
    assert "Wednesday 13 January 2027" in text and "(an estimate)" in text
    assert "counts school days, which the app cannot know" in text
    assert "counts school days, which the app cannot know" in routes.handout()


def test_route_finder_names_your_own_service_or_says_how_to_find_one(
    qtbot, tmp_path, routes: RoutePanel
) -> None:
    from desktop.data.directory import FIND_SENDIASS

    routes.choose("council", "refused-plan")
    assert FIND_SENDIASS in routes.result.toPlainText()
    policy = tmp_path / "org.toml"
    policy.write_text(
        '[[provider]]\nid = "brookvale-sendiass"\nname = "Brookvale SENDIASS"\n'
        'kind = "sendiass"\nown = true\nphones = ["0121 496 0123"]\n'
        'email = "sendiass@example.org"\nsource = "Our own"\nchecked_on = 2026-11-20\n',
        encoding="utf-8",
    )
    mine = shown(
        qtbot,
        RoutePanel(
            ProviderDirectory(BUNDLED, data_dir=tmp_path / "data", policy_file=str(policy)),
            today=lambda: TODAY,
        ),
    )
    mine.choose("council", "refused-plan")
    text = mine.result.toPlainText()
    assert "Your service: Brookvale SENDIASS: 0121 496 0123, sendiass@example.org" in text
    assert FIND_SENDIASS not in text
