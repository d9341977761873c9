"""Route finder panel: two plain questions, then the routes in order, with deadlines, contacts,
e-mail templates with the dates already in, and a one-page handout for the family.

One date keeps one meaning: the date's label is the event the chosen route counts from,
and when the route changes to one that counts from a different event the date is cleared
(and the panel says so) rather than silently reused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.data.deadlines import load_working_days
from desktop.data.directory import ProviderDirectory
from desktop.data.email_templates import TEMPLATES, EmailTemplate, fill
from desktop.data.routes import WHO, RouteAdvice, Topic, find_routes, topics_for
from desktop.errors import UserError
from desktop.ui import actions
from desktop.ui.guidance.date_field import DateField
from desktop.ui.guidance.handout import HANDOUT_TITLE, one_page_handout
from desktop.ui.guidance.route_html import advice_html
from desktop.ui.widgets import wide_combo, with_mnemonic

# The templates that fit the mediation steps: both go to the adviser named in the letter.
ROUTE_TEMPLATES = tuple(t for t in TEMPLATES if t.id in ("mediation", "certificate"))


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


class RoutePanel(QWidget):
    provider_requested = Signal(str)
    section_requested = Signal(str)
    status_message = Signal(str)  # after the handout is printed or saved

    def __init__(
        self,
        directory: ProviderDirectory,
        parent: QWidget | None = None,
        *,
        extra_holidays: Path | None = None,
        today: Callable[[], dt.date] = dt.date.today,
        section_titles: dict[str, str] | None = None,
        law_checked: str = "",
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Route finder")
        self.directory = directory
        self._extra_holidays = extra_holidays
        self._today = today
        self._titles = section_titles or {}
        self._law_checked = law_checked
        self.who = wide_combo(QComboBox(self))
        self.who.setAccessibleName("Who the disagreement is with")
        for key, label in WHO.items():
            self.who.addItem(label, key)
        self.topic = wide_combo(QComboBox(self))
        self.topic.setAccessibleName("What the disagreement is about")
        self.date_label = QLabel(self)
        self.date = DateField("Date", self, today=today)
        self.date.tie_label(self.date_label)
        self.dated_label = QLabel("Date on the le&tter, if different:", self)
        self.dated = DateField(
            "Date printed on the letter, if different", self, today=today, hint="Optional"
        )
        self.dated.tie_label(self.dated_label)
        self.certificate_label = QLabel("&Mediation certificate issued on (if any):", self)
        self.certificate = DateField(
            "Date the mediation certificate was issued", self, today=today, hint="Optional"
        )
        self.certificate.tie_label(self.certificate_label)
        self.result = QTextBrowser(self)
        self.result.setAccessibleName("Routes that apply")
        self.result.setOpenLinks(False)
        self.result.anchorClicked.connect(self._link)
        self.template_button = QPushButton("&Use an e-mail template…", self)
        self.template_button.setAccessibleDescription(
            "Copy an e-mail to the mediation adviser, with the dates entered here filled in"
        )
        self.template_menu = QMenu(self.template_button)
        for t in ROUTE_TEMPLATES:
            action = QAction(f"{t.label} (copy, with the dates filled in)", self.template_menu)
            action.triggered.connect(lambda _on=False, t=t: self.copy_template(t))
            self.template_menu.addAction(action)
        self.template_button.setMenu(self.template_menu)
        # Alt+P and Alt+D belong to the Providers and Disagreement guidance tabs.
        self.print_button = QPushButton("Pr&int handout…", self)
        self.print_button.setAccessibleDescription("Print a one-page handout for the family")
        self.pdf_button = QPushButton("Sa&ve handout as PDF…", self)
        self.pdf_button.setAccessibleDescription("Save the one-page handout as a PDF file")
        self.print_button.clicked.connect(self.print_handout)
        self.pdf_button.clicked.connect(self.save_handout)
        self.status = QLabel(self)
        self.status.setObjectName("routeStatus")
        self.status.setWordWrap(True)
        self.advice: RouteAdvice | None = None
        self.cleared = False  # a date was cleared when the route changed, until a new one
        self._event = ""

        form = QFormLayout()
        who_label = QLabel("&Who is the disagreement with?", self)
        who_label.setBuddy(self.who)
        topic_label = QLabel("What is it &about?", self)
        topic_label.setBuddy(self.topic)
        form.addRow(who_label, self.who)
        form.addRow(topic_label, self.topic)
        form.addRow(self.date_label, self.date)
        form.addRow(self.dated_label, self.dated)
        form.addRow(self.certificate_label, self.certificate)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.template_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.result, 1)
        layout.addLayout(buttons)

        self.who.currentIndexChanged.connect(self._fill_topics)
        self.topic.currentIndexChanged.connect(self._topic_changed)
        self.date.changed.connect(self._date_typed)  # before update_result: order matters
        for field in (self.date, self.dated, self.certificate):
            field.changed.connect(self.update_result)
        directory.subscribe(self.update_result)
        self.destroyed.connect(lambda *_: directory.unsubscribe(self.update_result))
        self._fill_topics()

    # -- questions -------------------------------------------------------------------------------
    def _fill_topics(self) -> None:
        self.topic.blockSignals(True)
        self.topic.clear()
        for topic in topics_for(self.who.currentData()):
            self.topic.addItem(topic.label, topic.id)
        self.topic.blockSignals(False)
        self._topic_changed()

    def choose(self, who: str, topic: str) -> None:
        self.who.setCurrentIndex(self.who.findData(who))
        self.topic.setCurrentIndex(self.topic.findData(topic))

    def current_topic(self) -> Topic | None:
        topic_id = self.topic.currentData()
        return find_routes(topic_id).topic if topic_id else None

    def _topic_changed(self) -> None:
        topic = self.current_topic()
        if topic is None:
            return
        if topic.date_label != self._event and self.date.date() is not None:
            # One date keeps one meaning: never count this route from another event's date.
            for field in (self.date, self.dated, self.certificate):
                field.clear()
            self.cleared = True
        self._event = topic.date_label
        has_date = bool(topic.date_rules)
        if has_date:
            self.date_label.setText(with_mnemonic(f"{topic.date_label}:", "e"))
            self.date.set_name(topic.date_label)
        for widget in (self.date_label, self.date):
            widget.setVisible(has_date)
        for widget in (self.dated_label, self.dated):
            widget.setVisible(topic.is_letter)
        with_certificate = "appeal" in topic.date_rules
        for widget in (self.certificate_label, self.certificate):
            widget.setVisible(with_certificate)
        self.template_button.setVisible("mediation-advice" in topic.steps)
        self.update_result()

    def _date_typed(self) -> None:
        if self.date.date() is not None:
            self.cleared = False

    def _notice(self, topic: Topic) -> str:
        if not self.cleared:
            return ""
        what = f": enter the {lower_first(topic.date_label)}." if topic.date_label else "."
        return f"The date was cleared because this route counts from a different event{what}"

    # -- the answer ------------------------------------------------------------------------------
    def _dates(self, topic: Topic) -> tuple[dict[str, dt.date | None], str]:
        """The dates this route uses (only the visible fields), and the first problem."""
        fields = {"date": self.date}
        if topic.is_letter:
            fields["dated"] = self.dated
        if "appeal" in topic.date_rules:
            fields["certificate"] = self.certificate
        problem = next((f.error() for f in fields.values() if f.error()), "")
        return {k: f.date() for k, f in fields.items()}, problem

    def update_result(self) -> None:
        topic = self.current_topic()
        if topic is None:
            return
        dates, problem = self._dates(topic)
        today = self._today()
        notice = self._notice(topic)
        if problem:
            notice = f"Check the dates: {problem}"
            dates = {}
        try:
            self.advice = self._advice(topic, dates, today)
        except UserError as exc:
            notice = f"Check the dates: {exc}"
            self.advice = find_routes(topic.id)
        if topic.date_rules and self.advice.date is None and not notice:
            notice = f"Type the {lower_first(topic.date_label)} to see the deadlines."
        self.result.setHtml(
            advice_html(
                self.advice, self.directory, today, section_titles=self._titles, notice=notice
            )
        )

    def _advice(
        self, topic: Topic, dates: dict[str, dt.date | None], today: dt.date
    ) -> RouteAdvice:
        if dates.get("date") is None:
            return find_routes(topic.id)
        return find_routes(
            topic.id,
            dates["date"],
            certificate=dates.get("certificate"),
            dated=dates.get("dated"),
            working_days=load_working_days(self._extra_holidays),
            today=today,
        )

    # -- handout and templates -------------------------------------------------------------------
    def handout(self) -> str:
        """The family handout for the route shown, fitted to one A4 page."""
        assert self.advice is not None
        return one_page_handout(
            self.advice,
            self.directory,
            self.who.currentText(),
            prepared=self._today(),
            law_checked=self._law_checked,
        )

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

    def template_text(self, t: EmailTemplate) -> str:
        """Subject and body, with the date printed on the letter (or the day it was sent)."""
        letter = None
        if self.advice is not None and self.advice.date is not None:
            letter = self.advice.dated or self.advice.date
        filled = fill(t, letter_dated=letter)
        return f"Subject: {filled.subject}\n\n{filled.body}"

    def copy_template(self, t: EmailTemplate) -> None:
        actions.copy_text(self.template_text(t))
        self.status.setText(
            f"Copied the e-mail '{t.label.replace('&', '')}': paste it into an e-mail to the "
            "mediation adviser named in the decision letter."
        )
        self.status.setAccessibleName(self.status.text())
        self.status_message.emit(f"Copied the e-mail '{t.label.replace('&', '')}'.")

    def _link(self, url: QUrl) -> None:
        if url.scheme() == "provider":
            self.provider_requested.emit(url.path())
        elif url.scheme() == "section":
            self.section_requested.emit(url.path())
        else:
            actions.open_url(url, self)
