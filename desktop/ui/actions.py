"""Building tel:/mailto:/web links, the one allow-list, and the copy fallback.

Every tab opens links through :func:`open_url` (the details panes, provider cards,
guidance text and the contact buttons all do), so there is one allow-list (review F7):

- ``tel:`` only as E.164 digits (with an RFC 3966 ``;ext=``), ``mailto:`` only to one
  plain address with at most a subject and a body;
- web links as :func:`desktop.data.urls.judge` says: ``https:`` opens, ``http:`` opens
  only after the user is told it is not a secure site (or copies the address instead),
  a site name in another alphabet is shown in punycode and asked about first, and a
  link with a user name (``https://good.example@evil.example``) is refused;
- anything else is refused with one sentence in the window's status bar.

When the system has no handler (common on council laptops), or the computer is set not
to make calls, the number or address is shown large in a dialog and already copied; an
e-mail written from a template shows its subject and body to copy into webmail.
:class:`desktop.ui.contact_buttons.ContactButtons` gives any tab the same buttons.
"""

from __future__ import annotations

import logging
import re
import urllib.parse

from PySide6.QtCore import Qt, QUrl, QUrlQuery
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from desktop.preferences import Preferences

# The cleaners (phones, e-mails, the link allow-list) and the link dialogs load when a link
# is first built or opened: every tab imports this module, and they were ~25 ms of the
# window's start-up.

log = logging.getLogger(__name__)

PREF_NO_PHONE = Preferences.NO_PHONE_HANDLER


# -- building links ------------------------------------------------------------------------------
def tel_url(number: str) -> QUrl | None:
    """A ``tel:`` URL in E.164 (``tel:+443330062835``), or None for a number that is not valid.

    An extension becomes the RFC 3966 ``;ext=`` parameter; a menu option ('option 2') is
    not part of the number, so the link is the number alone and the card shows the option.
    """
    from desktop.data import phones
    from desktop.data.providers import split_phone

    parts = split_phone(str(number or ""))
    e164 = phones.e164(parts.number)
    if not e164:
        return None
    return QUrl("tel:" + e164 + (f";ext={parts.extension}" if parts.extension else ""))


def email_ok(address: str) -> bool:
    from desktop.data.emails import is_email

    return is_email(str(address or ""))


def mailto_url(address: str, subject: str = "", body: str = "") -> QUrl:
    """A ``mailto:`` URL per RFC 6068: spaces as %20, line breaks as %0D%0A, '+' encoded."""
    query = []
    for key, value in (("subject", subject), ("body", body)):
        if value:
            encoded = urllib.parse.quote(value.replace("\r\n", "\n").replace("\n", "\r\n"), safe="")
            query.append(f"{key}={encoded}")
    text = "mailto:" + urllib.parse.quote(address.strip(), safe="@")
    if query:
        text += "?" + "&".join(query)
    return QUrl(text, QUrl.ParsingMode.StrictMode)


def website_url(link: str) -> QUrl | None:
    """A web link the allow-list accepts (``https:``, or ``http:`` after a warning), or None."""
    from desktop.data.urls import judge

    verdict = judge(str(link or ""))
    if not verdict.allowed:
        return None
    url = QUrl(verdict.shown, QUrl.ParsingMode.StrictMode)
    return url if url.isValid() else None


_TEL = re.compile(r"^\+[1-9][0-9]{5,14}(;ext=[0-9]{1,8})?$")
_MAIL_QUERY_KEYS = {"subject", "body"}


def _refusal(url: QUrl) -> str:
    """Why ``url`` may not be opened ('' when it may). Web links are judged by ``judge``."""
    from desktop.data.emails import is_email
    from desktop.data.urls import judge

    if not url.isValid():
        return "the address cannot be read"
    scheme = url.scheme().lower()
    if scheme == "tel":
        return "" if _TEL.match(url.path()) else "it is not a phone number that can be called"
    if scheme == "mailto":
        keys = {k.lower() for k, _v in QUrlQuery(url).queryItems()}
        if not is_email(url.path()) or not keys <= _MAIL_QUERY_KEYS:
            return "it is not one plain e-mail address"
        return ""
    if scheme in ("http", "https"):
        verdict = judge(url.toString(QUrl.ComponentFormattingOption.FullyEncoded))
        return "" if verdict.allowed else verdict.reason
    return "only phone numbers, e-mail addresses and web addresses are opened"


def is_allowed(url: QUrl) -> bool:
    return not _refusal(url)


# -- "this computer cannot make calls" -------------------------------------------------------------
# IT policy ``NoPhoneHandler`` is read once, with the rest of the policy, into
# ``Settings.policy``; the main window hands it down as a property of itself, so any widget in
# it (and any dialog it parents) can ask without the registry or INI being read again
# (code review c.7: no module-level cache of the policy).
CALL_POLICY = "sendDeskNoPhoneHandler"


def set_call_policy(window: QWidget, forbidden: bool) -> None:
    """Say, for every widget under ``window``, whether IT policy forbids handing out calls."""
    window.setProperty(CALL_POLICY, bool(forbidden))


def policy_forbids_calls(widget: QWidget | None) -> bool:
    """The ``NoPhoneHandler`` policy as the nearest window that was given it says (with no
    widget, or one outside any such window: the main window, as ``_main_window`` finds it)."""
    start = widget
    while widget is not None:
        value = widget.property(CALL_POLICY)
        if value is not None:
            return bool(value)
        widget = widget.parentWidget()
    main = _main_window(None)
    if main is not None and main is not start:
        return bool(main.property(CALL_POLICY))
    return False


def calls_disabled(widget: QWidget | None = None) -> bool:
    """True when Call should show the number instead of handing a tel: link to the system."""
    return policy_forbids_calls(widget) or Preferences().no_phone_handler


def remember_no_phone(on: bool) -> None:
    Preferences().no_phone_handler = bool(on)


def no_phone_action(parent: QWidget, *, forbidden: bool) -> QAction:
    """The Settings menu entry: 'This computer cannot make calls' (locked when IT sets it)."""
    action = QAction("This computer cannot make &calls", parent)
    action.setCheckable(True)
    action.setChecked(forbidden or Preferences().no_phone_handler)
    if forbidden:
        action.setEnabled(False)
        action.setToolTip("Set by your IT team")
    else:
        action.setToolTip("Call shows the number large, copied, instead of opening a phone app")
    action.toggled.connect(remember_no_phone)
    return action


# -- opening and the fallback ----------------------------------------------------------------------
def fallback_text(url: QUrl) -> str:
    """What to show and copy when a link cannot be opened: the number, address or link."""
    scheme = url.scheme().lower()
    if scheme == "tel":
        from desktop.data import phones

        number, _, ext = url.path().partition(";ext=")
        shown = phones.display(number) or number
        return f"{shown} ext. {ext}" if ext else shown
    if scheme == "mailto":
        return urllib.parse.unquote(url.path())
    return url.toString()


def copy_text(text: str) -> None:
    from desktop.ui import link_dialogs

    link_dialogs.copy_text(text)


def _main_window(parent: QWidget | None) -> QMainWindow | None:
    widget = parent
    while widget is not None:
        if isinstance(widget, QMainWindow):
            return widget
        widget = widget.parentWidget()
    active = QApplication.activeWindow()
    if isinstance(active, QMainWindow):
        return active
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow)]
    return windows[0] if len(windows) == 1 else None


def tell(parent: QWidget | None, sentence: str) -> None:
    """One sentence in the window's status bar (and the log)."""
    log.info("links: %s", sentence)
    window = _main_window(parent)
    if window is not None:
        window.statusBar().showMessage(sentence, 15_000)


def _what(url: QUrl) -> str:
    return {"tel": "Phone number", "mailto": "E-mail address"}.get(url.scheme().lower(), "Link")


class FallbackDialog(QDialog):
    """Shows a number or address large and says it has been copied."""

    def __init__(
        self, what: str, text: str, parent: QWidget | None = None, *, calls_off: bool = False
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{what} copied")
        self.setAccessibleName(f"{what} copied to the clipboard")
        layout = QVBoxLayout(self)
        if calls_off:
            reason = "This computer is set up not to make calls, so the number has been "
        else:
            reason = f"This computer could not open the {what.lower()} for you, so it has been "
        intro = QLabel(reason + "copied to the clipboard. Paste it, or read it from here:")
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        intro.setObjectName("fallbackIntro")
        big = QLabel(text)
        big.setTextFormat(Qt.TextFormat.PlainText)  # a number or address from a feed or file
        big.setObjectName("fallbackText")
        big.setWordWrap(True)
        big.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = big.font()
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        big.setFont(font)
        big.setAccessibleName(text)
        from PySide6.QtWidgets import QDialogButtonBox  # loaded with the first such dialog

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(intro)
        layout.addWidget(big)
        layout.addWidget(buttons)
        self.intro = intro
        self.text = text


def open_url(
    url: QUrl,
    parent: QWidget | None = None,
    *,
    force_fallback: bool = False,
    display: str = "",
) -> bool:
    """Open an allowed URL; on failure copy it and show the fallback dialog. False if refused.

    ``display`` is what the fallback shows and copies (e.g. '0333 006 2835, option 2');
    by default it is worked out from the URL.
    """
    refusal = _refusal(url)
    if refusal:
        log.warning("refused to open a link with scheme %r: %s", url.scheme(), refusal)
        # judge() gives a sentence ("This web address …."); the other refusals are clauses.
        clause = refusal[0].lower() + refusal[1:].rstrip(".") if refusal else refusal
        tell(parent, f"The link was not opened: {clause}.")
        return False
    if url.scheme().lower() in ("http", "https"):
        from desktop.data.urls import judge
        from desktop.ui import link_dialogs

        verdict = judge(url.toString(QUrl.ComponentFormattingOption.FullyEncoded))
        url = QUrl(verdict.shown, QUrl.ParsingMode.StrictMode)  # what is shown is what opens
        if verdict.insecure or verdict.reason:
            choice = link_dialogs.confirm(verdict, parent)
            if choice == link_dialogs.COPY:
                copy_text(verdict.shown)
                tell(parent, f"Copied {verdict.shown}.")
            if choice != link_dialogs.OPEN:
                return False
    calls_off = url.scheme().lower() == "tel" and calls_disabled(parent)
    if not (force_fallback or calls_off) and QDesktopServices.openUrl(url):
        return True
    text = display or fallback_text(url)
    copy_text(text)
    dialog = FallbackDialog(_what(url), text, parent, calls_off=calls_off)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setModal(True)
    if parent is None:  # nothing else holds a parentless dialog: keep it until it closes
        _unparented.add(dialog)
        dialog.finished.connect(lambda _result: _unparented.discard(dialog))
    dialog.open()
    return True


_unparented: set[QDialog] = set()


def open_email(
    address: str, subject: str = "", body: str = "", parent: QWidget | None = None
) -> bool:
    """Hand a (templated) e-mail to the mail program; with none, show it to copy into webmail."""
    if not email_ok(address):
        return False
    url = mailto_url(address, subject, body)
    if not (subject or body):
        return open_url(url, parent, display=address.strip())
    if QDesktopServices.openUrl(url):
        return True
    copy_text(address.strip())
    from desktop.ui import link_dialogs

    dialog = link_dialogs.EmailFallbackDialog(address.strip(), subject, body, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setModal(True)
    if parent is None:
        _unparented.add(dialog)
        dialog.finished.connect(lambda _result: _unparented.discard(dialog))
    dialog.open()
    return True
