"""Keep the main window on the screen it opens on, at any scale.

At 150% a 1366×768 laptop has about 911×485 device-independent pixels to give; the window
used to open at 1100×720 (bigger than the screen, parts off-screen even maximised), and at
1920×1080 and 150% its status bar sat under the taskbar. The first run now takes the
preferred size or the screen's available size, whichever is smaller, leaving room for the
title bar; any later start (a remembered size from another screen or scale) is pulled back
inside once the real frame is known.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QWidget

PREFERRED = QSize(1100, 720)
FRAME_ALLOWANCE = QSize(16, 40)  # borders and a title bar, until the real frame is known


def first_run_geometry(
    available: QRect, preferred: QSize = PREFERRED, allowance: QSize = FRAME_ALLOWANCE
) -> QRect:
    """The window's geometry (without its frame) for a first start, centred in ``available``.

    ``allowance`` is the frame: half its width each side, its height less one border on top.
    """
    border = allowance.width() // 2
    width = max(1, min(preferred.width(), available.width() - allowance.width()))
    height = max(1, min(preferred.height(), available.height() - allowance.height()))
    left = available.x() + (available.width() - width - allowance.width()) // 2 + border
    top = available.y() + max(0, (available.height() - height - allowance.height()) // 2)
    return QRect(left, top + allowance.height() - border, width, height)


def fitted(frame: QRect, inner: QSize, available: QRect) -> tuple[QSize, QPoint] | None:
    """The (size, frame position) that puts a window inside ``available``; None if it fits.

    ``frame`` is the window with its frame, ``inner`` its size without.
    """
    if available.contains(frame):
        return None
    extra = frame.size() - inner
    width = min(inner.width(), available.width() - extra.width())
    height = min(inner.height(), available.height() - extra.height())
    outer_w, outer_h = width + extra.width(), height + extra.height()
    left = min(max(frame.x(), available.x()), available.x() + available.width() - outer_w)
    top = min(max(frame.y(), available.y()), available.y() + available.height() - outer_h)
    return QSize(width, height), QPoint(left, top)


def keep_on_screen(window: QWidget) -> bool:
    """Shrink and move ``window`` inside its screen's available geometry; True if it moved."""
    screen = window.screen()
    if screen is None or window.isMaximized() or window.isFullScreen():
        return False
    change = fitted(window.frameGeometry(), window.size(), screen.availableGeometry())
    if change is None:
        return False
    size, position = change
    window.resize(size)
    window.move(position)
    return True
