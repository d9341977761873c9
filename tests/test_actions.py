"""Links: the exact tel:/mailto:/https: URLs handed to the system, the allow-list, the fallback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from desktop.data.email_templates import TEMPLATES
from desktop.data.records import Provider
from desktop.ui import actions
from desktop.ui.contact_buttons import ContactButtons
from desktop.ui.provider_card import ProviderCard
from tests.qt_helpers import FULL, Catcher


def fallback_dialogs() -> list[actions.FallbackDialog]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, actions.FallbackDialog) and w.isVisible()
    ]


@pytest.fixture
def no_dialogs_left() -> Iterator[None]:
    yield
    for dialog in fallback_dialogs():
        dialog.close()


@pytest.mark.parametrize(
    ("written", "url"),
    [
        ("03330 062 835", "tel:+443330062835"),  # KIDS SEN mediation (0333)
        ("024 7683 1614", "tel:+442476831614"),  # Coventry START team (landline)
        ("0121 496 0123", "tel:+441214960123"),  # landline, drama range
        ("020 7946 0000", "tel:+442079460000"),  # London, drama range
        ("07700 900123", "tel:+447700900123"),  # mobile, drama range
        ("0306 999 0123", "tel:+443069990123"),  # 03 non-geographic (like 0300), drama range
        ("0808 157 0123", "tel:+448081570123"),  # freephone, drama range
        ("+44 (0)121 496 0123", "tel:+441214960123"),
        ("0121 496 0123 ext 12", "tel:+441214960123;ext=12"),
        ("0121 496 0123 ext. 12", "tel:+441214960123;ext=12"),
        ("07700 900123 x7", "tel:+447700900123;ext=7"),
        ("0333 006 2835, option 2", "tel:+443330062835"),
        ("0306 999 0123 (option 2 then 1)", "tel:+443069990123"),
    ],
)
def test_call_hands_the_system_an_e164_tel_url(caught: Catcher, written: str, url: str) -> None:
    buttons = ContactButtons()
    buttons.set_contact(name="Test", phones=[written])
    assert buttons.call.isEnabled()
    buttons.call.click()
    assert caught.urls == [url]


@pytest.mark.parametrize("written", ["not a number", "12345", "ext 12", "0121 496", ""])
def test_a_number_that_is_not_valid_gives_no_link(written: str) -> None:
    assert actions.tel_url(written) is None


def test_mailto_encodes_per_rfc_6068(caught: Catcher) -> None:
    url = actions.mailto_url("a@example.org", "Q&A? £5 + more", "Line 1\nCafé & more?\r\nEnd")
    assert url.toString(FULL) == (
        "mailto:a@example.org?subject=Q%26A%3F%20%C2%A35%20%2B%20more"
        "&body=Line%201%0D%0ACaf%C3%A9%20%26%20more%3F%0D%0AEnd"
    )
    assert actions.open_url(url)
    assert caught.urls == [url.toString(FULL)]


def test_email_templates_reach_the_mail_program_intact(caught: Catcher) -> None:
    buttons = ContactButtons()
    buttons.set_contact(name="KIDS", email="senmediation@kids.org.uk")
    menu = buttons.menu_actions(buttons.email)
    assert [a.text() for a in menu] == ["&Blank e-mail"] + [t.label for t in TEMPLATES]
    for action in menu:
        action.trigger()
    assert caught.urls[0] == "mailto:senmediation@kids.org.uk"
    assert caught.urls[1].startswith(
        "mailto:senmediation@kids.org.uk?subject=Request%20for%20mediation%3A%20"
        "%5Bchild%27s%20name%5D&body=Hello%2C%0D%0A%0D%0AI%20would%20like"
    )
    for url, template in zip(caught.urls[1:], TEMPLATES, strict=True):
        back = QUrl(url)
        assert "+" not in url and "\n" not in url
        query = dict(item.split("=", 1) for item in back.query(FULL).split("&"))
        from urllib.parse import unquote

        assert unquote(query["subject"]) == template.subject
        assert unquote(query["body"]) == template.body.replace("\n", "\r\n")


def test_templates_have_placeholders_and_no_personal_data() -> None:
    for t in TEMPLATES:
        assert "[child's name]" in t.subject + t.body or "[topic]" in t.subject
        assert "&" in t.label


@pytest.mark.parametrize(
    "bad",
    [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,x",
        "ftp://example.org/x",
        "https://good.example.org@evil.example/login",
        "https://user:pass@example.org/",
        "https://",
        "https://:443/",
        "tel:0121 496 0123",
        "tel:+44121;phone-context=evil",
        "mailto:a@example.org?cc=b@example.org",
        "mailto:a@example.org,b@example.org",
    ],
)
def test_other_links_are_refused(caught: Catcher, bad: str, no_dialogs_left: None) -> None:
    assert actions.open_url(QUrl(bad)) is False
    assert caught.urls == []
    assert fallback_dialogs() == []


def test_no_handler_copies_and_shows_the_number(qapp, no_dialogs_left: None) -> None:
    QSettings().remove(actions.PREF_NO_PHONE)
    QGuiApplication.clipboard().clear()
    buttons = ContactButtons()
    buttons.set_contact(phones=["0333 006 2835, option 2"])
    buttons.call.click()  # offscreen, QDesktopServices.openUrl returns False
    assert QGuiApplication.clipboard().text() == "0333 006 2835, option 2"
    [dialog] = fallback_dialogs()
    assert dialog.text == "0333 006 2835, option 2"
    assert "copied" in dialog.windowTitle()
    assert "could not open" in dialog.intro.text()


def test_no_handler_for_email_shows_the_address(qapp, no_dialogs_left: None) -> None:
    buttons = ContactButtons()
    buttons.set_contact(email="senmediation@kids.org.uk")
    buttons.menu_actions(buttons.email)[0].trigger()  # a blank e-mail (templates: test_links)
    assert QGuiApplication.clipboard().text() == "senmediation@kids.org.uk"
    assert fallback_dialogs()[0].text == "senmediation@kids.org.uk"


def test_cannot_make_calls_setting_skips_the_phone_app(
    caught: Catcher, qtbot, no_dialogs_left: None
) -> None:
    from PySide6.QtWidgets import QWidget

    holder = QWidget()
    qtbot.addWidget(holder)
    action = actions.no_phone_action(holder, forbidden=False)
    assert action.isEnabled() and not action.isChecked()
    action.setChecked(True)
    assert actions.calls_disabled()
    buttons = ContactButtons()
    buttons.set_contact(phones=["024 7683 1614"])
    buttons.call.click()
    assert caught.urls == []
    [dialog] = fallback_dialogs()
    assert dialog.text == "024 7683 1614"
    assert "set up not to make calls" in dialog.intro.text()
    assert QGuiApplication.clipboard().text() == "024 7683 1614"
    buttons.set_contact(email="a@example.org")
    buttons.menu_actions(buttons.email)[0].trigger()  # e-mail is not affected
    assert caught.urls == ["mailto:a@example.org"]


def test_policy_can_say_there_is_no_phone_handler(
    caught: Catcher, qtbot, no_dialogs_left: None
) -> None:
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    holder = QWidget()  # stands in for the main window, which is given Settings.policy
    qtbot.addWidget(holder)
    actions.set_call_policy(holder, True)
    action = actions.no_phone_action(holder, forbidden=True)
    assert action.isChecked() and not action.isEnabled()
    buttons = ContactButtons()
    QVBoxLayout(holder).addWidget(buttons)  # any widget inside the window asks it
    assert actions.calls_disabled(buttons) and not actions.calls_disabled(None)
    buttons.set_contact(phones=["024 7683 1614"])
    buttons.call.click()
    assert caught.urls == []
    assert fallback_dialogs()[0].text == "024 7683 1614"


def test_the_call_policy_is_the_nearest_windows_and_is_never_read_again(
    caught: Catcher, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QWidget

    outer, inner = QWidget(), QWidget()
    qtbot.addWidget(outer)
    inner.setParent(outer)
    actions.set_call_policy(outer, True)
    assert actions.policy_forbids_calls(inner)
    actions.set_call_policy(inner, False)  # a nearer answer wins
    assert not actions.policy_forbids_calls(inner) and actions.policy_forbids_calls(outer)
    ini = tmp_path / "policy.ini"  # a policy file that appears later changes nothing here
    ini.write_text("[General]\nNoPhoneHandler=1\n", encoding="utf-8")
    monkeypatch.setenv("SEND_DESK_POLICY", str(ini))
    assert not actions.policy_forbids_calls(QWidget())


def test_copy_menu_offers_number_address_and_all_details(qapp) -> None:
    buttons = ContactButtons()
    messages: list[str] = []
    buttons.message.connect(messages.append)
    buttons.set_contact(
        phones=["0121 496 0123", "07700 900123"],
        email="a@example.org",
        website="https://example.org",
        details="Name\nPhone: 0121 496 0123",
    )
    texts = []
    for action in buttons.menu_actions(buttons.copy):
        assert "&" in action.text()
        action.trigger()
        texts.append(QGuiApplication.clipboard().text())
    assert texts == [
        "0121 496 0123",
        "07700 900123",
        "a@example.org",
        "https://example.org",
        "Name\nPhone: 0121 496 0123",
    ]
    assert messages[0] == "Copied 0121 496 0123." and messages[-1] == "Copied all the details."
    calls = buttons.menu_actions(buttons.call)
    assert [a.text() for a in calls] == ["&1  Call 0121 496 0123", "&2  Call 07700 900123"]


_printable = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=40)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(phone=st.text(max_size=40), email=st.text(max_size=40), shown=_printable)
def test_any_phone_or_email_never_crashes_the_card(
    qapp, phone: str, email: str, shown: str
) -> None:
    card = ProviderCard()
    try:
        for number, address in ((phone, email), (shown, shown)):
            p = Provider(
                "x", "Name", "other", "", (number,), address, "", "", "", "a source", "2026-11-28"
            )
            card.show_provider(p)
            assert card.buttons.call.isEnabled() == (
                bool(number.strip()) and actions.tel_url(number) is not None
            )
            assert card.buttons.email.isEnabled() == actions.email_ok(address)
            assert card.buttons.copy.isEnabled()
        plain = " ".join(card.toPlainText().split())
        assert " ".join(shown.split()) in plain
    finally:
        card.deleteLater()


def test_a_link_opened_without_a_parent_still_follows_the_main_windows_call_policy(
    caught: Catcher, qtbot, no_dialogs_left: None
) -> None:
    """Found by review: open_url(url) with no parent asked no window, so NoPhoneHandler was
    ignored; it now asks the main window, as the fallback dialog's parent does."""
    from PySide6.QtWidgets import QMainWindow

    main = QMainWindow()
    qtbot.addWidget(main)
    actions.set_call_policy(main, True)
    assert actions.policy_forbids_calls(None)
    assert actions.open_url(actions.tel_url("024 7683 1614"))
    assert caught.urls == []
    assert fallback_dialogs()[0].text == "024 7683 1614"
