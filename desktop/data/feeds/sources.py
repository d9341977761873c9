"""Where a refresh reads its services from: an ORUK API, a JSON file, or an HSDS CSV package.

Each source yields raw service objects (dicts, not yet normalised) and reports progress
through a callback. All of them stop with ``SourceError`` (one sentence for the user)
or ``Cancelled``; none of them writes anything.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from desktop.data.feeds import detect
from desktop.data.feeds.fetch import FetchCancelled, Fetcher, FetchError, Limits, check_url
from desktop.data.feeds.jsonstream import JsonItems, JsonShapeError
from desktop.data.feeds.shapes import hsds11_csv, hsds_csv
from desktop.data.feeds.tabular import PackageCancelled, PackageError, PackageLimits, open_package
from desktop.errors import UserError

# Child arrays whose presence shows a list item already carries the service's detail.
DETAIL_KEYS = (
    "contacts",
    "service_at_locations",
    "attributes",
    "service_taxonomys",
    "cost_options",
    "schedules",
    "regular_schedules",
    "eligibilitys",
    "service_areas",
    "phones",
    "locations",  # Outpost
    "taxonomies",
    "send_needs",
    "local_offer",
)


class SourceError(UserError):
    """The source cannot be read; the message says what went wrong and what to do."""


class Cancelled(Exception):
    """The user cancelled the refresh."""


@dataclass
class Progress:
    pages_done: int = 0
    pages_total: int | None = None
    services: int = 0
    details_done: int = 0
    details_total: int = 0
    bytes_read: int = 0
    message: str = ""

    def describe(self) -> str:
        """How far the read is, in words, for the dialog and the command line alike:
        'Page 3 of 10: 1,234 services read; details 4 of 5; 1.2 MB'."""
        text = f"{self.services:,} services read"
        if self.pages_done:
            of = f" of {self.pages_total}" if self.pages_total else ""
            text = f"Page {self.pages_done}{of}: {text}"
        if self.details_total:
            text += f"; details {self.details_done} of {self.details_total}"
        if self.bytes_read:
            text += f"; {self.bytes_read / 1048576:.1f} MB"
        return text


@dataclass
class Source:
    """One place to read from, with its limits, a progress callback and a cancel check."""

    location: str
    limits: Limits = field(default_factory=Limits)
    on_progress: Callable[[Progress], None] = lambda p: None
    cancelled: Callable[[], bool] = lambda: False
    fetch_details: bool = True
    taxonomy_map_file: str = ""  # policy TaxonomyMapFile: extra crosswalk entries
    allow_reserved_emails: bool = False  # only the bundled demo data uses example.org
    package_limits: PackageLimits | None = None  # CSV packages: rows, expansion, field size
    warnings: list[str] = field(default_factory=list)
    progress: Progress = field(default_factory=Progress)
    # What reading found out, for the refresh and its report:
    shape_hint: str = ""  # a CSV package's shape (detect.HSDS3_CSV / HSDS11_CSV), or ''
    modified: str = ""  # ISO date of the file, the package's newest table or the server's Last-Modified
    listed_total: int | None = None  # how many services the feed says it has (envelope totals)
    more_pages: bool = False  # the last page read says more pages follow
    _envelope_keys: set[str] = field(default_factory=set, repr=False)
    _hint_keys: set[str] | None = field(default=None, repr=False)
    _hint: str = field(default="", repr=False)

    def envelope_hint(self) -> str:
        """A CSV package's shape, else the one the page envelopes seen so far suggest, else ''."""
        if self.shape_hint:
            return self.shape_hint
        keys = self._envelope_keys
        if keys is not self._hint_keys:  # asked once per record: work it out once per page
            self._hint_keys, self._hint = keys, detect.shape_of_envelope(keys)
        return self._hint

    @property
    def is_url(self) -> bool:
        return urlsplit(self.location).scheme.lower() in {"http", "https"}

    @property
    def label(self) -> str:
        return self.location if self.is_url else Path(self.location).name

    def services(self) -> Iterator[dict[str, Any]]:
        try:
            if self.is_url:
                yield from self._api()
            else:
                yield from self._file(Path(self.location))
        except FetchCancelled as exc:
            raise Cancelled() from exc
        except FetchError as exc:
            raise SourceError(str(exc)) from exc
        except OSError as exc:  # reading a file or folder: not there, not allowed, unreadable
            if self.is_url:
                raise
            raise SourceError(
                f"{self.label} cannot be read ({exc.strerror or exc}): check that it is there "
                "and that you may open it."
            ) from exc

    def _tick(self, **changes: Any) -> None:
        for key, value in changes.items():
            setattr(self.progress, key, value)
        if self.cancelled():
            raise Cancelled()
        self.on_progress(self.progress)

    # -- files ---------------------------------------------------------------------------------
    def _file(self, path: Path) -> Iterator[dict[str, Any]]:
        if "://" in self.location and not path.exists():  # ftp://…, file://…: not a file name
            check_url(self.location)
        if not path.exists():
            raise SourceError(f"There is no file or folder at {path}: check the name.")
        if not (path.is_file() or path.is_dir()):  # a FIFO or a device would block or never end
            raise SourceError(
                f"{path} is not an ordinary file or folder: choose the export itself."
            )
        if path.is_dir() or path.suffix.lower() == ".zip":
            yield from self._package(path)
            return
        if not path.is_file():
            raise SourceError(f"{path.name} is not a file the app can read.")
        if path.stat().st_size > self.limits.max_total_bytes:
            raise SourceError(f"{path.name} is larger than the size limit; ask IT to raise it.")
        self.modified = _file_date(path)
        with open(path, "rb") as binary:
            encoding = _json_encoding(binary.read(4))
            binary.seek(0)
            stream = io.TextIOWrapper(binary, encoding=encoding, errors="replace")
            items = JsonItems(stream, self.limits.max_record_chars)
            n = 0
            try:
                for n, service in enumerate(items, 1):
                    self._envelope_keys = items.current_keys
                    if n % 500 == 0:
                        self._tick(services=n)
                    yield service
            except JsonShapeError as exc:
                raise SourceError(f"{path.name} cannot be used: {_sentence(str(exc))}") from exc
        self._note_envelopes(items.envelopes, n)
        self._tick(pages_done=max(1, len(items.envelopes)), services=n)

    def _package(self, path: Path) -> Iterator[dict[str, Any]]:
        limits = self.package_limits or PackageLimits(max_bytes=self.limits.max_total_bytes)
        try:
            with open_package(path, limits, self.cancelled) as package:
                self.shape_hint = detect.shape_of_package(package.names)
                self.modified = package.modified or _file_date(path)
                joiner = hsds11_csv if self.shape_hint == detect.HSDS11_CSV else hsds_csv
                for n, service in enumerate(joiner.services(package), 1):
                    if n % 500 == 0:
                        self._tick(services=n)
                    yield service
                self.warnings.extend(f"{path.name}: {w}." for w in package.warnings)
        except PackageError as exc:
            raise SourceError(f"{path.name} cannot be used: {_sentence(str(exc))}") from exc
        except PackageCancelled as exc:
            raise Cancelled() from exc

    def _note_envelopes(self, envelopes: list[dict[str, Any]], read: int) -> None:
        """Record the feed's own count and whether its last page says more follow (partial files)."""
        totals = [t for e in envelopes if (t := _total_items(e)) is not None]
        if totals:
            self.listed_total = max(totals)
        if envelopes and _first(envelopes[-1], "last_page", "last") is False:
            self.more_pages = True

    # -- API -----------------------------------------------------------------------------------
    def _api(self) -> Iterator[dict[str, Any]]:
        base = check_url(self.location.rstrip("/"))
        if base.endswith("/services"):
            base = base[: -len("/services")]
        fetcher = Fetcher(self.limits, self.cancelled)
        seen_pages: dict[str, int] = {}
        page = 1
        while True:
            if page > self.limits.max_pages:
                raise SourceError(
                    f"The feed has more than {self.limits.max_pages:,} pages; ask IT to raise the limit."
                )
            query = urlencode({"page": page, "per_page": self.limits.per_page})
            url = f"{base}/services?{query}"
            body = fetcher.get(url)
            items, envelope = self._parse_page(body, url)
            digest = hashlib.sha256(
                json.dumps([i.get("id") for i in items if isinstance(i, dict)]).encode()
            ).hexdigest()
            if items and digest in seen_pages:
                raise SourceError(
                    f"The feed returns the same services on page {page} as on page "
                    f"{seen_pages[digest]} (a page loop): tell the publisher, or use a file."
                )
            seen_pages[digest] = page
            total = _total_pages(envelope)
            if envelope is not None:
                self._envelope_keys = set(envelope)
                if page == 1:
                    self.listed_total = _total_items(envelope)
            yield from self._with_details(items, base, fetcher)
            self._tick(
                pages_done=page,
                pages_total=total,
                services=self.progress.services + len(items),
                bytes_read=fetcher.bytes_read,
            )
            if not items:
                if total is not None and page <= total:
                    self.warnings.append(
                        f"The feed said it had {total} pages but page {page} was empty; "
                        "stopped there."
                    )
                break
            if _is_last(envelope, page, total):
                break
            if envelope is None:
                self.warnings.append("The feed has no page information; read its first page only.")
                break
            page += 1
        self.modified = fetcher.last_modified

    def _parse_page(self, body: bytes, url: str) -> tuple[list[Any], dict[str, Any] | None]:
        text = body.decode(_json_encoding(body[:4]), errors="replace")
        items = JsonItems(io.StringIO(text), self.limits.max_record_chars)
        try:
            services = list(items)
        except JsonShapeError as exc:
            raise SourceError(
                f"The feed at {url} did not send services ({exc}): check the address, or use a file."
            ) from exc
        return services, (items.envelopes[0] if items.envelopes else None)

    def _with_details(
        self, items: list[Any], base: str, fetcher: Fetcher
    ) -> Iterator[dict[str, Any]]:
        if not self.fetch_details:
            yield from items
            return
        bare = [
            i
            for i in items
            if isinstance(i, dict) and i.get("id") and not any(k in i for k in DETAIL_KEYS)
        ]
        if not bare:
            yield from items
            return
        self.progress.details_total += len(bare)
        detailed: dict[int, dict[str, Any]] = {}

        def one(item: dict[str, Any]) -> tuple[int, dict[str, Any] | None, str]:
            url = f"{base}/services/{quote(str(item['id']), safe='')}"
            try:
                body = fetcher.get(url)
                document = json.loads(body.decode("utf-8-sig", errors="replace"))
            except FetchError as exc:
                return id(item), None, str(exc)
            except (ValueError, RecursionError):
                return id(item), None, f"{url} did not send JSON"
            if not isinstance(document, dict) or not document.get("id"):
                return id(item), None, f"{url} did not send a service"
            return id(item), document, ""

        with ThreadPoolExecutor(max_workers=self.limits.detail_workers) as pool:
            futures = [pool.submit(one, item) for item in bare]
            try:
                for future in futures:
                    key, document, problem = future.result()
                    if problem:
                        self.warnings.append(f"Used the list entry only: {problem}")
                    elif document is not None:
                        detailed[key] = document
                    self._tick(details_done=self.progress.details_done + 1)
            except BaseException:
                for future in futures:
                    future.cancel()
                raise
        for item in items:
            yield detailed.get(id(item), item)


def _first(envelope: dict[str, Any] | None, *keys: str) -> Any:
    if not envelope:
        return None
    for key in keys:
        if key in envelope:
            return envelope[key]
    for nested in ("pagination", "meta"):
        if isinstance(envelope.get(nested), dict):
            for key in keys:
                if key in envelope[nested]:
                    return envelope[nested][key]
    return None


def _total_pages(envelope: dict[str, Any] | None) -> int | None:
    value = _first(envelope, "total_pages", "totalPages", "totalpages")
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _total_items(envelope: dict[str, Any] | None) -> int | None:
    value = _first(envelope, "total_items", "totalElements", "totalelements")
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _sentence(text: str) -> str:
    """Text ending with exactly one full stop (a message may already end with one)."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _file_date(path: Path) -> str:
    import datetime as dt

    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime).date().isoformat()
    except (OSError, ValueError, OverflowError):
        return ""


def _json_encoding(head: bytes) -> str:
    """UTF-8 unless the first bytes show UTF-32 or UTF-16 (a byte-order mark or zero bytes)."""
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "utf-32"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if len(head) == 4 and head[:3] == b"\x00\x00\x00":
        return "utf-32-be"
    if len(head) == 4 and head[1:] == b"\x00\x00\x00":
        return "utf-32-le"
    if len(head) >= 2 and head[0] == 0:
        return "utf-16-be"
    if len(head) >= 2 and head[1] == 0:
        return "utf-16-le"
    return "utf-8-sig"


def _is_last(envelope: dict[str, Any] | None, page: int, total: int | None) -> bool:
    if _first(envelope, "last_page", "last") is True:
        return True
    return total is not None and page >= total
