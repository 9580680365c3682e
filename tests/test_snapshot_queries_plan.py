"""The snapshot queries asked with a plan (no graph built) answer as when asked with its graph."""

import datetime as dt

import attrs
from hypothesis import given
from hypothesis import strategies as st

import xiaojie as xj
from xiaojie.graph import build_graph
from xiaojie.queries import units_with_overdue_tasks, upcoming_deadlines
from xiaojie.tracking import status


PLAN = xj.load_plan()
as_of_dates = st.dates(min_value=dt.date(2025, 6, 1), max_value=dt.date(2026, 1, 31))


def _fresh(plan):
    """Return an equal plan object with nothing derived yet (so no index is shared)."""
    return attrs.evolve(plan)


@given(as_of=as_of_dates, days=st.integers(min_value=0, max_value=120))
def test_plan_and_graph_give_the_same_rows(as_of, days):
    """units_with_overdue_tasks and upcoming_deadlines are equal from a plan and from its graph."""
    plan = _fresh(PLAN)
    snapshot = status(plan, as_of=as_of)
    graph = build_graph(plan)
    assert units_with_overdue_tasks(plan, snapshot) == units_with_overdue_tasks(graph, snapshot)
    end = as_of + dt.timedelta(days=days)
    assert upcoming_deadlines(plan, snapshot, start=as_of, end=end) == upcoming_deadlines(
        graph, snapshot, start=as_of, end=end
    )


@given(as_of=as_of_dates, drop=st.integers(min_value=0, max_value=10_000))
def test_an_edited_plan_falls_back_on_the_entries_owners_alike(as_of, drop):
    """A snapshot of the plan read against the plan without one item: both ways list the same."""
    snapshot = status(PLAN, as_of=as_of)
    after = {a for m in PLAN.milestones for a in m.after}
    free = [m for m in PLAN.milestones if m.id not in after]  # no other item waits for these
    gone = free[drop % len(free)]
    edited = attrs.evolve(PLAN, milestones=tuple(m for m in PLAN.milestones if m is not gone))
    assert all(m.id != gone.id for m in edited.milestones)
    from_plan = units_with_overdue_tasks(edited, snapshot)
    from_graph = units_with_overdue_tasks(build_graph(edited), snapshot)
    assert from_plan == from_graph


def test_a_task_duty_of_an_unknown_or_odd_number_is_not_found():
    """Entries keyed task-07 or task-999 name no task of the plan: their listed owners are used."""
    from xiaojie.queries._index import _entry_item

    snapshot = status(PLAN, as_of=dt.date(2025, 8, 1))
    duty = next(e for e in snapshot if e.item_id.startswith("task-"))
    assert _entry_item(PLAN, duty) is PLAN.task(int(duty.item_id.removeprefix("task-")))
    for odd in ("task-07", "task-999", "task-x", "task-"):
        assert _entry_item(PLAN, attrs.evolve(duty, item_id=odd)) is None
