"""Command line: the GUI by default, and the subcommands info, search, build-db and deadline."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from dataclasses import asdict
from pathlib import Path

from desktop import APP_NAME, __version__

log = logging.getLogger(__name__)

EXIT_OK, EXIT_FAILED, EXIT_DATA, EXIT_TOO_NEW = 0, 1, 2, 3


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="send-desk",
        description=f"{APP_NAME}: SEND disagreement guidance, providers and the Local Offer, offline.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db", metavar="PATH", help="use this database file instead of the per-user copy"
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="start, show the window, check it has data, quit (exit 0)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("info", help="show the database path, schema version, counts and data date")
    search = sub.add_parser("search", help="search the Local Offer")
    search.add_argument("text", nargs="*", help="words to search for (none lists all)")
    search.add_argument("--json", action="store_true", help="print JSON instead of text")
    search.add_argument("--limit", type=int, default=20)
    from desktop.refresh_cli import add_parsers as add_refresh_parsers

    add_refresh_parsers(sub)
    build = sub.add_parser("build-db", help="build the bundled database from resources/")
    build.add_argument("out", type=Path)
    build.add_argument(
        "--resources", type=Path, default=None, help="resources folder (default: bundled)"
    )
    deadline = sub.add_parser("deadline", help="work out a SEND deadline (appeal, EHC timescales)")
    deadline.add_argument("rule", help="rule id, e.g. appeal, mediation-certificate, final-plan")
    deadline.add_argument("date", help="start date, YYYY-MM-DD or DD/MM/YYYY")
    deadline.add_argument(
        "--certificate", metavar="DATE", help="mediation certificate date (appeal)"
    )
    deadline.add_argument("--json", action="store_true", help="print JSON instead of text")
    return parser


def _has_display() -> bool:
    if not sys.platform.startswith("linux"):
        return True
    return bool(
        os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
        or os.environ.get("QT_QPA_PLATFORM")
    )


def _build_db(out: Path, resources: Path | None) -> int:
    from desktop.bundle import BundleError, build
    from desktop.config import resources_dir

    try:
        counts = build(out, resources or resources_dir())
    except (BundleError, OSError, ValueError) as exc:
        print(f"build-db failed: {exc}", file=sys.stderr)
        return EXIT_DATA
    print(f"built {out}: " + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items()))
    return EXIT_OK


def _ensure_bundle(settings: object) -> None:
    """From a source checkout, (re)build the bundled database when its sources changed."""
    from desktop.bundle import ensure_built
    from desktop.config import is_frozen, resources_dir

    if is_frozen() or os.environ.get("SEND_DESK_BUNDLED_DB"):
        return
    if ensure_built(settings.bundled_db, resources_dir()):  # type: ignore[attr-defined]
        log.info("built the bundled database at %s", settings.bundled_db)  # type: ignore[attr-defined]


def _info(opened: object, settings: object) -> int:
    from desktop.data import schema

    store = opened.store  # type: ignore[attr-defined]
    meta = store.meta()
    lines = {
        "database": str(store.path) + (" (read-only)" if store.read_only else ""),
        "bundled database": str(settings.bundled_db),  # type: ignore[attr-defined]
        "schema version": f"{schema.version_of(store.conn)} (this app reads up to {schema.SCHEMA_VERSION})",
        "guidance sections": str(len(store.guidance_sections())),
        "providers": str(len(store.providers())),
        "services": str(store.count_services("")),
        "data source": meta.get("source", ""),
        "publisher": meta.get("publisher", ""),
        "data as of": meta.get("data_as_of", "") or "unknown",
        "imported at": meta.get("imported_at", "") or "bundled with the app",
        "demo data": "yes (fictional services)" if meta.get("is_demo") == "1" else "no",
    }
    if opened.notice:  # type: ignore[attr-defined]
        lines["notice"] = opened.notice  # type: ignore[attr-defined]
    width = max(len(k) for k in lines)
    for key, value in lines.items():
        print(f"{key:<{width}}  {value}")
    return EXIT_OK


def _search(opened: object, text: str, as_json: bool, limit: int) -> int:
    from desktop.config import resource
    from desktop.data.search_terms import SYNONYMS_FILE, SynonymsError, load_terms
    from desktop.data.suggest import FEW

    store = opened.store  # type: ignore[attr-defined]
    try:
        store.use_terms(load_terms(resource(SYNONYMS_FILE)))
    except SynonymsError as exc:
        log.warning("%s Searching without synonyms.", exc)
    plan = store.plan_search(text)  # a postcode among the words is the area (widened)
    results = store.search_services(plan.text, limit=limit, **plan.filters)
    total = store.count_services(plan.text, **plan.filters)
    if as_json:
        print(
            json.dumps(
                {"total": total, "demo": store.is_demo, "results": [asdict(r) for r in results]},
                indent=1,
            )
        )
        return EXIT_OK
    if store.is_demo:
        print("(demo data: fictional services)")
    for r in results:
        cost = "free" if r.is_free else (r.cost_text or "cost not given")
        print(f"{r.name} — {r.organisation} · {r.ages_text} · {cost} · {r.area}")
    print(
        f"{total} service{'s' if total != 1 else ''} found"
        + (f", first {len(results)} shown" if total > len(results) else "")
    )
    if plan.note:
        print(plan.note)
    suggestion = store.suggest(text) if total <= FEW and text.strip() else None
    if suggestion:
        print(f"Did you mean: {suggestion.text}?")
    return EXIT_OK


def _deadline(rule: str, date: str, certificate: str | None, as_json: bool) -> int:
    """Needs no database: the rules live in desktop.data.deadlines."""
    from desktop.data.deadlines import RULES, DeadlineError, calculate, parse_date

    try:
        if rule not in RULES:
            raise DeadlineError(f"unknown rule {rule!r}; known rules: {', '.join(RULES)}")
        start = parse_date(date)
        cert = parse_date(certificate) if certificate else None
        result = calculate(rule, start, certificate=cert)
    except DeadlineError as exc:
        print(f"send-desk deadline: {exc}", file=sys.stderr)
        return EXIT_DATA
    if as_json:
        print(json.dumps(result.as_json(), indent=1))
    else:
        print(result.as_text())
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "deadline":
        return _deadline(args.rule, args.date, args.certificate, args.json)
    if args.command == "build-db":
        return _build_db(args.out, args.resources)

    from desktop.config import load_settings
    from desktop.data import schema
    from desktop.data.livedb import open_live
    from desktop.data.store import StoreError
    from desktop.logs import setup_logging

    settings = load_settings(args.db)
    setup_logging(settings.log_file)
    for problem in settings.policy.problems:  # a bad policy value falls back to the default
        log.warning("IT policy: %s; using the default", problem)
    gui = args.command is None
    if gui and not _has_display():
        if not args.smoke:
            print(
                "No display found. Run this on a desktop, under xvfb-run, or try --smoke "
                "(which runs off-screen).",
                file=sys.stderr,
            )
            return EXIT_DATA
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    try:
        _ensure_bundle(settings)
        opened = open_live(settings.live_db, settings.bundled_db)
    except schema.SchemaTooNew as exc:
        print(f"Cannot open the data: {exc}", file=sys.stderr)
        return EXIT_TOO_NEW
    except (StoreError, schema.SchemaError, OSError, ValueError) as exc:
        print(f"Cannot open the data: {exc}", file=sys.stderr)
        return EXIT_DATA
    if args.command in ("refresh", "restore-previous"):
        from desktop.refresh_cli import run as run_refresh

        opened.store.close()  # the live file is replaced: no connection may hold it (Windows)
        return run_refresh(args, settings)
    try:
        if args.command == "info":
            return _info(opened, settings)
        if args.command == "search":
            return _search(opened, " ".join(args.text), args.json, args.limit)
        from desktop.app import run_gui
        from desktop.logs import install_excepthook, route_qt_messages

        install_excepthook(settings.log_file)
        route_qt_messages()
        return run_gui(settings, opened, smoke=args.smoke)
    finally:
        opened.store.close()
