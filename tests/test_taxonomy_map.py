"""The category and needs crosswalk (resources/taxonomy-map.toml, needs-map.toml)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from desktop.data.feeds import taxonomy
from desktop.data.records import CATEGORY_NAMES, NEED_AREAS

CATEGORIES = tomllib.loads(taxonomy.CATEGORY_MAP.read_text(encoding="utf-8"))
NEEDS = tomllib.loads(taxonomy.NEEDS_MAP.read_text(encoding="utf-8"))["needs"]
WALK = taxonomy.load()


def entries(data: dict, kind: str) -> list[tuple[str, str]]:
    return [(target, value) for target, table in data.items() for value in table.get(kind, [])]


def test_the_maps_name_only_the_apps_categories_and_areas() -> None:
    assert set(CATEGORIES) == set(CATEGORY_NAMES)
    assert set(NEEDS) == set(NEED_AREAS)


# -- every entry of the built-in files does what it says --------------------------------------
@pytest.mark.parametrize(("category", "name"), entries(CATEGORIES, "names"))
def test_every_category_name_maps_to_its_category(category: str, name: str) -> None:
    assert category in WALK.category_of(name)
    slug = taxonomy.key(name).replace(" ", "-")
    assert category in WALK.category_of("", slug=slug)  # the same term given as a slug


@pytest.mark.parametrize(("category", "letter"), entries(CATEGORIES, "airs"))
def test_every_airs_letter_maps_codes_under_it(category: str, letter: str) -> None:
    assert category in WALK.category_of("Some AIRS term", code=f"{letter}X-1000.1500")
    assert category in WALK.category_of("Top level", code=letter)


@pytest.mark.parametrize(("category", "word"), entries(CATEGORIES, "keywords"))
def test_every_category_keyword_matches_as_a_whole_word(category: str, word: str) -> None:
    assert category in WALK.category_of(f"Local {word} for families")
    assert category in WALK.category_from_text(f"Brookvale {word.upper()}")


@pytest.mark.parametrize(("area", "name"), entries(NEEDS, "names"))
def test_every_need_name_is_a_need_in_its_area(area: str, name: str) -> None:
    assert WALK.is_need(name)
    assert area in WALK.need_areas(name)


@pytest.mark.parametrize(("area", "code"), entries(NEEDS, "codes"))
def test_every_need_code_is_a_need_in_its_area(area: str, code: str) -> None:
    assert WALK.is_need("", code.lower())
    assert area in WALK.need_areas("", code)


@pytest.mark.parametrize(("area", "word"), entries(NEEDS, "keywords"))
def test_every_need_keyword_places_a_need_in_its_area(area: str, word: str) -> None:
    assert area in WALK.need_areas(f"Children with {word} needs")


# -- real-world terms -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "code", "expected"),
    [
        ("Things to do", "", {"short-breaks"}),
        ("things-to-do", "", {"short-breaks"}),
        ("Health & Well-being", "", {"health"}),
        ("Childcare and Early Years", "", {"childcare"}),
        ("Swimming lessons", "", {"short-breaks"}),
        ("Breaks and respite", "", {"short-breaks", "social-care"}),
        ("Sport", "LR-8000.0500", {"health"}),  # an exact code wins over keywords
        ("Post-16 options", "", {"adulthood"}),
        ("Money, benefits and housing", "", {"family-support"}),
        ("Education", "education", {"education"}),
        ("Transport", "", set()),
        ("Special educational needs and disabilities (SEND)", "", set()),
        ("Autistic Spectrum Disorder (ASD)", "", set()),
        # demo need codes must not be read as AIRS codes ('ld' is not AIRS L)
        ("Learning difficulties and disabilities", "ld", set()),
    ],
)
def test_real_world_terms(name: str, code: str, expected: set[str]) -> None:
    assert set(WALK.category_of(name, code)) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Autism", {"communication"}),
        ("Hearing", {"sensory-physical"}),
        ("Sensory and physical needs", {"sensory-physical"}),
        ("Social emotional and mental health", {"semh"}),
        ("Moderate learning difficulty", {"cognition"}),
        ("Visual and / or hearing impediment", {"sensory-physical"}),
    ],
)
def test_real_world_needs(name: str, expected: set[str]) -> None:
    assert set(WALK.need_areas(name)) == expected


def test_general_terms_are_not_needs_and_unknown_needs_have_no_area() -> None:
    assert not WALK.is_need("Things to do")
    assert not WALK.is_need("Breaks and respite")
    assert WALK.need_areas("Rare condition X") == ()


# -- an IT team's extra file ----------------------------------------------------------------
def test_an_extra_file_adds_entries(tmp_path: Path) -> None:
    extra = tmp_path / "ours.toml"
    extra.write_text(
        '[short-breaks]\nnames = ["Brookvale Buzz"]\n'
        '[needs.cognition]\nnames = ["Processing needs"]\n',
        encoding="utf-8",
    )
    walk = taxonomy.load([extra])
    assert walk.category_of("Brookvale buzz") == ("short-breaks",)
    assert walk.need_areas("Processing needs") == ("cognition",)
    assert WALK.category_of("Brookvale buzz") == ()  # the built-in map is unchanged
    assert not walk.problems


@pytest.mark.parametrize(
    "text",
    [
        "[sport]\nnames = ['x']\n",  # not a category
        "[health]\nnames = 'not a list'\n",
        "[needs.hearing]\nnames = ['x']\n",  # not an area
        "[health\n",  # broken TOML
        "x = " + "[" * 3000 + "]" * 3000 + "\n",  # nested too deeply for the parser
    ],
)
def test_a_bad_extra_file_is_reported_and_left_out(tmp_path: Path, text: str) -> None:
    extra = tmp_path / "bad.toml"
    extra.write_text(text, encoding="utf-8")
    walk = taxonomy.load([extra])
    assert len(walk.problems) == 1 and "bad.toml" in walk.problems[0]
    assert walk.category_of("Things to do") == ("short-breaks",)  # the built-ins still work


def test_a_missing_or_special_extra_path_is_reported(tmp_path: Path) -> None:
    walk = taxonomy.load([tmp_path / "missing.toml", tmp_path, ""])
    assert len(walk.problems) == 2 and all("not a file" in p for p in walk.problems)


def test_the_policy_names_the_extra_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.config import read_policy

    ini = tmp_path / "policy.ini"
    ini.write_text("[Policy]\nTaxonomyMapFile = \\\\share\\ours.toml \n", encoding="utf-8")
    monkeypatch.setenv("SEND_DESK_POLICY", str(ini))
    assert read_policy().taxonomy_map_file == "\\\\share\\ours.toml"


def test_the_built_in_maps_are_where_the_app_keeps_resources_and_ship_frozen() -> None:
    from desktop.config import resources_dir, source_root

    assert resources_dir() == taxonomy.RESOURCES  # from a checkout; frozen: sys._MEIPASS
    spec = (source_root() / "build_installer.spec").read_text(encoding="utf-8")
    for path in (taxonomy.CATEGORY_MAP, taxonomy.NEEDS_MAP):
        assert f'RESOURCES / "{path.name}"' in spec
