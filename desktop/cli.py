"""Command line: the GUI by default, and the subcommands info, search, build-db and deadline
(refresh and restore-previous come from ``refresh_cli``, publish and fetch-data from
``datafile_cli``).

Every failure ends in one sentence and an ``ExitCode``: a ``UserError`` says what happened
and what to do; anything else is a bug, logged with its traceback, and the user reads
that it is one, where the details are, and that their data is unchanged. Ctrl+C stops
with a sentence and ``ExitCode.INTERRUPTED``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import APP_NAME, __version__
from desktop.errors import ExitCode, UserError

if TYPE_CHECKING:  # loaded by the commands that use them, not by every start
    from desktop.config import Settings
    from desktop.data.livedb import Opened

log = logging.getLogger(__name__)

EXIT_OK = ExitCode.OK
# ``_deadline`` (guide-rules) returns EXIT_DATA for a bad rule or date: that is bad usage,
# and 2 is the code it has always had, so the name is kept for it.
EXIT_DATA = ExitCode.USAGE
DB_HELP = "use this database file instead of the per-user copy"


def _top_level_parser() -> argparse.ArgumentParser:
    """The options before any subcommand."""
    parser = argparse.ArgumentParser(
        prog="send-desk",
        description=f"{APP_NAME}: SEND disagreement guidance, providers and the Local Offer, offline.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--db", metavar="PATH", help=DB_HELP)
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="start, show the window, check it has data, quit (exit 0)",
    )
    return parser


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """``build_parser().parse_args(argv)``; the window's own start (no arguments, or only
    --smoke) is read by the top-level options alone, the same answer without building
    every subcommand's parser (~6 ms of a start that uses none of them)."""
    words = sys.argv[1:] if argv is None else argv
    if not words:  # the usual start: the parser's defaults, without building it (~2 ms)
        return argparse.Namespace(command=None, db=None, smoke=False)
    if all(word == "--smoke" for word in words):
        return _top_level_parser().parse_args(words, argparse.Namespace(command=None))
    return build_parser().parse_args(words)


def build_parser() -> argparse.ArgumentParser:
    parser = _top_level_parser()
    # --db is accepted after the subcommand too; SUPPRESS keeps a --db given before it.
    db_after = argparse.ArgumentParser(add_help=False)
    db_after.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser(
        "info",
        parents=[db_after],
        help="show the database path, schema version, counts and data date",
    )
    search = sub.add_parser("search", parents=[db_after], help="search the Local Offer")
    search.add_argument("text", nargs="*", help="words to search for (none lists all)")
    search.add_argument("--json", action="store_true", help="print JSON instead of text")
    search.add_argument("--limit", type=int, default=20)
    from desktop.refresh_cli import add_parsers as add_refresh_parsers

    add_refresh_parsers(sub, parents=[db_after])
    build = sub.add_parser("build-db", help="build the bundled database from resources/")
    build.add_argument("out", type=Path)
    build.add_argument(
        "--resources", type=Path, default=None, help="resources folder (default: bundled)"
    )
    deadline = sub.add_parser(
        "deadline",
        help="work out a SEND deadline (appeals, EHC timescales, complaints, courts)",
    )
    deadline.add_argument(
        "rule", help="rule id, e.g. appeal, final-plan, lgsco-complaint (a wrong id lists all)"
    )
    deadline.add_argument(
        "date", help="start date, e.g. 2026-11-20, 20/11/2026 or '20 Nov 2026' (appeal: when sent)"
    )
    deadline.add_argument(
        "--certificate", metavar="DATE", help="mediation certificate issue date (appeal)"
    )
    deadline.add_argument(
        "--dated",
        metavar="DATE",
        help="the date printed on the letter, when it differs from when it was sent (appeal, "
        "appeal-school, mediation-adviser-contact): the earlier deadline is used",
    )
    deadline.add_argument(
        "--noticed",
        metavar="DATE",
        help="when you found out, if later than the event (nhs-complaint)",
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
    from desktop.bundle import build
    from desktop.config import resources_dir

    try:
        counts = build(out, resources or resources_dir())
    except UserError as exc:  # BundleError, or the guidance, provider or map file at fault
        print(f"build-db failed: {exc}", file=sys.stderr)
        return ExitCode.FAILED
    print(f"built {out}: " + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items()))
    return EXIT_OK


def _info(opened: Opened, settings: Settings) -> int:
    from desktop.data import schema

    store = opened.store
    meta = store.meta()
    lines = {
        "database": str(store.path) + (" (read-only)" if store.read_only else ""),
        "bundled database": str(settings.bundled_db),
        "schema version": f"{store.schema_version()} (this app reads up to {schema.SCHEMA_VERSION})",
        "guidance sections": str(len(store.guidance_sections())),
        "providers": str(len(store.providers())),
        "services": str(store.count_services("")),
        "data source": meta.get("source", ""),
        "publisher": meta.get("publisher", ""),
        "data as of": meta.get("data_as_of", "") or "unknown",
        "imported at": meta.get("imported_at", "") or "bundled with the app",
        "demo data": "yes (fictional services)" if meta.get("is_demo") == "1" else "no",
    }
    if opened.notice:
        lines["notice"] = opened.notice
    width = max(len(k) for k in lines)
    for key, value in lines.items():
        print(f"{key:<{width}}  {value}")
    return EXIT_OK


def _search(opened: Opened, text: str, as_json: bool, limit: int) -> int:
    from desktop.config import resource
    from desktop.data.search_terms import SYNONYMS_FILE, SynonymsError, load_terms
    from desktop.data.suggest import FEW

    store = opened.store
    try:
        store.use_terms(load_terms(resource(SYNONYMS_FILE)))
    except SynonymsError as exc:
        log.warning("%s Searching without synonyms.", exc)
    plan = store.plan_search(text)  # a postcode among the words is the area (widened)
    results = store.search(plan.query, limit=limit)
    total = store.count_services(plan.query)
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
        cost = r.cost_shown  # the feed's cost options in words (detail_records.cost_label)
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


def _deadline(args: argparse.Namespace) -> int:
    """Needs no database: the rules live in desktop.data. Prints one sentence on bad input."""
    from desktop.config import resource
    from desktop.data.dates import parse_date
    from desktop.data.deadlines import (
        EXTRA_HOLIDAYS_FILE,
        RULES,
        DeadlineError,
        calculate,
        load_working_days,
    )
    from desktop.errors import UserError

    try:
        if args.rule not in RULES:
            raise DeadlineError(f"Unknown rule {args.rule!r}; known rules: {', '.join(RULES)}.")
        extra = {
            name: parse_date(value)
            for name in ("certificate", "dated", "noticed")
            if (value := getattr(args, name))
        }
        result = calculate(
            args.rule,
            parse_date(args.date),
            working_days=load_working_days(resource(EXTRA_HOLIDAYS_FILE)),
            certificate=extra.get("certificate"),
            dated=extra.get("dated"),
            noticed=extra.get("noticed"),
        )
    except UserError as exc:
        print(f"send-desk deadline: {exc}", file=sys.stderr)
        return EXIT_DATA
    if args.json:
        print(json.dumps(result.as_json(), indent=1))
    else:
        print(result.as_text(today=dt.date.today()))
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    gui = args.command is None and not args.smoke
    try:
        return _run(args)
    except KeyboardInterrupt:
        print("Stopped (Ctrl+C).", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except UserError as exc:
        _tell(str(exc), dialog=gui)
        return exc.exit_code
    except Exception as exc:
        _tell(_report_bug(exc), dialog=gui)
        return ExitCode.BUG


def _report_bug(exc: BaseException) -> str:
    """Log a bug with its traceback (a temporary file when there is no log) and say so."""
    from desktop import logs

    if logs.current_log_file() is not None:
        log.critical("unexpected error", exc_info=exc)
        return logs.bug_sentence()
    import tempfile
    import traceback

    try:
        fd, name = tempfile.mkstemp(prefix="send-desk-error-", suffix=".txt")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write("".join(traceback.format_exception(exc)))
    except OSError:
        return logs.bug_sentence()
    return (
        "SEND Adviser Desk hit an unexpected problem (a bug); your data has not been changed. "
        f"The details are in {name}."
    )


def _tell(sentence: str, *, dialog: bool) -> None:
    """One sentence on stderr; in the windowed app (no console on Windows) a message box too."""
    print(sentence, file=sys.stderr)
    if not dialog or os.environ.get("QT_QPA_PLATFORM") in ("offscreen", "minimal"):
        return
    try:
        from desktop.app import show_fatal

        show_fatal(sentence)
    except Exception:  # the sentence is already on stderr; never a second failure
        log.exception("cannot show the message box")


def _run(args: argparse.Namespace) -> int:
    if args.command == "deadline":
        return _deadline(args)
    if args.command == "build-db":
        return _build_db(args.out, args.resources)

    from desktop.config import load_settings
    from desktop.logs import setup_logging

    settings = load_settings(args.db)
    setup_logging(settings.log_file)
    for problem in settings.policy.problems:  # each says what was used instead
        log.warning("IT policy: %s", problem)
    gui = args.command is None
    if gui and not _has_display():
        if not args.smoke:
            print(
                "No display found. Run this on a desktop, under xvfb-run, or try --smoke "
                "(which runs off-screen).",
                file=sys.stderr,
            )
            return ExitCode.USAGE
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    if args.command == "restore-previous" and getattr(args, "list", False):
        from desktop.refresh_cli import run as run_refresh

        return run_refresh(args, settings)  # only reads: needs no open live database
    from desktop.open_data import ensure_bundle, first_queries, open_data, recoverer

    ensure_bundle(settings)
    opened = open_data(settings)
    if args.command in ("refresh", "restore-previous", "publish", "fetch-data"):
        from desktop.refresh_cli import run as run_refresh

        opened.store.close()  # the live file is replaced: no connection may hold it (Windows)
        return run_refresh(args, settings)
    holder = [opened]
    try:
        if args.command == "info":
            return first_queries(holder, settings, lambda o: _info(o, settings))
        if args.command == "search":
            text = " ".join(args.text)
            return first_queries(holder, settings, lambda o: _search(o, text, args.json, args.limit))
        from desktop.app import run_gui
        from desktop.logs import install_excepthook, route_qt_messages, watch_for_damage

        install_excepthook(settings.log_file, dialog=not args.smoke and _real_screen())
        watch_for_damage(settings.live_db)
        route_qt_messages()
        return run_gui(settings, opened, smoke=args.smoke, recover=recoverer(holder, settings))
    finally:
        holder[0].store.close()


def _real_screen() -> bool:
    return os.environ.get("QT_QPA_PLATFORM", "") not in ("offscreen", "minimal")
