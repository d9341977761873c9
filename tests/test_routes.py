"""Route finder: the right steps in the right order, deadlines from the one date, each
regression from the legal review read from the shipped data. No Qt."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.data.deadline_rules import RULES
from desktop.data.deadlines import DeadlineError
from desktop.data.directory import ProviderDirectory
from desktop.data.providers import parse_providers
from desktop.data.routes import (
    STEPS,
    TOPICS,
    WHO,
    RouteError,
    find_routes,
    linked_sections,
    topics_for,
)
from tests.conftest import RESOURCES

D = dt.date
BUNDLED = parse_providers(
    (RESOURCES / "providers.toml").read_text(encoding="utf-8"), "bundled"
).providers
APPEAL_TOPICS = [t.id for t in TOPICS.values() if "appeal" in t.date_rules]
# Sections helper guide-text is writing in parallel (issue 12 item 4). Linked now; they
# exist once both branches are merged. Only these nine may be missing from this checkout.
FROM_GUIDE_TEXT = {
    "exclusions",
    "naming-a-school",
    "eotas",
    "post-16",
    "personal-budgets",
    "transport",
    "therapies-in-section-f",
    "no-decision",
    "tribunal-procedure",
}


def step_ids(topic: str) -> list[str]:
    return [s.id for s in find_routes(topic).steps]


def text_of(step_id: str) -> str:
    step = STEPS[step_id]
    return f"{step.title} {step.involves} {step.time_limit} {step.warning}"


def test_refused_assessment_goes_through_mediation_advice_before_the_tribunal() -> None:
    ids = step_ids("refused-assessment")
    assert ids.index("sendiass") < ids.index("mediation-advice") < ids.index("tribunal-appeal")
    assert ids[-1] == "tribunal-appeal"


@pytest.mark.parametrize("topic", ["plan-not-delivered", "council-handling", "health-social-care"])
def test_matters_the_tribunal_cannot_hear_have_no_plain_appeal(topic: str) -> None:
    ids = step_ids(topic)
    assert "tribunal-appeal" not in ids and "tribunal-appeal-school" not in ids
    assert "judicial-review" in ids


def test_support_without_plan_starts_at_school_and_offers_an_assessment() -> None:
    ids = step_ids("support-without-plan")
    assert ids[0] == "talk-school" and "ask-assessment" in ids
    assert "tribunal-appeal" not in ids


def test_disability_discrimination_by_school_is_a_tribunal_claim_without_certificate() -> None:
    ids = step_ids("school-discrimination")
    assert "dd-claim" in ids and "mediation-advice" not in ids
    advice = find_routes("school-discrimination", D(2026, 10, 1))
    assert [d.rule for d in advice.deadlines] == ["dd-claim"]
    assert advice.deadlines[0].deadline == D(2027, 3, 31)


def test_discrimination_by_the_council_goes_to_county_court_with_its_limit() -> None:
    assert step_ids("council-discrimination")[-1] == "dd-county-court"
    advice = find_routes("council-discrimination", D(2026, 8, 31))
    assert advice.deadlines[0].deadline == D(2027, 2, 28)
    assert "just and equitable" in STEPS["dd-county-court"].time_limit  # review I-D2
    assert "responsible for a school" in STEPS["dd-county-court"].involves


def test_appeal_topics_give_both_deadlines_from_the_letter_date() -> None:
    advice = find_routes("refused-plan", D(2026, 12, 31))
    by_rule = {d.rule: d for d in advice.deadlines}
    assert set(by_rule) == {"mediation-adviser-contact", "appeal"}
    assert by_rule["mediation-adviser-contact"].deadline == D(2027, 2, 28)  # does not move
    assert by_rule["appeal"].deadline == D(2027, 3, 1)  # Sunday -> Monday
    assert "decision letter sent on Thursday 31 December 2026" in by_rule["appeal"].basis


def test_certificate_only_feeds_the_appeal_rule_and_the_basis_says_so() -> None:
    advice = find_routes("plan-contents", D(2026, 10, 1), certificate=D(2026, 11, 15))
    by_rule = {d.rule: d for d in advice.deadlines}
    assert by_rule["appeal"].deadline == D(2026, 12, 15)
    assert by_rule["appeal"].basis == (
        "1 month from the mediation certificate issued on Sunday 15 November 2026"
    )
    assert by_rule["mediation-adviser-contact"].deadline == D(2026, 12, 1)
    assert "decision letter sent on" in by_rule["mediation-adviser-contact"].basis


def test_dated_reaches_the_contact_and_the_appeal() -> None:
    advice = find_routes("refused-plan", D(2026, 10, 26), dated=D(2026, 10, 24))
    by_rule = {d.rule: d for d in advice.deadlines}
    assert by_rule["appeal"].deadline == D(2026, 12, 24)
    assert by_rule["mediation-adviser-contact"].deadline == D(2026, 12, 24)
    assert advice.dated == D(2026, 10, 24)


def test_a_certificate_before_the_letter_is_refused_not_ignored() -> None:
    with pytest.raises(DeadlineError, match="before the decision letter"):
        find_routes("refused-plan", D(2026, 10, 1), certificate=D(2026, 9, 1))


def test_no_date_no_deadlines() -> None:
    assert find_routes("refused-assessment").deadlines == ()


def test_contacting_the_adviser_today_shows_the_latest_appeal_date() -> None:
    """Review I-M7 and §2.4: contact on 1 Dec 2026 (the last day), certificate by Friday
    4 December, appeal by Monday 4 January 2027 (case c2-07)."""
    advice = find_routes("refused-plan", D(2026, 10, 1), today=D(2026, 12, 1))
    assert advice.contact_today is not None
    assert advice.contact_today.certificate == D(2026, 12, 4)
    assert advice.contact_today.appeal.deadline == D(2027, 1, 4)
    late = find_routes("refused-plan", D(2026, 10, 1), today=D(2026, 12, 2))
    assert late.contact_today is None  # after the contact deadline: no promise made
    assert find_routes("school-named", D(2026, 10, 1), today=D(2026, 10, 2)).contact_today is None


# -- regressions from the legal review (W items) ---------------------------------------------


@pytest.mark.parametrize(
    "topic", ["refused-plan", "plan-contents", "refused-reassessment", "ending-plan"]
)
def test_w2_recommendations_with_every_appeal_the_power_covers(topic: str) -> None:
    assert "health-recommendations" in step_ids(topic)


def test_w2_no_recommendations_for_a_first_assessment_and_the_text_says_why() -> None:
    assert "health-recommendations" not in step_ids("refused-assessment")
    text = STEPS["health-recommendations"].involves
    for words in ("refusal to re-assess", "end the plan", "only about a refusal to assess"):
        assert words in text
    assert "not binding" in text and "must answer in writing" in text and "5 weeks" in text


def test_w3_the_mediation_adviser_step_never_offers_the_council() -> None:
    step = STEPS["mediation-advice"]
    assert "council-send-team" not in step.contact_kinds
    assert "named in your decision letter" in step.involves
    assert "letter names them" in step.contact_note
    directory = ProviderDirectory(BUNDLED)
    shown = [p.id for p in directory.contacts(step.contact_kinds)]
    assert "coventry-start" not in shown
    for step_id, s in STEPS.items():  # the council appears only where you talk to it
        if "council-send-team" in s.contact_kinds:
            assert step_id in {
                "talk-council",
                "talk-council-problem",
                "ask-assessment",
                "personal-budget",
                "chase-decision",
            }, step_id


def test_w5_school_named_route_warns_mediation_gives_no_extra_month() -> None:
    ids = step_ids("school-named")
    assert "mediation-advice" not in ids and "mediation" not in ids
    assert "mediation-school" in ids and ids[-1] == "tribunal-appeal-school"
    advice = find_routes("school-named", D(2026, 10, 1), certificate=D(2026, 11, 15))
    assert [d.rule for d in advice.deadlines] == ["appeal-school"]
    assert advice.deadlines[0].deadline == D(2026, 12, 1)
    assert advice.deadlines[0].certificate is None
    warning = advice.warning(STEPS["mediation-school"])
    assert warning == (
        "Mediation here does not extend the appeal deadline. Appeal by Tuesday 1 December 2026 "
        "whatever happens in mediation."
    )
    assert "2 months from the day the decision letter was sent" in find_routes(
        "school-named"
    ).warning(STEPS["mediation-school"])


def test_w6_dd_claim_step_states_the_month_end_rule() -> None:
    assert "last day of that month" in STEPS["dd-claim"].time_limit


# -- imprecise items (I) ---------------------------------------------------------------------


def test_i_d6_school_complaint_before_a_claim_warns_it_does_not_pause_the_limit() -> None:
    ids = step_ids("school-discrimination")
    assert "school-complaint-dd" in ids and "school-complaint" not in ids
    assert "does not pause" in STEPS["school-complaint-dd"].time_limit


def test_i_r2_ending_plan_says_the_plan_stays_in_force() -> None:
    assert "keep the plan in force" in TOPICS["ending-plan"].note


@pytest.mark.parametrize("topic", ["plan-not-delivered", "council-handling"])
def test_i_r3_letter_before_claim_comes_before_judicial_review(topic: str) -> None:
    ids = step_ids(topic)
    assert ids.index("council-complaint") < ids.index("ombudsman")
    assert ids.index("letter-before-claim") < ids.index("judicial-review")
    assert "continuing breach" in STEPS["letter-before-claim"].involves


def test_i_r4_health_note_names_mediation_and_disagreement_resolution() -> None:
    note = TOPICS["health-social-care"].note
    assert "Mediation" in note and "disagreement resolution" in note


def test_i_m2_mediation_is_normally_confidential_and_the_agreement_can_be_used() -> None:
    assert "normally confidential" in STEPS["mediation"].involves
    assert "hold the council to" in STEPS["mediation"].involves


def test_judicial_review_step_says_what_does_not_stop_the_clock() -> None:
    assert (
        "Neither a complaint nor a letter before claim stops" in STEPS["judicial-review"].time_limit
    )


# -- route text fits the route, and one date keeps one meaning --------------------------------


def test_routes_without_an_appeal_never_talk_of_one() -> None:
    """Issue 12.5: no 'decision letter' or 'appeal clock' on routes where there is none."""
    for topic in TOPICS.values():
        if any(r in topic.date_rules for r in ("appeal", "appeal-school")):
            continue
        for step_id in topic.steps:
            text = text_of(step_id).lower()
            for phrase in ("appeal clock", "decision letter", "right to appeal", "appeal time"):
                if step_id not in {"review-appeal", "tribunal-appeal", "tribunal-appeal-school"}:
                    assert phrase not in text, (topic.id, step_id, phrase)


def test_each_date_label_means_the_event_its_rules_count_from() -> None:
    for topic in TOPICS.values():
        assert bool(topic.date_label) == bool(topic.date_rules), topic.id
        for rule in topic.date_rules:
            assert RULES[rule].start_label == topic.date_label or topic.date_event, (
                topic.id,
                rule,
            )


def test_problem_routes_count_from_when_it_arose_and_say_the_ombudsman_may_give_longer() -> None:
    advice = find_routes("plan-not-delivered", D(2026, 10, 1))
    lgsco = advice.deadline("lgsco-complaint")
    assert lgsco is not None and lgsco.deadline == D(2027, 9, 30)
    assert (
        lgsco.basis
        == "12 months starting with the problem first arising on Thursday 1 October 2026"
    )
    assert "you may have longer" in lgsco.warnings[-1]
    jr = advice.deadline("judicial-review")
    assert jr is not None and jr.deadline == D(2027, 1, 1)


# -- new topics (legal review §3.2) ----------------------------------------------------------


@pytest.mark.parametrize(
    ("topic", "rule", "start", "expected"),
    [
        ("exclusions", "irp-request", D(2026, 12, 18), D(2027, 1, 13)),
        ("transport", "transport-review-request", D(2026, 8, 14), D(2026, 9, 14)),
        ("no-decision", "final-plan", D(2026, 10, 1), D(2027, 2, 18)),
        ("annual-review", "review-papers", D(2027, 1, 21), D(2027, 1, 7)),
        ("phase-transfer", "phase-transfer-school", D(2027, 9, 1), D(2027, 2, 14)),
        ("tribunal-order", "order-plan-final", D(2026, 12, 1), D(2027, 2, 16)),
        ("appeal-conceded", "unopposed-school", D(2026, 12, 14), D(2026, 12, 28)),
        ("tribunal-challenge", "upper-tribunal-permission", D(2026, 7, 20), D(2026, 9, 17)),
        ("tribunal-challenge", "set-aside", D(2026, 12, 10), D(2027, 1, 15)),
        ("recommendations", "recommendation-response", D(2026, 11, 10), D(2026, 12, 15)),
        ("refused-reassessment", "appeal", D(2026, 10, 1), D(2026, 12, 1)),
        (
            "childrens-social-care",
            "childrens-social-care-complaint",
            D(2026, 10, 1),
            D(2027, 10, 1),
        ),
        ("health-social-care", "nhs-complaint", D(2026, 12, 31), D(2027, 12, 31)),
        ("health-social-care", "phso-complaint", D(2026, 12, 31), D(2027, 12, 31)),
        ("reassessment-request", "reassessment-decision", D(2026, 12, 20), D(2027, 1, 4)),
        ("phase-transfer", "phase-transfer-post16-other", D(2028, 1, 31), D(2027, 8, 31)),
    ],
)
def test_new_topics_count_their_own_dates(
    topic: str, rule: str, start: dt.date, expected: dt.date
) -> None:
    found = find_routes(topic, start).deadline(rule)
    assert found is not None and found.deadline == expected


def test_every_new_guidance_section_is_linked_from_the_route_finder() -> None:
    assert linked_sections() >= FROM_GUIDE_TEXT
    for topic_id, section in (
        ("exclusions", "exclusions"),
        ("school-named", "naming-a-school"),
        ("eotas", "eotas"),
        ("post-16", "post-16"),
        ("personal-budgets", "personal-budgets"),
        ("transport", "transport"),
        ("therapies", "therapies-in-section-f"),
        ("no-decision", "no-decision"),
        ("appeal-under-way", "tribunal-procedure"),
    ):
        topic = TOPICS[topic_id]
        linked = set(topic.sections) | {STEPS[s].section for s in topic.steps}
        assert section in linked, topic_id


def test_every_linked_section_exists_in_the_bundled_guidance() -> None:
    """Checked against resources/guidance: every section a route links to is shipped."""
    bundled = {p.stem for p in (RESOURCES / "guidance").glob("*.md")}
    assert bundled >= FROM_GUIDE_TEXT
    missing = linked_sections() - bundled
    assert not missing, missing


def test_every_who_has_topics_and_topics_cover_the_issue_list() -> None:
    for who in WHO:
        assert topics_for(who)
    assert set(TOPICS) >= {
        "refused-assessment",
        "refused-reassessment",
        "refused-plan",
        "plan-contents",
        "school-named",
        "ending-plan",
        "support-without-plan",
        "health-social-care",
        "school-discrimination",
        "council-handling",
        "exclusions",
        "eotas",
        "post-16",
        "personal-budgets",
        "transport",
        "therapies",
        "no-decision",
        "appeal-under-way",
    }


def test_unknown_answers_are_errors() -> None:
    with pytest.raises(RouteError):
        find_routes("nope")
    with pytest.raises(RouteError):
        topics_for("parliament")


def test_data_refers_only_to_things_that_exist() -> None:
    from desktop.data.records import KINDS

    for step in STEPS.values():
        assert set(step.contact_kinds) <= set(KINDS), step.id
        assert set(step.rules) <= set(RULES), step.id
    for topic in TOPICS.values():
        assert set(topic.steps) <= set(STEPS), topic.id
        assert set(topic.date_rules) <= set(RULES), topic.id
    assert {s for t in TOPICS.values() for s in t.steps} == set(STEPS)  # no orphan steps


@pytest.mark.parametrize("topic", APPEAL_TOPICS)
def test_appeal_topics_ask_for_the_letter_both_ways(topic: str) -> None:
    assert TOPICS[topic].is_letter


def test_the_health_ombudsman_is_counted_from_the_event_and_says_it_may_be_later() -> None:
    phso = find_routes("health-social-care", D(2026, 3, 1)).deadline("phso-complaint")
    assert phso is not None
    assert phso.basis == "12 months from the event on Sunday 1 March 2026"
    assert "you may have longer" in phso.warnings[-1]
