"""Deadline rules: worked examples written by hand from the facts sheet (§3, §5, §13),
working days, errors, and properties checked with hypothesis."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.data.dates import DateError, parse_date
from desktop.data.deadlines import (
    RULES,
    SAFETY_NOTE,
    DeadlineError,
    HolidayFileError,
    WorkingDays,
    add_months,
    calculate,
    load_working_days,
    parse_holiday_lines,
)
from tests.conftest import RESOURCES

D = dt.date

# (rule, start, certificate, expected deadline, expected moved_from)
WORKED = [
    # SEN appeal: 2 calendar months after the letter was sent (corresponding date).
    ("appeal", D(2026, 10, 1), None, D(2026, 12, 1), None),
    # 31 Dec + 2 months = 28 Feb 2027, a Sunday -> Monday 1 March.
    ("appeal", D(2026, 12, 31), None, D(2027, 3, 1), D(2027, 2, 28)),
    # Leap year: 31 Dec 2027 + 2 months = Tuesday 29 Feb 2028.
    ("appeal", D(2027, 12, 31), None, D(2028, 2, 29), None),
    # Ends on a Saturday -> next working day.
    ("appeal", D(2026, 9, 7), None, D(2026, 11, 9), D(2026, 11, 7)),
    # Ends on Good Friday 2027 -> Easter Monday is not working either -> Tuesday.
    ("appeal", D(2027, 1, 26), None, D(2027, 3, 30), D(2027, 3, 26)),
    # Ends on Easter Monday 2027 (29 Mar) or the Saturday between -> Tuesday 30 March.
    ("appeal", D(2027, 1, 29), None, D(2027, 3, 30), D(2027, 3, 29)),
    ("appeal", D(2027, 1, 27), None, D(2027, 3, 30), D(2027, 3, 27)),
    # 26 Dec 2027 (Sunday) -> Christmas rule -> Tuesday 4 Jan 2028 (3 Jan is a substitute).
    ("appeal", D(2027, 10, 26), None, D(2028, 1, 4), D(2027, 12, 26)),
    # Ends on Good Friday 2026 -> Tuesday 7 April.
    ("appeal", D(2026, 2, 3), None, D(2026, 4, 7), D(2026, 4, 3)),
    # Christmas rule: ends 25 Dec, 31 Dec or 1 Jan -> first working day after 1 Jan 2027 (Mon 4th).
    ("appeal", D(2026, 10, 25), None, D(2027, 1, 4), D(2026, 12, 25)),
    ("appeal", D(2026, 10, 31), None, D(2027, 1, 4), D(2026, 12, 31)),
    ("appeal", D(2026, 11, 1), None, D(2027, 1, 4), D(2027, 1, 1)),
    # 27 Dec 2027 (a substitute bank holiday) -> after 1 Jan 2028: Sun 2nd, Mon 3rd is the
    # substitute New Year holiday -> Tuesday 4 Jan 2028.
    ("appeal", D(2027, 10, 27), None, D(2028, 1, 4), D(2027, 12, 27)),
    # 24 Dec is an ordinary working day: no Christmas rule.
    ("appeal", D(2027, 10, 24), None, D(2027, 12, 24), None),
    # August rule: ends 15 Aug 2026 -> Tuesday 1 Sep 2026; 30 Aug 2027 (bank holiday) -> Wed 1 Sep.
    ("appeal", D(2026, 6, 15), None, D(2026, 9, 1), D(2026, 8, 15)),
    ("appeal", D(2027, 6, 30), None, D(2027, 9, 1), D(2027, 8, 30)),
    # Appeal only about the school named: no certificate, same 2 months and r.12 moves.
    ("appeal-school", D(2026, 10, 1), None, D(2026, 12, 1), None),
    ("appeal-school", D(2026, 12, 31), None, D(2027, 3, 1), D(2027, 2, 28)),
    ("appeal-school", D(2026, 10, 27), None, D(2027, 1, 4), D(2026, 12, 27)),
    ("appeal-school", D(2026, 6, 30), None, D(2026, 9, 1), D(2026, 8, 30)),
    # Whichever is later: certificate + 1 month beats letter + 2 months.
    ("appeal", D(2026, 10, 1), D(2026, 11, 15), D(2026, 12, 15), None),
    # ... and the letter wins when the certificate came early.
    ("appeal", D(2026, 10, 1), D(2026, 10, 20), D(2026, 12, 1), None),
    # Certificate + 1 month = 28 Dec 2026 -> Christmas rule -> 4 Jan 2027.
    ("appeal", D(2026, 10, 20), D(2026, 11, 28), D(2027, 1, 4), D(2026, 12, 28)),
    # Certificate + 1 month = 10 Aug 2026 -> August rule -> 1 Sep 2026.
    ("appeal", D(2026, 5, 1), D(2026, 7, 10), D(2026, 9, 1), D(2026, 8, 10)),
    # Certificate on 31 Jan + 1 month = 28 Feb 2026 (a Saturday) -> Monday 2 March.
    ("appeal", D(2025, 12, 15), D(2026, 1, 31), D(2026, 3, 2), D(2026, 2, 28)),
    # Mediation certificate: 3 working days counted from the day after.
    ("mediation-certificate", D(2026, 12, 18), None, D(2026, 12, 23), None),
    # Over Christmas 2026: 23rd, 24th, then 25th, weekend and the substitute Boxing Day 28th.
    ("mediation-certificate", D(2026, 12, 22), None, D(2026, 12, 29), None),
    # Over Easter 2027: Good Friday 26 Mar, weekend, Easter Monday 29 Mar -> Thu 1 Apr.
    ("mediation-certificate", D(2027, 3, 25), None, D(2027, 4, 1), None),
    # Over Christmas 2027: 24th, then weekend and substitute days 27th-28th -> Thu 30 Dec.
    ("mediation-certificate", D(2027, 12, 23), None, D(2027, 12, 30), None),
    # Over Easter 2026: Good Friday 3rd, weekend, Easter Monday 6th.
    ("mediation-certificate", D(2026, 4, 2), None, D(2026, 4, 9), None),
    # Over New Year 2028: Mon 3 Jan is the substitute holiday.
    ("mediation-certificate", D(2027, 12, 31), None, D(2028, 1, 6), None),
    # Council and adviser duties: plain calendar addition, never moved.
    ("mediation-held", D(2026, 10, 1), None, D(2026, 10, 31), None),  # a Saturday: stays
    ("assessment-decision", D(2026, 10, 1), None, D(2026, 11, 12), None),
    ("no-plan-notice", D(2026, 10, 1), None, D(2027, 1, 21), None),
    ("final-plan", D(2026, 10, 1), None, D(2027, 2, 18), None),
    ("final-plan", D(2026, 8, 7), None, D(2026, 12, 25), None),  # Christmas Day: stays
    ("review-decision", D(2026, 12, 10), None, D(2027, 1, 7), None),
    ("amended-plan", D(2026, 10, 1), None, D(2026, 11, 26), None),
    ("mediation-adviser-contact", D(2026, 9, 7), None, D(2026, 11, 7), None),  # Saturday: stays
    # Draft plan: 15 days beginning with service = served + 14.
    ("draft-plan-comments", D(2026, 10, 1), None, D(2026, 10, 15), None),
    ("draft-plan-comments", D(2026, 2, 20), None, D(2026, 3, 6), None),
    ("draft-plan-comments", D(2028, 2, 20), None, D(2028, 3, 5), None),  # leap year
    ("amendment-comments", D(2026, 12, 20), None, D(2027, 1, 3), None),  # a Sunday: stays
    # Disability discrimination: 6 months starting with the day -> corresponding date - 1.
    ("dd-claim", D(2026, 10, 1), None, D(2027, 3, 31), None),
    # No 31 Feb 2027: the last day of February (W6 of the legal review; was wrongly 27 Feb).
    ("dd-claim", D(2026, 8, 31), None, D(2027, 2, 28), None),  # a Sunday: stays
    ("dd-claim", D(2026, 6, 26), None, D(2026, 12, 25), None),  # no Christmas rule
    ("dd-claim", D(2026, 2, 16), None, D(2026, 8, 15), None),  # no August rule
]


@pytest.mark.parametrize(("rule", "start", "cert", "expected", "moved"), WORKED)
def test_worked_examples(
    rule: str, start: dt.date, cert: dt.date | None, expected: dt.date, moved: dt.date | None
) -> None:
    result = calculate(rule, start, certificate=cert)
    assert result.deadline == expected
    assert result.moved_from == moved
    assert result.rule == rule
    assert result.label == RULES[rule].label
    assert result.citation and result.explanation


def test_enough_worked_examples() -> None:
    from tests.test_deadline_rules_new import NEW_WORKED

    assert len(WORKED) >= 25
    assert {w[0] for w in WORKED} | {w[0] for w in NEW_WORKED} == set(RULES)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2026, 9, 30), 4, D(2027, 1, 30)),  # Dodds v Walker: 30 Sep + 4 months = 30 Jan
        (D(2026, 12, 31), 2, D(2027, 2, 28)),
        (D(2027, 12, 31), 2, D(2028, 2, 29)),
        (D(2026, 8, 30), 2, D(2026, 10, 30)),
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2026, 3, 31), 1, D(2026, 4, 30)),
        (D(2026, 11, 15), 2, D(2027, 1, 15)),
    ],
)
def test_corresponding_date_rule(start: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(start, months) == expected


def test_bank_holidays_with_substitute_days() -> None:
    days = WorkingDays()
    for day in (D(2026, 12, 25), D(2026, 12, 28), D(2027, 12, 27), D(2027, 12, 28), D(2028, 1, 3)):
        assert not days.is_working_day(day), day
        assert days.holiday_name(day)
    for day in (D(2026, 12, 24), D(2026, 12, 29), D(2026, 12, 31), D(2027, 12, 24)):
        assert days.is_working_day(day), day
    assert not days.is_working_day(D(2026, 4, 3))  # Good Friday
    assert not days.is_working_day(D(2026, 11, 7))  # Saturday


def test_extra_bank_holidays_file_format_and_effect() -> None:
    extra = parse_holiday_lines(["# a note", "", "2027-06-04  # a proclaimed holiday"])
    assert extra == {D(2027, 6, 4)}
    days = WorkingDays(extra)
    assert not days.is_working_day(D(2027, 6, 4))
    assert days.holiday_name(D(2027, 6, 4)) == "Extra bank holiday"
    # Told on Thursday 3 June 2027: Friday 4th is the extra holiday, so Mon, Tue, Wed.
    result = calculate("mediation-certificate", D(2027, 6, 3), working_days=days)
    assert result.deadline == D(2027, 6, 9)
    assert calculate("mediation-certificate", D(2027, 6, 3)).deadline == D(2027, 6, 8)


def test_bad_line_in_extra_holidays_is_a_clear_error() -> None:
    with pytest.raises(HolidayFileError, match="Line 2"):
        parse_holiday_lines(["2027-06-04", "4 June 2027"])


def test_shipped_extra_holidays_file_loads() -> None:
    days = load_working_days(RESOURCES / "extra-bank-holidays.txt")
    assert days.is_working_day(D(2026, 12, 29))


def test_the_caller_names_the_extra_holidays_file(tmp_path) -> None:
    """Design §9: the data layer takes the path; it never looks it up in desktop.config."""
    extra = tmp_path / "extra.txt"
    extra.write_text("2027-06-04\n", encoding="utf-8")
    days = load_working_days(extra)
    assert not days.is_working_day(D(2027, 6, 4))
    assert load_working_days(tmp_path / "missing.txt").is_working_day(D(2027, 6, 4))
    assert calculate("mediation-certificate", D(2027, 6, 3), working_days=days).deadline == D(
        2027, 6, 9
    )


def test_ambiguous_edge_before_august_uses_earlier_date_and_warns() -> None:
    # 31 Jul 2027 is a Saturday: r.12(2) gives Mon 2 Aug, which is in August.
    result = calculate("appeal", D(2027, 5, 31))
    assert result.deadline == D(2027, 8, 2)
    assert result.moved_from == D(2027, 7, 31)
    assert any("earlier date" in w and "1 September 2027" in w for w in result.warnings)


def test_ambiguous_edge_before_christmas_uses_earlier_date_and_warns() -> None:
    # 24 Dec 2028 is a Sunday; 25th and 26th are bank holidays; Wed 27th is in the window.
    result = calculate("appeal", D(2028, 10, 24))
    assert result.deadline == D(2028, 12, 27)
    assert any("earlier date" in w for w in result.warnings)


def test_no_warning_for_an_ordinary_move() -> None:
    result = calculate("appeal", D(2026, 9, 7))
    assert not any("earlier date" in w for w in result.warnings)


def test_council_deadline_on_weekend_says_it_does_not_move() -> None:
    result = calculate("mediation-held", D(2026, 10, 1))
    assert any("does not move" in w for w in result.warnings)


def test_which_date_won_is_explained() -> None:
    later_cert = calculate("appeal", D(2026, 10, 1), certificate=D(2026, 11, 15))
    assert "certificate gives the later date" in later_cert.warnings[0]
    later_letter = calculate("appeal", D(2026, 10, 1), certificate=D(2026, 10, 20))
    assert "decision letter give the later date" in later_letter.warnings[0]


def test_json_shape_and_copy_text() -> None:
    result = calculate("appeal", D(2026, 12, 31))
    assert result.as_json() == {
        "rule": "appeal",
        "start": "2026-12-31",
        "deadline": "2027-03-01",
        "moved_from": "2027-02-28",
        "explanation": " ".join(
            [
                "Counted: 2 months from the decision letter sent on Thursday 31 December 2026.",
                RULES["appeal"].explanation,
                *RULES["appeal"].caveats,
            ]
        ),
        "citation": RULES["appeal"].citation,
    }
    assert calculate("dd-claim", D(2026, 10, 1)).as_json()["moved_from"] is None
    text = result.as_text()
    assert "Monday 1 March 2027" in text
    assert "Sunday 28 February 2027" in text
    assert SAFETY_NOTE in text
    assert "r.20(1)(c)" in text


def test_errors() -> None:
    with pytest.raises(DeadlineError, match="Unknown rule 'appeals'"):
        calculate("appeals", D(2026, 10, 1))
    with pytest.raises(DeadlineError, match="only applies"):
        calculate("final-plan", D(2026, 10, 1), certificate=D(2026, 10, 5))
    with pytest.raises(DeadlineError, match="before"):
        calculate("appeal", D(2026, 10, 1), certificate=D(2026, 9, 5))
    with pytest.raises(DateError, match="not a date"):
        parse_date("31/02/2026")
    assert parse_date("01/10/2026") == parse_date("2026-10-01") == D(2026, 10, 1)


def test_every_rule_has_what_the_issue_asks_for() -> None:
    for needed in (
        "appeal",
        "mediation-certificate",
        "mediation-held",
        "assessment-decision",
        "no-plan-notice",
        "final-plan",
        "draft-plan-comments",
        "review-decision",
        "dd-claim",
    ):
        rule = RULES[needed]
        assert rule.label and rule.citation and rule.explanation and rule.start_label
        assert rule.period > 0


# -- properties ------------------------------------------------------------------------------

dates = st.dates(min_value=D(2015, 1, 1), max_value=D(2040, 12, 31))
WORKING = load_working_days(RESOURCES / "extra-bank-holidays.txt")
FORWARD = sorted(r for r in RULES if not RULES[r].counts_backwards)


@settings(max_examples=300, deadline=None)
@given(rule=st.sampled_from(FORWARD), start=dates)
def test_a_deadline_never_precedes_its_start(rule: str, start: dt.date) -> None:
    assert calculate(rule, start).deadline > start


@settings(max_examples=300, deadline=None)
@given(rule=st.sampled_from(sorted(RULES)), start=dates)
def test_moved_results_land_on_a_working_day(rule: str, start: dt.date) -> None:
    result = calculate(rule, start)
    if result.moved_from is not None:
        assert WORKING.is_working_day(result.deadline)
        assert result.deadline > result.moved_from
    if RULES[rule].unit.value in ("working days", "school days"):
        assert WORKING.is_working_day(result.deadline)
    if RULES[rule].on_non_working_day.value == "stays":
        assert result.moved_from is None


@settings(max_examples=300, deadline=None)
@given(start=dates, gap=st.integers(min_value=0, max_value=200))
def test_appeal_never_earlier_than_two_months_after_the_decision(start: dt.date, gap: int) -> None:
    certificate = start + dt.timedelta(days=gap)
    result = calculate("appeal", start, certificate=certificate)
    assert result.deadline >= add_months(start, 2)
    assert result.deadline >= add_months(certificate, 1)
    assert WORKING.is_working_day(result.deadline)
    assert calculate("appeal", start).deadline >= add_months(start, 2)


# -- the command line ------------------------------------------------------------------------


@pytest.mark.parametrize("rule", sorted(RULES))
def test_cli_answers_every_rule_as_json(rule: str, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from desktop.cli import main

    assert main(["deadline", rule, "2026-10-01", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"rule", "start", "deadline", "moved_from", "explanation", "citation"}
    assert out["rule"] == rule
    assert out["start"] == "2026-10-01"
    assert out["deadline"] == calculate(rule, D(2026, 10, 1)).deadline.isoformat()


def test_cli_certificate_and_text(capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.cli import main

    assert main(["deadline", "appeal", "01/10/2026", "--certificate", "2026-11-15"]) == 0
    out = capsys.readouterr().out
    assert "Tuesday 15 December 2026" in out
    assert "Counted: 1 month from the mediation certificate issued on Sunday 15 November" in out
    assert SAFETY_NOTE in out
    assert "left." in out or "has passed." in out or "last day." in out


def test_cli_dated_gives_the_earlier_date_and_shows_both(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import json

    from desktop.cli import main

    args = ["deadline", "appeal", "2026-10-26", "--dated", "24 Oct 2026", "--json"]
    assert main(args) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"rule", "start", "deadline", "moved_from", "explanation", "citation"}
    assert out["start"] == "2026-10-26" and out["deadline"] == "2026-12-24"
    assert "Monday 4 January 2027" in out["explanation"]  # what the day sent would give
    assert "Counted: 2 months from the date printed on the letter" in out["explanation"]


def test_cli_noticed_and_new_rules(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from desktop.cli import main

    assert main(["deadline", "nhs-complaint", "2026-03-01", "--noticed", "31/05/2026", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["deadline"] == "2027-05-31"
    for rule, date, expected in (
        ("upper-tribunal-permission", "2026-07-20", "2026-09-17"),
        ("lgsco-complaint", "2026-03-15", "2027-03-14"),
        ("phso-complaint", "2026-03-15", "2027-03-15"),
        ("judicial-review", "2026-10-31", "2027-01-31"),
    ):
        assert main(["deadline", rule, date, "--json"]) == 0
        out = json.loads(capsys.readouterr().out)
        assert out["deadline"] == expected and out["moved_from"] is None, rule


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["deadline", "appeals", "2026-10-01"], "Unknown rule 'appeals'"),
        (["deadline", "appeal", "2026-13-01"], "is not a date"),
        (["deadline", "appeal", "2026-10-01", "--certificate", "soon"], "is not a date"),
        (["deadline", "final-plan", "2026-10-01", "--certificate", "2026-10-02"], "only applies"),
        (["deadline", "final-plan", "2026-10-01", "--dated", "2026-10-02"], "only applies"),
        (["deadline", "appeal", "2026-10-01", "--noticed", "2026-10-02"], "only applies"),
        (["deadline", "nhs-complaint", "2026-10-01", "--noticed", "2026-09-02"], "before"),
        (["deadline", "appeal", "31/02/2026"], "February 2026 has 28 days"),
    ],
)
def test_cli_bad_input_is_one_clear_line_and_exit_2(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.cli import main

    assert main(args) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert message in captured.err
    assert len(captured.err.strip().splitlines()) == 1


def test_the_reason_for_a_move_is_the_rule_that_moved_it() -> None:
    # 29 Dec 2026 is a Tuesday, a working day: only the Christmas rule moves it.
    christmas = calculate("appeal", dt.date(2026, 10, 29))
    assert christmas.moved_from == dt.date(2026, 12, 29)
    assert christmas.deadline == dt.date(2027, 1, 4)
    assert "25 December and 1 January" in christmas.moved_reason
    assert "29 December 2026, which falls between 25 December" in christmas.as_text()
    august = calculate("appeal", dt.date(2026, 6, 11))  # 11 Aug 2026, a Tuesday
    assert august.deadline == dt.date(2026, 9, 1)
    assert "August" in august.moved_reason
    weekend = calculate("appeal", dt.date(2026, 12, 31))  # 28 Feb 2027, a Sunday
    assert weekend.deadline == dt.date(2027, 3, 1)
    assert weekend.moved_reason == "which is not a working day (Tribunal rule 12(2))"
    assert calculate("appeal", dt.date(2026, 11, 11)).moved_reason == ""  # Mon 11 Jan 2027


# -- regressions from the legal-accuracy review ----------------------------------------------


def test_cli_json_carries_the_ambiguous_edge_warning(capsys: pytest.CaptureFixture[str]) -> None:
    """Facts §13: the ambiguous edge must show a warning; the JSON used to drop it."""
    import json

    from desktop.cli import main

    # 31 May 2027 + 2 months = Saturday 31 July 2027; the next working day is in August.
    assert main(["deadline", "appeal", "2027-05-31", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["deadline"] == "2027-08-02"
    assert "earlier date" in out["explanation"]


def test_appeal_label_says_received_by_5pm() -> None:
    assert "5pm" in RULES["appeal"].label and "5pm" in RULES["appeal-school"].label
    assert "receive" in RULES["appeal"].explanation


def test_school_only_appeal_takes_no_certificate() -> None:
    with pytest.raises(DeadlineError, match="only applies"):
        calculate("appeal-school", D(2026, 10, 1), certificate=D(2026, 11, 15))


def test_late_appeal_is_not_promised() -> None:
    """HESC r.5(3)(a) is a discretion: the caveat must not say a late appeal will be accepted."""
    caveat = " ".join(RULES["appeal"].caveats)
    assert "may accept" in caveat and "does not have to" in caveat


def test_dd_claim_conciliation_is_the_ehrc_not_early_conciliation() -> None:
    caveats = " ".join(RULES["dd-claim"].caveats)
    assert "Equality and Human Rights Commission" in caveats
    assert "Early conciliation" not in caveats


def test_mediation_rule_says_arranged_not_held() -> None:
    """Facts §2: the council must arrange mediation within 30 days."""
    assert "arrange" in RULES["mediation-held"].label
    assert "take place" not in RULES["mediation-held"].label


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        # The legal review's W6 list (§2.3): no corresponding date -> last day of that month.
        (D(2026, 8, 31), D(2027, 2, 28)),
        (D(2026, 8, 30), D(2027, 2, 28)),
        (D(2026, 8, 29), D(2027, 2, 28)),  # review X3
        (D(2027, 8, 31), D(2028, 2, 29)),  # review X2: leap year
        (D(2027, 8, 30), D(2028, 2, 29)),
        (D(2028, 8, 29), D(2029, 2, 28)),
        (D(2026, 3, 31), D(2026, 9, 30)),
        (D(2026, 5, 31), D(2026, 11, 30)),
        (D(2026, 10, 31), D(2027, 4, 30)),
        (D(2026, 12, 31), D(2027, 6, 30)),
        # A corresponding date exists: the day before it.
        (D(2027, 8, 29), D(2028, 2, 28)),  # 29 Feb 2028 exists
        (D(2026, 3, 10), D(2026, 9, 9)),  # review X1
        (D(2027, 2, 28), D(2027, 8, 27)),  # ends in August: no August rule
        (D(2026, 6, 25), D(2026, 12, 24)),  # no Christmas rule
        (D(2026, 6, 30), D(2026, 12, 29)),  # review X4
        (D(2027, 3, 1), D(2027, 8, 31)),  # review X5
    ],
)
def test_dd_claim_six_months_starting_with_the_day(start: dt.date, expected: dt.date) -> None:
    result = calculate("dd-claim", start)
    assert result.deadline == expected
    assert result.moved_from is None


def test_dd_claim_explanation_states_the_month_end_rule() -> None:
    """W6: the shipped explanation must say what happens when there is no such date."""
    assert "last day of that month" in RULES["dd-claim"].explanation


@settings(max_examples=300, deadline=None)
@given(start=dates, months=st.integers(min_value=1, max_value=12))
def test_months_starting_with_ends_just_before_the_next_period(start: dt.date, months: int) -> None:
    """'N months starting with D': the day after the last day is the corresponding date, or,
    where that month has no such date, the first of the month after (the old
    clamp-then-minus-1 ended a day early there), and a later start never ends earlier."""
    from desktop.data.deadlines import months_starting_with

    end = months_starting_with(start, months)
    same = add_months(start, months)
    if same.day == start.day:
        assert end + dt.timedelta(days=1) == same
    else:
        assert end + dt.timedelta(days=1) == add_months(same.replace(day=1), 1)
    assert months_starting_with(start + dt.timedelta(days=1), months) >= end
