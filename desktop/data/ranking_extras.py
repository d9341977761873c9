"""The ranking index's lists that are not single terms, built with it (``ranking_build``).

- **Phrases of the synonym list** (``resources/synonyms.toml``): a phrase's matches need the
  words side by side, which only FTS5 knows, and FTS5 takes tens of milliseconds for a
  phrase of common words at 100,000 services. So each phrase of the list gets its services
  (from FTS5, once, at import) with their value (the sum of its words' impacts), stored like
  a term's (``rank_extra`` key ``'"speech and languag therapi"'``). A phrase not on the list
  when the data was built (a newer list, quoted text) is asked of FTS5 when searched.
- **Filters** (``rank_filters``): the services of each service term (categories, needs:
  ``term:…``), of each age the filter offers (``age:N``), the free ones (``free``), of each
  distinct ``services.area`` text (``area:…``, for the area filter) and of each area name
  (``name:J:…``: services naming it at least J times, for the area counts).

Each set is a bitmap when dense, else its row ids (``docsets``).
"""

from __future__ import annotations

import bisect
import math
import sqlite3
import sys
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from desktop.data.docsets import SPARSE_SHARE, bits_of
from desktop.data.fts_tokens import tokens
from desktop.data.nearby import UK_LATITUDE, UK_LONGITUDE
from desktop.data.search_terms import WORD, SynonymsError, load_terms

AGES = range(0, 26)  # the ages the filter bar offers (others are counted when asked)
SYNONYMS = Path(__file__).resolve().parents[2] / "resources" / "synonyms.toml"


def default_phrases() -> list[str]:
    """Every entry of the app's synonym list (those of one word are left out later)."""
    try:
        terms = load_terms(SYNONYMS)
    except SynonymsError:
        return []  # the search says what is wrong with the list; the data still builds
    return [w for g in terms.groups for w in g.words]


def phrase_key(toks: Iterable[str], prefix: bool = False) -> str:
    return '"' + " ".join(toks) + '"' + ("*" if prefix else "")


def _set_row(key: str, rids: list[int], nbytes: int) -> tuple[str, bytes | None, bytes | None]:
    from desktop.data.ranking_build import pack

    if len(rids) * SPARSE_SHARE >= nbytes * 8:
        return key, bits_of(rids, nbytes).to_bytes(nbytes, "little"), None
    return key, None, pack("I", sorted(rids))


def build_phrases(
    conn: sqlite3.Connection, first_id: int, nbytes: int, head: int, phrases: Iterable[str] | None
) -> None:
    """A list per phrase (two or more index terms, every one in the index)."""
    from desktop.data.ranking_build import _best, pack, unpack

    wanted: dict[str, str] = {}
    for text in default_phrases() if phrases is None else phrases:
        words = WORD.findall(text)
        toks = tokens(" ".join(words))
        if len(toks) > 1:
            wanted.setdefault(phrase_key(toks), '"' + " ".join(words) + '"')
    ids = dict(conn.execute("SELECT term, id FROM rank_terms"))
    list_id = first_id
    for key, fts in wanted.items():
        key_toks = key[1:-1].split(" ")
        if not all(t in ids for t in key_toks):
            continue  # a word the data never uses: the phrase matches nothing (the search knows)
        (found,) = conn.execute(
            "SELECT group_concat(rowid) FROM services_fts WHERE services_fts MATCH ?", (fts,)
        ).fetchone()
        docs = sorted(map(int, found.split(","))) if found else []
        values = [0] * len(docs)
        for tok in key_toks:
            rids_blob, vals_blob = conn.execute(
                "SELECT rids, vals FROM rank_lists WHERE id = ?", (ids[tok],)
            ).fetchone()
            rids, vals = unpack("I", rids_blob), unpack("H", vals_blob)
            for i, d in enumerate(docs):
                values[i] += vals[bisect.bisect_left(rids, d)]
        df = len(docs)
        order, tail = _best(values, head if df > head else df)
        conn.execute(
            "INSERT INTO rank_extra VALUES (?, ?, ?, ?, ?)",
            (list_id, key, df, max(values, default=0), tail),
        )
        conn.execute(
            "INSERT INTO rank_lists VALUES (?, ?, ?)", (list_id, pack("I", docs), pack("I", values))
        )
        if df > head:
            conn.execute(
                "INSERT INTO rank_heads VALUES (?, ?, ?)",
                (list_id, pack("I", map(docs.__getitem__, order)), pack("I", map(values.__getitem__, order))),
            )
        if df * SPARSE_SHARE >= nbytes * 8:
            conn.execute(
                "INSERT INTO rank_bits VALUES (?, ?)",
                (list_id, bits_of(docs, nbytes).to_bytes(nbytes, "little")),
            )
        list_id += 1


def _age_in(low: object, high: object, age: int) -> bool:
    """The filter's SQL, ``(min_age IS NULL OR min_age <= ?) AND (max_age IS NULL OR max_age
    >= ?)``, in Python (SQLite orders any text after every number)."""
    if low is not None and not (isinstance(low, int | float) and low <= age):
        return False
    if high is None or isinstance(high, str | bytes):
        return True
    return isinstance(high, int | float) and high >= age


def _ages_of(low: object, high: object) -> Iterable[int]:
    """The ages of ``AGES`` that ``_age_in`` keeps: one range when both ends are whole
    numbers or NULL (nearly every service), else each age tested."""
    if (low is None or type(low) is int) and (high is None or type(high) is int):
        start = AGES.start if low is None else max(low, AGES.start)
        stop = AGES.stop if high is None else min(high + 1, AGES.stop)
        return range(start, stop)
    return [age for age in AGES if _age_in(low, high, age)]


def in_uk_sql(lat: object, lon: object) -> bool:
    """``nearby_queries._IN_UK`` (``BETWEEN`` on both; NULL or text is not a position)."""
    if not isinstance(lat, int | float) or not isinstance(lon, int | float):
        return False
    return (
        UK_LATITUDE[0] <= lat <= UK_LATITUDE[1] and UK_LONGITUDE[0] <= lon <= UK_LONGITUDE[1]
    )


def pack_floats(values: array) -> bytes:
    if sys.byteorder != "little":
        values = array("d", values)
        values.byteswap()
    return values.tobytes()


def build_filters(conn: sqlite3.Connection, nbytes: int) -> None:
    rows = []
    for term_id, found in conn.execute(
        "SELECT term_id, group_concat(service_rid) FROM service_terms GROUP BY term_id"
    ):
        rows.append(_set_row(f"term:{term_id}", list(map(int, found.split(","))), nbytes))
    ages: dict[int, list[int]] = {age: [] for age in AGES}
    free, placed, unplaced = [], [], []
    size = nbytes * 8
    lats, lons = array("d", [math.nan]) * size, array("d", [math.nan]) * size
    for rid, low, high, is_free, lat, lon in conn.execute(
        "SELECT rid, min_age, max_age, is_free, latitude, longitude FROM services"
    ):
        if is_free == 1:
            free.append(rid)
        # Nearest first's test (nearby_queries._IN_UK); the distance is computed from these.
        if in_uk_sql(lat, lon):
            placed.append(rid)
            lats[rid], lons[rid] = lat, lon
        else:
            unplaced.append(rid)
        for age in _ages_of(low, high):
            ages[age].append(rid)
    rows += [_set_row(f"age:{age}", rids, nbytes) for age, rids in ages.items()]
    rows += [_set_row(k, v, nbytes) for k, v in (("free", free), ("placed", placed), ("unplaced", unplaced))]
    conn.executemany(
        "INSERT INTO rank_arrays VALUES (?, ?)",
        [("latitude", pack_floats(lats)), ("longitude", pack_floats(lons))],
    )
    names: dict[tuple[int, str], list[int]] = defaultdict(list)
    for area, found in conn.execute(
        "SELECT area, group_concat(rid) FROM services WHERE area IS NOT NULL GROUP BY area"
    ):
        rids = list(map(int, found.split(",")))
        rows.append(_set_row(f"area:{area}", rids, nbytes))
        # The area counts split the text at commas (offer_sql.facets): a name twice counts twice.
        for name, times in Counter(filter(None, (a.strip() for a in area.split(",")))).items():
            for j in range(1, times + 1):
                names[(j, name)] += rids
    rows += [_set_row(f"name:{j}:{name}", rids, nbytes) for (j, name), rids in names.items()]
    conn.executemany("INSERT INTO rank_filters VALUES (?, ?, ?)", rows)
