"""One reader per shape real council feeds take; ``detect`` says which a feed is.

A shape is a name, a label for the report, the top-level fields its reader understands
(others are counted as unknown in the coverage report) and ``read(raw, ctx)`` →
``ServiceRecord``. Adding a shape is one module with a ``SHAPE``, its fixture and its tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from desktop.data.feeds.record import ServiceRecord
from desktop.data.feeds.shapes.parts import Context


@dataclass(frozen=True)
class Shape:
    name: str  # 'outpost'
    label: str  # 'Outpost / Scout directory (Open Referral 1.0-style API)'
    read: Callable[[dict[str, Any], Context], ServiceRecord]
    known: frozenset[str]
