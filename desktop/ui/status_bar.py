"""The main window's status bar: where the data came from, how old it is, and what just happened.

:meth:`StatusBar.show_data` shows the open data's source, date and count, the DEMO DATA
mark, a warning when the data is older than the policy allows, and a notice (a damaged
file replaced, a central data file not used…). :meth:`StatusBar.confirm` shows a
confirmation (saved, copied, called…) for a few seconds, read out by screen readers.

Everything here is plain text: the source and the notices come from a feed, a file or a
path (review F4). The bar never widens the window: the source gives way first ("…", the
full text in its tooltip), then the notice, which stays on one line (a wrapped notice
was cut off by the bar's one-line height at 960 px).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from desktop.ui.widgets import ElidedLabel

STATUS_MS = 15_000  # how long a confirmation stays in the status bar
DEMO_STYLE = (
    "QLabel#demoLabel { background: #fff3cd; color: #5c4400; font-weight: bold; "
    "padding: 0 6px; border: 1px solid #c9a227; }"
)


def days_old(data_as_of: str, today: dt.date | None = None) -> int | None:
    try:
        when = dt.date.fromisoformat(data_as_of[:10])
    except ValueError:
        return None
    return ((today or dt.date.today()) - when).days


def stale_warning(meta: Mapping[str, str], stale_after_days: int, today: dt.date | None = None) -> str:
    """The sentence for data older than the policy allows ('' for fresh or demo data)."""
    age = days_old(meta.get("data_as_of", ""), today)
    if age is None or age <= stale_after_days or meta.get("is_demo") == "1":
        return ""
    return f"The Local Offer data is {age} days old: refresh it when you can."


class NoticeLabel(ElidedLabel):
    """One line that ends in "…" when there is no room; its tooltip is the longer version
    when one is given, else the full text when it is cut short."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent, least=12)
        self.details = ""

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)  # sets the tooltip to the text when it is cut short
        if self.details:
            self.setToolTip(self.details)


class StatusBar(QStatusBar):
    def __init__(self, stale_after_days: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stale_after_days = stale_after_days
        self._meta: dict[str, str] = {}
        self.source_label = ElidedLabel(parent=self)
        self.as_of_label, self.count_label = QLabel(self), QLabel(self)
        self.notice_label = NoticeLabel(self)
        self.demo_label = QLabel("DEMO DATA", self)
        self.demo_label.setObjectName("demoLabel")
        self.demo_label.setStyleSheet(DEMO_STYLE)
        self.demo_label.setAccessibleName("Demo data: the Local Offer services are fictional")
        for label in (self.source_label, self.as_of_label, self.count_label, self.notice_label):
            label.setTextFormat(Qt.TextFormat.PlainText)  # feed, file and path text (review F4)
            if label is not self.notice_label:
                label.setContentsMargins(4, 0, 12, 0)  # a gap between source, date and count
            self.addWidget(label, 1 if label is self.notice_label else 0)
        self.addPermanentWidget(self.demo_label)

    # -- the data -------------------------------------------------------------------------------
    def show_data(self, meta: Mapping[str, str], notice: str = "", details: str = "") -> None:
        """Provenance, the demo mark and notices for the data now open; ``notice`` (with
        ``details``, its longer version, as tooltip) stays until the data changes. A
        confirmation still showing (it was about what came before) makes way for them."""
        self.clearMessage()
        self._meta = dict(meta)
        self.source_label.setText(f"Data: {meta.get('source', 'unknown')}")
        as_of = meta.get("data_as_of", "")
        self.as_of_label.setText(f"Data as of {as_of}" if as_of else "Data date unknown")
        self.count_label.setText(f"{int(meta.get('service_count', '0') or 0):,} services")
        for label in (self.source_label, self.as_of_label, self.count_label):
            label.setAccessibleName(label.text())
        self.demo_label.setVisible(meta.get("is_demo") == "1")
        messages = [m for m in (notice, stale_warning(meta, self.stale_after_days)) if m]
        self.notice_label.setText(" ".join(messages))
        self.notice_label.details = details
        self.notice_label.setToolTip(details)
        self.notice_label.setAccessibleName(self.notice_label.text() or "No notices")
        self._fit()

    def set_notice(self, text: str, details: str = "") -> None:
        """A sentence that stays until the data changes (read out too); ``details``, the
        longer version, is its tooltip."""
        self.show_data(self._meta, text, details)
        self._announce(text)

    # -- confirmations ---------------------------------------------------------------------------
    def confirm(self, text: str) -> None:
        """A confirmation (saved, copied, called…), also read out by screen readers; the
        data's provenance comes back after STATUS_MS."""
        self.showMessage(text, STATUS_MS)
        self._announce(text)

    def _announce(self, text: str) -> None:
        from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent  # not at start

        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self, text))

    # -- giving way -------------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """Let the notice keep its whole line while the source can still give way.

        The bar's layout takes room from every label alike when it is short; the notice's
        minimum width is set to what it needs, but never more than is left once the
        source is down to its own minimum, so the bar (and the window) never grows.
        """
        notice = self.notice_label
        if not notice.text():
            notice.setMinimumWidth(0)
            return
        others = sum(
            w.sizeHint().width() + 8
            for w in (self.as_of_label, self.count_label, self.demo_label)
            if not w.isHidden()
        )
        room = self.width() - others - self.source_label.minimumSizeHint().width() - 40
        wanted = notice.fontMetrics().horizontalAdvance(notice.text()) + 4
        notice.setMinimumWidth(max(notice.minimumSizeHint().width(), min(wanted, room)))
