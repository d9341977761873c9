"""The demo Local Offer: reproducible from its generator, and exercising every new field."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from desktop.data.feeds.oruk import Normaliser, default_crosswalk, page_items
from desktop.data.feeds.record import CATEGORY, NEED_AREA, ServiceRecord
from desktop.data.feeds.shapes.parts import Context
from desktop.data.records import CATEGORY_NAMES, NEED_AREAS

DEMO = Path(__file__).resolve().parents[1] / "resources" / "demo"


def generator():  # resources/demo/make_demo.py is a script, not a package module
    spec = importlib.util.spec_from_file_location("make_demo", DEMO / "make_demo.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def records() -> list[ServiceRecord]:
    document = json.loads((DEMO / "local-offer.json").read_text(encoding="utf-8"))
    ctx = Context(default_crosswalk(), allow_reserved_emails=True)  # as the bundle reads it
    return list(Normaliser(ctx).records(page_items(document)))


def test_the_generator_reproduces_the_committed_file() -> None:
    built = generator().build()
    text = json.dumps(built, indent=1, ensure_ascii=False) + "\n"
    assert text == (DEMO / "local-offer.json").read_text(encoding="utf-8")


def test_the_demo_exercises_every_field_advisers_use() -> None:
    demo = records()
    assert len(demo) == 69
    terms = {t.id: t for r in demo for t in r.terms}
    assert {t.code for t in terms.values() if t.vocabulary == CATEGORY} == set(CATEGORY_NAMES)
    assert {t.code for t in terms.values() if t.vocabulary == NEED_AREA} == set(NEED_AREAS)
    statements = [r for r in demo if r.send_statement]
    assert len(statements) >= 10 and sum(len(r.send_answers) for r in statements) >= 15
    assert all(r.send_link.startswith("https://example.org/") for r in statements)
    units = {c.unit for r in demo for c in r.costs if c.unit}
    assert {"per day", "per half day", "per hour"} <= units
    labelled = [p for r in demo for c in r.contacts for p in c.phones if p.label]
    assert {"Textphone", "Helpline", "Out of hours"} <= {p.label for p in labelled}
    assert any(p.extension for p in labelled)
    assert any(len(c.phones) >= 2 for r in demo for c in r.contacts)
    masked = [loc for r in demo for loc in r.locations if loc.masked]
    assert len(masked) == 2 and all(loc.postcode and not loc.address for loc in masked)
    assert sum(bool(r.accessibility) for r in demo) >= 10
    assert {"British Sign Language", "Urdu"} <= {lang for r in demo for lang in r.languages}
    assert sum(bool(r.alerts) for r in demo) == 2
    assert sum(bool(r.assured_date) for r in demo) >= 15
    assert not [d for r in demo for d in r.dropped]  # the demo is clean data


def test_the_demo_stays_fictional() -> None:
    text = (DEMO / "local-offer.json").read_text(encoding="utf-8")
    extras = (DEMO / "demo_extras.py").read_text(encoding="utf-8")
    assert "Brookvale" in text and "@" not in extras
    emails = {r.email for r in records() if r.email}
    assert emails and all(e.endswith("@example.org") for e in emails)
