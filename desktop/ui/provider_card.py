"""One provider's card: what they do, how to reach them, where the details came from."""

from __future__ import annotations

import html

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from desktop.data.providers import origin_label
from desktop.data.records import KINDS, Provider
from desktop.ui import actions, plain
from desktop.ui.contact_buttons import ContactButtons


def provider_text(p: Provider) -> str:
    """All the details as plain text (Copy all details; the card's accessible description)."""
    lines = [p.name, KINDS.get(p.kind, p.kind)]
    if p.description:
        lines.append(p.description)
    lines += [f"Phone: {n}" for n in p.phones]
    if p.email:
        lines.append(f"E-mail: {p.email}")
    if p.website:
        lines.append(f"Website: {p.website}")
    if p.hours:
        lines.append(f"Opening hours: {p.hours}")
    if p.area:
        lines.append(f"Area served: {p.area}")
    lines.append(f"Source: {p.source} (checked {p.checked_on}; {origin_label(p)})")
    return "\n".join(lines)


def _link(url: QUrl | None, text: str) -> str:
    e = html.escape
    if url is None:
        return e(text)
    return f'<a href="{e(url.toString(QUrl.ComponentFormattingOption.FullyEncoded))}">{e(text)}</a>'


def provider_html(p: Provider) -> str:
    e = html.escape
    rows = [f"<h2>{e(p.name)}</h2>", f"<p><i>{e(KINDS.get(p.kind, p.kind))}</i></p>"]
    if p.description:
        rows.append(f"<p>{e(p.description)}</p>")
    details = []
    for number in p.phones:
        details.append(("Phone", _link(actions.tel_url(number), number)))
    if p.email:
        ok = actions.email_ok(p.email)
        details.append(("E-mail", _link(actions.mailto_url(p.email) if ok else None, p.email)))
    if p.website:
        details.append(("Website", _link(actions.website_url(p.website), p.website)))
    if p.hours:
        details.append(("Opening hours", e(p.hours)))
    if p.area:
        details.append(("Area served", e(p.area)))
    if details:
        rows.append('<table cellspacing="0" cellpadding="3">')
        rows += [
            f"<tr><th align='left'>{label}</th><td>{value}</td></tr>" for label, value in details
        ]
        rows.append("</table>")
    rows.append(
        f"<p><small>Source: {e(p.source)}.<br>Details checked on {e(p.checked_on)}; "
        f"{e(origin_label(p))}.</small></p>"
    )
    return "\n".join(rows)


class ProviderCard(QWidget):
    """The details (read-only rich text, links go through the allow-list) and the actions."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.provider: Provider | None = None
        self.text = QTextBrowser(self)
        self.text.setAccessibleName("Provider details")
        self.text.setOpenLinks(False)
        self.text.anchorClicked.connect(self._link_clicked)
        self.origin = plain.label(QLabel(self))  # names the organisation's file
        self.origin.setObjectName("providerOrigin")
        self.origin.setWordWrap(True)
        self.buttons = ContactButtons(self)
        self.feedback = plain.label(QLabel(self))  # repeats a copied number or address
        self.feedback.setObjectName("copyFeedback")
        self.feedback.setAccessibleName("Copy result")
        self.buttons.message.connect(self.feedback.setText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.origin)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.buttons)
        layout.addWidget(self.feedback)
        self.show_provider(None)

    def show_provider(self, p: Provider | None) -> None:
        self.provider = p
        self.feedback.clear()
        if p is None:
            self.text.setHtml("<p>No provider matches. Clear the filter to see them all.</p>")
            self.text.setAccessibleDescription("")
            self.origin.hide()
            self.buttons.set_contact()
            return
        self.text.setHtml(provider_html(p))
        self.text.setAccessibleDescription(provider_text(p))
        self.origin.setVisible(p.origin != "bundled")
        self.origin.setText(f"This card comes {origin_label(p)}.")
        self.origin.setStyleSheet(
            "QLabel#providerOrigin { background: #e7f1fb; color: #0b3a66; padding: 4px; "
            "border: 1px solid #7aa7d6; }"
        )
        self.buttons.set_contact(
            name=p.name,
            phones=p.phones,
            email=p.email,
            website=p.website,
            details=provider_text(p),
        )

    def toPlainText(self) -> str:
        return self.text.toPlainText()

    def _link_clicked(self, url: QUrl) -> None:
        if url.scheme() == "tel":
            number = next(
                (
                    n
                    for n in (self.provider.phones if self.provider else ())
                    if actions.tel_url(n) == url
                ),
                "",
            )
            actions.open_url(url, self.window(), display=number)
        else:
            actions.open_url(url, self.window())
