"""Reading service objects out of big JSON documents one at a time (pure, stdlib only).

A council export can be hundreds of megabytes; ``json.load`` would hold the whole tree
in memory (several times the file size). This reader walks the text with
``JSONDecoder.raw_decode`` and yields one service object at a time, so memory stays
near one chunk plus one record. It understands the shapes exports come in:

- a bare array of services;
- one page envelope (ORUK 3.0 ``contents`` or ORUK 1.0 ``content``);
- several pages: an array of envelopes, or envelopes one after another (JSON Lines).

Envelope fields other than the list (``total_pages``, ``totalPages``…) are collected
into ``JsonItems.envelopes`` so the caller can follow pagination.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from desktop.data.feeds.record import SkippedValue

LIST_KEYS = ("contents", "content", "items", "data", "services")
PAGE_KEYS = (
    "total_pages", "totalPages", "totalpages", "page_number", "number", "total_items",
    "totalElements", "totalelements",
)  # fmt: skip
CHUNK = 1 << 20
_WS = " \t\r\n"
_STRUCTURE = re.compile(r'[\[\]{}"\\]')
_SCALAR_END = re.compile(r"[,\]}\s]")


class JsonShapeError(Exception):
    """The document is not JSON, or not a shape that holds services. The message says which
    (a phrase: ``sources`` puts it into the SourceError sentence the user reads)."""


@dataclass
class JsonItems:
    stream: IO[str]
    max_record_chars: int = 5_000_000
    envelopes: list[dict[str, Any]] = field(default_factory=list)
    current_keys: set[str] = field(default_factory=set)  # the envelope being streamed
    _buf: str = ""
    _pos: int = 0
    _eof: bool = False
    _decoder: json.JSONDecoder = field(default_factory=json.JSONDecoder)

    # -- buffer --------------------------------------------------------------------------------
    def _more(self) -> bool:
        if self._eof:
            return False
        chunk = self.stream.read(CHUNK)
        if not chunk:
            self._eof = True
            return False
        self._buf = self._buf[self._pos :] + chunk
        self._pos = 0
        return True

    def _peek(self) -> str:
        """The next non-space character ('' at the end), consuming the spaces."""
        while True:
            while self._pos < len(self._buf) and self._buf[self._pos] in _WS:
                self._pos += 1
            if self._pos < len(self._buf):
                return self._buf[self._pos]
            if not self._more():
                return ""

    def _expect(self, chars: str, where: str) -> str:
        char = self._peek()
        if not char or char not in chars:
            found = repr(char) if char else "the end of the file"
            raise JsonShapeError(
                f"broken JSON {where}: expected {' or '.join(chars)}, found {found}"
            )
        self._pos += 1
        return char

    def _value(self, where: str, record: bool = False) -> tuple[Any, int]:
        """Decode the next value, reading more text until it is complete. (value, length).

        A value over the size limit stops the read, or for a record raises ``_TooBig`` so
        the caller can step over it.
        """
        self._peek()
        while True:
            try:
                value, end = self._decoder.raw_decode(self._buf, self._pos)
            except json.JSONDecodeError as exc:
                if len(self._buf) - self._pos > self.max_record_chars:
                    raise (_TooBig() if record else self._too_big(where)) from exc
                if self._more():
                    continue
                raise JsonShapeError(
                    f"broken JSON {where} (it may be cut short): {exc.msg}"
                ) from exc
            except ValueError as exc:  # valid JSON Python will not convert (a 5,000-digit number)
                raise _Refused(str(exc).split(":")[0]) from exc
            else:
                if end == len(self._buf) and self._more():
                    continue  # a number cut by the chunk's end decodes as a shorter one
                size = end - self._pos
                if size > self.max_record_chars:
                    raise _TooBig() if record else self._too_big(where)
                self._pos = end
                return value, size

    def _record(self, where: str) -> Any:
        """The next record, or a SkippedValue when it is valid JSON the decoder refuses."""
        self._peek()
        try:
            return self._value(where, record=True)[0]
        except (RecursionError, _Refused) as exc:
            return self._skip_value(where, exc)
        except _TooBig:
            return self._skip_large(where)

    def _skip_large(self, where: str) -> SkippedValue:
        """Step over a record larger than the limit without holding it: read, scan, discard."""
        skipper = _Skipper()
        while (end := skipper.feed(self._buf, self._pos)) is None:
            self._pos = len(self._buf)  # scanned: _more() drops it
            if not self._more():
                raise JsonShapeError(f"broken JSON {where} (it may be cut short)")
        self._pos = end
        return SkippedValue(f"larger than the limit of {self.max_record_chars:,} characters")

    def _skip_value(self, where: str, exc: BaseException) -> SkippedValue:
        """Step over a value Python's decoder refuses: nested deeper than its recursion limit,
        or an integer of more than 4,300 digits. One such record must not end the whole read.
        """
        while (end := _value_end(self._buf, self._pos)) is None:
            if len(self._buf) - self._pos > self.max_record_chars:
                raise self._too_big(where) from None
            if not self._more():
                raise JsonShapeError(f"broken JSON {where} (it may be cut short)") from exc
        self._pos = end
        why = "it is nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        return SkippedValue(f"cannot be decoded ({why})")

    def _too_big(self, where: str) -> JsonShapeError:
        return JsonShapeError(
            f"a record {where} is larger than the limit of {self.max_record_chars:,} characters"
        )

    # -- shapes --------------------------------------------------------------------------------
    def __iter__(self) -> Iterator[Any]:
        try:
            yield from self._documents()
        except (RecursionError, _Refused) as exc:
            raise JsonShapeError(
                "the file's structure is nested too deeply or holds a number too large to read"
            ) from exc

    def _documents(self) -> Iterator[Any]:
        first = self._peek()
        if first == "\ufeff":
            self._pos += 1
            first = self._peek()
        if not first:
            raise JsonShapeError("the file is empty")
        if first not in "[{":
            raise JsonShapeError(
                "this is not JSON (it looks like "
                + ("a web page" if first == "<" else "something else")
                + ")"
            )
        while first:
            if first == "[":
                yield from self._array()
            elif first == "{":
                yield from self._object()
            else:
                raise JsonShapeError(f"unexpected {first!r} after the first JSON document")
            first = self._peek()

    def _array(self) -> Iterator[Any]:
        """A top-level array: of services, or of page envelopes (each streamed)."""
        self._expect("[", "at the start of a list")
        if self._peek() == "]":
            self._pos += 1
            return
        pages = None  # decided by the first element
        while True:
            if pages is None and self._peek() == "{":
                before = len(self.envelopes)
                yield from self._object(in_list=True)
                pages = len(self.envelopes) > before
            elif pages:
                if self._peek() != "{":
                    raise JsonShapeError("a list of pages holds something that is not a page")
                yield from self._object(in_list=True)
            else:
                pages = False
                yield self._record("in a list")
            if self._expect(",]", "between list items") == "]":
                return

    def _object(self, in_list: bool = False) -> Iterator[Any]:
        """An object: an envelope (stream its list) or a single service."""
        self._expect("{", "at the start of an object")
        envelope: dict[str, Any] = {}
        if not in_list:
            self.current_keys = set()
        streamed = False
        if self._peek() == "}":
            self._pos += 1
        else:
            while True:
                key, _ = self._value("(an object key)")
                if not isinstance(key, str):
                    raise JsonShapeError("broken JSON: an object key is not a string")
                self._expect(":", "after an object key")
                if key in LIST_KEYS and not streamed and self._peek() == "[":
                    streamed = True
                    envelope["_list_key"] = key
                    self.current_keys = set(envelope)
                    yield from self._services_array()
                else:
                    try:
                        envelope[key], _ = self._value(f"in the field {key!r}")
                    except (RecursionError, _Refused) as exc:
                        envelope[key] = self._skip_value(f"in the field {key!r}", exc)
                if self._expect(",}", "between object fields") == "}":
                    break
        if streamed:
            self.envelopes.append(envelope)
            return
        key = _list_key(envelope)
        if key:
            yield from self._from_envelope(envelope)
        elif any(k in envelope for k in PAGE_KEYS):
            envelope["_list_key"] = ""
            self.envelopes.append(envelope)
        elif in_list or "id" in envelope or "name" in envelope:
            broken = [v for v in envelope.values() if isinstance(v, SkippedValue)]
            yield broken[0] if broken else envelope
        else:
            raise JsonShapeError(
                "the JSON holds no list of services (no 'contents' or 'content' list)"
            )

    def _services_array(self) -> Iterator[Any]:
        self._expect("[", "at the start of the services list")
        if self._peek() == "]":
            self._pos += 1
            return
        while True:
            yield self._record("in the services list")
            if self._expect(",]", "between services") == "]":
                return

    def _from_envelope(self, page: dict[str, Any]) -> Iterator[Any]:
        key = _list_key(page)
        items = page.pop(key) if key else []
        page["_list_key"] = key
        self.envelopes.append(page)
        yield from items


def _list_key(document: dict[str, Any]) -> str:
    for key in LIST_KEYS:
        if isinstance(document.get(key), list):
            return key
    return ""


class _Refused(ValueError):
    """Valid JSON that Python's decoder will not convert."""


def _value_end(text: str, pos: int) -> int | None:
    """Where the JSON value starting at ``pos`` ends (just after it), or None if cut short.

    Only brackets, quotes and escapes matter; used to step over values the decoder refuses.
    """
    if pos < len(text) and text[pos] not in '[{"':
        match = _SCALAR_END.search(text, pos)
        return match.start() if match else None
    depth = 0
    in_string = False
    i = pos
    while (match := _STRUCTURE.search(text, i)) is not None:
        char, i = match.group(), match.end()
        if in_string:
            if char == "\\":
                i += 1
            elif char == '"':
                in_string = False
                if depth == 0:
                    return i
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth == 0:
                return i
    return None


class _TooBig(Exception):
    """A record over the size limit (stepped over, not decoded)."""


class _Skipper:
    """Finds the end of one JSON value across chunks, remembering where it was in between."""

    def __init__(self) -> None:
        self.started = False
        self.scalar = False
        self.depth = 0
        self.in_string = False
        self.escaped = False  # a backslash ended the last chunk

    def feed(self, text: str, pos: int) -> int | None:
        if not self.started:
            self.started = True
            self.scalar = pos < len(text) and text[pos] not in '[{"'
        if self.scalar:
            match = _SCALAR_END.search(text, pos)
            return match.start() if match else None
        i = pos
        if self.escaped:
            self.escaped, i = False, i + 1
        while (match := _STRUCTURE.search(text, i)) is not None:
            char, i = match.group(), match.end()
            if self.in_string:
                if char == "\\":
                    if i >= len(text):
                        self.escaped = True
                        return None
                    i += 1
                elif char == '"':
                    self.in_string = False
                    if self.depth == 0:
                        return i
            elif char == '"':
                self.in_string = True
            elif char in "[{":
                self.depth += 1
            elif char in "]}":
                self.depth -= 1
                if self.depth == 0:
                    return i
        return None
