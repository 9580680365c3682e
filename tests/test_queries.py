"""Tests of the query API: overdue owners, holdings, workload, structure and slips."""

import datetime as dt
import doctest
import re
import subprocess
import sys
from pathlib import Path

import attrs
import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import xiaojie as xj
from xiaojie.errors import (
    DateValueError,
    DependencyCycleError,
    PlanValidationError,
    UnknownItemError,
    UnknownUnitError,
)
from xiaojie.graph import build_graph, neighbourhood
from xiaojie.io import bundled_source_text, plan_from_mapping, plan_to_mapping
from xiaojie.model import Indicator, ResponsibleUnit, Role
from xiaojie.progress import Completion, Measurement, Occurrence, Progress
from xiaojie.queries import (
    OwnedEntry,
    OwnerEntries,
    _entry_node,
    _overdue,
    bridging_units,
    co_responsibility,
    indicator_owners,
    indicators_of,
    items_of,
    responsibility_matrix,
    slack,
    slip_impact,
    tasks_coowned_by,
    tasks_led_by,
    units_with_overdue_tasks,
    upcoming_deadlines,
    workload,
)
from xiaojie.tracking import Entry, EntryKind, State, status


PLAN = xj.load_plan()
AUGUST = dt.date(2025, 8, 1)
SNAPSHOT = status(PLAN, as_of=AUGUST)
ROWS = units_with_overdue_tasks(PLAN, SNAPSHOT)
DUTY = re.compile(r"^(\d+)\.(.*)[(（]责任单位[:：](.*)[)）]$")


def source_tasks() -> dict[int, tuple[str, str]]:
    """Return each numbered task of the plan's source text: its text and its responsibility list."""
    found = {}
    for line in bundled_source_text().splitlines():
        match = DUTY.match(line.strip())
        if match:
            found[int(match.group(1))] = (match.group(2), match.group(3))
    return found


SOURCE = source_tasks()


def row_of(rows, unit_id):
    """Return the row of one owner, or None."""
    return next((row for row in rows if row.owner.id == unit_id), None)


def plan_with_members(members):
    """Return the bundled plan with the members of some groups listed."""
    data = plan_to_mapping(PLAN)
    for group in data["groups"]:
        if group["id"] in members:
            group["members"] = members[group["id"]]
    return plan_from_mapping(data, source="test")


class TestFromThePlanText:
    """The overdue owners on 2025-08-01 with no progress, proved from the plan's own words."""

    def test_source_has_every_task(self):
        """The source text yields the 25 numbered tasks with their responsibility lists."""
        assert sorted(SOURCE) == list(range(1, 26))

    def test_finance_owns_the_july_spending_target(self):
        """Task 21 wants 60% spending by end-July and names 财政厅, so finance is overdue."""
        text, units = SOURCE[21]
        owners = PLAN.units.resolve_list(units)
        finance = PLAN.units.resolve("财政厅")

        assert "7月底和10月底前,资金支出进度分别达到60%、85%" in text
        assert finance in owners
        row = row_of(ROWS, finance.id)
        assert row is not None
        mine = [e for e in row.owned if e.task == 21]
        assert [e.due for e in mine] == [dt.date(2025, 7, 31)]
        expected_role = Role.LEAD if owners.index(finance) == 0 else Role.CO_RESPONSIBLE
        assert [e.role for e in mine] == [expected_role]
        assert mine[0].entry.state is State.OVERDUE

    def test_sasac_owns_the_july_revitalisation_target(self):
        """Task 22 aims at 80% revitalisation by end-July and names 国资委, so SASAC is overdue."""
        text, units = SOURCE[22]
        sasac = PLAN.units.resolve("国资委")

        assert "力争7月底前年度盘活利用率达到80%以上" in text
        assert sasac in PLAN.units.resolve_list(units)
        row = row_of(ROWS, sasac.id)
        assert row is not None
        assert [(e.task, e.due) for e in row.owned] == [(22, dt.date(2025, 7, 31))]
        assert row.entries[0].soft

    def test_organisation_department_leads_the_july_meeting(self):
        """Task 18 holds a meeting by end-July and names 党委组织部 first, so it leads an overdue item."""
        text, units = SOURCE[18]
        department = PLAN.units.resolve("党委组织部")

        assert "7月底前召开全区驻村帮扶工作推进会" in text
        assert PLAN.units.resolve_list(units)[0] == department
        row = row_of(ROWS, department.id)
        assert row is not None
        assert [(e.task, e.role, e.due) for e in row.owned] == [
            (18, Role.LEAD, dt.date(2025, 7, 31))
        ]

    def test_commerce_has_nothing_due(self):
        """商务厅 is named for task 11 only, whose text sets no date, so it owns nothing overdue."""
        commerce = PLAN.units.resolve("商务厅")
        naming = [
            n for n, (_, units) in SOURCE.items() if commerce in PLAN.units.resolve_list(units)
        ]

        assert naming == [11]
        assert re.search(r"\d+月", SOURCE[11][0]) is None
        assert row_of(ROWS, commerce.id) is None


class TestUnitsWithOverdueTasks:
    def test_rows_follow_the_plans_order_of_units(self):
        """Owners come in the plan's own order, not alphabetically."""
        order = PLAN.unit_order()
        positions = [order[row.owner.id] for row in ROWS]

        assert positions == sorted(positions)
        assert [row.owner.name for row in ROWS][:2] == ["自治区医疗保障局", "自治区残疾人联合会"]

    def test_groups_are_reported_as_groups(self):
        """A group whose members are unknown is one row, flagged as a group, not expanded."""
        row = row_of(ROWS, "rural_work_group_relevant_members")

        assert row.is_group
        assert not row.expanded
        assert row.keys == ("asset-revitalisation-rate#0",)
        assert row.owned[0].role is Role.LEAD

    def test_groups_with_known_members_are_expanded(self):
        """Listed members of a group get the group's entries, flagged with the group."""
        plan = plan_with_members(
            {"rural_work_group_relevant_members": ["finance", "commerce", "sasac"]}
        )
        rows = units_with_overdue_tasks(plan, status(plan, as_of=AUGUST))
        commerce = row_of(rows, "commerce")
        finance = row_of(rows, "finance")
        sasac = row_of(rows, "sasac")

        assert row_of(rows, "rural_work_group_relevant_members").is_group
        assert commerce.expanded
        assert commerce.owned == (
            OwnedEntry(
                entry=commerce.entries[0], role=Role.LEAD, via="rural_work_group_relevant_members"
            ),
        )
        assert not finance.expanded
        assert [(e.key, e.via) for e in finance.owned] == [
            ("asset-revitalisation-rate#0", "rural_work_group_relevant_members"),
            ("spending-progress#0", None),
        ]
        assert [(e.key, e.role, e.via) for e in sasac.owned] == [
            ("asset-revitalisation-rate#0", Role.CO_RESPONSIBLE, None)
        ]

    def test_graph_and_plan_give_the_same_answer(self):
        """Asking with the plan or with a graph built from it gives one answer."""
        assert units_with_overdue_tasks(build_graph(PLAN), SNAPSHOT) == ROWS

    def test_snapshot_of_another_plan(self):
        """A snapshot of another plan is refused."""
        other = plan_with_members({})
        other = plan_from_mapping(
            {**plan_to_mapping(other), "plan": {**plan_to_mapping(other)["plan"], "id": "other"}},
            source="test",
        )

        with pytest.raises(
            PlanValidationError, match=r"snapshot\.plan_id: expected 'ningxia-2025', found 'other'"
        ):
            units_with_overdue_tasks(PLAN, status(other, as_of=AUGUST))

    def test_matches_a_naive_scan(self):
        """The rows equal those of a scan of every overdue entry's own owners."""
        for day in (dt.date(2025, 7, 1), AUGUST, dt.date(2025, 10, 15), dt.date(2026, 1, 1)):
            snapshot = status(PLAN, as_of=day)
            expected = {}
            for entry in snapshot.entries:
                if entry.state is State.OVERDUE:
                    for position, owner in enumerate(entry.owners):
                        role = Role.LEAD if position == 0 else Role.CO_RESPONSIBLE
                        expected.setdefault(owner.id, set()).add((entry.key, role))

            actual = {
                row.owner.id: {(e.key, e.role) for e in row.owned}
                for row in units_with_overdue_tasks(PLAN, snapshot)
            }

            assert expected == actual

    def test_row_accessors(self):
        """A row tells its length, tasks and entries' titles; an entry tells whether it came by a group."""
        row = row_of(ROWS, "agriculture")

        assert len(row) == 4
        assert row.tasks == (5, 18, 21)
        assert row.owned[2].title == "召开全区驻村帮扶工作推进会"
        assert not any(o.expanded for o in row.owned)

    def test_part_of_the_graph(self):
        """Given a part of the graph, entries of items outside it fall back on their own owners."""
        near = neighbourhood(PLAN, "财政厅", radius=2)

        assert units_with_overdue_tasks(near, SNAPSHOT) == ROWS

    def test_entries_of_items_the_plan_lacks(self):
        """An entry of an item the plan lacks answers through its own owners, new ones last."""
        stranger = ResponsibleUnit(id="stranger", name="外来单位")
        extra = Entry(
            key="extra",
            item_id="extra",
            kind=EntryKind.MILESTONE,
            title="额外事项",
            state=State.OVERDUE,
            due=dt.date(2025, 7, 1),
            owners=(stranger, PLAN.units.by_id("finance")),
        )
        snapshot = attrs.evolve(SNAPSHOT, entries=(*SNAPSHOT.entries, extra))

        rows = units_with_overdue_tasks(build_graph(PLAN), snapshot)

        assert rows[-1].owner == stranger
        assert rows[-1].owned[0].role is Role.LEAD
        assert [(e.key, e.role) for e in row_of(rows, "finance").owned] == [
            ("extra", Role.CO_RESPONSIBLE),
            ("spending-progress#0", Role.CO_RESPONSIBLE),
        ]

    def test_task_duties_name_their_task(self):
        """A task duty entry is the task's node."""
        assert _entry_node(SNAPSHOT.entry("task-11")) == "task:11"

    def test_row_text(self):
        """A row prints as the owner and its entries with roles."""
        assert (
            str(row_of(ROWS, "organisation_dept"))
            == "自治区党委组织部: resident-work-meeting(牵头)"
        )

    def test_rows_check_their_shape(self):
        """A row needs as many roles and groups as entries."""
        with pytest.raises(
            PlanValidationError, match="as many roles and vias as entries, found 1, 0, 0"
        ):
            OwnerEntries(
                owner=PLAN.units.by_id("finance"), entries=SNAPSHOT.entries[:1], roles=(), via=()
            )


DATES = st.dates(dt.date(2025, 6, 1), dt.date(2026, 3, 31))


@settings(max_examples=settings.default.max_examples // 2)
@given(DATES, DATES)
def test_overdue_owners_only_grow(first, second):
    """With no progress, the owners with overdue items at a date are still there later."""
    early, late = sorted((first, second))

    before = {row.owner.id for row in units_with_overdue_tasks(PLAN, status(PLAN, as_of=early))}
    after = {row.owner.id for row in units_with_overdue_tasks(PLAN, status(PLAN, as_of=late))}

    assert before <= after


@st.composite
def progress(draw):
    """Draw some completions, occurrences and measurements of the bundled plan's items."""
    milestones = draw(st.lists(st.sampled_from(PLAN.milestones), max_size=6, unique=True))
    obligations = draw(st.lists(st.sampled_from(PLAN.obligations), max_size=3))
    measured = [i for i in PLAN.indicators if i.targets[0].value is not None]
    indicators = draw(st.lists(st.sampled_from(measured), max_size=3, unique=True))
    return Progress(
        [
            *(Completion(m.id, draw(DATES)) for m in milestones),
            *(Occurrence(o.id, draw(DATES)) for o in obligations),
            *(Measurement(i.id, draw(DATES), draw(st.floats(0, 120))) for i in indicators),
        ]
    )


@given(DATES, progress())
def test_owners_appear_only_for_what_status_calls_overdue(day, done):
    """Every owner row holds only overdue entries the owner answers for, and every such owner has a row."""
    snapshot = status(PLAN, done, as_of=day)
    rows = units_with_overdue_tasks(PLAN, snapshot)
    overdue = snapshot.overdue()

    for row in rows:
        for entry in row.entries:
            assert entry.state is State.OVERDUE
            assert row.owner in entry.owners
    named = {owner.id for entry in overdue for owner in entry.owners}
    assert named == {row.owner.id for row in rows}
    assert _overdue(snapshot) == list(overdue)


class TestUpcomingDeadlines:
    def test_closed_range(self):
        """Both ends of the range count."""
        rows = upcoming_deadlines(
            PLAN, SNAPSHOT, start=dt.date(2025, 8, 31), end=dt.date(2025, 8, 31), unit="农办"
        )

        assert [row.keys for row in rows] == [("resident-cadre-training",)]

    def test_done_entries_are_left_out(self):
        """What is done does not come up again."""
        done = Progress([Completion("resident-cadre-training", "2025-07-30")])
        august = {
            "start": AUGUST,
            "end": dt.date(2025, 8, 31),
            "unit": "自治区党委农村工作领导小组办公室",
        }

        before = upcoming_deadlines(PLAN, SNAPSHOT, **august)
        after = upcoming_deadlines(PLAN, status(PLAN, done, as_of=AUGUST), **august)

        assert [row.keys for row in before] == [("resident-cadre-training",)]
        assert after == ()

    def test_every_owner(self):
        """Without a unit, every owner with something due in the range has a row."""
        rows = upcoming_deadlines(
            PLAN, SNAPSHOT, start=dt.date(2025, 9, 1), end=dt.date(2025, 9, 30)
        )

        assert {"sasac", "cities_counties_departments"} <= {row.owner.id for row in rows}
        assert all(
            dt.date(2025, 9, 1) <= e.due <= dt.date(2025, 9, 30)
            for row in rows
            for e in row.entries
        )

    def test_end_before_start(self):
        """A range that ends before it starts is refused."""
        with pytest.raises(DateValueError, match="end 2025-08-01 is before start 2025-09-01"):
            upcoming_deadlines(PLAN, SNAPSHOT, start=dt.date(2025, 9, 1), end=AUGUST)

    def test_datetime_is_refused(self):
        """A datetime is not a date."""
        with pytest.raises(DateValueError, match="start: expected a date, found a datetime"):
            upcoming_deadlines(PLAN, SNAPSHOT, start=dt.datetime(2025, 9, 1, 8, 0), end=AUGUST)

    def test_unknown_unit(self):
        """An unknown unit is named with suggestions."""
        with pytest.raises(UnknownUnitError, match="unknown unit '国资局'"):
            upcoming_deadlines(PLAN, SNAPSHOT, start=AUGUST, end=AUGUST, unit="国资局")


class TestSlack:
    def test_from_a_date(self):
        """Given a date, slack uses the status with no progress; overdue entries are negative."""
        found = slack(PLAN, AUGUST)

        assert [s.days for s in found] == sorted(s.days for s in found)
        assert all(s.days == (s.due - AUGUST).days for s in found)
        assert {s.key for s in found if s.days < 0} == {e.key for e in SNAPSHOT.overdue()}

    def test_done_entries_are_left_out(self):
        """Done entries have no slack to report."""
        done = Progress([Completion("midterm-report", "2025-07-30")])

        keys = {s.key for s in slack(PLAN, status(PLAN, done, as_of=AUGUST))}

        assert "midterm-report" not in keys
        assert "resident-cadre-training" in keys


class TestHoldings:
    @pytest.mark.parametrize(
        "name", ["医保局", "自治区医疗保障局", "healthcare_security", "unit:healthcare_security"]
    )
    def test_any_name_of_a_unit(self, name):
        """A unit is found by any of its names, its id or its node id."""
        expected = items_of(PLAN, PLAN.units.by_id("healthcare_security"))

        assert expected == items_of(PLAN, name)

    def test_led_and_shared_tasks_follow_the_lists(self):
        """A unit leads the tasks that list it first and shares those that list it later."""
        for owner in PLAN.units:
            led = [t for t in PLAN.tasks if t.units[0] == owner]
            shared = [t for t in PLAN.tasks if owner in t.units[1:]]

            assert led == list(tasks_led_by(PLAN, owner))
            assert shared == list(tasks_coowned_by(PLAN, owner))

    def test_items_through_tasks_are_inherited(self):
        """Items that name no owner are held through their task."""
        held = {h.node: h for h in items_of(PLAN, "财政厅")}

        assert held["indicator:spending-progress"].inherited
        assert held["indicator:spending-progress"].role is Role.CO_RESPONSIBLE
        assert not held["task:21"].inherited
        assert [h.kind.value for h in held.values()] == [
            "task",
            "task",
            "indicator",
            "indicator",
            "indicator",
        ]

    def test_via_groups(self):
        """With via_groups, a listed member also holds what its groups hold."""
        plan = plan_with_members({"rural_work_group_members": ["commerce"]})

        direct = tasks_led_by(plan, "商务厅")
        through = tasks_led_by(plan, "商务厅", via_groups=True)

        assert direct == ()
        assert [t.number for t in through] == [1, 2, 3, 6, 14, 15, 16, 17]
        assert {h.via for h in items_of(plan, "商务厅", via_groups=True) if h.via} == {
            "rural_work_group_members"
        }

    def test_foreign_unit_object(self):
        """A unit object that is not the plan's is looked up by its name."""
        stranger = ResponsibleUnit(id="finance", name="财政厅", aliases=("钱袋子",))

        assert items_of(PLAN, stranger) == items_of(PLAN, "finance")

    def test_unknown_unit(self):
        """An unknown name is an error with suggestions."""
        with pytest.raises(UnknownUnitError, match="unknown unit '商务局'; closest known: 商务厅"):
            tasks_led_by(PLAN, "商务局")

    def test_indicators_of(self):
        """A unit's indicators are those of its tasks and those naming it."""
        unit = PLAN.units.resolve("人社厅")
        expected = [
            i
            for i in PLAN.indicators
            if unit in i.owners or (not i.owners and i.task and unit in PLAN.task(i.task).units)
        ]

        found = indicators_of(PLAN, "人社厅")

        assert all(isinstance(i, Indicator) for i in found)
        assert expected == list(found)
        assert [i.task for i in found] == [4, 4, 12, 12, 12, 12]

    def test_indicator_owners(self):
        """An indicator answers through its task unless it names owners."""
        owners = indicator_owners(PLAN, "spending-progress")

        assert [o.owner.id for o in owners] == [o.id for o in PLAN.task(21).units]
        assert all(o.inherited for o in owners)
        assert [o.role for o in owners][:2] == [Role.LEAD, Role.CO_RESPONSIBLE]

    def test_unknown_indicator(self):
        """An unknown indicator is named."""
        with pytest.raises(UnknownItemError, match="unknown indicator 'no-such'"):
            indicator_owners(PLAN, "no-such")


class TestWorkload:
    def test_counts_match_the_other_queries(self):
        """Task counts by role and campaign agree with the task queries."""
        for owner in PLAN.units:
            load = workload(PLAN, owner)

            assert load.lead == len(tasks_led_by(PLAN, owner))
            assert load.co_responsible == len(tasks_coowned_by(PLAN, owner))
            assert sum(n for _, n in load.by_campaign) == load.tasks

    def test_months_of_due_dates(self):
        """Due dates are counted by month: milestones, dated targets, reported obligation windows."""
        load = workload(PLAN, "农业农村厅")

        assert dict(load.by_month)["2025-07"] == 3
        assert [month for month, _ in load.by_month] == sorted(month for month, _ in load.by_month)


class TestStructure:
    def test_co_responsibility_weights(self):
        """Each pair's tasks are exactly the tasks naming both."""
        for pair in co_responsibility(PLAN):
            expected = tuple(
                t.number for t in PLAN.tasks if pair.first in t.units and pair.second in t.units
            )

            assert expected == pair.tasks
        weights = [p.weight for p in co_responsibility(PLAN)]
        assert weights == sorted(weights, reverse=True)

    def test_co_responsibility_pair_order(self):
        """The first of a pair comes earlier in the plan's order than the second."""
        order = PLAN.unit_order()

        assert all(order[p.first.id] < order[p.second.id] for p in co_responsibility(PLAN))
        assert all(p.weight >= 3 for p in co_responsibility(PLAN, min_shared=3))

    def test_bridging_units(self):
        """Bridges own tasks in two or more campaigns and score above zero, strongest first."""
        bridges = bridging_units(PLAN)

        assert bridges[0].owner.id == "agriculture"
        assert all(len(b.campaigns) >= 2 and b.score > 0 for b in bridges)
        assert [b.score for b in bridges] == sorted((b.score for b in bridges), reverse=True)
        for bridge in bridges:
            assert list(bridge.campaigns) == sorted(
                {t.campaign for t in PLAN.tasks if bridge.owner in t.units}
            )

    def test_responsibility_matrix(self):
        """Each cell is the owner's role in the task, as the task lists it."""
        matrix = responsibility_matrix(PLAN)

        for task, row in zip(matrix.rows, matrix.cells, strict=True):
            for owner, cell in zip(matrix.columns, row, strict=True):
                assert cell == task.role_of(owner)
        rows = matrix.to_rows(lead="L", co_responsible="C")
        assert rows[0][0] == "任务"
        assert rows[21][rows[0].index("自治区财政厅")] == "C"
        assert len(matrix.lines()) == 2 + len(matrix.rows) + len(matrix.columns)

    def test_matrix_lookup_errors(self):
        """Unknown tasks and owners are named."""
        matrix = responsibility_matrix(PLAN)

        assert matrix.role(4, PLAN.units.by_id("agriculture")) is Role.LEAD
        with pytest.raises(UnknownItemError, match="unknown task 30"):
            matrix.role(30, "财政厅")
        with pytest.raises(UnknownItemError, match="unknown owner '财政局'"):
            matrix.role(21, "财政局")


class TestSlipImpact:
    def test_slack_absorbs_a_small_slip(self):
        """A one-day slip of the self-check moves the evaluation a day but not the final report."""
        slips = slip_impact(PLAN, "self-check-acceptance", 1)

        assert [(s.node, s.delay) for s in slips] == [
            ("milestone:self-check-acceptance", 1),
            ("milestone:third-party-evaluation", 1),
            ("milestone:rectification-summary-report", 0),
        ]

    def test_zero_days_moves_nothing(self):
        """A slip of zero days leaves every date where the plan put it."""
        assert all(not s.late for s in slip_impact(PLAN, "self-check-acceptance", 0))

    def test_declared_precedence_through_a_task(self):
        """An item's slip reaches its task and what depends on the task."""
        slips = slip_impact(
            PLAN, "resident-cadre-training", 45, precedence=[("task-18", "follow-up-review")]
        )

        assert [(s.node, str(s.new_date)) for s in slips] == [
            ("milestone:resident-cadre-training", "2025-10-15"),
            ("task:18", "2025-10-15"),
            ("milestone:follow-up-review", "2025-10-31"),
        ]
        assert [s.late for s in slips] == [True, True, False]

    def test_precedence_is_not_kept(self):
        """Precedence given to one call is not remembered by the next."""
        slip_impact(PLAN, "midterm-report", 5, precedence=[("midterm-report", "follow-up-review")])

        assert len(slip_impact(PLAN, "midterm-report", 5)) == 1

    @pytest.mark.parametrize("days", [-1, 1.5, True, "3"])
    def test_days_must_be_whole_and_not_negative(self, days):
        """Only a whole number of days, 0 or more, can slip."""
        with pytest.raises(
            PlanValidationError, match="days: expected a whole number of days, 0 or more"
        ):
            slip_impact(PLAN, "midterm-report", days)

    def test_undated_task_passes_the_slip_on(self):
        """A task with no date in a chain passes its prerequisite's new date on."""
        slips = slip_impact(
            PLAN,
            "midterm-report",
            70,
            precedence=[("midterm-report", "task-11"), ("task-11", "follow-up-review")],
        )

        assert [(s.node, s.due, str(s.new_date), s.delay) for s in slips] == [
            ("milestone:midterm-report", dt.date(2025, 8, 31), "2025-11-09", 70),
            ("task:11", None, "2025-11-09", 0),
            ("milestone:follow-up-review", dt.date(2025, 10, 31), "2025-11-09", 9),
        ]
        assert str(slips[1]) == "task:11: undated → 2025-11-09 (+0)"

    @pytest.mark.parametrize(
        ("item", "due"),
        [
            ("concentrated", dt.date(2025, 9, 30)),
            ("monthly-data-comparison", dt.date(2025, 12, 31)),
        ],
    )
    def test_phases_and_obligations_slip_from_their_end(self, item, due):
        """A phase or an obligation slips from the last day of its period."""
        (slip,) = slip_impact(PLAN, item, 10)

        assert (slip.due, slip.delay) == (due, 10)

    def test_only_things_to_do_slip(self):
        """A campaign has no date to slip."""
        with pytest.raises(
            PlanValidationError, match="campaign-7: expected an item with a due date"
        ):
            slip_impact(PLAN, "campaign-7", 3)

    def test_undated_item(self):
        """An item without a date cannot slip."""
        with pytest.raises(
            PlanValidationError, match="industry-share: expected an item with a due date"
        ):
            slip_impact(PLAN, "industry-share", 3)

    def test_cycle(self):
        """Assumed precedence that closes a cycle is refused."""
        with pytest.raises(DependencyCycleError, match="precedence cycle"):
            slip_impact(
                PLAN,
                "midterm-report",
                3,
                precedence=[("rectification-summary-report", "self-check-acceptance")],
            )

    def test_unknown_item(self):
        """An item the plan does not have is refused."""
        with pytest.raises(UnknownUnitError, match="unknown unit 'midterm'"):
            slip_impact(PLAN, "midterm", 3)


def test_queries_accept_a_graph():
    """Every time-free query gives the same answer for the plan and for its graph."""
    graph = build_graph(PLAN)

    assert items_of(graph, "财政厅") == items_of(PLAN, "财政厅")
    assert co_responsibility(graph) == co_responsibility(PLAN)
    assert responsibility_matrix(graph) == responsibility_matrix(PLAN)
    assert tasks_coowned_by(graph, "财政厅") == (PLAN.task(20), PLAN.task(21))
    assert nx.is_frozen(graph)


ROOT = Path(__file__).parent.parent


class TestGuideAndExample:
    def test_guide_examples_run(self):
        """Every Python example of docs/queries.md gives the output shown."""
        flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
        result = doctest.testfile(
            str(ROOT / "docs" / "queries.md"), module_relative=False, optionflags=flags
        )

        assert result.attempted > 30
        assert 0 == result.failed

    def test_example_script(self):
        """examples/overdue_units.py lists finance and not commerce on 2025-08-01."""
        done = subprocess.run(  # noqa: S603 - our own script, run by this interpreter
            [sys.executable, str(ROOT / "examples" / "overdue_units.py")],
            capture_output=True,
            text=True,
            check=True,
            encoding="utf-8",
        )

        assert "有逾期事项的责任单位 26 个" in done.stdout
        assert "\n自治区财政厅\n" in done.stdout
        assert "自治区商务厅" not in done.stdout
        assert "召开问题整改现场推进会" in done.stdout.split("未明确责任单位的逾期事项")[1]
