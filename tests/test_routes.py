"""Route finder: the right steps in the right order, deadlines from the one date, no Qt."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.data.providers import parse_providers
from desktop.data.routes import (
    STEPS,
    TOPICS,
    WHO,
    RouteError,
    find_routes,
    providers_of,
    topics_for,
)
from tests.conftest import RESOURCES

D = dt.date


def step_ids(topic: str) -> list[str]:
    return [s.id for s in find_routes(topic).steps]


def test_refused_assessment_goes_through_mediation_advice_before_the_tribunal() -> None:
    ids = step_ids("refused-assessment")
    assert ids.index("mediation-advice") < ids.index("tribunal-appeal")
    assert ids.index("sendiass") < ids.index("mediation-advice")
    assert ids[-1] == "tribunal-appeal"


def test_school_named_needs_no_certificate() -> None:
    ids = step_ids("school-named")
    assert "mediation-advice" not in ids
    assert ids[-1] == "tribunal-appeal-school"
    assert "No mediation certificate" in STEPS["tribunal-appeal-school"].involves


@pytest.mark.parametrize("topic", ["plan-not-delivered", "council-handling", "health-social-care"])
def test_matters_the_tribunal_cannot_hear_have_no_plain_appeal(topic: str) -> None:
    ids = step_ids(topic)
    assert "tribunal-appeal" not in ids and "tribunal-appeal-school" not in ids
    assert "judicial-review" in ids


def test_plan_not_delivered_goes_to_complaints_then_ombudsman() -> None:
    ids = step_ids("plan-not-delivered")
    assert ids.index("council-complaint") < ids.index("ombudsman") < ids.index("judicial-review")


def test_support_without_plan_starts_at_school_and_offers_an_assessment() -> None:
    ids = step_ids("support-without-plan")
    assert ids[0] == "talk-school"
    assert "ask-assessment" in ids
    assert "tribunal-appeal" not in ids


def test_disability_discrimination_by_school_is_a_tribunal_claim_without_certificate() -> None:
    ids = step_ids("school-discrimination")
    assert "dd-claim" in ids
    assert "mediation-advice" not in ids
    advice = find_routes("school-discrimination", D(2026, 10, 1))
    assert [d.rule for d in advice.deadlines] == ["dd-claim"]
    assert advice.deadlines[0].deadline == D(2027, 3, 31)


def test_discrimination_by_the_council_goes_to_county_court() -> None:
    assert step_ids("council-discrimination")[-1] == "dd-county-court"


def test_appeal_topics_give_both_deadlines_from_the_letter_date() -> None:
    advice = find_routes("refused-plan", D(2026, 12, 31))
    by_rule = {d.rule: d for d in advice.deadlines}
    assert set(by_rule) == {"mediation-adviser-contact", "appeal"}
    assert by_rule["mediation-adviser-contact"].deadline == D(2027, 2, 28)  # does not move
    assert by_rule["appeal"].deadline == D(2027, 3, 1)  # Sunday -> Monday


def test_certificate_only_feeds_the_appeal_rule() -> None:
    advice = find_routes("plan-contents", D(2026, 10, 1), certificate=D(2026, 11, 15))
    by_rule = {d.rule: d for d in advice.deadlines}
    assert by_rule["appeal"].deadline == D(2026, 12, 15)
    assert by_rule["mediation-adviser-contact"].deadline == D(2026, 12, 1)


def test_no_date_no_deadlines() -> None:
    assert find_routes("refused-assessment").deadlines == ()


def test_health_and_social_care_recommendations_only_with_education_appeals() -> None:
    assert "health-recommendations" in step_ids("refused-plan")
    assert "health-recommendations" in step_ids("plan-contents")
    assert "health-recommendations" not in step_ids("refused-assessment")
    assert "not binding" in STEPS["health-recommendations"].involves


def test_every_who_has_topics_and_topics_cover_the_issue_list() -> None:
    for who in WHO:
        assert topics_for(who)
    assert {t.id for t in TOPICS.values()} >= {
        "refused-assessment",
        "refused-plan",
        "plan-contents",
        "school-named",
        "ending-plan",
        "support-without-plan",
        "health-social-care",
        "school-discrimination",
        "council-handling",
    }


def test_unknown_answers_are_errors() -> None:
    with pytest.raises(RouteError):
        find_routes("nope")
    with pytest.raises(RouteError):
        topics_for("parliament")


def test_data_refers_only_to_things_that_exist() -> None:
    section_ids = {p.stem for p in (RESOURCES / "guidance").glob("*.md")}
    provider_ids = {
        p.id
        for p in parse_providers(
            (RESOURCES / "providers.toml").read_text(encoding="utf-8"), "bundled"
        ).providers
    }
    from desktop.data.deadlines import RULES

    for step in STEPS.values():
        assert step.section in section_ids, step.id
        assert set(step.providers) <= provider_ids, step.id
        assert set(step.rules) <= set(RULES), step.id
    for topic in TOPICS.values():
        assert set(topic.steps) <= set(STEPS), topic.id
        assert set(topic.date_rules) <= set(RULES), topic.id
        assert bool(topic.date_label) == bool(topic.date_rules), topic.id
    assert providers_of(find_routes("refused-assessment")) == [
        "coventry-start",
        "kids-sen-mediation",
    ]


# -- regressions from the legal-accuracy review ----------------------------------------------


def test_school_named_appeal_ignores_a_certificate() -> None:
    """A school-only appeal needs no certificate, so its deadline is 2 months from the letter;
    the finder used to let a certificate date push it later, against its own step text."""
    advice = find_routes("school-named", D(2026, 10, 1), certificate=D(2026, 11, 15))
    assert [d.rule for d in advice.deadlines] == ["appeal-school"]
    assert advice.deadlines[0].deadline == D(2026, 12, 1)
    assert advice.deadlines[0].certificate is None
    assert "other parts of the plan" in TOPICS["school-named"].note


def test_no_step_requires_mediation_for_school_only_appeals_or_dd_claims() -> None:
    for topic in ("school-named", "school-discrimination", "council-discrimination"):
        assert "mediation-advice" not in step_ids(topic), topic
    assert "No mediation certificate is needed" in STEPS["tribunal-appeal-school"].involves
    assert "certificate is needed to appeal" not in STEPS["tribunal-appeal-school"].involves
    assert "No mediation certificate" in STEPS["dd-claim"].involves


def test_appeal_steps_say_received_by_5pm() -> None:
    for step in ("tribunal-appeal", "tribunal-appeal-school"):
        assert "receive" in STEPS[step].time_limit and "5pm" in STEPS[step].time_limit


def test_health_recommendations_are_never_offered_on_their_own() -> None:
    assert "Only as part of an appeal" in STEPS["health-recommendations"].involves
    assert "no Tribunal appeal" in TOPICS["health-social-care"].note


def test_discrimination_by_a_college_or_private_nursery_is_pointed_to_county_court() -> None:
    assert "dd-county-court" in step_ids("school-discrimination")
    assert "further education college" in TOPICS["school-discrimination"].note
    assert "usually" in TOPICS["school-discrimination"].note  # facts §1: confidence medium


@pytest.mark.parametrize(
    "topic", ["plan-not-delivered", "council-handling", "support-without-plan"]
)
def test_not_appealable_notes_are_hedged(topic: str) -> None:
    """Facts §1 marks the 'cannot be appealed' list as an inference (confidence: medium)."""
    assert "usually cannot be appealed" in TOPICS[topic].note


def test_school_complaint_points_to_the_section_about_school_complaints() -> None:
    assert STEPS["school-complaint"].section == "talking-to-the-school"


def test_school_not_giving_plan_help_can_reach_the_ombudsman() -> None:
    ids = step_ids("school-plan-not-delivered")
    assert ids.index("council-complaint") < ids.index("ombudsman") < ids.index("judicial-review")
