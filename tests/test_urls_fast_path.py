"""``urls._web``'s quick path for plain links gives exactly what the general path gives."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from desktop.data import urls

_PIECES = st.sampled_from(
    ["https://", "http://", "HTTPS://", "HtTp://", "example.org", "EXAMPLE.org", "www.", ".",
     "..", "-", "a", "xn--", "xn--pple-43d", "127.0.0.1", "0x7f", "2130706433", "1.2.3.999",
     "/", "//", "/s/1", "~", "_", ":", ":8080", "@", "?", "#", "%20", " ", "é", "[::1]",
     "x" * 70, "\t", "'", "org."]
)  # fmt: skip
_LINKS = st.lists(st.one_of(_PIECES, st.text(max_size=4)), max_size=12).map("".join)


@settings(max_examples=1500, deadline=None)
@given(_LINKS)
@example("https://example.org/s/1")
@example("HTTP://Example.ORG./a_b~c-d.e//f")
@example("https://a..b/")
@example("https://0x7f.1/")
@example("https://" + "x" * 64 + ".org/")
@example("https://example.org/" + "a" * 2000)
def test_quick_path_matches_the_general_one(text: str) -> None:
    assert urls._web(text) == urls._web_general(text)


def test_the_quick_path_is_taken_for_a_plain_link() -> None:
    # What the benchmark and most feeds send: the quick path must match it, or it is dead code.
    assert urls._SIMPLE_WEB.fullmatch("https://www.example.org/services/speech-and-language_1")
    assert urls.clean_url("HTTPS://WWW.Example.org/s/1") == "https://www.example.org/s/1"
