"""Local Offer browser tab: search as you type, results list, details pane."""

from __future__ import annotations

import html

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtWidgets import (
    QLabel,
    QSizePolicy,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.data.records import ServiceDetail
from desktop.data.store import Store
from desktop.ui import actions
from desktop.ui.models import ROW_ROLE, ServiceListModel
from desktop.ui.widgets import list_view, search_box

DEBOUNCE_MS = 120
DEMO_NOTICE = (
    "Demo data: these services are fictional (Brookvale City Council does not exist). "
    "Refresh from your council's Local Offer to see real services."
)


def service_html(s: ServiceDetail, demo: bool) -> str:
    e = html.escape
    parts = [f"<h2>{e(s.name)}</h2>"]
    if demo:
        parts.append("<p><b>Demo data — fictional service.</b></p>")
    if s.organisation:
        parts.append(f"<p><i>{e(s.organisation)}</i></p>")
    facts = [s.ages_text, "Free" if s.is_free else (s.cost_text or "Cost not given")]
    if s.is_free and s.cost_text and s.cost_text != "Free":
        facts[-1] = s.cost_text
    parts.append(f"<p>{e(' · '.join(facts))}</p>")
    if s.description:
        paragraphs = "".join(f"<p>{e(p)}</p>" for p in s.description.split("\n") if p.strip())
        parts.append(paragraphs)
    contact_rows = []
    for c in s.contacts:
        bits = [e(c.name)] if c.name else []
        if c.phone:
            url = actions.tel_url(c.phone)
            bits.append(f'<a href="{e(url.toString())}">{e(c.phone)}</a>' if url else e(c.phone))
        if c.email:
            bits.append(f'<a href="{e(actions.mailto_url(c.email).toString())}">{e(c.email)}</a>')
        contact_rows.append(" · ".join(bits))
    if s.email and all(s.email != c.email for c in s.contacts):
        contact_rows.append(
            f'<a href="{e(actions.mailto_url(s.email).toString())}">{e(s.email)}</a>'
        )
    if s.url:
        contact_rows.append(f'<a href="{e(s.url)}">{e(s.url)}</a>')
    if contact_rows:
        parts.append("<h3>Contact</h3>" + "".join(f"<p>{r}</p>" for r in contact_rows))
    if s.address:
        parts.append(f"<h3>Where</h3><p>{e(s.address)}</p>")
    if s.schedule:
        parts.append("<h3>When</h3>" + "".join(f"<p>{e(x)}</p>" for x in s.schedule.split("\n")))
    if s.eligibility:
        parts.append(f"<h3>Who can use it</h3><p>{e(s.eligibility)}</p>")
    tags = ", ".join(s.categories + s.needs)
    if tags:
        parts.append(f"<p><small>Categories: {e(tags)}</small></p>")
    if s.area:
        parts.append(f"<p><small>Area: {e(s.area)}</small></p>")
    if s.last_modified:
        parts.append(
            f"<p><small>Last updated by the publisher: {e(s.last_modified[:10])}</small></p>"
        )
    return "\n".join(parts)


class LocalOfferTab(QWidget):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Local Offer")
        self._store = store
        self._demo = store.is_demo
        self.search = search_box(
            "Search services, e.g. speech therapy Riverside (Ctrl+F)",
            "Search the Local Offer",
            self,
        )
        self.count = QLabel(self)
        self.count.setAccessibleName("Number of results")
        self.model = ServiceListModel(store, self)
        self.results = list_view("Local Offer results", self)
        self.results.setModel(self.model)
        self.details = QTextBrowser(self)
        self.details.setAccessibleName("Service details")
        self.details.setOpenLinks(False)
        self.details.anchorClicked.connect(lambda url: actions.open_url(QUrl(url), self))
        self.demo_banner = QLabel(DEMO_NOTICE, self)
        self.demo_banner.setObjectName("demoBanner")
        self.demo_banner.setWordWrap(True)
        self.demo_banner.setStyleSheet(
            "QLabel#demoBanner { background: #fff3cd; color: #5c4400; padding: 6px; "
            "border: 1px solid #c9a227; }"
        )
        self.demo_banner.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.demo_banner.setVisible(self._demo)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self.run_search)

        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.search)
        column.addWidget(self.count)
        column.addWidget(self.results)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.demo_banner)
        layout.addWidget(splitter)

        self.results.selectionModel().currentChanged.connect(lambda cur, _p: self._show(cur.row()))
        self.run_search()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def run_search(self) -> None:
        self._timer.stop()
        self.model.set_query(self.search.text())
        total = self.model.total
        if total:
            self.count.setText(f"{total:,} service{'s' if total != 1 else ''}")
            self.results.setCurrentIndex(self.model.index(0))
        else:
            self.count.setText("No services match. Try fewer or different words.")
            self.details.clear()

    def _show(self, row: int) -> None:
        summary = self.model.row_object(row)
        detail = self._store.service(summary.id) if summary else None
        if detail is None:
            self.details.clear()
            return
        self.details.setHtml(service_html(detail, self._demo))

    def current_service_id(self) -> str | None:
        summary = self.results.currentIndex().data(ROW_ROLE)
        return summary.id if summary else None
