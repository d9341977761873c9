"""Plain text from untrusted feeds and files (pure, no I/O).

``clean_text`` is for every plain-text field: only text in, Unicode NFC, no invisible or
direction-changing characters (so a name cannot disguise itself, and "Auti\u200bsm" is found
by "autism"), tidy whitespace. ``html_to_text`` strips HTML first, in time linear in the
input whatever its nesting (see ``HTML_LIMITS`` and docs/decisions.md).
"""

from __future__ import annotations

import html
import math
import re
import unicodedata

# Characters removed from every text field:
# - C0 and C1 controls (newline and tab are kept; other line breaks become newlines first);
# - bidi embeddings, overrides, isolates and marks (U+202A-E, U+2066-9, U+200E/F, U+061C);
# - zero-width and invisible characters (U+200B-D, U+2060-4, U+FEFF, soft hyphen, U+180E);
# - lone surrogates (a feed's "\ud83d" cannot be stored as UTF-8).
_REMOVE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u061c\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ud800-\udfff]"
)
_SURROGATES = re.compile("[\ud800-\udfff]")
_LINE_BREAKS = re.compile("\r\n?|[\x85\u2028\u2029]")
# Space separators (no-break, thin, ideographic…) and vertical tab / form feed → a space.
_ODD_SPACES = re.compile("[\x0b\x0c\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_SPACES = re.compile(r"[ \t]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def as_text(value: object) -> str:
    """A field's value as text: a str as it is, a finite number written out, anything else ''."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return ""
    try:
        if isinstance(value, int):
            return str(value)
        if isinstance(value, float) and math.isfinite(value):
            return str(int(value)) if value.is_integer() else str(value)
    except ValueError:  # more digits than Python will write out (sys.int_info)
        pass
    return ""


def clean_text(value: object) -> str:
    """Text safe to store, show and search: see the module docstring. Never raises."""
    text = as_text(value)
    if not text:
        return ""
    ascii_only = text.isascii()
    # Printable ASCII only (exactly the characters ' ' to '~'): nothing to remove or normalise.
    if not (ascii_only and text.isprintable()):
        if "\r" in text or (not ascii_only and any(c in text for c in "\x85\u2028\u2029")):
            text = _LINE_BREAKS.sub("\n", text)  # (``in`` is far quicker than the regex scan)
        text = _ODD_SPACES.sub(" ", _REMOVE.sub("", text))
        if not ascii_only:
            text = unicodedata.normalize("NFC", text)
    return _tidy(text)


def _tidy(text: str) -> str:
    if "\n" not in text and "\t" not in text and "  " not in text:
        return text.strip()  # one line, single spaces: most names and short fields
    # A line of single-spaced words (most of them) has nothing for _SPACES to change.
    lines = [
        (_SPACES.sub(" ", line) if "\t" in line or "  " in line else line).strip()
        for line in text.split("\n")
    ]
    joined = "\n".join(lines).strip()
    return _BLANK_LINES.sub("\n\n", joined) if "\n\n\n" in joined else joined


# -- HTML --------------------------------------------------------------------------------

HTML_LIMITS = {
    # nh3 (html5ever) is quadratic in nesting depth: 40k nested <div> take seconds. Beyond
    # either limit the linear stripper below is used instead (tests/benchmarks/bench_html.py).
    "nh3_max_chars": 100_000,
    "nh3_max_depth": 256,
}

# Only '<' followed by a letter, '/', '!' or '?' opens a tag (HTML's tokeniser rule).
# Every scan stops at the next '<' ([^<>]*), so an unclosed tag never rescans the text.
_BLOCK_END = re.compile(r"(?i)<\s*(?:br|/p|/div|/h[1-6]|/ul|/ol|/tr)\b[^<>]*>")
_LIST_ITEM = re.compile(r"(?i)<\s*li\b[^<>]*>")
_STRIP = re.compile(
    r"<!--.*?(?:-->|\Z)"  # a comment, to the end of the text when unclosed
    r"|<(script|style)\b[^<>]*>?.*?(?:</\1\s*>|\Z)"  # these tags' content is code, not text
    r"|<[/!?]?[A-Za-z][^<>]*>?"  # any other tag, doctype or processing instruction
    r"|<[!?][^<>]*>?",
    re.S | re.I,
)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)[^<>]*>")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr", "keygen"}
)
_SIBLINGS = frozenset({"p", "li", "dt", "dd", "option", "tr", "td", "th"})  # one closes the last


def html_to_text(value: object) -> str:
    """Strip every tag while keeping paragraphs and list items readable; then ``clean_text``.

    Entities are decoded *before* sanitising, so ``&lt;a href=…&gt;`` is removed as a tag
    rather than stored as one, and whatever remains never holds a tag."""
    raw = as_text(value)
    if "<" not in raw and "&" not in raw:
        return clean_text(raw)
    if not raw.isascii():  # nh3 takes only valid UTF-8 (ASCII holds no surrogates)
        raw = _SURROGATES.sub("", raw)
    raw = _unescape_fully(raw)
    marked = _LIST_ITEM.sub("\n• ", _BLOCK_END.sub("\n", raw))
    if _nh3_is_safe(marked):
        import nh3  # on first use: plain-text fields and start-up never need it

        text = html.unescape(nh3.clean(marked, tags=set(), strip_comments=True))
    else:
        text = html.unescape(strip_tags(marked))
    text = clean_text(text)
    if _TAG_START.search(text):  # from entities hidden more deeply than we decode, or a
        # '<' that met a letter once the controls between them were removed
        text = clean_text(_TAG_START.sub("", strip_tags(text)))
    return text


def strip_tags(markup: str) -> str:
    """Remove tags, comments and script/style content in one linear pass (no entity decoding)."""
    return _STRIP.sub("", markup)


def _unescape_fully(text: str, rounds: int = 4) -> str:
    for _ in range(rounds):
        if "&" not in text:
            break
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    return text


def _nh3_is_safe(markup: str) -> bool:
    if len(markup) > HTML_LIMITS["nh3_max_chars"]:
        return False
    limit = HTML_LIMITS["nh3_max_depth"]
    if markup.count("<") <= limit:
        return True  # fewer tags than the limit cannot nest deeper than it
    return nesting_depth(markup, stop_above=limit) <= limit


def nesting_depth(markup: str, stop_above: int | None = None) -> int:
    """How deeply elements nest, roughly as an HTML parser keeps them open (linear time).

    A closing tag closes its element and everything opened inside it; one that matches no
    open element is ignored, as HTML parsers do; void elements never open."""
    stack: list[str] = []
    open_count: dict[str, int] = {}
    deepest = 0
    for match in _TAG.finditer(markup):
        name = match.group(2).lower()
        if match.group(1):  # a closing tag
            if open_count.get(name):
                while stack:
                    top = stack.pop()
                    open_count[top] -= 1
                    if top == name:
                        break
            continue
        if name in _VOID:
            continue
        if name in _SIBLINGS and stack and stack[-1] == name:
            continue  # <p>a<p>b: the second closes the first, the depth stays
        stack.append(name)
        open_count[name] = open_count.get(name, 0) + 1
        if len(stack) > deepest:
            deepest = len(stack)
            if stop_above is not None and deepest > stop_above:
                break
    return deepest
