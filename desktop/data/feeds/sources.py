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
from urllib.parse import urlencode, urlsplit

from desktop.data.feeds.fetch import FetchCancelled, Fetcher, FetchError, Limits, check_url
from desktop.data.feeds.jsonstream import JsonItems, JsonShapeError
from desktop.data.feeds.tabular import PackageError, services_from_package

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
)


class SourceError(Exception):
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


@dataclass
class Source:
    """One place to read from, with its limits, a progress callback and a cancel check."""

    location: str
    limits: Limits = field(default_factory=Limits)
    on_progress: Callable[[Progress], None] = lambda p: None
    cancelled: Callable[[], bool] = lambda: False
    fetch_details: bool = True
    warnings: list[str] = field(default_factory=list)
    progress: Progress = field(default_factory=Progress)

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

    def _tick(self, **changes: Any) -> None:
        for key, value in changes.items():
            setattr(self.progress, key, value)
        if self.cancelled():
            raise Cancelled()
        self.on_progress(self.progress)

    # -- files ---------------------------------------------------------------------------------
    def _file(self, path: Path) -> Iterator[dict[str, Any]]:
        if not path.exists():
            raise SourceError(f"There is no file or folder at {path}: check the name.")
        if not (path.is_file() or path.is_dir()):  # a FIFO or a device would block or never end
            raise SourceError(
                f"{path} is not an ordinary file or folder: choose the export itself."
            )
        if path.is_dir() or path.suffix.lower() == ".zip":
            try:
                for n, service in enumerate(
                    services_from_package(path, self.limits.max_total_bytes), 1
                ):
                    if n % 500 == 0:
                        self._tick(services=n)
                    yield service
            except PackageError as exc:
                raise SourceError(f"{path.name} cannot be used: {exc}.") from exc
            return
        if path.stat().st_size > self.limits.max_total_bytes:
            raise SourceError(f"{path.name} is larger than the size limit; ask IT to raise it.")
        with open(path, encoding="utf-8-sig", errors="replace") as stream:
            items = JsonItems(stream, self.limits.max_record_chars)
            n = 0
            try:
                for n, service in enumerate(items, 1):
                    if n % 500 == 0:
                        self._tick(services=n)
                    yield service
            except JsonShapeError as exc:
                raise SourceError(f"{path.name} cannot be used: {exc}.") from exc
        self._tick(pages_done=max(1, len(items.envelopes)), services=n)

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

    def _parse_page(self, body: bytes, url: str) -> tuple[list[Any], dict[str, Any] | None]:
        items = JsonItems(
            io.StringIO(body.decode("utf-8-sig", errors="replace")), self.limits.max_record_chars
        )
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
            url = f"{base}/services/{item['id']}"
            try:
                body = fetcher.get(url)
                document = json.loads(body.decode("utf-8-sig", errors="replace"))
            except FetchError as exc:
                return id(item), None, str(exc)
            except ValueError:
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
    value = _first(envelope, "total_pages", "totalPages")
    return value if isinstance(value, int) and value >= 0 else None


def _is_last(envelope: dict[str, Any] | None, page: int, total: int | None) -> bool:
    if _first(envelope, "last_page", "last") is True:
        return True
    return total is not None and page >= total
