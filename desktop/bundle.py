"""Build the bundled database from resources/ (guidance, providers, demo Local Offer).

The same code runs from ``send-desk build-db OUT``, from a source checkout on first
start, and from the PyInstaller spec. Building twice from the same sources gives the
same rows: nothing here reads the clock.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sqlite3
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import __version__

if TYPE_CHECKING:  # the builders' imports are heavy; a start-up that only checks pays nothing
    import sqlite_utils

    from desktop.data.records import GuidanceSection, Provider

# Only for a guidance section whose front matter has no ``checked_on`` of its own: each
# section carries the date it was last checked, and that date wins (desktop.data.guidance).
GUIDANCE_CHECKED_ON = "2026-11-28"
DEMO_FILE = Path("demo") / "local-offer.json"
PROVIDERS_FILE = "providers.toml"


class BundleError(Exception):
    pass


CROSSWALK_FILES = ("taxonomy-map.toml", "needs-map.toml")


def source_files(resources: Path) -> list[Path]:
    files = sorted((resources / "guidance").glob("*.md"))
    files += [resources / PROVIDERS_FILE, resources / DEMO_FILE]
    files += [resources / name for name in CROSSWALK_FILES]  # they place the demo's terms
    return files


# The modules whose code shapes the bundled rows (schema, normaliser, cleaners, writers).
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
    "desktop.data.records",
    "desktop.data.urls",
    "desktop.data.emails",
    "desktop.data.postcodes",
    "desktop.data.feeds.writer",
    "desktop.data.records",  # cost_label writes cost_text
    "desktop.data.guidance",
    "desktop.data.providers",
    "desktop.bundle",
)


def _module_file(name: str) -> Path:
    """The source file of module ``name``; a module that has moved is an error, never skipped."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.origin or not Path(spec.origin).is_file():
        raise BundleError(f"{name} is listed in SHAPING_CODE but cannot be found: update the list")
    return Path(spec.origin)


def sources_digest(resources: Path) -> str:
    """A hash of every file the bundle is built from, to tell whether a built copy is current."""
    # The code that shapes the rows counts too (schema, normaliser, writers): a changed
    # table, FTS option or text rule rebuilds the bundle and the demo copies made from it.
    digest = hashlib.sha256(__version__.encode())
    for name in SHAPING_CODE:
        digest.update(name.encode())
        digest.update(_module_file(name).read_bytes())
    for path in source_files(resources):
        digest.update(path.relative_to(resources).as_posix().encode())
        digest.update(path.read_bytes() if path.exists() else b"<missing>")
    return digest.hexdigest()


def insert_guidance(db: sqlite_utils.Database, sections: list[GuidanceSection]) -> None:
    db["guidance_sections"].insert_all(
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
    db["providers"].insert_all(rows, replace=True)


def build(out: Path, resources: Path) -> dict[str, int]:
    """Write a complete database to ``out`` (atomically: a temp file then os.replace)."""
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

    resources = Path(resources)
    out = Path(out)
    sections = load_sections(resources / "guidance", GUIDANCE_CHECKED_ON)
    if not sections:
        raise BundleError(f"no guidance sections in {resources / 'guidance'}")
    loaded = parse_providers(
        (resources / PROVIDERS_FILE).read_text(encoding="utf-8"), origin="bundled"
    )
    if loaded.errors:
        raise BundleError("bundled providers file has errors:\n" + "\n".join(loaded.errors))
    document = json.loads((resources / DEMO_FILE).read_text(encoding="utf-8"))
    report = NormaliseReport()
    # The demo uses example.org addresses by policy; a real feed's reserved domains are dropped.
    ctx = Context(default_crosswalk(), allow_reserved_emails=True)
    records = list(normalise_all(page_items(document), report, ctx))
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
    finally:
        conn.close()
    os.replace(tmp, out)
    return {
        "guidance_sections": len(sections),
        "providers": len(loaded.providers),
        "services": len(records),
    }


def ensure_built(out: Path, resources: Path) -> bool:
    """Build ``out`` when it is missing or older than its sources. True when it was (re)built."""
    if out.exists():
        from desktop.data import schema
        from desktop.data.store import Store, StoreError

        try:
            with Store.open(out, read_only=True) as store:
                built_from = store.meta().get("sources_sha256")
            if built_from == sources_digest(resources):
                return False
        except (StoreError, schema.SchemaError):  # damaged, foreign, or another data format
            pass
    build(out, resources)
    return True
