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
