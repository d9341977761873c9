"""The deadline rules added after the legal review (§3.1): worked examples computed by hand
from the legal text (month ends, leap years, Christmas and August, substitute bank
holidays), the dated-versus-sent and 'came to notice' rules, and properties."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.data import rules_complaints
from desktop.data.deadline_rules import GROUPS, RULES, Group, OnNonWorkingDay, Unit
from desktop.data.deadlines import (
    DeadlineError,
    add_months,
    calculate,
    days_left,
    load_working_days,
)
from tests.conftest import RESOURCES

D = dt.date
WORKING = load_working_days(RESOURCES / "extra-bank-holidays.txt")

# (rule, start, expected deadline, expected moved_from)
NEW_WORKED = [
    # HESC r.46(2) + r.12(3)(b): 28 days, August and 25 Dec-1 Jan not counted.
    # 21-31 Jul = 11 days, then 1-17 Sep = 17: Thursday 17 September 2026.
    ("upper-tribunal-permission", D(2026, 7, 20), D(2026, 9, 17), None),
    # 11-24 Dec = 14 days, skip 25 Dec-1 Jan, 2-15 Jan = 14: Friday 15 January 2027.
    ("upper-tribunal-permission", D(2026, 12, 10), D(2027, 1, 15), None),
    # Ends Saturday 31 Oct 2026 -> r.12(2) Monday 2 November.
    ("upper-tribunal-permission", D(2026, 10, 3), D(2026, 11, 2), D(2026, 10, 31)),
    # Leap year: 1 Feb 2028 + 28 = Tuesday 29 February 2028.
    ("upper-tribunal-permission", D(2028, 2, 1), D(2028, 2, 29), None),
    # HESC r.45: the same 28 days, not counting August or 25 Dec-1 Jan, from the decision.
    ("set-aside", D(2026, 7, 20), D(2026, 9, 17), None),
    ("set-aside", D(2026, 12, 10), D(2027, 1, 15), None),
    ("set-aside", D(2026, 10, 3), D(2026, 11, 2), D(2026, 10, 31)),  # Saturday -> Monday
    # Reg 42(3): 2 weeks of the agreement, a duty that never moves (25 Dec 2026 stays).
    ("mediation-agreement", D(2026, 12, 1), D(2026, 12, 15), None),
    ("mediation-agreement", D(2026, 12, 11), D(2026, 12, 25), None),
    # LGA 1974 s.26B: 12 months beginning with the day of notice (review I-C2).
    ("lgsco-complaint", D(2026, 3, 15), D(2027, 3, 14), None),  # a Sunday: stays
    ("lgsco-complaint", D(2028, 2, 29), D(2029, 2, 28), None),  # no 29 Feb 2029
    # HSCA 1993 s.9(4): one year *from* the day of notice: the corresponding date.
    ("phso-complaint", D(2026, 3, 15), D(2027, 3, 15), None),
    ("phso-complaint", D(2028, 2, 29), D(2029, 2, 28), None),
    ("nhs-complaint", D(2026, 12, 31), D(2027, 12, 31), None),
    ("childrens-social-care-complaint", D(2026, 10, 1), D(2027, 10, 1), None),
    # 20 working days from Tue 1 Dec 2026, over Christmas and the substitute Boxing Day.
    ("social-care-review-request", D(2026, 12, 1), D(2026, 12, 31), None),
    # CPR 54.5: 3 months after; 31 Jan 2027 is a Sunday and does not move (review I-J1).
    ("judicial-review", D(2026, 10, 31), D(2027, 1, 31), None),
    ("judicial-review", D(2027, 11, 30), D(2028, 2, 29), None),  # leap-year clamp
    # EqA s.118: 6 months starting with the act; no 31 Feb -> last day of February.
    ("dd-county-court", D(2026, 8, 31), D(2027, 2, 28), None),
    # 15 school days, estimated as working days: over Christmas 2026 (25, 28 Dec, 1 Jan).
    ("irp-request", D(2026, 12, 18), D(2027, 1, 13), None),
    # Over the spring bank holiday, Monday 25 May 2026.
    ("irp-request", D(2026, 5, 22), D(2026, 6, 15), None),
    # Transport: 20 working days over the August bank holiday (31 Aug 2026).
    ("transport-review-request", D(2026, 8, 14), D(2026, 9, 14), None),
    ("transport-review-reply", D(2026, 8, 14), D(2026, 9, 14), None),
    ("transport-appeal-request", D(2027, 12, 17), D(2028, 1, 19), None),  # 27-28 Dec, 3 Jan
    ("transport-appeal-decision", D(2026, 12, 1), D(2027, 1, 29), None),
    # Reg 44 (orders) and reg 45 (unopposed): weeks from the order or the council's notice.
    ("order-assessment-notice", D(2026, 12, 1), D(2026, 12, 15), None),
    ("order-assessment-no-plan", D(2026, 12, 1), D(2027, 2, 9), None),
    ("order-assessment-plan", D(2026, 12, 1), D(2027, 3, 9), None),
    ("order-plan-draft", D(2026, 12, 1), D(2027, 1, 5), None),
    ("order-plan-final", D(2026, 12, 1), D(2027, 2, 16), None),
    ("order-amend", D(2027, 7, 20), D(2027, 8, 24), None),  # August counts
    ("order-school", D(2026, 12, 11), D(2026, 12, 25), None),  # Christmas Day: stays
    ("unopposed-assessment-notice", D(2028, 2, 15), D(2028, 2, 29), None),
    ("unopposed-assessment-no-plan", D(2026, 12, 1), D(2027, 2, 9), None),
    ("unopposed-assessment-plan", D(2026, 12, 1), D(2027, 3, 9), None),
    ("unopposed-amend", D(2026, 12, 1), D(2027, 1, 5), None),
    ("unopposed-school", D(2026, 12, 14), D(2026, 12, 28), None),  # substitute holiday: stays
    ("unopposed-plan-draft", D(2026, 12, 1), D(2027, 1, 5), None),
    ("unopposed-plan-final", D(2026, 12, 1), D(2027, 2, 16), None),
    ("recommendation-response", D(2026, 11, 10), D(2026, 12, 15), None),
    ("advice-request", D(2026, 12, 1), D(2027, 1, 12), None),
    # CFA s.44(1): 12 months starting with the day the plan was made.
    ("annual-review-due", D(2026, 10, 1), D(2027, 9, 30), None),
    ("annual-review-due", D(2028, 2, 29), D(2029, 2, 28), None),
    # Reg 20(3)-(4): at least 2 weeks before the meeting.
    ("review-invitations", D(2027, 1, 21), D(2027, 1, 7), None),
    ("review-papers", D(2028, 3, 1), D(2028, 2, 16), None),  # leap year
    ("review-report", D(2026, 12, 21), D(2027, 1, 4), None),
    ("reassessment-decision", D(2026, 12, 20), D(2027, 1, 4), None),
    ("reassessment-plan", D(2026, 10, 1), D(2027, 1, 7), None),
    # Reg 18(1): "before 15 February" / "before 31 March" in the calendar year of the move.
    ("phase-transfer-school", D(2027, 9, 1), D(2027, 2, 14), None),  # a Sunday: stays
    ("phase-transfer-school", D(2028, 9, 5), D(2028, 2, 14), None),
    ("phase-transfer-post16", D(2027, 9, 1), D(2027, 3, 30), None),
    # Reg 18(2): at least 5 months before; 31 Feb 2027 does not exist -> 28 Feb.
    ("phase-transfer-post16-other", D(2028, 1, 31), D(2027, 8, 31), None),
    ("phase-transfer-post16-other", D(2027, 7, 31), D(2027, 2, 28), None),
]


@pytest.mark.parametrize(("rule", "start", "expected", "moved"), NEW_WORKED)
def test_new_worked_examples(
    rule: str, start: dt.date, expected: dt.date, moved: dt.date | None
) -> None:
    result = calculate(rule, start, working_days=WORKING)
    assert result.deadline == expected
    assert result.moved_from == moved
    assert result.counted_from == start


def test_every_new_rule_has_a_worked_example() -> None:
    from tests.test_deadlines import WORKED

    covered = {w[0] for w in NEW_WORKED} | {w[0] for w in WORKED}
    assert covered == set(RULES)


# -- the date on the letter and the day it was sent (r.20(1)(c), review I-T1) ----------------


@pytest.mark.parametrize(
    ("sent", "dated", "certificate", "expected", "basis"),
    [
        # Review c2-18: dated Sat 24 Oct 2026, sent Mon 26 Oct: 24 Dec beats 4 Jan 2027.
        (D(2026, 10, 26), D(2026, 10, 24), None, D(2026, 12, 24), "date printed on the letter"),
        # Review A14/A15: dated 30 Jun 2026 (August rule -> 1 Sep), sent 3 Jul (3 Sep).
        (D(2026, 7, 3), D(2026, 6, 30), None, D(2026, 9, 1), "date printed on the letter"),
        # A letter dated after it was sent: the day it was sent gives the earlier date.
        (D(2026, 10, 1), D(2026, 10, 5), None, D(2026, 12, 1), "decision letter sent on"),
        # With a certificate: dated 24 Oct -> later of 24 Dec and 20 Dec = 24 Dec; sent 26 Oct
        # -> 26 Dec -> 4 Jan 2027. The earlier is 24 Dec.
        (
            D(2026, 10, 26),
            D(2026, 10, 24),
            D(2026, 11, 20),
            D(2026, 12, 24),
            "date printed on the letter",
        ),
        # The certificate's month wins both ways (review A10): Monday 4 January 2027.
        (D(2026, 10, 1), D(2026, 9, 30), D(2026, 12, 4), D(2027, 1, 4), "mediation certificate"),
    ],
)
def test_appeal_uses_the_earlier_of_dated_and_sent(
    sent: dt.date, dated: dt.date, certificate: dt.date | None, expected: dt.date, basis: str
) -> None:
    result = calculate("appeal", sent, dated=dated, certificate=certificate)
    assert result.deadline == expected
    assert basis in result.basis
    assert result.start == sent and result.dated == dated
    text = " ".join(result.warnings)
    assert "printed on the letter" in text and "sent" in text
    json = result.as_json()
    assert json["start"] == sent.isoformat()
    assert json["deadline"] == expected.isoformat()


def test_dated_explanation_shows_both_dates() -> None:
    result = calculate("appeal", D(2026, 10, 26), dated=D(2026, 10, 24))
    shown = result.as_json()["explanation"]
    for words in (
        "Saturday 24 October 2026",
        "Monday 26 October 2026",
        "Thursday 24 December 2026",
        "Monday 4 January 2027",
        "earlier, safe date",
    ):
        assert words in shown


@settings(max_examples=200, deadline=None)
@given(
    sent=st.dates(min_value=D(2020, 1, 1), max_value=D(2035, 12, 31)),
    shift=st.integers(min_value=-20, max_value=20),
    rule=st.sampled_from(["appeal", "appeal-school", "mediation-adviser-contact"]),
)
def test_dated_never_gives_a_later_date_than_either_alone(
    sent: dt.date, shift: int, rule: str
) -> None:
    dated = sent + dt.timedelta(days=shift)
    both = calculate(rule, sent, dated=dated, working_days=WORKING).deadline
    alone = [calculate(rule, d, working_days=WORKING).deadline for d in (sent, dated)]
    assert both == min(alone)


def test_nhs_complaint_counts_from_the_later_of_event_and_notice() -> None:
    result = calculate("nhs-complaint", D(2026, 3, 1), noticed=D(2026, 5, 31))
    assert result.deadline == D(2027, 5, 31)  # spring bank holiday 2027: stays
    assert result.counted_from == D(2026, 5, 31)
    assert "finding out about it on Sunday 31 May 2026" in result.basis
    assert any("does not move" in w for w in result.warnings)
    same = calculate("nhs-complaint", D(2026, 3, 1), noticed=D(2026, 3, 1))
    assert same.deadline == D(2027, 3, 1) and "the event on" in same.basis
    with pytest.raises(DeadlineError, match="before"):
        calculate("nhs-complaint", D(2026, 3, 1), noticed=D(2026, 2, 1))


@pytest.mark.parametrize(
    ("rule", "option"),
    [("final-plan", "dated"), ("appeal", "noticed"), ("appeal-school", "certificate")],
)
def test_extra_dates_only_where_the_rule_takes_them(rule: str, option: str) -> None:
    with pytest.raises(DeadlineError, match="only applies"):
        calculate(rule, D(2026, 10, 1), **{option: D(2026, 10, 2)})


# -- Tribunal days (r.12(3)(b)) --------------------------------------------------------------


def test_permission_to_appeal_edge_into_august_uses_the_earlier_date_and_warns() -> None:
    # 4-31 Jul 2027 is 28 days; 31 Jul is a Saturday; the next working day, 2 Aug, is August.
    result = calculate("upper-tribunal-permission", D(2027, 7, 3), working_days=WORKING)
    assert result.deadline == D(2027, 8, 2)
    assert result.moved_from == D(2027, 7, 31)
    assert any("does not count" in w for w in result.warnings)


@settings(max_examples=200, deadline=None)
@given(start=st.dates(min_value=D(2020, 1, 1), max_value=D(2035, 12, 31)))
def test_permission_to_appeal_counts_exactly_28_days_outside_the_gaps(start: dt.date) -> None:
    result = calculate("upper-tribunal-permission", start, working_days=WORKING)
    end = result.moved_from or result.deadline
    counted = [
        start + dt.timedelta(days=n)
        for n in range(1, (end - start).days + 1)
        if (start + dt.timedelta(days=n)).month != 8
        and not (
            ((start + dt.timedelta(days=n)).month, (start + dt.timedelta(days=n)).day) >= (12, 25)
            or ((start + dt.timedelta(days=n)).month, (start + dt.timedelta(days=n)).day) == (1, 1)
        )
    ]
    assert len(counted) == 28 and counted[-1] == end
    assert WORKING.is_working_day(result.deadline)


# -- phase transfer (reg 18) -----------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(move=st.dates(min_value=D(2020, 1, 1), max_value=D(2035, 12, 31)))
def test_phase_transfer_is_the_day_before_the_named_date_of_that_year(move: dt.date) -> None:
    school = calculate("phase-transfer-school", move)
    assert school.deadline == D(move.year, 2, 14)
    assert "before 15 February" in school.basis and str(move.year) in school.basis
    post16 = calculate("phase-transfer-post16", move)
    assert post16.deadline == D(move.year, 3, 30)
    other = calculate("phase-transfer-post16-other", move)
    # At least 5 months before the move, and never more than 5 months and 3 days before it
    # (the corresponding date counted back; at month ends that is the safe, earlier day).
    assert add_months(other.deadline, 5) <= move
    assert (move - other.deadline).days <= (move - add_months(move, -5)).days <= 153 + 3
    assert school.moved_from is None and post16.moved_from is None


def test_phase_transfer_says_how_to_read_the_named_date() -> None:
    result = calculate("phase-transfer-school", D(2027, 9, 1))
    assert "before 15 February 2027" in result.basis
    assert "14 February is the last day" in result.explanation
    january = calculate("phase-transfer-school", D(2028, 1, 6))
    assert any("before the date the regulation names" in w for w in january.warnings)


# -- what each rule must say -----------------------------------------------------------------


def test_limits_outside_the_tribunal_never_move_and_say_when_late_is_accepted() -> None:
    """Ombudsmen, NHS, courts: the date as the law gives it, and when lateness is forgiven."""
    for rule in rules_complaints.COMPLAINTS:
        assert rule.on_non_working_day is OnNonWorkingDay.STAYS, rule.id
        assert rule.late, rule.id
    assert RULES["dd-claim"].late and RULES["irp-request"].late


def test_judicial_review_says_promptly_may_mean_sooner() -> None:
    rule = RULES["judicial-review"]
    assert "promptly" in rule.label.lower() and "sooner" in rule.label
    assert "Promptly can mean sooner" in rule.explanation
    assert any("extended by agreement" in c for c in rule.caveats)


def test_irp_says_it_counts_school_days_the_app_cannot_know() -> None:
    result = calculate("irp-request", D(2026, 12, 18))
    assert result.estimate and RULES["irp-request"].unit is Unit.SCHOOL_DAYS
    assert "estimate" in result.label
    assert "cannot know" in result.estimate and "term dates" in result.estimate
    assert result.estimate in result.as_text()


def test_medium_confidence_rules_say_so() -> None:
    medium = {r.id for r in RULES.values() if r.medium}
    assert {
        "recommendation-response",
        "reassessment-decision",
        "advice-request",
        "childrens-social-care-complaint",
        "transport-review-request",
    } <= medium
    for rule_id in medium:
        assert RULES[rule_id].medium.startswith("Medium confidence"), rule_id
        assert RULES[rule_id].medium in calculate(rule_id, D(2026, 10, 1)).as_text()


def test_every_rule_is_complete_and_grouped() -> None:
    assert sum(len(v) for v in GROUPS.values()) == len(RULES) >= 45
    for rule in RULES.values():
        assert rule.label and rule.explanation and rule.citation and rule.start_label, rule.id
        assert "{date}" in rule.counted_from, rule.id
        assert isinstance(rule.group, Group)
        assert rule.unit is Unit.FIXED_DAY or rule.period > 0, rule.id
        assert (rule.fixed is not None) == (rule.unit is Unit.FIXED_DAY), rule.id


def test_days_left() -> None:
    assert days_left(D(2026, 12, 24), D(2026, 12, 1)) == "23 days left."
    assert days_left(D(2026, 12, 2), D(2026, 12, 1)) == "1 day left (tomorrow)."
    assert days_left(D(2026, 12, 1), D(2026, 12, 1)) == "Today is the last day."
    assert days_left(D(2026, 11, 30), D(2026, 12, 1)) == "This date has passed."
    text = calculate("appeal", D(2026, 10, 1)).as_text(today=D(2026, 11, 1))
    assert "30 days left." in text
