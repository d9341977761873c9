"""Provider directory tab: a filterable list and a card with Call / Email / Website / Copy."""

from __future__ import annotations

import html

from PySide6.QtCore import QItemSelectionModel, QUrl
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.data.records import KINDS, Provider
from desktop.data.store import Store
from desktop.ui import actions
from desktop.ui.models import ROW_ROLE, ProviderModel
from desktop.ui.widgets import list_view, search_box


def provider_text(p: Provider) -> str:
    lines = [p.name, KINDS.get(p.kind, p.kind)]
    if p.description:
        lines.append(p.description)
    lines += [f"Phone: {n}" for n in p.phones]
    if p.email:
        lines.append(f"E-mail: {p.email}")
    if p.website:
        lines.append(f"Website: {p.website}")
    if p.hours:
        lines.append(f"Hours: {p.hours}")
    lines.append(f"Source: {p.source} (checked {p.checked_on})")
    return "\n".join(lines)


def provider_html(p: Provider) -> str:
    e = html.escape
    rows = [f"<h2>{e(p.name)}</h2>", f"<p><i>{e(KINDS.get(p.kind, p.kind))}</i></p>"]
    if p.description:
        rows.append(f"<p>{e(p.description)}</p>")
    for number in p.phones:
        url = actions.tel_url(number)
        link = f'<a href="{e(url.toString())}">{e(number)}</a>' if url else e(number)
        rows.append(f"<p>Phone: {link}</p>")
    if p.email:
        rows.append(
            f'<p>E-mail: <a href="{e(actions.mailto_url(p.email).toString())}">{e(p.email)}</a></p>'
        )
    if p.website:
        rows.append(f'<p>Website: <a href="{e(p.website)}">{e(p.website)}</a></p>')
    if p.hours:
        rows.append(f"<p>Opening hours: {e(p.hours)}</p>")
    if p.area:
        rows.append(f"<p>Area served: {e(p.area)}</p>")
    origin = "bundled with the app" if p.origin == "bundled" else f"from {e(p.origin)}"
    rows.append(
        f"<p><small>Source: {e(p.source)}. Details checked on {e(p.checked_on)}; {origin}.</small></p>"
    )
    return "\n".join(rows)


class ProvidersTab(QWidget):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Providers")
        self._all = store.providers()
        self.search = search_box("Filter providers (Ctrl+F)", "Filter providers", self)
        self.model = ProviderModel(self._all, self)
        self.list = list_view("Providers", self)
        self.list.setModel(self.model)
        self.card = QTextBrowser(self)
        self.card.setAccessibleName("Provider details")
        self.card.setOpenLinks(False)
        self.card.anchorClicked.connect(lambda url: actions.open_url(url, self))

        self.call = QPushButton("&Call", self)
        self.email = QPushButton("&Email", self)
        self.website = QPushButton("&Website", self)
        self.copy = QPushButton("Cop&y details", self)
        for button, desc in (
            (self.call, "Call the provider's first phone number"),
            (self.email, "Write an e-mail to the provider"),
            (self.website, "Open the provider's website"),
            (self.copy, "Copy all the provider's details as text"),
        ):
            button.setAccessibleDescription(desc)
            button.setToolTip(desc)
        self.call.clicked.connect(self._call)
        self.email.clicked.connect(self._email)
        self.website.clicked.connect(self._website)
        self.copy.clicked.connect(self._copy)

        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.search)
        column.addWidget(self.list)
        right = QWidget(self)
        card_column = QVBoxLayout(right)
        card_column.setContentsMargins(0, 0, 0, 0)
        card_column.addWidget(self.card)
        buttons = QHBoxLayout()
        for b in (self.call, self.email, self.website, self.copy):
            buttons.addWidget(b)
        buttons.addStretch(1)
        card_column.addLayout(buttons)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 2)
        QHBoxLayout(self).addWidget(splitter)

        self.list.selectionModel().currentChanged.connect(lambda cur, _p: self._show(cur.row()))
        self.search.textChanged.connect(self._filter)
        if self._all:
            self.list.setCurrentIndex(self.model.index(0))
        else:
            self._show(-1)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def current(self) -> Provider | None:
        return self.list.currentIndex().data(ROW_ROLE)

    def _filter(self, text: str) -> None:
        words = text.lower().split()
        rows = [p for p in self._all if all(w in provider_text(p).lower() for w in words)]
        self.model.set_rows(rows)
        if rows:
            self.list.setCurrentIndex(self.model.index(0))
        else:
            self._show(-1)

    def show_provider(self, provider_id: str) -> bool:
        if self.model.find(lambda p: p.id == provider_id) < 0:
            self.search.clear()
        row = self.model.find(lambda p: p.id == provider_id)
        if row < 0:
            return False
        self.list.selectionModel().setCurrentIndex(
            self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        return True

    def _show(self, row: int) -> None:
        provider = self.model.row_object(row)
        if provider is None:
            self.card.setHtml("<p>No provider matches. Clear the filter to see them all.</p>")
        else:
            self.card.setHtml(provider_html(provider))
            self.card.setAccessibleDescription(provider_text(provider))
        self.call.setEnabled(bool(provider and provider.phones))
        self.email.setEnabled(bool(provider and provider.email))
        self.website.setEnabled(bool(provider and provider.website))
        self.copy.setEnabled(provider is not None)

    def _call(self) -> None:
        p = self.current()
        url = actions.tel_url(p.phones[0]) if p and p.phones else None
        if url is not None:
            actions.open_url(url, self)

    def _email(self) -> None:
        p = self.current()
        if p and p.email:
            actions.open_url(actions.mailto_url(p.email), self)

    def _website(self) -> None:
        p = self.current()
        if p and p.website:
            actions.open_url(QUrl(p.website), self)

    def _copy(self) -> None:
        p = self.current()
        if p:
            actions.copy_text(provider_text(p))
