"""One provider directory for the whole app (code review §c.1): the bundled providers, then an
imported list, then the IT policy list, merged once and shared by the Providers tab, the
route finder, the family handout and the e-mail templates. No Qt.

Reading and merging the files is :func:`desktop.data.provider_files.load_org_providers`; this
class owns the result, reloads it on request and tells whoever subscribed. It also answers
the questions the guidance asks: who is *your* service (an organisation's entry of kind
``sendiass`` marked ``own = true``), and who to show for "the council" or "mediation" (the
organisation's entries first; otherwise the bundled ones, labelled with their area, since a
bundled council is one council, not the family's).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from desktop.data import provider_files
from desktop.data.records import Provider

log = logging.getLogger(__name__)

FIND_SENDIASS = (
    "Your local SENDIASS (free, in every council area): your council's Local Offer lists it, "
    "or search online for SENDIASS and your council's name."
)


class ProviderDirectory:
    """The merged provider list; ``reload()`` reads the organisation's files again."""

    def __init__(
        self,
        bundled: Sequence[Provider],
        *,
        data_dir: Path | None = None,
        policy_file: str = "",
        organisation_name: str = "",
    ) -> None:
        self._bundled = list(bundled)
        self.data_dir = data_dir
        self.policy_file = policy_file
        self.organisation_name = organisation_name.strip()
        self.providers: list[Provider] = []
        self.problems: list[str] = []
        self.sources: list[str] = []
        self._listeners: list[Callable[[], None]] = []
        self.reload()

    # -- loading --------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the imported and policy lists again, merge, and tell every subscriber."""
        if self.data_dir is not None:
            org = provider_files.load_org_providers(self._bundled, self.data_dir, self.policy_file)
            self.providers, self.problems = org.providers, list(org.problems)
            self.sources = list(org.sources)
        else:
            self.providers = sorted(self._bundled, key=lambda p: (p.name.casefold(), p.id))
            self.problems, self.sources = [], []
        own = [p for p in self.providers if p.own and p.origin != "bundled"]
        if len(own) > 1:
            self.problems.append(
                f"More than one provider is marked as your own service ({', '.join(p.id for p in own)}); "
                f"the handout uses {own[0].name}. Mark only one with own = true."
            )
        self._own = own[0] if own else None
        for listener in list(self._listeners):
            listener()

    def subscribe(self, listener: Callable[[], None]) -> None:
        """Call ``listener`` after every reload (the tabs redraw what they show)."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    # -- questions ------------------------------------------------------------------------------
    def get(self, provider_id: str) -> Provider | None:
        return next((p for p in self.providers if p.id == provider_id), None)

    @property
    def own_service(self) -> Provider | None:
        """The adviser's own service, when an organisation file marks one (``own = true``)."""
        return self._own

    def for_kind(self, kind: str) -> list[Provider]:
        """Providers of ``kind``: the organisation's own entries if it has any, else bundled."""
        kinds = [p for p in self.providers if p.kind == kind]
        organisation = [p for p in kinds if p.origin != "bundled"]
        return organisation or kinds

    def contacts(self, kinds: Sequence[str]) -> list[Provider]:
        """Who to show for these kinds, first mention first, each once.

        SENDIASS is only ever the adviser's own service (or the organisation's listed ones):
        with none configured nothing is shown, and the caller says how to find it instead.
        """
        seen: dict[str, Provider] = {}
        for kind in kinds:
            if kind == "sendiass":
                found = (
                    [self._own]
                    if self._own
                    else [p for p in self.providers if p.kind == kind and p.origin != "bundled"]
                )
            else:
                found = self.for_kind(kind)
            for p in found:
                if p is not None:
                    seen.setdefault(p.id, p)
        return list(seen.values())


def contact_label(p: Provider) -> str:
    """How a contact is named to a family: a bundled one says which area it is for."""
    if p.origin == "bundled" and p.area:
        return f"{p.name} — for {p.area.split(' (')[0]}"
    return p.name
