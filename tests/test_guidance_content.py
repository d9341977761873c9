"""Guidance text against the facts sheet: regressions from the legal-accuracy review.

Each test pins a statement that was wrong, unhedged or uncited, so it cannot quietly come
back. Facts-sheet sections are named in each test (/work/shared/domain/facts.md).
"""

from __future__ import annotations

import calendar
import re
import tomllib
from datetime import date, timedelta

import pytest

from desktop.data.guidance import GuidanceError, load_sections, parse_section
from desktop.data.records import GuidanceSection
from desktop.data.store import Store
from tests.conftest import RESOURCES

SECTIONS = {s.id: s for s in load_sections(RESOURCES / "guidance", "2026-11-28")}


def words(section: str) -> str:
    """The body as one line, with bold markers kept (some tests check what is bold)."""
    return re.sub(r"\s+", " ", SECTIONS[section].body)


def plain(section: str) -> str:
    return words(section).replace("**", "")


def cites(section: GuidanceSection, *needles: str) -> bool:
    text = " ".join(section.sources)
    return all(n in text for n in needles)


ORIGINAL = {
    "overview", "talking-to-the-school", "sendiass", "disagreement-resolution", "mediation",
    "mediation-certificate", "tribunal-appeals", "health-and-social-care",
    "disability-discrimination", "ehc-timescales", "complaints-and-ombudsman", "judicial-review",
    "local-offer", "changes-ahead",
}
# Legal review §3.2: new topics, with the ids the route finder links to (guide-rules).
NEW_TOPICS = (
    "exclusions", "naming-a-school", "eotas", "post-16", "personal-budgets", "transport",
    "therapies-in-section-f", "no-decision", "tribunal-procedure",
)


def test_every_section_is_there_with_sources() -> None:
    assert set(SECTIONS) == ORIGINAL | set(NEW_TOPICS)
    for section in SECTIONS.values():
        assert section.sources, section.id


def test_appeal_time_limit_is_received_by_5pm_from_the_date_sent() -> None:
    """Facts §3: r.20(1)(c) 'sent', r.20(1) 'received', r.12(1) 5pm."""
    text = words("tribunal-appeals")
    assert "2 months from the date the decision letter was sent" in text
    assert "1 month from the date the certificate was issued" in text
    assert "**receive**" in text and "**5pm**" in text


def test_christmas_and_august_rule_is_for_sen_appeals_only() -> None:
    """Facts §3/§4: the 2020 amendment took DD claims out of r.12(3)."""
    assert "not to disability discrimination claims" in words("tribunal-appeals")
    assert "no extra time for Christmas or August" in words("disability-discrimination")


def test_the_ambiguous_edge_is_explained_where_the_calculator_warns() -> None:
    """Facts §13: ambiguous edge -> warn and use the earlier date."""
    assert "earlier date" in words("tribunal-appeals")


def test_late_appeals_are_not_promised() -> None:
    assert "may allow a late appeal, but it does not have to" in words("tribunal-appeals")


@pytest.mark.parametrize("section", ["tribunal-appeals", "mediation-certificate"])
def test_school_only_appeals_need_no_certificate(section: str) -> None:
    """Facts §2: CFA s.55(3)."""
    assert "only about the school" in plain(section)


def test_mediation_adviser_independence_names_english_councils() -> None:
    """Facts §2: not employed by an LA in England, an ICB or NHS England."""
    assert "a council in England, an integrated care board or NHS England" in words(
        "mediation-certificate"
    )


def test_disagreement_resolution_is_arranged_not_paid_for_and_not_needed_before_appeals() -> None:
    """Facts §8: the LA must make arrangements; nothing about paying. Mediation is optional."""
    text = words("disagreement-resolution")
    assert "pays for" not in text
    assert "must arrange the service" in text
    assert "mediation that comes before most appeals" not in text
    assert "decision letter was sent" in text


def test_ehc_exceptions_apply_only_where_the_limit_is_impractical() -> None:
    """Facts §6: reg 10(4)/13(3) exceptions need impracticality; 6 weeks has 'similar' ones."""
    text = words("ehc-timescales")
    assert "not practical because" in text
    assert "Similar exceptions apply to the 6 week limit" in text


def test_mediation_timing_says_calendar_days_and_the_fallback_certificate() -> None:
    """Facts §2: 30 days are calendar days; if not arranged in time, certificate in 3 working days."""
    text = words("mediation")
    assert "calendar days" in text
    assert "3 working days to give you a certificate" in text


def test_no_term_from_outside_the_facts_sheet() -> None:
    """'SENCO' is not in the facts sheet; the sections describe the role instead."""
    for section in SECTIONS.values():
        assert "SENCO" not in section.body, section.id


@pytest.mark.parametrize(
    ("section", "needles"),
    [
        ("tribunal-appeals", ("IPSEA", "section 55(3)")),  # no fee, legal aid; school-only
        ("disability-discrimination", ("IPSEA", "Redcar")),  # which schools, exclusions, no fee
        ("mediation", ("IPSEA", "Coventry SENDIASS")),  # 30 days; privacy and agreement
        ("mediation-certificate", ("IPSEA", "GOV.UK")),
        ("health-and-social-care", ("Tayntons", "IPSEA")),  # trial end, 5 weeks
        ("judicial-review", ("IPSEA",)),  # legal aid
        ("local-offer", ("Coventry SENDIASS",)),
        ("sendiass", ("Coventry SENDIASS",)),
    ],
)
def test_sources_cite_where_each_fact_came_from(section: str, needles: tuple[str, ...]) -> None:
    assert cites(SECTIONS[section], *needles), SECTIONS[section].sources


# --- Legal review (December 2026), WRONG items in the guidance text -----------------------


def sentences(section: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.;:!?])\s+|\n+", SECTIONS[section].body) if s.strip()]


def test_w1_health_recommendations_cover_reassessment_amendment_and_ceasing() -> None:
    """W1: SI 2017/1306 applies to appeals under CFA s.51(2)(b)-(f); only s.51(2)(a) is outside."""
    text = plain("health-and-social-care")
    for needle in (
        "a refusal to issue a plan",
        "Sections B, F or I",
        "a refusal to re-assess",
        "a refusal to change the plan after a review or a re-assessment",
        "a decision to end the plan",
        "only about a refusal to assess.",
    ):
        assert needle in text, needle
    assert "assess or re-assess" not in text
    assert cites(SECTIONS["health-and-social-care"], "2017/1306", "51(2)(b) to (f)")


def test_w4_permission_without_a_certificate_is_only_for_exceptional_cases() -> None:
    """W4: the Tribunal gives leave to appeal without a certificate only exceptionally."""
    text = plain("mediation-certificate")
    assert "exceptional" in text and "do not rely on it" in text
    for section in SECTIONS:
        assert "normally ask the Tribunal for permission" not in plain(section), section
    assert cites(SECTIONS["mediation-certificate"], "Surrey", "exceptional")


NEEDS_A_CERTIFICATE = re.compile(
    r"(you will get a certificate|you need (it|one)|needs? a (mediation )?certificate)", re.I
)


def test_w5_no_section_says_a_school_only_appeal_needs_a_certificate() -> None:
    """W5: s.55(3) - no certificate for an appeal only about the school, so no extra month."""
    for section in SECTIONS:
        for sentence in sentences(section):
            flat = sentence.replace("**", "")
            if "only about the school" in flat:
                assert not NEEDS_A_CERTIFICATE.search(flat) or re.search(
                    r"\b(no|not)\b", flat
                ), (section, sentence)
    text = plain("mediation")
    assert "only about the school" in text and "no extra time" in text
    assert "2 months from the date the decision letter was sent" in text
    assert "When mediation ends, you will get a certificate" not in text


MONTHS = {
    name: number
    for number, name in enumerate(
        ["January", "February", "March", "April", "May", "June", "July", "August",
         "September", "October", "November", "December"],
        start=1,
    )
}


def _day(text: str, default_year: int = 2026) -> date:
    parts = text.split()
    year = int(parts[2]) if len(parts) > 2 else default_year
    return date(year, MONTHS[parts[1]], int(parts[0]))


def _six_months_starting_with(start: date) -> date:
    """Independent of desktop.data.deadlines: the day before the corresponding date, or the
    last day of the month when it has none (EqA 2010 Sch 17 para 4(1); legal review W6)."""
    month0 = start.month - 1 + 6
    year, month = start.year + month0 // 12, month0 % 12 + 1
    last = calendar.monthrange(year, month)[1]
    if start.day > last:
        return date(year, month, last)
    return date(year, month, start.day) - timedelta(days=1)


def test_w6_disability_claim_examples_follow_the_month_end_rule() -> None:
    text = plain("disability-discrimination")
    assert "last day of that month" in text
    examples = re.findall(r"(\d{1,2} [A-Z][a-z]+(?: \d{4})?): the last day is "
                          r"(\d{1,2} [A-Z][a-z]+(?: \d{4})?)", text)
    assert len(examples) >= 3, examples
    assert ("31 August 2027", "29 February 2028") in examples
    for start, last in examples:
        begun = _day(start)
        assert _six_months_starting_with(begun) == _day(last, begun.year + (begun.month > 6))


# --- Legal review (December 2026), IMPRECISE items handled in the guidance text ------------
# One row per review item: the section, phrases the fix must contain, phrases that must be gone.
IMPRECISE = [
    ("I-T1", "tribunal-appeals", ("not the day you got it", "later date may count",
                                  "use the earlier one"), ("normally taken as the date",)),
    ("I-T2", "tribunal-appeals", ("ask the Tribunal for more time", "must not accept"), ()),
    ("I-T3", "tribunal-appeals", ("Legal Help", "speak for you at the hearing",
                                  "their own income and savings"), ()),
    ("I-T4", "tribunal-appeals", ("left out of the count", "Upper Tribunal"), ()),
    ("I-T5", "tribunal-appeals", ("Health, Education and Social Care Chamber",), ()),
    ("I-M1", "mediation", ("If health care is one of the issues", "Only health care"),
     ("only about health care, the council must tell",)),
    ("I-M2", "mediation", ("normally confidential", "hold the council to"),
     ("It cannot be used somewhere else",)),
    ("I-M3", "mediation", ("mediator must take reasonable steps", "council must send someone",
                           "council must pay reasonable travel"),
     ("should take reasonable steps", "should send someone", "should pay")),
    ("W3", "mediation", ("only if your letter names it", "does not count as contacting the adviser"), ()),
    ("W3", "mediation-certificate", ("adviser named in your decision letter",
                                     "does not count"), ()),
    ("I-M5", "mediation-certificate", ("change your mind", "ask for a certificate"), ()),
    ("I-M6", "mediation-certificate", ("certificate must be issued within 3 working days of the "
                                       "mediation ending",), ("you get the certificate",)),
    ("I-M7", "mediation-certificate", ("on the last day, you can still get a certificate",
                                       "no certificate at all"), ()),
    ("I-E1", "ehc-timescales", ("what it proposes", "Only the later decision to end the plan",
                                "keep the plan going while you can still appeal"),
     ("if it will keep, change or end the plan",)),
    ("I-E2", "ehc-timescales", ("served on you", "count from the earlier date",
                                "may give you longer, but not less"), ("given to you counts",)),
    ("I-E3", "ehc-timescales", ("These exceptions are narrow", "backlog",
                                "educational psychologists is not a reason"), ()),
    ("I-E4", "ehc-timescales", ("6 weeks from when they are asked", "14 weeks",
                                "Check the current guidance"), ()),
    ("I-E5", "ehc-timescales", ("the last day is 14 February", "the last day is 30 March"), ()),
    ("I-H1", "health-and-social-care", ("educates or trains", "belongs in Section F"), ()),
    ("I-H2", "health-and-social-care", ("no Tribunal appeal about health or social care alone",
                                        "must arrange the mediation within 30 days"),
     ("You may not need a mediation certificate",)),
    ("I-H3", "health-and-social-care", ("must reply to you in writing", "must give its reasons",
                                        "judicial review", "Tribunal must deal with your request"),
     ("it should respond", "should give its reasons")),
    ("I-H4", "health-and-social-care", ("within 12 months", "three stages"), ()),
    ("I-D1", "disability-discrimination", ("conciliation really takes place",
                                           "do not count on it"), ()),
    ("I-D2", "disability-discrimination", ("a school the council runs", "6 months, starting "
                                           "with the date of the act", "just and fair"), ()),
    ("I-D3", "disability-discrimination", ("deals with the claim faster", "on hold"), ()),
    ("I-D4", "disability-discrimination", ("case by case", "could reasonably have been expected"),
     ()),
    ("I-D6", "disability-discrimination", ("does not pause the 6 months",), ()),
    ("I-C1", "complaints-and-ombudsman", ("within 1 year", "chance to answer"), ()),
    ("I-C2", "complaints-and-ombudsman", ("the last day is 14 March 2027",), ()),
    ("I-C3", "complaints-and-ombudsman", ("does not stop the time limit for judicial review",),
     ()),
    ("I-H4", "complaints-and-ombudsman", ("within 12 months. There can be up to three stages",),
     ()),
    ("I-J1", "judicial-review", ("cannot be extended by agreement", "does not stop the clock",
                                 "court office is closed"), ()),
    ("I-J2", "judicial-review", ("your child's own income and savings",), ()),
    ("I-S1", "talking-to-the-school", ("You do not need the school to agree", "may have special "
                                       "educational needs", "may need help through an EHC plan"),
     ()),
]


@pytest.mark.parametrize(("item", "section", "present", "absent"), IMPRECISE,
                         ids=[f"{row[0]}-{row[1]}" for row in IMPRECISE])
def test_imprecise_item_is_fixed_in_the_text(
    item: str, section: str, present: tuple[str, ...], absent: tuple[str, ...]
) -> None:
    text = plain(section)
    for needle in present:
        assert needle in text, (item, needle)
    for needle in absent:
        assert needle not in text, (item, needle)


def test_i_m7_worked_example_matches_an_independent_count() -> None:
    """Letter sent 1 Oct 2026: contact by 1 Dec; certificate 3 working days later; + 1 month.
    Counted here with `holidays` directly, not with the app's deadline code."""
    import holidays

    bank = holidays.country_holidays("GB", subdiv="ENG", years=[2026, 2027])
    contact = date(2026, 12, 1)  # 2 months after 1 October 2026
    day, counted = contact, 0
    while counted < 3:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in bank:
            counted += 1
    appeal = date(day.year + day.month // 12, day.month % 12 + 1, day.day)
    text = plain("mediation-certificate")
    assert f"due by {day.day} December" in text
    assert f"appeal until {appeal.day} January {appeal.year}" in text
    assert appeal.weekday() < 5 and appeal not in bank


def test_w3_the_council_team_is_never_offered_as_the_mediation_adviser() -> None:
    """W3 (text side): every section that links the council's START team says the reg 33
    contact is the adviser named in the letter, not the council."""
    for section in SECTIONS.values():
        if "provider:coventry-start" in section.body:
            text = plain(section.id)
            assert "named in your" in text and "does not count" in text, section.id


def test_i_d5_no_compensation_cites_the_statute() -> None:
    assert cites(SECTIONS["disability-discrimination"], "Schedule 17, paragraph 5(3)(b)")


# --- Checked-on date as content -------------------------------------------------------------

FRONT = '+++\nid = "a"\ntitle = "A"\norder = 1\nsources = ["x"]\n{extra}+++\nBody\n'


@pytest.mark.parametrize("value", ["2026-12-01", '"2026-12-01"'])
def test_a_section_s_own_checked_on_wins_over_the_fallback(value: str) -> None:
    section = parse_section(FRONT.format(extra=f"checked_on = {value}\n"), "a.md", "2026-11-28")
    assert section.checked_on == "2026-12-01"


def test_the_fallback_date_is_only_for_a_section_without_one() -> None:
    assert parse_section(FRONT.format(extra=""), "a.md", "2026-11-28").checked_on == "2026-11-28"


@pytest.mark.parametrize("value", ['"November 2026"', "2026-12-01T10:00:00", "20261201"])
def test_a_checked_on_that_is_not_a_date_is_a_clear_error(value: str) -> None:
    with pytest.raises(GuidanceError, match=r"a\.md: checked_on must be a date"):
        parse_section(FRONT.format(extra=f"checked_on = {value}\n"), "a.md", "2026-11-28")


def test_every_shipped_section_carries_its_own_checked_on() -> None:
    for path in sorted((RESOURCES / "guidance").glob("*.md")):
        front = tomllib.loads(path.read_text("utf-8").split("+++")[1])
        assert isinstance(front.get("checked_on"), date), path.name


def test_the_bundle_keeps_each_section_s_own_date(store: Store) -> None:
    own = {
        s.id: s.checked_on for s in load_sections(RESOURCES / "guidance", "fallback-not-used")
    }
    assert "fallback-not-used" not in own.values()
    assert {s.id: s.checked_on for s in store.guidance_sections()} == own


# --- Links, summaries and the new topics (legal review §3.2) ---------------------------------

LINK = re.compile(r"\]\((section|provider):([^)\s]+)\)")


def test_every_section_and_provider_link_resolves() -> None:
    from desktop.data.providers import parse_providers

    providers = {
        p.id
        for p in parse_providers(
            (RESOURCES / "providers.toml").read_text("utf-8"), origin="bundled"
        ).providers
    }
    targets = {"section": set(SECTIONS), "provider": providers}
    seen = 0
    for section in SECTIONS.values():
        for kind, target in LINK.findall(section.body):
            assert target in targets[kind], (section.id, kind, target)
            seen += 1
    assert seen > 40


def test_every_section_has_a_one_sentence_summary_for_the_list() -> None:
    for section in SECTIONS.values():
        summary = section.summary
        assert 40 <= len(summary) <= 170, (section.id, len(summary))
        assert summary.endswith(".") and summary.count(". ") == 0, section.id
        assert summary[0].isupper() and "](" not in summary, section.id


# For each new topic: facts the section must state, and where they came from (its sources).
TOPICS = {
    "exclusions": (
        ("15 school days", "independent review panel", "SEN expert", "sixth school day",
         "cannot order the school to take your child back", "counts school days",
         "puts the claim on hold", "disability discrimination"),
        ("SI 2012/1033", "section 51A", "section 19(3A)", "section 100", "regulation 7"),
    ),
    "naming-a-school": (
        ("must name the school you asked for", "unsuitable for your child's age, ability, "
         "aptitude or special educational needs", "efficient education of the other children",
         "efficient use of resources", "approved list", "mainstream", "no extra time",
         "can meet your child's needs and has a place"),
        ("section 39(2) to (5)", "section 33", "section 41", "Education Act 1996, section 9",
         "section 55(3)"),
    ),
    "eotas": (
        ("inappropriate", "Section F", "must consult you", "not the same as home education",
         "check the current guidance"),
        ("section 61(1) to (3)", "section 42(5)", "[2019] UKUT 240", "[2021] UKUT 220"),
    ),
    "post-16": (
        ("young person", "alternative person", "best interests", "turns 25",
         "just because the young person is 19 or over", "education or training outcomes",
         "County Court"),
        ("section 83(2)", "regulation 64(2)(b)", "[2024] UKUT 179", "section 46",
         "section 45(1) to (3)", "regulations 29 and 30", "114 and 118"),
    ),
    "personal-budgets": (
        ("must prepare a personal budget", "Section J", "direct payment", "review",
         "cannot, on its own, be appealed"),
        ("section 49", "SI 2014/1652", "regulation 4", "regulation 7"),
    ),
    "transport": (
        ("cannot usually appeal about transport to the SEND Tribunal", "20 working days",
         "40 working days", "check the current guidance", "Ombudsman", "judicial review"),
        ("section 508B", "Schedule 35B", "Travel to school", "Croydon"),
    ),
    "therapies-in-section-f": (
        ("educates or trains", "Section F", "It is binding", "Speech and language therapy",
         "detailed and specific", "how much and how often"),
        ("section 21(5)", "section 42", "9.69", "9.74"),
    ),
    "no-decision": (
        ("No decision means there is nothing to appeal", "letter before claim", "Ombudsman",
         "Judicial review", "within 3 months", "keep proof"),
        ("section 51(2)", "IPSEA", "Pre-Action Protocol", "54.5(1)"),
    ),
    "tribunal-procedure": (
        ("SEND35a", "SEND35", "final evidence deadline", "working document", "consent order",
         "unopposed appeal", "heard at the same hearing", "28 days", "check the current guidance"),
        ("regulation 45", "SI 2015/359", "regulation 44", "rule 46(2)", "rule 12(3)(b)"),
    ),
}


@pytest.mark.parametrize("topic", sorted(TOPICS))
def test_new_topic_states_its_facts_and_cites_them(topic: str) -> None:
    facts, citations = TOPICS[topic]
    text = plain(topic).lower()
    for fact in facts:
        assert fact.lower() in text, (topic, fact)
    assert cites(SECTIONS[topic], *citations), SECTIONS[topic].sources


def test_every_new_topic_has_a_facts_and_citations_check() -> None:
    assert set(TOPICS) == set(NEW_TOPICS)


# Points the review marks medium confidence (authority not read in full): the text says so.
MEDIUM = {
    "ehc-timescales": "15 days",  # decision on a re-assessment request
    "health-and-social-care": "within 5 weeks",  # response to recommendations
    "complaints-and-ombudsman": "10 working days",  # children's social care stages
    "exclusions": "5 days or less",  # shorter suspensions
    "eotas": "Section I may name no school",
    "transport": "20 working days",
    "tribunal-procedure": "SEND35a",  # forms and practice change
}


@pytest.mark.parametrize("section", sorted(MEDIUM))
def test_medium_confidence_points_tell_the_reader_to_check(section: str) -> None:
    text = plain(section)
    assert MEDIUM[section] in text
    assert "check the current guidance" in text.lower()


def test_changes_ahead_gives_the_reform_timetable_and_says_the_law_is_unchanged() -> None:
    """Legal review §3.3 and I-S2 to I-S4."""
    text = plain("changes-ahead")
    for needle in (
        "The law today has not changed",
        "mid-June 2026",  # the newest source actually found
        "23 February 2026", "13 May 2026", "18 May 2026",
        "announced, but not introduced",
        "September 2029", "September 2030", "between 2030 and 2035",
        "It would not go to the SEND Tribunal",  # Individual Support Plans
        "Children's Wellbeing and Schools Act 2026", "has not started",
    ):
        assert needle in text, needle
    assert "possibly by 2035" not in text


def test_no_section_promises_an_update_check_the_app_does_not_have() -> None:
    for section in SECTIONS:
        text = plain(section).lower()
        assert "check for updates" not in text and "updates in this app" not in text, section
    assert "does not check for news by itself" in plain("changes-ahead")
