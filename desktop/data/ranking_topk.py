"""The best k services of a search: exact values by random access (``Scorer``) and Fagin's
threshold algorithm over the impact-ordered heads (``top``).

``top`` reads each piece's lists best first; a service met for the first time is dropped
unless it is among the search's matches (a set: ``ranking_match``) and could still beat
the page's last; otherwise it is scored exactly. It stops when the page's last score beats
the most any unread service could still reach (the sum over pieces of what their unread
postings, or their unread alternatives, could give), or when every service of one piece
has been read. It gives up (None) when the heads end before that, or after ``BUDGET``
postings; the caller then scores every match (``enumerate_top``): same scores, same order.
"""

from __future__ import annotations

import heapq
import itertools
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterator

from desktop.data.docsets import DocSet
from desktop.data.ranking_index import Index
from desktop.data.ranking_plan import Alt, Plan, Token, Unit

CHUNK = 128  # postings read from one list at a time
BUDGET = 60_000  # postings read before every match is scored instead
Getter = Callable[[int], int]


def _getter(rids: array, vals: array) -> Getter:
    n = len(rids)

    def get(rid: int) -> int:
        i = bisect_left(rids, rid)
        return vals[i] if i < n and rids[i] == rid else 0

    return get


class Scorer:
    """Exact values of one plan's pieces, looked up per service (row-id ordered lists)."""

    def __init__(self, index: Index, plan: Plan, sets: dict[Alt, DocSet]) -> None:
        self.index, self.plan = index, plan
        self._tokens: dict[Token, Getter] = {}
        self.pieces: list[list[tuple[Callable[[int], bool] | None, list[Getter]]]] = []
        for alts in plan.pieces:
            single = len(alts) == 1  # a match of the search matches its only alternative
            self.pieces.append(
                [
                    (None if single else sets[alt].contains_fn(), self._alt_getters(alt))
                    for alt in alts
                ]
            )

    def _alt_getters(self, alt: Alt) -> list[Getter]:
        return [
            self.token(t) for u in alt.units for t in u.tokens if self.plan.token_value_counts(t)
        ]

    def token(self, token: Token) -> Getter:
        found = self._tokens.get(token)
        if found is None:
            if token.lo == token.hi:
                found = _getter(*self.index.postings(token.lo))
            elif token.wide:  # only for the lone wide prefix, when every match is scored
                best: dict[int, int] = {}
                for i in range(token.lo, token.hi + 1):
                    for rid, v in zip(*self.index.postings(i), strict=True):
                        if best.get(rid, 0) < v:
                            best[rid] = v
                found = lambda rid, best=best: best.get(rid, 0)  # noqa: E731
            else:
                getters = [_getter(*self.index.postings(i)) for i in range(token.lo, token.hi + 1)]
                found = lambda rid, gs=getters: max(g(rid) for g in gs)  # noqa: E731
            self._tokens[token] = found
        return found

    def score(self, rid: int) -> int:
        total = 0
        for alts in self.pieces:
            best = 0
            for has, getters in alts:
                if has is None or has(rid):
                    value = 0
                    for get in getters:
                        value += get(rid)
                    if value > best:
                        best = value
            total += best
        return total


# -- sorted access -------------------------------------------------------------------------
class _Stream:
    """One list read best first: (value, rid) pairs, and the most an unread one can have."""

    def __init__(
        self, pairs: Iterator[tuple[int, int]], tail: int, exact: bool, merged: bool = False
    ) -> None:
        if merged:
            # Merged lists (several heads, or a stored merge of them) are in order only above
            # the best value past any of their heads: a service past a head, with that value
            # and a lower row id, would come before an equal one read.
            pairs = itertools.takewhile(lambda pair: pair[0] > tail, pairs)
        self._pairs = pairs
        self._next = next(pairs, None)
        self.tail = tail  # the best value past the pairs (0: the pairs are the whole list)
        self.exact = exact  # its values are the alternative's whole value

    def frontier(self) -> int:
        return self._next[0] if self._next is not None else self.tail

    @property
    def done(self) -> bool:
        return self._next is None

    def pairs(self) -> Iterator[tuple[int, int]]:
        """The unread pairs (the stream is used up by whoever reads them)."""
        if self._next is not None:
            yield self._next
            self._next = None
            yield from self._pairs

    def take(self, n: int) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        nxt, pairs = self._next, self._pairs
        while nxt is not None and len(out) < n:
            out.append(nxt)
            nxt = next(pairs, None)
        self._next = nxt
        return out


def _head_pairs(index: Index, list_id: int) -> Iterator[tuple[int, int]]:
    rids, vals = index.head(list_id)
    return zip(vals, rids, strict=True)


def _merged(index: Index, ids: range) -> tuple[Iterator[tuple[int, int]], int]:
    """Several terms' heads as one list of each service's best (first met is best)."""
    heads = [index.head(i) for i in ids]
    tail = max((index.meta(i)[2] for i in ids), default=0)
    merged = heapq.merge(*(zip((-v for v in vals), rids, strict=True) for rids, vals in heads))
    return _firsts(merged), tail


def _token_stream(index: Index, plan: Plan, token: Token) -> _Stream | None:
    if token.lo == token.hi:
        return _Stream(_head_pairs(index, token.lo), index.meta(token.lo)[2], True)
    if token.wide and plan.lone is not token:
        return None  # worth nothing: only narrows
    if token.wide and len(token.text) <= 3:
        extra = index.extra(token.text + "*")
        if extra is not None:
            return _Stream(_head_pairs(index, extra), index.meta(extra)[2], True, merged=True)
    pairs, tail = _merged(index, range(token.lo, token.hi + 1))
    return _Stream(pairs, tail, True, merged=True)


def _unit_most(plan: Plan, unit: Unit) -> int:
    return sum(t.top for t in unit.tokens if plan.token_value_counts(t))


def _alt_stream(index: Index, plan: Plan, alt: Alt) -> _Stream | None:
    if len(alt.units) != 1:
        return None
    unit = alt.units[0]
    if len(unit.tokens) == 1:
        return _token_stream(index, plan, unit.tokens[0])
    extra = index.extra(unit.key)
    if extra is None:
        return None
    return _Stream(_head_pairs(index, extra), index.meta(extra)[2], True)


def _firsts(pairs: Iterator[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    seen: set[int] = set()
    for neg, rid in pairs:
        if rid not in seen:
            seen.add(rid)
            yield -neg, rid


class _Piece:
    """One piece read best first: its alternatives' streams merged (a service's first
    appearance is its best alternative's value), and what its unstreamed ones could give."""

    def __init__(self, index: Index, plan: Plan, alts: tuple[Alt, ...]) -> None:
        streams, self.rest = [], 0
        for alt in alts:
            stream = _alt_stream(index, plan, alt)
            if stream is None:
                self.rest = max(self.rest, sum(_unit_most(plan, u) for u in alt.units))
            else:
                streams.append(stream)
        self.complete = len(streams) == len(alts)  # every alternative is read
        self.streamed = bool(streams)
        if len(streams) <= 1:
            self.stream = streams[0] if streams else _Stream(iter(()), 0, True)
        else:
            merged = heapq.merge(*(((-v, r) for v, r in s.pairs()) for s in streams))
            tail = max(s.tail for s in streams)
            self.stream = _Stream(_firsts(merged), tail, True, merged=True)

    def bound(self) -> int:
        return max(self.stream.frontier(), self.rest) if self.streamed else self.rest

    @property
    def read_all(self) -> bool:
        """Every service matching the piece has been read."""
        return self.complete and self.stream.done and not self.stream.tail


def _first_members(piece: _Piece, has: Callable[[int], bool], k: int) -> list[int] | None:
    """One piece, every alternative read: its merged order is the search's order."""
    out: list[int] = []
    stream = piece.stream
    while len(out) < k:
        chunk = stream.take(CHUNK)
        if not chunk:
            return None if stream.tail else out
        out += [rid for _v, rid in chunk if has(rid)]
    return out[:k]


def top(plan: Plan, index: Index, matches: DocSet, scorer: Scorer, k: int) -> list[int] | None:
    """The best ``k`` matches in order (score descending, then row id), or None when the
    heads cannot prove them."""
    pieces = [_Piece(index, plan, alts) for alts in plan.pieces]
    if not any(p.streamed for p in pieces):
        return None
    has = matches.contains_fn()
    if len(pieces) == 1 and pieces[0].complete:
        return _first_members(pieces[0], has, k)
    score = scorer.score
    seen: set[int] = set()
    best: list[tuple[int, int]] = []  # heap of (score, -rid): the worst kept is best[0]
    read = 0
    while True:
        bounds = [p.bound() for p in pieces]
        total = sum(bounds)
        if len(best) == k and best[0][0] > total:
            break
        if any(p.read_all for p in pieces):
            break  # every match has been met
        if all(p.stream.done for p in pieces if p.streamed) or read > BUDGET:
            return None
        for p, piece in enumerate(pieces):
            if not piece.streamed:
                continue
            others = total - bounds[p]
            exact = piece.complete  # the stream's value is the piece's
            for value, rid in piece.stream.take(CHUNK):
                read += 1
                if rid in seen:
                    continue
                seen.add(rid)
                if not has(rid):
                    continue
                most = (value if exact else bounds[p]) + others
                if len(best) == k and (most, -rid) < best[0]:
                    continue
                entry = (score(rid), -rid)
                if len(best) < k:
                    heapq.heappush(best, entry)
                elif entry > best[0]:
                    heapq.heapreplace(best, entry)
    return [-neg for _value, neg in sorted(best, reverse=True)]


def enumerate_top(matches: DocSet, scorer: Scorer, k: int) -> list[int]:
    """Every match scored: the best ``k`` in order (the answer when ``top`` cannot prove it)."""
    score = scorer.score
    found = heapq.nlargest(k, ((score(r), -r) for r in matches.members()))
    return [-neg for _value, neg in found]
