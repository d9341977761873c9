"""One link allow-list for every place a link can be opened (review F7, issue 10 item 2), and
e-mail that works without a mail program (issue 13 item 3)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from desktop.data.email_templates import TEMPLATES
from desktop.data.urls import judge
from desktop.ui import actions
from desktop.ui.contact_buttons import ContactButtons
from desktop.ui.link_dialogs import CautionBox, EmailFallbackDialog
from desktop.ui.main_window import MainWindow
from tests.qt_helpers import Catcher


@pytest.fixture
def caught_http(caught: Catcher) -> Iterator[Catcher]:
    """``caught``, and the browser for plain http too."""
    QDesktopServices.setUrlHandler("http", caught, "handle")
    yield caught
    QDesktopServices.unsetUrlHandler("http")


def answer(qtbot, respond: Callable[[CautionBox], None], seen: list[CautionBox]) -> None:
    """Answer the caution box that the next action opens (it is modal: exec())."""

    def act() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, CautionBox):
            QTimer.singleShot(10, act)  # not shown yet
            return
        seen.append(box)
        try:
            respond(box)
        finally:
            if box.isVisible():  # never leave a test hanging on exec()
                box.reject()

    QTimer.singleShot(0, act)


def key(qtbot, k: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier):
    return lambda box: qtbot.keyClick(box, k, modifier)


# -- the verdict as the UI uses it (desktop.data.urls.judge) -----------------------------------
def test_the_judge_refuses_user_info_and_shows_punycode() -> None:
    assert not judge("https://good.example.org@evil.example/login").allowed
    assert "user" in judge("https://good.example.org@evil.example/login").reason
    homograph = judge("https://\u0430pple.com/")
    assert homograph.allowed and homograph.shown == "https://xn--pple-43d.com/"
    assert "xn--pple-43d.com" in homograph.reason
    assert judge("http://example.org/a").insecure and judge("http://example.org/a").allowed
    assert judge("https://example.org/a") == judge("https://example.org/a")
    assert not judge("https://example.org/a").insecure and not judge("https://example.org").reason
    assert not judge("https://ex\u202eample.org").allowed  # a right-to-left override
    assert not judge("https://").allowed and not judge("https://:443/").allowed


# -- http: told first, keyboard usable ------------------------------------------------------------
def test_an_http_website_opens_only_after_the_warning(
    qtbot, caught_http: Catcher, no_dialogs_left: None
) -> None:
    buttons = ContactButtons()
    qtbot.addWidget(buttons)
    buttons.set_contact(name="Old site", website="http://example.org/send")
    assert buttons.website.isEnabled()
    assert "not a secure site" in buttons.website.toolTip()
    seen: list[CautionBox] = []
    answer(qtbot, key(qtbot, Qt.Key.Key_Escape), seen)
    buttons.website.click()
    assert caught_http.urls == []  # Esc: nothing opened
    [box] = seen
    assert box.text().startswith("This is not a secure site (http).")
    assert box.informativeText() == "http://example.org/send"
    assert box.textFormat() == Qt.TextFormat.PlainText
    def space_on_open(box: CautionBox) -> None:  # Tab to the button, then Space
        box.open_button.setFocus()
        qtbot.keyClick(box.open_button, Qt.Key.Key_Space)

    answer(qtbot, space_on_open, seen)
    buttons.website.click()
    assert caught_http.urls == ["http://example.org/send"]
    assert {b.text() for b in seen[1].buttons()} == {
        "&Open it anyway",
        "&Copy the address",
        "Cancel",
    }


def test_the_warning_can_copy_the_address_instead(
    qtbot, window: MainWindow, caught_http: Catcher
) -> None:
    seen: list[CautionBox] = []
    answer(qtbot, lambda b: b.copy_button.click(), seen)
    assert not actions.open_url(QUrl("http://example.org/info"), window)
    assert caught_http.urls == []
    assert QGuiApplication.clipboard().text() == "http://example.org/info"
    assert window.statusBar().currentMessage() == "Copied http://example.org/info."


def test_a_foreign_alphabet_site_is_asked_about_and_opened_as_punycode(
    qtbot, window: MainWindow, caught: Catcher
) -> None:
    seen: list[CautionBox] = []
    answer(qtbot, lambda b: b.open_button.click(), seen)
    window.local_offer.details.anchorClicked.emit(QUrl("https://\u0430pple.com/login"))
    assert seen and "it is really xn--pple-43d.com" in seen[0].text()
    assert seen[0].informativeText() == "https://xn--pple-43d.com/login"
    assert caught.urls == ["https://xn--pple-43d.com/login"]


# -- refused: one sentence in the status bar, from every place a link can be clicked ---------------
HIJACKS = [
    "https://good.example.org@evil.example/login",
    "file:///etc/passwd",
    "javascript:alert(1)",
]


def link_views(window: MainWindow):
    return {
        "local offer details": window.local_offer.details,
        "provider card": window.providers.card.text,
        "guidance text": window.guidance.text,
        "route finder": window.guidance.routes.result,
    }


@pytest.mark.parametrize("link", HIJACKS)
def test_every_link_view_refuses_with_one_sentence(
    window: MainWindow, caught: Catcher, link: str
) -> None:
    for name, view in link_views(window).items():
        window.statusBar().clearMessage()
        view.anchorClicked.emit(QUrl(link))
        message = window.statusBar().currentMessage()
        assert message.startswith("The link was not opened: "), (name, message)
        assert message.endswith(".") and message.count(". ") == 0, message
    assert caught.urls == []


def test_the_user_info_trick_is_named_in_the_sentence(window: MainWindow, caught: Catcher) -> None:
    window.local_offer.details.anchorClicked.emit(QUrl(HIJACKS[0]))
    assert window.statusBar().currentMessage() == (
        "The link was not opened: this web address names a user before its site, "
        "which can disguise where it goes."
    )


def test_a_card_with_a_spoofed_website_disables_the_website_button(qtbot) -> None:
    buttons = ContactButtons()
    qtbot.addWidget(buttons)
    buttons.set_contact(website="https://good.example.org@evil.example/login")
    assert not buttons.website.isEnabled()


# -- e-mail without a mail program ---------------------------------------------------------------
def email_dialogs() -> list[EmailFallbackDialog]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, EmailFallbackDialog) and w.isVisible()
    ]


@pytest.fixture
def no_dialogs_left() -> Iterator[None]:
    yield
    for w in QApplication.topLevelWidgets():
        if isinstance(w, EmailFallbackDialog | actions.FallbackDialog) and w.isVisible():
            w.close()


def test_a_template_still_opens_in_the_mail_program(caught: Catcher) -> None:
    buttons = ContactButtons()
    buttons.set_contact(email="a@example.org")
    buttons.menu_actions(buttons.email)[1].trigger()  # the first template
    assert len(caught.urls) == 1 and caught.urls[0].startswith("mailto:a@example.org?subject=")
    assert email_dialogs() == []


def test_without_a_mail_program_the_template_can_be_copied(qapp, no_dialogs_left: None) -> None:
    QDesktopServices.unsetUrlHandler("mailto")  # offscreen: openUrl then returns False
    template = TEMPLATES[0]
    buttons = ContactButtons()
    buttons.set_contact(email="mediation@example.org")
    buttons.menu_actions(buttons.email)[1].trigger()
    [dialog] = email_dialogs()
    clipboard = QGuiApplication.clipboard()
    assert clipboard.text() == "mediation@example.org"  # the address, already copied
    assert dialog.to_field.text() == "mediation@example.org"
    assert dialog.subject_field.text() == template.subject
    assert dialog.body_field.toPlainText() == template.body
    for field in (dialog.to_field, dialog.subject_field, dialog.body_field):
        assert field.isReadOnly() and field.accessibleName()
    flags = dialog.body_field.textInteractionFlags()
    assert flags & Qt.TextInteractionFlag.TextSelectableByKeyboard
    expected = {
        dialog.copy_all: f"To: mediation@example.org\nSubject: {template.subject}\n\n{template.body}",
        dialog.copy_subject: template.subject,
        dialog.copy_body: template.body,
        dialog.copy_address: "mediation@example.org",
    }
    for button, text in expected.items():
        clipboard.clear()
        button.click()
        assert clipboard.text() == text, button.text()
        assert dialog.feedback.text().endswith("copied: paste it into your webmail.")
    assert [b.text() for b in expected] == [
        "Copy &all",
        "Copy s&ubject",
        "Copy &body",
        "Copy a&ddress",
    ]


def test_the_e_mail_fallback_works_from_the_keyboard(qtbot, no_dialogs_left: None) -> None:
    dialog = EmailFallbackDialog("a@example.org", "Subject line", "Line 1\nLine 2")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(dialog, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == "Line 1\nLine 2", timeout=2000)
    assert isinstance(dialog.body_field, QPlainTextEdit)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
