"""Call / Email / Website / Copy buttons for one contact, reusable by every tab.

Give it the contact as text (phones, e-mail, website, all details); anything that is not a
usable number, address or web link is still shown and copyable, but its action is
disabled. Links open only through :func:`desktop.ui.actions.open_url` (an ``http:``
website after a warning); e-mails through :func:`desktop.ui.actions.open_email`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QMenu, QPushButton, QWidget

from desktop.data.email_templates import TEMPLATES, EmailTemplate
from desktop.ui import actions, plain


def _esc(text: str) -> str:
    """User text in a menu label: '&' is shown, not taken as a mnemonic."""
    return text.replace("&", "&&")


class ContactButtons(QWidget):
    """Four buttons with mnemonics; Email and Copy (and Call, for several numbers) open menus."""

    message = Signal(str)  # one sentence after Copy, Call, Email or Website ('Copied …')

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        templates: Sequence[EmailTemplate] = TEMPLATES,
        who: str = "the provider",
    ) -> None:
        super().__init__(parent)
        self._templates = tuple(templates)
        self._who = who
        self.name = ""
        self.phones: tuple[str, ...] = ()
        self.email_address = ""
        self.website_link = ""
        self.details = ""
        self.call = QPushButton("&Call", self)
        self.email = QPushButton("&Email", self)
        self.website = QPushButton("&Website", self)
        self.copy = QPushButton("Cop&y", self)
        self.call.clicked.connect(self._call_first)
        self.email.clicked.connect(lambda: self.send_email(None))
        self.website.clicked.connect(self.open_website)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for button in (self.call, self.email, self.website, self.copy):
            button.setAutoDefault(False)
            layout.addWidget(button)
        layout.addStretch(1)
        self.set_contact()

    # -- the contact -------------------------------------------------------------------------------
    def set_contact(
        self,
        *,
        name: str = "",
        phones: Sequence[str] = (),
        email: str = "",
        website: str = "",
        details: str = "",
    ) -> None:
        self.name = name
        self.phones = tuple(str(p) for p in phones if str(p).strip())
        self.email_address = str(email or "").strip()
        self.website_link = str(website or "").strip()
        self.details = details
        who = name or self._who
        callable_numbers = self.callable_numbers()
        self._set_menu(self.call, None)
        if len(callable_numbers) > 1:
            menu = QMenu(self.call)
            for n, number in enumerate(callable_numbers, 1):
                menu.addAction(
                    self._action(
                        f"&{n}  Call {_esc(number)}", lambda _on=False, x=number: self.dial(x)
                    )
                )
            self._set_menu(self.call, menu)
        self._describe(
            self.call,
            bool(callable_numbers),
            f"Call {who}" + (f" on {callable_numbers[0]}" if callable_numbers else ""),
            "No phone number that can be called",
        )
        email_ok = actions.email_ok(self.email_address)
        self._set_menu(self.email, None)
        if email_ok and self._templates:
            menu = QMenu(self.email)
            menu.addAction(self._action("&Blank e-mail", lambda: self.send_email(None)))
            menu.addSeparator()
            for t in self._templates:
                menu.addAction(self._action(t.label, lambda _on=False, t=t: self.send_email(t)))
            self._set_menu(self.email, menu)
        self._describe(
            self.email,
            email_ok,
            f"Write an e-mail to {who}, blank or from a template",
            "No e-mail address that can be used",
        )
        site = actions.website_url(self.website_link)
        self._describe(
            self.website,
            site is not None,
            f"Open the website of {who}"
            + (" (not a secure site: you are asked first)" if site and site.scheme() == "http" else ""),
            "No website that can be opened",
        )
        self._set_menu(self.copy, None)
        copy_items = [(f"&{n}  Copy {_esc(p)}", p) for n, p in enumerate(self.phones, 1)]
        if self.email_address:
            copy_items.append(("Copy e-mail &address", self.email_address))
        if self.website_link:
            copy_items.append(("Copy website &link", self.website_link))
        if details:
            copy_items.append(("Copy all &details as text", details))
        if copy_items:
            menu = QMenu(self.copy)
            for label, text in copy_items:
                menu.addAction(
                    self._action(label, lambda _on=False, t=text: self.copy_to_clipboard(t))
                )
            self._set_menu(self.copy, menu)
        self._describe(
            self.copy, bool(copy_items), f"Copy the number, address or all details of {who}", ""
        )

    def callable_numbers(self) -> list[str]:
        return [p for p in self.phones if actions.tel_url(p) is not None]

    # -- what the buttons do -----------------------------------------------------------------------
    def dial(self, number: str) -> bool:
        url = actions.tel_url(number)
        opened = url is not None and actions.open_url(url, self.window(), display=number)
        if opened:  # said truthfully whether or not a phone app took it (the fallback shows)
            self.message.emit(
                f"Copied {number}: dial it from your phone."
                if actions.calls_disabled(self)
                else f"Asked this computer to call {number}."
            )
        return opened

    def send_email(self, template: EmailTemplate | None) -> bool:
        if not actions.email_ok(self.email_address):
            return False
        subject, body = (template.subject, template.body) if template else ("", "")
        opened = actions.open_email(self.email_address, subject, body, self.window())
        if opened:
            # The mail program got it, or (with none) the fallback shows it to copy.
            self.message.emit(f"E-mail to {self.email_address} ready to send.")
        return opened

    def open_website(self) -> bool:
        url = actions.website_url(self.website_link)
        opened = url is not None and actions.open_url(url, self.window())
        if opened:
            self.message.emit(f"Asked the web browser to open {self.website_link}.")
        return opened

    def copy_to_clipboard(self, text: str) -> None:
        actions.copy_text(text)
        first_line = text.splitlines()[0] if text else ""
        self.message.emit(
            f"Copied {first_line}." if "\n" not in text else "Copied all the details."
        )

    def menu_actions(self, button: QPushButton) -> list[QAction]:
        menu = button.menu()
        return [a for a in menu.actions() if not a.isSeparator()] if menu else []

    # -- helpers -----------------------------------------------------------------------------------
    def _call_first(self) -> None:
        numbers = self.callable_numbers()
        if numbers:
            self.dial(numbers[0])

    def _action(self, text: str, slot: Callable[..., object]) -> QAction:  # (checked) or ()
        action = QAction(text, self)
        action.triggered.connect(slot)
        return action

    @staticmethod
    def _set_menu(button: QPushButton, menu: QMenu | None) -> None:
        old = button.menu()
        button.setMenu(menu)  # type: ignore[arg-type]  # Qt takes None (no menu); the stub not
        if old is not None and old is not menu:
            old.deleteLater()

    @staticmethod
    def _describe(button: QPushButton, enabled: bool, description: str, why_not: str) -> None:
        button.setEnabled(enabled)
        text = description if enabled or not why_not else why_not
        button.setAccessibleDescription(text)
        button.setToolTip(plain.tooltip(text))  # holds a name from a feed or a file
