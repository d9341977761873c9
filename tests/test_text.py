"""Plain text and HTML from feeds: hidden characters, entities, nesting (review F7, F9)."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.data import text as text_module
from desktop.data.text import as_text, clean_text, html_to_text, nesting_depth, strip_tags

# Every character clean_text promises to remove (bidi, zero-width, invisible, C0/C1
# controls but newline and tab, lone surrogates).
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff\ud800-\udfff]"
)
TAG = re.compile(r"<[A-Za-z/!?]")

# Any code point, lone surrogates included (hypothesis leaves them out by default).
any_text = st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=()))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Free service \u202egnp.exe", "Free service gnp.exe"),  # RLO: no "…exe.png" disguise
        ("Auti\u200bsm", "Autism"),  # zero-width space: found by "autism"
        ("Auti\u00adsm support", "Autism support"),  # soft hyphen
        ("\ufeffSpeech and language", "Speech and language"),  # byte-order mark
        ("a\u2066b\u2069c\u200ed\u200fe\u061cf", "abcdef"),  # isolates and marks
        ("Bell\x07 and null\x00", "Bell and null"),  # C0 controls
        ("C1\x9b control", "C1 control"),
        ("lone \ud83d surrogate", "lone surrogate"),
        ("Cafe\u0301", "Café"),  # NFC: one code point
        ("line one\r\nline two\rthree\u2028four", "line one\nline two\nthree\nfour"),
        ("tab\tand  spaces\u00a0here", "tab and spaces here"),  # tidied as before
        ("  padded  \n\n\n\nnext  ", "padded\n\nnext"),
        ("Plain name", "Plain name"),
    ],
)
def test_clean_text_removes_what_hides_or_disguises(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"x": 1}, ""),  # review F19: a name given as an object was stored as "{'x': 1}"
        (["a", "b"], ""),
        (None, ""),
        (True, ""),
        (42, "42"),
        (7.0, "7"),
        (7.5, "7.5"),
        (float("nan"), ""),  # review F19: "£nan"
        (float("inf"), ""),
        pytest.param(10**5000, "", id="5001-digit int"),  # more than Python writes out
    ],
)
def test_only_text_and_numbers_become_text(value: object, expected: str) -> None:
    assert as_text(value) == expected
    assert clean_text(value) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Fish &amp; chips<br>Tea", "Fish & chips\nTea"),
        ("<p>Play for <strong>under-5s</strong>.</p><ul><li>Soft room</li><li>Music</li></ul>"
         "<script>alert(1)</script>", "Play for under-5s.\n\n• Soft room\n• Music"),
        ('&lt;a href="javascript:alert(1)"&gt;Click&lt;/a&gt;', "Click"),  # F7: not a stored tag
        ("&lt;script&gt;alert(1)&lt;/script&gt;Hello", "Hello"),
        ("&amp;lt;b&amp;gt;twice escaped&amp;lt;/b&amp;gt;", "twice escaped"),
        # Escaped more deeply than the decoding rounds: the rest is visible text, never a tag.
        ("&amp;amp;amp;amp;amp;lt;b&amp;amp;amp;amp;amp;gt;deep", "&lt;b&gt;deep"),
        ("Ages 5 &lt; 11 and 3<4", "Ages 5 < 11 and 3<4"),  # '<' before a digit is text
        ("<!-- a comment --><p>Kept</p>", "Kept"),
        ("Auti&#8203;sm <b>group</b>", "Autism group"),  # an entity for a zero-width space
        ("<p>RLO &#x202E;gnp.exe</p>", "RLO gnp.exe"),
        (None, ""),
        ({"html": "<b>x</b>"}, ""),
    ],
)
def test_html_to_text(raw: object, expected: str) -> None:
    assert html_to_text(raw) == expected


def test_beyond_the_limits_the_linear_stripper_gives_the_same_text() -> None:
    para = "<p>Sessions for <strong>children</strong> &amp; families.</p>"
    small = para * 3
    large = para * (text_module.HTML_LIMITS["nh3_max_chars"] // len(para) + 1)
    assert html_to_text(small) == "Sessions for children & families.\n" * 2 + (
        "Sessions for children & families."
    )
    assert not text_module._nh3_is_safe(large)
    assert html_to_text(large).split("\n") == ["Sessions for children & families."] * (
        large.count("<p>")
    )


@pytest.mark.parametrize(
    ("markup", "depth"),
    [
        ("<div><div><p>x</p></div></div>", 3),
        ("<div>" * 300 + "</div>" * 300, 300),
        ("<p>a<p>b<p>c", 1),  # each <p> closes the one before
        ("<br><img src=x><hr>" * 50, 0),  # void elements never open
        ("<div>" * 5 + "</span>" * 100, 5),  # a stray end tag closes nothing
        ("<b><i><u>x</b>", 3),
    ],
)
def test_nesting_depth_follows_what_a_parser_keeps_open(markup: str, depth: int) -> None:
    assert nesting_depth(markup) == depth


def test_deep_nesting_goes_to_the_linear_stripper() -> None:
    deep = "<div>" * 40_000 + "Deep text" + "</div>" * 40_000  # review F9: 5 s in nh3
    assert not text_module._nh3_is_safe(deep)
    assert html_to_text(deep) == "Deep text"


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<li " * 10_000 + "end", ""),  # an unclosed tag runs to the next '<'
        ("<!--" * 10_000 + "gone", ""),  # an unclosed comment runs to the end
        ("a<script>x<b>y</b></script >b", "ab"),
        ("a<STYLE>p{}</style>b", "ab"),
        ('a<a title="x">b</a>c<?php x ?>d<!doctype html>e', "abcde"),
    ],
)
def test_strip_tags(markup: str, expected: str) -> None:
    assert strip_tags(markup) == expected


@given(any_text)
def test_clean_text_never_raises_and_leaves_no_hidden_characters(raw: str) -> None:
    cleaned = clean_text(raw)
    assert not FORBIDDEN.search(cleaned)
    assert unicodedata.is_normalized("NFC", cleaned)
    assert cleaned == cleaned.strip()
    assert clean_text(cleaned) == cleaned


_TAG_NAMES = st.sampled_from(["div", "p", "a", "b", "li", "script", "style", "br", "img", "x"])
_ATTRS = st.sampled_from(["", ' href="javascript:alert(1)"', " onclick='x()'", " title=a>b"])
_TEXTS = st.one_of(
    any_text,
    st.sampled_from(["&lt;", "&gt;", "&amp;", "&lt;a href=x&gt;", "&#8203;", "&#x202e;", "<!--"]),
)


def _markup() -> st.SearchStrategy[str]:
    def wrap(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.tuples(_TAG_NAMES, _ATTRS, st.lists(children, max_size=4), st.booleans()).map(
            lambda t: f"<{t[0]}{t[1]}>{''.join(t[2])}" + (f"</{t[0]}>" if t[3] else "")
        )

    return st.recursive(_TEXTS, wrap, max_leaves=20)


@given(st.one_of(_markup(), any_text))
def test_html_to_text_never_raises_and_never_holds_a_tag(raw: str) -> None:
    out = html_to_text(raw)
    assert not TAG.search(out)
    assert not FORBIDDEN.search(out)
    assert out == clean_text(out)
