"""How the whole app looks: text size, colours and a keyboard focus ring you can always see.

- **Text size** is a percentage of the system's own font, applied to the application font
  (every widget follows, and the choice is remembered in ``Preferences``).
- **Colours** follow the system (light, dark or the system's high-contrast theme) unless the
  user picks the app's high-contrast palette (white and yellow on black).
- **Focus ring**: one ring widget follows the keyboard focus and draws a two-tone ring (the palette's highlight colour outside, a light line inside) around
  whatever has the focus: buttons, boxes, lists, tab bars and the text panes, which the
  platform styles mark faintly or not at all. Sizes are in device-independent pixels, so
  the ring scales with the screen (3 px at 100%, 6 at 200%); it is thicker in high contrast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPaintEvent,
    QPalette,
    QRegion,
    QResizeEvent,
)
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QFont

SYSTEM_FONT_PROPERTY = "sendDeskSystemFont"
CONTRAST_PROPERTY = "sendDeskContrast"
RING_WIDTH = 3  # outer ring, device-independent pixels
RING_WIDTH_HIGH_CONTRAST = 4
HIGH_CONTRAST_RING = QColor("#ffff00")


# -- text size -------------------------------------------------------------------------------------
def system_font(app: QApplication) -> QFont:
    """The font the app started with (the system's), remembered before the first change."""
    from PySide6.QtGui import QFont  # only when the text size changes: not made at start

    stored = app.property(SYSTEM_FONT_PROPERTY)
    if not isinstance(stored, QFont):
        stored = QFont(app.font())
        app.setProperty(SYSTEM_FONT_PROPERTY, stored)
    return QFont(stored)


def apply_text_scale(app: QApplication, percent: int) -> QFont:
    """Make every widget's text ``percent`` % of the system's size; returns the new font."""
    font = system_font(app)
    if font.pointSizeF() > 0:
        font.setPointSizeF(round(font.pointSizeF() * percent / 100, 1))
    elif font.pixelSize() > 0:
        font.setPixelSize(max(6, round(font.pixelSize() * percent / 100)))
    app.setFont(font)
    # Qt leaves widgets with a style sheet of their own (the demo banner, the DEMO DATA
    # mark, the provider origin note) at the old size; setting the sheet again re-reads it.
    for widget in app.allWidgets():
        if widget.testAttribute(Qt.WidgetAttribute.WA_StyleSheet) and widget.styleSheet():
            widget.setStyleSheet(widget.styleSheet())
    return font


# -- colours ---------------------------------------------------------------------------------------
def high_contrast_palette() -> QPalette:
    """White text on black, yellow links, cyan selection; disabled text still 7:1 on black."""
    black, white = QColor("#000000"), QColor("#ffffff")
    pal = QPalette()
    roles = QPalette.ColorRole
    for role, colour in (
        (roles.Window, black),
        (roles.WindowText, white),
        (roles.Base, black),
        (roles.AlternateBase, QColor("#1c1c1c")),
        (roles.Text, white),
        (roles.Button, black),
        (roles.ButtonText, white),
        (roles.BrightText, QColor("#ffff00")),
        (roles.Highlight, QColor("#1aebff")),
        (roles.HighlightedText, black),
        (roles.Link, QColor("#ffff00")),
        (roles.LinkVisited, QColor("#ffff00")),
        (roles.ToolTipBase, black),
        (roles.ToolTipText, white),
        (roles.PlaceholderText, QColor("#c8c8c8")),
        (roles.Light, QColor("#ffffff")),
        (roles.Midlight, QColor("#bfbfbf")),
        (roles.Mid, QColor("#a0a0a0")),
        (roles.Dark, QColor("#ffffff")),
        (roles.Shadow, QColor("#ffffff")),
    ):
        pal.setColor(role, colour)
    disabled = QColor("#9a9a9a")
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return pal


def system_wants_high_contrast() -> bool:
    """The system's own high-contrast setting (Windows high contrast, GNOME/KDE), if Qt knows."""
    hints = QApplication.styleHints()
    accessibility = getattr(hints, "accessibility", None)
    if accessibility is None:
        return False
    try:
        return accessibility().contrastPreference() == Qt.ContrastPreference.HighContrast
    except AttributeError:  # Qt older than 6.10
        return False


def apply_contrast(app: QApplication, contrast: str) -> None:
    """'high': the app's palette; 'system': whatever the system gives (light, dark or its
    own high-contrast colours), restored by setting an empty palette."""
    app.setProperty(CONTRAST_PROPERTY, contrast)
    app.setPalette(high_contrast_palette() if contrast == "high" else QPalette())


def high_contrast(app: QApplication | None = None) -> bool:
    found = app if app is not None else QApplication.instance()
    if found is None:
        return False
    return found.property(CONTRAST_PROPERTY) == "high" or system_wants_high_contrast()


def apply_appearance(app: QApplication, text_scale: int, contrast: str) -> None:
    apply_text_scale(app, text_scale)
    apply_contrast(app, contrast)


# -- the focus ring --------------------------------------------------------------------------------
def ring_width() -> int:
    return RING_WIDTH_HIGH_CONTRAST if high_contrast() else RING_WIDTH


def ring_colours() -> tuple[QColor, QColor]:
    """(outer, inner): the palette's highlight with a line of the base colour inside it, so
    the ring stands out on light, dark and coloured backgrounds; yellow on black in high
    contrast."""
    if high_contrast():
        return HIGH_CONTRAST_RING, QColor("#000000")
    pal = QApplication.palette()
    return pal.color(QPalette.ColorRole.Highlight), pal.color(QPalette.ColorRole.Base)


class FocusRing(QWidget):
    """A ring around the focused widget, drawn by a sibling just above it.

    It sits in the widget's own parent (so it moves and hides with it) and reaches past the
    widget's edge where there is room, and over the widget's border where there is not.
    Mouse clicks pass through and the inside is masked off, so the widget stays usable.
    (Qt's ``QFocusFrame`` does the same job but keeps a raw pointer to the widget, which
    crashed when a refresh rebuilt the tabs under it.)
    """

    def __init__(self) -> None:
        super().__init__(None)
        self.setObjectName("focusRing")
        # A sibling must not become a pane of a QSplitter or an item of a layout.
        self.setAttribute(Qt.WidgetAttribute.WA_NoChildEventsForParent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._target: QWidget | None = None

    def target(self) -> QWidget | None:
        target = self._target
        return target if target is not None and shiboken6.isValid(target) else None

    def follow(self, widget: QWidget | None) -> None:
        old = self.target()
        if old is not None and old is not widget:
            old.removeEventFilter(self)
        self._target = widget
        parent = widget.parentWidget() if widget is not None else None
        if widget is None or parent is None:
            self.hide()
            return
        if old is not widget:
            widget.installEventFilter(self)
        if self.parentWidget() is not parent:
            self.setParent(parent)
        self.place()

    def place(self) -> None:
        target, parent = self.target(), self.parentWidget()
        if target is None or parent is None or not target.isVisible():
            self.hide()
            return
        grow = ring_width() + 1
        self.setGeometry(target.geometry().adjusted(-grow, -grow, grow, grow) & parent.rect())
        self.show()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.target() and event.type() in (
            QEvent.Type.Move,
            QEvent.Type.Resize,
            QEvent.Type.Show,
            QEvent.Type.Hide,
            QEvent.Type.ZOrderChange,
        ):
            self.place()
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:
        band = ring_width() + 1  # the ring and its inner line
        outer = self.rect()
        self.setMask(QRegion(outer).subtracted(QRegion(outer.adjusted(band, band, -band, -band))))
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        outer, inner = ring_colours()
        width = ring_width()
        painter = QPainter(self)
        _frame(painter, self.rect(), width, outer)  # filled bands: exact at any scale
        _frame(painter, self.rect().adjusted(width, width, -width, -width), 1, inner)


def _frame(painter: QPainter, rect: QRect, width: int, colour: QColor) -> None:
    # Brush-filled rectangles with no pen: the same pixels as fillRect, whose overloads make
    # PySide build QGradient's 169-member Preset enum at the first paint (~1.3 ms, issue 16).
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawRect(QRect(rect.left(), rect.top(), rect.width(), width))
    painter.drawRect(QRect(rect.left(), rect.bottom() - width + 1, rect.width(), width))
    painter.drawRect(QRect(rect.left(), rect.top(), width, rect.height()))
    painter.drawRect(QRect(rect.right() - width + 1, rect.top(), width, rect.height()))


class FocusRings(QObject):
    """Moves the one ring to whatever gets the keyboard focus (``QApplication.focusChanged``)."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName("focusRings")
        self._ring: FocusRing | None = None
        app.focusChanged.connect(self._moved)

    def ring(self) -> FocusRing:
        if self._ring is None or not shiboken6.isValid(self._ring):
            self._ring = FocusRing()  # the first, or the last went with a closed dialog
        return self._ring

    def _moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and not shiboken6.isValid(new):
            new = None
        target = new if new is not None and not new.isWindow() else None
        self.ring().follow(target)


def install_focus_rings(app: QApplication) -> FocusRings:
    """Once per application (a second call returns the first)."""
    existing = app.findChild(FocusRings, "focusRings")
    return existing if existing is not None else FocusRings(app)


def focus_ring_around(widget: QWidget) -> FocusRing | None:
    """The visible ring drawn around ``widget``, if there is one (for tests and checks)."""
    app = QApplication.instance()
    rings = app.findChild(FocusRings, "focusRings") if app is not None else None
    if rings is None:
        return None
    ring = rings.ring()
    return ring if ring.target() is widget and ring.isVisible() else None
