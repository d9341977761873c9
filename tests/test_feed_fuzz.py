"""Fuzzing the feed readers: whatever the structure or values, a record is imported or
skipped with a reason — the readers never raise (issue 11 item 3).

Examples are kept few so the normal suite stays fast; hypothesis remembers failures.
"""

from __future__ import annotations

import copy
import io
import json
import math
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.data.feeds import detect
from desktop.data.feeds.jsonstream import JsonItems, JsonShapeError
from desktop.data.feeds.oruk import SHAPES, Normaliser
from desktop.data.feeds.record import ServiceRecord, SkippedValue, SkipRecord
from desktop.data.feeds.sources import Source, SourceError

FEEDS = Path(__file__).parent / "data" / "feeds"
FAST = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
KEYS = sorted(set().union(*(s.known for s in SHAPES.values()), detect.PLACECUBE_KEYS))
CHILD_KEYS = [
    "name", "id", "number", "extension", "phone", "email", "url", "label", "amount", "option",
    "cost_type", "latitude", "longitude", "geometry", "coordinates", "address_1", "postal_code",
    "city", "mask_exact_address", "taxonomy_term", "taxonomy", "location", "addresses",
    "physical_addresses", "minimum_age", "maximum_age", "weekday", "opens_at", "closes_at",
    "byday", "freq", "question", "answer", "survey_answers", "description", "audienceType",
]  # fmt: skip

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(["", "-1", "NaN", "0121 496 0123 x12", "a@example.org", "\ud83d", "<b>x</b>"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(CHILD_KEYS), inner, max_size=5),
    ),
    max_leaves=25,
)
records = st.dictionaries(st.sampled_from(KEYS), values, max_size=12)


def normalise(raws: list[Any]) -> tuple[list[ServiceRecord], Normaliser]:
    normaliser = Normaliser()
    return list(normaliser.records(raws)), normaliser


def assert_accounted(raws: list[Any], kept: list[ServiceRecord], normaliser: Normaliser) -> None:
    report = normaliser.report
    assert report.read == len(raws)
    assert report.kept + report.hidden + report.skipped_count == len(raws)
    assert len(kept) == report.kept
    assert all(reason.strip() for reason in report.skipped)
    for record in kept:
        assert record.id and record.name and isinstance(record.description, str)
        for cost in record.costs:
            assert cost.amount is None or math.isfinite(cost.amount)
        for age in (record.min_age, record.max_age):
            assert age is None or 0 <= age <= 120
        text = json.dumps([record.name, record.description, record.organisation])
        text.encode("utf-8")  # no lone surrogates reach the database


@pytest.mark.parametrize("shape", sorted(SHAPES))
@settings(FAST, max_examples=20)
@given(records)
def test_each_reader_reads_or_skips_any_record(shape: str, raw: dict[str, Any]) -> None:
    normaliser = Normaliser()
    try:
        record = SHAPES[shape].read(raw, normaliser.ctx)
    except SkipRecord as exc:
        assert str(exc)
    else:
        normaliser.report.read = normaliser.report.kept = 1
        assert_accounted([raw], [record], normaliser)


@FAST
@given(st.lists(st.one_of(records, values), max_size=5))
def test_any_structure_is_imported_or_skipped_with_a_reason(raws: list[Any]) -> None:
    kept, normaliser = normalise(raws)
    assert_accounted(raws, kept, normaliser)


def fixture_records() -> list[dict[str, Any]]:
    found = []
    for path in sorted(FEEDS.glob("*/services.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        found += [
            r for r in document.get("contents", document.get("content", [])) if isinstance(r, dict)
        ]
    return found


FIXTURE_RECORDS = fixture_records()


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, child in value.items():
            found += paths(child, (*prefix, key))
    elif isinstance(value, list):
        for n, child in enumerate(value):
            found += paths(child, (*prefix, n))
    return found


@FAST
@given(st.data())
def test_any_value_anywhere_in_a_real_record_is_imported_or_skipped(data: st.DataObject) -> None:
    raw = copy.deepcopy(data.draw(st.sampled_from(FIXTURE_RECORDS)))
    for _ in range(data.draw(st.integers(1, 4))):
        where = data.draw(st.sampled_from(paths(raw) or [("id",)]))
        target = raw
        for step in where[:-1]:
            target = target[step]
        target[where[-1]] = data.draw(values)
    kept, normaliser = normalise([raw])
    assert_accounted([raw], kept, normaliser)


@FAST
@given(st.text(max_size=300))
def test_any_text_is_services_or_one_sentence(text: str) -> None:
    try:
        items = list(JsonItems(io.StringIO(text)))
    except JsonShapeError as exc:
        assert str(exc)
    else:
        kept, normaliser = normalise(items)
        assert_accounted(items, kept, normaliser)


PACKAGES = {
    "hsds3": {"phones.csv": "id,service_id,number", "taxonomy_terms.csv": "id,name,parent_id",
              "attributes.csv": "link_id,taxonomy_term_id", "addresses.csv": "location_id,postal_code"},
    "hsds11": {"phones.csv": "id,location_id,number", "taxonomy.csv": "id,name,parent_id",
               "services_taxonomy.csv": "service_id,taxonomy_id",
               "services_at_location.csv": "service_id,location_id"},
}  # fmt: skip


@pytest.mark.parametrize("tables", PACKAGES.values(), ids=PACKAGES.keys())
@FAST
@given(st.lists(st.sampled_from(['"', ",", "\n", "x", "\r", "é", "0121 496 0123"]), max_size=60))
def test_any_csv_package_is_services_or_one_sentence(
    tmp_path_factory: Any, tables: dict[str, str], pieces: list[str]
) -> None:
    path = tmp_path_factory.mktemp("csv") / "p.zip"
    body = "".join(pieces)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("services.csv", "id,name,description\n" + body)
        for name, header in tables.items():
            archive.writestr(name, header + "\n" + body)
    try:
        raws = list(Source(str(path)).services())
    except SourceError as exc:
        assert str(exc).endswith(".")
        return
    kept, normaliser = normalise(raws)
    assert_accounted(raws, kept, normaliser)
    assert all(isinstance(r, dict | SkippedValue) for r in raws)
