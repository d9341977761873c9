"""Turning untrusted HTML from exports into plain text (pure, no I/O)."""

from __future__ import annotations

import html
import re

import nh3

_BLOCK_END = re.compile(r"(?i)<\s*(br\s*/?|/p|/div|/h[1-6]|/ul|/ol|/tr)\s*>")
_LIST_ITEM = re.compile(r"(?i)<\s*li(\s[^>]*)?>")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES = re.compile(r"\n\s*\n(\s*\n)+")


def html_to_text(value: object) -> str:
    """Strip every tag (with nh3) while keeping paragraphs and list items readable."""
    if value is None:
        return ""
    raw = str(value)
    if "<" not in raw and "&" not in raw:
        return _tidy(raw)
    marked = _LIST_ITEM.sub("\n• ", _BLOCK_END.sub("\n", raw))
    stripped = nh3.clean(marked, tags=set(), strip_comments=True)
    return _tidy(html.unescape(stripped))


_NEEDS_TIDY = re.compile(r"[\r\n\t\f\v]|  ")


def _tidy(text: str) -> str:
    if not _NEEDS_TIDY.search(text):  # one line, single spaces: most names and short fields
        return text.strip()
    lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n")]
    joined = "\n".join(lines).strip()
    return _BLANK_LINES.sub("\n\n", joined)


# Bidi controls, zero-width and other invisible format characters, lone surrogates and the
# C0 controls other than tab and newline: none of them belongs in a name or a label, and
# some make text display differently from what it says ("Free \u202egnp.exe").
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff]"
)


def clean_text(value: object) -> str:
    """A plain-text field as stored: invisible and bidi controls removed, spaces tidied.

    Anything that is not a string (a number, an object, None) gives '': a name sent as an
    object is not a name.
    """
    if not isinstance(value, str):
        return ""
    if not value.isascii() or _NEEDS_CONTROL_CHECK.search(value):
        value = _INVISIBLE.sub("", value)
    return _tidy(value)


_NEEDS_CONTROL_CHECK = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
