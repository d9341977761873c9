"""Review F4 (case 251): text from a feed, a file, a policy or a server is shown literally.

``HOSTILE`` goes through every label, message box and dialog that can show such text; each
test asserts the markup is shown as typed and that clicking it opens nothing (a handler
stands in for the ``file:`` scheme, which the old message box opened).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from desktop.data.records import Provider
from desktop.logs import install_excepthook
from desktop.ui import actions, plain, provider_import
from desktop.ui.contact_buttons import ContactButtons
from desktop.ui.provider_card import ProviderCard
from desktop.ui.refresh_menu import open_refresh_dialog
from tests.qt_helpers import Catcher, open_main_window

HOSTILE = "<a href='file:///etc/passwd'><h1>CLICK</h1></a>"
# A file name cannot hold '/', so the closing tags go; it still reads as rich text.
HOSTILE_NAME = "<a href='file:x'><h1>CLICK"


@pytest.fixture
def file_links(qapp) -> Iterator[Catcher]:
    catcher = Catcher()
    QDesktopServices.setUrlHandler("file", catcher, "handle")
    yield catcher
    QDesktopServices.unsetUrlHandler("file")


def shown_literally(qtbot, widget: QWidget, text: str, links: Catcher) -> list[QLabel]:
    """Every label of ``widget`` showing ``text``: plain, and a click on it opens nothing."""
    window = widget.window()
    window.show()
    qtbot.waitExposed(window)
    labels = [w for w in [widget, *widget.findChildren(QLabel)] if isinstance(w, QLabel)]
    showing = [label for label in labels if text in label.text() and label.isVisible()]
    assert showing, f"no visible label shows {text!r}"
    for label in showing:
        assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()
        qtbot.mouseClick(label, Qt.MouseButton.LeftButton, pos=label.rect().center())
    assert links.urls == []
    return showing


def anchors(document: QTextDocument) -> list[str]:
    """Every link target in a rich-text document."""
    found = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isAnchor():
                found.append(fmt.anchorHref())
            it += 1
        block = block.next()
    return found


def hostile_providers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The review's providers file: an entry whose id is a link, with an invalid kind."""
    share = tmp_path / f"{HOSTILE_NAME}.toml"
    share.write_text(
        f'[[provider]]\nid = "{HOSTILE}"\nname = "X"\nkind = "plumber"\n'
        'email = "a@example.org"\nsource = "s"\nchecked_on = 2026-11-20\n\n'
        '[[provider]]\nid = "ok"\nname = "Fine"\nkind = "other"\n'
        'website = "https://example.org/"\nsource = "s"\nchecked_on = 2026-11-20\n',
        encoding="utf-8",
    )
    ini = tmp_path / "policy.ini"
    ini.write_text(f"[Policy]\nProvidersFile={share}\nRefreshUrl={HOSTILE}\n", encoding="utf-8")
    monkeypatch.setenv("SEND_DESK_POLICY", str(ini))


@pytest.fixture
def hostile_window(qtbot, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    hostile_providers(tmp_path, monkeypatch)
    win = open_main_window(qtbot)
    yield win
    win.close()
    win.store.close()


def test_the_skipped_entries_box_cannot_hold_a_live_link(
    qtbot, hostile_window, file_links: Catcher
) -> None:
    """Case 251 exactly: Providers tab → Show what was skipped → click."""
    tab = hostile_window.providers
    assert any(HOSTILE in p for p in tab.problems)
    box = tab.show_problems()
    try:
        assert box.textFormat() == Qt.TextFormat.PlainText
        assert HOSTILE in box.informativeText() and HOSTILE in box.detailedText()
        shown_literally(qtbot, box, HOSTILE, file_links)
    finally:
        box.close()


def test_the_card_origin_and_copy_feedback_are_plain(
    qtbot, hostile_window, file_links: Catcher
) -> None:
    tab = hostile_window.providers
    hostile_window.tabs.setCurrentWidget(tab)
    assert tab.show_provider("ok")
    shown_literally(qtbot, tab.card.origin, HOSTILE_NAME, file_links)
    tab.card.buttons.copy_to_clipboard("https://example.org/<h1>CLICK</h1>")
    shown_literally(qtbot, tab.card.feedback, "<h1>CLICK</h1>", file_links)


def test_the_refresh_dialog_shows_the_policy_address_and_status_plain(
    qtbot, hostile_window, file_links: Catcher
) -> None:
    dialog = open_refresh_dialog(hostile_window, hostile_window.session, hostile_window.settings.policy)
    try:
        shown_literally(qtbot, dialog.policy_url, HOSTILE, file_links)
        dialog.use_file.setChecked(True)
        dialog.file.setText(HOSTILE_NAME)  # "There is no file or folder at …"
        with qtbot.waitSignal(dialog.refresh_failed, timeout=10_000):
            dialog.start_button.click()
        shown_literally(qtbot, dialog.status, HOSTILE_NAME, file_links)
    finally:
        dialog.close()


def test_the_status_bar_labels_are_plain(qtbot, window, file_links: Catcher) -> None:
    bar = window.status_bar
    bar.show_data({"source": HOSTILE, "data_as_of": HOSTILE}, notice=HOSTILE)
    for label in (bar.source_label, bar.as_of_label, bar.notice_label):
        shown_literally(qtbot, label, HOSTILE, file_links)


def test_the_about_box_escapes_what_the_feed_said(window, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(window.store, "meta", lambda: {"source": HOSTILE, "publisher": HOSTILE})
    window.menu_actions.about.trigger()
    document = QTextDocument()
    document.setHtml(shown[0])
    assert document.toPlainText().count(HOSTILE) == 2  # shown as typed, twice
    assert anchors(document) == []


def test_the_import_dialog_and_its_warnings_are_plain(
    qtbot, window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, file_links: Catcher
) -> None:
    bad = tmp_path / f"{HOSTILE_NAME}.toml"
    bad.write_text(f'[[provider]]\nid = "{HOSTILE}"\nkind = "x"\n', encoding="utf-8")
    boxes: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: boxes.append(self) or 0)
    assert not provider_import.import_path(window, bad, window.settings.data_dir)
    [box] = boxes
    assert box.textFormat() == Qt.TextFormat.PlainText and HOSTILE in box.text()
    shown_literally(qtbot, box, HOSTILE, file_links)
    box.close()
    from desktop.data.providers import parse_providers

    loaded = parse_providers(
        f'[[provider]]\nid = "ok"\nname = "{HOSTILE}"\nkind = "other"\n'
        'email = "a@example.org"\nsource = "s"\nchecked_on = 2026-11-20\n',
        "x",
    )
    dialog = provider_import.ImportReportDialog(bad, loaded, window)
    try:
        shown_literally(qtbot, dialog.summary, HOSTILE_NAME, file_links)
    finally:
        dialog.close()


def test_plain_message_boxes_keep_markup_literal(qtbot, file_links: Catcher, monkeypatch) -> None:
    boxes: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: boxes.append(self) or 0)
    plain.warn(None, "Restore previous data", HOSTILE)  # what restore-previous shows
    assert not plain.ask(None, "Far fewer services", HOSTILE)
    for box in boxes:
        shown_literally(qtbot, box, HOSTILE, file_links)
        box.close()


def test_the_fallback_dialog_is_plain(qtbot, file_links: Catcher) -> None:
    dialog = actions.FallbackDialog("Link", HOSTILE)
    qtbot.addWidget(dialog)
    shown_literally(qtbot, dialog, HOSTILE, file_links)


def test_the_crash_dialog_is_plain(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, file_links: Catcher
) -> None:
    import sys

    boxes: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: boxes.append(self) or 0)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook(tmp_path / HOSTILE_NAME / "send-desk.log")
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    [box] = boxes
    shown_literally(qtbot, box, HOSTILE_NAME, file_links)
    box.close()


def test_tooltips_show_names_literally(qtbot) -> None:
    buttons = ContactButtons()
    qtbot.addWidget(buttons)
    buttons.set_contact(name=HOSTILE, phones=["0121 496 0123"], website="https://example.org")
    for button in (buttons.call, buttons.website, buttons.copy):
        document = QTextDocument()
        document.setHtml(button.toolTip())
        assert HOSTILE in document.toPlainText(), button.toolTip()
    assert plain.tooltip("Call Brookvale") == "Call Brookvale"  # ordinary text is untouched


def test_a_card_named_with_markup_shows_it_as_text(qtbot, file_links: Catcher) -> None:
    card = ProviderCard()
    qtbot.addWidget(card)
    card.show_provider(
        Provider(HOSTILE, HOSTILE, "other", HOSTILE, (), "", "", HOSTILE, "", HOSTILE, "2026-11-28")
    )
    assert card.toPlainText().count(HOSTILE) >= 4
    assert anchors(card.text.document()) == []
