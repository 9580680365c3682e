"""Status as of a date: the bundled plan, the rules for each kind of entry, and properties."""

import ast
import datetime as dt
import itertools
from pathlib import Path

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import xiaojie as xj
from strategies import HORIZON_END, HORIZON_START, dates, plans, progress_for
from xiaojie.dates import Cadence, Comparator, Frequency, Period
from xiaojie.model import (
    Campaign,
    CheckMode,
    Indicator,
    Milestone,
    Obligation,
    Plan,
    Responsibility,
    ResponsibleUnit,
    Role,
    Target,
    Task,
    Tracking,
    UnitRegistry,
)
from xiaojie.progress import Completion, Measurement, Occurrence, Progress, read_progress
from xiaojie.tracking import Entry, EntryKind, Result, Snapshot, State, item_status, status


DATA = Path(__file__).parent / "data" / "progress"
PLAN = xj.load_plan()
D = dt.date
END_OF_JULY = D(2025, 7, 31)

# The reported obligations of 四、工作要求 and task 5, active from the plan's date (2025-06-18).
MONTHLY = (
    "monthly-data-comparison",
    "group-monthly-meeting",
    "city-monthly-briefing",
    "county-monthly-study",
)
QUARTERLY = ("region-quarterly-briefing", "city-quarterly-study")
MONTH_STARTS = (
    "2025-06-18",
    "2025-07-01",
    "2025-08-01",
    "2025-09-01",
    "2025-10-01",
    "2025-11-01",
    "2025-12-01",
)
QUARTER_STARTS = ("2025-06-18", "2025-07-01", "2025-10-01")


def _windows(ids, starts):
    return {f"{i}@{s}" for i in ids for s in starts}


UNIT = ResponsibleUnit(id="lead", name="自治区牵头厅")
OTHER = ResponsibleUnit(id="other", name="自治区配合厅")


def _plan(*, milestones=(), obligations=(), indicators=(), tasks=None):
    """A one-campaign plan around the given items (task 1 owned by both units)."""
    if tasks is None:
        tasks = [
            Task(
                number=1,
                title="任务一",
                campaign=1,
                responsibilities=[
                    Responsibility(UNIT, Role.LEAD),
                    Responsibility(OTHER, Role.CO_RESPONSIBLE),
                ],
            )
        ]
    return Plan(
        id="small",
        title="小方案",
        reference_date=D(2025, 6, 18),
        campaigns=[Campaign(number=1, name="行动")],
        tasks=tasks,
        milestones=milestones,
        obligations=obligations,
        indicators=indicators,
        units=UnitRegistry([UNIT, OTHER]),
    )


def _milestone_plan(due, start=None):
    return _plan(milestones=[Milestone(id="m", title="事项", when=Period(start, due), task=1)])


def _state(plan, key, progress=None, **kwargs):
    return status(plan, progress, **kwargs).entry(key).state


def _indicator_plan(*targets, check=CheckMode.AT_DUE):
    return _plan(indicators=[Indicator(id="i", name="指标", targets=targets, task=1, check=check)])


def _target(
    value=60,
    *,
    due=END_OF_JULY,
    start=None,
    soft=False,
    benchmark=None,
    comparator=Comparator.AT_LEAST,
):
    return Target(
        value=value,
        comparator=comparator,
        unit="%",
        due=None if due is None else Period(start, due),
        soft=soft,
        benchmark=benchmark,
    )


class TestBundledPlan:
    def test_nothing_overdue_on_1_june(self):
        """On 1 June 2025, before the plan's first date (6月中旬), nothing is overdue or due soon."""
        snap = status(PLAN, as_of=D(2025, 6, 1))

        assert () == snap.overdue()
        assert () == snap.due_soon()

    def test_overdue_on_1_august(self):
        """On 1 August 2025 exactly the items due by the end of July are overdue."""
        expected = {
            # 三、推进实施: 6月中旬 meetings and ledgers, 6月底前 plan, 7月中旬 meeting
            "mobilisation-meetings",
            "rectification-deployment-meeting",
            "local-work-ledgers",
            "submit-rectification-plan",
            "onsite-promotion-meeting",
            # 四、工作要求: 7月份 training course
            "campaign-training-course",
            # task 18: 7月底前召开全区驻村帮扶工作推进会
            "resident-work-meeting",
            # task 21: 7月底…资金支出进度达到60%; task 22: 力争7月底前盘活利用率达到80%
            "spending-progress#0",
            "asset-revitalisation-rate#0",
        }
        expected |= _windows(MONTHLY, MONTH_STARTS[:2]) | _windows(QUARTERLY, QUARTER_STARTS[:1])

        snap = status(PLAN, as_of=D(2025, 8, 1))

        assert expected == {e.key for e in snap.overdue()}
        assert State.OVERDUE == snap.entry("resident-work-meeting").state
        assert 18 == snap.entry("resident-work-meeting").task

    def test_commerce_has_nothing_overdue(self):
        """Nothing that 自治区商务厅 answers for (task 11) is overdue on 1 August."""
        snap = status(PLAN, as_of=D(2025, 8, 1))
        commerce = PLAN.units.resolve("商务厅").id
        owned = snap.for_owner(commerce)

        assert {"industry-share#0", "task-11"} == {e.key for e in owned}
        assert all(e.state is not State.OVERDUE for e in owned)
        assert State.ONGOING == snap.task_state(11)

    def test_soft_target_without_report_is_overdue(self):
        """The 力争 asset-revitalisation target is overdue when nothing was reported, but soft."""
        entry = status(PLAN, as_of=D(2025, 8, 1)).entry("asset-revitalisation-rate#0")

        assert (State.OVERDUE, Result.NOT_REPORTED, True) == (entry.state, entry.result, entry.soft)

    def test_everything_dated_is_overdue_in_2026(self):
        """On 15 January 2026, with nothing done, every dated item is overdue and nothing else."""
        milestones = {m.id for m in PLAN.milestones}
        targets = {
            "identification-accuracy#0",
            "measure-timeliness#0",
            "elimination-accuracy#0",
            "education-retention#0",
            "insurance-coverage#0",
            "migrant-income-growth#0",
            "poor-area-income-growth#0",
            "poor-area-income-growth#1",
            "labour-transfer#0",
            "organised-output-share#0",
            "spending-progress#0",
            "spending-progress#1",
            "budget-execution#0",
            "asset-revitalisation-rate#0",
        }
        expected = (
            milestones
            | targets
            | _windows(MONTHLY, MONTH_STARTS)
            | _windows(QUARTERLY, QUARTER_STARTS)
        )

        snap = status(PLAN, as_of=D(2026, 1, 15))

        assert 16 == len(milestones)
        assert expected == {e.key for e in snap.overdue()}
        assert {e.key for e in snap if e.due is None} == {
            e.key for e in snap if e.state is State.ONGOING
        }

    def test_undated_duties_stay_ongoing(self):
        """送教上门 (a standard), undated targets and undated tasks are ongoing and undated."""
        snap = status(PLAN, as_of=D(2026, 1, 15))

        for key in ("home-teaching", "dropout-zero#0", "industry-share#0", "task-1", "task-25"):
            assert (State.ONGOING, None) == (snap.entry(key).state, snap.entry(key).due)

    def test_task_states(self):
        """Tasks roll up from their entries: 18 is overdue on 1 August, 1 (undated) ongoing."""
        states = status(PLAN, as_of=D(2025, 8, 1)).task_states()

        assert list(range(1, 26)) == sorted(states)
        assert State.OVERDUE == states[18]
        assert State.OVERDUE == states[5]
        assert State.ONGOING == states[1]
        assert State.IN_WINDOW == states[12]

    def test_progress_moves_items_to_done(self):
        """The fixture's completions move the July items to done on time or late, as dated."""
        progress = read_progress(DATA / "ningxia-2025-by-august.csv")
        snap = status(PLAN, progress, as_of=D(2025, 8, 1))

        assert {"city-monthly-briefing@2025-07-01"} == {e.key for e in snap.overdue()}
        expected = {
            "local-work-ledgers": State.DONE_ON_TIME,
            "mobilisation-meetings": State.DONE_ON_TIME,
            "rectification-deployment-meeting": State.DONE_ON_TIME,
            "submit-rectification-plan": State.DONE_ON_TIME,
            "campaign-training-course": State.DONE_ON_TIME,
            "onsite-promotion-meeting": State.DONE_LATE,
            "resident-work-meeting": State.DONE_ON_TIME,
            "spending-progress#0": State.DONE_ON_TIME,
            "asset-revitalisation-rate#0": State.DONE_ON_TIME,
            "group-monthly-meeting@2025-07-01": State.DONE_ON_TIME,
            "city-monthly-briefing@2025-06-18": State.DONE_ON_TIME,
            "task-1": State.DONE_ON_TIME,
            "midterm-report": State.UPCOMING,
        }
        assert expected == {key: snap.entry(key).state for key in expected}

    def test_progress_details(self):
        """Early, surplus and soft-not-met entries carry their result and an explaining note."""
        progress = read_progress(DATA / "ningxia-2025-by-august.csv")
        snap = status(PLAN, progress, as_of=D(2025, 8, 1))
        asset = snap.entry("asset-revitalisation-rate#0")

        assert "early" in snap.entry("local-work-ledgers").note
        assert "more than the 1 allowed" in snap.entry("group-monthly-meeting@2025-07-01").note
        assert (Result.NOT_MET, 75.0, D(2025, 7, 31)) == (asset.result, asset.value, asset.done_on)
        assert (Result.MET, 62.0) == (
            snap.entry("spending-progress#0").result,
            snap.entry("spending-progress#0").value,
        )
        assert asset not in snap.not_met()

    def test_later_records_count_later(self):
        """A completion dated after as_of counts only from its date; a missed month stays overdue."""
        progress = read_progress(DATA / "ningxia-2025-by-august.csv")
        snap = status(PLAN, progress, as_of=D(2025, 9, 1))

        assert State.DONE_ON_TIME == snap.entry("midterm-report").state
        assert State.OVERDUE == snap.entry("city-monthly-briefing@2025-07-01").state
        assert State.DONE_ON_TIME == snap.entry("city-monthly-briefing@2025-08-01").state

    def test_progress_is_checked(self):
        """Status refuses progress that names items the plan does not have."""
        progress = Progress([Completion("resident-work-meting", "2025-07-30")])

        with pytest.raises(xj.ProgressError, match="closest: resident-work-meeting"):
            status(PLAN, progress, as_of=D(2025, 8, 1))

    def test_due_soon_at_the_end_of_august(self):
        """On 25 August the 8月底前 items and August's obligation windows are due soon."""
        snap = status(PLAN, as_of=D(2025, 8, 25))

        expected = {"midterm-report", "resident-cadre-training"} | _windows(MONTHLY, ["2025-08-01"])
        assert expected == {e.key for e in snap.due_soon()}


class TestDeadlines:
    @pytest.mark.parametrize(
        ("as_of", "state"),
        [
            (D(2025, 7, 23), State.UPCOMING),
            (D(2025, 7, 24), State.DUE_SOON),
            (D(2025, 7, 31), State.DUE_SOON),
            (D(2025, 8, 1), State.OVERDUE),
        ],
    )
    def test_states_around_the_due_date(self, as_of, state):
        """ "7月底前": due soon from 7 days before (the due date included), overdue from D+1."""
        assert state == _state(_milestone_plan(D(2025, 7, 31)), "m", as_of=as_of)

    @pytest.mark.parametrize(
        ("done", "state"),
        [(D(2025, 7, 31), State.DONE_ON_TIME), (D(2025, 8, 1), State.DONE_LATE)],
    )
    def test_done_on_the_due_date_is_on_time(self, done, state):
        """Completion on the due date is on time; the day after is late."""
        entry = status(
            _milestone_plan(D(2025, 7, 31)),
            Progress([Completion("m", done)]),
            as_of=D(2025, 12, 31),
        ).entry("m")

        assert (state, done) == (entry.state, entry.done_on)

    def test_earliest_completion_counts(self):
        """When a milestone is recorded as completed twice, the first date counts."""
        progress = Progress([Completion("m", "2025-08-02"), Completion("m", "2025-07-30")])

        assert State.DONE_ON_TIME == _state(
            _milestone_plan(D(2025, 7, 31)), "m", progress, as_of=D(2025, 9, 1)
        )

    def test_due_soon_days_zero(self):
        """With a due-soon length of 0 only the due date itself is due soon."""
        plan = _milestone_plan(D(2025, 7, 31))

        assert State.UPCOMING == _state(plan, "m", as_of=D(2025, 7, 30), due_soon_days=0)
        assert State.DUE_SOON == _state(plan, "m", as_of=D(2025, 7, 31), due_soon_days=0)

    def test_working_days_skip_the_national_day_holiday(self):
        """Counted in working days, 1-8 October 2025 do not count, so 9 October is due soon from 30 September."""
        plan = _milestone_plan(D(2025, 10, 9))

        assert State.UPCOMING == _state(plan, "m", as_of=D(2025, 9, 30), due_soon_days=2)
        assert State.DUE_SOON == _state(
            plan, "m", as_of=D(2025, 9, 30), due_soon_days=2, working_days=True
        )
        assert State.UPCOMING == _state(
            plan, "m", as_of=D(2025, 9, 26), due_soon_days=2, working_days=True
        )

    def test_working_days_need_calendar_data(self):
        """A year the official calendar does not cover fails loudly."""
        plan = _milestone_plan(D(2031, 10, 9))

        with pytest.raises(xj.CalendarCoverageError, match="2031"):
            status(plan, as_of=D(2031, 10, 1), working_days=True)

    def test_bad_arguments(self):
        """as_of must be a date, not a datetime; the due-soon length must not be negative."""
        plan = _milestone_plan(D(2025, 7, 31))

        with pytest.raises(xj.DateValueError, match="as_of: expected a date, found a datetime"):
            status(plan, as_of=dt.datetime(2025, 7, 1, 12, 0))
        with pytest.raises(
            xj.DateValueError, match="due_soon_days: expected a non-negative integer"
        ):
            status(plan, as_of=D(2025, 7, 1), due_soon_days=-1)


class TestWindows:
    @pytest.mark.parametrize(
        ("as_of", "state"),
        [
            (D(2025, 7, 10), State.UPCOMING),
            (D(2025, 7, 11), State.IN_WINDOW),
            (D(2025, 7, 12), State.IN_WINDOW),
            (D(2025, 7, 13), State.DUE_SOON),
            (D(2025, 7, 20), State.DUE_SOON),
            (D(2025, 7, 21), State.OVERDUE),
        ],
    )
    def test_states_of_a_window(self, as_of, state):
        """ "7月中旬召开": upcoming, in the window, due soon in the last 7 days before the 20th, overdue after."""
        assert state == _state(_milestone_plan(D(2025, 7, 20), D(2025, 7, 11)), "m", as_of=as_of)

    def test_short_window_is_due_soon_before_it_opens(self):
        """When the due-soon length exceeds the window, due soon starts before the window opens."""
        plan = _milestone_plan(D(2025, 7, 20), D(2025, 7, 11))

        assert State.DUE_SOON == _state(plan, "m", as_of=D(2025, 7, 8), due_soon_days=14)

    @pytest.mark.parametrize(
        ("done", "state", "early"),
        [
            (D(2025, 7, 8), State.DONE_ON_TIME, True),
            (D(2025, 7, 10), State.DONE_ON_TIME, True),
            (D(2025, 7, 11), State.DONE_ON_TIME, False),
            (D(2025, 7, 15), State.DONE_ON_TIME, False),
            (D(2025, 7, 22), State.DONE_LATE, False),
        ],
    )
    def test_done_before_inside_or_after_the_window(self, done, state, early):
        """Done before the window is on time but noted as early; after it, late."""
        entry = status(
            _milestone_plan(D(2025, 7, 20), D(2025, 7, 11)),
            Progress([Completion("m", done)]),
            as_of=D(2025, 8, 1),
        ).entry("m")

        assert state == entry.state
        assert early == entry.note.startswith("early")


class TestObligations:
    def _plan(self, cadence, tracking=Tracking.REPORTED):
        return _plan(
            obligations=[
                Obligation(
                    id="o",
                    title="例会",
                    cadence=cadence,
                    task=1,
                    active=Period(D(2025, 6, 18), D(2025, 9, 30)),
                    tracking=tracking,
                )
            ]
        )

    def test_every_window_is_listed(self):
        """Each monthly window of the active period is an entry, future ones upcoming."""
        plan = self._plan(Cadence(frequency=Frequency.MONTHLY))
        snap = status(plan, as_of=D(2025, 7, 5))

        assert ["o@2025-06-18", "o@2025-07-01", "o@2025-08-01", "o@2025-09-01"] == [
            e.key for e in snap.entries_of("o")
        ]
        assert [State.OVERDUE, State.IN_WINDOW, State.UPCOMING, State.UPCOMING] == [
            e.state for e in snap.entries_of("o")
        ]
        assert Period(D(2025, 6, 18), D(2025, 6, 30)) == snap.entry("o@2025-06-18").window

    def test_min_count_and_surplus(self):
        """A window is done at its min_count-th occurrence; more than max_count is noted."""
        plan = self._plan(Cadence(frequency=Frequency.MONTHLY, min_count=2, max_count=2))
        progress = Progress(
            [
                Occurrence("o", "2025-07-03"),
                Occurrence("o", "2025-07-29"),
                Occurrence("o", "2025-07-30"),
                Occurrence("o", "2025-08-10"),
            ]
        )
        snap = status(plan, progress, as_of=D(2025, 9, 1))
        july, august = snap.entry("o@2025-07-01"), snap.entry("o@2025-08-01")

        assert (State.DONE_ON_TIME, D(2025, 7, 29)) == (july.state, july.done_on)
        assert "3 occurrences" in july.note
        assert (State.OVERDUE, "1 of 2 occurrences recorded") == (august.state, august.note)

    def test_due_day_inside_the_window(self):
        """ "每月28日前": overdue from the 29th; an occurrence on the 30th is late."""
        plan = self._plan(Cadence(frequency=Frequency.MONTHLY, due_day=28))

        assert State.OVERDUE == _state(plan, "o@2025-07-01", as_of=D(2025, 7, 29))
        assert State.DONE_LATE == _state(
            plan, "o@2025-07-01", Progress([Occurrence("o", "2025-07-30")]), as_of=D(2025, 8, 5)
        )

    def test_occurrence_outside_the_window_does_not_count(self):
        """A July meeting held on 2 August does not make up for July."""
        plan = self._plan(Cadence(frequency=Frequency.MONTHLY))

        assert State.OVERDUE == _state(
            plan, "o@2025-07-01", Progress([Occurrence("o", "2025-08-02")]), as_of=D(2025, 8, 5)
        )

    def test_standard_is_one_ongoing_entry(self):
        """A standard of service (送教上门) is one ongoing, undated entry."""
        plan = self._plan(Cadence(frequency=Frequency.WEEKLY, max_count=2), Tracking.STANDARD)
        snap = status(plan, Progress([Occurrence("o", "2025-07-03")]), as_of=D(2025, 12, 1))

        assert [("o", State.ONGOING, None)] == [
            (e.key, e.state, e.due) for e in snap.entries_of("o")
        ]
        assert EntryKind.OBLIGATION == snap.entry("o").kind


class TestTargets:
    def test_met_early_is_done_on_time(self):
        """A measurement meeting the target before its due date makes it done on time."""
        plan = _indicator_plan(_target(60))
        entry = status(
            plan, Progress([Measurement("i", "2025-07-20", 61)]), as_of=D(2025, 7, 22)
        ).entry("i#0")

        assert (State.DONE_ON_TIME, Result.MET, 61.0, D(2025, 7, 20)) == (
            entry.state,
            entry.result,
            entry.value,
            entry.done_on,
        )

    def test_not_met_before_due_keeps_date_state(self):
        """Not met before the due date: the date decides the state, the result says not met."""
        plan = _indicator_plan(_target(60))
        entry = status(
            plan, Progress([Measurement("i", "2025-07-20", 55)]), as_of=D(2025, 7, 22)
        ).entry("i#0")

        assert (State.UPCOMING, Result.NOT_MET) == (entry.state, entry.result)

    def test_not_met_at_due_is_overdue_until_met(self):
        """A hard target not met by its due date is overdue, then done late once met."""
        plan = _indicator_plan(_target(60))
        progress = Progress(
            [Measurement("i", "2025-07-31", 55), Measurement("i", "2025-08-15", 60)]
        )

        assert (State.OVERDUE, Result.NOT_MET) == (
            status(plan, progress, as_of=D(2025, 8, 14)).entry("i#0").state,
            status(plan, progress, as_of=D(2025, 8, 14)).entry("i#0").result,
        )
        late = status(plan, progress, as_of=D(2025, 8, 15)).entry("i#0")
        assert (State.DONE_LATE, Result.MET, D(2025, 8, 15)) == (
            late.state,
            late.result,
            late.done_on,
        )

    def test_first_reported_late(self):
        """A target first reported after its due date: overdue if not met, done late if met."""
        plan = _indicator_plan(_target(60))

        assert State.OVERDUE == _state(
            plan, "i#0", Progress([Measurement("i", "2025-08-03", 50)]), as_of=D(2025, 8, 5)
        )
        assert State.DONE_LATE == _state(
            plan, "i#0", Progress([Measurement("i", "2025-08-03", 70)]), as_of=D(2025, 8, 5)
        )

    def test_soft_target_not_met_is_not_overdue(self):
        """A 力争 target reported on time but not met is not overdue; its result is not met."""
        plan = _indicator_plan(_target(80, soft=True))
        entry = status(
            plan, Progress([Measurement("i", "2025-07-31", 75)]), as_of=D(2025, 12, 31)
        ).entry("i#0")

        assert (State.DONE_ON_TIME, Result.NOT_MET, True) == (entry.state, entry.result, entry.soft)

    def test_soft_target_reported_late(self):
        """A 力争 target reported after its due date is done late, whatever the value."""
        plan = _indicator_plan(_target(80, soft=True))
        entry = status(
            plan, Progress([Measurement("i", "2025-08-03", 75)]), as_of=D(2025, 12, 31)
        ).entry("i#0")

        assert (State.DONE_LATE, Result.NOT_MET, D(2025, 8, 3)) == (
            entry.state,
            entry.result,
            entry.done_on,
        )

    def test_always_target_fails_on_one_violation(self):
        """ "稳定在99%以上": one measurement below 99 before the due date makes it not met."""
        plan = _indicator_plan(_target(99, due=D(2025, 12, 31)), check=CheckMode.ALWAYS)
        progress = Progress(
            [
                Measurement("i", "2025-07-31", 99.2),
                Measurement("i", "2025-09-30", 98.7),
                Measurement("i", "2025-12-31", 99.5),
            ]
        )

        before = status(plan, progress, as_of=D(2025, 10, 1)).entry("i#0")
        after = status(plan, progress, as_of=D(2026, 1, 1)).entry("i#0")

        assert (State.UPCOMING, Result.NOT_MET, 98.7) == (before.state, before.result, before.value)
        assert (State.OVERDUE, Result.NOT_MET) == (after.state, after.result)

    def test_always_violation_is_not_undone_later(self):
        """A violated ALWAYS target stays overdue and not met, whatever is measured after its due date."""
        plan = _indicator_plan(_target(99, due=D(2025, 12, 31)), check=CheckMode.ALWAYS)
        progress = Progress(
            [Measurement("i", "2025-09-30", 98.7), Measurement("i", "2026-01-31", 99.6)]
        )
        entry = status(plan, progress, as_of=D(2026, 2, 1)).entry("i#0")

        assert (State.OVERDUE, Result.NOT_MET, 98.7) == (entry.state, entry.result, entry.value)

    def test_always_target_held_throughout(self):
        """An ALWAYS target is not done before its due date, and done on time once every check held."""
        plan = _indicator_plan(_target(99, due=D(2025, 12, 31)), check=CheckMode.ALWAYS)
        progress = Progress(
            [Measurement("i", "2025-07-31", 99.2), Measurement("i", "2025-12-31", 99.5)]
        )

        assert State.DUE_SOON == _state(plan, "i#0", progress, as_of=D(2025, 12, 31))
        assert State.DONE_ON_TIME == _state(plan, "i#0", progress, as_of=D(2026, 1, 1))

    def test_undated_targets_are_ongoing(self):
        """ "动态清零" without a date: ongoing, with the result of the measurements so far."""
        plan = _indicator_plan(
            _target(0, due=None, comparator=Comparator.AT_MOST), check=CheckMode.ALWAYS
        )
        progress = Progress([Measurement("i", "2025-07-31", 0), Measurement("i", "2025-08-31", 2)])

        assert (State.ONGOING, Result.MET) == (
            status(plan, progress, as_of=D(2025, 8, 1)).entry("i#0").state,
            status(plan, progress, as_of=D(2025, 8, 1)).entry("i#0").result,
        )
        assert Result.NOT_MET == status(plan, progress, as_of=D(2027, 1, 1)).entry("i#0").result
        assert Result.NOT_REPORTED == status(plan, as_of=D(2027, 1, 1)).entry("i#0").result

    def test_relative_target_needs_a_benchmark(self):
        """ "高于全国平均水平": without a benchmark value the state is unknown and the note says why."""
        plan = _indicator_plan(
            _target(
                None, due=D(2025, 12, 31), benchmark="全国平均水平", comparator=Comparator.MORE_THAN
            )
        )

        unknown = status(
            plan, Progress([Measurement("i", "2025-12-31", 98.0)]), as_of=D(2026, 1, 5)
        ).entry("i#0")
        known = status(
            plan, Progress([Measurement("i", "2025-12-31", 98.0, 97.5)]), as_of=D(2026, 1, 5)
        ).entry("i#0")

        assert (State.UNKNOWN, None) == (unknown.state, unknown.result)
        assert "no benchmark value for '全国平均水平'" in unknown.note
        assert (State.DONE_ON_TIME, Result.MET) == (known.state, known.result)

    def test_measurement_for_one_staged_target(self):
        """``id#1`` measures only the second target; ``id`` measures both."""
        plan = _indicator_plan(_target(60, due=D(2025, 7, 31)), _target(85, due=D(2025, 10, 31)))
        progress = Progress(
            [Measurement("i", "2025-07-31", 62), Measurement("i#1", "2025-10-31", 86)]
        )
        snap = status(plan, progress, as_of=D(2025, 11, 1))

        assert (62.0, 86.0) == (snap.entry("i#0").value, snap.entry("i#1").value)
        assert [State.DONE_ON_TIME, State.DONE_ON_TIME] == [e.state for e in snap.entries_of("i")]

    def test_target_measurement_leaves_other_targets_alone(self):
        """A measurement of ``id#1`` is not a report for target 0."""
        plan = _indicator_plan(_target(60, due=D(2025, 7, 31)), _target(85, due=D(2025, 10, 31)))
        entry = status(
            plan, Progress([Measurement("i#1", "2025-07-20", 86)]), as_of=D(2025, 8, 1)
        ).entry("i#0")

        assert (State.OVERDUE, Result.NOT_REPORTED) == (entry.state, entry.result)

    def test_measurements_before_a_target_window_do_not_count(self):
        """ "2025年实现…": a 2024 measurement says nothing about the 2025 target."""
        plan = _indicator_plan(_target(80, due=D(2025, 12, 31), start=D(2025, 1, 1)))

        entry = status(
            plan, Progress([Measurement("i", "2024-12-31", 85)]), as_of=D(2025, 6, 1)
        ).entry("i#0")

        assert (State.IN_WINDOW, Result.NOT_REPORTED) == (entry.state, entry.result)


class TestTasksAndSnapshot:
    def _plan(self):
        second = Task(
            number=2,
            title="任务二",
            campaign=1,
            responsibilities=[Responsibility(OTHER, Role.LEAD)],
        )
        first = Task(
            number=1, title="任务一", campaign=1, responsibilities=[Responsibility(UNIT, Role.LEAD)]
        )
        return _plan(
            tasks=[first, second],
            milestones=[
                Milestone(id="a", title="甲", when=Period(None, D(2025, 7, 31)), task=1),
                Milestone(id="b", title="乙", when=Period(None, D(2025, 9, 30)), task=1),
            ],
        )

    def test_task_duty_for_undated_task(self):
        """A task with no dated item is one ongoing duty until completed."""
        plan = self._plan()

        assert State.ONGOING == _state(plan, "task-2", as_of=D(2026, 1, 1))
        assert State.DONE_ON_TIME == _state(
            plan, "task-2", Progress([Completion("task-2", "2025-11-11")]), as_of=D(2026, 1, 1)
        )
        assert () == status(plan, as_of=D(2026, 1, 1)).entries_of("task-1")

    def test_task_state_worst_wins(self):
        """A task is done only when all its entries are; otherwise its worst entry decides."""
        plan = self._plan()
        one = Progress([Completion("a", "2025-07-30")])
        both = one.add(Completion("b", "2025-10-02"))

        assert State.UPCOMING == status(plan, one, as_of=D(2025, 8, 1)).task_state(1)
        assert State.OVERDUE == status(plan, one, as_of=D(2025, 10, 1)).task_state(1)
        assert State.DONE_LATE == status(plan, both, as_of=D(2025, 10, 3)).task_state(1)

    def test_snapshot_lookups(self):
        """Entries are found by key, item and owner; unknown keys and tasks are errors."""
        snap = status(self._plan(), as_of=D(2025, 8, 1))

        assert ["a", "b", "task-2"] == [e.key for e in snap]
        assert ["a", "b"] == [e.key for e in snap.for_owner("lead")]
        assert ["task-2"] == [e.key for e in snap.for_owner("other")]
        assert 1 == snap.counts()[State.OVERDUE]
        with pytest.raises(xj.UnknownItemError, match="unknown entry 'c'"):
            snap.entry("c")
        with pytest.raises(xj.UnknownItemError, match="unknown task 3"):
            snap.task_state(3)

    def test_hand_built_snapshot_knows_its_tasks_from_entries(self):
        """A snapshot built without a task list takes the tasks its entries name."""
        entries = status(self._plan(), as_of=D(2025, 8, 1)).entries
        snap = Snapshot(as_of=D(2025, 8, 1), plan_id="small", entries=entries)

        assert {1: State.OVERDUE, 2: State.ONGOING} == snap.task_states()
        assert State.OVERDUE == snap.task_state(1)

    def test_severity_order(self):
        """Severity runs from overdue (worst) to done on time (best)."""
        order = [
            State.OVERDUE,
            State.UNKNOWN,
            State.DUE_SOON,
            State.IN_WINDOW,
            State.UPCOMING,
            State.ONGOING,
            State.DONE_LATE,
            State.DONE_ON_TIME,
        ]

        assert order == sorted(State, key=lambda s: -s.severity)
        assert {State.DONE_LATE, State.DONE_ON_TIME} == {s for s in State if s.is_done}

    def test_labels(self):
        """Each state has a Chinese label and an entry prints its key, state and due date."""
        entry = status(self._plan(), as_of=D(2025, 8, 1)).entry("a")

        assert "已逾期" == State.OVERDUE.label
        assert "a: overdue (due 2025-07-31)" == str(entry)


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------

plans_and_progress = plans().flatmap(lambda plan: progress_for(plan).map(lambda p: (plan, p)))
as_of_dates = dates(HORIZON_START - dt.timedelta(days=30), HORIZON_END + dt.timedelta(days=60))


class TestProperties:
    @given(data=plans_and_progress, first=as_of_dates, later=as_of_dates)
    def test_overdue_stays_overdue_until_done(self, data, first, later):
        """An entry overdue at one date is overdue or done at every later date."""
        plan, progress = data
        first, later = sorted((first, later))
        before = status(plan, progress, as_of=first)
        after = status(plan, progress, as_of=later)

        for entry in before.overdue():
            assert after.entry(entry.key).state in {
                State.OVERDUE,
                State.DONE_LATE,
                State.DONE_ON_TIME,
            }

    @given(data=plans_and_progress, as_of=as_of_dates, k=st.integers(0, 30))
    def test_due_soon_and_overdue_follow_the_due_date(self, data, as_of, k):
        """Overdue means past the due date, due soon means at most k days before it, never both."""
        plan, progress = data
        snap = status(plan, progress, as_of=as_of, due_soon_days=k)
        base = status(plan, progress, as_of=as_of)

        for entry in snap.due_soon():
            assert entry.due is not None
            assert 0 <= (entry.due - as_of).days <= k
        for entry in snap.overdue():
            assert entry.due is not None
            assert as_of > entry.due
        assert {e.key for e in base.overdue()} == {e.key for e in snap.overdue()}
        assert not {e.key for e in snap.due_soon()} & {e.key for e in snap.overdue()}

    @given(
        due=dates(),
        length=st.none() | st.integers(0, 40),
        done=dates(),
        as_of=as_of_dates,
    )
    @example(due=D(2024, 2, 29), length=None, done=D(2024, 2, 29), as_of=D(2024, 2, 29))
    @example(due=D(2024, 12, 31), length=30, done=D(2024, 12, 31), as_of=D(2025, 1, 1))
    @example(due=D(2025, 7, 31), length=None, done=D(2025, 7, 31), as_of=D(2025, 7, 31))
    def test_completion_by_the_due_date_is_never_overdue_or_late(self, due, length, done, as_of):
        """A milestone completed on or before its due date is never overdue or late, at any date."""
        start = None if length is None else max(HORIZON_START, due - dt.timedelta(days=length))
        plan = _milestone_plan(due, start)
        state = _state(plan, "m", Progress([Completion("m", done)]), as_of=as_of)

        if done <= due:
            assert state not in {State.OVERDUE, State.DONE_LATE}
        if as_of >= done:
            assert state is (State.DONE_ON_TIME if done <= due else State.DONE_LATE)
        elif as_of > due:
            assert state is State.OVERDUE

    @given(due=dates(), as_of=as_of_dates, k=st.integers(0, 10))
    @example(due=D(2024, 2, 29), as_of=D(2024, 2, 29), k=0)
    @example(due=D(2024, 2, 29), as_of=D(2024, 3, 1), k=7)
    @example(due=D(2025, 12, 31), as_of=D(2025, 12, 24), k=7)
    @example(due=D(2025, 12, 31), as_of=D(2026, 1, 1), k=7)
    def test_deadline_oracle(self, due, as_of, k):
        """An open deadline's state is exactly what a naive reading of TIME.md gives."""
        if as_of > due:
            expected = State.OVERDUE
        elif (due - as_of).days <= k:
            expected = State.DUE_SOON
        else:
            expected = State.UPCOMING

        assert expected == _state(_milestone_plan(due), "m", as_of=as_of, due_soon_days=k)

    @given(data=plans_and_progress, as_of=as_of_dates)
    def test_plan_status_is_item_by_item(self, data, as_of):
        """The status of a plan equals its items' statuses, each computed from its own records."""
        plan, progress = data
        entries = []
        for item in itertools.chain(plan.items(), plan.tasks):
            own = Progress(r for r in progress if r.item.partition("#")[0] == item.id)
            entries.extend(item_status(plan, item, own, as_of=as_of))

        expected = Snapshot(
            as_of=as_of, plan_id=plan.id, entries=entries, tasks=[t.number for t in plan.tasks]
        )
        assert expected == status(plan, progress, as_of=as_of)

    @given(data=plans_and_progress, as_of=as_of_dates)
    def test_status_is_a_function_of_its_arguments(self, data, as_of):
        """Same arguments give equal snapshots, and records dated after as_of change nothing."""
        plan, progress = data

        assert status(plan, progress, as_of=as_of) == status(plan, progress, as_of=as_of)
        assert status(plan, progress, as_of=as_of) == status(
            plan, progress.until(as_of), as_of=as_of
        )

    @given(data=plans_and_progress, as_of=as_of_dates)
    def test_snapshot_invariants(self, data, as_of):
        """Keys are unique and sorted, undated entries are never overdue, tasks roll up worst-first."""
        plan, progress = data
        snap = status(plan, progress, as_of=as_of)
        keys = [e.key for e in snap]
        states = snap.task_states()

        assert len(keys) == len(set(keys))
        assert sorted(snap, key=lambda e: (e.due or dt.date.max, e.key)) == list(snap)
        for entry in snap:
            if entry.due is None:
                assert entry.state in {State.ONGOING, State.UNKNOWN, State.DONE_ON_TIME}
        assert {t.number for t in plan.tasks} == set(states)
        for number, state in states.items():
            own = [e.state for e in snap if e.task == number]
            assert own
            assert state == max(own, key=lambda s: s.severity)
            assert state.is_done == all(s.is_done for s in own)


class TestNoClock:
    @pytest.mark.parametrize(
        "module",
        ["tracking/__init__.py", "tracking/_snapshot.py", "tracking/_status.py", "progress.py"],
    )
    def test_source_never_reads_the_clock(self, module):
        """The status and progress modules call no date.today(), datetime.now() or time.time()."""
        source = (Path(xj.__file__).parent / module).read_text(encoding="utf-8")
        clocks = {
            "date",
            "datetime",
            "dt.date",
            "dt.datetime",
            "datetime.date",
            "datetime.datetime",
            "time",
        }

        def dotted(node):
            if isinstance(node, ast.Name):
                return node.id
            if isinstance(node, ast.Attribute):
                return f"{dotted(node.value)}.{node.attr}"
            return "?"

        calls = {
            dotted(node.func)
            for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and dotted(node.func.value) in clocks
        }
        imports = {
            alias.name
            for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in node.names
        }

        assert not {
            c
            for c in calls
            if c.rpartition(".")[2] in {"today", "now", "utcnow", "time", "time_ns", "monotonic"}
        }
        assert "time" not in imports

    def test_same_answer_under_a_different_clock(self, monkeypatch):
        """Moving the process clock by years does not change a snapshot."""
        import time

        before = status(PLAN, as_of=D(2025, 8, 1))
        monkeypatch.setattr(time, "time", lambda: 4_000_000_000.0)
        monkeypatch.setattr(time, "time_ns", lambda: 4_000_000_000 * 10**9)

        assert before == status(PLAN, as_of=D(2025, 8, 1))


def test_entries_are_frozen():
    """Entries cannot be changed after they are made."""
    entry = Entry(key="k", item_id="k", kind=EntryKind.MILESTONE, title="t", state=State.UPCOMING)

    with pytest.raises(attrs.exceptions.FrozenInstanceError, match="can't set attribute"):
        entry.state = State.OVERDUE  # type: ignore[misc]


class TestExample:
    def test_example_script_prints_a_summary(self, capsys):
        """The example script reads the example progress file and prints the one overdue window."""
        import runpy

        script = runpy.run_path(str(Path(__file__).parents[1] / "examples" / "track_progress.py"))

        assert 0 == script["main"]([])
        out = capsys.readouterr().out
        assert "已逾期 (1)\n  07-31  city-monthly-briefing@2025-07-01" in out
        assert "状态日期 2025-09-15" in out

    def test_example_json_equals_csv(self):
        """The example progress exists as CSV and JSON with the same records."""
        folder = Path(__file__).parents[1] / "examples" / "progress"

        assert read_progress(folder / "ningxia-2025-progress.csv", plan=PLAN) == read_progress(
            folder / "ningxia-2025-progress.json", plan=PLAN
        )
