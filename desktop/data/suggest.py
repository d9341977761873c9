"""A "Did you mean…?" from an FTS5 index's own vocabulary (pure data layer, any FTS5 table).

The words come from an ``fts5vocab`` view of the index, with the number of rows each is
in, so a suggestion is always a word the data really holds, and the commonest of the
nearest wins. Index terms are porter stems ("therapi"), so the typed word is stemmed the
same way (by SQLite itself, in a scratch in-memory table) before comparing, and the word
shown is read back from a row that holds the stem ("therapy"). Edit distance is optimal
string alignment (a swapped pair of letters is one edit: "autsim" → "autism"), computed by
``rapidfuzz``: 1 edit for words of 4–5 letters, 2 for longer; shorter words are left alone.
"""

from __future__ import annotations

import bisect
import re
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from desktop.data.search_terms import Query

TOKENIZE = "porter unicode61 remove_diacritics 2"
MIN_LETTERS = 4
FEW = 2  # a search with this many results or fewer may get a suggestion
CANDIDATES = 15  # nearest index terms whose shown word is looked up
RARE_DOCS = 1  # a word in this few rows may be the data's own typo ...
RARE_RATIO = 10  # ... corrected only to a word in this many times more rows
_SURFACE = re.compile(r"[^\W_]+")  # what unicode61 calls a token, near enough


def max_edits(word: str) -> int:
    return 1 if len(word) < 6 else 2


@dataclass(frozen=True)
class Suggestion:
    text: str  # the whole search with its words corrected: "speech therapy"
    changes: tuple[tuple[str, str], ...]  # (typed, suggested) for each word changed


class Stemmer:
    """Stems as the index's tokenizer makes them, from a scratch in-memory FTS5 table."""

    def __init__(self, tokenize: str = TOKENIZE) -> None:
        self._conn = sqlite3.connect(":memory:")
        self._conn.execute(f"CREATE VIRTUAL TABLE w USING fts5(word, tokenize = '{tokenize}')")
        self._conn.execute("CREATE VIRTUAL TABLE wv USING fts5vocab(w, instance)")

    def stems(self, words: Iterable[str]) -> dict[str, str]:
        """Each word → its single stem ('' for text that is not exactly one token)."""
        unique = list(dict.fromkeys(words))
        with self._conn:
            self._conn.execute("DELETE FROM w")
            self._conn.executemany(
                "INSERT INTO w (rowid, word) VALUES (?, ?)", enumerate(unique, 1)
            )
            found: dict[int, list[str]] = {}
            for doc, term in self._conn.execute("SELECT doc, term FROM wv ORDER BY doc, offset"):
                found.setdefault(doc, []).append(term)
        return {
            w: (found[n][0] if len(found.get(n, ())) == 1 else "") for n, w in enumerate(unique, 1)
        }

    def close(self) -> None:
        self._conn.close()


def _create_vocab(conn: sqlite3.Connection, table: str, schema: str) -> tuple[str, str]:
    """Temp fts5vocab views (row: docs per term; instance: where each term is) over a table.

    The temp schema is the connection's own, so this works on a read-only or immutable
    database; ``query_only`` refuses even temp tables, so it is lifted for the moment."""
    row, inst = f"temp.{table}_vocab_row", f"temp.{table}_vocab_instance"
    query_only = conn.execute("PRAGMA query_only").fetchone()[0]
    conn.execute("PRAGMA query_only = 0")
    try:
        for name, kind in ((row, "row"), (inst, "instance")):
            conn.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {name} USING fts5vocab({schema}, {table}, {kind})"
            )
    finally:
        conn.execute(f"PRAGMA query_only = {int(query_only)}")
    return row, inst


class Vocabulary:
    """The words of one FTS5 table, for suggestions. Loading reads the whole index once
    (about 0.05 s at 10,000 services, 0.6 s at 100,000): build it off the GUI thread."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        table: str,
        *,
        schema: str = "main",
        tokenize: str = TOKENIZE,
        text_of: Callable[[int, str], str] | None = None,
    ) -> None:
        if not table.isidentifier() or not schema.isidentifier():
            raise ValueError(f"not an FTS table name: {schema}.{table}")
        self._conn, self._table = conn, table
        # (rowid, column) → the text indexed there; a contentless table needs it given.
        self._text_of = text_of or self._stored_text
        self._row, self._inst = _create_vocab(conn, table, schema)
        rows = conn.execute(f"SELECT term, doc FROM {self._row}").fetchall()
        self.docs: dict[str, int] = {t: d for t, d in rows if t.isalpha() and len(t) >= 3}
        self._terms = list(self.docs)
        self._sorted = sorted(self.docs)
        self._stemmer = Stemmer(tokenize)

    def close(self) -> None:
        self._stemmer.close()

    def _is_prefix(self, start: str) -> bool:
        at = bisect.bisect_left(self._sorted, start)
        return at < len(self._sorted) and self._sorted[at].startswith(start)

    def _nearest(self, stem: str, low: str, extra: dict[str, str]) -> tuple[str, str] | None:
        """The best (term, word to show) within reach of the typed word, or None.

        Index terms are stems ('tribun' for 'tribunal'), so candidates are gathered one edit
        wider than allowed and then judged by the word they are shown as: within reach of
        the typed word ('tribnal' → 'tribunal'), or one edit from its stem ('theraphies' →
        'therapi' → 'therapy'). So 'counseling' is not offered 'council' (stems 'counsel',
        'council'). Nearest first, then the word in most rows. ``extra`` words (the synonym
        list's: 'kamhs' → 'CAMHS') are offered when the index has nothing.
        """
        from rapidfuzz import process  # 11 ms to import: only once a suggestion is wanted
        from rapidfuzz.distance import OSA

        limit = max_edits(low)
        found: dict[str, int] = {}
        for probe in dict.fromkeys((stem, low)):
            for term, dist, _i in process.extract(
                probe, self._terms, scorer=OSA.distance, score_cutoff=limit + 1, limit=None
            ):
                found[term] = min(dist, found.get(term, limit + 1))
        found.pop(stem, None)
        best: tuple[tuple[int, int, str], str, str] | None = None
        for term in sorted(found, key=lambda t: (found[t], -self.docs[t], t))[:CANDIDATES]:
            shown = self.surface(term)
            near = OSA.distance(low, shown)
            if found[term] <= 1 or near <= limit:
                key = (min(near, found[term]), -self.docs[term], term)
                if best is None or key < best[0]:
                    best = (key, term, shown)
        if best is not None:
            return best[1], best[2]
        for word, dist, _i in process.extract(
            low, list(extra), scorer=OSA.distance, score_cutoff=limit, limit=1
        ):
            if dist:
                return "", extra[word]
        return None

    def surface(self, term: str) -> str:
        """The commonest way the data writes an index term ('therapi' → 'therapy')."""
        seen: Counter[str] = Counter()
        rows = self._conn.execute(
            f"SELECT doc, col, offset FROM {self._inst} WHERE term = ? LIMIT 12", [term]
        ).fetchall()
        for doc, col, offset in rows:
            if not str(col).isidentifier():
                continue
            words = _SURFACE.findall(self._text_of(doc, str(col)))
            if 0 <= offset < len(words):
                seen[words[offset].casefold()] += 1
        stems = self._stemmer.stems(seen)
        for word, _n in seen.most_common():
            if stems.get(word) == term:
                return word
        return term

    def _stored_text(self, doc: int, col: str) -> str:
        text = self._conn.execute(
            f'SELECT "{col}" FROM {self._table} WHERE rowid = ?', [doc]
        ).fetchone()
        return str(text[0] if text else "") or ""

    def suggest(self, query: Query, extra: Iterable[str] = ()) -> Suggestion | None:
        """Correct the typed words the index does not know (or hardly knows, when a much
        commoner word is one or two edits away); None when there is nothing to offer.
        ``extra``: more words to offer (the synonym list's single words)."""
        more = {w.casefold(): w for w in extra if w.isalpha() and len(w) >= 3}
        words = [
            (w, span, prefix)
            for w, span, prefix in query.plain_words()
            if len(w) >= MIN_LETTERS and w.isalpha()
        ]
        stems = self._stemmer.stems(w for w, _s, _p in words)
        unknown, rare = [], []
        for word, span, prefix in words:
            stem, low = stems.get(word, ""), word.casefold()
            known = self.docs.get(stem, 0)
            if not known and low not in more:
                if prefix and (self._is_prefix(low) or self._is_prefix(stem or low)):
                    continue  # still being typed: some word starts like this
                unknown.append((word, span, stem or low, 0))
            elif 0 < known <= RARE_DOCS and low not in more:
                rare.append((word, span, stem, known))
        # Words the data does not hold at all are what went wrong; only when there are none
        # is a word in one row taken for a typo in the data ("lessons" stays "lessons").
        fixes: list[tuple[tuple[int, int], str, str]] = []
        for word, span, stem, known in unknown or rare:
            best = self._nearest(stem, word.casefold(), more if not known else {})
            if best is None or (best[0] and self.docs[best[0]] < max(1, RARE_RATIO * known)):
                continue
            fixes.append((span, word, _like(word, best[1])))
        if not fixes:
            return None
        text = query.text
        for (a, b), _typed, new in sorted(fixes, reverse=True):
            text = text[:a] + new + text[b:]
        return Suggestion(" ".join(text.split()), tuple((t, n) for _s, t, n in fixes))


def _like(typed: str, word: str) -> str:
    """The suggestion in the typed word's capitals ('Speach' → 'Speech')."""
    if typed.isupper() and len(typed) > 1:
        return word.upper()
    if word != word.casefold():  # the synonym list's own capitals ('CAMHS')
        return word
    if typed[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
