"""Search within the guidance: stemming, phrases, synonyms and "Did you mean…?" (pure).

The sections are few (tens), so they get an FTS5 index of their own in memory, built on
the first search, with the Local Offer's tokenizer (porter: "refused to assess" finds
"refusal to assess") and the same synonym list. Highlighting marks the words and phrases
the search matched, by their stems, in the text as shown.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence

from desktop.data.records import GuidanceSection
from desktop.data.search_terms import MAX_WORDS, NO_TERMS, Query, SearchTerms, tokens
from desktop.data.suggest import FEW, TOKENIZE, Stemmer, Suggestion, Vocabulary

WEIGHTS = (10.0, 5.0, 1.0, 0.5)  # title, summary, body, sources (shown under the text)
_LINK_TARGET = re.compile(r"\]\([^)]*\)")  # Markdown link targets: 'provider:…' is no word
_WORD = re.compile(r"[^\W_]+")
# Short words that every section has: highlighted only when they are the whole search.
_COMMON = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "can",
        "do",
        "for",
        "from",
        "has",
        "have",
        "if",
        "in",
        "is",
        "it",
        "its",
        "may",
        "not",
        "of",
        "on",
        "or",
        "the",
        "their",
        "they",
        "this",
        "to",
        "was",
        "we",
        "what",
        "when",
        "who",
        "will",
        "with",
        "you",
        "your",
    ]
)


def searchable(section: GuidanceSection) -> tuple[str, str, str, str]:
    body = _LINK_TARGET.sub("]", section.body)
    return section.title, section.summary, body, "\n".join(section.sources)


class GuidanceIndex:
    """The guidance sections, searchable. Lives on the thread that made it (the GUI's)."""

    def __init__(self, sections: Sequence[GuidanceSection], terms: SearchTerms = NO_TERMS):
        self.sections = list(sections)
        self.terms = terms
        self._conn = sqlite3.connect(":memory:")
        self._conn.execute(
            "CREATE VIRTUAL TABLE guidance_fts USING fts5(title, summary, body, sources, "
            f"tokenize = '{TOKENIZE}', prefix = '2 3')"
        )
        with self._conn:
            self._conn.executemany(
                "INSERT INTO guidance_fts (rowid, title, summary, body, sources) "
                "VALUES (?, ?, ?, ?, ?)",
                [(n, *searchable(s)) for n, s in enumerate(self.sections)],
            )
        self._vocabulary: Vocabulary | None = None
        self._stemmer = Stemmer()
        self._stems: dict[str, str] = {}

    def close(self) -> None:
        if self._vocabulary is not None:
            self._vocabulary.close()
        self._stemmer.close()
        self._conn.close()

    def search(self, text: str) -> list[GuidanceSection]:
        """The sections matching ``text``, best first; every section (in order) for no words."""
        query = self.terms.parse(text)
        match = query.fts()
        if not match:
            return list(self.sections)
        words = tokens(text)[:MAX_WORDS]
        if len(words) > 1 and '"' not in text:
            # Sections with the words side by side, as typed, rank first ("annual review").
            match = f'({match}) OR "{" ".join(words)}"*'
        weights = ", ".join(str(w) for w in WEIGHTS)
        rows = self._conn.execute(
            f"SELECT rowid FROM guidance_fts WHERE guidance_fts MATCH ? "
            f"ORDER BY bm25(guidance_fts, {weights}), rowid",
            [match],
        )
        return [self.sections[r[0]] for r in rows]

    def suggest(self, text: str, found: int) -> Suggestion | None:
        """A "Did you mean…?" from the guidance's own words, when ``found`` is few."""
        if found > FEW:
            return None
        if self._vocabulary is None:
            self._vocabulary = Vocabulary(self._conn, "guidance_fts")
        words = (w for g in self.terms.groups for w in g.words)
        suggestion = self._vocabulary.suggest(self.terms.parse(text), extra=words)
        # Never offer a search that would find nothing either.
        return suggestion if suggestion and self.search(suggestion.text) else None

    # -- highlighting ----------------------------------------------------------------------
    def _stem(self, words: list[str]) -> None:
        missing = [w for w in dict.fromkeys(words) if w not in self._stems]
        if missing:
            self._stems.update(self._stemmer.stems(missing))

    def spans(self, shown: str, text: str) -> list[tuple[int, int]]:
        """Where in ``shown`` (a section's text as displayed) the search ``text`` matched:
        (start, end) of each word or phrase, in order."""
        query: Query = self.terms.parse(text)
        if not query:
            return []
        words = [(m.group().casefold(), m.start(), m.end()) for m in _WORD.finditer(shown)]
        phrases = [
            (tuple(w.casefold() for w in typed), prefix) for typed, prefix in query.phrases()
        ]
        if len(phrases) > 1:
            phrases = [(p, x) for p, x in phrases if len(p) > 1 or p[0] not in _COMMON]
        self._stem([w for w, _a, _b in words] + [t for p, _x in phrases for t in p])
        stems = [self._stems.get(w, w) for w, _a, _b in words]
        found: list[tuple[int, int]] = []
        for raw, prefix in phrases:
            wanted = [self._stems.get(t, t) for t in raw]
            n = len(wanted)
            for i in range(len(words) - n + 1):
                last = i + n - 1
                if all(stems[i + k] == wanted[k] for k in range(n - 1)) and (
                    stems[last] == wanted[-1] or (prefix and words[last][0].startswith(raw[-1]))
                ):
                    found.append((words[i][1], words[last][2]))
        return _merge(found)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out
