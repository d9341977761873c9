"""The copies *Restore previous data* can bring back, and the swaps that bring them back.

``.bak`` is the data from before the last change; ``.corrupt-N``, ``.old-N`` and
``.bak-N`` are copies set aside earlier (``desktop.data.livefiles``). Restoring ``.bak``
swaps it with the live file (so restoring twice goes back). Restoring any other copy
makes it live, and the live file becomes ``.bak``; the older ``.bak`` is kept as
``.bak-N`` first. Each swap is ordered for kill -9: the live path always names a
complete database, and ``livefiles.cleanup_leftovers`` finishes an interrupted one.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

from desktop.data import livefiles, schema
from desktop.data.livedb import quick_check
from desktop.data.store import DatabaseDamaged, DatabaseInUse, NotADatabase, Store, StoreError

log = logging.getLogger(__name__)

WHY = {
    "bak": "Before the last change",
    "bak-n": "An older previous copy",
    "corrupt": "Set aside because it could not be read",
    "old": "Set aside because it was in an older format",
}
_NOT_A_DB = {
    "missing": "it is missing",
    "not-file": "it is not a file",
    "empty": "it is empty",
    "not-sqlite": "it is not a database",
    "foreign": "it belongs to another program",
}


def short_reason(exc: BaseException) -> str:
    """Why a copy cannot be used, in a few words."""
    if isinstance(exc, NotADatabase):
        return _NOT_A_DB.get(exc.kind, "it is not a SEND Adviser Desk database")
    if isinstance(exc, DatabaseInUse):
        return "another program has it open"
    if isinstance(exc, DatabaseDamaged):
        return "it is damaged"
    if isinstance(exc, schema.SchemaTooNew):
        return "a newer version of the app wrote it"
    if isinstance(exc, schema.SchemaTooOld):
        return "it is in an older format"
    return str(exc)


@dataclass(frozen=True)
class KeptInfo:
    path: Path
    reason: str  # bak, bak-n, corrupt, old
    usable: bool
    summary: str  # "40 services, data as of 2026-10-09, from feed.json", or why it cannot be used
    changed: float  # last modified, seconds since the epoch

    @property
    def name(self) -> str:
        return self.path.name

    def label(self) -> str:
        when = dt.datetime.fromtimestamp(self.changed).strftime("%d %b %Y %H:%M")
        return f"{WHY.get(self.reason, 'Kept')} (last changed {when}): {self.summary}"


def meta_and_count(path: Path) -> tuple[dict[str, str], int]:
    """The live file's meta and service count (read-only); Store errors as they are."""
    with Store.open(path, read_only=True) as store:
        return store.meta(), store.service_count()


def describe(path: Path) -> tuple[bool, str]:
    """Whether the copy at ``path`` opens as this app's data, and what it holds (or why not)."""
    try:
        with Store.open(path, read_only=True, busy_timeout=0.5) as store:
            meta = store.meta()
    except (StoreError, schema.SchemaError) as exc:
        return False, f"cannot be used: {short_reason(exc)}"
    count = int(meta.get("service_count", "0") or 0)
    source = meta.get("source", "") or "unknown source"
    as_of = meta.get("data_as_of", "") or "unknown"
    demo = " (demo data)" if meta.get("is_demo") == "1" else ""
    return True, f"{count:,} services{demo}, data as of {as_of}, from {source}"


def list_kept(live: Path) -> list[KeptInfo]:
    found = []
    for copy in livefiles.kept_copies(live):
        usable, summary = describe(copy.path)
        try:
            changed = copy.path.stat().st_mtime
        except OSError:
            changed = 0.0
        found.append(KeptInfo(copy.path, copy.reason, usable, summary, changed))
    return found


def choose(live: Path, name: str | None) -> Path:
    """The copy to restore: ``.bak`` by default, else the kept copy called ``name``.

    Only names from ``kept_copies`` are accepted, so no path can be smuggled in. Raises
    ValueError with the sentence for the user.
    """
    copies = {c.name: c.path for c in livefiles.kept_copies(live)}
    if not copies:
        raise ValueError("There is no previous data to go back to.")
    if name is None:
        if livefiles.bak_path(live).name not in copies:
            raise ValueError(
                "There is no data from before the last change, but older copies are kept: "
                "send-desk restore-previous --list shows them."
            )
        return livefiles.bak_path(live)
    if name not in copies:
        raise ValueError(
            f"No kept copy is called {name!r}: send-desk restore-previous --list shows them."
        )
    return copies[name]


def check_copy(live: Path, path: Path) -> dict[str, str]:
    """The copy's meta, or ValueError naming the copy and why it cannot be restored."""
    label = "The previous data" if path == livefiles.bak_path(live) else "The kept copy"
    try:
        with Store.open(path, read_only=True) as store:
            meta = store.meta()
    except (StoreError, schema.SchemaError) as exc:
        raise ValueError(f"{label} ({path.name}) cannot be used: {short_reason(exc)}") from exc
    finding = quick_check(path)
    if finding != "ok":
        raise ValueError(f"{label} ({path.name}) cannot be used: it is damaged ({finding})")
    return meta


def swap_in(live: Path, chosen: Path, *, keep_older: bool) -> None:
    """Make ``chosen`` the live file; the live file becomes ``.bak``. Raises OSError untouched.

    A refresh swaps its ``.new`` in this way (``keep_older=False``: one previous copy is
    kept, never a pile of them); a restore of a set-aside copy keeps the older ``.bak``.
    Order: keep the older ``.bak`` as ``.bak-N`` (with ``keep_older``), link the
    live file to ``.bak.tmp``, rename ``chosen`` over the live file, rename ``.bak.tmp``
    over ``.bak``. A kill after the third step leaves ``.bak.tmp`` holding other bytes
    than the live file, which the next clean-up renames to ``.bak``.
    """
    bak, tmp = livefiles.bak_path(live), livefiles.swap_path(live)
    livefiles.finish_interrupted_swap(live)
    if keep_older and chosen != bak:
        livefiles.keep_bak_copy(live)
    try:
        livefiles.link_or_copy(live, tmp)
        livefiles.replace_keeping_mode(chosen, live)
    except OSError:
        # The swap did not happen: it held the live file's bytes.
        livefiles.unlink_link(tmp, keep_mode_of=live)
        raise
    try:
        livefiles.replace_keeping_mode(tmp, bak, keep=False)  # .bak may be read-only too
    except OSError as exc:  # the new data is in place; the next clean-up finishes this
        log.warning("could not rename %s to %s yet: %s", tmp, bak, exc)
