"""Sets of services (row ids) for counting and filtering without SQL: bitmaps or plain sets.

A ``DocSet`` is either *dense*, a Python ``int`` used as a bitmap (bit ``rid`` set for each
member: ``&``, ``|`` and ``bit_count`` run in C over the whole bitmap at once), or *sparse*,
a ``frozenset`` of row ids (cheaper when there are few members). Operations pick the cheaper
form of their result; ``count`` and ``members`` work on either. Pure: no database.

Bitmaps are stored as ``int.to_bytes(size, "little")`` (``ranking_build``), ``size`` being
``(largest row id >> 3) + 1`` for the whole index, so that every bitmap of one database has
the same length.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sized

# A set with fewer members than this share of the index's rows is kept sparse.
SPARSE_SHARE = 64
_NONZERO = re.compile(rb"[^\x00]")
_DENSE = 24  # bits_of: a set of more than 1 in _DENSE of the rows takes the byte-per-bit path
_DIGITS = bytes.maketrans(b"\x00\x01", b"01")
_BITS = tuple(tuple(b for b in range(8) if value >> b & 1) for value in range(256))


def bits_of(rids: Iterable[int], nbytes: int) -> int:
    """The bitmap of ``rids`` (each below ``nbytes * 8``)."""
    if isinstance(rids, Sized) and len(rids) * _DENSE >= nbytes * 8:
        # Many members: a byte per bit is set (one store each), then read as a binary
        # numeral in C; 3× faster than setting bits from half the rows up (issue 16).
        flags = bytearray(nbytes * 8)
        for r in rids:
            flags[r] = 1
        return int(flags.translate(_DIGITS)[::-1], 2)
    buf = bytearray(nbytes)
    set_bits(buf, rids)
    return int.from_bytes(buf, "little")


def set_bits(buf: bytearray, rids: Iterable[int]) -> None:
    """Set the bit of each of ``rids`` in the little-endian bitmap ``buf``, in place."""
    for r in rids:
        buf[r >> 3] |= 1 << (r & 7)


def members_of(bits: int, nbytes: int) -> Iterator[int]:
    """The row ids set in ``bits``, ascending."""
    raw = bits.to_bytes(nbytes, "little")
    for m in _NONZERO.finditer(raw):
        at = m.start()
        base = at << 3
        for b in _BITS[raw[at]]:
            yield base + b


class DocSet:
    """Services as a bitmap (``bits``) or a frozenset (``rids``); exactly one is set."""

    __slots__ = ("_bytes", "bits", "nbytes", "rids")

    def __init__(self, nbytes: int, bits: int | None = None, rids: Iterable[int] | None = None):
        self.nbytes = nbytes
        self.bits = bits
        self.rids: frozenset[int] | None = None if rids is None else frozenset(rids)
        self._bytes: bytes | None = None
        if (bits is None) == (self.rids is None):
            raise ValueError("a DocSet is either a bitmap or a set")

    @classmethod
    def of(cls, nbytes: int, rids: Iterable[int]) -> DocSet:
        """The cheaper form for these members."""
        found = frozenset(rids)
        if len(found) * SPARSE_SHARE < nbytes * 8:
            return cls(nbytes, rids=found)
        return cls(nbytes, bits=bits_of(found, nbytes))

    # -- questions -------------------------------------------------------------------------
    def count(self) -> int:
        return len(self.rids) if self.rids is not None else self.dense_bits().bit_count()

    def __len__(self) -> int:
        return self.count()

    def __contains__(self, rid: int) -> bool:
        if self.rids is not None:
            return rid in self.rids
        raw = self.raw()
        at = rid >> 3
        return at < len(raw) and bool(raw[at] >> (rid & 7) & 1)

    def raw(self) -> bytes:
        """The bitmap's bytes (made once): membership tests read them."""
        if self._bytes is None:
            self._bytes = self.dense_bits().to_bytes(self.nbytes, "little")
        return self._bytes

    def dense_bits(self) -> int:
        if self.bits is not None:
            return self.bits
        return bits_of(self.rids or (), self.nbytes)  # exactly one form is set: here, rids

    def members(self) -> Iterator[int]:
        if self.rids is not None:
            return iter(self.rids)
        return members_of(self.dense_bits(), self.nbytes)

    def contains_fn(self) -> Callable[[int], bool]:
        """A fast ``rid -> bool`` for this set (for loops over many candidates)."""
        if self.rids is not None:
            return self.rids.__contains__
        raw = self.raw()
        n = len(raw)

        def has(rid: int) -> bool:
            at = rid >> 3
            return at < n and bool(raw[at] >> (rid & 7) & 1)

        return has

    # -- algebra ---------------------------------------------------------------------------
    def _shrink(self) -> DocSet:
        """A bitmap with few members becomes a set (cheaper to test and to list)."""
        if self.bits is not None and self.bits.bit_count() * SPARSE_SHARE < self.nbytes * 8:
            return DocSet(self.nbytes, rids=members_of(self.bits, self.nbytes))
        return self

    def __and__(self, other: DocSet) -> DocSet:
        if self.rids is not None and other.rids is not None:
            return DocSet(self.nbytes, rids=self.rids & other.rids)
        if self.bits is not None and other.bits is not None:
            return DocSet(self.nbytes, bits=self.bits & other.bits)._shrink()
        few, big = _sparse_and_other(self, other)
        has = big.contains_fn()
        return DocSet(self.nbytes, rids=[r for r in few if has(r)])

    def __or__(self, other: DocSet) -> DocSet:
        if self.rids is not None and other.rids is not None:
            joined = self.rids | other.rids
            if len(joined) * SPARSE_SHARE < self.nbytes * 8:
                return DocSet(self.nbytes, rids=joined)
            return DocSet(self.nbytes, bits=bits_of(joined, self.nbytes))
        return DocSet(self.nbytes, bits=self.dense_bits() | other.dense_bits())

    def count_and(self, other: DocSet) -> int:
        """``len(self & other)`` without building the result."""
        if self.bits is not None and other.bits is not None:
            return (self.bits & other.bits).bit_count()
        if self.rids is not None and other.rids is not None:
            a, b = self.rids, other.rids
            small, large = (a, b) if len(a) <= len(b) else (b, a)
            return sum(1 for r in small if r in large)
        few, big = _sparse_and_other(self, other)
        has = big.contains_fn()
        return sum(1 for r in few if has(r))


def _sparse_and_other(a: DocSet, b: DocSet) -> tuple[frozenset[int], DocSet]:
    """The members of whichever of ``a`` and ``b`` is sparse, and the other set."""
    if a.rids is not None:
        return a.rids, b
    if b.rids is not None:
        return b.rids, a
    raise ValueError("neither set is sparse")


Maybe = DocSet | None  # None: no restriction (every service)


def both(a: Maybe, b: Maybe) -> Maybe:
    """``a & b`` where None means everything."""
    if a is None:
        return b
    if b is None:
        return a
    return a & b


def union(sets: Iterable[DocSet], nbytes: int) -> DocSet:
    """Every member of any of ``sets`` (bitmaps joined at once, sets together)."""
    bits = 0
    loose: set[int] = set()
    for s in sets:
        if s.bits is not None:
            bits |= s.bits
        elif s.rids is not None:
            loose |= s.rids
    if not bits:
        return DocSet.of(nbytes, loose)
    if loose:
        bits |= bits_of(loose, nbytes)
    return DocSet(nbytes, bits=bits)._shrink()
