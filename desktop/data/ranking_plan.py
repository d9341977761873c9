"""A parsed search (``search_terms.Query``) as the ranking index's terms: what must match and
what each part is worth.

A search is pieces that must all match (AND); a piece is one or more alternatives (OR: a word
and its synonyms); an alternative is one or more *units* that must all match; a unit is a
word or a phrase: index tokens side by side (``fts_tokens``), the last of a search's last
word possibly a prefix. This mirrors ``Piece.fts()`` exactly:

- a typed word, or quoted text: one unit of all its tokens (``"speech th"*``);
- typed words matched to a synonym group without quotes: one unit per word (``"ehc" AND
  "plan"``), each synonym of the group: one unit (``"education health and care plan"``).

Values: a token is worth its term's impact for the service; a prefix its best term's,
except a *wide* prefix (more than ``WIDE`` terms: the first letters of the next word), which
only narrows unless it is the whole search. A unit, an alternative: the sum of their
tokens'; a piece: its best matching alternative's; a search: the sum of its pieces'.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.data.fts_tokens import tokens
from desktop.data.ranking_build import WIDE
from desktop.data.ranking_extras import phrase_key
from desktop.data.ranking_index import Index
from desktop.data.search_terms import Piece, Query


@dataclass(frozen=True)
class Token:
    text: str
    lo: int  # the id range of its terms (one term: lo == hi)
    hi: int
    prefix: bool
    top: int  # the best impact of any of its terms

    @property
    def wide(self) -> bool:
        return self.hi - self.lo + 1 > WIDE


@dataclass(frozen=True)
class Unit:
    tokens: tuple[Token, ...]
    fts: str  # the unit as an FTS5 phrase (asked of FTS5 when the data has no list for it)

    @property
    def key(self) -> str:
        """How ``rank_extra`` names a phrase's list."""
        return phrase_key((t.text for t in self.tokens), self.tokens[-1].prefix)


@dataclass(frozen=True)
class Alt:
    units: tuple[Unit, ...]


@dataclass
class Plan:
    pieces: list[tuple[Alt, ...]] = field(default_factory=list)
    empty: bool = False  # a piece can never match: the search finds nothing
    lone: Token | None = None  # the whole search is one wide prefix: ranked by its best term

    def token_value_counts(self, token: Token) -> bool:
        """Whether the token adds to scores (a wide prefix only narrows, unless alone)."""
        return not (token.prefix and token.wide) or self.lone is token


def _unit(index: Index, words: tuple[str, ...], prefix: bool) -> Unit | None:
    """The unit of ``words`` side by side; None when it can match nothing."""
    toks = tokens(" ".join(words))
    if not toks:
        return None  # FTS5 matches nothing for a phrase without tokens
    found = []
    for i, tok in enumerate(toks):
        is_prefix = prefix and i == len(toks) - 1
        lo, hi, n = index.terms(tok, is_prefix)
        if not n:
            return None
        top = index.top_of(lo, hi)
        found.append(Token(tok, lo, hi, is_prefix, top))
    return Unit(tuple(found), '"' + " ".join(words) + '"' + ("*" if prefix else ""))


def _typed(index: Index, piece: Piece) -> Alt | None:
    # Quoted, or one word: one phrase; words matched to a group: each word on its own.
    one = piece.phrase or len(piece.typed) == 1
    groups = [piece.typed] if one else [(w,) for w in piece.typed]
    units = []
    for i, words in enumerate(groups):
        unit = _unit(index, words, piece.prefix and i == len(groups) - 1)
        if unit is None:
            return None
        units.append(unit)
    return Alt(tuple(units))


def plan(index: Index, query: Query) -> Plan:
    out = Plan()
    for piece in query.pieces:
        alts = [_typed(index, piece)]
        alts += [
            None if (u := _unit(index, words, False)) is None else Alt((u,))
            for words in piece.alternatives
        ]
        kept = tuple(dict.fromkeys(a for a in alts if a is not None))
        if not kept:
            out.empty = True
        out.pieces.append(kept)
    if len(out.pieces) == 1 and len(out.pieces[0]) == 1:
        units = out.pieces[0][0].units
        if len(units) == 1 and len(units[0].tokens) == 1:
            token = units[0].tokens[0]
            if token.prefix and token.wide:
                out.lone = token
    return out
