"""Organisation-kept provider lists on disk: the policy file, an imported copy, and merging.

Two sources, read at every start and merged over the bundled providers in memory:
  1. an imported list: *File → Import providers…* copies the chosen file to
     ``<data dir>/providers/imported.toml`` (with ``imported.json`` naming the original);
  2. the list named by IT policy ``ProvidersFile``. Each time it reads cleanly a copy is
     kept as ``<data dir>/providers/organisation-copy.toml``, used when the file cannot be
     reached (a laptop away from the office network).
The policy list is applied last, so on an id clash it wins (see docs/decisions.md).
Nothing here is written to the database, so a Local Offer refresh or a new bundle never
loses these lists. No Qt.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from desktop import safe_read
from desktop.data.provider_cache import parse_cached
from desktop.data.providers import Merged, ProviderLoad, merge_providers, parse_providers
from desktop.data.records import Provider
from desktop.errors import UserError

log = logging.getLogger(__name__)

FOLDER = "providers"
IMPORTED = "imported.toml"
IMPORTED_INFO = "imported.json"
POLICY_COPY = "organisation-copy.toml"
IMPORTED_CACHE = "imported.validated.json"  # see provider_cache: not validated again at start
POLICY_CACHE = "organisation.validated.json"
MAX_BYTES = 2_000_000


class ProviderFileError(UserError):
    """A providers file cannot be used at all; the message says why and what to do."""


@dataclass
class OrgProviders:
    merged: Merged
    problems: list[str] = field(default_factory=list)  # skipped entries, unreadable files
    sources: list[str] = field(default_factory=list)  # 'imported list (x.toml, 3 providers)'

    @property
    def providers(self) -> list[Provider]:
        return self.merged.providers


def read_text(path: Path) -> str:
    """The file's text: only a regular UTF-8 file of at most 2 MB (never a device or a FIFO)."""
    try:
        data = safe_read.read_bytes(path, MAX_BYTES)
    except safe_read.TooLarge:
        raise ProviderFileError(f"{path.name} is larger than 2 MB; is it a providers list?") from None
    except safe_read.NotRegularFile as exc:
        raise ProviderFileError(f"{exc}: a providers list must be a .toml file.") from None
    except OSError as exc:
        raise ProviderFileError(f"{path} cannot be read ({exc.strerror or exc}).") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ProviderFileError(f"{path.name} is not a UTF-8 text file.") from None


def check_file(path: Path, origin: str) -> ProviderLoad:
    """Parse and validate a file without keeping it (what the import dialog shows first)."""
    return parse_providers(read_text(path), origin)


def imported_origin(name: str, when: str) -> str:
    return f"your imported list ({name}, imported {when})"


def import_file(path: Path, data_dir: Path, today: dt.date | None = None) -> ProviderLoad:
    """Validate ``path`` and, when at least one entry is good, keep a copy in the data dir.

    Replaces any earlier imported list. Raises ProviderFileError when nothing is usable
    (the earlier list is then left exactly as it was).
    """
    text = read_text(path)
    when = (today or dt.date.today()).isoformat()
    loaded = parse_providers(text, imported_origin(path.name, when))
    if not loaded.providers:
        reasons = "\n".join(loaded.errors) or "it has no providers"
        raise ProviderFileError(f"Nothing was imported from {path.name}:\n{reasons}")
    folder = data_dir / FOLDER
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _write_atomically(folder / IMPORTED, text)
        _write_atomically(
            folder / IMPORTED_INFO, json.dumps({"name": path.name, "imported_on": when})
        )
    except OSError as exc:
        raise ProviderFileError(
            f"The list could not be saved in {folder} ({exc.strerror or exc})."
        ) from None
    return loaded


def remove_imported(data_dir: Path) -> bool:
    removed = False
    for name in (IMPORTED, IMPORTED_INFO):
        try:
            (data_dir / FOLDER / name).unlink()
            removed = True
        except FileNotFoundError:
            pass
    (data_dir / FOLDER / IMPORTED_CACHE).unlink(missing_ok=True)
    return removed


def has_imported(data_dir: Path) -> bool:
    return _is_file(data_dir / FOLDER / IMPORTED, [])


def _write_atomically(dest: Path, text: str) -> None:
    tmp = dest.with_name(dest.name + ".writing")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, dest)


def _is_file(path: Path, problems: list[str]) -> bool:
    """``path.is_file()``, with a folder the user may not enter as a problem, not a crash."""
    try:
        return path.is_file()
    except OSError as exc:
        problems.append(f"{path} cannot be read ({exc.strerror or exc}).")
        return False


def _load_imported(data_dir: Path, problems: list[str]) -> ProviderLoad | None:
    folder = data_dir / FOLDER
    if not _is_file(folder / IMPORTED, problems):
        return None
    try:
        info = json.loads(safe_read.read_bytes(folder / IMPORTED_INFO, 10_000))
        origin = imported_origin(str(info["name"]), str(info["imported_on"]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("%s unreadable (%r): shown as 'your imported list'", IMPORTED_INFO, exc)
        origin = "your imported list"
    try:
        return parse_cached(read_text(folder / IMPORTED), origin, folder / IMPORTED_CACHE)
    except ProviderFileError as exc:
        problems.append(str(exc))
        return None


def _load_policy(policy_file: str, data_dir: Path, problems: list[str]) -> ProviderLoad | None:
    """The IT list; when it cannot be read or holds nothing usable, the copy of the last good one.

    The copy is written only after the file parsed and gave at least one provider, so a
    broken file can never replace a good copy (review F15).
    """
    if not policy_file:
        return None
    path = Path(policy_file)
    origin = f"your organisation's list ({path.name})"
    copy = data_dir / FOLDER / POLICY_COPY
    cache = data_dir / FOLDER / POLICY_CACHE
    try:
        text = read_text(path)
    except ProviderFileError as exc:
        problem = str(exc)
    else:
        loaded = parse_cached(text, origin, cache)
        if loaded.providers:
            try:
                copy.parent.mkdir(parents=True, exist_ok=True)
                _write_atomically(copy, text)
            except OSError as exc:
                log.warning("cannot keep a copy of the organisation's providers list: %s", exc)
            return loaded
        problems.extend(loaded.errors)
        problem = f"{path.name} has no provider that can be used."
    if not _is_file(copy, problems):
        problems.append(f"{problem} Your organisation's providers are not shown.")
        return None
    problems.append(f"{problem} Showing the copy kept from the last time it was read.")
    try:
        return parse_cached(read_text(copy), origin, cache)
    except ProviderFileError as exc:
        problems.append(str(exc))
        return None


def load_org_providers(bundled: list[Provider], data_dir: Path, policy_file: str) -> OrgProviders:
    """Bundled providers merged with the imported list, then the policy list (which wins)."""
    problems: list[str] = []
    sources: list[str] = []
    layers: list[list[Provider]] = []
    for loaded in (
        _load_imported(data_dir, problems),
        _load_policy(policy_file, data_dir, problems),
    ):
        if loaded is None:
            continue
        problems.extend(loaded.errors)
        if loaded.providers:
            layers.append(loaded.providers)
            sources.append(f"{loaded.providers[0].origin}: {len(loaded.providers)} providers")
    merged = merge_providers(bundled, *layers)
    for line in problems:
        log.warning("providers: %s", line)
    return OrgProviders(merged, problems, sources)
