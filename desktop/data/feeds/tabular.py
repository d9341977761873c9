"""A tabular data package (a .zip or a folder of CSV files), read safely and as a stream.

Nothing is extracted to disk and no file is held whole in memory: each CSV is read row by
row (``csv.reader`` over ``ZipFile.open`` or the open file). Limits stop hostile or broken
packages before they cost the laptop its memory (reliability review F6):

- the uncompressed total may not pass ``max_bytes``, and a member that expands more than
  ``max_ratio`` times (a zip bomb) is refused;
- a table may hold at most ``max_rows`` rows and a field at most ``max_field_chars``
  characters (a longer field, or a quote that is never closed, skips that row);
- a path leaving the package (``../``, absolute), two files of the same name, or the same
  table in two folders is refused; password-protected members and compression methods
  Python cannot read are reported; a folder's links to other files are not followed.

The HSDS 3.0 and 1.1 joiners (``shapes/hsds_csv.py``, ``shapes/hsds11_csv.py``) read child
tables with ``table()`` and stream ``services.csv`` with ``rows()``.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import os
import stat
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from desktop.data.feeds.record import SkippedValue

READABLE_COMPRESSION = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
SERVICES = "services.csv"
CANCEL_EVERY = 2000  # rows between checks of Cancel (a few milliseconds of reading)
REQUIRED = {SERVICES: ("id", "name")}


class PackageError(Exception):
    """The package cannot be read; the message says what is wrong (a phrase, no final stop:
    ``sources`` puts it into the SourceError sentence the user reads)."""


class PackageCancelled(Exception):
    """The user cancelled while a table was being read."""


@dataclass(frozen=True)
class PackageLimits:
    max_bytes: int = 300 * 1024 * 1024  # uncompressed, all tables together
    max_rows: int = 200_000  # per table
    max_ratio: float = 100.0  # uncompressed / compressed size of a member over 1 MB
    max_field_chars: int = 1_000_000


@dataclass
class _Member:
    name: str  # lower-case file name ('services.csv')
    shown: str  # as in the package ('export/Services.csv')
    size: int
    info: zipfile.ZipInfo | None = None
    path: Path | None = None


@dataclass
class Package:
    """An open package: its CSV members by lower-case name, and what was noticed on the way."""

    source: Path
    limits: PackageLimits
    members: dict[str, _Member] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    modified: str = ""  # ISO date of the newest member (the export's own date)
    archive: zipfile.ZipFile | None = None
    bytes_read: int = 0
    cancelled: Callable[[], bool] = lambda: False  # checked every CANCEL_EVERY rows

    @property
    def names(self) -> set[str]:
        return set(self.members)

    def has(self, *names: str) -> str:
        """The first of ``names`` the package holds, or ''."""
        return next((n for n in names if n in self.members), "")

    # -- reading ------------------------------------------------------------------------------
    def _open(self, member: _Member) -> IO[bytes]:
        if member.info is not None:
            assert self.archive is not None
            try:
                return self.archive.open(member.info)
            except (NotImplementedError, RuntimeError, zipfile.BadZipFile) as exc:
                raise PackageError(f"{member.shown} cannot be opened ({exc})") from exc
        assert member.path is not None
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        try:
            return os.fdopen(os.open(member.path, flags), "rb")
        except OSError as exc:
            raise PackageError(f"{member.shown} cannot be opened ({exc.strerror or exc})") from exc

    def rows(self, name: str) -> Iterator[dict[str, str] | SkippedValue]:
        """The rows of one table as {lower-case column: stripped value}, streamed.

        A row that cannot be read becomes a ``SkippedValue`` naming its line.
        """
        member = self.members.get(name)
        if member is None:
            return
        csv.field_size_limit(max(self.limits.max_field_chars, 1024))
        with self._open(member) as raw:
            counted = _Counted(raw, self, member.shown)
            text = io.TextIOWrapper(
                io.BufferedReader(counted),  # the layering io documents (raw, buffer, text)
                encoding=_encoding(counted),
                errors="send-desk-cp1252",
                newline="",
            )
            reader = csv.reader(text)
            header = self._header(reader, member)
            if header is None:
                return
            for column in REQUIRED.get(name, ()):
                if column not in header:
                    raise PackageError(f"{member.shown} has no '{column}' column")
            count = 0
            last: tuple[list[str], int, int] | None = None
            while True:
                start = reader.line_num
                try:
                    row = next(reader)
                except StopIteration:
                    break
                except csv.Error as exc:
                    yield SkippedValue(
                        f"{member.shown} line {start + 1}: {exc} (a quote that is never "
                        "closed runs into the next rows)"
                    )
                    continue
                count += 1
                if count % CANCEL_EVERY == 0 and self.cancelled():
                    raise PackageCancelled()
                if count > self.limits.max_rows:
                    raise PackageError(
                        f"{member.shown} has more than {self.limits.max_rows:,} rows, more "
                        "than any Local Offer needs; check the export or ask IT to raise the limit"
                    )
                if last is not None:
                    yield _as_dict(header, last[0])
                last = (row, start + 1, reader.line_num)
            if last is not None:
                yield from _last_row(header, *last, member.shown)

    def _header(self, reader: Any, member: _Member) -> list[str] | None:
        try:
            header = next(reader)
        except StopIteration:
            return None
        except csv.Error as exc:
            raise PackageError(f"the first line of {member.shown} cannot be read ({exc})") from exc
        return [h.strip().lower().lstrip("\ufeff") for h in header]

    def table(self, name: str) -> list[dict[str, str]]:
        """A whole child table (rows with their empty values left out, to save memory)."""
        found: list[dict[str, str]] = []
        bad: list[str] = []
        for row in self.rows(name):
            if isinstance(row, SkippedValue):
                bad.append(row.reason)
            else:
                found.append({k: v for k, v in row.items() if v})
        if bad:
            more = f" and {len(bad) - 1:,} more" if len(bad) > 1 else ""
            self.warnings.append(f"{len(bad):,} rows of {name} could not be read ({bad[0]}{more})")
        return found


class _Counted(io.RawIOBase):
    """A byte stream that counts what it gives against the package's overall budget."""

    def __init__(self, raw: IO[bytes], package: Package, shown: str) -> None:
        self.raw, self.package, self.shown = raw, package, shown
        self.head = self._read(4)

    def _read(self, n: int) -> bytes:
        try:
            return self.raw.read(n)
        except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError) as exc:
            raise PackageError(f"{self.shown} is damaged ({exc}); ask for a new export") from exc
        except OSError as exc:
            raise PackageError(f"{self.shown} cannot be read ({exc.strerror or exc})") from exc

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer)
        if self.head:
            n = min(len(self.head), len(view))
            view[:n], self.head = self.head[:n], self.head[n:]
        else:
            data = self._read(len(view))
            n = len(data)
            view[:n] = data
        self.package.bytes_read += n
        if self.package.bytes_read > self.package.limits.max_bytes:
            raise PackageError(
                f"the data package holds more than {self.package.limits.max_bytes / 1048576:,.0f} MB "
                f"of tables (reading {self.shown}); ask IT to raise the limit"
            )
        return n


def _windows_1252(error: UnicodeError) -> tuple[str, int]:
    """Bytes that are not UTF-8 are read as Windows-1252: Excel's "CSV" on a UK Windows PC
    (so 'Caf\xe9' is 'Café', not 'Caf\ufffd'); the UTF-8 around them stays UTF-8."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return bytes(bad).decode("cp1252", "replace"), error.end


codecs.register_error("send-desk-cp1252", _windows_1252)


def _encoding(stream: _Counted) -> str:
    head = stream.head
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "utf-32"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    return "utf-8-sig"


def _as_dict(header: list[str], row: list[str]) -> dict[str, str]:
    return {k: v.strip() for k, v in zip(header, row, strict=False) if k}


def _last_row(
    header: list[str], row: list[str], first: int, last: int, shown: str
) -> Iterator[dict[str, str] | SkippedValue]:
    """The final row; if a quote was never closed, it swallowed the rest of the file: recover it."""
    for n, value in enumerate(row):
        # An unclosed quote swallows the rest of the file into the row's last field.
        if n != len(row) - 1 or "\n" not in value or last <= first:
            continue
        rest = value.split("\n", 1)[1]
        lines = [line for line in rest.splitlines() if line.count(",") >= max(len(header) - 1, 1)]
        if len(lines) >= 2 or (len(header) > 1 and len(lines) == len(rest.splitlines()) >= 1):
            yield SkippedValue(
                f"{shown} line {first}: a quote in column {n + 1} is never closed; the rows "
                "after it were read on their own"
            )
            reader = csv.reader(io.StringIO(rest, newline=""))
            try:
                for again in reader:
                    if again:
                        yield _as_dict(header, again)
            except csv.Error as exc:  # the recovered rows are broken too: stop there
                yield SkippedValue(f"{shown} after line {first}: {exc}")
            return
    yield _as_dict(header, row)


# -- opening ------------------------------------------------------------------------------------
def _safe_member(name: str) -> PurePosixPath:
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or (path.parts and ":" in path.parts[0]):
        raise PackageError(
            f"the zip file contains an unsafe path ({name[:100]}), so it was not read; "
            "ask the publisher for a clean export"
        )
    return path


def _add(package: Package, member: _Member) -> None:
    other = package.members.get(member.name)
    if other is not None:
        where = "twice" if other.shown.lower() == member.shown.lower() else (
            f"in two places ({other.shown} and {member.shown})"
        )
        raise PackageError(
            f"the package holds {member.name} {where}, so it is not clear which to use; "
            "ask the publisher for one export per file"
        )
    package.members[member.name] = member


def _open_zip(package: Package, archive: zipfile.ZipFile) -> None:
    limits = package.limits
    infos = archive.infolist()
    for info in infos:  # check every path before reading any of them
        _safe_member(info.filename)
    total = 0
    newest: tuple[int, ...] = ()
    for info in infos:
        path = _safe_member(info.filename)
        if info.is_dir() or path.suffix.lower() != ".csv":
            continue
        name, shown = path.name.lower(), info.filename
        total += info.file_size
        if info.file_size > 1_048_576 and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise PackageError(
                f"{shown} would expand {info.file_size / max(info.compress_size, 1):,.0f} times "
                "its packed size, which no real export does (it may be a zip bomb); "
                "ask the publisher for a new export"
            )
        problem = ""
        if info.flag_bits & 0x1:
            problem = "is protected by a password"
        elif info.compress_type not in READABLE_COMPRESSION:
            problem = f"uses a compression method the app cannot read (method {info.compress_type})"
        if problem:
            if name == SERVICES:
                raise PackageError(f"{shown} {problem}; ask for an export without it")
            package.warnings.append(f"{shown} {problem}, so it was not read")
            continue
        _add(package, _Member(name, shown, info.file_size, info=info))
        newest = max(newest, info.date_time)
    if total > limits.max_bytes:
        raise PackageError("the data package is larger than the size limit; ask IT to raise it")
    if newest and newest[0] >= 1990:
        package.modified = dt.date(*newest[:3]).isoformat()


def _open_folder(package: Package, folder: Path) -> None:
    total = 0
    newest = 0.0
    for entry in sorted(folder.iterdir()):
        if entry.suffix.lower() != ".csv":
            continue
        info = entry.lstat()
        if stat.S_ISLNK(info.st_mode):
            if entry.name.lower() == SERVICES:
                raise PackageError(f"{entry.name} is a link to another file; copy the real file in")
            package.warnings.append(f"{entry.name} is a link to another file, so it was not read")
            continue
        if not stat.S_ISREG(info.st_mode):
            continue
        total += info.st_size
        newest = max(newest, info.st_mtime)
        _add(package, _Member(entry.name.lower(), entry.name, info.st_size, path=entry))
    if total > package.limits.max_bytes:
        raise PackageError("the data package is larger than the size limit; ask IT to raise it")
    if newest:
        package.modified = dt.datetime.fromtimestamp(newest).date().isoformat()


@contextmanager
def open_package(
    source: Path,
    limits: PackageLimits | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> Iterator[Package]:
    """The package at ``source`` (a folder or a .zip), open for reading its tables."""
    package = Package(Path(source), limits or PackageLimits(), cancelled=cancelled)
    if package.source.is_dir():
        _open_folder(package, package.source)
        yield from _checked(package)
        return
    try:
        archive = zipfile.ZipFile(package.source)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise PackageError(f"{package.source.name} is not a readable zip file ({exc})") from exc
    with archive:
        package.archive = archive
        _open_zip(package, archive)
        yield from _checked(package)


def _checked(package: Package) -> Iterator[Package]:
    if SERVICES not in package.members:
        raise PackageError("the data package has no services.csv")
    yield package
