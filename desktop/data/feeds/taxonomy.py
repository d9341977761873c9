"""The category and needs crosswalk: a feed's own terms → the app's categories and need areas.

The words live in ``resources/taxonomy-map.toml`` (categories) and ``resources/needs-map.toml``
(the Code of Practice's four broad areas of need), written so that a non-programmer can read
and extend them. An IT team adds entries with a file in the same format named by the
``TaxonomyMapFile`` policy; the caller passes its path in (this layer never reads policy).

Matching (see the comments in the map files): a term's whole name or slug, its exact code,
an AIRS code's top-level letter, or keywords found as whole words in the name. Lookups are
memoised: feeds repeat the same few hundred terms across thousands of services.
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.data.records import CATEGORY_NAMES, NEED_AREAS
from desktop.errors import UserError

log = logging.getLogger(__name__)

# The built-in maps ship in resources/ beside the other data files; from a source checkout
# and in the frozen app (sys._MEIPASS/desktop/…) alike they sit three folders above this one.
RESOURCES = Path(__file__).resolve().parents[3] / "resources"
CATEGORY_MAP = RESOURCES / "taxonomy-map.toml"
NEEDS_MAP = RESOURCES / "needs-map.toml"
MAX_MAP_BYTES = 1_000_000

_AIRS_CODE = re.compile(r"^([A-Z])[A-Z]?(-\d{4}(\.\d{3,4})*(-\d{3})?)?$")
_NOT_WORD = re.compile(r"[^a-z0-9]+")


class MapError(UserError):
    """A map file cannot be used; the message names the file and the problem."""


def key(text: str) -> str:
    """'Health & Well-being' → 'health and well being': what matching compares."""
    text = text.lower().replace("&", " and ").replace("'", "").replace("\u2019", "")
    return _NOT_WORD.sub(" ", text).strip()


@dataclass
class _Table:
    names: dict[str, set[str]] = field(default_factory=dict)  # key → targets
    codes: dict[str, set[str]] = field(default_factory=dict)  # upper-case code → targets
    airs: dict[str, set[str]] = field(default_factory=dict)  # AIRS top letter → targets
    keywords: list[tuple[str, str]] = field(default_factory=list)  # (' key ', target)

    def add(self, target: str, entry: dict[str, Any], where: str) -> None:
        for kind in ("names", "codes", "airs", "keywords"):
            values = entry.get(kind, [])
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                raise MapError(f"{where}: '{kind}' must be a list of words in quotes")
            for value in values:
                if kind == "keywords":
                    if key(value):
                        self.keywords.append((f" {key(value)} ", target))
                elif kind == "names":
                    self.names.setdefault(key(value), set()).add(target)
                else:
                    table = self.codes if kind == "codes" else self.airs
                    table.setdefault(value.strip().upper(), set()).add(target)

    def exact(self, name: str, code: str) -> set[str]:
        found = set(self.names.get(key(name), ()))
        if code:
            found |= self.codes.get(code.strip().upper(), set())
            airs = _AIRS_CODE.match(code.strip())
            if airs and self.airs:
                found |= self.airs.get(airs.group(1), set())
        return found

    def by_keyword(self, text: str) -> set[str]:
        padded = f" {key(text)} "
        return {target for word, target in self.keywords if word in padded}


@dataclass
class Crosswalk:
    """Terms → categories (records.CATEGORY_NAMES codes) and needs → areas (NEED_AREAS codes)."""

    categories: _Table = field(default_factory=_Table)
    needs: _Table = field(default_factory=_Table)
    problems: list[str] = field(default_factory=list)  # extra map files that could not be used
    _cache: dict[tuple[str, str, str], tuple[str, ...]] = field(default_factory=dict, repr=False)

    def category_of(self, name: str, code: str = "", slug: str = "") -> tuple[str, ...]:
        """The categories a term belongs to (empty when it matches nothing)."""
        return self._memo("c", name, code or slug, self._category)

    def _category(self, name: str, code: str) -> set[str]:
        found = self.categories.exact(name, code) | self.categories.exact(code, "")
        return found or self.categories.by_keyword(name)

    def category_from_text(self, text: str) -> tuple[str, ...]:
        """Categories from keywords in free text (a service's name), for services with none."""
        return tuple(sorted(self.categories.by_keyword(text)))  # names are unique: no memo

    def is_need(self, name: str, code: str = "") -> bool:
        """Whether a term whose vocabulary says nothing is a SEND need by its exact name or code."""
        return bool(self._memo("n", name, code, self.needs.exact))

    def need_areas(self, name: str, code: str = "") -> tuple[str, ...]:
        """The broad areas of a need (exact name or code first, else keywords)."""
        return self._memo(
            "a", name, code, lambda n, c: self.needs.exact(n, c) or self.needs.by_keyword(n)
        )

    def _memo(self, kind: str, name: str, code: str, find: Any) -> tuple[str, ...]:
        cache_key = (kind, name, code)
        hit = self._cache.get(cache_key)
        if hit is None:
            hit = tuple(sorted(find(name, code)))
            if len(self._cache) < 100_000:
                self._cache[cache_key] = hit
        return hit


def load(extra: Sequence[Path | str] = (), *, base: Iterable[Path] | None = None) -> Crosswalk:
    """The built-in maps plus any extra files (policy ``TaxonomyMapFile``).

    A built-in map that cannot be read is a bug (MapError); an extra file that cannot be
    read is recorded in ``problems`` and left out, so a typo in IT's file never stops a
    refresh.
    """
    crosswalk = Crosswalk()
    for built_in in base if base is not None else (CATEGORY_MAP, NEEDS_MAP):
        _merge(crosswalk, _read(Path(built_in)), Path(built_in).name)
    for path in extra:
        if not str(path).strip():
            continue
        try:
            _merge(crosswalk, _read(Path(path)), Path(path).name)
        except MapError as exc:
            log.warning("taxonomy map not used: %s", exc)
            crosswalk.problems.append(str(exc))
    return crosswalk


def _read(path: Path) -> dict[str, Any]:
    try:
        if not path.is_file():
            raise MapError(f"{path} is not a file")
        with open(path, "rb") as handle:
            data = handle.read(MAX_MAP_BYTES + 1)
        if len(data) > MAX_MAP_BYTES:
            raise MapError(f"{path} is larger than {MAX_MAP_BYTES:,} bytes")
        return tomllib.loads(data.decode("utf-8-sig"))
    except MapError:
        raise
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError) as exc:
        raise MapError(f"{path} cannot be read ({exc})") from exc


def _merge(crosswalk: Crosswalk, data: dict[str, Any], where: str) -> None:
    """Check the whole file first, so a bad entry leaves the crosswalk as it was."""
    staged: list[tuple[_Table, str, dict[str, Any], str]] = []
    for name, entry in data.items():
        if name == "needs":
            if not isinstance(entry, dict):
                raise MapError(f"{where}: [needs] must hold [needs.AREA] tables")
            for area, needs in entry.items():
                if area not in NEED_AREAS or not isinstance(needs, dict):
                    raise MapError(f"{where}: [needs.{area}] is not one of {sorted(NEED_AREAS)}")
                staged.append((crosswalk.needs, area, needs, f"{where} [needs.{area}]"))
        elif name in CATEGORY_NAMES and isinstance(entry, dict):
            staged.append((crosswalk.categories, name, entry, f"{where} [{name}]"))
        else:
            raise MapError(f"{where}: [{name}] is not one of {sorted(CATEGORY_NAMES)}")
    trial = Crosswalk()
    for table, target, entry, label in staged:  # validate on a scratch copy first
        (trial.needs if table is crosswalk.needs else trial.categories).add(target, entry, label)
    for table, target, entry, label in staged:
        table.add(target, entry, label)
    crosswalk._cache.clear()


def for_refresh(extra: str, default: Callable[[], Crosswalk], warnings: list[str]) -> Crosswalk:
    """The crosswalk a refresh uses: the built-ins, plus IT's file when the policy names one."""
    if not extra:
        return default()
    crosswalk = load([extra])
    warnings.extend(f"The extra category map was not used: {p}." for p in crosswalk.problems)
    return crosswalk
