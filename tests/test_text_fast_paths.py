"""The cleaners' fast paths give exactly what the plain, regex-only way gives (import speed).

``text.clean_text`` and ``text.html_to_text`` skip regex passes that cannot change a value
(printable ASCII, no CR or Unicode line break, single-spaced lines, no blank-line run, no
surrogate in ASCII). These tests compare them with the straightforward version they
replaced, over generated text rich in the characters each pass looks for.
"""

from __future__ import annotations

import html
import re
import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from desktop.data import text

# The regex-only version, as it was before the fast paths (same patterns as text.py).
_PLAIN = re.compile(r"[ -~]*")


def reference_clean(value: object) -> str:
    raw = text.as_text(value)
    if not raw:
        return ""
    if _PLAIN.fullmatch(raw) is None:
        raw = text._LINE_BREAKS.sub("\n", raw)
        raw = text._ODD_SPACES.sub(" ", text._REMOVE.sub("", raw))
        if not raw.isascii():
            raw = unicodedata.normalize("NFC", raw)
    if "\n" not in raw and "\t" not in raw and "  " not in raw:
        return raw.strip()
    lines = [text._SPACES.sub(" ", line).strip() for line in raw.split("\n")]
    return text._BLANK_LINES.sub("\n\n", "\n".join(lines).strip())


def reference_html(value: object) -> str:
    raw = text.as_text(value)
    if "<" not in raw and "&" not in raw:
        return reference_clean(raw)
    raw = text._unescape_fully(text._SURROGATES.sub("", raw))
    marked = text._LIST_ITEM.sub("\n• ", text._BLOCK_END.sub("\n", raw))
    if text._nh3_is_safe(marked):
        import nh3

        out = html.unescape(nh3.clean(marked, tags=set(), strip_comments=True))
    else:
        out = html.unescape(text.strip_tags(marked))
    out = reference_clean(out)
    if text._TAG_START.search(out):
        out = reference_clean(text._TAG_START.sub("", text.strip_tags(out)))
    return out


# Characters every pass of clean_text acts on, mixed with ordinary words and markup.
_TRICKY = st.sampled_from(
    [
        *" \t\n\r\x0b\x0c\x00\x1f\x7f\x85\xa0\xad\u200b\u200e\u2028\u2029\u202e\u3000\ufeff",
        "\ud83d", "e\u0301", "\u00e9", "•", "  ", "\n\n\n", "\r\n", "<p>", "</p>", "<li>", "<br>",
        "&amp;", "&lt;b&gt;", "&#10;", "<!-- x -->", "<script>x</script>", "word", "Autism",
    ]
)
_TEXT = st.lists(st.one_of(_TRICKY, st.text(max_size=6)), max_size=30).map("".join)


@settings(max_examples=600, deadline=None)
@given(_TEXT)
@example("support family\nrespite  therapy\t club\n\n\n\n• play")
@example("caf\u00e9 \u2028 line\r\nnext\x85end")
@example("plain ascii words only")
def test_clean_text_matches_the_regex_only_version(value: str) -> None:
    assert text.clean_text(value) == reference_clean(value)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
@example("<p>speech language</p><ul><li>autism sensory</li></ul>")
@example("<p>caf\u00e9\ud83d</p>&amp;lt;b&amp;gt;")
def test_html_to_text_matches_the_regex_only_version(value: str) -> None:
    assert text.html_to_text(value) == reference_html(value)
