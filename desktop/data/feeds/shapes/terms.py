"""A service's terms: the feed's own, and what the crosswalk makes of them.

Every term keeps its feed's name and vocabulary (searchable, shown). A term the crosswalk
places also gives the app's category term (``category:health``); a SEND need gives a
need term (``need:autism``, named as the feed names it) and its broad areas
(``need-area:communication``). Terms that land in no category are noted for the
coverage report's list of unmapped terms.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from desktop.data.feeds.record import CATEGORY, NEED, NEED_AREA, Term
from desktop.data.feeds.shapes.parts import Context, ident, plain
from desktop.data.feeds.taxonomy import key
from desktop.data.records import CATEGORY_NAMES, NEED_AREAS

# Vocabularies whose terms are SEND needs whatever their names (ORUK esdNeeds, SEND lists…).
NEED_VOCABULARY = re.compile(r"(?i)needs?\b|^send$|^sen$|disab|suitabilit")
RESERVED = {CATEGORY, NEED, NEED_AREA}  # the app's own vocabularies: a feed's may not pose as one
UNMAPPED = "unmapped term"
FROM_NAME = "category from the service name"


@functools.lru_cache(maxsize=8192)
def slug(text: str) -> str:
    return key(text).replace(" ", "-")[:80] or "term"


class Terms:
    """Collects one service's terms, de-duplicated by id, in the order they were added."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.by_id: dict[str, Term] = {}
        self.unmapped: list[str] = []

    def _add(self, term: Term) -> None:
        self.by_id.setdefault(term.id, term)

    def categories(self, codes: tuple[str, ...]) -> None:
        for code in codes:
            self._add(Term(f"category:{code}", CATEGORY, code, CATEGORY_NAMES[code]))

    def need(self, name: str, code: str = "") -> None:
        """A SEND need as the feed names it, with its broad areas of need."""
        if not name:
            return
        self._add(Term(f"need:{slug(name)}", NEED, code, name))
        for area in self.ctx.crosswalk.need_areas(name, code):
            self._add(Term(f"need-area:{area}", NEED_AREA, area, NEED_AREAS[area]))

    def term(
        self,
        raw: dict[str, Any],
        *,
        vocabulary: str = "",
        need: bool = False,
        name_keys: tuple[str, ...] = ("name",),
    ) -> None:
        """One feed term ({id, name, code|slug, taxonomy|vocabulary}), placed by the crosswalk."""
        name = ""
        for k in name_keys:
            name = plain(raw.get(k))
            if name:
                break
        if not name:
            return
        code = plain(raw.get("code")) or plain(raw.get("slug"))
        vocab = vocabulary or plain(raw.get("taxonomy")) or plain(raw.get("vocabulary"))
        key = (name, code, vocab, ident(raw.get("id")), need)
        placed = self.ctx._terms.get(key)
        if placed is None:  # feeds repeat a few hundred terms across thousands of services
            placed = self._place(*key)
            if len(self.ctx._terms) < 50_000:
                self.ctx._terms[key] = placed
        for term in placed[0]:
            self._add(term)
        if placed[1]:
            self.unmapped.append(name)

    def _place(
        self, name: str, code: str, vocab: str, term_id: str, need: bool
    ) -> tuple[tuple[Term, ...], bool]:
        """The terms one feed term gives, and whether it landed in no category."""
        walk = self.ctx.crosswalk
        found = [
            Term(f"category:{c}", CATEGORY, c, CATEGORY_NAMES[c]) for c in walk.category_of(name, code)
        ]
        if need or NEED_VOCABULARY.search(vocab) or walk.is_need(name, code):
            found.append(Term(f"need:{slug(name)}", NEED, code, name))  # the feed's own name
            found += [
                Term(f"need-area:{a}", NEED_AREA, a, NEED_AREAS[a]) for a in walk.need_areas(name, code)
            ]
            return tuple(found), False
        vocab_id = slug(vocab) if vocab else "term"
        if vocab_id in RESERVED or vocab in RESERVED:
            vocab, vocab_id = f"feed {vocab}", f"feed-{vocab_id}"
        term_key = term_id or slug(name)
        found.append(Term(f"{vocab_id}:{term_key}"[:200], vocab or "term", code, name))
        return tuple(found), len(found) == 1

    def fallback_from_name(self, service_name: str, notes: list[tuple[str, str]]) -> None:
        """No term gave a category: try the crosswalk's keywords on the service's own name."""
        if any(t.vocabulary == CATEGORY for t in self.by_id.values()):
            return
        found = self.ctx.crosswalk.category_from_text(service_name)
        if found:
            self.categories(found)
            notes.append((FROM_NAME, ", ".join(found)))

    def result(self, notes: list[tuple[str, str]]) -> list[Term]:
        notes.extend((UNMAPPED, name) for name in dict.fromkeys(self.unmapped))
        return list(self.by_id.values())
