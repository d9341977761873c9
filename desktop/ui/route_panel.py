"""Route finder panel: two plain questions, then the routes in order, with deadlines and contacts."""

from __future__ import annotations

import html

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.data.deadlines import SAFETY_NOTE, long_date
from desktop.data.records import Provider
from desktop.data.routes import WHO, RouteAdvice, find_routes, topics_for
from desktop.ui import actions
from desktop.ui.deadline_panel import date_edit, to_date, wide_combo
from desktop.ui.guidance_handout import HANDOUT_TITLE, handout_html


def advice_html(advice: RouteAdvice, providers: dict[str, Provider]) -> str:
    e = html.escape
    parts = [f"<h3>{e(advice.topic.label)}</h3>"]
    if advice.topic.note:
        parts.append(f"<p><i>{e(advice.topic.note)}</i></p>")
    if advice.deadlines:
        parts.append("<p><b>Deadlines for the date entered:</b></p><ul>")
        for d in advice.deadlines:
            moved = f" (moved from {e(long_date(d.moved_from))})" if d.moved_from else ""
            parts.append(
                f"<li>{e(d.label)}: <b>{e(long_date(d.deadline))}</b>{moved}. "
                f"<small>Rule: {e(d.citation)}</small></li>"
            )
        parts.append(f"</ul><p><b>{e(SAFETY_NOTE)}</b></p>")
    parts.append("<ol>")
    for step in advice.steps:
        links = [f"<a href='section:{e(step.section)}'>Read more</a>"]
        links += [
            f"<a href='provider:{e(p)}'>{e(providers[p].name if p in providers else p)}</a>"
            for p in step.providers
        ]
        parts.append(
            f"<li><p><b>{e(step.title)}</b><br>{e(step.involves)}<br>"
            f"<i>Time limit:</i> {e(step.time_limit)}<br>{' · '.join(links)}</p></li>"
        )
    parts.append("</ol>")
    return "".join(parts)


class RoutePanel(QWidget):
    provider_requested = Signal(str)
    section_requested = Signal(str)
    status_message = Signal(str)  # after the handout is printed or saved

    def __init__(self, providers: list[Provider], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Route finder")
        self.providers = providers
        self.who = wide_combo(QComboBox(self))
        self.who.setAccessibleName("Who made the decision")
        for key, label in WHO.items():
            self.who.addItem(label, key)
        self.topic = wide_combo(QComboBox(self))
        self.topic.setAccessibleName("What the disagreement is about")
        self.use_date = QCheckBox("Work out d&eadlines from a date", self)
        self.date_label = QLabel(self)
        self.date = date_edit("Date", self)
        self.date_label.setBuddy(self.date)
        self.use_certificate = QCheckBox("&Mediation certificate issued on", self)
        self.certificate = date_edit("Mediation certificate date", self)
        self.result = QTextBrowser(self)
        self.result.setAccessibleName("Routes that apply")
        self.result.setOpenLinks(False)
        self.result.anchorClicked.connect(self._link)
        # Alt+P and Alt+D belong to the Providers and Disagreement guidance tabs.
        self.print_button = QPushButton("Pr&int handout…", self)
        self.print_button.setAccessibleDescription("Print a one-page handout for the family")
        self.pdf_button = QPushButton("Sa&ve handout as PDF…", self)
        self.pdf_button.setAccessibleDescription("Save the one-page handout as a PDF file")
        self.print_button.clicked.connect(self.print_handout)
        self.pdf_button.clicked.connect(self.save_handout)
        self.advice: RouteAdvice | None = None

        form = QFormLayout()
        who_label = QLabel("&Who made the decision?", self)
        who_label.setBuddy(self.who)
        topic_label = QLabel("What is it &about?", self)
        topic_label.setBuddy(self.topic)
        form.addRow(who_label, self.who)
        form.addRow(topic_label, self.topic)
        form.addRow(self.use_date)
        form.addRow(self.date_label, self.date)
        form.addRow(self.use_certificate, self.certificate)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.result, 1)
        layout.addLayout(buttons)

        self.who.currentIndexChanged.connect(self._fill_topics)
        self.topic.currentIndexChanged.connect(self.update_result)
        for box in (self.use_date, self.use_certificate):
            box.toggled.connect(self.update_result)
        for edit in (self.date, self.certificate):
            edit.dateChanged.connect(self.update_result)
        self._fill_topics()

    def _fill_topics(self) -> None:
        self.topic.blockSignals(True)
        self.topic.clear()
        for topic in topics_for(self.who.currentData()):
            self.topic.addItem(topic.label, topic.id)
        self.topic.blockSignals(False)
        self.update_result()

    def choose(self, who: str, topic: str) -> None:
        self.who.setCurrentIndex(self.who.findData(who))
        self.topic.setCurrentIndex(self.topic.findData(topic))

    def update_result(self) -> None:
        topic_id = self.topic.currentData()
        if topic_id is None:
            return
        topic = find_routes(topic_id).topic
        has_date = bool(topic.date_rules)
        self.use_date.setEnabled(has_date)
        self.date_label.setText(f"{topic.date_label or 'Date'}:")
        self.date.setAccessibleName(topic.date_label or "Date")
        self.date.setEnabled(has_date and self.use_date.isChecked())
        appeal = "appeal" in topic.date_rules and self.date.isEnabled()
        self.use_certificate.setEnabled(appeal)
        self.certificate.setEnabled(appeal and self.use_certificate.isChecked())
        date = to_date(self.date) if self.date.isEnabled() else None
        cert = to_date(self.certificate) if self.certificate.isEnabled() else None
        if date is not None and cert is not None and cert < date:
            self.advice = find_routes(topic_id, date)
            warning = (
                "<p><b>The certificate date is before the letter date, so it is ignored.</b></p>"
            )
        else:
            self.advice = find_routes(topic_id, date, certificate=cert)
            warning = ""
        by_id = {p.id: p for p in self.providers}
        self.result.setHtml(warning + advice_html(self.advice, by_id))

    def print_handout(self) -> None:
        from desktop.ui import printing  # QtPrintSupport loads on first use, not at start-up

        if printing.print_dialog(self.handout(), HANDOUT_TITLE, self, fit_pages=1):
            self.status_message.emit("Sent the handout to the printer.")

    def save_handout(self) -> None:
        from desktop.ui import printing

        path = printing.save_pdf_dialog(
            self.handout(), HANDOUT_TITLE, "family-handout.pdf", self, fit_pages=1
        )
        if path is not None:
            self.status_message.emit(f"Saved the handout as {path.name} in {path.parent}.")

    def handout(self) -> str:
        assert self.advice is not None
        return handout_html(self.advice, self.providers, self.who.currentText())

    def _link(self, url: QUrl) -> None:
        if url.scheme() == "provider":
            self.provider_requested.emit(url.path())
        elif url.scheme() == "section":
            self.section_requested.emit(url.path())
        else:
            actions.open_url(url, self)
