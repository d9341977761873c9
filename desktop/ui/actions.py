"""Building tel:/mailto:/https: links, the one allow-list, and the copy fallback.

Every tab opens links through :func:`open_url`. Only ``tel:``, ``mailto:`` and ``https:``
are ever opened. When the system has no handler (common on council laptops), the
number or address is shown large in a dialog and already copied to the clipboard.
"""

from __future__ import annotations

import logging
import urllib.parse

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop.data import phones

log = logging.getLogger(__name__)

ALLOWED_SCHEMES = frozenset({"tel", "mailto", "https"})


def tel_url(number: str) -> QUrl | None:
    """A ``tel:`` URL in E.164 (``tel:+443330062835``), or None for a number that is not valid."""
    e164 = phones.e164(number)
    return QUrl("tel:" + e164) if e164 else None


def mailto_url(address: str, subject: str = "", body: str = "") -> QUrl:
    """A ``mailto:`` URL per RFC 6068: spaces as %20, line breaks as %0D%0A, '+' encoded."""
    query = []
    for key, value in (("subject", subject), ("body", body)):
        if value:
            encoded = urllib.parse.quote(value.replace("\r\n", "\n").replace("\n", "\r\n"), safe="")
            query.append(f"{key}={encoded}")
    text = "mailto:" + urllib.parse.quote(address, safe="@")
    if query:
        text += "?" + "&".join(query)
    return QUrl(text, QUrl.ParsingMode.StrictMode)


def is_allowed(url: QUrl) -> bool:
    return url.isValid() and url.scheme().lower() in ALLOWED_SCHEMES


def fallback_text(url: QUrl) -> str:
    """What to show and copy when a link cannot be opened: the number, address or link."""
    scheme = url.scheme().lower()
    if scheme == "tel":
        return phones.display(url.path()) or url.path()
    if scheme == "mailto":
        return urllib.parse.unquote(url.path())
    return url.toString()


def copy_text(text: str) -> None:
    clipboard = QGuiApplication.clipboard()
    if clipboard is not None:
        clipboard.setText(text)


class FallbackDialog(QDialog):
    """Shows a number or address large, says it has been copied."""

    def __init__(self, what: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{what} copied")
        self.setAccessibleName(f"{what} copied to the clipboard")
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"This computer could not open the {what.lower()} for you, so it has been "
            "copied to the clipboard. You can paste it, or read it from here:"
        )
        intro.setWordWrap(True)
        big = QLabel(text)
        big.setObjectName("fallbackText")
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
        self.text = text


def _what(url: QUrl) -> str:
    return {"tel": "Phone number", "mailto": "E-mail address"}.get(url.scheme().lower(), "Link")


def open_url(url: QUrl, parent: QWidget | None = None, *, force_fallback: bool = False) -> bool:
    """Open an allowed URL; on failure copy it and show the fallback dialog. False if refused."""
    if not is_allowed(url):
        log.warning("refused to open a link with scheme %r", url.scheme())
        return False
    if not force_fallback and QDesktopServices.openUrl(url):
        return True
    text = fallback_text(url)
    copy_text(text)
    dialog = FallbackDialog(_what(url), text, parent)
    dialog.setModal(True)
    dialog.open()
    return True
