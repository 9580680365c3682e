"""Occurrences of duties due after their window (次月5日前, 结束后10日内, 遇节假日顺延) or before it."""

import datetime as dt

import attrs
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import xiaojie as xj
from model_strategies import cadences
from xiaojie.dates import Cadence, Frequency, HolidayShift, Period
from xiaojie.errors import CalendarCoverageError, ProgressError
from xiaojie.model import Obligation
from xiaojie.progress import Completion, Occurrence, Progress
from xiaojie.tracking import State, status


PLAN = xj.load_plan()
D = dt.date


def _plan_with(cadence: Cadence, start: dt.date, end: dt.date) -> xj.Plan:
    duty = Obligation(id="o", title="报送进展", cadence=cadence, active=Period(start, end))
    return attrs.evolve(PLAN, obligations=(duty,))


def _windows(snapshot):
    return sorted((e for e in snapshot.entries if e.item_id == "o"), key=lambda e: e.window.start)


@settings(deadline=None, max_examples=80)
@given(
    cadence=cadences(holidays=True),
    start=st.dates(D(2024, 1, 1), D(2025, 6, 30)),
    days=st.integers(0, 300),
)
def test_done_on_each_due_date_is_every_window_on_time(cadence, start, days):
    """Reporting each window's occurrences on its due date makes every window done on time.

    Wherever the due date lies — inside the window, after it (次月5日前, 结束后N日内, a date
    moved past a holiday) or before it (遇节假日提前) — the occurrences made on it count for it.
    """
    cadence = attrs.evolve(cadence, max_count=None)
    plan = _plan_with(cadence, start, min(start + dt.timedelta(days=days), D(2025, 12, 31)))
    duty = plan.obligations[0]
    try:
        dues = [cadence.due_in(w) for w in duty.windows()]
    except CalendarCoverageError:
        assume(False)
    occurrences = [Occurrence("o", due) for due in dues for _ in range(cadence.min_count)]
    as_of = max(dues) + dt.timedelta(days=1)

    snapshot = status(plan, Progress(occurrences), as_of=as_of)

    assert [e.state for e in _windows(snapshot)] == [State.DONE_ON_TIME] * len(dues)


def test_a_report_after_the_window_counts_for_it_not_the_next():
    """次月5日前报送上月情况: June's report on 3 July is June's; July's comes on 4 August."""
    cadence = Cadence(frequency=Frequency.MONTHLY, due_next_month=True, due_day=5)
    plan = _plan_with(cadence, D(2025, 6, 1), D(2025, 7, 31))
    progress = Progress([Occurrence("o", D(2025, 7, 3)), Occurrence("o", D(2025, 8, 4))])

    june, july = _windows(status(plan, progress, as_of=D(2025, 8, 10)))

    assert (june.state, june.done_on) == (State.DONE_ON_TIME, D(2025, 7, 3))
    assert (july.state, july.done_on) == (State.DONE_ON_TIME, D(2025, 8, 4))


def test_one_report_in_the_overlap_counts_once():
    """A single report on 3 July is June's (due 5 July); July, with none of its own, is overdue."""
    cadence = Cadence(frequency=Frequency.MONTHLY, due_next_month=True, due_day=5)
    plan = _plan_with(cadence, D(2025, 6, 1), D(2025, 7, 31))
    progress = Progress([Occurrence("o", D(2025, 7, 3))])

    june, july = _windows(status(plan, progress, as_of=D(2025, 8, 10)))

    assert june.state is State.DONE_ON_TIME
    assert july.state is State.OVERDUE


def test_a_meeting_after_its_month_still_does_not_make_it_up():
    """Due at the month's end: a July meeting held on 2 August counts for August, as before."""
    cadence = Cadence(frequency=Frequency.MONTHLY)
    plan = _plan_with(cadence, D(2025, 7, 1), D(2025, 8, 31))
    progress = Progress([Occurrence("o", D(2025, 8, 2))])

    july, august = _windows(status(plan, progress, as_of=D(2025, 9, 10)))

    assert july.state is State.OVERDUE
    assert august.state is State.DONE_ON_TIME


def test_a_report_on_the_advanced_date_counts_for_its_month():
    """每月5日前（遇节假日提前）: October's is due 30 September; September's was made on 4 September."""
    cadence = Cadence(frequency=Frequency.MONTHLY, due_day=5, on_holiday=HolidayShift.ADVANCE)
    plan = _plan_with(cadence, D(2025, 9, 1), D(2025, 10, 31))
    progress = Progress([Occurrence("o", D(2025, 9, 4)), Occurrence("o", D(2025, 9, 30))])

    september, october = _windows(status(plan, progress, as_of=D(2025, 11, 1)))

    assert october.due == D(2025, 9, 30)
    assert (september.state, september.done_on) == (State.DONE_ON_TIME, D(2025, 9, 4))
    assert (october.state, october.done_on) == (State.DONE_ON_TIME, D(2025, 9, 30))


# A returned 调度 sheet takes a window's occurrence up to the window's due date.
MONTHLY_REPORT = Cadence(frequency=Frequency.MONTHLY, due_next_month=True, due_day=5)
REPORTING = attrs.evolve(
    PLAN,
    obligations=(attrs.evolve(PLAN.obligations[0], cadence=MONTHLY_REPORT), *PLAN.obligations[1:]),
)
AS_OF = D(2025, 8, 20)


@settings(deadline=None, max_examples=40)
@given(day=st.dates(PLAN.reference_date or D(2025, 6, 18), AS_OF))
def test_a_returned_row_takes_days_up_to_its_due_date(day):
    """A window's row is accepted exactly when its date lies in the window or up to its due date."""
    from diaodu_builders import judged, returned_row
    from xiaojie.io import Verdict, progress_sheets

    duty = REPORTING.obligations[0]
    snapshot = status(REPORTING, as_of=AS_OF)
    sent = progress_sheets(REPORTING, snapshot)
    window = next(w for w in duty.windows() if w.end.month == 7)
    key = f"{duty.id}@{window.start.isoformat()}"
    sheet = next(s for s in sent if any(r.key == key for r in s.rows))
    row = returned_row(sheet, key, done_on=day)

    found = judged(REPORTING, sent, sheet.unit.id, row, as_of=AS_OF)

    due = MONTHLY_REPORT.due_in(window)
    assert due == D(2025, 8, 5)
    assert (found.verdict is Verdict.ACCEPTED) == (window.start <= day <= due)
    if found.verdict is not Verdict.ACCEPTED:
        assert f"or up to its due date {due.isoformat()}" in found.reasons[0]


def test_an_occurrence_reported_for_a_window_counts_for_it():
    """A July row done on 3 July (次月5日前) is July's, though June could have taken the day."""
    cadence = Cadence(frequency=Frequency.MONTHLY, due_next_month=True, due_day=5)
    plan = _plan_with(cadence, D(2025, 6, 1), D(2025, 7, 31))
    progress = Progress([Occurrence("o@2025-07-01", D(2025, 7, 3))]).validate(plan)

    june, july = _windows(status(plan, progress, as_of=D(2025, 8, 10)))

    assert june.state is State.OVERDUE
    assert (july.state, july.done_on) == (State.DONE_ON_TIME, D(2025, 7, 3))


def test_an_occurrence_outside_its_windows_reach_counts_for_none():
    cadence = Cadence(frequency=Frequency.MONTHLY)
    plan = _plan_with(cadence, D(2025, 6, 1), D(2025, 7, 31))
    progress = Progress([Occurrence("o@2025-06-01", D(2025, 7, 3))])

    june, july = _windows(status(plan, progress, as_of=D(2025, 8, 10)))

    assert (june.state, july.state) == (State.OVERDUE, State.OVERDUE)


def test_a_window_reference_is_checked_against_the_plan():
    cadence = Cadence(frequency=Frequency.MONTHLY)
    plan = _plan_with(cadence, D(2025, 6, 18), D(2025, 7, 31))

    [problem] = Progress([Occurrence("o@2025-06-01", D(2025, 6, 20))]).problems(plan)
    assert "no window of 'o' starts on 2025-06-01; its windows start on 2025-06-18, 2025-07-01" in (
        problem
    )
    [problem] = Progress([Completion("midterm-report@2025-06-01", D(2025, 6, 20))]).problems(
        attrs.evolve(PLAN)
    )
    assert "only obligations have windows" in problem
    with pytest.raises(ProgressError, match="'@2025-02-30' expected the first day of a window"):
        Occurrence("o@2025-02-30", D(2025, 6, 20))


def test_collected_rows_keep_their_window(tmp_path):
    """collect records an occurrence for its row's window, and it reads back from the file."""
    from diaodu_builders import judged, returned_row
    from xiaojie.io import progress_sheets
    from xiaojie.progress import read_progress, write_progress

    duty = REPORTING.obligations[0]
    sent = progress_sheets(REPORTING, status(REPORTING, as_of=AS_OF))
    july = next(w for w in duty.windows() if w.start == D(2025, 7, 1))
    key = f"{duty.id}@{july.start.isoformat()}"
    sheet = next(s for s in sent if any(r.key == key for r in s.rows))

    found = judged(
        REPORTING, sent, sheet.unit.id, returned_row(sheet, key, done_on=D(2025, 7, 3)), as_of=AS_OF
    )

    assert found.record == Occurrence(key, D(2025, 7, 3))
    path = write_progress(Progress([found.record]), tmp_path / "p.csv")
    again = read_progress(path, plan=REPORTING)
    snapshot = status(REPORTING, again, as_of=AS_OF)
    assert snapshot.entry(key).state is State.DONE_ON_TIME
