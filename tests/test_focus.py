"""Visible focus and no surprises from the keyboard (issue 13 §4).

Keys go to whatever has the keyboard focus, as a real keyboard's would.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

from desktop.ui import style
from desktop.ui.main_window import MainWindow

SHIFT = Qt.KeyboardModifier.ShiftModifier


def press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier):
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    qtbot.keyClick(target, key, modifier)


def has_focus(qtbot, widget: QWidget) -> None:
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=2000)


@pytest.fixture
def active(window: MainWindow, qtbot) -> MainWindow:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    return window


def ring_pixel(window: MainWindow, widget: QWidget) -> tuple[QColor, int]:
    """The colour at the middle of the ring's outer top edge, and the ring's thickness there
    (counted in the window's own pixels, so 200% would count twice as many)."""
    ring = style.focus_ring_around(widget)
    assert ring is not None, f"no focus ring around {widget.accessibleName() or widget}"
    image = window.grab().toImage()
    ratio = image.devicePixelRatio()
    top_left = ring.mapTo(window, QPoint(0, 0))
    x = round((top_left.x() + ring.width() // 2) * ratio)
    y = round(top_left.y() * ratio)
    colour = image.pixelColor(x, y)
    thickness = 0
    while image.pixelColor(x, y + thickness) == colour:
        thickness += 1
    return colour, thickness


def visit_every_stop(qtbot, most: int = 60):
    """Tab through the focus chain once, yielding each widget while it has the focus."""
    seen: list[QWidget] = []
    for _ in range(most):
        press(qtbot, Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        if widget in seen:
            return
        seen.append(widget)
        yield widget


def test_every_focus_stop_on_every_tab_gets_a_visible_ring(active: MainWindow, qtbot) -> None:
    """Buttons, boxes, lists, tab bars and text panes: the ring is drawn around each."""
    window = active
    outer, _inner = style.ring_colours()
    pages = [
        (window.guidance, window.guidance.pages.widget(n)) for n in range(3)
    ] + [(window.providers, None), (window.local_offer, None)]
    kinds = set()
    for tab, page in pages:
        window.tabs.setCurrentWidget(tab)
        if page is not None:
            window.guidance.pages.setCurrentWidget(page)
        tab.setFocus()
        press(qtbot, Qt.Key.Key_Tab)
        for widget in visit_every_stop(qtbot):
            colour, thickness = ring_pixel(window, widget)
            assert colour == outer, (widget.accessibleName(), colour.name())
            assert thickness >= style.RING_WIDTH
            kinds.add(type(widget).__name__)
    assert {"QListView", "QTextBrowser", "QPushButton", "QComboBox", "QLineEdit"} <= kinds


@pytest.fixture
def high_contrast(qapp):
    style.apply_contrast(qapp, "high")
    yield
    style.apply_contrast(qapp, "system")


@pytest.mark.usefixtures("high_contrast")
def test_high_contrast_ring_is_yellow_and_thicker(active: MainWindow, qtbot) -> None:
    window = active
    window.tabs.setCurrentWidget(window.local_offer)
    window.local_offer.results.setFocus()
    has_focus(qtbot, window.local_offer.results)
    colour, thickness = ring_pixel(window, window.local_offer.results)
    assert colour == style.HIGH_CONTRAST_RING
    assert thickness >= style.RING_WIDTH_HIGH_CONTRAST > style.RING_WIDTH
    assert QApplication.palette().color(QApplication.palette().ColorRole.Window) == QColor("black")


def test_ring_follows_the_focus_and_lets_clicks_through(active: MainWindow, qtbot) -> None:
    tab = active.local_offer
    active.tabs.setCurrentWidget(tab)
    tab.search.setFocus()
    has_focus(qtbot, tab.search)
    ring = style.focus_ring_around(tab.search)
    assert ring is not None and ring.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    assert ring.geometry().contains(tab.search.geometry())
    press(qtbot, Qt.Key.Key_Tab)
    assert style.focus_ring_around(tab.search) is None
    assert style.focus_ring_around(QApplication.focusWidget()) is not None


def test_ring_survives_the_tabs_being_rebuilt_under_it(active: MainWindow, qtbot) -> None:
    """A refresh rebuilds every tab: the ring must not hold on to the old widgets."""
    old = active.local_offer
    active.tabs.setCurrentWidget(old)
    old.results.setFocus()
    has_focus(qtbot, old.results)
    active.reload_store()
    qtbot.waitUntil(lambda: active.local_offer is not old)
    active.local_offer.results.setFocus()
    has_focus(qtbot, active.local_offer.results)
    assert style.focus_ring_around(active.local_offer.results) is not None


# -- the Local Offer: Enter, Esc, Tab ------------------------------------------------------
def test_enter_reads_the_details_tab_moves_on_esc_returns(active: MainWindow, qtbot) -> None:
    tab = active.local_offer
    active.tabs.setCurrentWidget(tab)
    tab.search.setFocus()
    qtbot.keyClicks(tab.search, "speech")
    press(qtbot, Qt.Key.Key_Down)
    has_focus(qtbot, tab.results)
    press(qtbot, Qt.Key.Key_Return)
    has_focus(qtbot, tab.details)
    press(qtbot, Qt.Key.Key_Tab)  # one stop: straight on to the buttons, not into its links
    has_focus(qtbot, tab.add_button)
    press(qtbot, Qt.Key.Key_Tab, SHIFT)
    has_focus(qtbot, tab.details)
    press(qtbot, Qt.Key.Key_Tab, SHIFT)
    has_focus(qtbot, tab.results)
    press(qtbot, Qt.Key.Key_Return)
    has_focus(qtbot, tab.details)
    press(qtbot, Qt.Key.Key_Escape)
    has_focus(qtbot, tab.results)
    assert tab.results.currentIndex().row() == 0  # back on the service it came from


def test_filter_tab_order_follows_the_screen(active: MainWindow, qtbot) -> None:
    """Left to right along each line of filters, then the next line (they wrap)."""
    tab = active.local_offer
    active.tabs.setCurrentWidget(tab)
    for width in (1280, 700):  # one line, then wrapped onto more
        active.resize(width, 700)
        qtbot.waitUntil(lambda width=width: active.width() == width)
        QApplication.processEvents()
        tab.search.setFocus()
        has_focus(qtbot, tab.search)
        visited = []
        while True:
            press(qtbot, Qt.Key.Key_Tab)
            widget = QApplication.focusWidget()
            if not tab.filters.isAncestorOf(widget) and widget is not tab.filters:
                break
            visited.append(widget)
        # The filters lead on to the Nearest first row below them, then to the results.
        while tab.nearest.isAncestorOf(widget):
            press(qtbot, Qt.Key.Key_Tab)
            widget = QApplication.focusWidget()
        assert widget is tab.results
        def place(w: QWidget) -> tuple[int, int]:
            centre = w.mapTo(tab, w.rect().center())
            return (w.mapTo(tab, QPoint(0, 0)).y() // 10, centre.x())

        assert visited == sorted(visited, key=place), [w.accessibleName() for w in visited]
        assert len(visited) >= 6


# -- combo boxes and stray keys --------------------------------------------------------------
def test_a_stray_arrow_key_on_the_route_combo_opens_it_instead_of_changing_it(
    active: MainWindow, qtbot
) -> None:
    routes = active.guidance.routes
    active.tabs.setCurrentWidget(active.guidance)
    active.guidance.pages.setCurrentWidget(routes)
    routes.who.setFocus()
    has_focus(qtbot, routes.who)
    before, topic_before = routes.who.currentIndex(), routes.topic.currentData()
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_End, Qt.Key.Key_PageDown):
        qtbot.keyClick(routes.who, key)
        qtbot.waitUntil(routes.who.view().isVisible, timeout=2000)
        assert routes.who.currentIndex() == before and routes.topic.currentData() == topic_before
        qtbot.keyClick(routes.who.view(), Qt.Key.Key_Escape)  # Esc: closed, nothing changed
        qtbot.waitUntil(lambda: not routes.who.view().isVisible(), timeout=2000)
        assert routes.who.currentIndex() == before
    # In the open list the arrows move and Enter chooses.
    qtbot.keyClick(routes.who, Qt.Key.Key_Down)
    qtbot.waitUntil(routes.who.view().isVisible, timeout=2000)
    qtbot.keyClick(routes.who.view(), Qt.Key.Key_Down)
    qtbot.keyClick(routes.who.view(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: routes.who.currentIndex() == before + 1, timeout=2000)


def test_the_mouse_wheel_does_not_change_a_closed_combo(active: MainWindow, qtbot) -> None:
    box = active.guidance.routes.who
    before = box.currentIndex()
    wheel = QWheelEvent(
        box.rect().center().toPointF(),
        box.mapToGlobal(box.rect().center()).toPointF(),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(box, wheel)
    assert box.currentIndex() == before


def test_every_closed_list_box_in_the_window_is_guarded(active: MainWindow) -> None:
    active.build_every_tab()  # each tab (and sub-tab) is built when first shown
    boxes = [b for b in active.findChildren(QComboBox) if not b.isEditable()]
    assert len(boxes) >= 5  # route finder (2), calculator, providers' kind, two filters
    assert all(b.property("comboGuarded") for b in boxes)
    active.reload_store()  # new tabs after a refresh are guarded too
    assert all(
        b.property("comboGuarded") for b in active.findChildren(QComboBox) if not b.isEditable()
    )


@pytest.mark.parametrize(
    ("rect", "width"),
    [((0, 0, 40, 30), 1), ((2, 3, 40, 30), 3), ((5, 5, 9, 9), 4), ((0, 0, 1, 1), 1)],
)
@pytest.mark.parametrize("scale", [1.0, 1.5, 2.0])
def test_the_ring_bands_fill_exactly_what_fill_rect_fills(
    qapp, rect: tuple[int, int, int, int], width: int, scale: float
) -> None:
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QColor, QImage, QPainter

    from desktop.ui import style

    def draw(frame) -> QImage:  # type: ignore[no-untyped-def]
        image = QImage(int(60 * scale), int(50 * scale), QImage.Format.Format_ARGB32)
        image.setDevicePixelRatio(scale)
        image.fill(0)
        painter = QPainter(image)
        frame(painter, QRect(*rect), width, QColor(200, 30, 60))
        painter.end()
        return image

    def fill_rect(painter, r, w, colour) -> None:  # type: ignore[no-untyped-def]
        painter.fillRect(QRect(r.left(), r.top(), r.width(), w), colour)
        painter.fillRect(QRect(r.left(), r.bottom() - w + 1, r.width(), w), colour)
        painter.fillRect(QRect(r.left(), r.top(), w, r.height()), colour)
        painter.fillRect(QRect(r.right() - w + 1, r.top(), w, r.height()), colour)

    ours, reference = draw(style._frame), draw(fill_rect)
    assert ours == reference
    assert ours != draw(lambda *args: None)  # something was drawn
