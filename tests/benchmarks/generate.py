"""Synthetic ORUK 3.0-like services for benchmarks, loaded through the project's import path.

    .venv/bin/python -m tests.benchmarks.generate OUT.sqlite 10000

Deterministic (seeded). Text lengths and term counts resemble real council exports:
names of 2–6 words, descriptions of 40–220 words (a few with HTML), 1–2 categories,
0–4 needs, 1–2 contacts, 1–2 service areas. Only Ofcom drama numbers and example.org.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def _wordlist(text: str) -> list[str]:
    return text.split()


AREAS = [
    "Northgate",
    "Eastfield",
    "Riverside",
    "Oldmarket",
    "Westbrook Hill",
    "Southmere",
    "Tile Green",
    "Ashby Vale",
    "Kingsmoor",
    "Larkfield",
    "Hollins Cross",
    "Marston End",
    "Quarry Bank",
    "Elmstead",
    "Fairhaven",
    "Brook Farm",
    "Stonebridge",
    "Willowmead",
    "Harcourt",
    "Penfold",
    "Ravensholt",
    "Chapel Ash",
    "Dunmore",
    "Greyfriars",
]
CATEGORIES = [("education", "Education"), ("health", "Health"), ("social-care", "Social care")]
NEEDS = [
    ("asd", "Autistic Spectrum Disorder"),
    ("hi", "Hearing impairment"),
    ("vi", "Visual impairment"),
    ("slcn", "Speech language and communication needs"),
    ("semh", "Social emotional and mental health"),
    ("pd", "Physical disabilities"),
    ("ld", "Learning difficulties and disabilities"),
    ("breaks", "Breaks and respite"),
    ("mld", "Moderate learning difficulty"),
    ("pmld", "Profound and multiple learning difficulty"),
    ("spld", "Specific learning difficulty"),
    ("msi", "Multi-sensory impairment"),
]
SERVICE_WORDS = _wordlist(
    "speech language therapy occupational physiotherapy swimming club group support "
    "short breaks respite play scheme holiday youth sensory autism parent carer forum "
    "advice information inclusion outreach nursery school college transition mentoring "
    "counselling wellbeing hearing vision mobility wheelchair dance music drama art "
    "football cycling riding gym tutoring literacy numeracy reading family hub team "
    "service clinic assessment drop-in coffee morning training workshop sibling befriending"
)
FILLER = _wordlist(
    "the a and of to for with in on at by from who can help children young people families "
    "their your our this that service offers provides supports sessions each week term time "
    "trained staff small groups one to one home visits referral needed no referral contact us "
    "book place free charge cost per session funded council health education social care "
    "needs disability plan learning communication behaviour emotional mental health "
    "independence skills confidence friendships activities safe welcoming accessible venue "
    "parking lift toilet changing places quiet room support workers volunteers qualified "
    "therapists assessments advice practical strategies school staff settings nurseries "
    "colleges transport travel training life skills employment apprenticeships"
)
ORG_SUFFIX = [
    "Trust",
    "Charity",
    "Council",
    "NHS Foundation Trust",
    "Community Interest Company",
    "Partnership",
    "Academy Trust",
    "Foundation",
]
PHONE_RANGES = [("0121 496 ", 0, 999, 4), ("020 7946 ", 0, 999, 4), ("01632 960", 0, 999, 3)]


def _phone(rng: random.Random) -> str:
    prefix, lo, hi, width = rng.choice(PHONE_RANGES)
    if rng.random() < 0.2:
        return f"07700 900{rng.randint(0, 999):03d}"
    return f"{prefix}{rng.randint(lo, hi):0{width}d}"


_SYLLABLES = _wordlist(
    "ba ker lin mo ra set ton vi den shaw per cal ro mi ful nes tor gan ley wick"
)
# A long tail of less common words (place names, jargon, names of schemes), Zipf-weighted as in
# real text: without it every word would occur in half the rows and FTS would be unrealistically
# slow. About 8,000 distinct words, as a council directory of this size has.
RARE = sorted({a + b + c for a in _SYLLABLES for b in _SYLLABLES for c in _SYLLABLES})
_RARE_WEIGHTS = [1 / (rank + 1) for rank in range(len(RARE))]
_RARE_CUM = list(itertools.accumulate(_RARE_WEIGHTS))


def _words(rng: random.Random, n: int) -> str:
    out = []
    for _ in range(n):
        roll = rng.random()
        if roll < 0.55:
            out.append(rng.choice(FILLER))
        elif roll < 0.65:
            out.append(rng.choice(SERVICE_WORDS))
        else:
            out.append(rng.choices(RARE, cum_weights=_RARE_CUM)[0])
    return " ".join(out)


def service(n: int, rng: random.Random) -> dict[str, Any]:
    name_words = [rng.choice(SERVICE_WORDS).capitalize() for _ in range(rng.randint(1, 4))]
    area = rng.choice(AREAS)
    if rng.random() < 0.5:
        name_words.insert(0, area)
    name = " ".join([*name_words, rng.choice(["Service", "Group", "Club", "Team", "Project"])])
    sentences = []
    for _ in range(rng.randint(3, 12)):
        sentences.append(_words(rng, rng.randint(8, 20)).capitalize() + ".")
    description = " ".join(sentences)
    if rng.random() < 0.15:
        description = "<p>" + "</p><p>".join(sentences) + "</p>"
    lo = rng.choice([0, 0, 2, 4, 5, 8, 11, 14, 16])
    hi = min(25, lo + rng.choice([3, 5, 8, 11, 14, 19, 25]))
    cats = rng.sample(CATEGORIES, rng.choice([1, 1, 1, 2]))
    needs = rng.sample(NEEDS, rng.choice([0, 1, 1, 2, 3, 4]))
    attributes = [
        {"taxonomy_term": {"id": f"cat-{c}", "code": c, "name": label, "taxonomy": "category"}}
        for c, label in cats
    ] + [
        {"taxonomy_term": {"id": f"need-{c}", "code": c, "name": label, "taxonomy": "send-needs"}}
        for c, label in needs
    ]
    free = rng.random() < 0.55
    areas = [area] + ([rng.choice(AREAS)] if rng.random() < 0.2 else [])
    org = f"{rng.choice(AREAS)} {rng.choice(SERVICE_WORDS).capitalize()} {rng.choice(ORG_SUFFIX)}"
    slug = f"svc-{n:06d}"
    return {
        "id": slug,
        "name": name,
        "description": description,
        "status": "active",
        "url": f"https://example.org/local-offer/{slug}",
        "email": f"{slug}@example.org",
        "minimum_age": lo,
        "maximum_age": hi,
        "last_modified": f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}T10:00:00Z",
        "organization": {"id": f"org-{n % 5000}", "name": org},
        "contacts": [
            {
                "name": rng.choice(["Duty officer", "Team leader", "Reception", ""]),
                "phones": [{"number": _phone(rng)}],
            }
            for _ in range(rng.randint(1, 2))
        ],
        "schedules": [{"description": "Mondays to Fridays, 9am to 5pm"}],
        "service_areas": [{"name": a} for a in dict.fromkeys(areas)],
        "service_at_locations": [
            {
                "location": {
                    "name": f"{area} Centre",
                    "addresses": [
                        {
                            "address_1": f"{rng.randint(1, 200)} High Street",
                            "city": "Brookvale",
                            "postal_code": f"BV{AREAS.index(area) + 1} {rng.randint(1, 9)}"
                            f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}",
                        }
                    ],
                }
            }
        ],
        "cost_options": [{"amount": 0, "amount_description": "Free"}]
        if free
        else [{"amount": rng.choice([5, 8, 12, 25, 40]), "amount_description": "Per session"}],
        "attributes": attributes,
    }


def services(count: int, seed: int = 5) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    for n in range(count):
        yield service(n, rng)


def build(out: Path, count: int, seed: int = 5) -> float:
    """Build a database of ``count`` synthetic services the way bundle.py does. Returns seconds."""
    import sqlite_utils

    from desktop import __version__
    from desktop.data import schema
    from desktop.data.feeds import writer
    from desktop.data.feeds.oruk import NormaliseReport, default_crosswalk, normalise_all
    from desktop.data.feeds.shapes.parts import Context

    start = time.perf_counter()
    out.unlink(missing_ok=True)
    conn = sqlite3.connect(out)
    try:
        db = sqlite_utils.Database(conn)
        with conn:
            schema.create(conn)
            report = NormaliseReport()
            ctx = Context(default_crosswalk(), allow_reserved_emails=True)  # example.org, as the demo
            writer.ServiceWriter(db).add_all(normalise_all(services(count, seed), report, ctx))
            writer.write_meta(
                db,
                {
                    "schema_version": str(schema.SCHEMA_VERSION),
                    "bundle_version": __version__,  # marks the file as this app's (dbcheck)
                    "is_demo": "1",
                    "source": f"synthetic benchmark data ({count} services)",
                    "data_as_of": "2026-11-28",
                },
            )
            writer.finish(db)
    finally:
        conn.close()
    if report.skipped:
        raise SystemExit(f"generator produced unusable records: {report.skipped[:3]}")
    return time.perf_counter() - start


def database(size: int, keep: Path | None, prefix: str = "send-desk-bench-") -> Path:
    """A synthetic database of ``size`` services, reused from ``keep`` when already built."""
    import tempfile

    folder = keep or Path(tempfile.mkdtemp(prefix=prefix))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"bench-{size}.sqlite"
    if not path.exists():
        build(path, size)
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("count", type=int)
    args = parser.parse_args()
    seconds = build(args.out, args.count)
    size = args.out.stat().st_size / 1e6
    print(f"{args.count} services → {args.out} in {seconds:.1f} s ({size:.0f} MB)")


if __name__ == "__main__":
    main()
