"""Building tel:/mailto:/https: links, the one allow-list, and the copy fallback.

Every tab opens links through :func:`open_url`. Only ``tel:``, ``mailto:`` and ``https:``
are ever opened. When the system has no handler (common on council laptops), or the
computer is set not to make calls, the number or address is shown large in a dialog and
already copied to the clipboard. :class:`desktop.ui.contact_buttons.ContactButtons` gives
any tab the same Call / Email / Website / Copy buttons.
"""

from __future__ import annotations

import functools
import logging
import urllib.parse

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop.config import Preferences
from desktop.data import phones
from desktop.data.emails import is_email
from desktop.data.providers import split_phone

log = logging.getLogger(__name__)

ALLOWED_SCHEMES = frozenset({"tel", "mailto", "https"})
PREF_NO_PHONE = Preferences.NO_PHONE_HANDLER


# -- building links ------------------------------------------------------------------------------
def tel_url(number: str) -> QUrl | None:
    """A ``tel:`` URL in E.164 (``tel:+443330062835``), or None for a number that is not valid.

    An extension becomes the RFC 3966 ``;ext=`` parameter; a menu option ('option 2') is
    not part of the number, so the link is the number alone and the card shows the option.
    """
    parts = split_phone(str(number or ""))
    e164 = phones.e164(parts.number)
    if not e164:
        return None
    return QUrl("tel:" + e164 + (f";ext={parts.extension}" if parts.extension else ""))


def email_ok(address: str) -> bool:
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
    """An ``https:`` link, or None (the Website action is then disabled)."""
    url = QUrl(str(link or "").strip(), QUrl.ParsingMode.StrictMode)
    return url if url.isValid() and url.scheme() == "https" and url.host() else None


def is_allowed(url: QUrl) -> bool:
    return url.isValid() and url.scheme().lower() in ALLOWED_SCHEMES


# -- "this computer cannot make calls" -------------------------------------------------------------
@functools.cache
def policy_forbids_calls() -> bool:
    """IT policy ``NoPhoneHandler`` (read once; ``policy_forbids_calls.cache_clear()`` in tests)."""
    from desktop.config import read_policy

    return read_policy().no_phone_handler


def calls_disabled() -> bool:
    """True when Call should show the number instead of handing a tel: link to the system."""
    if policy_forbids_calls():
        return True
    return Preferences().no_phone_handler


def remember_no_phone(on: bool) -> None:
    Preferences().no_phone_handler = bool(on)


def no_phone_action(parent: QWidget) -> QAction:
    """The Settings menu entry: 'This computer cannot make calls' (locked when IT sets it)."""
    action = QAction("This computer cannot make &calls", parent)
    action.setCheckable(True)
    action.setChecked(calls_disabled())
    if policy_forbids_calls():
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
        number, _, ext = url.path().partition(";ext=")
        shown = phones.display(number) or number
        return f"{shown} ext. {ext}" if ext else shown
    if scheme == "mailto":
        return urllib.parse.unquote(url.path())
    return url.toString()


def copy_text(text: str) -> None:
    clipboard = QGuiApplication.clipboard()
    if clipboard is not None:
        clipboard.setText(text)


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
        intro.setWordWrap(True)
        intro.setObjectName("fallbackIntro")
        big = QLabel(text)
        big.setObjectName("fallbackText")
        big.setWordWrap(True)
        big.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = big.font()
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        big.setFont(font)
        big.setAccessibleName(text)
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
    if not is_allowed(url):
        log.warning("refused to open a link with scheme %r", url.scheme())
        return False
    calls_off = url.scheme().lower() == "tel" and calls_disabled()
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


_unparented: set[FallbackDialog] = set()
