"""Build the bundled database from resources/ (guidance, providers, demo Local Offer).

The same code runs from ``send-desk build-db OUT``, from a source checkout on first
start, and from the PyInstaller spec. Building twice from the same sources gives the
same rows: nothing here reads the clock.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import __version__
from desktop.errors import UserError

log = logging.getLogger(__name__)

if TYPE_CHECKING:  # the builders' imports are heavy; a start-up that only checks pays nothing
    import sqlite_utils

    from desktop.data.records import GuidanceSection, Provider

# Only for a guidance section whose front matter has no ``checked_on`` of its own: each
# section carries the date it was last checked, and that date wins (desktop.data.guidance).
GUIDANCE_CHECKED_ON = "2026-11-28"
DEMO_FILE = Path("demo") / "local-offer.json"
PROVIDERS_FILE = "providers.toml"


class BundleError(UserError):
    """The bundled database cannot be built from these resources; the message says why."""


CROSSWALK_FILES = ("taxonomy-map.toml", "needs-map.toml")


def source_files(resources: Path) -> list[Path]:
    files = sorted((resources / "guidance").glob("*.md"))
    files += [resources / PROVIDERS_FILE, resources / DEMO_FILE]
    files += [resources / name for name in CROSSWALK_FILES]  # they place the demo's terms
    files.append(resources / "synonyms.toml")  # the ranking index keeps a list per phrase
    return files


# The modules whose code shapes the bundled rows (schema, normaliser, cleaners, writers).
# tests/test_loud_fallbacks.py fails when build() loads a module of the app that is in
# neither this list nor its list of modules that shape nothing.
SHAPING_CODE = (
    "desktop.data.schema",
    "desktop.data.feeds.oruk",
    "desktop.data.feeds.detect",
    "desktop.data.feeds.taxonomy",
    "desktop.data.feeds.shapes.parts",
    "desktop.data.feeds.shapes.terms",
    "desktop.data.feeds.shapes.openreferral",
    "desktop.data.feeds.shapes.oruk3",
    "desktop.data.feeds.shapes.oruk1",
    "desktop.data.feeds.shapes.placecube",
    "desktop.data.feeds.shapes.outpost",
    "desktop.data.schedules",
    "desktop.data.text",
    "desktop.data.phones",
    "desktop.data.phone_text",
    "desktop.data.records",  # ages and the cost summary
    "desktop.data.detail_records",  # cost_label writes cost_text
    "desktop.data.urls",
    "desktop.data.emails",
    "desktop.data.postcodes",
    "desktop.data.feeds.writer",
    # the ranking index (schema v4): impacts, packed lists, sets, the synonym list's phrases
    "desktop.data.ranking_build",
    "desktop.data.ranking_extras",
    "desktop.data.docsets",
    "desktop.data.fts_tokens",
    "desktop.data.search_terms",  # how the synonym list's phrases are read
    "desktop.data.nearby",  # the UK box kept positions are tested against
    "desktop.data.feeds.record",  # the normalised record: its fields and defaults
    "desktop.data.guidance",
    "desktop.data.providers",
    "desktop.bundle",
)


def _module_file(name: str) -> Path:
    """The source file of module ``name``; a module that has moved is an error, never skipped.

    Found from the package folder, without importing the module or its packages: this
    check runs at every start from a checkout, and ``find_spec`` imported every feed
    reader (through ``desktop.data.feeds.shapes``) for it, ~25 ms of a ~250 ms start.
    """
    top, _, rest = name.partition(".")
    base = Path(__file__).resolve().parent.joinpath(*rest.split(".")) if rest else None
    if top == "desktop" and base is not None:
        for path in (base.with_name(base.name + ".py"), base / "__init__.py"):
            if path.is_file():
                return path
    raise BundleError(f"{name} is listed in SHAPING_CODE but cannot be found: update the list")


def sources_digest(resources: Path) -> str:
    """A hash of every file the bundle is built from, to tell whether a built copy is current."""
    # The code that shapes the rows counts too (schema, normaliser, writers): a changed
    # table, FTS option or text rule rebuilds the bundle and the demo copies made from it.
    import hashlib  # ~2.5 ms (OpenSSL): an installed app, which never hashes, skips it

    digest = hashlib.sha256(__version__.encode())
    try:
        for name in SHAPING_CODE:
            digest.update(name.encode())
            digest.update(_module_file(name).read_bytes())
        for path in source_files(resources):
            digest.update(path.relative_to(resources).as_posix().encode())
            digest.update(path.read_bytes() if path.exists() else b"<missing>")
    except OSError as exc:
        raise BundleError(
            f"{exc.filename} cannot be read ({exc.strerror or exc}): check the resources folder."
        ) from exc
    return digest.hexdigest()


def insert_guidance(db: sqlite_utils.Database, sections: list[GuidanceSection]) -> None:
    db.table("guidance_sections").insert_all(
        {
            "id": s.id,
            "title": s.title,
            "ord": s.order,
            "summary": s.summary,
            "body": s.body,
            "sources": json.dumps(list(s.sources)),
            "checked_on": s.checked_on,
        }
        for s in sections
    )


def insert_providers(db: sqlite_utils.Database, providers: list[Provider]) -> None:
    rows = []
    for p in providers:
        row = asdict(p)
        row.pop("own")  # only an organisation's own file can mark its service; not stored
        row["phones"] = json.dumps(list(p.phones))
        rows.append(row)
    db.table("providers").insert_all(rows, replace=True)


def build(out: Path, resources: Path) -> dict[str, int]:
    """Write a complete database to ``out`` (atomically: a temp file then os.replace).

    Raises BundleError (or the GuidanceError, MapError… of the file at fault, all
    UserErrors) with one sentence; anything else is a bug."""
    try:
        return _build(Path(out), Path(resources))
    except OSError as exc:
        raise BundleError(
            f"{exc.filename or out} cannot be read or written ({exc.strerror or exc}): check "
            "the resources folder and the output folder."
        ) from exc
    except sqlite3.OperationalError as exc:  # a full disk, a folder SQLite cannot write in
        raise BundleError(f"{out} cannot be written ({exc}).") from exc


def _build(out: Path, resources: Path) -> dict[str, int]:
    import sqlite_utils

    from desktop.data import schema
    from desktop.data.feeds import writer
    from desktop.data.feeds.oruk import (
        NormaliseReport,
        default_crosswalk,
        normalise_all,
        page_items,
    )
    from desktop.data.feeds.shapes.parts import Context
    from desktop.data.guidance import load_sections
    from desktop.data.providers import parse_providers

    sections = load_sections(resources / "guidance", GUIDANCE_CHECKED_ON)
    if not sections:
        raise BundleError(f"no guidance sections in {resources / 'guidance'}")
    loaded = parse_providers(
        (resources / PROVIDERS_FILE).read_text(encoding="utf-8"), origin="bundled"
    )
    if loaded.errors:
        raise BundleError("bundled providers file has errors:\n" + "\n".join(loaded.errors))
    try:
        items = page_items(json.loads((resources / DEMO_FILE).read_text(encoding="utf-8")))
    except ValueError as exc:  # not JSON, or not a list or page of services
        raise BundleError(f"{resources / DEMO_FILE} cannot be used: {exc}.") from exc
    report = NormaliseReport()
    # The demo uses example.org addresses by policy; a real feed's reserved domains are dropped.
    ctx = Context(default_crosswalk(), allow_reserved_emails=True)
    records = list(normalise_all(items, report, ctx))
    if report.skipped:
        raise BundleError("demo Local Offer has unusable records:\n" + "\n".join(report.skipped))
    data_as_of = max((r.last_modified[:10] for r in records if r.last_modified), default="")

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".building")
    tmp.unlink(missing_ok=True)
    conn = sqlite3.connect(tmp)
    try:
        db = sqlite_utils.Database(conn)
        with conn:
            schema.create(conn)
            insert_guidance(db, sections)
            insert_providers(db, loaded.providers)
            writer.ServiceWriter(db).add_all(records)
            writer.write_meta(
                db,
                {
                    "schema_version": str(schema.SCHEMA_VERSION),
                    "is_demo": "1",
                    "source": "Bundled demo Local Offer (fictional Brookvale City Council)",
                    "publisher": "SEND Adviser Desk demo data: fictional services",
                    "data_as_of": data_as_of,
                    "imported_at": "",
                    "bundle_version": __version__,
                    "sources_sha256": sources_digest(resources),
                    "hidden_services": str(report.hidden),
                },
            )
            writer.finish(db)
        conn.execute("VACUUM")
    except BaseException:
        conn.close()
        tmp.unlink(missing_ok=True)  # a full disk or a bug: no half-built file is left
        raise
    finally:
        conn.close()
    os.replace(tmp, out)
    return {
        "guidance_sections": len(sections),
        "providers": len(loaded.providers),
        "services": len(records),
    }


def ensure_built(out: Path, resources: Path) -> bool:
    """Build ``out`` when it is missing or older than its sources. True when it was (re)built.

    A stamp beside ``out`` (``stamp_matches``) answers "unchanged" from the files' sizes and
    times alone; otherwise the sources are hashed and compared with the bundle's own record.
    """
    if out.exists():
        if stamp_matches(out, resources):
            return False
        from desktop.data import schema
        from desktop.data.store import Store, StoreError

        try:
            with Store.open(out, read_only=True) as store:
                built_from = store.meta().get("sources_sha256")
            if built_from == sources_digest(resources):
                write_stamp(out, resources)
                return False
        except (StoreError, schema.SchemaError, sqlite3.DatabaseError) as exc:
            # damaged, not this app's, or another data format
            log.warning("the built bundle %s cannot be read (%s): building it again", out, exc)
    build(out, resources)
    write_stamp(out, resources)
    return True


# A file changed less than this long before the stamp was written may change again within
# the file system's timestamp granularity (a few ms) without its time changing, so a stamp
# does not vouch for it ("racy git"): such a file is hashed again, and the stamp rewritten.
STAMP_SETTLED_NS = 2_000_000_000


def _stamp_path(out: Path) -> Path:
    return out.with_name(out.name + ".stamp")


def covered_files(out: Path, resources: Path) -> list[Path]:
    """What a stamp vouches for: the bundle itself and every file its digest hashes."""
    return [out, *(_module_file(name) for name in SHAPING_CODE), *source_files(resources)]


def _stats(out: Path, resources: Path) -> dict[str, list[int]]:
    stats: dict[str, list[int]] = {}
    for path in covered_files(out, resources):
        try:
            st = path.stat()
            stats[str(path)] = [st.st_size, st.st_mtime_ns, st.st_ino]
        except OSError:
            stats[str(path)] = []  # missing: the stamp never vouches (every start hashes)
    return stats


def stamp_matches(out: Path, resources: Path) -> bool:
    """Whether ``out`` was built (or checked) from these very files, by their sizes, times
    and inode numbers, with nothing changed since: a start from a checkout then skips
    hashing every source file and opening the bundle (~5 ms, issue 16). The installed app
    ships its bundle built and never comes here."""
    try:
        stamp = json.loads(_stamp_path(out).read_text(encoding="utf-8"))
        written, recorded = int(stamp["written_ns"]), stamp["stats"]
    except (OSError, ValueError, KeyError, TypeError):
        return False
    if stamp.get("version") != __version__:
        return False
    try:
        stats = _stats(out, resources)
    except BundleError:
        return False
    return stats == recorded and all(
        s and s[1] < written - STAMP_SETTLED_NS for s in stats.values()
    )


def write_stamp(out: Path, resources: Path) -> None:
    """Record the files ``out`` was just built or checked from; a stamp that cannot be
    written only costs the next start the full check.

    Its time is the file system's, not this machine's clock: the temporary stamp is
    created first and its own modification time is the reference the files' times are
    compared with (a share whose clock runs behind would otherwise make a file changed
    just now look settled), as git compares with its index file's time.
    """
    tmp = out.with_name(f"{out.name}.stamp.{os.getpid()}.tmp")
    try:
        tmp.write_text("", encoding="utf-8")
        written = tmp.stat().st_mtime_ns
        stamp = {"version": __version__, "written_ns": written, "stats": _stats(out, resources)}
        tmp.write_text(json.dumps(stamp), encoding="utf-8")
        os.replace(tmp, _stamp_path(out))
    except (OSError, BundleError) as exc:
        log.info("the bundle's stamp %s cannot be written (%s)", _stamp_path(out), exc)
        with contextlib.suppress(OSError):
            tmp.unlink()
