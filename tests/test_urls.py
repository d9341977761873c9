"""Websites as stored (clean_url) and the one allow-list for opening links (judge)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.data.urls import MAX_URL, UrlVerdict, ascii_host, clean_url, judge


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("  https://example.org/a  ", "https://example.org/a"),
        ("http://example.org", "http://example.org"),  # a third of one real feed: kept
        ("HTTP://Example.ORG/Path", "http://example.org/Path"),  # scheme and host lower-cased
        ("example.org", "https://example.org"),  # a bare domain gets https://
        ("www.example.org", "https://www.example.org"),
        ("www.example.org/x?y=1#z", "https://www.example.org/x?y=1#z"),
        ("example.org:8080/x", "https://example.org:8080/x"),
        ("//example.org/x", "https://example.org/x"),
        ("https://example.org/caf\u00e9?q=\u00e9", "https://example.org/caf%C3%A9?q=%C3%A9"),
        ("https://example.org/a%20b", "https://example.org/a%20b"),  # not encoded twice
        ("https://example.org.", "https://example.org"),
        ("https://\u0430pple.com/", "https://xn--pple-43d.com/"),  # Cyrillic а: punycode shown
        ("https://fa\u00df.example.org/", "https://xn--fa-hia.example.org/"),  # UTS 46 as browsers
        ("http://127.0.0.1:8000/x", "http://127.0.0.1:8000/x"),
        ("http://[::1]/", "http://[::1]/"),
        # Refused:
        ("javascript:alert(1)", ""),
        ("JavaScript:alert(1)", ""),
        ("file:///etc/passwd", ""),
        ("data:text/html,<b>x</b>", ""),
        ("ftp://example.org/file", ""),
        ("mailto:a@example.org", ""),
        ("https://good.example.org@evil.example/login", ""),  # user-info disguises the host
        ("https://user:pass@example.org/", ""),
        ("https://@example.org/", ""),
        ("https://", ""),
        ("https://:443/", ""),
        ("https://example.org:99999/", ""),  # no such port
        ("https://exa mple.org/", ""),
        ('https://example.org/"onmouseover="x', ""),
        ("https://example.org/'x'", ""),
        ("https://example.org/<script>", ""),
        ("https://example.org/\nx", ""),
        ("https://example.org/\tx", ""),
        ("https://example.org/\x00", ""),
        ("https://example.org\\@evil.example/", ""),  # browsers read '\' as '/'
        ("https://exa\u200bmple.org/", ""),  # a zero-width space in the host
        ("https://example.org/\u202egnp.exe", ""),  # an RLO in the path
        ("https://2130706433/", ""),  # browsers read this as 127.0.0.1
        ("https://0x7f.1/", ""),
        ("https://256.1.1.1/", ""),
        ("https://ex_ample..org/", ""),  # an empty label
        ("https://xn--zz.example.org/", ""),  # punycode that decodes to nothing valid
        ("https:example.org", ""),
        ("https://" + "a" * MAX_URL + ".org", ""),
        ("not a website", ""),
        ("localhost:8000", ""),
        (None, ""),
        (42, ""),
    ],
)
def test_clean_url(value: object, expected: str) -> None:
    assert clean_url(value) == expected


@pytest.mark.parametrize(
    ("url", "allowed", "insecure", "shown"),
    [
        ("https://example.org/send", True, False, "https://example.org/send"),
        ("http://example.org/send", True, True, "http://example.org/send"),
        ("http://127.0.0.1:8765/x", True, True, "http://127.0.0.1:8765/x"),  # loopback too
        ("https://\u0430pple.com/", True, False, "https://xn--pple-43d.com/"),
        ("tel:+441214960123", True, False, "tel:+441214960123"),
        ("tel:+441214960123;ext=12", True, False, "tel:+441214960123;ext=12"),
        ("TEL:+441214960123", True, False, "tel:+441214960123"),
        ("mailto:a@example.org", True, False, "mailto:a@example.org"),
        ("mailto:o'brien@example.org", True, False, "mailto:o'brien@example.org"),
        (
            "mailto:a@example.org?subject=Q%26A&body=Line%201%0D%0ALine%202",
            True,
            False,
            "mailto:a@example.org?subject=Q%26A&body=Line%201%0D%0ALine%202",
        ),
        ("https://good.example.org@evil.example/", False, False, ""),
        ("example.org", False, False, ""),  # opening needs a scheme; clean_url adds one
        ("tel:01214960123", False, False, ""),  # not E.164
        ("tel:+44 121 496 0123", False, False, ""),
        ("tel:+441214960123;ext=12;phone-context=x", False, False, ""),
        ("tel:+449098790000", False, False, ""),  # premium rate: never dialled by a click
        ("tel:+441214960123,2", False, False, ""),
        ("mailto:a@example.org,b@example.org", False, False, ""),
        ("mailto:a@example.org?cc=b@example.org", False, False, ""),
        ("mailto:a@example.org?bcc=b@example.org", False, False, ""),
        ("mailto:a@example.org?to=b@example.org", False, False, ""),
        ("mailto:a@example.org?subject=x&subject=y", False, False, ""),
        ("mailto:a@example.org?subject=x%0D%0ABcc:%20b@example.org", False, False, ""),
        ("mailto:a@example.org?subject=a b", False, False, ""),
        ("mailto:not an address", False, False, ""),
        ("mailto:", False, False, ""),
        ("javascript:alert(1)", False, False, ""),
        ("file:///C:/Windows/System32/calc.exe", False, False, ""),
        ("file://\\\\host\\share\\x.exe", False, False, ""),
        ("data:text/html,x", False, False, ""),
        ("ftp://example.org", False, False, ""),
        ("ms-settings:", False, False, ""),
        ("", False, False, ""),
    ],
)
def test_judge(url: str, allowed: bool, insecure: bool, shown: str) -> None:
    verdict = judge(url)
    assert (verdict.allowed, verdict.insecure, verdict.shown) == (allowed, insecure, shown)
    if allowed and "xn--" not in shown:
        assert verdict.reason == ""
    elif allowed:  # a site name in another alphabet: allowed, with a caution naming it
        assert urlsplit(shown).hostname in verdict.reason
    else:
        assert verdict.reason.endswith(".") and verdict.reason[0].isupper()  # one sentence
        assert verdict.reason.count(". ") == 0


def test_the_reasons_say_what_is_wrong() -> None:
    assert "user" in judge("https://good.example.org@evil.example/").reason
    assert "javascript:" in judge("javascript:alert(1)").reason
    assert "premium-rate" in judge("tel:+449098790000").reason
    assert "hidden" in judge("https://exa\u200bmple.org/").reason


def test_verdict_is_frozen() -> None:
    verdict = judge("https://example.org")
    assert isinstance(verdict, UrlVerdict)
    with pytest.raises(AttributeError):
        verdict.allowed = False  # type: ignore[misc]


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("Example.ORG", "example.org"),
        ("\u0430pple.com", "xn--pple-43d.com"),
        ("b\u00fccher.example", "xn--bcher-kva.example"),
        ("\u4f8b\u3048.\u30c6\u30b9\u30c8", "xn--r8jz45g.xn--zckzah"),
        ("", ""),
        ("a..b", ""),
        ("-bad.org", ""),
        ("x" * 64 + ".org", ""),  # a label is at most 63
    ],
)
def test_ascii_host(host: str, expected: str) -> None:
    assert ascii_host(host) == expected


# -- properties ----------------------------------------------------------------------------

_hosts = st.one_of(
    st.from_regex(r"[a-z0-9-]{1,12}(\.[a-z0-9-]{1,12}){0,3}", fullmatch=True),
    st.text(st.characters(codec="utf-8"), max_size=15),
)
_urls = st.one_of(
    st.text(),
    st.builds(
        lambda scheme, user, host, port, path: f"{scheme}{user}{host}{port}{path}",
        st.sampled_from(["https://", "http://", "HTTPS://", "//", "", "javascript:", "tel:"]),
        st.sampled_from(["", "user@", "a:b@", "good.example.org@"]),
        _hosts,
        st.sampled_from(["", ":443", ":0", ":99999", ":x"]),
        st.text(max_size=20).map(lambda s: "/" + s),
    ),
)


@given(_urls)
def test_judge_only_ever_allows_the_four_schemes(url: str) -> None:
    verdict = judge(url)
    if verdict.allowed:
        scheme = verdict.shown.split(":", 1)[0]
        assert scheme in {"https", "http", "tel", "mailto"}
        assert verdict.shown.isascii()
        assert verdict.insecure == (scheme == "http")
        if scheme in {"https", "http"}:
            parts = urlsplit(verdict.shown)
            assert parts.hostname and "@" not in parts.netloc
    else:
        assert verdict.reason and not verdict.shown


@given(_urls)
def test_a_stored_website_is_always_one_the_allow_list_opens(value: str) -> None:
    url = clean_url(value)
    if url:
        verdict = judge(url)
        assert verdict.allowed and verdict.shown == url  # shown as stored, opened as shown
        assert clean_url(url) == url
