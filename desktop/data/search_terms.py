"""Search in advisers' words: what someone typed → a safe SQLite FTS5 query (pure).

Every word is quoted (FTS5 syntax in the text is never obeyed, so no text can raise); the
last word is a prefix for search-as-you-type; text in double quotes is a phrase; and a word
or phrase on the synonym list (``resources/synonyms.toml``) becomes an OR-group of its group's
words and phrases, with what was typed always among them, so synonyms only ever add results:

    EHCP speech ther   →   ("EHCP" OR "EHC plan" OR …) AND "speech" AND "ther"*

Matching against the list ignores case, accents and a plural ``s``/``ies``; the index's own
tokenizer (porter stemming) then does the rest, so "refused" also finds "refusal".
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop.errors import UserError

log = logging.getLogger(__name__)

SYNONYMS_FILE = "synonyms.toml"  # in resources/
WORD = re.compile(r"\w+")
MAX_WORDS = 24  # a search box, not a document: words past this are ignored


class SynonymsError(UserError):
    """The synonym list cannot be read; the message names the file and the problem."""


@dataclass(frozen=True)
class Group:
    """One idea and every way people write it (a ``[[group]]`` of the synonym file)."""

    name: str
    words: tuple[str, ...]


def tokens(text: str) -> list[str]:
    """The words of ``text`` as the search sees them ('Down's' → ['Down', 's'])."""
    return WORD.findall(text or "")


def norm(token: str) -> str:
    """A token as the synonym list compares it: no case, no accents, no plural ending."""
    folded = unicodedata.normalize("NFKD", token.casefold())
    t = "".join(c for c in folded if not unicodedata.combining(c))
    if len(t) > 4 and t.endswith("ies"):
        return t[:-3] + "y"
    if len(t) > 3 and t.endswith("s") and not t.endswith(("ss", "us", "is")):
        return t[:-1]
    return t


def _key(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(norm(w) for w in words)


@dataclass(frozen=True)
class Piece:
    """One unit of a search: a typed word, a quoted phrase, or a synonym match.

    ``typed`` are the words as typed and ``spans`` where they are in the text;
    ``alternatives`` the other phrasings from the synonym list (empty for a plain word);
    ``phrase``: the typed words must be side by side (quoted); ``prefix``: the last typed
    word may be the start of a longer word (the one being typed).
    """

    typed: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    alternatives: tuple[tuple[str, ...], ...] = ()
    phrase: bool = False
    prefix: bool = False
    group: str = ""

    def _typed_fts(self) -> str:
        star = "*" if self.prefix else ""
        if self.phrase or len(self.typed) == 1:
            return f'"{" ".join(self.typed)}"{star}'
        quoted = [f'"{t}"' for t in self.typed]
        quoted[-1] += star
        return "(" + " AND ".join(quoted) + ")"

    def fts(self) -> str:
        if not self.alternatives:
            return self._typed_fts()
        options = [self._typed_fts()] + [f'"{" ".join(a)}"' for a in self.alternatives]
        return "(" + " OR ".join(options) + ")"


@dataclass(frozen=True)
class Query:
    text: str
    pieces: tuple[Piece, ...]

    def fts(self) -> str:
        """The FTS5 MATCH expression; '' when the text has no words (no FTS query at all).

        Pieces are joined by an explicit AND: FTS5 rejects an implicit one next to a bracket.
        """
        return " AND ".join(p.fts() for p in self.pieces)

    def __bool__(self) -> bool:
        return bool(self.pieces)

    def phrases(self) -> list[tuple[tuple[str, ...], bool]]:
        """Every phrasing the query looks for, as (words, last word is a prefix): for
        highlighting matches in a text."""
        out: list[tuple[tuple[str, ...], bool]] = []
        for p in self.pieces:
            if p.phrase or p.alternatives:
                out.append((p.typed, p.prefix))
            else:
                out += [((w,), p.prefix and i == len(p.typed) - 1) for i, w in enumerate(p.typed)]
            out += [(a, False) for a in p.alternatives]
        return out

    def plain_words(self) -> list[tuple[str, tuple[int, int], bool]]:
        """Typed words that are not on the synonym list, as (word, span, is a prefix): the
        words a "Did you mean…?" may correct."""
        out = []
        for p in self.pieces:
            if p.alternatives:
                continue
            for i, (word, span) in enumerate(zip(p.typed, p.spans, strict=True)):
                out.append((word, span, p.prefix and i == len(p.typed) - 1))
        return out


class SearchTerms:
    """The synonym list, ready to expand searches. ``SearchTerms()`` has no synonyms."""

    def __init__(self, groups: Sequence[Group] = ()) -> None:
        self.groups = tuple(groups)
        self._index: dict[tuple[str, ...], int] = {}
        self._entries: list[list[tuple[str, ...]]] = []
        for n, group in enumerate(self.groups):
            entries = []
            for word in group.words:
                toks = tuple(tokens(word))
                if toks:
                    self._index.setdefault(_key(toks), n)
                    entries.append(toks)
            self._entries.append(entries)
        self._longest = max((len(k) for k in self._index), default=0)

    def __len__(self) -> int:
        return len(self.groups)

    def group_of(self, text: str) -> Group | None:
        """The group a word or phrase belongs to, if any."""
        n = self._index.get(_key(tokens(text)))
        return None if n is None else self.groups[n]

    def _alternatives(self, n: int, typed: Sequence[str]) -> tuple[tuple[str, ...], ...]:
        mine = _key(typed)
        return tuple(e for e in self._entries[n] if _key(e) != mine)

    def parse(self, text: str) -> Query:
        text = text or ""
        pieces: list[Piece] = []
        budget = MAX_WORDS
        # Split on double quotes: odd-numbered parts are phrases (an unclosed quote runs on).
        pos = 0
        for part_no, part in enumerate(text.split('"')):
            words = [(m.group(), m.span()) for m in WORD.finditer(part)][:budget]
            budget -= len(words)
            spans = [(pos + a, pos + b) for _w, (a, b) in words]
            typed = [w for w, _ in words]
            pos += len(part) + 1
            if not typed:
                continue
            if part_no % 2:
                n = self._index.get(_key(typed))
                alts = () if n is None else self._alternatives(n, typed)
                group = "" if n is None else self.groups[n].name
                pieces.append(Piece(tuple(typed), tuple(spans), alts, phrase=True, group=group))
            else:
                pieces += self._match(typed, spans)
            if budget <= 0:
                break
        if not pieces:
            return Query(text, ())
        last = pieces[-1]
        closed_quote = last.phrase and text.count('"') % 2 == 0
        if not last.alternatives and not closed_quote:
            pieces[-1] = Piece(last.typed, last.spans, phrase=last.phrase, prefix=True)
        return Query(text, tuple(pieces))

    def _match(self, typed: list[str], spans: list[tuple[int, int]]) -> list[Piece]:
        """Greedy longest match of synonym phrases over a run of typed words."""
        out: list[Piece] = []
        i = 0
        while i < len(typed):
            for length in range(min(self._longest, len(typed) - i), 0, -1):
                n = self._index.get(_key(typed[i : i + length]))
                if n is not None:
                    words = typed[i : i + length]
                    out.append(
                        Piece(
                            tuple(words),
                            tuple(spans[i : i + length]),
                            self._alternatives(n, words),
                            group=self.groups[n].name,
                        )
                    )
                    i += length
                    break
            else:
                out.append(Piece((typed[i],), (spans[i],)))
                i += 1
        return out

    def fts_query(self, text: str) -> str:
        return self.parse(text).fts()


NO_TERMS = SearchTerms()


class DeferredTerms(SearchTerms):
    """A synonym list read on first use (the first search), not at start-up: reading and
    parsing the TOML file is ~6 ms of a start that shows no search results (issue 16).

    ``load`` returns the list (or ``NO_TERMS``, having logged why); it runs once, under a
    lock, since the Local Offer's worker threads search with the same object. A loader that
    raises is logged and leaves the list empty: a search never fails for the synonym list.
    """

    def __init__(self, load: Callable[[], SearchTerms]) -> None:  # no super(): nothing read yet
        self._load = load
        self._lock = threading.Lock()

    def __getattr__(self, name: str) -> object:
        # Called only for an attribute not yet set: the first use of the parsed list.
        if name.startswith("__") or name in ("_load", "_lock"):
            raise AttributeError(name)
        with self._lock:
            if "groups" not in self.__dict__:
                try:
                    loaded = self._load()
                except Exception:  # a bug in reading the list: search on without synonyms
                    log.exception("the synonym list could not be read: searching without it")
                    loaded = NO_TERMS
                self.__dict__.update(vars(loaded))  # a plain SearchTerms' parsed fields
        return object.__getattribute__(self, name)

    @property
    def loaded(self) -> bool:
        return "groups" in self.__dict__


def parse_terms(text: str, name: str = "synonyms.toml") -> SearchTerms:
    """The synonym list from TOML text; SynonymsError names what is wrong."""
    import tomllib  # ~4 ms: loaded with the synonym list, at the first search

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SynonymsError(f"{name} is not valid TOML ({exc}); fix the file.") from None
    entries = data.get("group", [])
    if not isinstance(entries, list):
        raise SynonymsError(f"{name}: group must be a list of [[group]] tables; fix the file.")
    groups = []
    for n, entry in enumerate(entries, 1):
        words = entry.get("words") if isinstance(entry, dict) else None
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise SynonymsError(f'{name}: group {n} needs words = ["…", "…"]; fix the file.')
        if not all(tokens(w) for w in words):
            raise SynonymsError(f"{name}: group {n} has an entry with no letters; fix the file.")
        groups.append(Group(str(entry.get("name", f"group {n}")), tuple(words)))
    return SearchTerms(groups)


def load_terms(path: Path) -> SearchTerms:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SynonymsError(f"The synonym list {path} cannot be read ({exc.strerror}).") from None
    except UnicodeDecodeError:
        raise SynonymsError(
            f"The synonym list {path} is not UTF-8 text; save it as UTF-8."
        ) from None
    return parse_terms(text, path.name)
